"""`{{ row|name_lang }}`: the lang attribute for a name shown in another language than the
page's (a summit known only by its French name on an English page), so screen readers
pronounce it as written; nothing when the name is in the page's language or unknown."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.filter
def name_lang(row) -> str:
    language = getattr(row, "name_language", "")
    if not language or (get_language() or "").startswith(language):
        return ""
    return format_html(' lang="{}"', language)
