"""Reading the research notes: their files, free-text cells, partial dates and qualifiers."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.partial_dates import parse_partial_date

MONTH_YEAR = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})")


def read_notes(shared: Path, name: str) -> pd.DataFrame:
    raw = pd.read_csv(shared / "data" / name, dtype=object, keep_default_na=False)
    # Empty cells become None (not NaN) in object columns, so plain `if text:` tests hold.
    return raw.astype(object).map(lambda v: v or None).astype(object)


def text_of(value: object) -> str | None:
    """The value if it is a non-empty text, else None (pandas may hand back NaN for empty cells)."""
    return value if isinstance(value, str) and value else None


def joined(parts) -> str | None:
    """The texts among `parts`, joined with "; ", or None."""
    return "; ".join(p for p in map(text_of, parts) if p) or None


def records_of(frame: pd.DataFrame) -> list[dict]:
    return [{k: text_of(v) for k, v in r.items()} for r in frame.to_dict("records")]


def split_date(frame: pd.DataFrame, column: str, text: pd.Series) -> None:
    """Add `column` and `column_precision` parsed from the leading date of each text."""
    parsed = text.map(parse_partial_date)
    frame[column] = parsed.map(lambda p: p[0].isoformat() if p[0] else None)
    frame[f"{column}_precision"] = parsed.map(lambda p: p[1])


def meeting_month_of(text: str | None) -> str | None:
    """The last month named in a meeting's description, e.g. "10MSP (Aug-Sep 2022)" -> 2022-09."""
    if not isinstance(text, str):
        return None
    found = MONTH_YEAR.findall(text.split(")")[0])  # later brackets speak of other events
    if not found:
        return None
    month, year = found[-1]
    return pd.Timestamp(f"{month} {year}").strftime("%Y-%m")


def qualifier_of(text: str | None) -> str | None:
    """exact, approx or lower bound: the first word(s) of the notes' qualifier."""
    if not isinstance(text, str):
        return None
    for q in ("exact", "approx", "lower bound"):
        if text.startswith(q):
            return q
    return None
