"""The statements list: every filter, their combinations, facets, chips, sorting, pages."""

import datetime
import re

import pytest
from django.urls import reverse

from statements.models import Statement
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
LIST = reverse("statements:list")


def listed(client, **params) -> set[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    # Every matching statement, on all pages (the paginator pages through ids).
    matching = response.context["paginator"].object_list
    return set(Statement.objects.filter(pk__in=list(matching)).values_list("reports__text", flat=True))


@pytest.fixture(scope="module")
def world(shared_rows):
    """Two invented countries with one speaker each, a summit, topics, two years; made once
    for the module (a test's own changes are undone after it)."""
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA", name_en="Arcadia", slug="arcadia")
    borduria = CountryFactory(iso_alpha2="XB", iso_alpha3="XBB", name_en="Borduria", slug="borduria")
    alliance = OrganisationFactory(name="Northern Alliance", slug="northern-alliance")
    anna = SpeakerFactory(name="Anna Arcadienne", slug="anna")
    boris = SpeakerFactory(name="Boris Bordure", slug="boris")
    RoleFactory(speaker=anna, title_fr="Présidente", country=arcadia)
    boris_role = RoleFactory(speaker=boris, title_fr="Secretary General", country=borduria, organisation=alliance)
    summit = SummitFactory(name="Sommet de Fictionville", slug="fictionville")
    ceasefire = TopicFactory(name_en="Ceasefire", slug="ceasefire")
    trade = TopicFactory(name_en="Trade", slug="trade")

    first = StatementFactory(
        text="A1 paix durable",
        speaker=anna,
        country=arcadia,
        summit=summit,
        date=datetime.date(2024, 3, 1),
        mode="direct",
    )
    first.topics.add(ceasefire)
    first.countries_mentioned.add(borduria)
    second = StatementFactory(
        text="A2 commerce libre", speaker=anna, country=arcadia, date=datetime.date(2025, 6, 1), mode="indirect"
    )
    second.topics.add(trade)
    third = StatementFactory(
        text="B1 peace and trade",
        language="en",
        speaker=boris,
        role=boris_role,
        country=borduria,
        summit=summit,
        date=datetime.date(2025, 1, 15),
    )
    third.topics.add(ceasefire, trade)
    refresh_search_vectors()
    return locals()


def test_unfiltered_list_shows_every_published_statement(client, world):
    assert listed(client) == {"A1 paix durable", "A2 commerce libre", "B1 peace and trade"}


def test_filter_by_one_country(client, world):
    assert listed(client, country="XA") == {"A1 paix durable", "A2 commerce libre"}


def test_filter_by_several_countries(client, world):
    assert len(listed(client, country=["XA", "XB"])) == 3


def test_filter_by_speaker(client, world):
    assert listed(client, speaker="boris") == {"B1 peace and trade"}


def test_filter_by_organisation_through_the_role(client, world):
    assert listed(client, organisation="northern-alliance") == {"B1 peace and trade"}


def test_filter_by_summit(client, world):
    assert listed(client, summit="fictionville") == {"A1 paix durable", "B1 peace and trade"}


def test_filter_by_topic_lists_each_statement_once(client, world):
    response = client.get(LIST, {"topic": ["ceasefire", "trade"]})
    texts = [statement.display_report.text for statement in response.context["statements"]]
    assert sorted(texts) == ["A1 paix durable", "A2 commerce libre", "B1 peace and trade"]


def test_filter_by_language(client, world):
    assert listed(client, language="en") == {"B1 peace and trade"}


def test_filter_by_speech_mode(client, world):
    assert listed(client, mode="indirect") == {"A2 commerce libre"}


def test_filter_by_country_mentioned(client, world):
    assert listed(client, mentions="XB") == {"A1 paix durable"}


def test_filter_by_date_range(client, world):
    assert listed(client, date_from="2025-01-01", date_to="2025-03-01") == {"B1 peace and trade"}


def test_filter_by_year(client, world):
    assert listed(client, year="2025") == {"A2 commerce libre", "B1 peace and trade"}


def test_filters_combine_with_each_other_and_with_search(client, world):
    assert listed(client, country="XA", year="2024", q="paix") == {"A1 paix durable"}
    assert listed(client, country="XA", q="peace") == set()


def test_newest_first_by_default(client, world):
    texts = [statement.display_report.text for statement in client.get(LIST).context["statements"]]
    assert texts == ["A2 commerce libre", "B1 peace and trade", "A1 paix durable"]


def test_oldest_first_on_request(client, world):
    texts = [statement.display_report.text for statement in client.get(LIST, {"sort": "oldest"}).context["statements"]]
    assert texts == ["A1 paix durable", "B1 peace and trade", "A2 commerce libre"]


def test_active_filter_chip_removes_only_its_filter(client, world):
    response = client.get(LIST, {"country": ["XA", "XB"], "year": "2025"})
    chips = {(chip.label, chip.value): chip.remove_url for chip in response.context["chips"]}
    assert chips[("Country", "Arcadia")] == "?country=XB&year=2025"
    assert chips[("Year", "2025")] == "?country=XA&country=XB"


def test_facets_count_the_current_result_set(client, world):
    response = client.get(LIST, {"summit": "fictionville"})
    facets = {facet.label: {value.label: value.count for value in facet.values} for facet in response.context["facets"]}
    assert facets["Country"] == {"Arcadia": 1, "Borduria": 1}
    assert facets["Topic"] == {"Ceasefire": 2, "Trade": 1}
    years = {value.label: value.count for value in response.context["date_facet"].values}
    assert years == {"2024": 1, "2025": 1}


def test_facet_link_adds_its_filter_to_the_current_ones(client, world):
    response = client.get(LIST, {"year": "2025"})
    country = next(facet for facet in response.context["facets"] if facet.label == "Country")
    assert {value.url for value in country.values} == {"?year=2025&country=XA", "?year=2025&country=XB"}


def test_empty_result_offers_to_remove_the_narrowest_filter(client, world):
    response = client.get(LIST, {"country": "XB", "mode": "indirect"})
    chip, count = response.context["narrowest"]
    assert response.context["paginator"].count == 0
    assert (chip.label, count) == ("Country", 1)
    assert "Remove it" in response.content.decode()


def test_page_size_is_selectable(client, index):
    StatementFactory.create_batch(60)
    assert len(client.get(LIST).context["statements"]) == 25
    assert len(client.get(LIST, {"per_page": "50"}).context["statements"]) == 50


def test_pagination_links_keep_the_filters(client, index):
    StatementFactory.create_batch(30, language="en")
    body = client.get(LIST, {"language": "en", "per_page": "25"}).content.decode()
    assert 'href="?language=en&amp;per_page=25&amp;page=2"' in body


def test_url_is_the_whole_state(client, world):
    first = client.get(LIST, {"country": "XA", "sort": "oldest", "q": "commerce"})
    again = client.get(LIST, {"country": "XA", "sort": "oldest", "q": "commerce"})
    assert [s.pk for s in first.context["statements"]] == [s.pk for s in again.context["statements"]]
    assert [s.display_report.text for s in first.context["statements"]] == ["A2 commerce libre"]


def test_only_published_statements_are_listed(client, world):
    StatementFactory(text="Brouillon", draft=True, country=world["arcadia"])
    StatementFactory(text="En relecture", in_review=True)
    StatementFactory(text="Retirée", retracted=True)
    assert Statement.objects.count() == 6
    assert "Brouillon" not in listed(client, country="XA")
    assert len(listed(client)) == 3


def selected_sort(client, url):
    body = client.get(url).content.decode()
    select = re.search(r'<select name="sort"[^>]*>(.*?)</select>', body, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select), re.findall(r'<option value="([^"]*)"', select)


def test_the_sort_control_shows_the_order_applied(client, index):
    summit = SummitFactory()
    StatementFactory(summit=summit, text="Une garantie.")
    index()
    assert selected_sort(client, "/en/statements/") == (["newest"], ["newest", "oldest"])
    assert selected_sort(client, summit.get_absolute_url()) == (["oldest"], ["newest", "oldest"])
    assert selected_sort(client, "/en/statements/?q=garantie") == ([""], ["", "newest", "oldest"])
    assert selected_sort(client, "/en/statements/?q=garantie&sort=oldest")[0] == ["oldest"]
