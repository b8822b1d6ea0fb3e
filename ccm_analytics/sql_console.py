"""Ad hoc SQL on the database, sandboxed: one SELECT, read-only, no files, no settings, a time limit.

The connection settings are DuckDB's own defence in depth (read-only, external access off,
extensions off, configuration locked); the statement check and the watchdog add the rest.
"""
from __future__ import annotations

import csv
import threading
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import duckdb

from .db import ensure_database

DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 100_000
MEMORY_LIMIT = "1GB"
THREADS = 2


class QueryRefused(Exception):
    """A query the console will not run, or one that failed; the message says why in one line."""


@dataclass
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple]
    truncated: bool


def sandbox_connection(db: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection that cannot reach files, extensions or its own settings."""
    con = duckdb.connect(str(ensure_database(db)), read_only=True, config={
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": MEMORY_LIMIT,
        "threads": THREADS,
    })
    con.execute("SET lock_configuration = true")
    return con


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but exactly one SELECT (WITH ... SELECT included)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryRefused(f"the query does not parse: {_first_line(error)}") from None
    if len(statements) != 1:
        raise QueryRefused(f"one statement only, found {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only SELECT queries are allowed, not {kind.name}")


def run_query(sql: str, db: Path | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
              max_rows: int = DEFAULT_MAX_ROWS, con: duckdb.DuckDBPyConnection | None = None) -> QueryResult:
    """Run one sandboxed SELECT; stop it after `timeout_s` seconds; return at most `max_rows` rows."""
    own = con is None
    con = con or sandbox_connection(db)
    timer = threading.Timer(timeout_s, con.interrupt)
    try:
        check_statement(con, sql)
        timer.start()
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        types = [str(d[1]) for d in cursor.description]
        rows = cursor.fetchmany(max_rows + 1)
    except duckdb.InterruptException:
        raise QueryRefused(f"the query ran longer than {timeout_s:g} s and was stopped") from None
    except duckdb.Error as error:
        if not timer.is_alive() and timer.finished.is_set():
            raise QueryRefused(f"the query ran longer than {timeout_s:g} s and was stopped") from None
        raise QueryRefused(_first_line(error)) from None
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
