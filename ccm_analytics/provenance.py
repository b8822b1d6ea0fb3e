"""Where the figures come from: the date each data file's facts are current to, and what kind of
database is open (real, demonstration or synthetic benchmark)."""
from __future__ import annotations

import pandas as pd

from .formatting import format_date
from .partial_dates import period_end


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
    current-to date, from `data_sources`; "unknown" if none of the files is listed."""
    chosen = sources[sources["file"].isin(files)]
    if chosen.empty:
        return "unknown"
    groups: dict[str, list[str]] = {}
    for row in chosen.sort_values("current_to", ascending=False).itertuples(index=False):
        groups.setdefault(format_date(row.current_to, row.current_to_precision), []).append(row.file)
    return "; ".join(f"{when} ({', '.join(names)})" for when, names in groups.items())
