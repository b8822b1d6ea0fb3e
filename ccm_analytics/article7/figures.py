"""The Transparency reports (Article 7) page, computed straight from the database for a reference
date: `figures(con, as_of) -> Article7Page`.

`ui.figures("computed_article7.figures", as_of)` caches the result per database file and
reference date, so a rerun of the page (a second visitor, a widget elsewhere) does no pandas work and
builds no figure again. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.article7 import charts, status, transparency
from ccm_analytics.article7.transparency import Article7Figures
from ccm_analytics.store import queries, schema
from ccm_analytics.store.provenance import current_to_of

READS = ("article7_status_at", "article7_reports", "article7_aggregates")  # the page's lineage
RECORDS_FILE = schema.table("article7_reports").data_file


@dataclass
class Article7Page:
    figures: Article7Figures  # transparency.article7_figures
    current_to: pd.Timestamp  # the last day the Article 7 records are current to (NaT if unknown)
    overdue: pd.DataFrame  # transparency.overdue_initial
    initial_table: pd.DataFrame  # transparency.initial_table
    initial_download: pd.DataFrame  # transparency.initial_download
    completeness: str  # transparency.completeness_text
    heatmap: go.Figure | None  # None when no annual report is owed (figures.annual empty)
    rates_chart: go.Figure | None  # None also when no year has a rate (transparency.any_rate_drawn)
    rates_table: pd.DataFrame | None
    rates_note: str | None  # transparency.rates_note: how the rates are computed, years without one
    status_chart: go.Figure | None
    without_year_table: pd.DataFrame | None  # None when every record says the year it covers
    reminder_table: pd.DataFrame
    published_table: pd.DataFrame


def report_figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Article7Figures:
    """The Article 7 figures of `as_of` without the page's tables and charts: what an aggregator counts."""
    return transparency.article7_figures(status.initial_reports(con, as_of), status.annual_reports(con, as_of),
                                         queries.state_status_at(con, as_of), queries.table(con, "article7_reports"),
                                         as_of, current_to_of(queries.data_sources(con), RECORDS_FILE))


def figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Article7Page:
    """Every frame, text and figure the Article 7 page shows for `as_of`."""
    current_to = current_to_of(queries.data_sources(con), RECORDS_FILE)
    fig = report_figures(con, as_of)
    owed = not fig.annual.empty
    return Article7Page(
        figures=fig, current_to=current_to,
        overdue=transparency.overdue_initial(fig.initial),
        initial_table=transparency.initial_table(fig.initial),
        initial_download=transparency.initial_download(fig.initial),
        completeness=transparency.completeness_text(fig.with_record, fig.state_years_due),
        heatmap=charts.annual_heatmap(fig.annual) if owed else None,
        rates_chart=charts.reporting_rates(fig.rates) if owed and transparency.any_rate_drawn(fig.rates) else None,
        rates_table=transparency.rates_table(fig.rates) if owed else None,
        rates_note=transparency.rates_note(fig.rates) if owed else None,
        status_chart=charts.status_bars(fig.annual_counts, "Annual reports due by the reference date, by status")
        if owed else None,
        without_year_table=None if fig.without_year.empty else transparency.without_year_table(fig.without_year),
        reminder_table=transparency.reminder_table(fig.reminders),
        published_table=transparency.published_table(queries.table(con, "article7_aggregates")))
