"""The one module that owns DuckDB files: building the database from data/, and opening it.

A build writes a new file beside the target, checkpoints and closes it, then swaps it in with
`os.replace`: readers never see a half-built database, and a failed build leaves the old one.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from ccm_analytics.paths import DATA_DIR
from ccm_analytics.store import schema

DEFAULT_DB = DATA_DIR / "ccm.duckdb"


def database_path() -> Path:
    """The database file: $CCM_DB if set, else data/ccm.duckdb."""
    return Path(os.environ.get("CCM_DB") or DEFAULT_DB)


def _load_table(con: duckdb.DuckDBPyConnection, table: schema.Table, data_dir: Path) -> None:
    con.execute(schema.create_table_sql(table))
    if table.data_file:
        types = {c.name: c.type for c in table.columns}
        con.execute(
            f"INSERT INTO {table.name} SELECT * FROM read_csv(?, header = true, columns = {types!r}, "
            "nullstr = '', quote = '\"', escape = '\"', auto_detect = false)",
            [str(data_dir / table.data_file)])


def create_schema(con: duckdb.DuckDBPyConnection, data_dir: Path = DATA_DIR) -> None:
    """Create and fill every table, then the macros and views, with their descriptions."""
    for table in schema.TABLES:
        _load_table(con, table, data_dir)
    con.execute("INSERT INTO build_info VALUES ('kind', 'real'), ('built_at', CAST(now() AS VARCHAR)), "
                "('fingerprint', ?)", [fingerprint(data_dir)])
    if Path(data_dir).resolve() != DATA_DIR.resolve():
        # Built from another folder (build --data): an import rebuilds from that folder, not from data/.
        con.execute("INSERT INTO build_info VALUES ('data_dir', ?)", [str(Path(data_dir).resolve())])
    con.execute(schema.MACROS)
    for view in schema.VIEWS:
        con.execute(f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}")
    for obj in (*schema.TABLES, *schema.VIEWS):
        for statement in schema.comment_sql(obj):
            con.execute(statement)


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """What a build is made of: the schema's SQL and the bytes of every shipped data file."""
    digest = hashlib.sha256(schema.MACROS.encode())
    for table in schema.TABLES:
        digest.update(schema.create_table_sql(table).encode())
        if table.data_file:
            digest.update((data_dir / table.data_file).read_bytes())
    return digest.hexdigest()


def write_database(target: Path, data_dir: Path, replay, before_swap=None) -> Path:
    """Build the database from `data_dir` into a new file and swap it in over `target`.

    After the shipped data, `replay(con)` adds the accepted imports (`store.build.build_database` replays
    those kept beside `target`); `before_swap(new_file, target)` runs just before the swap.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".building", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()  # DuckDB wants to create the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("BEGIN")  # one transaction: several times faster than a commit per statement
            create_schema(con, data_dir)
            replay(con)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if before_swap is not None:
            before_swap(tmp, target)
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, Path(f"{tmp}.wal")):
            leftover.unlink(missing_ok=True)
    return target


def open_snapshot(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the database file as it is now, even after a newer one is swapped in.

    DuckDB keeps one instance per file path in a process: while any connection to the path is open,
    `duckdb.connect(path)` returns that instance, i.e. the file before the swap. Attaching the file
    to a fresh in-memory instance opens the file as it is now (and keeps it while open).
    """
    con = duckdb.connect()
    con.execute("ATTACH '" + str(path).replace("'", "''") + "' AS ccm (READ_ONLY)")
    con.execute("USE ccm")
    return con


def snapshot_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of an `open_snapshot` connection (a cursor starts in the in-memory catalog: USE the file)."""
    cur = con.cursor()
    cur.execute("USE ccm")
    return cur


def fetch_df(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run one query and fetch it whole (duckdb 2.0 streams results: never leave one half-read)."""
    return con.execute(sql, params or []).df()


def build_info_value(database: Path, key: str) -> str | None:
    """One value of a database file's build_info (None where the file, the table or the key is missing)."""
    if not database.exists():
        return None
    try:
        con = open_snapshot(database)
        try:
            row = con.execute("SELECT value FROM build_info WHERE key = ?", [key]).fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return row[0] if row else None


def built_from(database: Path) -> Path:
    """The folder of data files `database` was built from: data/, or the folder given to `build --data`."""
    recorded = build_info_value(database, "data_dir")
    if recorded is None:
        return DATA_DIR
    if not Path(recorded).is_dir():
        raise RuntimeError(f"the database was built from {recorded}, which no longer exists: "
                           "rebuild it with `python -m ccm_analytics build` first")
    return Path(recorded)
