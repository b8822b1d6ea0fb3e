"""AppTest of the Explore and SQL console pages: figures, widgets, and the URL reproducing the page."""
from __future__ import annotations

import json

import pytest
from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

from ccm_analytics.explore import explorer

EXPLORE = str(PROJECT_DIR / "pages" / "explore.py")
SQL = str(PROJECT_DIR / "pages" / "sql_console.py")


def _page(path: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(path, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()


def _params(at: AppTest) -> dict[str, str]:
    """The page's URL query parameters as plain strings (AppTest may hold lists)."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def _table(at: AppTest) -> list[list]:
    return at.dataframe[0].value.values.tolist()


def test_explore_default_counts_states_by_status(db_path):
    at = _page(EXPLORE, {"as_of": "2025-03-06"})
    assert not at.exception, [e.value for e in at.exception]
    # the fixture's 39 States on that day: LTU's withdrawal took effect; IDN signed only; USA and VUT (accession
    # 10 September 2026) not signatories; the other 35 States Parties
    assert _table(at) == [["Not signatory", "2"], ["Signatory", "1"], ["State Party", "35"], ["Withdrawn", "1"]]
    assert _params(at) == {"as_of": "2025-03-06", **explorer.encode(explorer.DEFAULT)}
    assert any("data current to" in c.value for c in at.caption)
    assert any(m.value.startswith("**state_status**: One row per State") and "- `in_force` (boolean)" in m.value
               for m in at.markdown)


BUDGET_URL = {"as_of": "2025-03-06", "view": "isu_budget", "group": "year", "agg": "sum", "measure": "amount_chf",
              "chart": "bar", "f.kind": "in:budget", "f.year": "range:2024..2025"}


def test_explore_url_sets_widgets_and_figures(db_path):
    at = _page(EXPLORE, BUDGET_URL)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="ex_source").value == "isu_budget"
    assert at.multiselect(key="ex_group").value == ["year"]
    assert at.multiselect(key="ex_values_kind").value == ["budget"]
    assert at.number_input(key="ex_low_year").value == 2024
    assert at.selectbox(key="ex_measure").value == "amount_chf"
    rows = _table(at)
    # tests/fixture_data/isu_budget.csv: 2024 370'000 + 74'000 + 10'000 + 30'000 + 26'000; 2025 380'000 + 76'000
    # + 10'000 + 30'000 + 28'000
    assert rows == [["2024", "CHF 510'000"], ["2025", "CHF 524'000"]]
    assert _params(at) == BUDGET_URL  # the page writes back exactly the state it was given


def test_explore_widget_change_goes_into_the_url_and_the_url_reproduces_it(db_path):
    at = _page(EXPLORE, BUDGET_URL)
    at.multiselect(key="ex_group").set_value(["year", "budget_line"]).run()
    at.radio(key="ex_chart").set_value("line").run()
    assert not at.exception
    params = _params(at)
    assert params["group"] == "year,budget_line" and params["chart"] == "line"
    shown = _table(at)
    again = _page(EXPLORE, params)  # open the link in a new session
    assert not again.exception
    assert _table(again) == shown and _params(again) == params
    assert again.multiselect(key="ex_group").value == ["year", "budget_line"]
    assert again.radio(key="ex_chart").value == "line"


def test_explore_map_from_the_url(db_path):
    at = _page(EXPLORE, {"as_of": "2025-03-06", "view": "state_status", "group": "iso3", "agg": "count",
                         "chart": "map", "f.status": "in:State Party"})
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    spec, config = json.loads(charts[0].proto.spec), json.loads(charts[0].proto.config)
    trace = spec["data"][0]
    # the 35 States Parties of that day (LTU withdrew), Malta among them though the topojson has no shape for it
    assert trace["type"] == "choropleth" and trace["locationmode"] == "ISO-3" and len(trace["locations"]) == 35
    assert "MLT" in trace["locations"] and "LTU" not in trace["locations"]
    assert config["topojsonURL"] == "/app/static/"


def test_explore_new_source_starts_afresh(db_path):
    at = _page(EXPLORE, BUDGET_URL)
    at.selectbox(key="ex_source").set_value("obligation_deadlines").run()
    assert not at.exception, [e.value for e in at.exception]
    params = _params(at)
    assert params["view"] == "obligation_deadlines" and params["group"] == "" and params["chart"] == "table"
    assert not any(k.startswith("f.") for k in params)
    names = list(explorer.columns("obligation_deadlines"))
    shown = [n for n in names if not (n.endswith("_precision") and n.removesuffix("_precision") in names)]
    assert list(at.dataframe[0].value.columns) == shown  # all rows, dates shown with their precision


def test_explore_stale_link_warns_and_still_shows(db_path):
    at = _page(EXPLORE, {"view": "isu_budget", "group": "nosuch", "chart": "table"})
    assert not at.exception
    assert any("From the link" in w.value for w in at.warning)


def test_explore_downloads(db_path):
    at = _page(EXPLORE, BUDGET_URL)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download CSV", "Download Excel"]


def test_sql_console_runs_a_query(db_path):
    at = _page(SQL)
    assert not at.exception
    at.text_area(key="sql_query").set_value(
        "SELECT status, count(*) AS states FROM state_status_at(DATE '2025-03-06') GROUP BY status ORDER BY status")
    at.button[0].click().run()
    assert not at.exception and not at.error
    assert [m.value for m in at.metric] == ["4"]
    # as on the Explore page on that day (test_explore_default_counts_states_by_status)
    assert _table(at) == [["Not signatory", "2"], ["Signatory", "1"], ["State Party", "35"], ["Withdrawn", "1"]]
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download Excel"]


def test_sql_console_refuses_in_one_line(db_path, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do-not-read")
    at = _page(SQL)
    at.text_area(key="sql_query").set_value(f"SELECT * FROM read_text('{secret}')")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["refused: reading files is not allowed"]
    assert not at.metric and len(at.dataframe) == 1  # only the data sources table
    at.text_area(key="sql_query").set_value("DROP TABLE states")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["refused: changing the database is not allowed (only SELECT queries run here)"]


def test_sql_console_stops_a_runaway_query_and_keeps_working(db_path, monkeypatch):
    from ccm_analytics.sql_console import sandbox
    monkeypatch.setattr(sandbox, "DEFAULT_TIMEOUT_S", 1.0)
    at = _page(SQL)
    at.text_area(key="sql_query").set_value(  # 39^7, about 1.4e11 rows (39^6 counts in 2 s)
        "SELECT count(*) FROM states a, states b, states c, states d, states e, states f, states g")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["refused: the query ran longer than the 1 s limit and was stopped"]
    at.text_area(key="sql_query").set_value("SELECT count(*) AS states FROM states")
    at.button[0].click().run()
    assert not at.error and _table(at) == [["39"]]  # the fixture's States


# --- issue 17: hostile links and queries -----------------------------------------------------------

def test_explore_huge_number_in_a_link_is_ignored_quickly(db_path):
    import time
    started = time.perf_counter()
    at = _page(EXPLORE, {"view": "isu_budget", "group": "", "agg": "count", "chart": "table",
                         "f.year": "range:1e1000000.."})
    assert not at.exception and time.perf_counter() - started < 60
    assert any("not a number we accept" in w.value for w in at.warning)
    assert explorer.as_number("1e1000000") is None and explorer.as_number("9" * 41) is None
    assert explorer.as_number("1e30") == 10**30 and explorer.as_number("-2.50") == explorer.as_number("-2.5")


def test_explore_link_text_is_not_rendered_as_markdown(db_path):
    at = _page(EXPLORE, {"view": "[Your session expired: log in here](http://host/phish)"})
    assert not at.exception
    warnings = [w.value for w in at.warning if "From the link" in w.value]
    assert warnings and all("](http" not in w for w in warnings)  # the brackets are escaped: no link
    assert all("\\[" in w for w in warnings)


@pytest.mark.parametrize("sql,message", [
    ("UPDATE EXTENSIONS", "refused: this kind of statement is not allowed"),
    ("SELECT " + "abs(" * 400 + "1" + ")" * 400, "refused: the query is nested too deeply"),
    ("SELECT '1 day'::INTERVAL * 1000000000", "error: a value of the result cannot be shown"),
    ("SELECT list_sum(range(100000000))", "refused: range() may build at most"),
    ("SELECT * FROM duckdb_databases", "refused: the catalogue view duckdb_databases"),
])
def test_sql_console_hostile_queries_are_one_line_messages(db_path, sql, message):
    at = _page(SQL)
    at.text_area(key="sql_query").set_value(sql)
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and at.error[0].value.startswith(message) and "\n" not in at.error[0].value


@pytest.mark.parametrize("sql", ["SELECT now() AS t", "SELECT chr(1) AS c", "SELECT 'x' AS a, 'y' AS a",
                                 "SELECT '=cmd|'' -C calc''!A0' AS f"])
def test_sql_console_values_that_broke_the_page_show_and_download(db_path, sql):
    import io

    import openpyxl
    at = _page(SQL)
    at.text_area(key="sql_query").set_value(sql)
    at.button[0].click().run()
    assert not at.exception and not at.error
    result = at.session_state["sql_result"]
    assert len(result.columns) == len(set(result.columns))
    from ccm_analytics.formats import downloads
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(result.frame(), downloads.pd.DataFrame(),
                                                                  downloads.pd.Timestamp("2025-01-01"), "x")))
    assert all(c.data_type != "f" for row in book["data"].iter_rows() for c in row)
