"""Estimates from a sample of the statements, for results too large to count in a page's time.

Counting and faceting a result reads every matching row: over a million statements a
common word matches 400,000 of them and its facets take seconds. Above SAMPLE_ABOVE
statements a list first looks at a fixed sample of the table (TABLESAMPLE SYSTEM: whole
pages chosen at random, about SAMPLE_ROWS rows whatever the table's size, the same pages
every time); when at least TRUSTED_MATCHES of the sampled rows match, the count and the
facets are estimated from them and the page says "about". Smaller results are counted
exactly: they are cheap, and a sample would say too little about them.

With TRUSTED_MATCHES rows the relative error of the count is about 1/√500, under 5%; it
is shown rounded to two significant figures, which claims no more. Below that, a result
(25,000 rows over a million statements) is counted and faceted exactly in about 100 ms.
"""

import json
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connection
from django.db.models import QuerySet

from .models import Statement

SAMPLE_ABOVE = 100_000  # statements in the table (the planner's figure) before anything is sampled
SAMPLE_ROWS = 20_000  # statements a sample reads
TRUSTED_MATCHES = 500  # matching statements in the sample for its estimate to stand in for a count

_TABLE = 'FROM "statements_statement"'


def about(number: float) -> int:
    """`number` rounded to two significant figures (418,731 -> 420,000; 87 -> 87)."""
    number = round(number)
    digits = len(str(abs(number)))
    return number if digits <= 2 else round(number, 2 - digits)


def planner_rows(rows: QuerySet) -> int:
    """The planner's estimate of how many rows `rows` has (no rows read; a millisecond)."""
    plan = json.loads(rows.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


@dataclass
class Sample:
    """A sample of the statements table: `percent` of its pages (the same ones every time,
    so an estimate does not change between requests while the data does not)."""

    percent: float
    table_rows: float  # the planner's figure
    _counted: dict = field(default_factory=dict, repr=False)

    def restrict(self, sql: str) -> str:
        """A query over the statements (the SQL of a Statement QuerySet), reading only the
        sample: its table scanned as a sample, the filters checked on the rows read."""
        if _TABLE not in sql:
            raise ValueError("Not a query over the statements table.")
        return sql.replace(_TABLE, f"{_TABLE} TABLESAMPLE SYSTEM ({self.percent:f}) REPEATABLE (0)", 1)

    def count(self, rows: QuerySet) -> int:
        """How many of the statements `rows` are in the sample (each query counted once)."""
        sql, params = rows.order_by().values("pk").query.sql_with_params()
        key = sql + repr(params)
        if key not in self._counted:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({self.restrict(sql)}) AS sampled", params)  # noqa: S608
                self._counted[key] = cursor.fetchone()[0]
        return self._counted[key]

    @cached_property
    def scale(self) -> float:
        """How many statements of the table each sampled statement stands for."""
        return self.table_rows / max(1, self.count(Statement.objects.all()))

    def estimate(self, rows: QuerySet) -> int | None:
        """About how many statements `rows` holds, or None when the sample would hold too
        few of them to say: count those exactly. A result the planner expects to be far
        too small (by a margin for its misses) is not even looked for in the sample."""
        if planner_rows(rows) * self.percent / 100 < TRUSTED_MATCHES / 4:
            return None
        matches = self.count(rows)
        return self.scaled(matches) if matches >= TRUSTED_MATCHES else None

    def scaled(self, sampled: int) -> int:
        """How many statements `sampled` statements of the sample stand for, rounded."""
        return about(sampled * self.scale)


def statements_sample() -> Sample | None:
    """The sample, or None when the table is small enough to count every result exactly."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'statements_statement'::regclass")
        (table_rows,) = cursor.fetchone()
    if table_rows < SAMPLE_ABOVE:  # -1 before the table's first ANALYZE
        return None
    return Sample(percent=min(100.0, 100.0 * SAMPLE_ROWS / table_rows), table_rows=table_rows)
