"""Where the figures come from: the date each data file's facts are current to, and what kind of
database is open (real, demonstration or synthetic benchmark)."""
from __future__ import annotations

import pandas as pd

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
