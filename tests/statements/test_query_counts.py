"""Every page runs a bounded number of queries, whatever the number of rows it shows."""

import pytest
from django.urls import reverse

from statements import caching
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

# With a cold cache, a list page runs: the rows of the page and their sources, headlines
# and where each result matched when searching, the quotes' words in the page's language
# (reports, then translations), the table's size (whether to sample it, statements/
# sampling.py), the count, the facets (one query, and one more per facet with a
# selection), the names of the values of 6 of them, the choices of the reference filters
# (validated once), and the cache's reads and writes (its DatabaseCache write alone is
# five statements; the marker that one request is computing the summary, added then
# deleted, about as many), and here, since each test runs in a transaction, a savepoint
# around the look at the table's size, the count and the facets (two statements each;
# none in autocommit, as in production). None depends on the number of rows shown. With a
# warm cache the count and facets disappear.
MAX_QUERIES = 39
MAX_QUERIES_WARM = 10


@pytest.fixture(scope="module")
def hundred(shared_rows):
    """100 published statements sharing a country, organisation, summit and topic, by 100
    speakers: made once for the module (its tests only read them)."""
    country = CountryFactory(iso_alpha2="XQ", iso_alpha3="XQQ", slug="queryland")
    organisation = OrganisationFactory(slug="query-league")
    summit = SummitFactory(slug="query-summit")
    topic = TopicFactory(slug="query-topic")
    statements = []
    for number in range(100):
        role = RoleFactory(country=country, organisation=organisation)
        statement = StatementFactory(
            text=f"Déclaration numéro {number} sur la paix",
            speaker=role.speaker,
            role=role,
            country=country,
            summit=summit,
        )
        statement.topics.add(topic)
        statement.countries_mentioned.add(country)
        statements.append(statement)
    refresh_search_vectors()
    caching.generation()  # stored, as by any first request in production
    return statements


@pytest.mark.parametrize(
    "url",
    [
        reverse("statements:list") + "?per_page=100",
        reverse("statements:list") + "?per_page=100&q=paix",
        reverse("statements:list") + "?per_page=100&country=XQ&topic=query-topic&q=paix",
        reverse("statements:country", kwargs={"slug": "queryland"}) + "?per_page=100",
        reverse("statements:summit", kwargs={"slug": "query-summit"}) + "?per_page=100",
        reverse("statements:topic", kwargs={"slug": "query-topic"}) + "?per_page=100",
        reverse("statements:organisation", kwargs={"slug": "query-league"}) + "?per_page=100",
        reverse("statements:home"),
        reverse("statements:speakers"),
        reverse("statements:speakers") + "?q=Aline",
        reverse("statements:countries"),
        reverse("statements:summits"),
        reverse("statements:topics"),
        reverse("statements:organisations"),
    ],
)
def test_list_pages_run_a_bounded_number_of_queries(client, hundred, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


def test_warm_list_page_skips_counting_and_faceting(client, hundred, django_assert_max_num_queries):
    url = reverse("statements:list") + "?per_page=100&country=XQ"
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES_WARM):
        response = client.get(url)
    assert response.context["paginator"].count == 100


def test_list_shows_100_statements_on_a_page(client, hundred):
    response = client.get(reverse("statements:list"), {"per_page": "100"})
    assert len(response.context["statements"]) == 100


def test_speaker_page_runs_a_bounded_number_of_queries(client, hundred, django_assert_max_num_queries):
    speaker = SpeakerFactory(slug="prolific")
    role = RoleFactory(speaker=speaker)
    StatementFactory.create_batch(30, speaker=speaker, role=role, summit=SummitFactory())
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(speaker.get_absolute_url(), {"per_page": "25"})
    assert len(response.context["statements"]) == 25


def test_statement_page_runs_a_bounded_number_of_queries(client, hundred, django_assert_max_num_queries):
    statement = hundred[0]
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(statement.get_absolute_url())
    assert len(response.context["same_summit"]) == 10
