"""A repeated request for an unchanged public page is answered 304 without rendering it;
any write, another address, another day or a logged-in editor gets the page itself."""

import datetime

import pytest
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from statements import caching
from statements.caching import ConditionalPagesMiddleware
from statements.models import Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db
LIST = reverse("statements:list")


def etag_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    return response["ETag"]


def test_an_unchanged_page_is_not_sent_again(client, index):
    statement = StatementFactory()
    for url in (LIST, statement.get_absolute_url()):
        etag = etag_of(client, url)
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert again.content == b""
        assert again["ETag"] == etag


def test_any_write_changes_every_page(client, index):
    statement = StatementFactory()
    etag = etag_of(client, LIST)
    statement.status = Statement.Status.DRAFT  # taken back: no cache may keep showing it
    statement.save()
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_another_address_or_day_is_another_page(client, index, monkeypatch):
    StatementFactory()
    etag = etag_of(client, LIST)
    assert etag_of(client, LIST + "?sort=oldest") != etag
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_editors_and_other_paths_get_no_etag(admin_client, client, index):
    StatementFactory()
    assert not admin_client.get(LIST).has_header("ETag")
    assert not client.get("/api/statements/").has_header("ETag")
    assert not client.get("/en/statements/999999/").has_header("ETag")


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 3600


def test_the_next_reader_of_a_page_is_served_without_rendering(
    client, index, page_cache, django_assert_max_num_queries
):
    statement = StatementFactory(text="Nous tiendrons la ligne.")
    first = client.get(statement.get_absolute_url())
    assert first.context is not None  # rendered
    with django_assert_max_num_queries(2):  # the generation and the kept page
        again = Client().get(statement.get_absolute_url())
    assert again.context is None  # not rendered
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]  # the inner middleware's headers


def test_a_kept_page_never_outlives_a_change_or_reaches_an_editor(client, index, page_cache, editor_client):
    statement = StatementFactory(text="Nous tiendrons la ligne.")
    assert "Nous tiendrons la ligne." in client.get(LIST).content.decode()
    statement.status = Statement.Status.DRAFT
    statement.published_at = None
    statement.save()
    assert "Nous tiendrons la ligne." not in client.get(LIST).content.decode()
    assert editor_client.get(LIST).context is not None  # editors' pages are rendered for them


def test_a_page_that_sets_a_cookie_is_not_kept(db, page_cache):
    def page(request, cookie: bool):
        response = HttpResponse("a page")
        if cookie:
            response.set_cookie("seen", "1")
        return response

    for cookie, kept in ((True, False), (False, True)):
        response = ConditionalPagesMiddleware(lambda request, cookie=cookie: page(request, cookie))(
            RequestFactory().get(f"{LIST}?cookie={cookie}")
        )
        assert (caches["pages"].get(response["ETag"]) is not None) is kept


def test_a_new_release_is_another_page(client, index, monkeypatch):
    """A deploy that changes templates, code or static files is never answered with the
    previous release's page: neither a 304 nor the page cache's copy."""
    monkeypatch.setattr(settings, "PAGE_CACHE_SECONDS", 60)
    StatementFactory()
    etag = etag_of(client, LIST)
    monkeypatch.setattr(caching, "release_digest", lambda: "another-release")
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200
    assert etag_of(client, LIST) != etag


def test_the_release_digest_follows_the_files_that_shape_a_page(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "BASE_DIR", tmp_path)
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ statement }}</p>")
    caching.release_digest.cache_clear()
    try:
        first = caching.release_digest()
        caching.release_digest.cache_clear()
        assert caching.release_digest() == first  # the same files, the same digest
        template.write_text("<p>{{ statement|upper }}</p>")
        caching.release_digest.cache_clear()
        assert caching.release_digest() != first
    finally:
        caching.release_digest.cache_clear()
