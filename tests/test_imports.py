"""Imports: bad files refused with a clear message and nothing written; good files of every kind land in
the views; re-import, replace, undo, history, rebuild and backups. Rows here are invented test rows,
written only into temporary copies of the fixture database (tests/fixture_data/README.md), which an import
rebuilds from tests/fixture_data (see `on_fixture_data`). The fixture's only State with no treaty event is
USA (Not signatory); IDN has a signature only: their new rows are the invented ones."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
from datetime import date

import openpyxl
import pytest

from ccm_analytics.store import db
from ccm_analytics.store.imports import process as imports_process
from ccm_analytics.store.imports.files import DEFAULT_MAX_BYTES
from ccm_analytics.store.imports.kinds import KINDS, template_rows

TODAY = date(2026, 11, 28)
EVENTS_HEADER = "iso3,event_type,event_date,source\n"


@pytest.fixture()
def fresh(db_path, tmp_path, monkeypatch):
    """A private copy of the fixture database (its imports and backups folders beside it, empty)."""
    for name in ("CCM_IMPORTS_DIR", "CCM_BACKUPS_DIR", "CCM_KEEP_BACKUPS", "CCM_IMPORT_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "ccm.duckdb"
    shutil.copyfile(db_path, path)
    return path


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path, sql, params=None):
    con = db.open_snapshot(path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def run(path, kind, name, content, **kwargs):
    kwargs.setdefault("today", TODAY)
    return imports_process.import_file(kind, name, content, who="tester", database=path, **kwargs)


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BAD_FILES = [
    ("empty file", "treaty_events", "a.csv", b"", "The file is empty"),
    ("blank lines only", "treaty_events", "a.csv", b"\n\n  \n", "The file is empty"),
    ("header only", "treaty_events", "a.csv", EVENTS_HEADER.encode(), "column names but no rows"),
    ("missing column", "treaty_events", "a.csv", b"iso3,event_date\nAUT,2008-12-03\n",
     "missing required column(s): event_type"),
    ("unknown column", "treaty_events", "a.csv", b"iso3,event_type,event_date,colour\nUSA,signature,2020-01-01,red\n",
     "unknown column 'colour'"),
    ("wrong type: year", "article4_progress", "a.csv", b"iso3,year,scope\nLAO,twenty,national\n",
     "'twenty' is not a whole number"),
    ("wrong type: area", "article4_progress", "a.csv", b"iso3,year,area_cleared_km2,scope\nLAO,2024,lots,national\n",
     "'lots' is not a number"),
    ("wrong type: date", "treaty_events", "a.csv", b"iso3,event_type,event_date\nUSA,signature,15/01/2020\n",
     "'15/01/2020' is not a date written YYYY-MM-DD"),
    ("impossible date", "treaty_events", "a.csv", b"iso3,event_type,event_date\nUSA,signature,2025-02-30\n",
     "2025-02-30 does not exist"),
    ("date too early", "treaty_events", "a.csv", b"iso3,event_type,event_date\nUSA,signature,1899-01-01\n",
     "outside the plausible range"),
    ("date in the future", "treaty_events", "a.csv", b"iso3,event_type,event_date\nUSA,signature,2027-01-01\n",
     "(a date in the future)"),
    ("negative number", "article3", "a.csv", b"iso3,stockpile_status,munitions_destroyed\nNZL,destroyed,-5\n",
     "'-5' is negative"),
    ("negative money", "budget_actuals", "a.csv", b"year,budget_line,amount_chf\n2024,Travel,-100.00\n",
     "is negative"),
    ("unknown ISO code", "treaty_events", "a.csv", b"iso3,event_type,event_date\nXYZ,signature,2020-01-01\n",
     "'XYZ' is not a known ISO 3166-1 alpha-3 code"),
    ("value not allowed", "treaty_events", "a.csv", b"iso3,event_type,event_date\nUSA,signed,2020-01-01\n",
     "'signed' is not one of: signature"),
    ("duplicate keys", "treaty_events", "a.csv",
     b"iso3,event_type,event_date\nUSA,signature,2020-01-01\nUSA,signature,2020-02-01\n",
     "duplicate: same key as row 2"),
    ("key in the database with other values", "treaty_events", "a.csv",
     b"iso3,event_type,event_date\nAUT,signature,2008-12-04\n", "import with 'replace existing rows'"),
    ("extension without an obligation", "extension_requests", "a.csv",
     b"iso3,article,request_no\nAUT,4,1\n", "AUT has no Article 4 obligation on record"),
    ("non-UTF-8 encoding", "treaty_events", "a.csv",
     (EVENTS_HEADER + "CIV,signature,2008-12-04,C\u00f4te d'Ivoire\n").encode("latin-1"), "not UTF-8 text"),
    ("CSV injection", "treaty_events", "a.csv",
     (EVENTS_HEADER + 'USA,signature,2020-01-01,"=HYPERLINK(""http://x"",""y"")"\n').encode(),
     "which spreadsheet programs run as a formula"),
    ("injection with @", "article9", "a.csv", b"iso3,measure_summary\nGHA,@SUM(1+1)\n", "starts with '@'"),
    ("Excel with a formula", "article4_progress", "a.xlsx",
     xlsx([["iso3", "year", "area_cleared_km2", "scope"], ["LAO", 2024, "=1+1", "national"]]),
     "cell C2 holds a formula"),
    ("not CSV: binary", "treaty_events", "a.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary data"),
    ("not CSV: prose", "treaty_events", "letter.txt",
     b"Dear colleagues, please find attached\nthe report, as promised; best regards\n", "missing required column"),
    ("not CSV: PDF", "treaty_events", "report.pdf", b"%PDF-1.7\n", "Files ending in .pdf are not read"),
    ("damaged Excel", "treaty_events", "a.xlsx", b"PK\x03\x04 not really a zip", "not a readable Excel"),
    ("template example left in", "article5", "a.csv",
     template_rows(KINDS["article5"]).to_csv(index=False).encode(), "template's example row"),
    ("fixed column contradicted", "budget_actuals", "a.csv", b"year,budget_line,amount_chf,kind\n2024,Travel,5,budget\n",
     "must be 'actual'"),
    ("too many decimals", "budget_actuals", "a.csv", b"year,budget_line,amount_chf\n2024,Travel,5.123\n",
     "more than 2 decimal places"),
]


@pytest.mark.parametrize("kind, name, content, expected", [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_and_nothing_is_written(fresh, kind, name, content, expected):
    before = digest(fresh)
    outcome = run(fresh, kind, name, content)
    assert outcome.result == "rejected" and not outcome.ok
    report = "\n".join(str(p) for p in outcome.problems)
    assert expected in report, report
    assert "nothing was written" in outcome.message
    assert digest(fresh) == before, "the database file must be byte-identical"
    root = imports_process.imports_dir(fresh)
    assert not (root / "accepted").exists() and not list(root.glob(".pending-*"))
    assert [e["result"] for e in imports_process.read_log(root)] == ["rejected"]


def test_very_large_file_is_refused_before_reading(fresh):
    before = digest(fresh)
    content = EVENTS_HEADER.encode() + b"USA,signature,2020-01-01,x\n" * (DEFAULT_MAX_BYTES // 27 + 10)
    assert len(content) > DEFAULT_MAX_BYTES
    outcome = run(fresh, "treaty_events", "big.csv", content)
    assert outcome.result == "rejected"
    assert "files over 5.0 MB are refused" in outcome.problems[0].message
    assert digest(fresh) == before


def test_every_problem_is_reported_with_row_and_column(fresh):
    # one fault a row: XYZ is no State of the fixture, 'signed' no event type, month 13 no date
    content = (b"iso3,event_type,event_date\nXYZ,signature,2020-01-01\nUSA,signed,2020-01-01\n"
               b"USA,ratification,2020-13-01\n")
    problems = run(fresh, "treaty_events", "a.csv", content).problems
    assert [(p.row, p.column) for p in problems] == [(2, "iso3"), (3, "event_type"), (4, "event_date")]


def test_dry_run_reports_and_writes_nothing(fresh):
    before = digest(fresh)
    outcome = run(fresh, "treaty_events", "a.csv", (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode(),
                  dry_run=True)
    assert outcome.result == "checked" and "1 row(s) would be added" in outcome.message
    assert digest(fresh) == before and not imports_process.imports_dir(fresh).exists()


# One new row each, none of them in the fixture: USA has no event (so Signatory once it signs); NZL no
# Article 3 record; LAO no 2024 clearance and no remaining area at 31 Dec 2025. LAO's request 3 is granted
# at 3RC (September 2026) to 1 Aug 2030, the latest granted deadline; its request 2 (12MSP) still has no
# recorded decision, so on 28 Nov 2026 it is pending: "extension requested" (the deadline not passed).
# AUT has no annual report for 2025, GHA no Article 9 record; the fixture has no actual expenditure, no
# contributions and no Article 5 rows.
GOOD = {
    "treaty_events": (EVENTS_HEADER + "USA,signature,2026-01-15,UN depositary notification\n",
                      "SELECT status, signature_date FROM state_status_at(DATE '2026-11-28') WHERE iso3 = 'USA'",
                      [("Signatory", date(2026, 1, 15))]),
    "article3": ("iso3,stockpile_status,completion_date,munitions_destroyed,source\nNZL,destroyed,2013-06,0,test\n",
                 "SELECT stockpile_status, completion_date, completion_date_precision FROM article3_stockpiles "
                 "WHERE iso3 = 'NZL'", [("destroyed", date(2013, 6, 1), "month")]),
    "article4_progress": ("iso3,year,area_cleared_km2,area_qualifier,scope,source\nLAO,2024,50.125,approx,national,t\n",
                          "SELECT CAST(area_cleared_km2 AS VARCHAR), area_qualifier FROM article4_clearance_by_year "
                          "WHERE iso3 = 'LAO' AND year = 2024 AND scope = 'national'", [("50.1250", "approx")]),
    "article4_remaining": ("iso3,as_of_date,as_of_date_precision,cha_km2,sha_km2,scope,source\n"
                           "LAO,2025-12-31,day,2100.5,8000,national (State report),t\n",
                           "SELECT CAST(cha_km2 AS VARCHAR), CAST(sha_km2 AS VARCHAR) FROM article4_remaining "
                           "WHERE iso3 = 'LAO' AND as_of_date = DATE '2025-12-31'", [("2100.5000", "8000.0000")]),
    "extension_requests": ("iso3,article,request_no,submitted_date,meeting,meeting_date,granted_deadline,source\n"
                           "LAO,4,3,2026-03,3RC,2026-09,2030-08-01,test\n",
                           "SELECT current_deadline, status FROM obligation_deadlines_at(DATE '2026-11-28') "
                           "WHERE iso3 = 'LAO' AND article = 4", [(date(2030, 8, 1), "extension requested")]),
    "article7_reports": ("iso3,report_type,reporting_year,submitted_date,record,source\n"
                         "AUT,annual,2025,2026-04-28,submitted,test\n",
                         "SELECT submitted_date, submitted_date_precision FROM article7_reports "
                         "WHERE iso3 = 'AUT' AND reporting_year = 2025", [(date(2026, 4, 28), "day")]),
    "article9": ("iso3,status,year_of_law,confidence,source\nGHA,legislation in progress,,low,test\n",
                 "SELECT status, year_of_law, confidence FROM article9_measures WHERE iso3 = 'GHA'",
                 [("legislation in progress", None, "low")]),
    "budget_actuals": ("year,budget_line,amount_chf,source\n2024,Travel,12345.65,ISU accounts\n",
                       "SELECT CAST(amount_chf AS VARCHAR) FROM isu_budget WHERE kind = 'actual' AND year = 2024",
                       [("12345.65",)]),
    "contributions": ("iso3,year,amount_chf,received_date,source\nAUT,2025,25000,2025-03-14,ISU accounts\n",
                      "SELECT iso3, CAST(amount_chf AS VARCHAR), received_date FROM contributions",
                      [("AUT", "25000.00", date(2025, 3, 14))]),
    "article5": ("iso3,as_of_date,source\nLAO,2025-09-01,test\n",
                 "SELECT iso3, as_of_date FROM article5_responsibility", [("LAO", date(2025, 9, 1))]),
}


def test_every_kind_has_a_good_import_case():
    assert set(GOOD) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_good_import_round_trips_into_the_views(fresh, kind):
    content, sql, expected = GOOD[kind]
    outcome = run(fresh, kind, f"{kind}.csv", content.encode())
    assert outcome.result == "accepted", [str(p) for p in outcome.problems]
    assert outcome.import_id == 1 and outcome.validation.added == 1
    assert query(fresh, sql) == expected
    table = KINDS[kind].table
    assert query(fresh, f"SELECT count(*) FROM {table} WHERE source LIKE '%(import 1: {kind}.csv)' "
                 f"OR source = 'import 1: {kind}.csv'") == [(1,)]
    # the database is rebuildable: a rebuild from the data files (here the fixture's) replays the import
    imports_process.rebuild(fresh)
    assert query(fresh, sql) == expected
    assert query(fresh, "SELECT count(*) FROM states") == [(39,)]  # still the fixture's 39 States


def test_excel_semicolon_bom_and_decimal_comma(fresh):
    book = xlsx([["iso3", "year", "amount_chf", "received_date"], ["CHE", 2025, 1000.5, date(2025, 2, 3)]])
    assert run(fresh, "contributions", "c.xlsx", book).result == "accepted"
    csv_bytes = "\ufeffyear;budget_line;amount_chf\n2024;Salaries;1'234,50\n".encode("utf-8")
    assert run(fresh, "budget_actuals", "b.csv", csv_bytes).result == "accepted"
    assert query(fresh, "SELECT CAST(amount_chf AS VARCHAR), received_date FROM contributions") == [
        ("1000.50", date(2025, 2, 3))]
    assert query(fresh, "SELECT CAST(amount_chf AS VARCHAR) FROM budget_lines WHERE kind = 'actual'") == [("1234.50",)]


def test_reimporting_the_same_file_is_a_no_op(fresh):
    content = (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode()
    assert run(fresh, "treaty_events", "a.csv", content).result == "accepted"
    before = digest(fresh)
    again = run(fresh, "treaty_events", "renamed.csv", content)
    assert again.result == "unchanged" and "already imported as import 1" in again.message
    assert digest(fresh) == before
    same_rows = run(fresh, "treaty_events", "b.csv", content.replace(b",x\n", b",y\n"))
    assert same_rows.result == "unchanged" and "already in the database" in same_rows.message


def test_replace_changes_a_row_and_reports_it(fresh):
    content = b"iso3,event_type,event_date,source\nAUT,signature,2008-12-04,correction\n"
    outcome = run(fresh, "treaty_events", "fix.csv", content, replace=True)
    assert outcome.result == "accepted" and outcome.validation.changed == 1 and outcome.validation.added == 0
    assert outcome.validation.changes.to_dict("records") == [
        {"row": 2, "key": "iso3 = AUT, event_type = signature", "column": "event_date",
         "old": "2008-12-03", "new": "2008-12-04"}]
    assert query(fresh, "SELECT event_date, source FROM treaty_events WHERE iso3 = 'AUT' AND "
                 "event_type = 'signature'") == [(date(2008, 12, 4), "correction (import 1: fix.csv)")]


def test_undo_withdraws_the_last_import_and_history_keeps_it(fresh):
    first = (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode()
    second = (EVENTS_HEADER + "USA,ratification,2021-01-01,x\n").encode()
    run(fresh, "treaty_events", "first.csv", first)
    run(fresh, "treaty_events", "second.csv", second)
    assert query(fresh, "SELECT count(*) FROM treaty_events WHERE iso3 = 'USA'") == [(2,)]
    message = imports_process.undo(who="tester", database=fresh)
    assert message.startswith("Undid import 2 (treaty_events from second.csv")
    assert query(fresh, "SELECT event_type FROM treaty_events WHERE iso3 = 'USA'") == [("signature",)]
    root = imports_process.imports_dir(fresh)
    assert (root / "undone" / "0002" / "original.csv").read_bytes() == second
    log = imports_process.history(root)
    assert log[["action", "import_id", "result", "undone"]].values.tolist() == [
        ["import", 1, "accepted", False], ["import", 2, "accepted", True], ["undo", 2, "undone", False]]
    assert query(fresh, "SELECT action, import_id, result, undone FROM import_log ORDER BY logged_at, action") == [
        ("import", 1, "accepted", False), ("import", 2, "accepted", True), ("undo", 2, "undone", False)]
    imports_process.rebuild(fresh)  # an undo survives a rebuild, and so does the log
    assert query(fresh, "SELECT count(*) FROM treaty_events WHERE iso3 = 'USA'") == [(1,)]
    assert query(fresh, "SELECT count(*) FROM import_log") == [(3,)]
    # an undone file can be imported again
    assert run(fresh, "treaty_events", "second.csv", second).import_id == 3
    imports_process.undo(who="tester", database=fresh)
    imports_process.undo(who="tester", database=fresh)
    assert imports_process.undo(who="tester", database=fresh) == "There is no import to undo."
    assert query(fresh, "SELECT count(*) FROM treaty_events WHERE iso3 = 'USA'") == [(0,)]


def test_backups_keep_the_previous_database_and_only_the_last_n(fresh, monkeypatch):
    monkeypatch.setenv("CCM_KEEP_BACKUPS", "2")
    original = digest(fresh)
    run(fresh, "treaty_events", "1.csv", (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode())
    backups = sorted(imports_process.backups_dir(fresh).iterdir())
    assert [digest(b) for b in backups] == [original]
    after_first = digest(fresh)
    run(fresh, "treaty_events", "2.csv", (EVENTS_HEADER + "IDN,ratification,2020-01-01,x\n").encode())
    run(fresh, "treaty_events", "3.csv", (EVENTS_HEADER + "USA,ratification,2021-01-01,x\n").encode())
    backups = sorted(imports_process.backups_dir(fresh).iterdir())
    assert len(backups) == 2 and digest(backups[0]) == after_first
    # the newest backup is the database before the third import: the first two imported rows, not the third
    assert query(backups[1], "SELECT iso3, event_type FROM treaty_events WHERE source LIKE '%(import %' "
                 "ORDER BY iso3") == [("IDN", "ratification"), ("USA", "signature")]


def test_imports_and_log_live_where_configured(fresh, tmp_path, monkeypatch):
    monkeypatch.setenv("CCM_IMPORTS_DIR", str(tmp_path / "elsewhere"))
    run(fresh, "treaty_events", "a.csv", (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode())
    meta = json.loads((tmp_path / "elsewhere" / "accepted" / "0001" / "meta.json").read_text())
    assert meta["sha256"] == hashlib.sha256((EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode()).hexdigest()
    assert meta["who"] == "tester" and meta["rows_added"] == 1 and meta["kind"] == "treaty_events"


def test_a_crash_after_the_swap_is_finished_by_the_next_writer(fresh, monkeypatch):
    def crash(*args):
        raise KeyboardInterrupt  # the process dies after the swap, before filing the import

    real = imports_process._file_import
    monkeypatch.setattr(imports_process, "_file_import", crash)
    with pytest.raises(KeyboardInterrupt):
        run(fresh, "treaty_events", "a.csv", (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode())
    monkeypatch.setattr(imports_process, "_file_import", real)
    root = imports_process.imports_dir(fresh)
    assert (root / ".intent.json").exists()
    imports_process.rebuild(fresh)
    assert [s.id for s in imports_process.stored(root)] == [1] and not (root / ".intent.json").exists()
    assert [e["result"] for e in imports_process.read_log(root)] == ["accepted"]
    assert query(fresh, "SELECT count(*) FROM treaty_events WHERE iso3 = 'USA'") == [(1,)]


def test_a_failed_build_writes_nothing(fresh, monkeypatch):
    before = digest(fresh)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports_process.db, "write_database", broken)
    with pytest.raises(RuntimeError):
        run(fresh, "treaty_events", "a.csv", (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode())
    root = imports_process.imports_dir(fresh)
    assert digest(fresh) == before and not (root / "accepted").exists() and not list(root.glob(".pending-*"))


def test_passphrase_matches():
    assert imports_process.passphrase_matches("s3cret", "s3cret")
    assert not imports_process.passphrase_matches("s3cre", "s3cret")
    assert not imports_process.passphrase_matches("", "")  # no passphrase configured: never writable
    assert not imports_process.passphrase_matches("x", None)


def test_templates_hold_every_column_of_their_table(tmp_path):
    for name, k in KINDS.items():
        frame = template_rows(k)
        assert list(frame.columns) == [c.name for c in k.columns], name
        assert len(frame) == 1
    out = imports_process.write_template("budget_actuals", tmp_path / "b.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["budget_actuals", "notes"]
    assert [c.value for c in book.worksheets[0][1]] == ["year", "budget_line", "amount_chf", "source"]


def test_a_connection_opened_after_the_swap_sees_the_new_data(fresh):
    """What the app does: its cached connection to the old file stays open; the next one (keyed by the
    file's mtime) must see the new file, which a plain duckdb.connect(path) in the same process would not."""
    old = db.open_snapshot(fresh)
    try:
        run(fresh, "treaty_events", "a.csv", (EVENTS_HEADER + "USA,signature,2020-01-01,x\n").encode())
        new = db.open_snapshot(fresh)
        try:
            sql = "SELECT count(*) FROM treaty_events WHERE iso3 = 'USA'"
            assert old.execute(sql).fetchone() == (0,) and new.execute(sql).fetchone() == (1,)
            assert db.snapshot_cursor(new).execute(sql).fetchone() == (1,)
        finally:
            new.close()
    finally:
        old.close()


# --- issue 17: control characters anywhere, NUL after the first 64 KB -----------------------------

@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b"])
def test_control_characters_refused_in_any_cell_anywhere(bad):
    from ccm_analytics.store.imports.files import read_file
    body = "iso3,note\n" + "AUT,fine\n" * 8000 + f"AUT,bell{bad}here\n"
    assert len(body) > 65536
    raw = read_file("x.csv", body.encode("utf-8"))
    assert raw.problems and not raw.rows or any("control character" in p.message or "binary" in p.message
                                                for p in raw.problems)
