"""Large results: counts and facets estimated from a sample and said to be, a common
word's newest matches ranked, and facet values kept with the rows they count."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from statements import listing, sampling
from statements.charts import timeline
from statements.models import OfficeLevel, Statement
from tests.factories import CountryFactory, RoleFactory, StatementFactory
from tests.statements.test_facets import facet

pytestmark = pytest.mark.django_db
LIST = reverse("statements:list")


@pytest.fixture
def whole_table_sample(monkeypatch):
    """Sampling on for any table, the sample being every page: its estimates must then be
    the exact figures (after ANALYZE, the planner's row count is exact too)."""
    monkeypatch.setattr(sampling, "SAMPLE_ABOVE", 0)
    monkeypatch.setattr(sampling, "SAMPLE_ROWS", 10**9)

    def analyze():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE statements_statement")

    return analyze


@pytest.mark.parametrize(
    ("number", "rounded"), [(0, 0), (87, 87), (99.6, 100), (418_731, 420_000), (1_049_999, 1_000_000)]
)
def test_an_estimate_is_rounded_to_two_significant_figures(number, rounded):
    assert sampling.about(number) == rounded


def test_a_sample_restricts_only_queries_over_the_statements():
    sample = sampling.Sample(percent=5.0, table_rows=1_000_000)
    sql, _params = Statement.objects.filter(status="published").values("pk").query.sql_with_params()
    assert 'FROM "statements_statement" TABLESAMPLE SYSTEM (5.000000) REPEATABLE (0) WHERE' in sample.restrict(sql)
    with pytest.raises(ValueError, match="Not a query over the statements table"):
        sample.restrict('SELECT 1 FROM "statements_country"')


def test_a_small_table_is_never_sampled():
    StatementFactory()
    assert sampling.statements_sample() is None


def test_a_large_result_is_estimated_and_the_page_says_so(client, whole_table_sample, monkeypatch):
    monkeypatch.setattr(sampling, "TRUSTED_MATCHES", 3)
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA", name_en="Arcadia")
    borduria = CountryFactory(iso_alpha2="XB", iso_alpha3="XBB", name_en="Borduria")
    for country in (arcadia, arcadia, arcadia, borduria):
        StatementFactory(country=country, text="La paix est notre horizon.")
    whole_table_sample()

    response = client.get(LIST)
    page = response.content.decode()
    assert response.context["approximate"] and response.context["sampled"]
    assert response.context["paginator"].count == 4  # every page sampled: the exact figure
    assert "About 4 statements" in page
    assert "estimated from a sample" in page
    assert facet(response, "country") == {"Arcadia": 3, "Borduria": 1}


def test_a_small_result_is_counted_exactly_while_its_facets_may_be_estimated(client, whole_table_sample, monkeypatch):
    monkeypatch.setattr(sampling, "TRUSTED_MATCHES", 3)
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA", name_en="Arcadia")
    borduria = CountryFactory(iso_alpha2="XB", iso_alpha3="XBB", name_en="Borduria")
    for country in (arcadia, arcadia, arcadia, borduria):
        StatementFactory(country=country)
    whole_table_sample()

    response = client.get(LIST, {"country": "XB"})
    assert response.context["paginator"].count == 1
    assert not response.context["approximate"]
    assert "1 statement" in response.content.decode()
    # The country facet counts the list without its own selection: every statement.
    assert response.context["sampled"]
    assert facet(response, "country") == {"Arcadia": 3, "Borduria": 1}


def test_a_search_matching_more_than_can_be_ranked_ranks_its_newest_matches(client, monkeypatch):
    monkeypatch.setattr(listing, "RANKED_AT_MOST", 2)
    texts = {
        datetime.date(2021, 1, 1): "Le commerce, le commerce et encore le commerce.",
        datetime.date(2022, 1, 1): "Le commerce reprendra.",
        datetime.date(2023, 1, 1): "Le commerce, toujours le commerce, rien que le commerce.",
        datetime.date(2024, 1, 1): "Nous parlerons aussi de commerce.",
    }
    for date, text in texts.items():
        StatementFactory(date=date, text=text)

    response = client.get(LIST, {"q": "commerce"})
    years = [statement.date.year for statement in response.context["statements"]]
    # The two newest, most relevant first; then the older ones, newest first (2021's
    # text is the most relevant of all, but not among the newest two).
    assert years == [2023, 2024, 2022, 2021]
    assert "best matches first among the newest 2," in response.content.decode()

    by_date = client.get(LIST, {"q": "commerce", "sort": "newest"})
    assert [statement.date.year for statement in by_date.context["statements"]] == [2024, 2023, 2022, 2021]
    assert "best matches first" not in by_date.content.decode()


def test_a_search_within_the_bound_ranks_every_match(client, monkeypatch):
    monkeypatch.setattr(listing, "RANKED_AT_MOST", 2)
    StatementFactory(date=datetime.date(2021, 1, 1), text="Le commerce, le commerce et encore le commerce.")
    StatementFactory(date=datetime.date(2024, 1, 1), text="Nous parlerons aussi de commerce.")
    response = client.get(LIST, {"q": "commerce"})
    assert [statement.date.year for statement in response.context["statements"]] == [2021, 2024]
    assert "among the newest" not in response.content.decode()


def test_a_facet_follows_a_change_to_what_it_counts_at_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        role = RoleFactory(level=OfficeLevel.MINISTER)
        StatementFactory(speaker=role.speaker, role=role)
    assert facet(client.get(LIST), "level") == {"Minister": 1}

    with django_capture_on_commit_callbacks(execute=True):
        role.level = OfficeLevel.HEAD
        role.save()
    assert facet(client.get(LIST), "level") == {"Head of state or government": 1}


def test_estimated_months_are_rounded_once_summed_into_years(rf):
    months = [("2020-01", 7), ("2024-01", 12_345), ("2024-02", 5_678)]  # over 3 years: a bar a year
    filterset = listing.filtered(rf.get(LIST), Statement.objects.published())
    years = listing._date_facet(months, filterset, rf.get(LIST).GET, shown=sampling.about)
    assert [(value.label, value.count) for value in years.values] == [("2024", 18_000), ("2020", 7)]
    chart = timeline(months, rf.get(LIST).GET, shown=sampling.about)
    assert [(bar.label, bar.count) for bar in chart.bars if bar.count] == [("2020", 7), ("2024", 18_000)]


def test_a_result_the_planner_expects_to_be_small_is_not_looked_for_in_the_sample(whole_table_sample):
    StatementFactory.create_batch(4)
    whole_table_sample()
    sample = sampling.statements_sample()
    assert sample.estimate(Statement.objects.published()) is None  # 4 rows, 500 needed
    assert sample._counted == {}  # the planner's estimate sufficed: the sample was not read


def test_a_page_past_the_end_of_an_overestimated_list_says_why_it_is_empty(client, whole_table_sample, monkeypatch):
    monkeypatch.setattr(sampling, "TRUSTED_MATCHES", 3)
    monkeypatch.setattr(sampling.Sample, "scaled", lambda self, sampled: sampled * 100)  # an estimate far too high
    StatementFactory.create_batch(4)
    whole_table_sample()
    first = client.get(LIST).content.decode()
    assert "About 400 statements" in first
    assert "Page 1 of about 16" in first
    past_the_end = client.get(LIST, {"page": 3}).content.decode()
    assert "The list ends before this page" in past_the_end
    assert "No published statement matches" not in past_the_end
