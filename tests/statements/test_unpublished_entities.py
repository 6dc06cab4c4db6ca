"""A speaker, country, organisation, summit or topic known only through drafts or statements
in review is invisible to the public: no page, no list entry, no API entry, no sitemap
entry, no filter value. The same rows become public with their first published statement."""

import pytest
from django.test import Client

from statements.models import StatementLink
from statements.workflow import publish
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    SummitFactory,
    TopicFactory,
)


@pytest.fixture
def hidden(db):
    """Rows mentioned only by a draft and a statement in review, next to a published statement."""
    rows = {
        "speaker": SpeakerFactory(name="Octave Brouillon", slug="octave-brouillon"),
        "country": CountryFactory(iso_alpha2="XQ", iso_alpha3="XQQ", name_en="Draftonia", slug="draftonia"),
        "organisation": OrganisationFactory(name="Draft Pact", slug="draft-pact"),
        "summit": SummitFactory(name="Sommet en attente", slug="sommet-en-attente"),
        "topic": TopicFactory(name_en="Pending matters", slug="pending-matters"),
    }
    draft = StatementFactory(
        draft=True,
        speaker=rows["speaker"],
        country=rows["country"],
        organisation=rows["organisation"],
        summit=rows["summit"],
        text="Une phrase encore en relecture.",
    )
    draft.topics.add(rows["topic"])
    draft.countries_mentioned.add(rows["country"])
    StatementFactory(in_review=True, speaker=rows["speaker"], summit=rows["summit"])
    StatementFactory(text="Une déclaration publiée par quelqu'un d'autre.")
    rows["draft"] = draft
    return rows


PAGES = {
    "speaker": "/en/speakers/octave-brouillon/",
    "country": "/en/countries/draftonia/",
    "organisation": "/en/organisations/draft-pact/",
    "summit": "/en/summits/sommet-en-attente/",
    "topic": "/en/topics/pending-matters/",
}
LISTS = {
    "speaker": "/en/speakers/",
    "country": "/en/countries/",
    "organisation": "/en/organisations/",
    "summit": "/en/summits/",
    "topic": "/en/topics/",
}
API = {
    "speaker": ("/api/speakers/", "id"),
    "country": ("/api/countries/", "iso_alpha2"),
    "organisation": ("/api/organisations/", "id"),
    "summit": ("/api/summits/", "id"),
    "topic": ("/api/topics/", "id"),
}
FILTERS = {
    "speaker": "speaker=octave-brouillon",
    "country": "country=XQ",
    "organisation": "organisation=draft-pact",
    "summit": "summit=sommet-en-attente",
    "topic": "topic=pending-matters",
}
NAMES = {
    "speaker": "Octave Brouillon",
    "country": "Draftonia",
    "organisation": "Draft Pact",
    "summit": "Sommet en attente",
    "topic": "Pending matters",
}


def test_pages_of_unpublished_entities_are_404(client, hidden):
    for kind, url in PAGES.items():
        assert client.get(url).status_code == 404, kind


def test_lists_api_and_sitemap_leave_them_out(client, hidden):
    for kind, url in LISTS.items():
        page = client.get(url)
        assert page.status_code == 200
        assert NAMES[kind] not in page.content.decode(), kind
    for kind, (url, key) in API.items():
        listed = client.get(url).json()["results"]
        assert all(row[key] != getattr(hidden[kind], key) for row in listed), kind
        assert client.get(f"{url}{getattr(hidden[kind], key)}/").status_code == 404, kind
    sitemap = client.get("/sitemap.xml").content.decode()
    for kind, url in PAGES.items():
        assert url not in sitemap, kind


def test_their_slugs_are_ignored_as_filters_and_never_named(client, hidden):
    everything = client.get("/en/statements/").context["page_obj"].paginator.count
    for kind, query in FILTERS.items():
        page = client.get(f"/en/statements/?{query}")
        assert page.status_code == 200
        # Ignored: the result is the unfiltered one, and the name appears nowhere (no chip,
        # no <option>).
        assert page.context["page_obj"].paginator.count == everything, kind
        assert NAMES[kind] not in page.content.decode(), kind
        api = client.get(f"/api/statements/?{query}")
        assert api.status_code in (200, 400), kind
        assert NAMES[kind] not in api.content.decode(), kind


def test_staff_preview_the_pages_of_draft_entities(editor_client, hidden):
    for kind, url in PAGES.items():
        assert editor_client.get(url).status_code == 200, kind


def test_publishing_the_statement_makes_them_public(hidden, chief):
    publish(statement=hidden["draft"], user=chief)
    client = Client()
    for kind, url in PAGES.items():
        assert client.get(url).status_code == 200, kind
        assert NAMES[kind] in client.get(LISTS[kind]).content.decode(), kind


def test_links_to_unpublished_statements_are_left_out_of_the_api_and_the_page(client, chief):
    draft = StatementFactory(draft=True, text="Une réponse encore en brouillon.")
    answer_to = StatementFactory(text="La question posée publiquement.")
    StatementLink.objects.create(from_statement=answer_to, to_statement=draft, kind="answers", basis="editorial")
    api = client.get(f"/api/statements/{answer_to.pk}/").json()
    assert api["links"] == []
    page = client.get(answer_to.get_absolute_url()).content.decode()
    assert f"/en/statements/{draft.pk}/" not in page
    publish(statement=draft, user=chief)
    assert [link["to_statement"] for link in client.get(f"/api/statements/{answer_to.pk}/").json()["links"]] != []


def test_a_sources_editors_notes_never_reach_a_public_page(client, db):
    statement = StatementFactory(source=SourceFactory(notes="Note interne : appeler le service de presse."))
    for url in (statement.get_absolute_url(), f"/api/statements/{statement.pk}/", "/api/sources/",
                "/en/statements/?format=json", "/en/statements/?format=csv"):  # fmt: skip
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert "appeler le service de presse" not in body.decode(), url
