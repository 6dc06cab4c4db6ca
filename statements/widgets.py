from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")  # a constant, no data in it


class CompactSelectMultiple(forms.SelectMultiple):
    """A <select multiple> rendered in one pass.

    Django renders every option through its own template, about 0.1 ms each: for the 249
    countries on every list page that was a third of the page's time. Labels and values
    are escaped by format_html as usual.
    """

    def render(self, name, value, attrs=None, renderer=None):  # noqa: ARG002 — no template, no renderer
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(option), SELECTED if str(option) in selected else "", label) for option, label in self.choices),
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select multiple{}>{}</select>", flatatt(final_attrs), options)
