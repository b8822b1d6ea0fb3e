"""Dates known only to the month or year: a DATE (first day of the period) plus a precision.

`2023-06` is stored as 2023-06-01 with precision "month" and shown as "June 2023", never as a
made-up day. Comparisons use the first or the last possible day, as the question requires.
"""
from __future__ import annotations

import re
from datetime import date

import pandas as pd

PRECISIONS = ("day", "month", "year")
_LEADING = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?!\d)")


def parse_partial_date(text: object) -> tuple[date | None, str | None]:
    """The leading `YYYY-MM-DD`, `YYYY-MM` or `YYYY` of a text, as (first day, precision)."""
    if not isinstance(text, str):
        return None, None
    match = _LEADING.match(text)
    if not match:
        return None, None
    year, month, day = match.groups()
    if day:
        return pd.Timestamp(f"{year}-{month}-{day}").date(), "day"
    if month:
        return pd.Timestamp(f"{year}-{month}-01").date(), "month"
    return pd.Timestamp(f"{year}-01-01").date(), "year"


def period_end(first_day: date | None, precision: str | None) -> date | None:
    """The last day a partial date may stand for."""
    if first_day is None or pd.isna(first_day):
        return None
    ts = pd.Timestamp(first_day)
    if precision == "year":
        return ts.to_period("Y").end_time.date()
    if precision == "month":
        return ts.to_period("M").end_time.date()
    return ts.date()
