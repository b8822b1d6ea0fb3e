"""The National measures (Article 9) page, computed straight from the database for a reference
date: `figures(con, as_of) -> Article9Page`.

`ui.figures("computed_article9.figures", as_of)` caches the result per database file and
reference date, so a rerun of the page does no pandas work and builds no figure again. Importable
without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.article9 import charts
from ccm_analytics.article9 import measures as nm
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.store import queries, schema
from ccm_analytics.store.provenance import current_to_of

READS = ("state_status_at", "article9_measures", "article9_aggregates")  # the page's lineage
MEASURES_FILE = schema.table("article9_measures").data_file


@dataclass
class Article9Page:
    frame: pd.DataFrame  # national_measures.measures_status: one row per State Party
    counts: pd.DataFrame  # national_measures.counts_by_status
    shares: str  # national_measures.shares_text
    map_chart: go.Figure  # charts_article9.measures_map of national_measures.map_frame
    by_region: pd.DataFrame  # national_measures.counts_by_region
    region_chart: go.Figure
    region_table: pd.DataFrame
    state_table: pd.DataFrame
    download: pd.DataFrame  # national_measures.download_table
    published_table: pd.DataFrame  # national_measures.published_table of published_beside_app


def _measures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, measures: pd.DataFrame,
              current_to: pd.Timestamp) -> pd.DataFrame:
    return nm.measures_status(queries.state_status_at(con, as_of), measures, as_of, current_to)


def measure_counts(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """States Parties by Article 9 status on `as_of` (`counts_by_status`), without the page's charts: what an
    aggregator counts."""
    current_to = current_to_of(queries.data_sources(con), MEASURES_FILE)
    return nm.counts_by_status(_measures(con, as_of, queries.table(con, "article9_measures"), current_to))


def figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Article9Page:
    """Every frame, text and figure the Article 9 page shows for `as_of`."""
    current_to = current_to_of(queries.data_sources(con), MEASURES_FILE)
    measures = queries.table(con, "article9_measures")
    states = queries.table(con, "states")
    frame = _measures(con, as_of, measures, current_to)
    counts = nm.counts_by_status(frame)
    by_region = nm.counts_by_region(frame)
    compared = nm.published_beside_app(queries.table(con, "article9_aggregates"),
                                       state_facts(states, queries.table(con, "treaty_events")), measures, current_to)
    return Article9Page(
        frame=frame, counts=counts, shares=nm.shares_text(counts),
        map_chart=charts.measures_map(nm.map_frame(states, frame)),
        by_region=by_region, region_chart=charts.by_region(by_region), region_table=nm.region_table(by_region),
        state_table=nm.state_table(frame), download=nm.download_table(frame),
        published_table=nm.published_table(compared))
