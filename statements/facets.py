"""Facets: what a list of statements holds, value by value, with counts.

Within a facet values are alternatives (OR), across facets they narrow (AND), as in the
search engines readers know: a facet's counts are those of the result *without that
facet's own selection*, so ticking France keeps Germany listed with the statements it
would add. The date facet drills down instead: years, then the months of a chosen year.

`count_facets` computes the plain data (so it can be cached); listing.py turns it into
links.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Model, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from .filters import LANGUAGE_CHOICES
from .models import (
    Country,
    OfficeLevel,
    Organisation,
    Report,
    Speaker,
    SpeakerKind,
    Statement,
    StatementSpeaker,
    Summit,
    Topic,
)

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
    """A facet: the filter parameter it sets and where its values are counted.

    `table` holds one row per statement and value (None: a column of the statements table
    itself); `long` facets offer "Show all" and a filter box.
    """

    name: str
    label: str
    table: type[Model] | None
    column: str
    names: Callable[[list], dict]
    long: bool = False


SPECS = (
    FacetSpec("country", _("Country"), StatementSpeaker, "country", _rows_of(Country, "iso_alpha2"), long=True),
    FacetSpec("speaker", _("Speaker"), StatementSpeaker, "speaker", _rows_of(Speaker, "slug"), long=True),
    FacetSpec(
        "organisation", _("On behalf of"), StatementSpeaker, "organisation", _rows_of(Organisation, "slug"), long=True
    ),
    FacetSpec("level", _("Level of office"), StatementSpeaker, "role__level", _choices(OfficeLevel.choices)),
    FacetSpec("speaker_kind", _("Kind of speaker"), StatementSpeaker, "speaker__kind", _choices(SpeakerKind.choices)),
    FacetSpec("summit", _("Summit"), None, "summit_id", _rows_of(Summit, "slug"), long=True),
    FacetSpec("topic", _("Topic"), Statement.topics.through, "topic", _rows_of(Topic, "slug"), long=True),
    FacetSpec("mode", _("Wording"), Report, "mode", _choices(Report.Mode.choices)),
    FacetSpec("outlet", _("Reported by"), Report, "source__outlet", _rows_of(Organisation, "slug"), long=True),
    FacetSpec("language", _("Language of a report"), Report, "language", _choices(LANGUAGE_CHOICES)),
)
BY_NAME = {spec.name: spec for spec in SPECS}


def _selected(value) -> list:
    """A facet's cleaned selection as column values (ids for rows, codes for choices)."""
    return [getattr(item, "pk", item) for item in value or ()]


def grouped_counts(table: type[Model] | None, rows: QuerySet, columns: dict) -> dict[str, list[tuple]]:
    """{name: [(value, statements)]} for each expression of `columns` ({name: expression}
    on `table`, or on the statements when None) among the statements `rows`, most
    frequent first, nulls left out.

    One query with GROUPING SETS reads the rows once for all the columns (a GROUP BY per
    column would read them once each), counting each statement once per value.
    """
    aliases = {f"c{index}": expression for index, expression in enumerate(columns.values())}
    if table is None:
        related = rows.order_by().values(counted=F("pk"), **aliases)
    else:
        related = table.objects.filter(statement__in=rows.order_by().values("pk"))
        related = related.values(counted=F("statement"), **aliases)
    sql, params = related.query.sql_with_params()
    flags = ", ".join(f"GROUPING({alias})" for alias in aliases)
    sets = ", ".join(f"({alias})" for alias in aliases)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {flags}, {', '.join(aliases)}, COUNT(DISTINCT counted) "  # noqa: S608 — only our aliases
            f"FROM ({sql}) AS related GROUP BY GROUPING SETS ({sets})",
            params,
        )
        grouped = cursor.fetchall()
    names = list(columns)
    counts: dict[str, list[tuple]] = {name: [] for name in names}
    width = len(names)
    for row in grouped:
        index = row[:width].index(0)  # GROUPING() is 0 for the column grouped on
        if row[width + index] is not None:
            counts[names[index]].append((row[width + index], row[-1]))
    for values in counts.values():
        values.sort(key=lambda item: (-item[1], item[0]))
    return counts


def count_facets(filterset, *, fixed: set[str], expanded: str = "") -> dict:
    """The facet data of a validated StatementFilter's result, as plain values:

    {"facets": [(name, [(parameter, text, count)], more)], "months": [("YYYY-MM", count)]}

    A facet with a selection is counted over the result without that selection; `fixed`
    names facets the page's scope sets (not offered); `expanded` is the facet whose values
    are all listed. Facets counted over the same rows in the same table share one query;
    the months go with the statements' own columns.
    """
    results = filterset.qs.order_by()
    cleaned = filterset.form.cleaned_data
    offered = [spec for spec in SPECS if spec.name not in fixed]
    selected = {spec.name: _selected(cleaned.get(spec.name)) for spec in offered}
    # (table, whose selection the rows leave out) -> {column name: expression}
    groups: dict[tuple, dict] = {(None, ""): {"month": TruncMonth("date")}}
    for spec in offered:
        groups.setdefault((spec.table, spec.name if selected[spec.name] else ""), {})[spec.name] = F(spec.column)
    counts = {}
    for (table, left_out), columns in groups.items():
        rows = filterset.filtered_without(filterset.queryset, left_out) if left_out else results
        counts.update(grouped_counts(table, rows, columns))

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
    months = sorted((month.strftime("%Y-%m"), n) for month, n in counts["month"])
    return {"facets": facets, "months": months}
