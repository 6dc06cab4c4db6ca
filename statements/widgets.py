import datetime

from django import forms
from django.contrib.admin import widgets as admin_widgets


class AutocompleteSelect(admin_widgets.AutocompleteSelect):
    """The admin's autocomplete select, its empty choice valid HTML: the first option of a
    required select has an empty value, and no option is empty (select2 shows neither)."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = groups[0][1]
        if not options or options[0]["value"] != "":
            options.insert(0, self.create_option(name, "", "", False, 0))
        for option in options:
            if option["value"] == "" and not option["label"]:
                option["label"] = "—"
        return groups


class DateInput(forms.DateInput):
    """<input type="date">: its value is a date in ISO form or nothing, so a date a visitor
    mistyped (shown in the field's error) is not echoed as an invalid value."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return None
        return value.isoformat() if isinstance(value, datetime.date) else None
