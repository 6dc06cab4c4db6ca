"""Facets that guide: disjunctive within a facet, conjunctive across; the new facets and
their filters; the date histogram; "show all"; the chart over time; suggestions."""

import datetime

import pytest
from django.http import QueryDict
from django.urls import reverse

from statements.charts import timeline
from statements.models import OfficeLevel, Role, Speaker
from statements.search import refresh_search_vectors
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RoleFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("statements:list")


def facet(response, name) -> dict[str, int]:
    """{label: count} of a facet of a list page ({} when the page does not offer it)."""
    for item in response.context["facets"]:
        if item.name == name:
            return {value.label: value.count for value in item.values}
    return {}


@pytest.fixture(scope="module")
def world(shared_rows):
    """Invented: Arcadia (3 statements, 2 on trade), Borduria (2, 1 on trade), Cimmeria
    (1); a minister, a spokesperson, an unnamed source; two outlets; three months."""
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA", name_en="Arcadia", slug="arcadia")
    borduria = CountryFactory(iso_alpha2="XB", iso_alpha3="XBB", name_en="Borduria", slug="borduria")
    cimmeria = CountryFactory(iso_alpha2="XC", iso_alpha3="XCC", name_en="Cimmeria", slug="cimmeria")
    trade = TopicFactory(name_en="Trade", slug="trade")
    gazette = OrganisationFactory(name="Arcadian Gazette", slug="gazette", kind="media")
    wire = OrganisationFactory(name="Borduria Wire", slug="wire", kind="media")
    minister = RoleFactory(title_fr="ministre des Affaires étrangères", country=arcadia)
    spokesperson = RoleFactory(title_en="Foreign ministry spokeswoman", title_fr="", country=borduria)
    unnamed = SpeakerFactory(
        name="An Arcadian diplomat", kind=Speaker.Kind.ANONYMOUS, described_as="un diplomate arcadien"
    )
    rows = [
        (minister.speaker, minister, arcadia, gazette, datetime.date(2025, 1, 10), True),
        (minister.speaker, minister, arcadia, gazette, datetime.date(2025, 3, 5), True),
        (unnamed, None, arcadia, wire, datetime.date(2025, 3, 6), False),
        (spokesperson.speaker, spokesperson, borduria, wire, datetime.date(2025, 3, 7), True),
        (spokesperson.speaker, spokesperson, borduria, wire, datetime.date(2024, 11, 2), False),
        (SpeakerFactory(name="Cimmerian envoy"), None, cimmeria, wire, datetime.date(2025, 3, 8), False),
    ]
    for number, (speaker, role, country, outlet, date, on_trade) in enumerate(rows):
        statement = StatementFactory(
            text=f"Statement {number}",
            speaker=speaker,
            role=role,
            country=country,
            date=date,
            source=SourceFactory(outlet=outlet),
        )
        if on_trade:
            statement.topics.add(trade)
    refresh_search_vectors()  # the topics: what the commit would do


def test_ticking_a_country_keeps_the_others_with_their_counts(client, world):
    response = client.get(LIST, {"country": "XA"})
    assert response.context["paginator"].count == 3
    assert facet(response, "country") == {"Arcadia": 3, "Borduria": 2, "Cimmeria": 1}
    active = [value.label for item in response.context["facets"] for value in item.values if value.active]
    assert active == ["Arcadia"]


def test_two_countries_of_one_facet_are_alternatives(client, world):
    response = client.get(LIST, {"country": ["XA", "XB"]})
    assert response.context["paginator"].count == 5


def test_other_facets_count_the_result_itself(client, world):
    """Across facets the filters narrow: the topic facet counts Arcadia's statements only."""
    response = client.get(LIST, {"country": "XA"})
    assert facet(response, "topic") == {"Trade": 2}


def test_a_selection_in_another_facet_narrows_a_disjunctive_facet(client, world):
    response = client.get(LIST, {"country": "XA", "topic": "trade"})
    assert response.context["paginator"].count == 2
    assert facet(response, "country") == {"Arcadia": 2, "Borduria": 1}


