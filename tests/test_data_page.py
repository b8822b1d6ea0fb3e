"""The Data page: read-only without a passphrase; with one, upload, check, commit, undo. On a copy of the
fixture database (tests/fixture_data/README.md), where USA has no treaty event: the upload signs for it."""
from __future__ import annotations

import hashlib
import re
import shutil
import time

import pytest
from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

from ccm_analytics.data_management import access
from ccm_analytics.store import db

APP = str(PROJECT_DIR / "app.py")
GOOD = b"iso3,event_type,event_date,source\nUSA,signature,2020-01-01,UN depositary notification (test)\n"
BAD = b"iso3,event_type,event_date,source\nXYZ,signature,2020-01-01,x\nUSA,signature,2020-02-30,x\n"


@pytest.fixture()
def fresh(db_path, tmp_path, monkeypatch):
    for name in ("CCM_IMPORTS_DIR", "CCM_BACKUPS_DIR", "CCM_ADMIN_PASSPHRASE", "CCM_IMPORT_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "ccm.duckdb"
    shutil.copyfile(db_path, path)
    monkeypatch.setenv("CCM_DB", str(path))
    return path


def shown(text: str) -> str:
    """What a Markdown element shows of text escaped with markdown_literal: the text as typed."""
    return re.sub(r"\\(.)", r"\1", text)


def data_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def signatures(path) -> int:
    con = db.open_snapshot(path)
    try:
        return con.execute("SELECT count(*) FROM treaty_events WHERE iso3 = 'USA'").fetchone()[0]
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
    at.file_uploader(key="upload").set_value(("usa.csv", GOOD, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["New rows"] == "1" and metrics["Problems"] == "0"
    assert signatures(fresh) == 0, "a check writes nothing"
    at.button(key="commit").click().run()
    assert any(shown(s.value).startswith("Import 1: usa.csv accepted: 1 row(s) added") for s in at.success)
    assert signatures(fresh) == 1
    log = at.dataframe[-2].value  # the import log, above the sources table
    assert log[["who", "file", "result"]].values.tolist() == [["Alice", "usa.csv", "accepted"]]
    # the same upload again: the page says it is already imported
    at.run()
    assert any("already imported as import 1" in shown(i.value) for i in at.info)
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo").click().run()
    assert any(shown(s.value).startswith("Undid import 1 (treaty_events from usa.csv") for s in at.success)
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


# ---------------------------------------------------------------- access: throttle, log, sign-out, idle end

def test_the_delay_doubles_from_two_seconds_up_to_five_minutes():
    # 2 * 2**(n-1): 2, 4, 8, ..., 256 (n = 8), then capped at 300
    assert [access.delay_after(n) for n in (0, 1, 2, 3, 8, 9, 50, 10**9)] == [0, 2, 4, 8, 256, 300, 300, 300]


def test_the_throttle_refuses_until_a_time_per_session_and_per_address():
    throttle = access.Throttle()
    alice, mallory_1, mallory_2 = (access.throttle_keys(s, a) for s, a in
                                   (("s1", "10.0.0.1"), ("s2", "10.0.0.9"), ("s3", "10.0.0.9")))
    assert throttle.failed(mallory_1, now=100.0) == 2
    assert throttle.wait_seconds(mallory_1, 101.0) == 1  # refused until 102
    assert throttle.wait_seconds(mallory_2, 101.0) == 1  # a new session from the same address too
    assert throttle.wait_seconds(alice, 101.0) == 0  # another address is not held up
    assert throttle.failed(mallory_2, now=102.0) == 4  # the address's second failure: 4 s
    assert throttle.wait_seconds(mallory_1, 105.0) == 1  # its session shares the address's wait
    throttle.succeeded(mallory_2)
    assert throttle.wait_seconds(mallory_2, 105.0) == 0
    assert throttle.wait_seconds(access.throttle_keys("s9", None), 0.0) == 0  # no address: the session only


def test_the_throttle_forgets_old_counts_and_stays_bounded(monkeypatch):
    monkeypatch.setattr(access, "MAX_TRACKED", 3)
    throttle = access.Throttle()
    for i in range(10):
        throttle.failed([f"k{i}"], now=float(i))
    assert len(throttle._counts) == 3 and "k9" in throttle._counts and "k0" not in throttle._counts
    throttle.failed(["late"], now=10_000.0)  # an hour after the others' last failure: they are forgotten
    assert list(throttle._counts) == ["late"]


@pytest.fixture(autouse=True)
def own_throttle(monkeypatch):
    """A throttle for this test only (the process-wide one is shared by every AppTest in the run)."""
    throttle = access.Throttle()
    monkeypatch.setattr(access, "THROTTLE", throttle)
    return throttle


def test_a_right_passphrase_right_after_a_wrong_one_is_refused_and_logged(fresh, monkeypatch, own_throttle):
    monkeypatch.setenv("CCM_ADMIN_PASSPHRASE", "correct horse")
    at = data_page()
    at.text_input(key="passphrase").input("wrong").run()
    assert [e.value for e in at.error] == ["That passphrase is not right. The next attempt is possible in 2 seconds."]
    assert at.text_input(key="passphrase").value == "", "the field is emptied: the passphrase is not kept"
    at.text_input(key="passphrase").input("correct horse").run()
    assert any(e.value.startswith("Too many wrong passphrases: try again in") for e in at.error)
    assert not at.file_uploader
    time.sleep(2.1)
    at.text_input(key="passphrase").input("correct horse").run()
    assert at.file_uploader and not at.error
    events = access.read_access_log()
    assert [e["event"] for e in events] == ["wrong passphrase", "attempt refused: too soon after wrong passphrases",
                                            "signed in"]
    assert all(set(e) == {"logged_at", "address", "event"} for e in events)
    assert "wrong" not in access.access_log_path().read_text().replace("wrong passphrase", "")
    assert "correct horse" not in access.access_log_path().read_text()


def test_sign_out_and_the_end_after_a_period_without_use(fresh, monkeypatch, own_throttle):
    at = admin(monkeypatch)
    assert at.file_uploader
    at.button(key="sign_out").click().run()
    assert not at.file_uploader and at.text_input(key="passphrase").value == ""
    at.text_input(key="passphrase").input("correct horse").run()
    assert at.file_uploader
    at.session_state["admin_last_use"] = time.time() - access.IDLE_SECONDS - 1  # 30 minutes and a second idle
    at.run()
    assert not at.file_uploader and any("ended after 30 minutes without use" in i.value for i in at.info)
    assert [e["event"] for e in access.read_access_log()][-3:] == [
        "signed out", "signed in", "session ended after a period without use"]


def test_the_administrator_name_is_shown_as_typed(fresh, monkeypatch, own_throttle):
    at = admin(monkeypatch)
    at.text_input(key="admin_name").input("![x](http://host/p.png) [log in](http://host/phish)").run()
    at.file_uploader(key="upload").set_value(("usa.csv", GOOD, "text/csv")).run()
    at.button(key="commit").click().run()
    at.run()
    line = next(m.value for m in at.markdown if m.value.startswith("The last import is"))
    assert "\\!\\[x\\]\\(http" in line and "\\[log in\\]\\(http" in line  # escaped: no image, no link
    assert "by ![x](http://host/p.png) [log in](http://host/phish))" in shown(line)
