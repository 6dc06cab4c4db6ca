"""Everything a page that lists statements shows around the list.

Every list of statements (the statements list, and the speaker, country, summit, topic
and organisation pages) goes through `statement_listing`: the same FilterSet, search,
sorting, pagination, facets, active-filter chips and "this filter was ignored" notices,
so the pages cannot drift apart.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .filters import LANGUAGE_CHOICES, StatementFilter
from .models import Country, Statement
from .search import headline_expression, highlighted_html

FACET_SIZE = 8
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


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
        elif name == "wording":
            labels = dict(Statement.Wording.choices)
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


def _facets(queryset: QuerySet, params: QueryDict, fixed: set[str]) -> list[Facet]:
    """Top values of the current result set, each a link that adds that filter."""
    base = queryset.order_by()
    selected = {key: set(params.getlist(key)) for key in params}

    def facet(label, key, rows):
        values = [
            FacetValue(str(text), count, url_with(params, key, str(value)), str(value) in selected.get(key, ()))
            for value, text, count in rows
            if value is not None
        ]
        return Facet(label, values) if values else None

    def top(*fields):
        return (
            base.exclude(**{f"{fields[0]}__isnull": True})
            .values_list(*fields)
            .annotate(n=Count("id"))
            .order_by("-n", fields[1])[:FACET_SIZE]
        )

    facets = []
    if "country" not in fixed:
        facets.append(facet(_("Country"), "country", top("country__iso_alpha2", "country__name_en")))
    if "speaker" not in fixed:
        facets.append(facet(_("Speaker"), "speaker", top("speaker__slug", "speaker__name")))
    if "summit" not in fixed:
        facets.append(facet(_("Summit"), "summit", top("summit__slug", "summit__name")))
    if "topic" not in fixed:
        facets.append(facet(_("Topic"), "topic", top("topics__slug", "topics__name_en")))
    years = base.annotate(year=ExtractYear("date")).values_list("year").annotate(n=Count("id")).order_by("-year")
    facets.append(facet(_("Year"), "year", [(year, year, n) for year, n in years[:FACET_SIZE]]))
    languages = base.values_list("language").annotate(n=Count("id")).order_by("-n", "language")[:FACET_SIZE]
    facets.append(
        facet(_("Language"), "language", [(code, LANGUAGE_NAMES.get(code, code), n) for code, n in languages])
    )
    return [facet for facet in facets if facet]


def _narrowest_filter(filterset: StatementFilter, base: QuerySet, params: QueryDict, chips: list[Chip]):
    """On an empty result: the filter whose removal brings back the most statements."""
    best = None
    for chip in chips:
        trial = StatementFilter(QueryDict(chip.remove_url.lstrip("?")), queryset=base)
        count = trial.qs.count()
        if count and (best is None or count > best[1]):
            best = (chip, count)
    return best


def statement_listing(request, base: QuerySet, *, fixed: set[str] = frozenset(), default_sort: str = "newest") -> dict:
    """Context for a filtered, searched, paginated list of published statements.

    `base` is the page's own scope (a speaker's statements, say); `fixed` names the
    filters that scope already sets, which the page then neither offers nor facets.
    """
    base = base.published()
    # Always bound, even to an empty query: then the form validates and every default applies.
    filterset = StatementFilter(request.GET, queryset=base, default_sort=default_sort)
    filterset.form.is_valid()
    results = filterset.qs
    params = request.GET
    paginator = Paginator(results.with_card_relations(), filterset.page_size)
    page: Page = paginator.get_page(params.get("page"))

    searching = filterset.searching
    if searching:
        terms = filterset.form.cleaned_data["q"]
        headlines = dict(
            Statement.objects.filter(pk__in=[statement.pk for statement in page])
            .annotate(headline=headline_expression(terms))
            .values_list("pk", "headline")
        )
        for statement in page:
            statement.highlighted = highlighted_html(headlines.get(statement.pk, ""))

    chips = _chips(filterset, params, set(fixed))
    return {
        "filter": filterset,
        "page_obj": page,
        "paginator": paginator,
        "statements": page.object_list,
        "searching": searching,
        "chips": chips,
        "ignored": _ignored(filterset),
        "facets": _facets(results, params, set(fixed)),
        "fixed": set(fixed),
        "narrowest": _narrowest_filter(filterset, base, params, chips) if paginator.count == 0 and chips else None,
    }
