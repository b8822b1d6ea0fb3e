"""Read the database into DataFrames for the analyses. Every query binds its parameters."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.store import schema
from ccm_analytics.store.db import fetch_df
from ccm_analytics.store.provenance import current_to_of

# Money leaves DuckDB as integer centimes: .df() would turn DECIMAL into float.
_BUDGET = ("SELECT year, budget_line, CAST(round(amount_chf * 100) AS BIGINT) AS amount_centimes, kind "
           "FROM isu_budget ORDER BY year, budget_line")
_DATE_COLUMNS = ("date", "deadline", "_on", "current_to", "completed_by")
# Columns the schema declares with another type though their names look like dates: source_date (the
# source's own wording of its date: a year, a month, a window), signatories_only (a count).
_NOT_DATES = ({c.name for obj in (*schema.TABLES, *schema.VIEWS) for c in obj.columns}
              - {c.name for obj in (*schema.TABLES, *schema.VIEWS) for c in obj.columns
                 if c.type in ("DATE", "TIMESTAMP")})


def _dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns as pandas datetimes (NaT for missing), whatever DuckDB handed back: columns named like
    dates (the macros' columns are not declared), unless the schema declares them with another type."""
    for column in frame.columns:
        if (any(part in column for part in _DATE_COLUMNS) and not column.endswith("precision")
                and column not in _NOT_DATES):
            frame[column] = pd.to_datetime(frame[column])
    return frame


def table(con: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame:
    """A whole declared table or view (names come from schema.py, never from users)."""
    if name not in {t.name for t in schema.TABLES} | {v.name for v in schema.VIEWS} | {"state_facts"}:
        raise ValueError(f"not a table or view of the schema: {name}")
    return _dates(fetch_df(con, f"SELECT * FROM {name}"))


def state_status_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    return _dates(fetch_df(con, "SELECT * FROM state_status_at(?::DATE)", [pd.Timestamp(as_of).date()]))


def obligation_deadlines_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    return _dates(fetch_df(con, "SELECT * FROM obligation_deadlines_at(?::DATE)", [pd.Timestamp(as_of).date()]))


def budget_lines(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return fetch_df(con, _BUDGET)


def data_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return table(con, "data_sources")


def contributions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The public `contributions` view, money as integer centimes (one row per payment received)."""
    return _dates(fetch_df(con, "SELECT iso3, year, CAST(round(amount_chf * 100) AS BIGINT) AS amount_centimes, "
                                "received_date, source FROM contributions ORDER BY year, iso3"))
def extension_decisions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every extension request with its original deadline, the day it became known (known_from) and
    the day its decision was taken at the latest (decided_by): the `extension_decisions()` macro."""
    return _dates(fetch_df(con, "SELECT * FROM extension_decisions() ORDER BY iso3, article, request_no"))
def article7_status_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """The `article7_status` view's rows for any date (the `article7_status_at` table macro)."""
    return _dates(fetch_df(con, "SELECT * FROM article7_status_at(?::DATE)", [pd.Timestamp(as_of).date()]))


def current_to(con: duckdb.DuckDBPyConnection, table_name: str) -> pd.Timestamp:
    """The last day the facts of a table's data file are current to (NaT if unknown)."""
    return current_to_of(data_sources(con), schema.table(table_name).data_file)


def extension_requests_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per extension request known on `as_of`, with the deadline it extends and its decision on
    that date (the `extension_requests_at` macro)."""
    return _dates(fetch_df(con, "SELECT * FROM extension_requests_at(?::DATE)", [pd.Timestamp(as_of).date()]))


def article7_detail_at(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, report_type: str | None = None,
                       iso3: str | None = None) -> pd.DataFrame:
    """`article7_status_at` with what a page shows beside the status: the submission's precision and
    source, and for an initial report the listing as outstanding it was last named on (the macro); only
    `report_type` (initial or annual) and State `iso3` where given."""
    # Filtered in SQL: turning the rows not wanted into a frame costs more than the rule itself.
    return _dates(fetch_df(con, "SELECT * FROM article7_detail_at(?::DATE) "
                                "WHERE report_type = coalesce(?, report_type) AND iso3 = coalesce(?, iso3)",
                           [pd.Timestamp(as_of).date(), report_type, iso3]))