@pytest.mark.parametrize(
    ("params", "count", "name", "values"),
    [
        ({"outlet": "wire"}, 4, "outlet", {"Borduria Wire": 4, "Arcadian Gazette": 2}),
        ({"speaker_kind": "anonymous"}, 1, "speaker_kind", {"Person": 5, "Unnamed source": 1}),
        ({"level": "spokesperson"}, 2, "level", {"Minister": 2, "Spokesperson": 2}),
    ],
)
def test_new_facets_filter_and_count(client, world, params, count, name, values):
    response = client.get(LIST, params)
    assert response.context["paginator"].count == count
    assert facet(response, name) == values


def test_date_histogram_drills_down_from_years_to_months(client, world):
    years = client.get(LIST).context["date_facet"]
    assert [(value.label, value.count) for value in years.values] == [("2025", 5), ("2024", 1)]
    assert years.values[0].url == "?year=2025"

    months = client.get(LIST, {"year": "2025"}).context["date_facet"]
    assert [(value.label, value.count) for value in months.values] == [("January 2025", 1), ("March 2025", 4)]
    assert months.values[1].url == "?year=2025&month=2025-03"

    march = client.get(LIST, {"month": "2025-03"})
    assert march.context["paginator"].count == 4
    assert [chip.value for chip in march.context["chips"]] == ["March 2025"]


@pytest.mark.parametrize("month", ["2025-13", "March", "2025-3-1", "0-0", "9" * 30])
def test_a_bad_month_is_ignored_and_said(client, world, month):
    response = client.get(LIST, {"month": month})
    assert response.status_code == 200
    assert response.context["paginator"].count == 6
    assert any("Month" in notice for notice in response.context["ignored"])


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_the_first_and_last_months_there_are_are_months(client, world, month):
    response = client.get(LIST, {"month": month})
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert not response.context["ignored"]


def test_a_chart_reaching_the_last_month_there_is():
    chart = timeline([("9999-11", 1), ("9999-12", 2)], QueryDict())
    assert [bar.count for bar in chart.bars] == [1, 2]


def test_show_all_lists_every_value_of_a_long_facet(client, world):
    for number in range(10):
        StatementFactory(speaker=SpeakerFactory(name=f"Zelda Quorn {number}"))
    short = client.get(LIST)
    speakers = next(item for item in short.context["facets"] if item.name == "speaker")
    assert len(speakers.values) == 8
    assert speakers.toggle_url == "?show=speaker"

    full = client.get(LIST, {"show": "speaker"})
    speakers = next(item for item in full.context["facets"] if item.name == "speaker")
    assert len(speakers.values) == 14
    assert speakers.expanded
    assert 'id="facet-filter-speaker"' in full.content.decode()


def test_show_of_an_unknown_facet_is_ignored(client, world):
    response = client.get(LIST, {"show": "<script>"})
    assert response.status_code == 200
    assert not any(item.expanded for item in response.context["facets"])


def test_a_selected_value_is_listed_even_outside_the_most_frequent(client, world):
    for letter in "ABCDEFGHIJ":
        country = CountryFactory(iso_alpha2=f"Y{letter}", iso_alpha3=f"YY{letter}", name_en=f"Frequentland {letter}")
        StatementFactory.create_batch(2, country=country)
    response = client.get(LIST, {"country": "XC"})
    countries = facet(response, "country")
    assert countries["Cimmeria"] == 1
    assert len(countries) == 9


def test_quick_ranges_set_the_dates(client, world):
    response = client.get(LIST, {"year": "2025", "page": "2"})
    ranges = dict(response.context["quick_ranges"])
    last_30 = QueryDict(ranges["Last 30 days"].lstrip("?"))
    assert "year" not in last_30
    assert "page" not in last_30
    start, end = datetime.date.fromisoformat(last_30["date_from"]), datetime.date.fromisoformat(last_30["date_to"])
    assert (end - start).days == 30


