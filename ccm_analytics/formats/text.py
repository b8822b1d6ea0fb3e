"""Text for the screen in UN document style: 1 August 2010, June 2023, CHF 469'686, "unknown"."""
from __future__ import annotations

import re

import pandas as pd

UNKNOWN = "unknown"
_MARKDOWN_ACTIVE = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation mark: CommonMark lets each be escaped


def format_date(value: object, precision: str | None = "day") -> str:
    """1 August 2010; June 2023 or 2017 when only the month or year is known; "unknown" when missing."""
    if value is None or pd.isna(value):
        return UNKNOWN
    ts = pd.Timestamp(value)
    if precision == "year":
        return str(ts.year)
    if precision == "month":
        return ts.strftime("%B %Y")
    return f"{ts.day} {ts.strftime('%B %Y')}"


def format_count(value: object) -> str:
    """A whole number with ' as thousands separator, or "unknown"."""
    if value is None or pd.isna(value):
        return UNKNOWN
    return f"{int(value):,}".replace(",", "'")


def format_dates(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy with each date column (and its `_precision` companion, if any) as display text."""
    out = frame.copy()
    for column in columns:
        precision = out.get(f"{column}_precision")
        precisions = precision if precision is not None else ["day"] * len(out)
        out[column] = [format_date(v, p if isinstance(p, str) else "day") for v, p in zip(out[column], precisions)]
        if precision is not None:
            out = out.drop(columns=f"{column}_precision")
    return out


def markdown_literal(text: object) -> str:
    """Text from data made safe for a Streamlit element that renders Markdown (st.warning, st.caption):
    each ASCII punctuation mark backslash-escaped, so `a_b*c*.csv` or `![x](http://h/p.png)` shows as typed."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", str(text))


def format_percent(percent: object, digits: int = 1, signed: bool = False, in_text: bool = False) -> str:
    """One way to write a percentage (the value in per cent, 66.7 for two thirds): "66.7 %" in a table
    cell or chart label, "66.7 per cent" in a sentence (UN style); "+4.0 %" when `signed`, with the minus
    sign "−"; "unknown" when missing."""
    if percent is None or pd.isna(percent):
        return UNKNOWN
    number = f"{float(percent):+.{digits}f}" if signed else f"{float(percent):.{digits}f}"
    return number.replace("-", "−") + (" per cent" if in_text else " %")


def count_text(n: int, one: str, many: str) -> str:
    """ "1 row", "2 rows", "1'545 rows": a count with the word that agrees with it."""
    return f"{format_count(n)} {one if n == 1 else many}"
