"""The demonstration database: generated rows flagged, deterministic, never written over the real one. Built
from the fixture's data files (tests/fixture_data/README.md) plus the generated records."""
import duckdb
import pandas as pd
import pytest
from conftest import FIXTURE_DATA

from ccm_analytics.store import demo
from ccm_analytics.store.db import DEFAULT_DB

THROUGH = pd.Timestamp("2025-06-30")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return demo.build_demo_database(tmp_path_factory.mktemp("demo") / "ccm-demo.duckdb", THROUGH, FIXTURE_DATA)


def _rows(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_demo_is_flagged_and_its_rows_are_marked(demo_path):
    assert _rows(demo_path, "SELECT value FROM build_info WHERE key = 'kind'") == [("demonstration",)]
    for table, where in (("article7_reports", "TRUE"), ("contribution_records", "TRUE"),
                         ("budget_lines", "kind = 'actual'")):
        generated, unmarked = _rows(demo_path, f"SELECT count(*) FILTER (WHERE source = 'DEMONSTRATION DATA'), "
                                               f"count(*) FILTER (WHERE source <> 'DEMONSTRATION DATA') "
                                               f"FROM {table} WHERE {where}")[0]
        assert generated > 0, table
        if table != "article7_reports":  # the real Article 7 records stay beside the generated ones
            assert unmarked == 0, table


def test_demo_figures_are_plausible(demo_path):
    # Actual expenditure only for budget years ended by the demo date (2021-2024), 80-105 % of each line.
    ratio = _rows(demo_path, "SELECT b.year, min(a.amount_chf / b.amount_chf), max(a.amount_chf / b.amount_chf) "
                             "FROM budget_lines a JOIN budget_lines b USING (year, budget_line) "
                             "WHERE a.kind = 'actual' AND b.kind = 'budget' GROUP BY b.year ORDER BY 1")
    assert [r[0] for r in ratio] == [2021, 2022, 2023, 2024]
    assert all(0.8 <= float(lo) and float(hi) <= 1.05 for _, lo, hi in ratio)
    assert _rows(demo_path, "SELECT typeof(amount_chf) FROM contribution_records LIMIT 1") == [("DECIMAL(14,2)",)]
    latest = _rows(demo_path, "SELECT max(received_date), max(record_date) FROM contribution_records, "
                              "article7_reports WHERE article7_reports.source = 'DEMONSTRATION DATA'")[0]
    assert all(d <= THROUGH.date() for d in latest)  # nothing generated after the demo date
    # Every annual report owed and due by the demo date has a record.
    statuses = dict(_rows(demo_path, "SELECT status, count(*) FROM article7_status_at(DATE '2025-06-30') "
                                     "WHERE report_type = 'annual' GROUP BY ALL"))
    assert "no record in data" not in statuses and statuses["missing"] > 0 and statuses["submitted late"] > 0


def test_demo_is_deterministic(demo_path, tmp_path):
    again = demo.build_demo_database(tmp_path / "again.duckdb", THROUGH, FIXTURE_DATA)
    for table in ("article7_reports", "contribution_records", "budget_lines"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert _rows(demo_path, sql) == _rows(again, sql), table


def test_demo_never_overwrites_a_real_database(db_path, tmp_path):
    with pytest.raises(demo.DemoRefused):
        demo.build_demo_database(db_path, THROUGH)
    with pytest.raises(demo.DemoRefused):
        demo.build_demo_database(DEFAULT_DB, THROUGH)
    assert _rows(db_path, "SELECT value FROM build_info WHERE key = 'kind'") == [("real",)]
    assert _rows(db_path, "SELECT count(*) FROM article7_reports WHERE source = 'DEMONSTRATION DATA'") == [(0,)]
    assert _rows(db_path, "SELECT count(*) FROM contribution_records") == [(0,)]
