'use strict';
// Statement admin form: once speaker and date are chosen, preselect the role the speaker
// held that day (asked of the admin's role-on view). Never overrides a role the editor
// chose; without JavaScript the role is filled in on save instead.
{
    const $ = django.jQuery;

    function preselectRole() {
        const role = $('#id_role');
        const speaker = $('#id_speaker').val();
        const date = $('#id_date').val();
        const url = document.getElementById('role-on-url');
        if (!url || !speaker || !date || role.val()) {
            return;
        }
        fetch(url.dataset.url + '?' + new URLSearchParams({speaker, date}), {credentials: 'same-origin'})
            .then((response) => (response.ok ? response.json() : null))
            .then((found) => {
                if (found && found.id && !role.val()) {
                    role.append(new Option(found.text, found.id, true, true)).trigger('change');
                }
            });
    }

    $(document).on('change', '#id_speaker, #id_date', preselectRole);
    $(preselectRole);
}
