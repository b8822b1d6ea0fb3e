"""The workbench's arithmetic: what remains by subtraction (the cross-check), years and rates, the treaty's
limit on one extension, and a projection of completion. Pure functions; None where unknown.

Years between dates are days / 365.25; a projection goes calendar year by calendar year, work spread
evenly within a year.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ccm_analytics.domain.treaty import EXTENSION_LIMIT_YEARS
from ccm_analytics.workbench.progress import Baseline

MAX_PROJECTION_YEARS = 200  # beyond this a projection reads "not at this rate"
DAYS_PER_YEAR = 365.25


@dataclass
class Remaining:
    amount: float | None
    as_at: pd.Timestamp  # the day the figure speaks for (NaT if unknown)
    note: str


def subtracted(base: Baseline, progress: pd.DataFrame, completed: bool, entry_into_force: pd.Timestamp) -> Remaining:
    """The cross-check: the baseline less the amounts reported after it (Article 4: years after the
    baseline's year; Article 3: every reported figure, as the stock is the total ever held), dated
    31 December of the last year accounted for; zero once completion is recorded."""
    if completed:
        return Remaining(0.0, pd.NaT, "completion recorded: nothing remains")
    if base.amount is None:
        return Remaining(None, pd.NaT, "unknown: no baseline in the data")
    after = progress if base.year is None else progress[progress["year"] > base.year]
    start_year = base.year if base.year is not None else (pd.Timestamp(entry_into_force).year - 1
                                                         if pd.notna(entry_into_force) else None)
    last_year = max([y for y in [start_year, *after["year"].tolist()] if y is not None], default=None)
    amount = base.amount - float(after["amount"].sum())
    note = (f"baseline {base.amount:g} less {float(after['amount'].sum()):g} reported in "
            f"{len(after)} year{'s' if len(after) != 1 else ''} after it")
    if amount < 0:
        note += "; the reported amounts exceed the baseline (figures from different sources)"
        amount = 0.0
    as_at = pd.Timestamp(year=last_year, month=12, day=31) if last_year is not None else pd.NaT
    return Remaining(amount, as_at, note)


def difference_text(reported: float | None, by_subtraction: float | None, unit: str) -> str:
    """The cross-check in words: how far the subtraction is from what the State reports as remaining."""
    if reported is None:
        return "no remaining figure is reported: the subtraction is the only figure"
    if by_subtraction is None:
        return "the subtraction cannot be made (no baseline): the reported figure stands alone"
    gap = reported - by_subtraction
    if abs(gap) < 0.005:
        return "the subtraction gives the same figure as the one reported"
    more = "more" if gap > 0 else "less"
    amount = f"{abs(gap):,.2f}".replace(",", "'")
    return (f"the State reports {amount} {unit} {more} than the subtraction gives "
            "(new finds, land cancelled or reduced by survey, or figures from different sources)")


def years_between(start: pd.Timestamp, end: pd.Timestamp) -> float | None:
    """Years from `start` to `end` (days / 365.25); None if either is unknown."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return None
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_YEAR


def years_needed(remaining_amount: float | None, rate: float | None) -> float | None:
    """Years to finish `remaining_amount` at `rate` a year: 0 if nothing remains, inf at a zero rate,
    None if either is unknown."""
    if remaining_amount is None or rate is None:
        return None
    if remaining_amount <= 0:
        return 0.0
    if rate <= 0:
        return float("inf")
    return remaining_amount / rate


def required_rate(remaining_amount: float | None, start: pd.Timestamp, deadline: pd.Timestamp) -> float | None:
    """The annual rate that finishes `remaining_amount` between `start` and `deadline` (None if unknown
    or if the deadline is not after the start)."""
    span = years_between(start, deadline)
    if remaining_amount is None or span is None:
        return None
    if remaining_amount <= 0:
        return 0.0
    if span <= 0:
        return None
    return remaining_amount / span


def rate_ratio(required: float | None, demonstrated: float | None) -> float | None:
    """Required rate / demonstrated rate (inf where nothing was demonstrated but work remains)."""
    if required is None or demonstrated is None:
        return None
    if demonstrated <= 0:
        return float("inf") if required > 0 else None
    return required / demonstrated


def extension_limit_date(extends: pd.Timestamp, article: int) -> pd.Timestamp:
    """The latest deadline one extension may set: the deadline it extends plus 4 (Article 3) or 5 years."""
    if extends is None or pd.isna(extends):
        return pd.NaT
    return pd.Timestamp(extends) + pd.DateOffset(years=EXTENSION_LIMIT_YEARS[article])


def within_limit(extends: pd.Timestamp, requested: pd.Timestamp, article: int) -> bool | None:
    """Whether the period requested is within the treaty's limit for one extension; None if unknown."""
    if requested is None or pd.isna(requested) or extends is None or pd.isna(extends):
        return None
    return pd.Timestamp(requested) <= extension_limit_date(extends, article)


def project_completion(remaining_amount: float | None, start: pd.Timestamp,
                       rates: float | dict[int, float] | None) -> pd.Timestamp:
    """The day the remaining work is done, going calendar year by calendar year from `start`.

    `rates` is one annual rate for every year, or {year: rate}; after the last year given the last rate
    goes on. Within a year work is spread evenly. NaT if unknown or never (a zero rate from then on, or
    more than MAX_PROJECTION_YEARS years).
    """
    if remaining_amount is None or rates is None or start is None or pd.isna(start):
        return pd.NaT
    start = pd.Timestamp(start)
    if remaining_amount <= 0:
        return start
    per_year = rates if isinstance(rates, dict) else {}
    flat = None if isinstance(rates, dict) else float(rates)
    last_given = max(per_year) if per_year else None
    done = 0.0
    # The first part-year runs from the day after `start` to 31 December of its year.
    year = start.year if (start.month, start.day) != (12, 31) else start.year + 1
    for _ in range(MAX_PROJECTION_YEARS + 1):
        if flat is not None:
            rate = flat
        else:
            rate = per_year.get(year, per_year[last_given] if year > last_given else 0.0)
        year_start = max(pd.Timestamp(year=year, month=1, day=1), start + pd.Timedelta(days=1))
        year_end = pd.Timestamp(year=year, month=12, day=31)
        share = ((year_end - year_start).days + 1) / ((year_end - pd.Timestamp(year=year, month=1, day=1)).days + 1)
        amount = rate * share
        if amount > 0 and done + amount >= remaining_amount:
            fraction = (remaining_amount - done) / amount
            days = (year_end - year_start).days + 1
            return (year_start + pd.Timedelta(days=round(fraction * days) - 1)).normalize()
        done += amount
        if flat is not None and flat <= 0:
            return pd.NaT
        if flat is None and year >= last_given and per_year[last_given] <= 0:
            return pd.NaT
        year += 1
    return pd.NaT
