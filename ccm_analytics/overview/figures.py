"""Analyses computed straight from the database for a reference date: `(con, as_of) -> result`.

Each function reads what it needs through `queries` and calls the pure analyses. `ui.load_computed`
caches their results per database file and reference date, so a page's rerun (a widget change, a
second visitor) does no pandas work again. Importable without Streamlit.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.deadlines.extensions import requests_at
from ccm_analytics.deadlines.obligations import unconfirmed_obligations
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.overview.analysis import Overview, overview
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import current_to_of
from ccm_analytics.universalization.analysis import parties_by_year


def current_to(con: duckdb.DuckDBPyConnection, file: str) -> pd.Timestamp:
    """The last day the facts of one data file are current to (NaT if unknown)."""
    return current_to_of(queries.data_sources(con), file)


def facts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """`treaty.state_facts` of the states and treaty_events tables (one row per State)."""
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


def parties_by_year_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """`universalization.parties_by_year` for `as_of`: one row per year from 2008."""
    return parties_by_year(facts(con), as_of)


def overview_figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Overview:
    """The Overview page's figures for `as_of` (`overview.overview` of the frames it reads)."""
    requests = requests_at(queries.table(con, "extension_requests"), facts(con), as_of)
    unconfirmed = unconfirmed_obligations(queries.table(con, "article3_stockpiles"),
                                          queries.table(con, "article4_clearance"))
    return overview(queries.state_status_at(con, as_of), queries.obligation_deadlines_at(con, as_of),
                    queries.table(con, "article7_reports"), queries.budget_lines(con), as_of,
                    current_to(con, "article7_reports.csv"), requests, unconfirmed)
