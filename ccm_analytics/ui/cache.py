"""The shared read-only connection and the one cache of page figures, keyed by function object."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import duckdb
import pandas as pd
import streamlit as st

from ccm_analytics.store import queries
from ccm_analytics.store.build import ensure_database
from ccm_analytics.store.db import database_path, open_snapshot, snapshot_cursor

CACHE_TTL_S = 600


@st.cache_resource(max_entries=4)
def _connection(path: str, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    # Keyed by the file's mtime: a swapped-in database gets a fresh connection (see db.open_snapshot).
    return open_snapshot(Path(path))


def db_key() -> tuple[str, int]:
    """The open database file and its modification time: what every cached figure depends on."""
    path = ensure_database(database_path())
    return str(path), Path(path).stat().st_mtime_ns


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared read-only connection, for this script run only."""
    return snapshot_cursor(_connection(*db_key()))


@st.cache_resource(ttl=CACHE_TTL_S, max_entries=256, show_spinner=False)
def _computed(_fn: Callable, name: str, key: tuple[str, int], args: tuple) -> Any:
    con = snapshot_cursor(_connection(*key))
    try:
        return _fn(con, *args)
    finally:
        con.close()


def figures(fn: Callable, *args) -> Any:
    """`fn(con, *args)`, computed once per function, database file and arguments (hashable plain values:
    dates, codes, tuples), held in memory and shared by every session: never modify what it returns.
    Holding the result as is (not pickled) keeps plotly figures fast: a rerun recomputes and rebuilds nothing."""
    return _computed(fn, f"{fn.__module__}.{fn.__qualname__}", db_key(), tuple(args))


def table(name: str) -> pd.DataFrame:
    """A whole declared table or view (cached like `figures`)."""
    return figures(queries.table, name)
