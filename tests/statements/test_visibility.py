"""Drafts, statements in review and retracted statements never show on a public surface."""

import pytest
from django.urls import reverse

from statements.search import refresh_search_vectors
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RoleFactory,
    SpeakerFactory,
    StatementFactory,
    SummitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = {
    "draft": "Texte brouillon zanzibar",
    "in_review": "Texte relecture zanzibar",
    "retracted": "Texte retiré zanzibar",
}


@pytest.fixture(scope="module")
def hidden_world(shared_rows):
    """Made once for the module: its tests only read it."""
    country = CountryFactory(iso_alpha2="XH", iso_alpha3="XHH", slug="hiddenland", name_en="Hiddenland")
    organisation = OrganisationFactory(slug="hidden-league")
    speaker = SpeakerFactory(slug="hidden-speaker")
    role = RoleFactory(speaker=speaker, country=country, organisation=organisation)
    summit = SummitFactory(slug="hidden-summit")
    topic = TopicFactory(slug="hidden-topic", name_en="Hidden topic")
    for trait, text in HIDDEN.items():
        statement = StatementFactory(
            text=text, speaker=speaker, role=role, country=country, summit=summit, **{trait: True}
        )
        statement.topics.add(topic)
        statement.countries_mentioned.add(country)
    refresh_search_vectors()
    return locals()


SURFACES = [
    reverse("statements:home"),
    reverse("statements:list"),
    reverse("statements:list") + "?q=zanzibar",
    reverse("statements:list") + "?country=XH",
    reverse("statements:list") + "?mentions=XH",
    reverse("statements:speaker", kwargs={"slug": "hidden-speaker"}),
    reverse("statements:country", kwargs={"slug": "hiddenland"}),
    reverse("statements:summit", kwargs={"slug": "hidden-summit"}),
    reverse("statements:topic", kwargs={"slug": "hidden-topic"}),
    reverse("statements:organisation", kwargs={"slug": "hidden-league"}),
]


@pytest.mark.parametrize("url", SURFACES)
def test_unpublished_text_appears_on_no_public_page(client, hidden_world, url):
    body = client.get(url).content.decode()
    for text in HIDDEN.values():
        assert text not in body


ENTITY_PAGES = [url for url in SURFACES if url.count("/") == 4 and not url.startswith("/en/statements/")]


@pytest.mark.parametrize("url", [url for url in SURFACES if url.startswith("/en/statements/")])
def test_unpublished_statements_are_not_counted(client, hidden_world, url):
    response = client.get(url)
    assert response.context["paginator"].count == 0
    assert all(value.count == 0 for facet in response.context["facets"] for value in facet.values)


@pytest.mark.parametrize("url", ENTITY_PAGES)
def test_entities_known_only_through_unpublished_statements_have_no_page(client, hidden_world, url):
    assert client.get(url).status_code == 404


def test_index_pages_list_no_entity_without_a_published_statement(client, hidden_world):
    for name in ("speakers", "topics", "summits", "organisations", "countries"):
        assert list(client.get(reverse(f"statements:{name}")).context[name]) == [], name
