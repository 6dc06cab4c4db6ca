'use strict';
// Statement admin form: once a speaker row and the date are filled in, preselect the role
// the archive knows that speaker held that day (asked of the admin's role-on view, which
// answers only with a role attested or known to cover the date). Never overrides a role the
// editor chose; without JavaScript the role is filled in on save instead.
{
    const $ = django.jQuery;
    const SPEAKER = 'select[name^="statement_speakers-"][name$="-speaker"]';

    function preselectRole(speakerSelect) {
        const prefix = speakerSelect.name.slice(0, -'speaker'.length);
        const role = $(`select[name="${prefix}role"]`);
        const speaker = $(speakerSelect).val();
        const date = $('#id_date').val();
        const url = document.getElementById('role-on-url');
        if (!url || !speaker || !date || !role.length || role.val()) {
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

    function preselectAll() {
        document.querySelectorAll(SPEAKER).forEach(preselectRole);
    }

    $(document).on('change', SPEAKER, (event) => preselectRole(event.target));
    $(document).on('change', '#id_date', preselectAll);
    $(preselectAll);
}
