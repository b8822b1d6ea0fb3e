"""The Overview page's figures, computed straight from the database for a reference date:
`(con, as_of) -> result`, cached by `ui.figures`. Importable without Streamlit.
"""
from __future__ import annotations

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.article7.status import initial_reports
from ccm_analytics.deadlines.obligations import unconfirmed_obligations
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.overview.analysis import Overview, overview
from ccm_analytics.store import queries
from ccm_analytics.universalization.analysis import parties_by_year
from ccm_analytics.universalization.parties_chart import parties_over_time

# What the page reads: its lineage (the data files and sources it shows are derived from it).
READS = ("state_status_at", "obligation_deadlines_at", "extension_decisions", "article7_reports",
         "budget_lines")


def facts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """`treaty.state_facts` of the states and treaty_events tables (one row per State)."""
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


def parties_by_year_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """`universalization.parties_by_year` for `as_of`: one row per year from 2008."""
    return parties_by_year(facts(con), as_of)


def overview_figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Overview:
    """The Overview page's figures for `as_of` (`overview.overview` of the frames it reads)."""
    requests = queries.extension_requests_at(con, as_of)
    unconfirmed = unconfirmed_obligations(queries.table(con, "article3_stockpiles"),
                                          queries.table(con, "article4_clearance"))
    return overview(queries.state_status_at(con, as_of), queries.obligation_deadlines_at(con, as_of),
                    initial_reports(con, as_of), queries.budget_lines(con), as_of, requests, unconfirmed)


def parties_chart(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> go.Figure:
    """States Parties at 31 December of each year (today's count for the year of `as_of`)."""
    return parties_over_time(parties_by_year_at(con, as_of), as_of)
