"""Everything a page that lists statements shows around the list.

Every list of statements (the statements list, and the speaker, country, summit, topic
and organisation pages) goes through `statement_listing`: the same FilterSet, search,
sorting, pagination, facets, active-filter chips and "this filter was ignored" notices,
so the pages cannot drift apart.
"""

import datetime
import hashlib
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from psycopg.errors import QueryCanceled

from .caching import DERIVED_SECONDS, computed_once, generation_seen_by
from .charts import first_day, timeline, with_period
from .exports import FORMATS, export_response
from .facets import BY_NAME, count_facets
from .feeds import StatementsFeed
from .filters import StatementFilter
from .models import Country, Report, Statement, words_in
from .sampling import about, planner_rows, statements_sample
from .search import headline_expression, highlighted_html, matched_outside_the_quote
from .suggest import suggestions

TIMED_OUT_CACHE_SECONDS = 60  # a summary cut short by the statement timeout is tried again sooner
# A search matching more statements ranks only its newest ones (NewestRanked).
RANKED_AT_MOST = 5_000
# Parameters that neither filter nor change the count and facets: left out of the cache key.
NOT_SUMMARISED = ("page", *StatementFilter.PAGE_SHAPING)


def url_with(params: QueryDict, key: str, value: str, *, replace: bool = False) -> str:
    """The query string with `value` added to `key` (or replacing its values), page reset."""
    params = params.copy()
    params.pop("page", None)
    values = [] if replace else params.getlist(key)
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
    """A value of a facet: its link adds it to the filters, or removes it when active."""

    label: str
    count: int
    url: str
    active: bool
    share: int = 0  # percent of the facet's largest count, for histogram bars


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]
    long: bool = False  # offers "Show all" and a filter box
    expanded: bool = False  # all its values are listed
    toggle_url: str = ""  # "Show all" (or "Show fewer") link, when there is one
    histogram: bool = False


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
        field = filterset.form.fields[name]
        if isinstance(field, forms.ModelMultipleChoiceField):  # rows named by code or slug
            for item in value:
                text, parameter = _display(item)
                chips.append(Chip(label, text, url_without(params, name, parameter)))
        elif isinstance(field, forms.MultipleChoiceField):  # codes of a choice
            labels = dict(field.choices)
            chips.extend(Chip(label, str(labels.get(code, code)), url_without(params, name, code)) for code in value)
        elif isinstance(field, forms.ChoiceField):  # one code of a choice
            chips.append(Chip(label, str(dict(field.choices).get(value, value)), url_without(params, name)))
        elif name == "month":
            chips.append(Chip(label, date_format(value, "YEAR_MONTH_FORMAT"), url_without(params, name)))
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


def _facets(summary: dict, params: QueryDict, expanded: str) -> list[Facet]:
    """Facets with links that add each value to the current filters, or take it away."""
    facets = []
    for name, values, more in summary["facets"]:
        selected = set(params.getlist(name))
        facet_values = [
            FacetValue(
                text,
                count,
                url_without(params, name, parameter) if parameter in selected else url_with(params, name, parameter),
                parameter in selected,
            )
            for parameter, text, count in values
        ]
        spec = BY_NAME[name]
        facet = Facet(name, str(spec.label), facet_values, long=spec.long)
        if spec.long and expanded == name:
            facet.expanded = True
            facet.toggle_url = url_without(params, "show")
        elif more:
            facet.toggle_url = url_with(params, "show", name, replace=True)
        facets.append(facet)
    return facets


def _date_facet(
    months: list[tuple[str, int]], filterset: StatementFilter, params: QueryDict, *, shown=int
) -> Facet | None:
    """The date histogram: years, or the months of the chosen year (each a filter link);
    `shown` rounds each count (sampling.about for estimates)."""
    cleaned = filterset.form.cleaned_data
    year = cleaned.get("year") or (cleaned["month"].year if cleaned.get("month") else None)
    if year:
        chosen = cleaned["month"].strftime("%Y-%m") if cleaned.get("month") else None
        values = [
            FacetValue(
                date_format(first_day(month), "YEAR_MONTH_FORMAT"),
                shown(count),
                url_without(params, "month") if month == chosen else url_with(params, "month", month, replace=True),
                month == chosen,
            )
            for month, count in months
            if month.startswith(f"{year:04d}-")
        ]
        label = _("Months of %(year)s") % {"year": year}
    else:
        per_year: dict[str, int] = {}
        for month, count in months:
            per_year[month[:4]] = per_year.get(month[:4], 0) + count
        values = [
            FacetValue(str(int(y)), shown(count), url_with(params, "year", str(int(y)), replace=True), False)
            for y, count in sorted(per_year.items(), reverse=True)
        ]
        label = _("Year")
    if not values:
        return None
    facet = Facet("date", label, values, histogram=True)
    largest = max(value.count for value in values)
    for value in values:
        value.share = round(100 * value.count / largest)
    return facet


