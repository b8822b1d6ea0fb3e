"""Imports as separate processes: the command line, a kill just before the swap, and readers that
query in a loop while several imports run at once.

The processes run on the fixture database (tests/fixture_data/README.md) with five more States that have
not signed (IND, PAK, CHN, RUS, ISR; with USA, the fixture's non-signatory: 6 of them), and an import
rebuilds from those data files, not from data/ (the folder the database was built from, build_info.data_dir)."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading

import pytest
from conftest import FIXTURE_DATA, PROJECT_DIR, no_imports

from ccm_analytics.store import db
from ccm_analytics.store.build import build_database
from ccm_analytics.store.imports import process

HEADER = "iso3,event_type,event_date,source\n"
# States without any treaty event in these data files; each test file adds one invented signature.
NEW_SIGNERS = ["IND", "PAK", "CHN", "USA", "RUS", "ISR"]
ADDED_STATES = ("CHN,China,Asia,Eastern Asia,156\nIND,India,Asia,Southern Asia,356\n"
                "ISR,Israel,Asia,Western Asia,376\nPAK,Pakistan,Asia,Southern Asia,586\n"
                "RUS,Russian Federation,Europe,Eastern Europe,643\n")
STATES = 39 + 5  # the fixture's 39 States (tests/fixture_data/states.csv) and the five added here


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """tests/fixture_data with the five States added to states.csv."""
    folder = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(FIXTURE_DATA, folder)
    with open(folder / "states.csv", "a", encoding="utf-8") as states:
        states.write(ADDED_STATES)
    return folder


@pytest.fixture(scope="module")
def base_db(data_dir, tmp_path_factory):
    return build_database(tmp_path_factory.mktemp("base") / "ccm.duckdb", data_dir, replay=no_imports)


@pytest.fixture()
def fresh(base_db, tmp_path, monkeypatch):
    for name in ("CCM_IMPORTS_DIR", "CCM_BACKUPS_DIR", process.PAUSE_ENV):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "ccm.duckdb"
    shutil.copyfile(base_db, path)
    return path


@pytest.fixture()
def command():
    """`python -m ccm_analytics ARGS`: an import rebuilds from the folder the database was built from."""
    def argv(*args):
        return [sys.executable, "-m", "ccm_analytics", *args]
    return argv


def _env(database, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("CCM_IMPORTS_DIR", "CCM_BACKUPS_DIR")}
    return {**env, "CCM_DB": str(database), **extra}


@pytest.fixture()
def cli(command):
    def run(*args, database, **extra):
        return subprocess.run(command(*args), cwd=PROJECT_DIR, capture_output=True, text=True,
                              env=_env(database, **extra), timeout=300)
    return run


def signature_file(tmp_path, iso3: str):
    path = tmp_path / f"sign_{iso3}.csv"
    path.write_text(HEADER + f"{iso3},signature,2020-01-0{1 + NEW_SIGNERS.index(iso3)},test\n", encoding="utf-8")
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count_new(database) -> int:
    con = db.open_snapshot(database)
    try:
        return con.execute("SELECT count(*) FROM treaty_events WHERE iso3 IN (SELECT unnest(?))",
                           [NEW_SIGNERS]).fetchone()[0]
    finally:
        con.close()


def test_cli_import_dry_run_history_undo_and_template(fresh, tmp_path, cli):
    good = signature_file(tmp_path, "IND")
    dry = cli("import", "treaty_events", str(good), "--dry-run", database=fresh)
    assert dry.returncode == 0 and "1 row(s) would be added" in dry.stdout and count_new(fresh) == 0
    done = cli("import", "treaty_events", str(good), database=fresh)
    assert done.returncode == 0 and done.stdout.startswith("Import 1: sign_IND.csv accepted: 1 row(s) added")
    assert count_new(fresh) == 1
    again = cli("import", "treaty_events", str(good), database=fresh)
    assert again.returncode == 0 and "already imported as import 1" in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "XYZ,signature,2020-02-30,test\n", encoding="utf-8")
    refused = cli("import", "treaty_events", str(bad), database=fresh)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        "bad.csv was refused: 2 problem(s); nothing was written.",
        "  row 2, column 'event_date': 2020-02-30 does not exist.",
        "  row 2, column 'iso3': 'XYZ' is not a known ISO 3166-1 alpha-3 code of a State (see the states table)."]
    history = cli("history", database=fresh).stdout.splitlines()
    assert history[0].startswith("logged_at,who,action,import_id,kind,file_name,sha256")
    assert [line.split(",")[9] for line in history[1:]] == ["accepted", "unchanged", "rejected"]
    undone = cli("undo", database=fresh)
    assert undone.returncode == 0 and undone.stdout.startswith("Undid import 1 (treaty_events from sign_IND.csv")
    assert count_new(fresh) == 0
    template = cli("template", "article9", "--out", str(tmp_path / "t.csv"), database=fresh)
    assert template.returncode == 0
    assert (tmp_path / "t.csv").read_text().splitlines()[0] == (
        "iso3,status,year_of_law,measure_summary,confidence,reported_date,reported_date_precision,source,notes")
    unknown = cli("import", "nonsense", str(good), database=fresh)
    assert unknown.returncode == 2 and "invalid choice" in unknown.stderr


def test_build_replays_imports(fresh, tmp_path, cli, data_dir):
    assert cli("import", "treaty_events", str(signature_file(tmp_path, "PAK")), database=fresh).returncode == 0
    out = cli("build", "--data", str(data_dir), database=fresh)
    assert out.returncode == 0 and count_new(fresh) == 1
    con = db.open_snapshot(fresh)
    try:  # rebuilt from the data files given, not from data/
        assert con.execute("SELECT count(*) FROM states").fetchone() == (STATES,)
    finally:
        con.close()


def test_build_without_data_builds_from_the_data_folder(fresh, cli):
    # `fresh` was built from the fixture's files; `build` alone means data/, whatever the file was built from.
    assert cli("build", database=fresh).returncode == 0
    shipped = (PROJECT_DIR / "data" / "states.csv").read_text(encoding="utf-8").count("\n") - 1
    con = db.open_snapshot(fresh)
    try:
        assert con.execute("SELECT count(*) FROM states").fetchone() == (shipped,)
        assert con.execute("SELECT count(*) FROM build_info WHERE key = 'data_dir'").fetchone() == (0,)
    finally:
        con.close()


def test_an_import_into_a_database_whose_data_folder_is_gone_is_refused(tmp_path, cli):
    # Built with `build --data` from a folder removed since: an import cannot rebuild it, and must not rebuild it
    # from data/ instead. One line, nothing written.
    folder = tmp_path / "gone"
    shutil.copytree(FIXTURE_DATA, folder)
    database = build_database(tmp_path / "ccm.duckdb", folder, replay=no_imports)
    shutil.rmtree(folder)
    before = digest(database)
    out = cli("import", "treaty_events", str(signature_file(tmp_path, "USA")), database=database)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.strip() == (f"error: the database was built from {folder.resolve()}, which no longer exists: "
                                  "rebuild it with `python -m ccm_analytics build` first")
    assert digest(database) == before


def test_an_import_killed_before_the_swap_leaves_the_old_database(fresh, tmp_path, cli, command):
    before = digest(fresh)
    proc = subprocess.Popen(command("import", "treaty_events", str(signature_file(tmp_path, "IND"))),
                            cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(fresh, **{process.PAUSE_ENV: "600"}))
    try:
        assert proc.stdout.readline().strip() == "pausing before swap"  # the new file is built, not swapped
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.stderr.close()
    assert digest(fresh) == before, "the old database is untouched"
    assert count_new(fresh) == 0  # and usable
    root = process.imports_dir(fresh)
    assert (root / ".intent.json").exists() and not (root / "accepted").exists()
    # the next writer discards the interrupted import and goes on
    out = cli("import", "treaty_events", str(signature_file(tmp_path, "PAK")), database=fresh)
    assert out.returncode == 0 and out.stdout.startswith("Import 2: sign_PAK.csv accepted")
    assert count_new(fresh) == 1
    assert [(e["import_id"], e["result"]) for e in process.read_log(root)] == [(1, "interrupted"), (2, "accepted")]
    assert not list(root.glob(".pending-*")) and not (root / ".intent.json").exists()
    assert not [p for p in fresh.parent.iterdir() if p.name.endswith(".building")]


def test_readers_see_old_or_new_data_while_imports_run(fresh, tmp_path, command):
    """Four imports start at once (the lock runs them one by one) while three readers query in a loop."""
    stop = threading.Event()
    seen: list[list[int]] = [[], [], []]
    errors: list[str] = []

    def reader(i: int) -> None:
        while not stop.is_set() or not seen[i]:
            try:
                con = db.open_snapshot(fresh)
                try:
                    # both figures come from one snapshot: rows imported and accepted imports in its log
                    rows, logged, states = con.execute(
                        "SELECT (SELECT count(*) FROM treaty_events WHERE iso3 IN (SELECT unnest(?))), "
                        "(SELECT count(*) FROM import_log WHERE result = 'accepted'), "
                        "(SELECT count(*) FROM state_status)", [NEW_SIGNERS]).fetchone()
                finally:
                    con.close()
                if rows != logged or states != STATES:
                    errors.append(f"partial state: {rows} rows, {logged} logged, {states} states")
                seen[i].append(rows)
            except Exception as error:  # any error at all is a failure of the test
                errors.append(repr(error))

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    files = [signature_file(tmp_path, iso3) for iso3 in NEW_SIGNERS[:4]]
    procs = [subprocess.Popen(command("import", "treaty_events", str(f)), cwd=PROJECT_DIR, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=_env(fresh)) for f in files]
    try:
        results = [p.communicate(timeout=300) + (p.returncode,) for p in procs]
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
    assert [r[2] for r in results] == [0, 0, 0, 0], [r[1] for r in results]
    assert sorted(int(r[0].split(":")[0].removeprefix("Import ")) for r in results) == [1, 2, 3, 4]
    assert errors == []
    for values in seen:
        assert values == sorted(values) and set(values) <= {0, 1, 2, 3, 4}  # never backwards, never partial
    assert count_new(fresh) == 4
    assert [s.id for s in process.stored(process.imports_dir(fresh))] == [1, 2, 3, 4]


@pytest.mark.parametrize("step", ["before_swap", "after_swap", "after_log", "after_rename"])
def test_an_import_killed_at_any_step_is_logged_as_what_it_did(fresh, tmp_path, step, cli):
    """kill -9 at each step of an accepted import; the next writer recovers. Before the swap nothing was
    written and the log says so; from the swap on the rows are in the database, and the log says accepted
    (once), never "nothing was written"."""
    killed = cli("import", "treaty_events", str(signature_file(tmp_path, "IND")), database=fresh,
                 **{process.KILL_ENV: step})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    written = step != "before_swap"
    assert count_new(fresh) == int(written)
    out = cli("import", "treaty_events", str(signature_file(tmp_path, "PAK")), database=fresh)
    assert out.returncode == 0 and out.stdout.startswith("Import 2: sign_PAK.csv accepted"), out.stderr
    root = process.imports_dir(fresh)
    first = "accepted" if written else "interrupted"
    assert [(e["import_id"], e["result"]) for e in process.read_log(root)] == [(1, first), (2, "accepted")]
    assert not any("nothing was written" in e["message"] for e in process.read_log(root)) or not written
    assert [s.id for s in process.stored(root)] == ([1, 2] if written else [2])
    assert count_new(fresh) == 1 + int(written)
    assert not list(root.glob(".pending-*")) and not (root / ".intent.json").exists()
    # the database's own import_log agrees with the file
    con = db.open_snapshot(fresh)
    try:
        assert con.execute("SELECT import_id, result FROM import_log ORDER BY import_id").fetchall() == [
            (1, first), (2, "accepted")]
    finally:
        con.close()
