"""Everything a page that lists statements shows around the list.

Every list of statements (the statements list, and the speaker, country, summit, topic
and organisation pages) goes through `statement_listing`: the same FilterSet, search,
sorting, pagination, facets, active-filter chips and "this filter was ignored" notices,
so the pages cannot drift apart.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .caching import generation
from .exports import FORMATS, export_response
from .feeds import StatementsFeed
from .filters import LANGUAGE_CHOICES, StatementFilter
from .models import Country, Report, Speaker, Statement, StatementSpeaker, Summit, Topic
from .search import headline_expression, highlighted_html, matched_outside_the_quote

FACET_SIZE = 8
SUMMARY_CACHE_SECONDS = 600  # a safety net: any write invalidates sooner (caching.py)
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)
FACET_LABELS = {
    "country": _lazy("Country"),
    "speaker": _lazy("Speaker"),
    "summit": _lazy("Summit"),
    "topic": _lazy("Topic"),
    "year": _lazy("Year"),
    "language": _lazy("Language"),
}
# Facets counted on the statements table itself, in one pass (see _column_counts).
COLUMN_FACETS = ("summit_id", "year")


def url_with(params: QueryDict, key: str, value: str) -> str:
    """The query string with `value` added to `key` (page reset)."""
    params = params.copy()
    params.pop("page", None)
    values = params.getlist(key)
    if value not in values:
        params.setlist(key, [*values, value])
    return "?" + params.urlencode()


def url_without(params: QueryDict, key: str, value: str | None = None) -> str:
    """The query string without `key` (or only without its `value`), page reset."""
    params = params.copy()
    params.pop("page", None)
    if value is None:
        params.pop(key, None)
    else:
        params.setlist(key, [item for item in params.getlist(key) if item != value])
    query = params.urlencode()
    return "?" + query if query else "?"


@dataclass
class Chip:
    """One active filter value, with the link that removes it."""

    label: str
    value: str
    remove_url: str


@dataclass
class FacetValue:
    label: str
    count: int
    url: str
    active: bool


@dataclass
class Facet:
    label: str
    values: list[FacetValue]


def _display(value) -> tuple[str, str]:
    """(text shown, URL parameter) for a cleaned filter value."""
    if isinstance(value, Country):
        return value.name, value.iso_alpha2
    if hasattr(value, "slug"):
        return str(value), value.slug
    return str(value), str(value)


def _chips(filterset: StatementFilter, params: QueryDict, fixed: set[str]) -> list[Chip]:
    chips = []
    for name, value in filterset.form.cleaned_data.items():
        if name in fixed or name in StatementFilter.PAGE_SHAPING or value in (None, "", [], ()):
            continue
        label = str(filterset.filters[name].label)
        if name in ("country", "speaker", "organisation", "summit", "topic", "mentions"):
            for item in value:
                text, parameter = _display(item)
                chips.append(Chip(label, text, url_without(params, name, parameter)))
        elif name == "language":
            chips.extend(Chip(label, LANGUAGE_NAMES.get(code, code), url_without(params, name, code)) for code in value)
        elif name == "mode":
            labels = dict(Report.Mode.choices)
            chips.extend(Chip(label, str(labels[code]), url_without(params, name, code)) for code in value)
        elif name in ("date_from", "date_to"):
            chips.append(Chip(label, date_format(value, "DATE_FORMAT"), url_without(params, name)))
        else:
            chips.append(Chip(label, str(value), url_without(params, name)))
    return chips


def _ignored(filterset: StatementFilter) -> list[str]:
    """Why each invalid parameter was left out, in words a reader understands."""
    notices = []
    for name, errors in filterset.form.errors.items():
        label = filterset.filters[name].label if name in filterset.filters else name
        notices.append(_("%(filter)s was ignored: %(reason)s") % {"filter": label, "reason": " ".join(errors)})
    return notices


def _column_counts(rows: QuerySet) -> dict[str, list[tuple]]:
    """The FACET_SIZE most frequent values of each COLUMN_FACETS column among `rows`.

    One query with GROUPING SETS reads the rows once for all of them (a GROUP BY per
    column would read them once each); it groups on the columns themselves (a foreign key's
    id), never on joined names, and the covering index statement_facets_idx makes the
    read an index-only scan. Returns {column: [(value, count), ...]}, nulls left out.
    """
    columns = rows.annotate(year=ExtractYear("date")).values(*COLUMN_FACETS)
    sql, params = columns.query.sql_with_params()
    flags = ", ".join(f"GROUPING({column})" for column in COLUMN_FACETS)
    sets = ", ".join(f"({column})" for column in COLUMN_FACETS)
    names = ", ".join(COLUMN_FACETS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {flags}, {names}, COUNT(*) FROM ({sql}) AS matching GROUP BY GROUPING SETS ({sets})",  # noqa: S608 — only our column names are interpolated
            params,
        )
        grouped = cursor.fetchall()
    counts: dict[str, list[tuple]] = {column: [] for column in COLUMN_FACETS}
    width = len(COLUMN_FACETS)
    for row in grouped:
        column_index = row[:width].index(0)  # GROUPING() is 0 for the column grouped on
        value = row[width + column_index]
        if value is not None:
            counts[COLUMN_FACETS[column_index]].append((value, row[-1]))
    return {
        column: sorted(values, key=lambda item: (-item[1], item[0]))[:FACET_SIZE] for column, values in counts.items()
    }


def _related_counts(rows: QuerySet, model, column: str, *, unique_per_statement: bool = False) -> list[tuple]:
    """The FACET_SIZE most frequent values of `column` in `model` rows (a statement's
    speakers, reports or topics) among the statements `rows`, each statement counted once.

    `unique_per_statement`: a constraint already makes (statement, column) unique (a
    speaker, a topic), so a plain count is right, and twice as fast as a distinct one.
    """
    related = model.objects.filter(statement__in=rows.values("pk"), **{f"{column}__isnull": False})
    per_statement = Count("pk") if unique_per_statement else Count("statement", distinct=True)
    counts = related.values_list(column).annotate(n=per_statement).order_by("-n", column)
    return list(counts[:FACET_SIZE])


def _facet_rows(queryset: QuerySet, fixed: set[str]) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Facet data of a result set as plain values, so it can be cached: [(facet, [(parameter, text, count)])]."""
    rows = queryset.order_by()
    counts = _column_counts(rows)
    facets = []

    def labelled(facet, values, model, parameter):
        objects = model.objects.in_bulk([value for value, _ in values])
        facets.append((facet, [(parameter(objects[value]), str(objects[value]), n) for value, n in values]))

    if "country" not in fixed:
        labelled("country", _related_counts(rows, StatementSpeaker, "country"), Country, lambda c: c.iso_alpha2)
    if "speaker" not in fixed:
        speakers = _related_counts(rows, StatementSpeaker, "speaker", unique_per_statement=True)
        labelled("speaker", speakers, Speaker, lambda speaker: speaker.slug)
    if "summit" not in fixed:
        labelled("summit", counts["summit_id"], Summit, lambda summit: summit.slug)
    if "topic" not in fixed:
        topics = _related_counts(rows, Statement.topics.through, "topic", unique_per_statement=True)
        labelled("topic", topics, Topic, lambda topic: topic.slug)
    years = sorted(counts["year"], reverse=True)
    facets.append(("year", [(str(year), str(year), n) for year, n in years]))
    languages = _related_counts(rows, Report, "language")
    facets.append(("language", [(code, LANGUAGE_NAMES.get(code, code), n) for code, n in languages]))
    return [(facet, values) for facet, values in facets if values]


