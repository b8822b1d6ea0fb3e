"""The period a meeting pack reports on, and the Meeting it prepares: pure date arithmetic.

Two kinds of period: "since" a day (default one year before the reference date) up to the reference
date, or the Progress Report period of the Meetings of States Parties, 1 July to 30 June (the latest one
ended on or before the reference date). Both ends are included.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SINCE = "since"
PROGRESS_REPORT = "progress report"
KINDS = (SINCE, PROGRESS_REPORT)


@dataclass(frozen=True)
class Period:
    start: pd.Timestamp  # first day in the period
    end: pd.Timestamp  # last day in the period
    kind: str

    def contains(self, dates: pd.Series) -> pd.Series:
        """True where a date lies in the period (both ends included); False for a missing date."""
        dates = pd.to_datetime(dates)
        return (dates >= self.start) & (dates <= self.end)

    def previous(self) -> Period:
        """The period of the same length just before this one (for a trend)."""
        days = self.end - self.start
        end = self.start - pd.Timedelta(days=1)
        if self.kind == PROGRESS_REPORT:
            return Period(self.start - pd.DateOffset(years=1), end, self.kind)
        return Period(end - days, end, self.kind)


def progress_report_period(as_of: object) -> Period:
    """The latest 1 July–30 June period ended on or before `as_of`: for 30 September 2025,
    1 July 2024 to 30 June 2025; for 30 June 2025 the same; for 29 June 2025, 1 July 2023 to 30 June 2024."""
    as_of = pd.Timestamp(as_of).normalize()
    end_year = as_of.year if (as_of.month, as_of.day) >= (6, 30) else as_of.year - 1
    return Period(pd.Timestamp(end_year - 1, 7, 1), pd.Timestamp(end_year, 6, 30), PROGRESS_REPORT)


def since_period(as_of: object, since: object = None) -> Period:
    """From `since` (default: the same day one year before `as_of`) to `as_of`."""
    as_of = pd.Timestamp(as_of).normalize()
    start = as_of - pd.DateOffset(years=1) if since is None or pd.isna(since) else pd.Timestamp(since).normalize()
    return Period(min(start, as_of), as_of, SINCE)


def report_period(as_of: object, kind: str = SINCE, since: object = None) -> Period:
    """The period of `kind` (SINCE or PROGRESS_REPORT) for a pack of `as_of`."""
    if kind not in KINDS:
        raise ValueError(f"unknown period kind {kind!r}: one of {KINDS}")
    return progress_report_period(as_of) if kind == PROGRESS_REPORT else since_period(as_of, since)


def next_meeting(as_of: object, given: object = None) -> pd.Timestamp:
    """The day of the next Meeting of States Parties: `given` if there is one, else 1 September of the year
    of `as_of` when `as_of` is before September, otherwise 1 September of the next year (the Meetings are
    held in September; the day within the month is not known)."""
    if given is not None and not pd.isna(given):
        return pd.Timestamp(given).normalize()
    as_of = pd.Timestamp(as_of)
    return pd.Timestamp(as_of.year + (1 if as_of.month >= 9 else 0), 9, 1)
