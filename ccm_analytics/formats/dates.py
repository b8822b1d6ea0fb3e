"""Dates typed into a link (?as_of=YYYY-MM-DD): read strictly, bounded in length, kept within a range."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ccm_analytics.formats.text import format_date, markdown_literal

# Longer text is not looked at: a link can carry megabytes, and nothing longer than this is a date.
MAX_DATE_TEXT = 32
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class UrlDate:
    """A date read from a link: the date to use (None when there is none to use) and a one-line notice
    for the page (None when the link's date was used as given); the notice is safe Markdown."""

    value: date | None
    notice: str | None = None


def url_date(text: object, lowest: date, highest: date, what: str = "reference date") -> UrlDate:
    """`text` from a link read as an ISO date: outside [lowest, highest] the nearest allowed date with a notice;
    not a date (or too long to be one) ignored with a notice; empty or missing: no date, no notice."""
    raw = "" if text is None else str(text)
    if not raw:
        return UrlDate(None)
    shown = markdown_literal(raw[:MAX_DATE_TEXT] + ("…" if len(raw) > MAX_DATE_TEXT else ""))
    ignored = UrlDate(None, f"The {what} in the link ({shown}) is not a date written YYYY-MM-DD; it was ignored.")
    if len(raw) > MAX_DATE_TEXT or not _ISO_DAY.fullmatch(raw.strip()):
        return ignored
    try:
        value = date.fromisoformat(raw.strip())
    except ValueError:
        return ignored
    if value < lowest:
        return UrlDate(lowest, f"The {what} in the link ({format_date(value)}) is before the earliest allowed, "
                               f"{format_date(lowest)}: {format_date(lowest)} is used.")
    if value > highest:
        return UrlDate(highest, f"The {what} in the link ({format_date(value)}) is after the latest allowed, "
                                f"{format_date(highest)}: {format_date(highest)} is used.")
    return UrlDate(value)