def _facets(rows: list, params: QueryDict) -> list[Facet]:
    """Facets with links that add each value to the current filters."""
    selected = {key: set(params.getlist(key)) for key in params}
    return [
        Facet(
            str(FACET_LABELS[facet]),
            [
                FacetValue(text, count, url_with(params, facet, parameter), parameter in selected.get(facet, ()))
                for parameter, text, count in values
            ],
        )
        for facet, values in rows
    ]


def _narrowest_filter(base: QuerySet, chips: list[Chip]) -> tuple[Chip, int] | None:
    """On an empty result: the filter whose removal brings back the most statements
    (one COUNT per active filter, only when nothing matched)."""
    best = None
    for chip in chips:
        trial = StatementFilter(QueryDict(chip.remove_url.lstrip("?")), queryset=base)
        count = trial.qs.count()
        if count and (best is None or count > best[1]):
            best = (chip, count)
    return best


class KnownCountPaginator(Paginator):
    """A paginator told its count, so a cached count spares the COUNT query."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _summary(request, results: QuerySet, fixed: set[str]) -> dict:
    """The result count and facet data of a list, cached until the data changes.

    Counting and faceting every matching row is most of a list page's work (hundreds of
    milliseconds over 100,000 statements); the rows of the page itself are cheap.
    The key is the page's path, its filtering parameters (not page, sort or size) and
    the interface language (names in facets are translated).
    """
    filtering = sorted(
        (key, value)
        for key in request.GET
        if key not in ("page", *StatementFilter.PAGE_SHAPING)
        for value in request.GET.getlist(key)
    )
    digest = hashlib.sha256(f"{get_language()}:{request.path}?{urlencode(filtering)}".encode()).hexdigest()
    key = f"listing:{generation()}:{digest}"
    summary = cache.get(key)
    if summary is None:
        summary = {"count": results.count(), "facets": _facet_rows(results, fixed)}
        cache.set(key, summary, SUMMARY_CACHE_SECONDS)
    return summary


def filtered(request, base: QuerySet, *, default_sort: str = "newest") -> StatementFilter:
    """The page's FilterSet over `base` (published statements), validated: invalid
    parameters are then ignored."""
    # Always bound, even to an empty query: then the form validates and every default applies.
    filterset = StatementFilter(request.GET, queryset=base, default_sort=default_sort)
    filterset.form.is_valid()
    return filterset


def render_listing(
    request,
    template: str,
    base: QuerySet,
    *,
    title: str,
    fixed: set[str] = frozenset(),
    default_sort: str = "newest",
    context: dict | None = None,
):
    """A page listing statements, or with ?format=csv|json|atom the same statements as a
    download or a feed: one code path for every list, so they always agree."""
    base = base.published()
    requested = request.GET.get("format")
    if requested in FORMATS:
        statements = filtered(request, base, default_sort=default_sort).qs
        return export_response(request, statements, requested, slugify(title) or "statements")
    if requested == "atom":
        statements = filtered(request, base, default_sort=default_sort).qs
        link = request.path + url_without(request.GET, "format").rstrip("?")
        return StatementsFeed(title=title, link=link, self_url=request.get_full_path(), statements=statements)(request)
    page = statement_listing(request, base, fixed=fixed, default_sort=default_sort)
    page.update(context or {}, page_title=title, **alternate_urls(request))
    return render(request, template, page)


def alternate_urls(request) -> dict:
    """The current list as a feed and as downloads, same filters, all pages."""

    def as_format(name):
        params = request.GET.copy()
        for key in ("page", "per_page", "format"):
            params.pop(key, None)
        params["format"] = name
        return f"{request.path}?{params.urlencode()}"

    return {"feed_url": as_format("atom"), "csv_url": as_format("csv"), "json_url": as_format("json")}


def statement_listing(request, base: QuerySet, *, fixed: set[str] = frozenset(), default_sort: str = "newest") -> dict:
    """Context for a filtered, searched, paginated list of published statements.

    `base` is the page's own scope (a speaker's published statements, say); `fixed` names the
    filters that scope already sets, which the page then neither offers nor facets.
    """
    filterset = filtered(request, base, default_sort=default_sort)
    results = filterset.qs
    params = request.GET
    summary = _summary(request, results, set(fixed))
    # Paginate ids, then fetch the page's rows with what their cards show: sorting 20,000
    # search matches by rank is cheaper on the statements table alone than after joins.
    paginator = KnownCountPaginator(results.values_list("pk", flat=True), filterset.page_size, count=summary["count"])
    page: Page = paginator.get_page(params.get("page"))
    ids = list(page.object_list)
    rows = Statement.objects.with_card_relations().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]

    searching = filterset.searching
    if searching:
        # Matches are marked in the words each card shows: its display report.
        terms = filterset.form.cleaned_data["q"]
        headlines = dict(
            Report.objects.filter(statement__in=ids, is_display=True)
            .annotate(headline=headline_expression(terms))
            .values_list("statement_id", "headline")
        )
        # A result that matched only outside the quote it shows says where it matched.
        elsewhere = matched_outside_the_quote(ids, terms)
        for statement in page:
            if statement.pk in headlines:
                statement.highlighted = highlighted_html(headlines[statement.pk])
            statement.matched_in = elsewhere.get(statement.pk, [])

    chips = _chips(filterset, params, set(fixed))
    return {
        "filter": filterset,
        "page_obj": page,
        "paginator": paginator,
        "statements": page.object_list,
        "searching": searching,
        "chips": chips,
        "ignored": _ignored(filterset),
        "facets": _facets(summary["facets"], params),
        "fixed": set(fixed),
        "narrowest": _narrowest_filter(base, chips) if paginator.count == 0 and chips else None,
    }
