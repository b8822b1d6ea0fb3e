"""Ad hoc SQL on the database, sandboxed: one SELECT, read-only, no files, no settings, a time limit.

Four layers, each enough to stop most hostile queries and together meant to stop all we know of:

1. The statement: exactly one, of type SELECT (WITH ... SELECT, FROM ..., DESCRIBE, SUMMARIZE
   included). CREATE [TEMP] ..., INSERT, COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, EXPORT ... are
   refused before anything runs.
2. Its parse tree (DuckDB's own parser, `json_serialize_sql`): every table function must be on an
   allow-list (ranges, the catalogue functions, the database's own table macros); file readers
   (`read_csv`, `read_text`, `read_blob`, `glob`, `sniff_csv`, `parquet_metadata`, ...),
   `query()` / `query_table()` (which would run a second, unchecked statement), settings and the
   environment (`current_setting`, `getenv`) and a path in FROM are refused by name.
3. The connection: an in-memory DuckDB with the database file ATTACHed READ_ONLY (the in-memory
   catalogue is then detached), external access off, extension install and autoload off, community
   extensions off, memory and thread limits, configuration locked. (ATTACH rather than
   `connect(path, read_only=True)`: DuckDB allows one configuration per file per process, and the
   app already holds the file open with the default one.)
4. A watchdog: after `timeout_s` seconds the query is interrupted; at most `max_rows` rows come back.

DuckDB's own guidance is that settings alone are not a sandbox; layers 1 and 2 are why this is one.
"""
from __future__ import annotations

import csv
import io
import json
import threading
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import duckdb
import pandas as pd

from ccm_analytics.store import schema
from ccm_analytics.store.build import ensure_database

READS = tuple(v.name for v in schema.VIEWS if v.public)  # the console queries the public views
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 100_000
MEMORY_LIMIT = "1GB"
THREADS = 2
ALIAS = "ccm"  # the database file's name inside the sandbox

# Statement types and the one-line reason each is refused.
_STATEMENT_REASONS = {
    "CREATE": "creating tables, views or macros is not allowed",
    "INSERT": "changing the database is not allowed",
    "UPDATE": "changing the database is not allowed",
    "DELETE": "changing the database is not allowed",
    "DROP": "changing the database is not allowed",
    "ALTER": "changing the database is not allowed",
    "MERGE_INTO": "changing the database is not allowed",
    "TRANSACTION": "transactions are not allowed",
    "COPY": "reading or writing files is not allowed",
    "COPY_DATABASE": "reading or writing files is not allowed",
    "EXPORT": "writing files is not allowed",
    "ATTACH": "attaching databases is not allowed",
    "DETACH": "detaching databases is not allowed",
    "SET": "changing settings is not allowed",
    "VARIABLE_SET": "changing settings is not allowed",
    "PRAGMA": "PRAGMA statements are not allowed (they change or reveal settings)",
    "MULTI": "PIVOT and other multi-part statements are not allowed; use GROUP BY",
    "LOAD": "installing or loading extensions is not allowed",
    "EXTENSION": "installing or loading extensions is not allowed",
    "CALL": "calling procedures is not allowed",
}

# Table functions a query may use: generators, the catalogue, JSON over values. The database's
# own table macros (state_status_at, obligation_deadlines_at, ...) are added per connection.
ALLOWED_TABLE_FUNCTIONS = frozenset({
    "range", "generate_series", "unnest", "json_each", "json_tree", "histogram", "histogram_values",
    "duckdb_columns", "duckdb_tables", "duckdb_views", "duckdb_functions", "duckdb_types",
    "duckdb_schemas", "duckdb_constraints", "duckdb_indexes", "duckdb_keywords", "duckdb_settings",
})
_FILE_FUNCTION_PREFIXES = ("read_", "parquet_", "iceberg_", "delta_")
_FILE_FUNCTIONS = frozenset({"glob", "sniff_csv", "read_blob", "read_text", "read_duckdb", "seq_scan"})
_STATEMENT_FUNCTIONS = frozenset({"query", "query_table", "json_execute_serialized_sql"})
_SETTING_FUNCTIONS = frozenset({"getenv", "current_setting"})
_SIDE_EFFECT_FUNCTIONS = frozenset({"write_log", "enable_profile", "disable_profile", "add_parquet_key",
                                    "nextval", "setval", "currval"})
_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".json", ".ndjson", ".jsonl", ".duckdb", ".db",
                  ".gz", ".zst", ".xlsx", ".arrow")


class QueryError(Exception):
    """A query that did not run to the end; the message says why in one plain line."""


class QueryRefused(QueryError):
    """A query the console will not run (message starts with "refused:")."""


