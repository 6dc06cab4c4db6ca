"""Cached counts and facets never outlive a change of the data."""

import pytest
from django.urls import reverse

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
    facets = {facet.label: [value.label for value in facet.values] for facet in client.get(LIST).context["facets"]}
    assert facets["Topic"] == ["Freshly tagged"]


def test_page_and_sort_share_the_cached_summary(client, index, django_assert_max_num_queries):
    StatementFactory.create_batch(3)
    client.get(LIST, {"sort": "oldest"})
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"sort": "newest", "per_page": "50"})
    assert response.context["paginator"].count == 3
