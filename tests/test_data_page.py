"""The Data page: read-only without a passphrase; with one, upload, check, commit, undo."""
from __future__ import annotations

import hashlib
import shutil

import pytest
from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

from ccm_analytics.store import db

APP = str(PROJECT_DIR / "app.py")
GOOD = b"iso3,event_type,event_date,source\nIND,signature,2020-01-01,UN depositary notification (test)\n"
BAD = b"iso3,event_type,event_date,source\nXYZ,signature,2020-01-01,x\nIND,signature,2020-02-30,x\n"


@pytest.fixture()
def fresh(db_path, tmp_path, monkeypatch):
    for name in ("CCM_IMPORTS_DIR", "CCM_BACKUPS_DIR", "CCM_ADMIN_PASSPHRASE", "CCM_IMPORT_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "ccm.duckdb"
    shutil.copyfile(db_path, path)
    monkeypatch.setenv("CCM_DB", str(path))
    return path


def data_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signatures(path) -> int:
    con = db.open_snapshot(path)
    try:
        return con.execute("SELECT count(*) FROM treaty_events WHERE iso3 = 'IND'").fetchone()[0]
    finally:
        con.close()


def admin(monkeypatch) -> AppTest:
    monkeypatch.setenv("CCM_ADMIN_PASSPHRASE", "correct horse")
    at = data_page()
    at.text_input(key="passphrase").input("correct horse").run()
    at.text_input(key="admin_name").input("Alice").run()
    at.selectbox(key="kind").set_value("treaty_events").run()
    return at


def test_read_only_without_a_passphrase(fresh):
    at = data_page()
    assert any("read-only" in i.value for i in at.info)
    assert not at.file_uploader and not at.text_input and not at.button
    assert any("No file has been imported yet." in m.value for m in at.markdown)
    assert any("data current to" in c.value for c in at.caption)


def test_wrong_passphrase_gives_no_upload(fresh, monkeypatch):
    monkeypatch.setenv("CCM_ADMIN_PASSPHRASE", "correct horse")
    at = data_page()
    assert not at.file_uploader
    at.text_input(key="passphrase").input("wrong").run()
    assert any("not right" in e.value for e in at.error) and not at.file_uploader


def test_upload_check_commit_and_undo(fresh, monkeypatch):
    at = admin(monkeypatch)
    at.file_uploader(key="upload").set_value(("india.csv", GOOD, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New rows"] == "1" and metrics["Problems"] == "0"
    assert signatures(fresh) == 0, "a check writes nothing"
    at.button(key="commit").click().run()
    assert any(s.value.startswith("Import 1: india.csv accepted: 1 row(s) added") for s in at.success)
    assert signatures(fresh) == 1
    log = at.dataframe[-2].value  # the import log, above the sources table
    assert log[["who", "file", "result"]].values.tolist() == [["Alice", "india.csv", "accepted"]]
    # the same upload again: the page says it is already imported
    at.run()
    assert any("already imported as import 1" in i.value for i in at.info)
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo").click().run()
    assert any(s.value.startswith("Undid import 1 (treaty_events from india.csv") for s in at.success)
    assert signatures(fresh) == 0


def test_bad_upload_lists_every_problem_and_offers_no_commit(fresh, monkeypatch):
    before = hashlib.sha256(fresh.read_bytes()).hexdigest()
    at = admin(monkeypatch)
    at.file_uploader(key="upload").set_value(("bad.csv", BAD, "text/csv")).run()
    assert any("cannot be imported: 2 problem(s)" in e.value for e in at.error)
    problems = at.dataframe[0].value
    assert problems[["row", "column"]].values.tolist() == [[2, "iso3"], [3, "event_date"]]
    assert not [b for b in at.button if b.key == "commit"]
    assert hashlib.sha256(fresh.read_bytes()).hexdigest() == before


def test_upload_over_the_size_limit_is_refused(fresh, monkeypatch):
    monkeypatch.setenv("CCM_IMPORT_MAX_BYTES", "100")
    at = admin(monkeypatch)
    at.file_uploader(key="upload").set_value(("big.csv", GOOD * 3, "text/csv")).run()
    assert any("cannot be imported" in e.value for e in at.error)
    assert "refused" in at.dataframe[0].value["problem"][0]
