"""The imports folder on disk: where it is, the accepted (and undone) imports it keeps, the import log
`log.jsonl`, and the one writer lock. The operations that change it are in process.py."""
from __future__ import annotations

import contextlib
import fcntl
import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ccm_analytics.formats.text import format_date
from ccm_analytics.store import db, schema

DEFAULT_KEEP_BACKUPS = 10
LOG_COLUMNS = [c.name for c in schema.table("import_log").columns]


class Busy(RuntimeError):
    """Another import or undo holds the lock."""


# ---------------------------------------------------------------- places

def imports_dir(database: Path | None = None) -> Path:
    """Where accepted imports and the log live: $CCM_IMPORTS_DIR, else `imports/` beside the database."""
    env = os.environ.get("CCM_IMPORTS_DIR")
    return Path(env) if env else Path(database or db.database_path()).parent / "imports"


def backups_dir(database: Path | None = None) -> Path:
    """Where previous databases are kept: $CCM_BACKUPS_DIR, else `backups/` beside the database."""
    env = os.environ.get("CCM_BACKUPS_DIR")
    return Path(env) if env else Path(database or db.database_path()).parent / "backups"


def keep_backups() -> int:
    """How many backups to keep: $CCM_KEEP_BACKUPS, else 10."""
    try:
        return max(1, int(os.environ.get("CCM_KEEP_BACKUPS") or DEFAULT_KEEP_BACKUPS))
    except ValueError:
        return DEFAULT_KEEP_BACKUPS


def current_user() -> str:
    """The OS user running the command."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------- the store

@dataclass(frozen=True)
class Stored:
    """An accepted (or undone) import as kept on disk."""

    folder: Path
    meta: dict

    @property
    def id(self) -> int:
        return int(self.meta["import_id"])

    def rows(self) -> pd.DataFrame:
        frame = pd.read_csv(self.folder / "rows.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        frame = frame.astype(object)
        return frame.where(frame != "", None)

    def describe(self) -> str:
        m = self.meta
        when = pd.Timestamp(m["logged_at"])
        return (f"import {m['import_id']} ({m['kind']} from {m['file_name']}, {m['rows_added']} row(s) added, "
                f"{m['rows_changed']} changed, on {format_date(when)} at {when:%H:%M} UTC by {m['who']})")


def stored(root: Path, state: str = "accepted") -> list[Stored]:
    """The imports in `accepted/` (or `undone/`), oldest first."""
    folder = root / state
    if not folder.is_dir():
        return []
    out = []
    for sub in sorted(folder.iterdir()):
        meta_file = sub / "meta.json"
        if sub.is_dir() and meta_file.exists():
            out.append(Stored(sub, json.loads(meta_file.read_text(encoding="utf-8"))))
    return sorted(out, key=lambda s: s.id)


def read_log(root: Path) -> list[dict]:
    """Every event of the log, oldest first (a torn last line, from a kill mid-write, is skipped)."""
    path = root / "log.jsonl"
    if not path.exists():
        return []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            events.append(json.loads(line))
    return events


def _append_log(root: Path, event: dict) -> None:
    root.mkdir(parents=True, exist_ok=True)
    line = json.dumps({c: event.get(c) for c in LOG_COLUMNS if c != "undone"}, ensure_ascii=False)
    with open(root / "log.jsonl", "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def history(root: Path | None = None) -> pd.DataFrame:
    """The import log: one row per import attempt or undo, `undone` true for an import since undone."""
    root = root or imports_dir()
    events = read_log(root)
    undone = {int(m.meta["import_id"]) for m in stored(root, "undone")}
    frame = pd.DataFrame(events, columns=[c for c in LOG_COLUMNS if c != "undone"])
    frame["undone"] = [(e.get("action") == "import" and e.get("result") == "accepted"
                        and e.get("import_id") in undone) for e in events]
    for column in ("import_id", "rows_added", "rows_changed"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame[LOG_COLUMNS]


@contextlib.contextmanager
def import_lock(root: Path, wait: bool = True):
    """Hold the one writer lock of this imports folder (raise Busy at once if `wait` is false)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise Busy("Another import or undo is running; try again in a moment.") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
