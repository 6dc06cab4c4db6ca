"""Dates in English as the archive's readers write them, day first: "4 September 2025"
(Django's English default is "Sept. 4, 2025")."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
