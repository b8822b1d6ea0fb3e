"""The Article 3 and 4 deadlines page's figures for a reference date and the page's filters:
`(con, as_of, articles, statuses, regions) -> Deadlines`.

`tracker_view` reads what it needs through `queries` and calls the pure analyses of `extensions`
and the chart of `charts_deadlines`, exactly as the page did. The page loads it through
`ui.figures` (held in memory per database file, reference date and filters, the plotly figure
included), so a rerun does no pandas or plotly work. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.deadlines import charts, extensions
from ccm_analytics.store import queries

# What the page reads: its lineage.
READS = ("obligation_deadlines_at", "extension_decisions", "article3_stockpiles", "article4_clearance")


@dataclass(frozen=True)
class Deadlines:
    """The tracker for one reference date and one choice of filters (empty = all)."""
    region_options: list[str]  # the regions of every obligation, whatever the filters
    counts: dict[str, int]  # obligations shown per status (`extensions.status_counts`)
    empty: bool  # no obligation matches the filters
    timeline: go.Figure | None  # None when nothing matches
    table: pd.DataFrame  # `extensions.tracker_screen` of the rows shown
    file: pd.DataFrame  # `extensions.tracker_file` of the rows shown
    requests: pd.DataFrame  # `extensions.requests_for` the rows shown (the requests file)
    requests_table: pd.DataFrame | None  # its screen text; None when there is no request


def _tracker(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every obligation's tracker row on `as_of`, and the extension requests known then."""
    requests = queries.extension_requests_at(con, as_of)
    rows = extensions.tracker(queries.obligation_deadlines_at(con, as_of), requests,
                              queries.table(con, "article3_stockpiles"), queries.table(con, "states"))
    return rows, requests


def tracker_rows(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """Every obligation's row on `as_of` as the tracker's file gives it, without the page's chart and screen
    text: what an aggregator counts (the Lausanne Action Plan figures)."""
    return extensions.tracker_file(_tracker(con, pd.Timestamp(as_of))[0])


def tracker_view(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, articles: tuple[int, ...] = (),
                 statuses: tuple[str, ...] = (), regions: tuple[str, ...] = ()) -> Deadlines:
    """Every obligation on `as_of` with its extension requests, filtered by article, status and region."""
    as_of = pd.Timestamp(as_of)
    rows, requests = _tracker(con, as_of)
    shown = extensions.filter_tracker(rows, list(articles), list(statuses), list(regions))
    chosen = extensions.requests_for(requests, shown)
    return Deadlines(
        region_options=extensions.region_options(rows), counts=extensions.status_counts(shown), empty=shown.empty,
        timeline=None if shown.empty else charts.timeline(extensions.timeline_rows(shown, requests), as_of),
        table=extensions.tracker_screen(shown, as_of), file=extensions.tracker_file(shown), requests=chosen,
        requests_table=None if chosen.empty else extensions.requests_screen(chosen))
