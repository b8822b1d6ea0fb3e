"""Article 5 victim assistance: the States Parties with responsibility for cluster munition victims,
from a sourced list loaded by import (none is shipped)."""
from __future__ import annotations

import pandas as pd

from ccm_analytics.formats.text import format_date


def responsibility_list(listed: pd.DataFrame, status: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per State on the list as known on `as_of` (rows dated after it are left out):
    iso3, state_name, un_region, status on `as_of`, as_of_date, source, notes.

    `listed` is the article5 view (or article5_responsibility table), `status` a state_status frame."""
    known = listed[pd.to_datetime(listed["as_of_date"]) <= pd.Timestamp(as_of)]
    out = known[["iso3", "as_of_date", "source", "notes"]].merge(
        status[["iso3", "state_name", "un_region", "status"]], on="iso3", how="left")
    return out[["iso3", "state_name", "un_region", "status", "as_of_date", "source", "notes"]].sort_values(
        "state_name", key=lambda s: s.str.normalize("NFKD")).reset_index(drop=True)


def screen_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"State": frame["state_name"], "Region": frame["un_region"],
                         "Status on the reference date": frame["status"],
                         "List dated": [format_date(d) for d in frame["as_of_date"]],
                         "Source": frame["source"], "Notes": frame["notes"].fillna("")})
