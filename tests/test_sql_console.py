"""The SQL console's sandbox: hostile queries are refused in one plain line, the database file is
unchanged, no file is read or written, a runaway query is stopped, and plain queries return the
same rows as the views."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import duckdb
import pytest
from conftest import PROJECT_DIR

from ccm_analytics.sql_console.sandbox import (
    QueryError,
    QueryRefused,
    check_statement,
    run_query,
    sandbox_connection,
)
from ccm_analytics.store import schema

SECRET = "sentinel-7f3a9c-do-not-read"


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture()
def sentinel(tmp_path):
    """A file with a secret in it (as CSV, text and 'parquet' by name) that no query may read."""
    for name in ("secret.csv", "secret.txt", "secret.parquet", "secret.json"):
        (tmp_path / name).write_text(f"name\n{SECRET}\n", encoding="utf-8")
    return tmp_path


# (query, words the refusal must contain); {d} is a temporary directory holding the sentinel files.
HOSTILE = [
    # reading files, directly or through a table function
    ("SELECT * FROM read_csv('{d}/secret.csv')", "reading files"),
    ("SELECT * FROM read_csv_auto('{d}/secret.csv')", "reading files"),
    ("SELECT * FROM read_text('{d}/secret.txt')", "reading files"),
    ("SELECT * FROM read_blob('{d}/secret.txt')", "reading files"),
    ("SELECT * FROM read_parquet('{d}/secret.parquet')", "reading files"),
    ("SELECT * FROM read_json('{d}/secret.json')", "reading files"),
    ("SELECT * FROM parquet_metadata('{d}/secret.parquet')", "reading files"),
    ("SELECT * FROM sniff_csv('{d}/secret.csv')", "reading files"),
    ("SELECT * FROM glob('{d}/*')", "reading files"),
    ("SELECT * FROM '{d}/secret.csv'", "reading files"),
    ("SELECT * FROM 'secret.csv'", "reading files"),
    ("SELECT s.* FROM states JOIN read_csv('{d}/secret.csv') s ON true", "reading files"),
    ("SELECT * FROM states WHERE iso3 IN (SELECT name FROM read_csv('{d}/secret.csv'))", "reading files"),
    ("WITH x AS (FROM read_text('{d}/secret.txt')) SELECT * FROM x", "reading files"),
    # a second statement smuggled through query() / query_table() / serialized SQL
    ("SELECT * FROM query('SELECT * FROM read_text(''{d}/secret.txt'')')", "query()"),
    ("SELECT * FROM query('CREATE TEMP TABLE t AS SELECT 1')", "query()"),
    ("SELECT * FROM query_table('{d}/secret.csv')", "query_table()"),
    ("SELECT * FROM query_table('states')", "query_table()"),
    ("SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", "json_execute_serialized_sql()"),
    # settings and the environment
    ("SELECT current_setting('temp_directory')", "settings or the environment"),
    ("SELECT getenv('HOME')", "settings or the environment"),
    ("SELECT 'HOME'.getenv()", "settings or the environment"),
    ("SET threads = 64", "changing settings"),
    ("SET enable_external_access = true", "changing settings"),
    ("RESET memory_limit", "changing settings"),
    ("SET VARIABLE x = 1", "changing settings"),
    ("PRAGMA threads = 64", "changing settings"),  # parsed as SET
    ("PRAGMA enable_profiling", "PRAGMA"),
    ("USE memory", "changing settings"),
    # writing files, other databases, extensions
    ("COPY states TO '{d}/out.csv'", "files"),
    ("COPY (SELECT 1) TO '{d}/out.csv'", "files"),
    ("COPY states FROM '{d}/secret.csv'", "files"),
    ("EXPORT DATABASE '{d}/export'", "writing files"),
    ("ATTACH '{d}/new.duckdb' AS other", "attaching databases"),
    ("DETACH ccm", "detaching"),
    ("INSTALL httpfs", "extensions"),
    ("LOAD httpfs", "extensions"),
    ("FORCE INSTALL httpfs", "extensions"),
    # changing the database
    ("CREATE TABLE t AS SELECT 1 AS x", "creating tables"),
    ("CREATE TEMP TABLE t AS SELECT 1 AS x", "creating tables"),
    ("CREATE TEMPORARY VIEW v AS SELECT 1", "creating tables"),
    ("CREATE MACRO m() AS 1", "creating tables"),
    ("CREATE OR REPLACE VIEW state_status AS SELECT 1", "creating tables"),
    ("INSERT INTO states VALUES ('XXX', 'X', 'X', 'X', 0)", "changing the database"),
    ("UPDATE budget_lines SET amount_chf = 0", "changing the database"),
    ("DELETE FROM treaty_events", "changing the database"),
    ("DROP TABLE states", "changing the database"),
    ("DROP VIEW state_status", "changing the database"),
    ("ALTER TABLE states ADD COLUMN x INTEGER", "changing the database"),
    ("BEGIN TRANSACTION", "transactions"),
    ("CHECKPOINT", "not allowed"),
    ("SELECT * FROM checkpoint()", "checkpoint()"),
    ("CALL pragma_version()", "not allowed"),
    # more than one statement
    ("SELECT 1; DROP TABLE states", "one statement only, found 2"),
    ("SELECT 1; SELECT 2", "one statement only, found 2"),
    ("", "there is no query"),
    # other catalogues, and table functions that are not on the list
    ("SELECT * FROM temp.main.t", "only this database"),
    ("SELECT * FROM duckdb_databases()", "duckdb_databases()"),
    ("SELECT * FROM pragma_table_info('states')", "pragma_table_info()"),
    ("PIVOT states ON un_region USING count(*)", "GROUP BY"),
    ("SELECT * FROM (PIVOT states ON un_region USING count(*))", "GROUP BY"),
    # file readers hidden in subqueries, lambdas, DESCRIBE / SUMMARIZE, quoting and qualified names
    ("SUMMARIZE (SELECT * FROM read_csv('{d}/secret.csv'))", "reading files"),
    ("DESCRIBE SELECT * FROM read_text('{d}/secret.txt')", "reading files"),
    ("FROM states, LATERAL (SELECT * FROM read_text('{d}/secret.txt'))", "reading files"),
    ('SELECT * FROM "READ_TEXT"(\'{d}/secret.txt\')', "reading files"),
    ("SELECT * FROM system.main.read_text('{d}/secret.txt')", "reading files"),
    ("SELECT list_transform([1], x -> (SELECT content FROM read_text('{d}/secret.txt')))", "reading files"),
    ("SELECT * FROM states WHERE EXISTS (FROM glob('{d}/*'))", "reading files"),
    ('SELECT * FROM "{d}/secret.csv"', "reading files"),
    ("SELECT * FROM range(3) UNION ALL SELECT * FROM query('SELECT 1')", "query()"),
    # catalogue views and functions that show server paths, settings or the user (issue 17)
    ("SELECT * FROM duckdb_databases", "catalogue view duckdb_databases"),
    ("SELECT path FROM duckdb_databases", "catalogue view duckdb_databases"),
    ("SELECT * FROM pragma_database_list", "catalogue view pragma_database_list"),
    ("SELECT * FROM duckdb_settings()", "duckdb_settings()"),
    ("SELECT value FROM duckdb_settings() WHERE name = 'allowed_paths'", "duckdb_settings()"),
    ("SELECT * FROM duckdb_settings", "catalogue view duckdb_settings"),
    ("SELECT * FROM pg_catalog.pg_settings", "catalogue view pg_settings"),
    ("SELECT * FROM pg_catalog.pg_database", "catalogue view pg_database"),
    # list and string builders with a literal size beyond the cap, anywhere in the query (issue 17)
    ("SELECT list_sum(range(100000000))", "range() may build at most"),
    ("SELECT len(range(200000000))", "range() may build at most"),
    ("SELECT list_sum(generate_series(1, 100000000))", "generate_series() may build at most"),
    ("SELECT len(range(0, 1000000000000, 2))", "range() may build at most"),
    ("SELECT * FROM states WHERE len(range(100000000)) > 0", "range() may build at most"),
    ("SELECT repeat('ab', 1000000000)", "repeat() may build at most"),
    ("SELECT length(lpad('x', 2000000000, 'y'))", "lpad() may build at most"),
    ("SELECT list_resize([1], 1000000000)", "list_resize() may build at most"),
    ("SELECT len(range(1" + "0" * 60 + "))", "range() may build at most"),
    # deep nesting: Python's recursion limit in the check is a refusal, not a traceback
    ("SELECT " + "abs(" * 400 + "1" + ")" * 400, "nested too deeply"),
    ("SELECT * FROM " + "(SELECT * FROM " * 400 + "states" + ")" * 400, "nested too deeply"),
    # statement types the Python API does not know, and query text beyond the cap
    ("UPDATE EXTENSIONS", "this kind of statement is not allowed"),
    ("SELECT 1 -- " + "x" * 30_000, "longer than 20'000 characters"),
]


@pytest.mark.parametrize("sql,reason", HOSTILE, ids=[q for q, _ in HOSTILE])
def test_hostile_query_refused_database_unchanged(db_path, sentinel, sql, reason):
    before = _sha256(db_path)
    files_before = sorted(p.name for p in sentinel.iterdir())
    with pytest.raises(QueryRefused) as refused:
        run_query(sql.format(d=sentinel), db=db_path, timeout_s=5)
    message = str(refused.value)
    assert message.startswith("refused: ") and reason in message
    assert "\n" not in message and SECRET not in message
    assert _sha256(db_path) == before
    assert sorted(p.name for p in sentinel.iterdir()) == files_before  # nothing written beside the sentinel


def test_statement_check_runs_before_anything(db_path, sentinel):
    """The refusal comes from the check, before execution: a query that would read is never run."""
    con = sandbox_connection(db_path)
    try:
        with pytest.raises(QueryRefused):
            check_statement(con, f"SELECT * FROM read_text('{sentinel}/secret.txt')")
    finally:
        con.close()


# Layer 3 on its own (no statement check): the connection itself refuses files, settings and writes.
CONNECTION_REFUSES = [
    "SELECT * FROM read_text('{d}/secret.txt')",
    "SELECT * FROM read_csv('{d}/secret.csv')",
    "SELECT * FROM glob('{d}/*')",
    "COPY (SELECT 1) TO '{d}/out.csv'",
    "EXPORT DATABASE '{d}/export'",
    "ATTACH '{d}/new.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET threads = 64",
    "SET enable_external_access = true",
    "CREATE TABLE t AS SELECT 1",
    "DROP TABLE states",
    "INSERT INTO states VALUES ('XXX', 'X', 'X', 'X', 0)",
]


@pytest.mark.parametrize("sql", CONNECTION_REFUSES)
def test_connection_refuses_without_the_statement_check(db_path, sentinel, sql):
    before = _sha256(db_path)
    con = sandbox_connection(db_path)
    try:
        with pytest.raises(duckdb.Error) as error:
            con.execute(sql.format(d=sentinel)).fetchall()
        assert SECRET not in str(error.value)
    finally:
        con.close()
    assert _sha256(db_path) == before
    assert not (sentinel / "out.csv").exists() and not (sentinel / "export").exists()
    assert not (sentinel / "new.duckdb").exists()


def test_connection_settings_locked(db_path):
    con = sandbox_connection(db_path)
    try:
        settings = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', "
            "'lock_configuration', 'autoload_known_extensions', 'autoinstall_known_extensions', "
            "'allow_community_extensions', 'threads')").fetchall())
        read_only = con.execute("SELECT readonly FROM duckdb_databases() WHERE database_name = 'ccm'").fetchone()[0]
    finally:
        con.close()
    assert settings == {"enable_external_access": "false", "lock_configuration": "true",
                        "autoload_known_extensions": "false", "autoinstall_known_extensions": "false",
                        "allow_community_extensions": "false", "threads": "2"}
    assert read_only is True


@pytest.mark.parametrize("sql", [
    # 39^7 (about 1.4e11) rows to count on the fixture's 39 States: a minute at least (39^6 took 2 s)
    "SELECT count(*) FROM states a, states b, states c, states d, states e, states f, states g",
    "SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b",
])
def test_runaway_query_is_stopped(db_path, sql):
    with pytest.raises(QueryRefused) as refused:
        run_query(sql, db=db_path, timeout_s=1)
    assert str(refused.value) == "refused: the query ran longer than the 1 s limit and was stopped"
    # the console still works afterwards
    assert run_query("SELECT count(*) FROM states", db=db_path).rows == [(39,)]  # the fixture's States


def test_runaway_query_on_the_command_line(db_path):
    out = subprocess.run([sys.executable, "-m", "ccm_analytics", "sql", "--timeout", "1",
                          "SELECT count(*) FROM states a, states b, states c, states d, states e, states f, states g"],
                         cwd=PROJECT_DIR, capture_output=True, text=True, env={**os.environ, "CCM_DB": str(db_path)},
                         timeout=120)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == "refused: the query ran longer than the 1 s limit and was stopped"


def test_hostile_query_on_the_command_line(db_path, sentinel):
    out = subprocess.run([sys.executable, "-m", "ccm_analytics", "sql", f"SELECT * FROM read_text('{sentinel}/secret.txt')"],
                         cwd=PROJECT_DIR, capture_output=True, text=True, env={**os.environ, "CCM_DB": str(db_path)},
                         timeout=120)
    assert out.returncode == 2 and out.stdout == "" and SECRET not in out.stderr
    assert out.stderr.strip() == "refused: reading files is not allowed"


@pytest.mark.parametrize("view", [v.name for v in schema.VIEWS if v.public])
def test_plain_query_returns_the_view(db_path, con, view):
    """The sandbox returns exactly what a plain read-only connection reads from the view."""
    result = run_query(f"SELECT * FROM {view}", db=db_path)
    expected = con.execute(f"SELECT * FROM {view}")
    assert result.columns == [d[0] for d in expected.description]
    assert result.rows == expected.fetchall() and not result.truncated


@pytest.mark.parametrize("sql", [
    "WITH parties AS (SELECT * FROM state_status WHERE status = 'State Party') SELECT count(*) FROM parties",
    "FROM state_status SELECT count(*) WHERE status = 'State Party'",
    "SELECT count(*) FROM state_status_at(current_date) WHERE status = 'State Party'",
])
def test_allowed_forms(db_path, con, sql):
    expected = con.execute("SELECT count(*) FROM state_status WHERE status = 'State Party'").fetchall()
    assert run_query(sql, db=db_path).rows == expected


def test_catalogue_listing_allowed(db_path):
    """duckdb_columns() (column descriptions) is allowed, as a function and as a view; settings are not
    (duckdb_settings() shows allowed_paths, temp_directory, secret_directory: the refusals above)."""
    described = run_query("SELECT comment FROM duckdb_columns() WHERE table_name = 'state_status' "
                          "AND column_name = 'iso3'", db=db_path).rows
    assert described == [("ISO 3166-1 alpha-3 code.",)]
    assert run_query("SELECT count(*) > 0 FROM duckdb_columns", db=db_path).rows == [(True,)]


def test_table_function_range_streams_and_small_lists_run(db_path):
    """range() in FROM streams its rows (no cap: the time limit bounds it); small lists run."""
    assert run_query("SELECT count(*) FROM range(5000000)", db=db_path).rows == [(5_000_000,)]
    assert run_query("SELECT list_sum(range(1000)), repeat('ab', 3)", db=db_path).rows == [(499_500, "ababab")]


def test_row_cap(db_path):
    result = run_query("SELECT * FROM states ORDER BY iso3", db=db_path, max_rows=5)
    assert len(result.rows) == 5 and result.truncated
    # the first five codes of tests/fixture_data/states.csv in order
    assert [r[0] for r in result.rows] == ["AUT", "BDI", "BEL", "BFA", "BGR"]


def test_a_failing_query_says_why_in_one_line(db_path):
    with pytest.raises(QueryError) as failed:
        run_query("SELECT no_such_column FROM states", db=db_path)
    assert not isinstance(failed.value, QueryRefused)
    message = str(failed.value)
    assert message.startswith("error: ") and "no_such_column" in message and "\n" not in message


def test_sandbox_works_beside_the_apps_own_connection(db_path, con):
    """The app holds the file open read-only with default settings; the sandbox opens it alongside."""
    assert con.execute("SELECT count(*) FROM states").fetchone() == (39,)  # tests/fixture_data/states.csv
    assert run_query("SELECT count(*) FROM states", db=db_path).rows == [(39,)]  # the fixture's States


def test_display_text():
    from datetime import date
    from decimal import Decimal

    from ccm_analytics.sql_console.sandbox import QueryResult, display_frame
    result = QueryResult(["iso3", "consent_date", "in_force", "amount_chf", "area_km2", "year", "share"],
                         ["VARCHAR", "DATE", "BOOLEAN", "DECIMAL(14,2)", "DECIMAL(12,3)", "INTEGER", "DOUBLE"],
                         [("AUT", date(2009, 4, 2), True, Decimal("469686.00"), Decimal("1234.500"), 2021, 0.25),
                          (None, None, None, None, None, None, None)], truncated=False)
    assert display_frame(result).values.tolist() == [
        ["AUT", "2 April 2009", "yes", "CHF 469'686", "1'234.5", "2021", "0.25"],
        ["unknown"] * 7]


# --- issue 17: values that broke the page, duplicate names, memory, nesting, the pool ---------------

def test_values_python_cannot_hold_are_one_line_messages(db_path):
    # now(): a time with a time zone comes back as ISO text (files and the screen cannot hold the zone)
    [(now,)] = run_query("SELECT TIMESTAMPTZ '2026-12-01 10:00:00+00'", db=db_path).rows
    assert now == "2026-12-01 10:00:00+00:00"
    assert isinstance(run_query("SELECT now()", db=db_path).rows[0][0], str)
    with pytest.raises(QueryError) as failed:
        run_query("SELECT '1 day'::INTERVAL * 1000000000", db=db_path)
    assert str(failed.value).startswith("error: a value of the result cannot be shown") and "\n" not in str(failed.value)
    assert run_query("SELECT chr(1) AS c", db=db_path).rows == [("\x01",)]


def test_duplicate_column_names_are_kept(db_path):
    result = run_query("SELECT 'x' AS a, 'y' AS a, 'z' AS a_2", db=db_path)
    assert result.columns == ["a", "a_3", "a_2"] and result.rows == [("x", "y", "z")]
    assert result.notes == ["two columns are called a: the second is shown as a_3"]
    joined = run_query("SELECT * FROM states s JOIN state_status t USING (iso3) LIMIT 1", db=db_path)
    assert len(joined.columns) == len(set(joined.columns))
    both = run_query("SELECT s.iso3, t.iso3 FROM states s JOIN state_status t ON s.iso3 = t.iso3 LIMIT 1", db=db_path)
    assert both.columns == ["iso3", "iso3_2"] and both.rows[0][0] == both.rows[0][1]


def test_result_too_large_is_refused(db_path):
    with pytest.raises(QueryRefused) as refused:
        run_query("SELECT repeat('x', 1000000) AS x FROM range(200)", db=db_path, max_rows=1000)
    assert "the result is too large" in str(refused.value)


def test_limits_must_be_positive_and_finite(db_path):
    for timeout in (0, -1, float("nan"), float("inf")):
        with pytest.raises(QueryError):
            run_query("SELECT 1", db=db_path, timeout_s=timeout)
    with pytest.raises(QueryError):
        run_query("SELECT 1", db=db_path, max_rows=0)


_MEASURE = """
import json, resource, sys, time
from ccm_analytics.sql_console.sandbox import QueryError, run_query
started = time.perf_counter()
try:
    run_query(sys.argv[1], db=sys.argv[2], timeout_s=float(sys.argv[3]))
    outcome = "ran"
