"""The Article 5 page's figures for a reference date, cached by `ui.figures`."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.article5.victims import responsibility_list
from ccm_analytics.store import queries

READS = ("article5", "state_status_at")  # what the page reads: its lineage


def responsibility(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """The States Parties on the reference date with responsibility for victims (`victims.responsibility_list`)."""
    return responsibility_list(queries.table(con, "article5"), queries.state_status_at(con, as_of), as_of)