def quick_ranges(params: QueryDict, today: datetime.date) -> list[tuple[str, str]]:
    """Links that set the date range to a period readers often want: [(label, URL)]."""
    ranges = [
        (_("Last 30 days"), today - datetime.timedelta(days=30), today),
        (_("This year"), today.replace(month=1, day=1), today),
        (_("Last year"), datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)),
    ]
    return [
        (label, with_period(params, date_from=start.isoformat(), date_to=end.isoformat()))
        for label, start, end in ranges
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


class NewestRanked:
    """The ids of a large search result, best match first among its newest RANKED_AT_MOST
    matches, then the older ones newest first: what the page's paginator slices.

    Ranking every match of a common word reads every one of their search vectors (400,000
    over a million statements: a quarter of a second and more, at each new search); its
    newest few thousand are found by walking the date index and ranked in milliseconds.
    """

    def __init__(self, results: QuerySet, terms: str):
        self.newest = results.latest_first().values_list("pk", flat=True)
        self.terms = terms

    def __getitem__(self, window: slice) -> list[int]:
        start, stop = window.start or 0, window.stop
        ids = []
        if start < RANKED_AT_MOST:
            candidates = Statement.objects.filter(pk__in=self.newest[:RANKED_AT_MOST])
            ranked = candidates.search_ranked(self.terms).values_list("pk", flat=True)
            ids += ranked[start : min(stop, RANKED_AT_MOST)]
        if stop > RANKED_AT_MOST:
            ids += self.newest[max(start, RANKED_AT_MOST) : stop]
        return ids


class KnownCountPaginator(Paginator):
    """A paginator told its count, so a cached count spares the COUNT query."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


def _summary(request, filterset: StatementFilter, fixed: set[str], expanded: str) -> dict:
    """The result count and facet data of a list, cached until the data changes.

    Counting and faceting every matching row is most of a list page's work (hundreds of
    milliseconds over 100,000 statements); the rows of the page itself are cheap.
    The key is the page's path, its filtering parameters (not page, sort or size), the
    facet listed in full and the interface language (names in facets are translated).
    """
    filtering = sorted(
        (key, value)
        for key in request.GET
        if key not in (*NOT_SUMMARISED, "show")
        for value in request.GET.getlist(key)
    )
    identity = f"{get_language()}:{request.path}?{urlencode(filtering)}&show={expanded}"
    key = f"listing:{generation_seen_by(request)}:{hashlib.sha256(identity.encode()).hexdigest()}"
    return computed_once(key, lambda: _summarised(filterset, fixed, expanded))


def _summarised(filterset: StatementFilter, fixed: set[str], expanded: str) -> tuple[dict, int]:
    """(the summary, seconds to keep it): shorter when a query was cut short."""
    # A large result is estimated from a sample (statements/sampling.py), a smaller
    # one counted; a count cut short by the statement timeout is the planner's guess.
    sample = _in_time(statements_sample)
    count = _in_time(lambda: sample.estimate(filterset.qs)) if sample else None
    estimated = count is not None
    if not estimated:
        count = _count(filterset.qs)
    cut_short = count is None
    if cut_short:
        count = planner_rows(filterset.qs)
    facets = _in_time(lambda: count_facets(filterset, fixed=fixed, expanded=expanded, sample=sample))
    summary = {
        "count": count,
        "approximate": estimated or cut_short,
        "facets_timed_out": facets is None,
        **(facets or {"facets": [], "months": [], "sampled": False}),
    }
    return summary, TIMED_OUT_CACHE_SECONDS if cut_short or facets is None else DERIVED_SECONDS


def _in_time(work):
    """`work()`, or None when the database cancelled it for running longer than its
    statement timeout (DB_STATEMENT_TIMEOUT_MS): the page then goes without it instead of
    failing. Inside a transaction (tests, a caller's atomic block) in a savepoint, so the
    transaction stays usable."""
    try:
        if not connection.in_atomic_block:  # autocommit: a cancelled query leaves nothing to undo
            return work()
        with transaction.atomic():
            return work()
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            return None
        raise


def _count(rows: QuerySet) -> int | None:
    return _in_time(rows.count)


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
    expanded = params.get("show", "")
    if expanded not in BY_NAME or not BY_NAME[expanded].long:
        expanded = ""
    summary = _summary(request, filterset, set(fixed), expanded)
    # Paginate ids, then fetch the page's rows with what their cards show: sorting 20,000
    # search matches by rank is cheaper on the statements table alone than after joins.
    searching = filterset.searching
    ranked_newest = searching and not filterset.sort_applied and summary["count"] > RANKED_AT_MOST
    if ranked_newest:
        ids = NewestRanked(results, filterset.form.cleaned_data["q"])
    else:
        ids = results.values_list("pk", flat=True)
    paginator = KnownCountPaginator(ids, filterset.page_size, count=summary["count"])
    page: Page = paginator.get_page(params.get("page"))
    ids = list(page.object_list)
    rows = Statement.objects.with_card_relations().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]

    # Beneath each quote in another language, its words in the page's (when the archive has them).
    in_page_language = words_in(page.object_list, get_language())
    for statement in page:
        statement.in_your_language = in_page_language.get(statement.pk)

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
    shown = about if summary["sampled"] else int  # estimated counts are rounded once summed
    return {
        "filter": filterset,
        "page_obj": page,
        "paginator": paginator,
        "statements": page.object_list,
        "searching": searching,
        "ranked_newest": RANKED_AT_MOST if ranked_newest else 0,
        "approximate": summary["approximate"],
        "sampled": summary["sampled"],
        "facets_timed_out": summary["facets_timed_out"],
        "chips": chips,
        "ignored": _ignored(filterset),
        "facets": _facets(summary, params, expanded),
        "date_facet": _date_facet(summary["months"], filterset, params, shown=shown),
        "timeline": timeline(summary["months"], params, shown=shown),
        "quick_ranges": quick_ranges(params, timezone.localdate()),
        # Only what a reader of the page's language can read (a report in it, or a translation).
        "readable_url": ""
        if params.get("available_in")
        else url_with(params, "available_in", get_language(), replace=True),
        "did_you_mean": suggestions(filterset.form.cleaned_data["q"]) if searching and not paginator.count else [],
        "fixed": set(fixed),
        "narrowest": _narrowest_filter(base, chips) if paginator.count == 0 and chips else None,
    }
