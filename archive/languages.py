"""The archive in French and English: the language is the first part of every public
address (`/fr/…`, `/en/…`, Django's i18n_patterns).

An address without it (every permalink made before the archive spoke French) redirects
to the same page in the reader's language (Accept-Language, else English): permanently,
since the page has moved for good, except `/` itself, whose target depends on who asks.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language


class LocaleMiddleware(DjangoLocaleMiddleware):
    response_redirect_class = HttpResponsePermanentRedirect

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.path_info == "/" and isinstance(response, HttpResponsePermanentRedirect):
            chosen = HttpResponseRedirect(response["Location"])
            patch_vary_headers(chosen, ("Accept-Language", "Cookie"))
            return chosen
        return response


NATIVE_NAMES = {"en": "English", "fr": "Français"}  # each language names itself


def page_languages(request) -> dict:
    """Template context: the current page in each language, for the switcher and the
    hreflang alternates: {"page_languages": [(code, name, url, current)]}."""
    current = get_language()
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append((code, NATIVE_NAMES.get(code, name), url, code == current))
    return {"page_languages": links}