class TestTimeline:
    def test_by_month_with_the_empty_months_drawn(self):
        chart = timeline([("2025-01", 1), ("2025-03", 4)], QueryDict("country=XA&page=3"))
        assert chart.by_month
        assert [(bar.label, bar.count) for bar in chart.bars] == [
            ("January 2025", 1),
            ("February 2025", 0),
            ("March 2025", 4),
        ]
        assert chart.bars[2].url == "?country=XA&month=2025-03"
        assert chart.bars[2].height > chart.bars[0].height > chart.bars[1].height == 0

    def test_by_year_beyond_three_years(self):
        chart = timeline([("2019-05", 2), ("2019-06", 1), ("2025-03", 4)], QueryDict())
        assert not chart.by_month
        assert [bar.label for bar in chart.bars] == [str(year) for year in range(2019, 2026)]
        assert chart.bars[0].count == 3
        assert chart.total == 7

    def test_by_decade_beyond_a_century(self):
        chart = timeline([("0001-01", 1), ("2025-03", 4)], QueryDict())
        assert len(chart.bars) == 203
        assert (chart.bars[0].label, chart.bars[0].count, chart.bars[0].url) == ("0s", 1, "?year=1")
        assert (chart.bars[-1].label, chart.bars[-1].count) == ("2020s", 4)

    def test_no_chart_for_a_single_period(self):
        assert timeline([("2025-03", 4)], QueryDict()) is None

    def test_the_page_shows_the_chart_and_its_table(self, client, world):
        page = client.get(LIST).content.decode()
        assert "Statements over time, by month" in page
        assert '<th scope="row"><a href="?month=2025-03">March 2025</a></th><td>4</td>' in page


@pytest.mark.parametrize(
    ("title_fr", "title_en", "kind", "level"),
    [
        ("président français", "", "", OfficeLevel.HEAD),
        ("Première ministre", "", "", OfficeLevel.HEAD),
        ("présidente moldave", "", "", OfficeLevel.HEAD),
        ("cheffe du gouvernement", "", "", OfficeLevel.HEAD),
        ("", "Chancellor", "", OfficeLevel.HEAD),
        ("émissaire spécial du président américain", "", "", OfficeLevel.OFFICIAL),
        ("vice-président", "", "", OfficeLevel.OFFICIAL),
        ("porte-parole de la diplomatie russe", "", "ministry", OfficeLevel.SPOKESPERSON),
        ("ministre des Armées", "", "", OfficeLevel.MINISTER),
        ("cheffe de la diplomatie portugaise", "", "", OfficeLevel.MINISTER),
        ("", "Foreign Secretary", "", OfficeLevel.MINISTER),
        ("secrétaire général de l'Otan", "", "intergovernmental", OfficeLevel.INTERNATIONAL),
        ("président de la Commission", "", "intergovernmental", OfficeLevel.INTERNATIONAL),
    ],
)
def test_office_level_is_read_from_the_title(db, title_fr, title_en, kind, level):
    organisation = OrganisationFactory(kind=kind) if kind else None
    country = None if organisation else CountryFactory()
    role = RoleFactory(title_fr=title_fr, title_en=title_en, organisation=organisation, country=country)
    assert Role.objects.get(pk=role.pk).level == level


def test_an_editor_level_is_kept(db):
    role = RoleFactory(title_fr="président", level=OfficeLevel.OFFICIAL)
    assert Role.objects.get(pk=role.pk).level == OfficeLevel.OFFICIAL


class TestSuggestions:
    URL = reverse("statements:suggest")

    def test_names_resembling_what_was_typed(self, client, world):
        answer = client.get(self.URL, {"q": "arcadi"}).json()["suggestions"]
        assert {"kind": "Country", "label": "Arcadia", "url": "/en/countries/arcadia/"} in answer

    def test_typos_and_accents_aside(self, client, world):
        answer = client.get(self.URL, {"q": "Bordurai"}).json()["suggestions"]
        assert "Borduria" in [item["label"] for item in answer]

    def test_nothing_unpublished_is_offered(self, client, world):
        StatementFactory(speaker=SpeakerFactory(name="Xanthippe Drafted"), draft=True)
        assert client.get(self.URL, {"q": "Xanthippe"}).json() == {"suggestions": []}

    @pytest.mark.parametrize("text", ["", "a", " " * 50, "\x00\x01", "é" * 5000, "<script>alert(1)</script>"])
    def test_any_input_gets_an_answer(self, client, world, text):
        response = client.get(self.URL, {"q": text})
        assert response.status_code == 200
        assert isinstance(response.json()["suggestions"], list)

    def test_a_search_without_result_offers_the_closest_names(self, client, world):
        response = client.get(LIST, {"q": "Bordurai"})
        assert response.context["paginator"].count == 0
        assert [item.label for item in response.context["did_you_mean"]][:1] == ["Borduria"]
        assert "Did you mean:" in response.content.decode()
