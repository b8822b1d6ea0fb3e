"""Procedural checks on one extension request: submitted at least nine months before the meeting that
considers it (as Article 4.6 is read by the Group), "exceptional circumstances" for a second or later
Article 3 request (Article 3.3), and the treaty's limit of one extension. Verdicts in words.

Partial dates: a date known to the month or year spans that period; a check is "met" or "not met"
only when every day in the spans gives the same answer, else it says the dates are not precise enough.
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.formats.text import format_date

NOTICE_MONTHS = 9


def _span(day, precision) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    if day is None or pd.isna(day):
        return None
    start = pd.Timestamp(day)
    return start, pd.Timestamp(period_end(start, precision if isinstance(precision, str) else "day"))


def nine_months(submitted, submitted_precision, meeting, meeting_precision) -> tuple[str, str]:
    """(result, sentence): result "met", "not met", "unclear" or "not in data"."""
    sub, meet = _span(submitted, submitted_precision), _span(meeting, meeting_precision)
    if sub is None or meet is None:
        missing = " and ".join(w for w, s in (("submission", sub), ("meeting", meet)) if s is None)
        return "not in data", f"Nine months' notice: not in data (the date of the {missing} is not in the data)."
    said = (f"submitted {format_date(sub[0], submitted_precision)}, considered at the meeting of "
            f"{format_date(meet[0], meeting_precision)}")
    # latest day a submission may be made for each possible meeting day
    if sub[1] <= meet[0] - pd.DateOffset(months=NOTICE_MONTHS):
        return "met", f"Submitted at least nine months before the meeting ({said})."
    if sub[0] > meet[1] - pd.DateOffset(months=NOTICE_MONTHS):
        return "not met", f"Submitted less than nine months before the meeting ({said})."
    return "unclear", f"Nine months' notice: the dates are not precise enough to tell ({said})."


def exceptional_circumstances(article: int, request_no: int | None) -> tuple[bool, str]:
    """(needed, sentence): Article 3.3 allows a further request only in exceptional circumstances."""
    if article != 3 or request_no is None:
        return False, ("Not needed: Article 3.3 applies to Article 3 requests only." if article != 3
                       else "Not needed: no request.")
    if request_no >= 2:
        return True, (f"This is request {request_no} under Article 3: Article 3.3 allows it only in "
                      "exceptional circumstances, which the request must set out.")
    return False, "A first request under Article 3: no exceptional circumstances needed (Article 3.3)."


def limit_sentence(article: int, limit_years: int, within: bool | None, limit_date, years_requested) -> str:
    """The limit check in one line: "within the limit of 5 years under Article 4"."""
    if within is None:
        return f"Limit of {limit_years} years under Article {article}: unknown (the requested deadline is not known)."
    if within:
        return (f"Within the limit of {limit_years} years under Article {article} "
                f"(up to {format_date(limit_date)}).")
    period = "unknown" if years_requested is None else f"{years_requested:.1f} years"
    return (f"Longer than the limit of {limit_years} years under Article {article}: {period} requested, "
            f"the limit ends on {format_date(limit_date)}.")
