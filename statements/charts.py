"""The chart of statements over time shown above a list: bars drawn as server-side SVG.

The bars are per month when the statements span three years or less, per year beyond
(per decade beyond a century);
periods without statements are drawn empty, so the gaps show. The SVG is decoration for
sighted readers (aria-hidden): the same numbers are a table beneath it, each period a
link that narrows the list to it, so the chart needs neither colour nor JavaScript.
"""

import datetime
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.formats import date_format

WIDTH, HEIGHT = 720, 160  # the SVG's coordinate system; it scales to the page's width
LABEL_SPACE = 18  # below the bars, for the axis labels
MONTHLY_UP_TO = 36  # months spanned; beyond, one bar a year
YEARLY_UP_TO = 100  # years spanned; beyond, one bar a decade


@dataclass
class Bar:
    label: str  # the period in words: "September 2025", "2025"
    count: int
    url: str  # the list narrowed to the period
    x: float
    y: float
    width: float
    height: float
    axis_label: str = ""  # under the bar, on some bars only

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 2)

    @property
    def count_y(self) -> float:
        """Where the count is written, above the bar."""
        return round(max(self.y - 3, 10), 2)


@dataclass
class Timeline:
    bars: list[Bar]
    by_month: bool
    total: int
    largest: int

    @property
    def counts_on_bars(self) -> bool:
        """Whether each bar carries its count (when they are few enough to read)."""
        return len(self.bars) <= 24

    @property
    def width(self) -> int:
        return WIDTH

    baseline = HEIGHT  # where the bars stand
    axis_label_y = HEIGHT + LABEL_SPACE - 4

    @property
    def height(self) -> int:
        return HEIGHT + LABEL_SPACE


def first_day(month: str) -> datetime.date:
    """The first day of a "YYYY-MM" month."""
    year, number = month.split("-")
    return datetime.date(int(year), int(number), 1)


def _months_between(first: datetime.date, last: datetime.date):
    month = first
    while month <= last:
        yield month
        if month == datetime.date(datetime.MAXYEAR, 12, 1):
            return
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def with_period(params: QueryDict, **period: str) -> str:
    """The query string narrowed to `period` (year=…, month=…, or date_from and date_to)
    instead of any period it had, page reset."""
    query = params.copy()
    for name in ("page", "year", "month", "date_from", "date_to"):
        query.pop(name, None)
    query.update(period)
    return "?" + query.urlencode()


def timeline(months: list[tuple[str, int]], params: QueryDict, *, shown=int) -> Timeline | None:
    """The chart of `months` ([("YYYY-MM", count)] in order), or None for a single period;
    `shown` rounds each period's count (sampling.about for estimates)."""
    if len(months) < 2:
        return None
    counts = {first_day(month): count for month, count in months}
    first, last = min(counts), max(counts)
    by_month = (last.year - first.year) * 12 + last.month - first.month < MONTHLY_UP_TO
    if by_month:
        periods = [
            (date_format(month, "YEAR_MONTH_FORMAT"), counts.get(month, 0), "month", month.strftime("%Y-%m"), month)
            for month in _months_between(first, last)
        ]
    else:
        # A year a bar; over more than a century (a mistyped date, a historical archive),
        # a decade a bar, each linking to its first year.
        width = 10 if last.year - first.year >= YEARLY_UP_TO else 1
        per_period: dict[int, int] = {}
        for month, count in counts.items():
            start = month.year - month.year % width
            per_period[start] = per_period.get(start, 0) + count
        periods = [
            (f"{start}s" if width > 1 else str(start), per_period.get(start, 0), "year", str(max(start, 1)), None)
            for start in range(first.year - first.year % width, last.year + 1, width)
        ]
    periods = [(label, shown(count), *rest) for label, count, *rest in periods]
    largest = max(period[1] for period in periods) or 1
    step = WIDTH / len(periods)
    every = max(1, round(len(periods) / 12))  # at most about twelve axis labels
    bars = []
    for index, (label, count, key, value, month) in enumerate(periods):
        height = (HEIGHT - 4) * count / largest
        if month is not None:
            axis = str(month.year) if month.month == 1 or index == 0 else ""
        else:
            axis = label if index % every == 0 else ""
        bars.append(
            Bar(
                label=label,
                count=count,
                url=with_period(params, **{key: value}),
                x=round(index * step + step * 0.1, 2),
                y=round(HEIGHT - height, 2),
                width=round(step * 0.8, 2),
                height=round(height, 2),
                axis_label=axis,
            )
        )
    return Timeline(bars=bars, by_month=by_month, total=sum(bar.count for bar in bars), largest=largest)
