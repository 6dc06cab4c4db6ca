"""Any parameter on any public URL gets 200 (ignored, and said so), 400 or 404: never a 500."""

import pytest
from django.urls import reverse

from statements.search import refresh_search_vectors
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    SpeakerFactory,
    StatementFactory,
    SummitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

LISTS = [
    ("statements:list", {}),
    ("statements:speakers", {}),
    ("statements:speaker", {"slug": "aline"}),
    ("statements:country", {"slug": "arcadia"}),
    ("statements:summit", {"slug": "sommet"}),
    ("statements:topic", {"slug": "peace"}),
    ("statements:organisation", {"slug": "league"}),
    ("statements:countries", {}),
    ("statements:summits", {}),
    ("statements:topics", {}),
    ("statements:organisations", {}),
    ("statements:home", {}),
]

BAD_QUERIES = [
    "date_from=2025-13-45",
    "date_to=0000-00-00",
    "page=0",
    "page=-1",
    "page=abc",
    "page=99999",
    "year=99999999999999999999",
    "year=-5",
    "country=99999999999999999999",
    "speaker=99999999999999999999",
    "q=%00",
    "q=abc%00def",
    "q=" + "garantie " * 1100,
    "q=" + "%26%7C%21%28%29%3A%2A%3C-%3E%22",
    "q=%22unbalanced",
    "q=a%20%3C-%3E%20b%20%3A%2A",
    "unknown=1&also=2",
    "country=XA&country=XA&country=ZZ",
    "sort=sideways&per_page=100000",
    "q=%FF%FE%C3",
    "mode=direct&mode=nonsense",
    "topic=%00",
]


@pytest.fixture(scope="module")
def shared_pages(shared_rows):
    """One of each page's object, made once for the module (its tests only read them)."""
    country = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA", slug="arcadia")
    speaker = SpeakerFactory(slug="aline", country=country)
    statement = StatementFactory(speaker=speaker, country=country, summit=SummitFactory(slug="sommet"))
    statement.topics.add(TopicFactory(slug="peace"))
    OrganisationFactory(slug="league")
    refresh_search_vectors()


@pytest.fixture
def pages(shared_pages, db):
    return shared_pages


@pytest.mark.parametrize(("name", "kwargs"), LISTS)
def test_bad_parameters_never_cause_a_server_error(client, pages, name, kwargs):
    """Every bad query string on this URL; a failure names both."""
    failures = []
    for query in BAD_QUERIES:
        url = f"{reverse(name, kwargs=kwargs)}?{query}"
        status = client.get(url).status_code
        if status not in (200, 400, 404):
            failures.append(f"{url[:120]} -> {status}")
    assert not failures, failures


def test_invalid_date_is_ignored_and_said_so(client, pages):
    response = client.get(reverse("statements:list") + "?date_from=2025-13-45")
    assert response.status_code == 200
    assert response.context["paginator"].count == 1
    assert "From was ignored: Enter a valid date." in response.content.decode()


def test_nul_byte_in_search_is_ignored_and_said_so(client, pages):
    response = client.get(reverse("statements:list") + "?q=abc%00def")
    assert response.status_code == 200
    assert "Search was ignored: Null characters are not allowed." in response.content.decode()


def test_very_long_search_is_ignored_and_said_so(client, pages):
    response = client.get(reverse("statements:list"), {"q": "x" * 10_000})
    assert response.status_code == 200
    assert "Search was ignored" in response.content.decode()


def test_page_beyond_the_end_shows_the_last_page(client, pages):
    response = client.get(reverse("statements:list"), {"page": "99999"})
    assert response.context["page_obj"].number == 1


@pytest.mark.parametrize(
    "path",
    [
        "/en/statements/99999999999999999999/",
        "/en/statements/0/",
        "/en/speakers/nobody/",
        "/en/countries/atlantis/",
        "/en/summits/nothing/",
        "/en/topics/none/",
        "/en/organisations/none/",
    ],
)
def test_unknown_objects_are_not_found(client, pages, path):
    assert client.get(path).status_code == 404
