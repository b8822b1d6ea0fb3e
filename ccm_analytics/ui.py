"""Streamlit glue shared by the pages: the cached connection and queries, the reference date,
and the "data as of" line. The only module of the package that imports streamlit."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from . import queries
from .db import database_path, ensure_database
from .formatting import format_date

CACHE_TTL_S = 600
TOPOJSON_URL = "/app/static/"  # plotly geo maps load world_110m.json from the app itself, not a CDN
PLOTLY_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}


@st.cache_resource(max_entries=4)
def _connection(path: str, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    # Keyed by the file's mtime: a swapped-in database gets a fresh connection.
    return duckdb.connect(path, read_only=True)


def _db_key() -> tuple[str, int]:
    path = ensure_database(database_path())
    return str(path), Path(path).stat().st_mtime_ns


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared read-only connection, for this script run only."""
    return _connection(*_db_key()).cursor()


@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _cached(loader: str, db_key: tuple[str, int], as_of: date | None) -> pd.DataFrame:
    con = _connection(*db_key).cursor()
    try:
        fn = getattr(queries, loader)
        return fn(con, pd.Timestamp(as_of)) if as_of is not None else fn(con)
    finally:
        con.close()


def load(loader: str, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The result of `queries.<loader>` (cached until the database changes or the TTL ends)."""
    return _cached(loader, _db_key(), None if as_of is None else pd.Timestamp(as_of).date())


@st.cache_data(ttl=CACHE_TTL_S, max_entries=32, show_spinner=False)
def _cached_table(name: str, db_key: tuple[str, int]) -> pd.DataFrame:
    con = _connection(*db_key).cursor()
    try:
        return queries.table(con, name)
    finally:
        con.close()


def load_table(name: str) -> pd.DataFrame:
    """A whole table or view of the schema (cached)."""
    return _cached_table(name, _db_key())


def reference_date(key: str = "as_of") -> pd.Timestamp:
    """The reference date chosen in the sidebar (default today), kept in the URL as ?as_of=YYYY-MM-DD."""
    try:
        initial = date.fromisoformat(st.query_params.get(key, ""))
    except ValueError:
        initial = date.today()
    chosen = st.sidebar.date_input("Reference date", value=initial, min_value=date(2008, 1, 1),
                                   max_value=date(2100, 12, 31), key=f"widget_{key}", format="DD/MM/YYYY",
                                   help="Every figure on the page is computed as of this date.")
    if chosen != date.today() or key in st.query_params:
        st.query_params[key] = chosen.isoformat()
    return pd.Timestamp(chosen)


def data_current_to(files: list[str]) -> str:
    """ "September 2025 (treaty_events.csv, ...); November 2020 (isu_budget.csv)": each file's current-to date."""
    sources = load_table("data_sources")
    chosen = sources[sources["file"].isin(files)]
    if chosen.empty:
        return "unknown"
    groups: dict[str, list[str]] = {}
    for row in chosen.sort_values("current_to", ascending=False).itertuples(index=False):
        groups.setdefault(format_date(row.current_to, row.current_to_precision), []).append(row.file)
    return "; ".join(f"{when} ({', '.join(names)})" for when, names in groups.items())


def reference_current_to(file: str) -> pd.Timestamp:
    """The last day the facts of one data file are current to (NaT if unknown)."""
    from .partial_dates import period_end
    sources = load_table("data_sources")
    row = sources[sources["file"] == file]
    if row.empty:
        return pd.NaT
    return pd.Timestamp(period_end(row.iloc[0]["current_to"], row.iloc[0]["current_to_precision"]))


def data_as_of(as_of: pd.Timestamp, files: list[str]) -> None:
    """The line every page shows: the reference date and the date the data are current to."""
    st.caption(f"Figures as of **{format_date(as_of)}** · data current to {data_current_to(files)}. "
               "Sources: see Data sources at the foot of the page.")


def sources_table(files: list[str]) -> None:
    """The provenance of the files a page uses, in an expander."""
    sources = load_table("data_sources")
    chosen = sources[sources["file"].isin(files)].copy()
    chosen["current_to"] = [format_date(d, p) for d, p in zip(chosen["current_to"], chosen["current_to_precision"])]
    with st.expander("Data sources"):
        st.dataframe(chosen.drop(columns=["current_to_precision"]), hide_index=True, width="stretch")


@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _cached_computed(name: str, db_key: tuple[str, int], as_of: date | None):
    from . import computed
    con = _connection(*db_key).cursor()
    try:
        fn = getattr(computed, name)
        return fn(con, pd.Timestamp(as_of)) if as_of is not None else fn(con)
    finally:
        con.close()


def load_computed(name: str, as_of: pd.Timestamp | None = None):
    """The result of `computed.<name>` (cached per database file and reference date, like `load`)."""
    return _cached_computed(name, _db_key(), None if as_of is None else pd.Timestamp(as_of).date())
