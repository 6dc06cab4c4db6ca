"""Facets: what a list of statements holds, value by value, with counts.

Within a facet values are alternatives (OR), across facets they narrow (AND), as in the
search engines readers know: a facet's counts are those of the result *without that
facet's own selection*, so ticking France keeps Germany listed with the statements it
would add. The date facet drills down instead: years, then the months of a chosen year.

`count_facets` computes the plain data (so it can be cached); listing.py turns it into
links.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Func, Model, QuerySet, TextField, Value
from django.utils.translation import gettext_lazy as _

from .caching import DERIVED_SECONDS, computed_once, generation_seen_by
from .filters import LANGUAGE_CHOICES
from .models import (
    Country,
    OfficeLevel,
    Organisation,
    Report,
    Speaker,
    SpeakerKind,
    Statement,
    Summit,
    Topic,
)
from .sampling import Sample

FACET_SIZE = 8  # values listed before "Show all"
ALL_VALUES = 500  # values listed once a reader asks for all of a facet


def _rows_of(model: type[Model], parameter: str) -> Callable[[list], dict]:
    """Names facet values that are ids of `model`: {id: (URL parameter, text)}."""

    def name(values):
        return {pk: (getattr(row, parameter), str(row)) for pk, row in model.objects.in_bulk(values).items()}

    return name


def _choices(choices) -> Callable[[list], dict]:
    """Names facet values that are codes: {code: (code, label)}."""
    labels = dict(choices)
    return lambda values: {value: (value, str(labels.get(value, value))) for value in values}


@dataclass(frozen=True)
class FacetSpec:
    """A facet: the filter parameter it sets, which is also the prefix of its values in
    each statement's `facet_values` ("country:12"); `numeric` values are ids of rows;
    `long` facets offer "Show all" and a filter box."""

    name: str
    label: str
    names: Callable[[list], dict]
    numeric: bool = False
    long: bool = False


SPECS = (
    FacetSpec("country", _("Country"), _rows_of(Country, "iso_alpha2"), numeric=True, long=True),
    FacetSpec("speaker", _("Speaker"), _rows_of(Speaker, "slug"), numeric=True, long=True),
    FacetSpec("organisation", _("On behalf of"), _rows_of(Organisation, "slug"), numeric=True, long=True),
    FacetSpec("level", _("Level of office"), _choices(OfficeLevel.choices)),
    FacetSpec("speaker_kind", _("Kind of speaker"), _choices(SpeakerKind.choices)),
    FacetSpec("summit", _("Summit"), _rows_of(Summit, "slug"), numeric=True, long=True),
    FacetSpec("topic", _("Topic"), _rows_of(Topic, "slug"), numeric=True, long=True),
    FacetSpec("mode", _("Wording"), _choices(Report.Mode.choices)),
    FacetSpec("outlet", _("Reported by"), _rows_of(Organisation, "slug"), numeric=True, long=True),
    FacetSpec("language", _("Language of a report"), _choices(LANGUAGE_CHOICES)),
)
BY_NAME = {spec.name: spec for spec in SPECS}
MONTH = "month"  # the date facet's values, from the statements' dates ("month:2025-09")


def _selected(value) -> list:
    """A facet's cleaned selection as stored values (ids for rows, codes for choices)."""
    return [getattr(item, "pk", item) for item in value or ()]


def value_counts(rows: QuerySet, names: Iterable[str], sample: Sample | None = None) -> dict[str, list[tuple]]:
    """{facet name: [(value, statements)]} for the facets `names` (MONTH among them, or
    not) among the statements `rows` (those in `sample` only, when given), most frequent
    first; values are ids for facets of rows, codes for the others, "YYYY-MM" for months.

    One pass over the rows: each statement's `facet_values` (distinct, so a statement
    counts once per value), with its month when asked for, unnested and grouped; no joins.
    """
    names = list(names)
    if MONTH in names:
        month = Func(F("date"), Value("YYYY-MM"), function="to_char", output_field=TextField())
        inner, params = rows.order_by().values("facet_values", month=month).query.sql_with_params()
        keys = f"counted.facet_values || ('{MONTH}:' || counted.month)"
    else:
        inner, params = rows.order_by().values("facet_values").query.sql_with_params()
        keys = "counted.facet_values"
    if sample:
        inner = sample.restrict(inner)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, COUNT(*) FROM ({inner}) AS counted, unnest({keys}) AS key "  # noqa: S608 — ORM and constants
            "WHERE split_part(key, ':', 1) = ANY(%s) GROUP BY key",
            (*params, names),
        )
        grouped = cursor.fetchall()
    counts: dict[str, list[tuple]] = {name: [] for name in names}
    for key, count in grouped:
        name, _colon, value = key.partition(":")
        counts[name].append((int(value) if name in BY_NAME and BY_NAME[name].numeric else value, count))
    for values in counts.values():
        values.sort(key=lambda item: (-item[1], item[0]))
    return counts


