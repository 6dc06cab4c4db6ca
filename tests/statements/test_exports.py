"""Downloads and feeds of a list: exactly the filtered published statements, all pages, safe."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from statements.search import refresh_search_vectors
from tests.factories import CountryFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db
LIST = reverse("statements:list")
ATOM = "{http://www.w3.org/2005/Atom}"


def download(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, url=LIST, **params) -> list[dict]:
    text = download(client, url, format="csv", **params)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def listed_ids(client, url=LIST, **params) -> set[int]:
    """Every id the HTML list shows, walking all its pages."""
    ids, page = set(), 1
    while True:
        response = client.get(url, {**params, "page": page, "per_page": 25})
        ids |= {statement.pk for statement in response.context["statements"]}
        if not response.context["page_obj"].has_next():
            return ids
        page += 1


@pytest.fixture(scope="module")
def many(shared_rows):
    """Made once for the module; the tests that add rows add newer ones, listed first."""
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA")
    StatementFactory.create_batch(40, country=arcadia, text="Paix et prospérité à Élancourt")
    StatementFactory.create_batch(20, language="en", text="Peace and trade")
    StatementFactory.create_batch(3, draft=True, country=arcadia)
    StatementFactory.create_batch(2, in_review=True)
    StatementFactory(retracted=True, country=arcadia)
    refresh_search_vectors()


def test_csv_has_every_filtered_row_across_pages(client, many):
    rows = csv_rows(client, country="XA")
    assert {int(row["id"]) for row in rows} == listed_ids(client, country="XA")
    assert len(rows) == 40


def test_json_has_every_filtered_row_in_list_order(client, many):
    rows = json.loads(download(client, LIST, format="json", language="en", sort="oldest"))
    response = client.get(LIST, {"language": "en", "sort": "oldest", "per_page": 100})
    assert [row["id"] for row in rows] == [statement.pk for statement in response.context["statements"]]


def test_search_export_matches_the_search(client, many):
    rows = csv_rows(client, q="prosperite")
    assert len(rows) == 40


def test_unpublished_statements_are_never_exported(client, many):
    assert len(csv_rows(client)) == 60
    assert len(json.loads(download(client, LIST, format="json"))) == 60


def test_speaker_page_exports_only_that_speaker(client, index):
    speaker = SpeakerFactory(slug="lone-voice")
    StatementFactory.create_batch(3, speaker=speaker)
    StatementFactory.create_batch(2)
    index()
    rows = csv_rows(client, reverse("statements:speaker", kwargs={"slug": "lone-voice"}))
    assert {row["speaker_ids"] for row in rows} == {str(speaker.pk)}


def test_csv_keeps_accents_and_columns(client, many):
    row = csv_rows(client, country="XA")[0]
    assert row["text"] == "Paix et prospérité à Élancourt"
    assert row["countries"] == "XA"
    assert row["permalink"].endswith(f"/en/statements/{row['id']}/")


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://evil.example")', "+1+1", "-2+3", "@SUM(A1)"])
def test_csv_neutralises_formulas(client, index, dangerous):
    StatementFactory(text=dangerous, attribution=dangerous)
    index()
    row = csv_rows(client)[0]
    assert row["text"] == "'" + dangerous
    assert row["attribution"] == "'" + dangerous


def test_json_carries_hostile_text_intact_and_escaped(client, index):
    hostile = '</script><script>alert("x")</script> "quoted" \u202eRTL'
    StatementFactory(text=hostile)
    index()
    text = download(client, LIST, format="json")
    assert json.loads(text)[0]["text"] == hostile


def test_feed_is_atom_with_the_latest_filtered_statements(client, many):
    response = client.get(LIST, {"format": "atom", "country": "XA"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 40
    assert all("/en/statements/" in entry.find(f"{ATOM}link").get("href") for entry in entries)


def test_feed_escapes_hostile_text(client, index):
    hostile = '<script>alert(1)</script> & "x"'
    StatementFactory(text=hostile, speaker=SpeakerFactory(name="<b>Nobody</b>"))
    index()
    content = client.get(LIST, {"format": "atom"}).content
    feed = ET.fromstring(content)  # well-formed despite the markup in the data
    summary = feed.find(f"{ATOM}entry/{ATOM}summary").text
    assert hostile in summary
    assert b"<script>" not in content


def test_list_pages_link_their_feed_and_downloads(client, many):
    body = client.get(LIST, {"country": "XA", "page": 2}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in body
    assert 'href="/en/statements/?country=XA&amp;format=atom"' in body
    assert 'href="/en/statements/?country=XA&amp;format=csv"' in body