@dataclass
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple]
    truncated: bool  # more rows than max_rows; only the first max_rows are here

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame of Python values (Decimal, date kept as they are)."""
        return pd.DataFrame({c: pd.Series([r[i] for r in self.rows], dtype=object)
                             for i, c in enumerate(self.columns)})


def refuse(reason: str) -> QueryRefused:
    return QueryRefused(f"refused: {reason}")


def sandbox_connection(db: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the database, read-only, that cannot reach files, extensions or its own settings."""
    path = ensure_database(db)
    con = duckdb.connect(":memory:", config={
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": MEMORY_LIMIT,
        "threads": THREADS,
    })
    try:
        con.execute(f"ATTACH ? AS {ALIAS} (READ_ONLY)", [str(path)])
        con.execute(f"USE {ALIAS}")
        con.execute("DETACH memory")  # no writable catalogue left (CREATE TEMP is refused by type)
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _table_macros(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' "
                       "AND database_name = ?", [ALIAS]).fetchall()
    return {r[0] for r in rows}


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but exactly one SELECT (WITH ... SELECT included) that touches no file or setting."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryError(f"the query does not parse: {_first_line(error)}") from None
    if not statements:
        raise refuse("there is no query")
    if len(statements) != 1:
        raise refuse(f"one statement only, found {len(statements)}")
    kind = statements[0].type.name
    if kind != "SELECT":
        reason = _STATEMENT_REASONS.get(kind, f"{kind} statements are not allowed")
        raise refuse(f"{reason} (only SELECT queries run here)")
    tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
    if tree.get("error"):
        raise refuse("this form of query cannot be checked; write it as a plain SELECT (e.g. GROUP BY, not PIVOT)")
    _check_tree(tree["statements"], ALLOWED_TABLE_FUNCTIONS | _table_macros(con))


def _check_function(name: str) -> None:
    name = name.lower()
    if name in _FILE_FUNCTIONS or name.startswith(_FILE_FUNCTION_PREFIXES):
        raise refuse("reading files is not allowed")
    if name in _STATEMENT_FUNCTIONS:
        raise refuse(f"{name}() is not allowed: name the view or table in FROM")
    if name in _SETTING_FUNCTIONS:
        raise refuse("reading settings or the environment is not allowed")
    if name in _SIDE_EFFECT_FUNCTIONS:
        raise refuse(f"the function {name}() is not allowed")


def _check_tree(node: object, table_functions: frozenset[str] | set[str]) -> None:
    """Walk a parse tree from json_serialize_sql: every function and every table referenced."""
    if isinstance(node, list):
        for item in node:
            _check_tree(item, table_functions)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "TABLE_FUNCTION":
        name = str((node.get("function") or {}).get("function_name", "")).lower()
        _check_function(name)
        if name not in table_functions:
            raise refuse(f"the table function {name}() is not allowed")
    elif node.get("type") == "BASE_TABLE":
        table = str(node.get("table_name", ""))
        if any(ch in table for ch in "/\\:*?") or table.lower().endswith(_FILE_SUFFIXES):
            raise refuse("reading files is not allowed")
        if str(node.get("catalog_name") or ALIAS) not in (ALIAS, "system"):
            raise refuse("only this database's views and tables can be queried")
    if "function_name" in node:
        _check_function(str(node["function_name"]))
    for value in node.values():
        _check_tree(value, table_functions)


def run_query(sql: str, db: Path | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
              max_rows: int = DEFAULT_MAX_ROWS, con: duckdb.DuckDBPyConnection | None = None) -> QueryResult:
    """Run one sandboxed SELECT; stop it after `timeout_s` seconds; return at most `max_rows` rows.

    Raises QueryRefused (a one-line "refused: ..." message) or QueryError (the query failed)."""
    own = con is None
    con = con or sandbox_connection(db)
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, stop)
    timer.daemon = True
    try:
        check_statement(con, sql)
        timer.start()
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        types = [str(d[1]) for d in cursor.description]
        rows = cursor.fetchmany(max_rows + 1)
    except duckdb.Error as error:
        if stopped.is_set() or isinstance(error, duckdb.InterruptException):
            raise refuse(f"the query ran longer than the {timeout_s:g} s limit and was stopped") from None
        raise QueryError(f"error: {_first_line(error)}") from None
    finally:
        timer.cancel()
        if own:
            con.close()
    return QueryResult(columns, types, rows[:max_rows], truncated=len(rows) > max_rows)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def csv_value(value: object) -> str:
    """Plain text for files: ISO dates, true/false, exact decimals, empty for NULL."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_csv(result: QueryResult, out: TextIO) -> None:
    """The result as CSV: header row first."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([csv_value(v) for v in row])


def csv_text(result: QueryResult) -> str:
    """The result as CSV text (what the command line prints)."""
    out = io.StringIO()
    write_csv(result, out)
    return out.getvalue()


def display_frame(result: QueryResult) -> pd.DataFrame:
    """The result as screen text: dates "1 August 2010", yes/no, amounts in CHF columns "CHF 469'686",
    other decimals 1'234.5, "unknown" for NULL. Whole numbers stay plain (years, codes). Files keep raw values."""
    from ccm_analytics.formats.money import format_chf
    from ccm_analytics.formats.text import UNKNOWN, format_date

    def show(value: object, type_name: str, column: str) -> str:
        if value is None:
            return UNKNOWN
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime):
            return f"{format_date(value)} {value:%H:%M:%S}" if value.time() != datetime.min.time() else format_date(value)
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, Decimal) and "chf" in column.lower():
            return format_chf(value)
        if isinstance(value, (Decimal, float)):
            return _decimal_text(Decimal(repr(value)) if isinstance(value, float) else value) \
                if value == value else UNKNOWN
        return str(value)

    return pd.DataFrame({c: pd.Series([show(r[i], t, c) for r in result.rows], dtype=object)
                         for i, (c, t) in enumerate(zip(result.columns, result.types))})


def _decimal_text(value: Decimal) -> str:
    """1'234.5: ' between thousands, every significant decimal kept (no rounding on screen)."""
    if not value.is_finite():
        return str(value)
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(abs(value), "f").partition(".")
    fraction = fraction.rstrip("0")
    return f"{sign}{int(whole):,}".replace(",", "'") + (f".{fraction}" if fraction else "")
