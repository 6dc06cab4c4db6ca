import datetime

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.filter
def date_at_precision(date: datetime.date | None, precision: str = "day") -> str:
    """A date shown no more precisely than it is known: "4 September 2025", "September 2025", "2025"."""
    if date is None:
        return ""
    if precision == "year":
        return str(date.year)
    if precision == "month":
        return date_format(date, "YEAR_MONTH_FORMAT")
    return date_format(date, "DATE_FORMAT")
