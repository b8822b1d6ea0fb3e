"""Where the figures come from: the date each data file's facts are current to, and what kind of
database is open (real, demonstration or synthetic benchmark)."""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.formats.text import format_date
from ccm_analytics.store import schema


def current_to_of(sources: pd.DataFrame, file: str) -> pd.Timestamp:
    """The last day the facts of one data file are current to (NaT if unknown), from `data_sources`."""
    row = sources[sources["file"] == file]
    if row.empty:
        return pd.NaT
    return pd.Timestamp(period_end(row.iloc[0]["current_to"], row.iloc[0]["current_to_precision"]))


def is_demonstration(build_info: pd.DataFrame) -> bool:
    """True when the database was not built from the real data alone (`build_info` kind is not `real`):
    a demonstration database (`build --demo`) or a synthetic benchmark file."""
    kind = build_info.loc[build_info["key"] == "kind", "value"]
    return not kind.empty and kind.iloc[0] != "real"


def current_to_text(sources: pd.DataFrame, files: list[str]) -> str:
    """ "September 2025 (treaty_events.csv, ...); November 2020 (isu_budget.csv)": each file's
    current-to date, from `data_sources`; "unknown" if none of the files has one. A reference list
    without a current-to date (states.csv) is a source, not a dated fact: it is named in the sources only."""
    chosen = sources[sources["file"].isin(files) & sources["current_to"].notna()]
    if chosen.empty:
        return "unknown"
    groups: dict[str, list[str]] = {}
    for row in chosen.sort_values("current_to", ascending=False).itertuples(index=False):
        groups.setdefault(format_date(row.current_to, row.current_to_precision), []).append(row.file)
    return "; ".join(f"{when} ({', '.join(names)})" for when, names in groups.items())


# --- the age of the data (issue 13) -----------------------------------------------------------------

STALE_AFTER_MONTHS = 6  # a page says so when its reference date is more than this after its data's date


def add_months(day: object, months: int) -> pd.Timestamp:
    """`day` plus whole calendar months; the last day of a month stays the last day (30 September 2025
    plus 6 months is 31 March 2026), another day is kept or cut to the month's end (31 January + 1: 28 February)."""
    ts = pd.Timestamp(day).normalize()
    moved = ts + pd.DateOffset(months=months)
    return moved + pd.offsets.MonthEnd(0) if ts.is_month_end else moved


def whole_months_between(start: object, end: object) -> int:
    """The whole calendar months from `start` to `end` (0 if `end` is not later): 30 September 2025 to
    1 December 2026 is 14 (30 November 2026 is 14 months on, 31 December 15)."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def is_stale(current_to: object, as_of: object) -> bool:
    """Whether `as_of` is more than STALE_AFTER_MONTHS after `current_to` (the last day the data are
    current to); False when that day is unknown."""
    if current_to is None or pd.isna(current_to):
        return False
    return pd.Timestamp(as_of).normalize() > add_months(current_to, STALE_AFTER_MONTHS)


def _months_text(months: int) -> str:
    """ "14 months", "1 month"; "more than 6 months" at the threshold itself (6 months and some days)."""
    if months == STALE_AFTER_MONTHS:
        return f"more than {months} months"
    return "1 month" if months == 1 else f"{months} months"


def stale_data_notice(sources: pd.DataFrame, files: list[str], as_of: object) -> str | None:
    """The notice a page shows when its reference date is more than STALE_AFTER_MONTHS after the date the
    data of `files` are current to (`data_sources`: a month's precision means its last day), or None:
    "These figures use data current to September 2025, 14 months before the reference date: later
    reports and decisions are not included." Where the page's files differ in date, each stale date
    names its files."""
    chosen = sources[sources["file"].isin(files) & sources["current_to"].notna()]
    groups: dict[str, tuple[pd.Timestamp, list[str]]] = {}
    for row in chosen.sort_values(["current_to", "file"], ascending=[False, True]).itertuples(index=False):
        text = format_date(row.current_to, row.current_to_precision)
        end = pd.Timestamp(period_end(row.current_to, row.current_to_precision))
        groups.setdefault(text, (end, []))[1].append(row.file)
    stale = [(text, end, names) for text, (end, names) in groups.items() if is_stale(end, as_of)]
    if not stale:
        return None
    name_files = len(groups) > 1
    parts = []
    for i, (text, end, names) in enumerate(stale):
        which = f" ({', '.join(names)})" if name_files else ""
        before = "before the reference date" if i == 0 else "before it"
        parts.append(f"{text}{which}, {_months_text(whole_months_between(end, as_of))} {before}")
    return (f"These figures use data current to {', and to '.join(parts)}: "
            "later reports and decisions are not included.")


# --- lineage: what a page, a view or a pack section reads, derived from the declarations ------------

def files_read(names: tuple[str, ...] | list[str]) -> list[str]:
    """The data files (`data/*.csv`) behind the tables, views and macros `names`, following each view's
    and macro's declared `reads` down to the tables (their `data_file`), in declaration order."""
    tables = {t.name: t for t in schema.TABLES}
    reads = {**{v.name: v.reads for v in schema.VIEWS}, **schema.MACRO_READS}
    seen, files, todo = set(), set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in tables:
            if tables[name].data_file:
                files.add(tables[name].data_file)
        elif name in reads:
            todo.extend(reads[name])
        else:
            raise KeyError(f"{name!r} is neither a declared table, view nor macro")
    return [t.data_file for t in schema.TABLES if t.data_file in files and t.name not in _NOT_FACTS]


_NOT_FACTS = ("data_sources",)  # the provenance table describes the files; it is not a source of facts
