"""A repeated request for an unchanged public page is answered 304 without rendering it;
any write, another address, another day or a logged-in editor gets the page itself."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

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
