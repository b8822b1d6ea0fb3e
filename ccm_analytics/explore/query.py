"""The explorer's SQL: built from a validated state (identifiers from the schema, values bound as ?), and run."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.explore.state import (
    MAX_ROWS,
    MISSING,
    ExploreState,
    columns,
    dated_macro,
    validate,
)

# --- SQL ----------------------------------------------------------------------------------------

def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def value_column(state: ExploreState) -> str:
    """The name of the aggregated column: rows, sum_<measure> or mean_<measure>."""
    return "rows" if state.agg == "count" else f"{state.agg}_{state.measure}"


def build_query(state: ExploreState, as_of: object) -> tuple[str, list]:
    """SQL and bound parameters for a (validated) state at the reference date.

    Without grouping: the filtered rows. With it: one row per group, the aggregate in `value_column`."""
    state, _ = validate(state)
    params: list = []
    dated = dated_macro(state.source)
    if dated:
        source_sql = f"{dated}(?::DATE)"
        params.append(pd.Timestamp(as_of).date())
    else:
        source_sql = _quote(state.source)
    where = []
    for f in state.filters:
        col = _quote(f.column)
        if f.is_range:
            if f.low is not None:
                where.append(f"{col} >= ?")
                params.append(f.low)
            if f.high is not None:
                where.append(f"{col} <= ?")
                params.append(f.high)
        else:
            present = [v for v in f.values if v != MISSING]
            parts = []
            if present:
                parts.append(f"CAST({col} AS VARCHAR) IN ({', '.join('?' for _ in present)})")
                params.extend(present)
            if MISSING in f.values:
                parts.append(f"{col} IS NULL")
            where.append("(" + " OR ".join(parts) + ")")
    where_sql = f" WHERE {' AND '.join(where)}" if where else ""
    if not state.group_by:
        return f"SELECT * FROM {source_sql}{where_sql} LIMIT {MAX_ROWS}", params
    groups = ", ".join(_quote(g) for g in state.group_by)
    measure = {"count": "count(*)", "sum": f"sum({_quote(state.measure or '')})",
               "mean": f"avg({_quote(state.measure or '')})"}[state.agg]
    return (f"SELECT {groups}, {measure} AS {_quote(value_column(state))} FROM {source_sql}{where_sql} "
            f"GROUP BY {groups} ORDER BY {', '.join(_quote(g) + ' NULLS LAST' for g in state.group_by)}"), params


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    # fetchall keeps DECIMAL as Decimal and DATE as date (.df() would make floats and timestamps).
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    # object columns: ints stay ints beside a NULL, text stays None (not NaN), exactly as DuckDB gave them
    return pd.DataFrame({n: pd.Series([r[i] for r in rows], dtype=object) for i, n in enumerate(names)})


def run(con: duckdb.DuckDBPyConnection, state: ExploreState, as_of: object) -> pd.DataFrame:
    """The explorer's result: filtered rows, or one row per group with its aggregate."""
    sql, params = build_query(state, as_of)
    return _fetch(con, sql, params)


def distinct_values(con: duckdb.DuckDBPyConnection, source: str, column: str, as_of: object) -> list[str]:
    """The values a text or yes/no column takes (as text), sorted, MISSING last if some are empty."""
    if column not in columns(source):
        raise ValueError(f"not a column of {source}: {column!r}")
    sql, params = build_query(ExploreState(source=source, group_by=(column,), chart="table"), as_of)
    values = [None if _missing(v) else str(v).lower() if isinstance(v, bool) else str(v)
              for v in _fetch(con, sql, params)[column]]
    return [v for v in values if v is not None] + ([MISSING] if None in values else [])


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (str, bytes)) and bool(pd.isna(value)))

