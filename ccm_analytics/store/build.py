"""Building the database: the shipped data/, then every accepted import replayed in order."""
from __future__ import annotations

from pathlib import Path

import duckdb

from ccm_analytics.paths import DATA_DIR
from ccm_analytics.store.db import database_path, fingerprint, write_database
from ccm_analytics.store.imports.process import replay_into


def build_database(target: Path | None = None, data_dir: Path = DATA_DIR, replay=None, before_swap=None) -> Path:
    """Build `target` (default: the database file) from `data_dir`, then `replay(con)`: by default the
    accepted imports kept beside `target`, so an upgrade or a rebuild keeps every update."""
    target = Path(target or database_path())
    return write_database(target, data_dir, replay or (lambda con: replay_into(con, target)), before_swap)


def ensure_database(path: Path | None = None) -> Path:
    """The database file, built first if it does not exist yet."""
    path = Path(path or database_path())
    if not path.exists():
        build_database(path)
    return path


def connect_read_only(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection: many processes may read while an import builds a new file."""
    return duckdb.connect(str(ensure_database(path)), read_only=True)


def ensure_current_database(path: Path | None = None) -> Path:
    """The database file, rebuilt (imports replayed) when it is missing or was built from another schema
    or other data files than these: after an upgrade the app never serves old rules or old facts."""
    path = Path(path or database_path())
    if path.exists():
        con = duckdb.connect(str(path), read_only=True)
        try:
            info = dict(con.execute("SELECT key, value FROM build_info").fetchall())
        finally:
            con.close()
        # A demonstration or benchmark file is never rebuilt as the real database over its own path.
        if info.get("kind", "real") != "real" or info.get("fingerprint") == fingerprint():
            return path
    return build_database(path)
