"""Imports that never lose data: validate, keep the file, rebuild, swap; undo; the import log.

The database is always derived: shipped data/ plus every accepted import, replayed in order.
An accepted import is a folder `imports/accepted/NNNN/` holding the file as uploaded, its rows
as normalised CSV (what is replayed) and `meta.json`; `imports/log.jsonl` records every attempt
and undo, and is shown in the database as the `import_log` table. Nothing here deletes a file
the user gave: an undo moves the import to `imports/undone/`.

One import at a time (an exclusive `fcntl.flock` on `imports/.lock`). An import or undo writes
an intent file, builds a complete new database beside the old one, keeps the old one as a dated
backup, swaps the new one in with `os.replace` (the commit point), then files the import and
logs it. A process killed before the swap leaves the old database; whoever takes the lock next
finishes or discards the interrupted operation by asking the database which imports it holds."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from ccm_analytics.domain.problems import Problem
from ccm_analytics.paths import DATA_DIR
from ccm_analytics.store import db, schema
from ccm_analytics.store.imports.checks import Context, Validation, validate
from ccm_analytics.store.imports.files import read_file

# folder.py and screen.py were split off this module; their names stay reachable as process.* (pages, CLI, tests)
from ccm_analytics.store.imports.folder import (  # noqa: F401
    LOG_COLUMNS,
    Busy,
    Stored,
    _append_log,
    _now,
    backups_dir,
    current_user,
    history,
    import_lock,
    imports_dir,
    keep_backups,
    read_log,
    stored,
)
from ccm_analytics.store.imports.kinds import ImportKind
from ccm_analytics.store.imports.kinds import kind as get_kind
from ccm_analytics.store.imports.screen import (  # noqa: F401
    already_imported,
    history_for_screen,
    last_import,
    passphrase_matches,
    problems_frame,
    report_lines,
    template_csv_bytes,
    template_notes,
    write_template,
)

PAUSE_ENV = "CCM_TEST_PAUSE_BEFORE_SWAP"  # tests only: seconds to sleep just before the swap
KILL_ENV = "CCM_TEST_KILL_AT"  # tests only: the step (see _kill_point) at which the process kills itself


# ---------------------------------------------------------------- replay (used by db.build_database)

def _apply(con: duckdb.DuckDBPyConnection, k: ImportKind, rows: pd.DataFrame) -> None:
    """Write one import's rows: rows with a key already present replace those rows."""
    t = k.schema_table
    incoming = rows.reindex(columns=[c.name for c in t.columns]).astype(object)
    incoming = incoming.where(incoming.notna(), None)
    for column, value in k.fixed.items():
        incoming[column] = value
    con.register("incoming_text", incoming)
    casts = ", ".join(f'CAST(CAST("{c.name}" AS VARCHAR) AS {c.type}) AS "{c.name}"' for c in t.columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE incoming AS SELECT {casts} FROM incoming_text")
    if t.key:
        match = " AND ".join(f'{t.name}."{k_}" IS NOT DISTINCT FROM incoming."{k_}"' for k_ in t.key)
        con.execute(f"DELETE FROM {t.name} USING incoming WHERE {match}")
    names = ", ".join(f'"{c.name}"' for c in t.columns)
    con.execute(f"INSERT INTO {t.name} ({names}) SELECT {names} FROM incoming")
    con.execute("DROP TABLE incoming")
    con.unregister("incoming_text")


def replay(con: duckdb.DuckDBPyConnection, root: Path, extra: Stored | None = None, skip: int | None = None,
           extra_events: tuple[dict, ...] = ()) -> list[int]:
    """Apply every accepted import in order (plus `extra`, less `skip`), fill import_log; the ids applied."""
    applied = []
    for item in [*stored(root), *([extra] if extra else [])]:
        if item.id == skip:
            continue
        try:
            _apply(con, get_kind(item.meta["kind"]), item.rows())
        except (duckdb.Error, KeyError, ValueError) as error:
            raise RuntimeError(f"replaying {item.describe()} failed: {error}. Undo it or move its folder "
                               f"{item.folder} aside, then build again.") from error
        applied.append(item.id)
    log = history(root)
    if extra_events:
        log = pd.concat([log, pd.DataFrame(list(extra_events)).reindex(columns=LOG_COLUMNS)], ignore_index=True)
    undone = {skip} if skip else set()
    log["undone"] = [bool(u) or (a == "import" and r == "accepted" and i in undone)
                     for u, a, r, i in zip(log["undone"].fillna(False), log["action"], log["result"],
                                           log["import_id"])]
    if len(log):
        con.register("log_frame", log.astype(object).where(log.notna(), None))
        casts = ", ".join(f'CAST("{c.name}" AS {c.type})' for c in schema.table("import_log").columns)
        con.execute(f"INSERT INTO import_log SELECT {casts} FROM log_frame")
        con.unregister("log_frame")
    con.execute("INSERT INTO build_info VALUES ('imports', ?)", [",".join(map(str, applied))])
    return applied


def replay_into(con: duckdb.DuckDBPyConnection, database: Path) -> None:
    """The default replay of `db.build_database`: the imports kept beside `database`."""
    replay(con, imports_dir(database))


# ---------------------------------------------------------------- building and swapping

def _backup(target: Path) -> Path | None:
    """Keep the database about to be replaced as backups/<name>-<UTC time>.duckdb; prune to the last N."""
    if not target.exists():
        return None
    folder = backups_dir(target)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    dest = folder / f"{target.stem}-{stamp}{target.suffix}"
    try:
        os.link(target, dest)  # the old file is replaced, never changed: a hard link is a full copy
    except OSError:
        shutil.copy2(target, dest)
    backups = sorted(folder.glob(f"{target.stem}-*{target.suffix}"))
    for old in backups[:-keep_backups()]:
        old.unlink(missing_ok=True)
    return dest


def _kill_point(step: str) -> None:
    """Tests only: die here, as a kill -9 would, when $CCM_TEST_KILL_AT names this step."""
    if os.environ.get(KILL_ENV) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _before_swap(tmp: Path, target: Path) -> None:
    _backup(target)
    _kill_point("before_swap")
    pause = os.environ.get(PAUSE_ENV)
    if pause:  # tests only: lets a test kill the process here
        print("pausing before swap", flush=True)
        time.sleep(float(pause))


def _build(target: Path, root: Path, data_dir: Path | None = None, **replay_args) -> None:
    """Rebuild `target` from `data_dir` (by default the folder it was built from) and the imports in `root`."""
    db.write_database(target, data_dir or db.built_from(target), replay=lambda con: replay(con, root, **replay_args), before_swap=_before_swap)


def _imports_in(database: Path) -> set[int]:
    """The import ids the database file was built with (none if it cannot be read)."""
    return {int(x) for x in (db.build_info_value(database, "imports") or "").split(",") if x}


def _recover(root: Path, database: Path) -> str | None:
    """Finish or discard an operation a killed process left half-done (call with the lock held)."""
    intent_file = root / ".intent.json"
    message = None
    if intent_file.exists():
        intent = json.loads(intent_file.read_text(encoding="utf-8"))
        built = _imports_in(database)
        pending = root / f".pending-{intent['import_id']:04d}"
        filed = root / "accepted" / f"{intent['import_id']:04d}"
        if intent["op"] == "import":
            # in the database: its rows were written, whatever step the kill cut (log line or folder)
            if intent["import_id"] in built and (pending.exists() or filed.exists()):
                _file_import(root, pending, intent["event"])
                message = f"finished import {intent['import_id']}, interrupted after its swap"
            else:
                _append_log(root, {**intent["event"], "result": "interrupted",
                                   "message": "the import was interrupted before its swap; nothing was written"})
                message = f"discarded import {intent['import_id']}, interrupted before its swap"
        elif intent["op"] == "undo":
            if intent["import_id"] not in built:
                _file_undo(root, intent["import_id"], intent["event"])
                message = f"finished the undo of import {intent['import_id']}"
            else:
                message = f"discarded an interrupted undo of import {intent['import_id']}"
        intent_file.unlink()
    for stray in root.glob(".pending-*"):
        shutil.rmtree(stray, ignore_errors=True)
    for stray in database.parent.glob(f".{database.name}.*.building*"):  # a killed build's new file
        stray.unlink(missing_ok=True)
    return message


def _write_intent(root: Path, intent: dict) -> None:
    tmp = root / ".intent.json.tmp"
    tmp.write_text(json.dumps(intent), encoding="utf-8")
    os.replace(tmp, root / ".intent.json")


def _logged(root: Path, action: str, import_id: int) -> bool:
    """True if the log already holds the `action` ("import" accepted, or "undo") of `import_id`."""
    return any(e.get("action") == action and e.get("import_id") == import_id
               and (action != "import" or e.get("result") == "accepted") for e in read_log(root))


def _file_import(root: Path, pending: Path, event: dict) -> None:
    """After the swap: log the import, then move its folder into accepted/. Either order of a kill is
    finished by _recover, and the line is written once: the log never calls written rows "nothing"."""
    if not _logged(root, "import", event["import_id"]):
        _append_log(root, event)
    _kill_point("after_log")
    if pending.exists():
        (root / "accepted").mkdir(parents=True, exist_ok=True)
        os.replace(pending, root / "accepted" / pending.name.removeprefix(".pending-"))
    _kill_point("after_rename")


def _file_undo(root: Path, import_id: int, event: dict) -> None:
    """After the swap: log the undo (once), then move the import's folder into undone/."""
    if not _logged(root, "undo", import_id):
        _append_log(root, event)
    (root / "undone").mkdir(parents=True, exist_ok=True)
    source = root / "accepted" / f"{import_id:04d}"
    if source.exists():
        os.replace(source, root / "undone" / f"{import_id:04d}")


def _next_id(root: Path) -> int:
    ids = [s.id for s in stored(root)] + [s.id for s in stored(root, "undone")]
    ids += [int(e["import_id"]) for e in read_log(root) if e.get("import_id") is not None]
    return max(ids, default=0) + 1


# ---------------------------------------------------------------- the three operations

@dataclass
class Outcome:
    """What an import did: result (accepted, rejected, unchanged, checked), a message, the report."""

    result: str
    message: str
    validation: Validation | None = None
    import_id: int | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result != "rejected"


def context_for(con: duckdb.DuckDBPyConnection, k: ImportKind, today: date, replace: bool = False) -> Context:
    """What validation needs from the database: ISO codes, obligations, the table's rows as text."""
    known = frozenset(r[0] for r in con.execute("SELECT iso3 FROM states").fetchall())
    obligations = frozenset((r[0], str(r[1])) for r in con.execute("SELECT iso3, article FROM obligations").fetchall())
    t = k.schema_table
    where = " AND ".join(f'"{c}" = ?' for c in k.fixed)
    sql = (f"SELECT {', '.join(f'CAST({chr(34)}{c.name}{chr(34)} AS VARCHAR) AS {c.name}' for c in t.columns)} "
           f"FROM {t.name}" + (f" WHERE {where}" if where else ""))
    existing = con.execute(sql, list(k.fixed.values())).df().astype(object)
    existing = existing.where(existing.notna(), None)
    return Context(today=today, known_iso3=known, existing=existing, obligations=obligations, replace=replace)


def check(kind_name: str, file_name: str, content: bytes, *, today: date, replace: bool = False,
          database: Path | None = None) -> Validation:
    """Validate a file against the schema and the current database; writes nothing."""
    k = get_kind(kind_name)
    raw = read_file(file_name, content)
    database = Path(database or db.database_path())
    con = db.open_snapshot(database)
    try:
        context = context_for(con, k, today, replace)
    finally:
        con.close()
    if not raw.readable:
        return Validation(k.name, pd.DataFrame(), list(raw.problems), 0)
    return validate(k, raw, context)


def _source_text(given: str | None, import_id: int, file_name: str) -> str:
    tag = f"import {import_id}: {file_name}"
    return f"{given} ({tag})" if given else tag


def import_file(kind_name: str, file_name: str, content: bytes, *, who: str, today: date,
                replace: bool = False, dry_run: bool = False, database: Path | None = None,
                wait: bool = True) -> Outcome:
    """Validate and, unless `dry_run`, commit a file whole (or write nothing); the outcome says which."""
    k = get_kind(kind_name)
    database = Path(database or db.database_path())
    root = imports_dir(database)
    sha = hashlib.sha256(content).hexdigest()
    file_name = Path(file_name).name
    event = {"logged_at": _now(), "who": who, "action": "import", "kind": k.name, "file_name": file_name,
             "sha256": sha, "rows_added": 0, "rows_changed": 0}
    lock = contextlib.nullcontext() if dry_run else import_lock(root, wait)
    with lock:
        if not dry_run:
            _recover(root, database)
            if not Path(database).exists():
                db.write_database(database, DATA_DIR, replay=lambda con: replay_into(con, database))
        same = next((s for s in stored(root) if s.meta["sha256"] == sha and s.meta["kind"] == k.name), None)
        if same is not None:
            message = f"This file was already imported as {same.describe()}; nothing to do."
            if not dry_run:
                _append_log(root, {**event, "result": "unchanged", "message": message})
            return Outcome("unchanged", message, import_id=same.id)
        validation = check(k.name, file_name, content, today=today, replace=replace, database=database)
        if validation.problems:
            message = f"{file_name} was refused: {len(validation.problems)} problem(s); nothing was written."
            if not dry_run:
                _append_log(root, {**event, "result": "rejected", "message": message})
            return Outcome("rejected", message, validation, problems=validation.problems)
        counts = {"rows_added": validation.added, "rows_changed": validation.changed}
        if validation.rows.empty:
            message = (f"Every row of {file_name} is already in the database ({validation.unchanged} row(s)); "
                       "nothing to do.")
            if not dry_run:
                _append_log(root, {**event, **counts, "result": "unchanged", "message": message})
            return Outcome("unchanged", message, validation)
        if dry_run:
            return Outcome("checked", f"{file_name} is valid: {validation.added} row(s) would be added, "
                           f"{validation.changed} changed, {validation.unchanged} already present. "
                           "Nothing was written (dry run).", validation)
        import_id = _next_id(root)
        message = (f"Import {import_id}: {file_name} accepted: {validation.added} row(s) added, "
                   f"{validation.changed} changed, {validation.unchanged} already present.")
        event = {**event, **counts, "import_id": import_id, "result": "accepted", "message": message}
        pending = root / f".pending-{import_id:04d}"
        pending.mkdir(parents=True)
        rows = validation.rows.copy()
        rows["source"] = [_source_text(s, import_id, file_name) for s in rows["source"]]
        rows.to_csv(pending / "rows.csv", index=False, encoding="utf-8")
        (pending / f"original{Path(file_name).suffix.lower() or '.csv'}").write_bytes(content)
        meta = {**event, "table": k.table, "rows_unchanged": validation.unchanged, "replace": replace}
        (pending / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        _write_intent(root, {"op": "import", "import_id": import_id, "event": event})
        try:
            _build(database, root, extra=Stored(pending, meta), extra_events=({**event, "undone": False},))
        except BaseException:
            # the old database is untouched: forget the import (a kill skips this; _recover does it)
            (root / ".intent.json").unlink(missing_ok=True)
            shutil.rmtree(pending, ignore_errors=True)
            raise
        _kill_point("after_swap")
        _file_import(root, pending, event)
        (root / ".intent.json").unlink(missing_ok=True)
        return Outcome("accepted", message, validation, import_id)


def undo(*, who: str, database: Path | None = None, wait: bool = True) -> str:
    """Withdraw the last accepted import (its folder moves to undone/, the database is rebuilt)."""
    database = Path(database or db.database_path())
    root = imports_dir(database)
    with import_lock(root, wait):
        _recover(root, database)
        accepted = stored(root)
        if not accepted:
            return "There is no import to undo."
        last = accepted[-1]
        message = f"Undid {last.describe()}."
        event = {"logged_at": _now(), "who": who, "action": "undo", "kind": last.meta["kind"],
                 "file_name": last.meta["file_name"], "sha256": last.meta["sha256"], "import_id": last.id,
                 "rows_added": None, "rows_changed": None, "result": "undone", "message": message}
        _write_intent(root, {"op": "undo", "import_id": last.id, "event": event})
        try:
            _build(database, root, skip=last.id, extra_events=({**event, "undone": False},))
        except BaseException:
            (root / ".intent.json").unlink(missing_ok=True)
            raise
        _file_undo(root, last.id, event)
        (root / ".intent.json").unlink(missing_ok=True)
        return message


def rebuild(database: Path | None = None, data_dir: Path | None = None) -> Path:
    """Rebuild the database from `data_dir` (by default the folder it was built from: data/, unless `build
    --data` built it) and every accepted import, keeping the old file as a backup."""
    database = Path(database or db.database_path())
    root = imports_dir(database)
    with import_lock(root):
        _recover(root, database)
        _build(database, root, data_dir)
    return database