def count_facets(filterset, *, fixed: set[str], expanded: str = "", sample: Sample | None = None) -> dict:
    """The facet data of a validated StatementFilter's result, as plain values:

    {"facets": [(name, [(parameter, text, count)], more)], "months": [("YYYY-MM", count)],
     "sampled": whether any count is an estimate}

    A facet with a selection is counted over the result without that selection; `fixed`
    names facets the page's scope sets (not offered); `expanded` is the facet whose values
    are all listed. Facets counted over the same rows share one query. With a `sample`
    (statements/sampling.py), those over rows too many to count are estimated from it.
    """
    cleaned = filterset.form.cleaned_data
    offered = [spec for spec in SPECS if spec.name not in fixed]
    selected = {spec.name: _selected(cleaned.get(spec.name)) for spec in offered}
    # whose selection the rows leave out ("": none) -> the facets counted over them
    groups: dict[str, list[str]] = {"": [MONTH]}
    for spec in offered:
        groups.setdefault(spec.name if selected[spec.name] else "", []).append(spec.name)
    counts, sampled = {}, False
    for left_out, names in groups.items():
        rows = filterset.filtered_without(filterset.queryset, left_out)
        if sample and sample.estimate(rows) is not None:
            sampled = True
            for name, values in value_counts(rows, names, sample).items():
                # Months are summed into years (listing.py, charts.py): rounded once summed.
                scaled = (lambda n: round(n * sample.scale)) if name == MONTH else sample.scaled
                counts[name] = [(value, scaled(n)) for value, n in values]
        else:
            counts.update(value_counts(rows, names))

    facets = []
    for spec in offered:
        limit = ALL_VALUES if spec.long and expanded == spec.name else FACET_SIZE
        values = counts[spec.name]
        more = len(values) > limit
        shown = dict(values[:limit])
        # A selected value is always listed, even outside the most frequent ones.
        shown.update((value, n) for value, n in values[limit:] if value in selected[spec.name])
        names = spec.names(list(shown))
        listed = [(*names[value], n) for value, n in shown.items() if value in names]
        if listed:
            facets.append((spec.name, listed, more))
    return {"facets": facets, "months": sorted(counts[MONTH]), "sampled": sampled}


def published_counts(request) -> dict[str, dict]:
    """How many published statements each value of each facet has ({"country": {12: 16700},
    "topic": {…}, …}): one pass over the published rows' facet values, cached until the
    data changes. The home page and the lists of speakers, countries, summits, topics and
    organisations show these, where a count per row would read each row's statements
    (14 s for the home page's countries and topics over a million statements)."""

    def count() -> tuple[dict, int]:
        counted = value_counts(Statement.objects.published(), BY_NAME)
        return {name: dict(values) for name, values in counted.items()}, DERIVED_SECONDS

    if not hasattr(request, "published_counts"):  # read once per request
        request.published_counts = computed_once(f"published-counts:{generation_seen_by(request)}", count)
    return request.published_counts


def with_statement_counts(rows: Iterable, facet: str, request) -> list:
    """`rows` (speakers, countries, summits, topics or organisations), each with its number
    of published statements as `statement_count`."""
    counts = published_counts(request)[facet]
    rows = list(rows)
    for row in rows:
        row.statement_count = counts.get(row.pk, 0)
    return rows


def most_statements(queryset: QuerySet, facet: str, request, number: int) -> list:
    """The `number` rows of `queryset` with the most published statements (then by name),
    each with its `statement_count`."""
    counts = published_counts(request)[facet]
    if not counts:
        return []
    # Every row tied with the last one listed is a candidate: the names break the ties.
    least = sorted(counts.values(), reverse=True)[:number][-1]
    candidates = queryset.filter(pk__in=[pk for pk, count in counts.items() if count >= least])
    ranked = sorted(with_statement_counts(candidates, facet, request), key=lambda row: (-row.statement_count, row.name))
    return ranked[:number]
