"""Cached counts and facets never outlive a change of the data."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from statements import caching, listing, sampling
from statements.models import Statement
from tests.factories import StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db
LIST = reverse("statements:list")


def count(client, **params) -> int:
    return client.get(LIST, params).context["paginator"].count


def test_new_statement_shows_in_the_count_at_once(client, index):
    StatementFactory()
    assert count(client) == 1
    StatementFactory()
    assert count(client) == 2


def test_unpublishing_drops_the_statement_from_count_and_facets(client, index):
    statement = StatementFactory(language="en")
    assert count(client, language="en") == 1
    statement.status = Statement.Status.DRAFT
    statement.published_at = None
    statement.save()
    response = client.get(LIST, {"language": "en"})
    assert response.context["paginator"].count == 0
    assert response.context["facets"] == []


def test_tagging_a_statement_updates_the_topic_facet(client, index):
    statement = StatementFactory()
    client.get(LIST)
    statement.topics.add(TopicFactory(name_en="Freshly tagged"))
    index([statement.pk])  # what the commit would do
    facets = {facet.label: [value.label for value in facet.values] for facet in client.get(LIST).context["facets"]}
    assert facets["Topic"] == ["Freshly tagged"]


def test_page_and_sort_share_the_cached_summary(client, index, django_assert_max_num_queries):
    StatementFactory.create_batch(3)
    client.get(LIST, {"sort": "oldest"})
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"sort": "newest", "per_page": "50"})
    assert response.context["paginator"].count == 3


def _too_slow(*args, **kwargs):
    """Real work the database cancels: a statement timeout of 50 ms, then a 1 s query."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        cursor.execute("SELECT pg_sleep(1)")


def test_facets_cancelled_by_the_statement_timeout_leave_a_page_that_says_so(client, index, monkeypatch):
    StatementFactory.create_batch(3)
    index()
    monkeypatch.setattr(listing, "count_facets", _too_slow)
    response = client.get(reverse("statements:list"))
    assert response.status_code == 200
    assert response.context["facets"] == []
    assert response.context["paginator"].count == 3  # the count itself was in time
    assert "could not be counted in time" in response.content.decode()


def test_a_cancelled_query_is_none_and_the_connection_still_works(db):
    assert listing._in_time(_too_slow) is None
    assert Statement.objects.count() == 0


def test_an_estimated_count_reads_the_plan(index):
    StatementFactory.create_batch(5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE statements_statement")
    assert 1 <= sampling.planner_rows(Statement.objects.published()) <= 50


@pytest.mark.django_db(transaction=True)
def test_a_transaction_reads_its_own_writes_and_others_the_committed_data():
    """Uncommitted rows never reach what other connections cache; the commit bumps once."""

    def seen_elsewhere():
        with ThreadPoolExecutor(1) as pool:  # a thread has its own database connection
            return pool.submit(lambda: (caching.generation(), connections.close_all())[0]).result()

    committed = caching.generation()
    with transaction.atomic():
        StatementFactory()
        first = caching.generation()
        StatementFactory()
        second = caching.generation()
        assert len({committed, first, second}) == 3
        assert seen_elsewhere() == committed
    after = caching.generation()
    assert after not in {committed, first, second}
    assert seen_elsewhere() == after
    assert int(after) == int(committed) + 1
    with transaction.atomic():
        StatementFactory()
        transaction.set_rollback(True)
    assert caching.generation() == after
