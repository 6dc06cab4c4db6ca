"""Hostile text stored in every text field is shown escaped on every public surface:
pages, search, feed, downloads, API, sitemap, citations."""

import csv
import io
import json

import pytest
from django.urls import reverse

from statements.models import Correction, Country, SpeakerAlias, StatementLink, Translation
from statements.search import refresh_search_vectors
from tests.factories import (
    OrganisationFactory,
    RoleFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    SummitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

# Fits the shortest text columns it goes into (organisation short names: 50).
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=1>{{ 7 }}\u202e'
LARGE = "<b>" + "é" * 100_000 + "</b>"


@pytest.fixture(scope="module")
def hostile_world(shared_rows):
    """Made once for the module: its tests only read it."""
    country = Country.objects.create(
        iso_alpha2="XZ", iso_alpha3="XZZ", name_en=HOSTILE, name_fr=HOSTILE, slug="hostile-land"
    )
    organisation = OrganisationFactory(name=HOSTILE, short_name=HOSTILE[:50], slug="hostile-org", country=country)
    speaker = SpeakerFactory(name=HOSTILE, native_name=HOSTILE, bio=HOSTILE, slug="hostile", country=country)
    SpeakerAlias.objects.create(speaker=speaker, name=HOSTILE)
    role = RoleFactory(speaker=speaker, title_fr=HOSTILE, country=country, organisation=organisation)
    summit = SummitFactory(name=HOSTILE, city=HOSTILE, venue=HOSTILE, description=HOSTILE, slug="hostile-summit")
    topic = TopicFactory(name_en=HOSTILE, name_fr=HOSTILE, description=HOSTILE, slug="hostile-topic")
    source = SourceFactory(title=HOSTILE, notes=HOSTILE, outlet=organisation)
    statement = StatementFactory(
        text=HOSTILE + " garantie",
        attribution=HOSTILE,
        context=LARGE,
        excerpt=HOSTILE,
        place=HOSTILE,
        speaker=speaker,
        role=role,
        country=country,
        summit=summit,
        source=source,
    )
    statement.topics.add(topic)
    statement.countries_mentioned.add(country)
    Translation.objects.create(
        statement=statement, language="en", text=HOSTILE, translator_kind="editor", translator_name=HOSTILE
    )
    answer = StatementFactory(text=HOSTILE, speaker=speaker)
    StatementLink.objects.create(from_statement=answer, to_statement=statement, kind="answers", note=HOSTILE)
    Correction.objects.create(statement=statement, note=HOSTILE)
    speaker.described_as = HOSTILE
    speaker.save()
    refresh_search_vectors()
    return statement, answer


def assert_escaped(body: str, where: str):
    assert "<script>alert(" not in body, where
    assert "<img src=x" not in body, where


HTML_PAGES = [
    "/en/",
    "/en/statements/",
    "/en/statements/?q=garantie",
    "/en/statements/?country=XZ&speaker=hostile&topic=hostile-topic",
    "/en/speakers/",
    "/en/speakers/?q=script",
    "/en/speakers/hostile/",
    "/en/countries/",
    "/en/countries/hostile-land/",
    "/en/summits/",
    "/en/summits/hostile-summit/",
    "/en/topics/",
    "/en/topics/hostile-topic/",
    "/en/organisations/",
    "/en/organisations/hostile-org/",
    "/en/corrections/",
]


@pytest.mark.parametrize("url", HTML_PAGES)
def test_pages_escape_hostile_text(client, hostile_world, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert_escaped(body, url)
    assert "{{ 7 }}" in body  # template syntax in data is shown, never run


def test_statement_page_escapes_every_field(client, hostile_world):
    statement, answer = hostile_world
    for item in (statement, answer):
        body = client.get(item.get_absolute_url()).content.decode()
        assert_escaped(body, item.get_absolute_url())
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=1&gt;" in body


def test_feeds_escape_hostile_text(client, hostile_world):
    for url in ("/en/statements/", "/en/corrections/"):
        body = client.get(url, {"format": "atom"}).content.decode()
        assert_escaped(body, f"{url} feed")


def test_downloads_carry_hostile_text_as_data(client, hostile_world):
    statement, _ = hostile_world
    text = b"".join(client.get("/en/statements/", {"format": "csv"}).streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {row["speakers"] for row in rows} == {HOSTILE}
    items = json.loads(b"".join(client.get("/en/statements/", {"format": "json"}).streaming_content))
    assert {item["attribution"] for item in items if item["id"] == statement.pk} == {HOSTILE}


@pytest.mark.parametrize(
    "url",
    ["/api/statements/", "/api/speakers/", "/api/countries/XZ/", "/api/summits/", "/api/topics/", "/api/organisations/",
     "/api/sources/"],
)  # fmt: skip
def test_api_returns_hostile_text_as_json_data(client, hostile_world, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/json"
    assert any(HOSTILE in value for value in strings_in(response.json()))


def strings_in(data):
    """Every string value in decoded JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


def test_citations_and_sitemap_survive_hostile_text(client, hostile_world):
    statement, _ = hostile_world
    bibtex = client.get(reverse("statements:cite_bibtex", args=[statement.pk])).content.decode()
    assert "\\{\\{ 7 \\}\\}" in bibtex
    json.loads(client.get(reverse("statements:cite_csl", args=[statement.pk])).content)
    assert_escaped(client.get("/sitemap.xml").content.decode(), "sitemap")