except QueryError as problem:
    outcome = str(problem)
# VmHWM is this process's own peak: getrusage's maxrss survives exec and would report pytest's peak.
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"outcome": outcome, "wall_s": time.perf_counter() - started,
                  "child_peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                  "own_peak_kb": own}))
"""


def _measured(db_path, sql: str, timeout_s: float) -> dict:
    import json
    out = subprocess.run([sys.executable, "-c", _MEASURE, sql, str(db_path), str(timeout_s)], cwd=PROJECT_DIR,
                         capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)})
    return json.loads(out.stdout)


@pytest.mark.parametrize("sql,outcome", [
    ("SELECT list_sum(range(100000000))", "range() may build at most"),  # refused by the literal cap
    ("SELECT list_sum(range(20000 * 20000))", "refused: the query"),  # no literal: the child's limits bound it
    ("SELECT " + "abs(" * 400 + "1" + ")" * 400, "nested too deeply"),
])
def test_memory_and_nesting_are_bounded(db_path, sql, outcome):
    """Measured: wall time within the limit plus the child's start, the child's peak memory within its
    address-space limit (before: 37 s and 7 GB for the first query), the parent unaffected."""
    from ccm_analytics.sql_console.sandbox import CHILD_MEMORY_BYTES, STARTUP_GRACE_S
    measured = _measured(db_path, sql, 2)
    assert outcome in measured["outcome"]
    assert measured["wall_s"] < 2 + STARTUP_GRACE_S + 3
    assert measured["child_peak_kb"] * 1024 <= CHILD_MEMORY_BYTES
    assert measured["own_peak_kb"] < 400 * 1024  # the parent never held the list


def test_concurrent_queries_share_a_small_pool(db_path, monkeypatch):
    """Many heavy queries at once: at most MAX_CONCURRENT child processes run; the others wait or are told
    the console is busy; every caller gets a one-line answer within a bound."""
    import threading
    import time

    from ccm_analytics.sql_console import sandbox
    monkeypatch.setattr(sandbox, "QUEUE_WAIT_S", 1.0)
    running, peak, lock = [0], [0], threading.Lock()
    original = sandbox._run_in_child

    def counting(*args):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            return original(*args)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(sandbox, "_run_in_child", counting)
    answers: list[str] = []

    def one() -> None:
        try:
            sandbox.run_query("SELECT count(*) FROM range(100000000) a, range(100000000) b", db=db_path, timeout_s=1)
            answers.append("ran")
        except QueryError as problem:
            answers.append(str(problem))

    started = time.perf_counter()
    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] <= sandbox.MAX_CONCURRENT
    assert len(answers) == 8 and all("\n" not in a for a in answers)
    assert any("the console is busy" in a for a in answers)
    assert time.perf_counter() - started < 30


def test_spill_directory_is_per_query_and_removed(db_path, tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    run_query("SELECT count(*) FROM (SELECT DISTINCT range % 1000 FROM range(100000))", db=db_path)
    assert list(tmp_path.iterdir()) == []
    assert not (PROJECT_DIR / ".tmp").exists() or not any((PROJECT_DIR / ".tmp").iterdir())
