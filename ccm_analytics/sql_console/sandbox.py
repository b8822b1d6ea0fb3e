"""Ad hoc SQL on the database, sandboxed: one SELECT, read-only, no files, no settings, bounded in time and memory.

Five layers, each enough to stop most hostile queries and together meant to stop all we know of:

1-3. The statement, its parse tree and the connection (`checks.py`): one SELECT, no file reader, no
   setting, no catalogue view with server paths, no list or string builder with a huge literal size,
   a read-only ATTACHed database with external access and extensions off, configuration locked.
4. A child process (`worker.py`) per query with an address-space limit (RLIMIT_AS) and a CPU limit,
   killed at the time limit: the only bound that holds whatever DuckDB does (its list builders ignore
   `memory_limit` and `interrupt()`). Spill files go to the query's own directory, capped and removed.
5. A pool: at most MAX_CONCURRENT queries run at once, so the console's memory is bounded whatever
   the number of sessions; a query that cannot start within QUEUE_WAIT_S is told the console is busy.

DuckDB's own guidance is that settings alone are not a sandbox; the statement check and the child
process are why this is one.
"""
from __future__ import annotations

import csv
import math
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import duckdb
import pandas as pd

from ccm_analytics.formats.downloads import neutralised
from ccm_analytics.formats.money import format_chf
from ccm_analytics.formats.text import UNKNOWN, format_date
from ccm_analytics.sql_console.checks import (  # noqa: F401 (the console's public names)
    ALIAS,
    ALLOWED_TABLE_FUNCTIONS,
    MAX_ELEMENTS,
    MAX_QUERY_CHARS,
    MEMORY_LIMIT,
    THREADS,
    QueryError,
    QueryRefused,
    check_statement,
    connect,
    refuse,
)
from ccm_analytics.store import schema
from ccm_analytics.store.build import ensure_database

READS = tuple(v.name for v in schema.VIEWS if v.public)  # the console queries the public views
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 100_000
MAX_TIMEOUT_S = 600.0
CHILD_MEMORY_BYTES = 2 * 1024**3  # address space of one query's process: DuckDB's 1 GB plus Python and the result
TEMP_CAP = "256MB"  # spill files of one query
MAX_CONCURRENT = 2
QUEUE_WAIT_S = 5.0
STARTUP_GRACE_S = 2.0  # the child's start (Python, duckdb) is not the query's time
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # where the child finds ccm_analytics
_POOL = threading.BoundedSemaphore(MAX_CONCURRENT)


@dataclass
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple]
    truncated: bool  # more rows than max_rows; only the first max_rows are here
    notes: list[str] = field(default_factory=list)  # e.g. a duplicate column name renamed

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame of Python values (Decimal, date kept as they are)."""
        return pd.DataFrame({c: pd.Series([r[i] for r in self.rows], dtype=object)
                             for i, c in enumerate(self.columns)})


def sandbox_connection(db: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the database, read-only, that cannot reach files, extensions or its own settings
    (in this process: for checks and tests; queries run in a child process)."""
    return connect(str(ensure_database(db)))


def _timeout_message(timeout_s: float) -> str:
    return f"refused: the query ran longer than the {timeout_s:g} s limit and was stopped"


def run_query(sql: str, db: Path | None = None, timeout_s: float = DEFAULT_TIMEOUT_S,
              max_rows: int = DEFAULT_MAX_ROWS) -> QueryResult:
    """Run one sandboxed SELECT in a child process; stop it after `timeout_s` seconds; return at most
    `max_rows` rows.

    Raises QueryRefused (a one-line "refused: ..." message) or QueryError (the query failed)."""
    if not (isinstance(timeout_s, (int, float)) and math.isfinite(timeout_s) and 0 < timeout_s <= MAX_TIMEOUT_S):
        raise QueryError(f"error: the time limit must be a number of seconds above 0 and at most {MAX_TIMEOUT_S:g}")
    if not (isinstance(max_rows, int) and max_rows > 0):
        raise QueryError("error: the row limit must be a whole number above 0")
    if len(sql) > MAX_QUERY_CHARS:  # before anything is sent to a process
        raise refuse(f"the query is longer than {MAX_QUERY_CHARS:,} characters".replace(",", "'"))
    path = str(ensure_database(db))
    if not _POOL.acquire(timeout=QUEUE_WAIT_S):
        raise refuse(f"the console is busy ({MAX_CONCURRENT} queries are running); try again in a moment")
    try:
        return _run_in_child(sql, path, timeout_s, max_rows)
    finally:
        _POOL.release()


def _run_in_child(sql: str, path: str, timeout_s: float, max_rows: int) -> QueryResult:
    temp_dir = tempfile.mkdtemp(prefix="ccm-sql-")
    request = {"sql": sql, "path": path, "timeout_s": timeout_s, "max_rows": max_rows, "temp_dir": temp_dir,
               "temp_cap": TEMP_CAP, "memory_bytes": CHILD_MEMORY_BYTES,
               "cpu_seconds": int(math.ceil(timeout_s * THREADS + STARTUP_GRACE_S * 2))}
    child = subprocess.Popen([sys.executable, "-m", "ccm_analytics.sql_console.worker"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             cwd=temp_dir, env={**os.environ, "PYTHONPATH": _PACKAGE_ROOT})
    try:
        out, _ = child.communicate(pickle.dumps(request), timeout=timeout_s + STARTUP_GRACE_S)
    except subprocess.TimeoutExpired:
        child.kill()  # the hard bound: whatever DuckDB is doing, the process ends here
        child.communicate()
        raise QueryRefused(_timeout_message(timeout_s)) from None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        shutil.rmtree(temp_dir, ignore_errors=True)
    try:
        # no reply: killed by the CPU limit (SIGXCPU) or by the memory limit (an abort on allocation)
        reply = pickle.loads(out) if out else {"timeout": child.returncode == -24, "memory": True}
    except Exception:  # a child killed while writing
        reply = {"memory": True}
    if reply.get("timeout"):
        raise QueryRefused(_timeout_message(timeout_s))
    if reply.get("memory"):
        raise refuse("the query needs more memory than the console allows; add a WHERE or LIMIT, "
                     "or build smaller lists")
    if "error" in reply:
        raise (QueryRefused if reply["refused"] else QueryError)(reply["error"])
    return QueryResult(reply["columns"], reply["types"], reply["rows"], reply["truncated"], reply["notes"])


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
    writer.writerow([neutralised(c) for c in result.columns])
    for row in result.rows:
        writer.writerow([neutralised(v) if isinstance(v, str) else csv_value(v) for v in row])


def display_frame(result: QueryResult) -> pd.DataFrame:
    """The result as screen text: dates "1 August 2010", yes/no, amounts in CHF columns "CHF 469'686",
    other decimals 1'234.5, "unknown" for NULL. Whole numbers stay plain (years, codes). Files keep raw values."""
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
