"""A meeting-pack section as a feature contributes it: heading, sentences from its figures, tables with
word headers, a chart (or none) and its sources as a reader cites them. Neutral ground: features build
it, meeting_pack renders it, neither imports the other."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from ccm_analytics.formats.text import format_date

# A cell that is a number, an amount or a share ("1'234", "CHF 469'686", "66.7%", "−3"): right-aligned.
_NUMBER = re.compile(r"^(CHF )?[−+-]?[\d'.,]+( ?%| per cent)?$")
_SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")


@dataclass
class Table:
    caption: str
    frame: pd.DataFrame  # text cells, word headers
    total: bool = False  # the last row is a total (set in bold)


@dataclass
class Section:
    heading: str
    sentences: list[str]
    tables: list[Table] = field(default_factory=list)
    chart: object | None = None  # a plotly figure (formats draws none itself)
    sources: list[str] = field(default_factory=list)  # "Publication (what it holds), current to September 2025"
    empty: bool = False  # no data fill the theme: the sentence says what would and how to import it


def is_number(text: object) -> bool:
    """Whether a cell's text is a number, an amount or a share (so is right-aligned)."""
    return isinstance(text, str) and bool(_NUMBER.match(text.strip()))


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """The columns whose every non-empty cell is a number, amount or share."""
    out = []
    for column in frame.columns:
        cells = [str(v) for v in frame[column] if not (v is None or (not isinstance(v, str) and pd.isna(v)))]
        cells = [c for c in cells if c not in ("", "unknown", "none", "not loaded")]
        if cells and all(is_number(c) for c in cells):
            out.append(column)
    return out


def snake_case_headers(frame: pd.DataFrame) -> list[str]:
    """Headers written as identifiers (`state_name`), which a reader should never see."""
    return [str(c) for c in frame.columns if _SNAKE.match(str(c))]


def text_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text ("unknown" where missing; whole numbers without a decimal point)."""
    def cell(v: object) -> str:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return "unknown"
        if isinstance(v, float) and v.is_integer():
            return f"{int(v):,}".replace(",", "'")
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{v:,}".replace(",", "'")
        return str(v)
    return pd.DataFrame({str(c): [cell(v) for v in frame[c]] for c in frame.columns})


def cited_sources(sources: pd.DataFrame, files: list[str]) -> list[str]:
    """Each file's source as a reader cites it, from `data_sources`: its publication (or what it holds, where
    no publication is named), what it holds, and the date its facts are current to; never the file's name.
    Sources named alike are given once."""
    out: list[str] = []
    for row in sources[sources["file"].isin(files)].itertuples(index=False):
        publication = row.publication if isinstance(row.publication, str) and row.publication.strip() else None
        text = f"{publication} ({row.title})" if publication else str(row.title)
        if pd.notna(row.current_to):
            text += f", current to {format_date(row.current_to, row.current_to_precision)}"
        if text not in out:
            out.append(text)
    return out


def period_text(start: object, end: object) -> str:
    """ "1 July 2024 to 30 June 2025" """
    return f"{format_date(start)} to {format_date(end)}"


def plural(n: int, one: str, many: str) -> str:
    """ "1 State", "3 States" """
    return f"{n:,}".replace(",", "'") + f" {one if n == 1 else many}"


def per_cent(part: int, whole: int) -> str:
    """ "66.7 per cent"; "unknown" when `whole` is 0 (rounded half up to one decimal)."""
    if not whole:
        return "unknown"
    tenths = (part * 2000 // whole + 1) // 2  # exact integer arithmetic: half up to a tenth
    return f"{tenths // 10}.{tenths % 10} per cent"
