"""Names of reference rows (countries, organisations, speakers, summits, topics) on a page.

`{{ row|name_lang }}`: the lang attribute for a name shown in another language than the
page's (a summit known only by its French name on an English page), so screen readers
pronounce it as written; nothing when the name is in the page's language or unknown.

`{{ row|name_link }}` (or `{{ row|name_link:"class" }}`): the name, linked to the row's page
unless the view found it has none for this visitor (`has_page` False, views.mark_pages): a
country that only hosted a summit is named, not a link to "not found"."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def name_lang(row) -> str:
    language = getattr(row, "name_language", "")
    if not language or (get_language() or "").startswith(language):
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def name_link(row, css_class: str = "") -> str:
    attributes = format_html("{}{}", format_html(' class="{}"', css_class) if css_class else "", name_lang(row))
    if getattr(row, "has_page", True):
        return format_html('<a href="{}"{}>{}</a>', row.get_absolute_url(), attributes, row.name)
    return format_html("<span{}>{}</span>", attributes, row.name) if attributes else conditional_escape(row.name)
