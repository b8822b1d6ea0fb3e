"""AppTest of the Article 7, 9 and 5 pages: no exception, key figures, a changed widget, and the
downloads holding the rows shown; every page on a demonstration database carries the banner."""
import io
from datetime import date

import duckdb
import pandas as pd
import pytest
from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

from ccm_analytics.article7 import figures as article7
from ccm_analytics.formats import downloads
from ccm_analytics.navigation import PAGES
from ccm_analytics.store import demo
from ccm_analytics.store.build import build_database

APP = str(PROJECT_DIR / "app.py")


def _page(script, as_of=None) -> AppTest:
    return run_page(script, {"as_of": as_of} if as_of else None)


def _metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_article7_on_the_data_date(db_path, con):
    # 30 September 2022: the Monitor's "not submitted as of August 2022" (initial reports of Cabo Verde, Comoros,
    # Congo, Guinea, Rwanda, Sao Tome and Principe, Togo; the annual reports of Benin, Iceland and South Africa)
    # still speaks; it stops at the next reporting deadline, 30 April 2023.
    at = _page("pages/article7.py", "2022-09-30")
    metrics = _metrics(at)
    assert metrics["Overdue"] == "7"
    assert not at.info  # the reference date is within the data
    assert any("records for 42 of" in m.value for m in at.markdown)  # see test_article7_data
    shown = next(d.value for d in at.dataframe if "Report" in d.value.columns)  # the reminder list
    assert len(shown) == 23  # 7 initial reports + Benin 2018-2021, Iceland and South Africa 2016-2021
    # The buttons build their files when clicked, from the page's figures: the same frame, written here.
    labels = {b.proto.label for b in at.download_button if b.key.startswith("download_article7_reminders")}
    assert labels == {"Download CSV", "Download Excel"}
    reminders = article7.figures(con, pd.Timestamp("2022-09-30")).figures.reminders
    csv = pd.read_csv(io.BytesIO(downloads.csv_bytes(reminders)))
    assert csv["state_name"].tolist() == shown["State Party"].tolist()
    assert csv["report"].tolist() == shown["Report"].tolist()
    assert "2015-09-28" in csv["due_date"].tolist()  # Guinea: entry into force 1 April 2015 + 180 days


def test_article7_reference_date_widget(db_path):
    at = _page("pages/article7.py", "2025-09-30")
    at.date_input(key="widget_as_of").set_value(date(2015, 6, 18)).run()
    # The CMC list of 18 June 2015 names 18 States. Chad: a submission is recorded without a date -> unknown.
    # Guinea: entry into force 1 April 2015, due 28 September 2015, after the list -> not yet due. Cameroon:
    # report of 1 August 2014 (posted late) -> submitted late. 18 - 3 = 15.
    assert _metrics(at)["Overdue"] == "15"
    at.date_input(key="widget_as_of").set_value(date(2026, 11, 28)).run()
    assert _metrics(at)["Overdue"] == "0"
    assert any("current to 30 September 2025" in i.value for i in at.info)


def test_article9_page(db_path):
    at = _page("pages/article9.py", "2025-09-30")
    metrics = _metrics(at)
    assert metrics["Specific legislation"] == "22"
    assert metrics["Unknown"] == "68"
    # 22 of 112 = 19.6 %; 68 of 112 = 60.7 %.
    assert any("specific legislation adopted 20 per cent" in c.value and "unknown 61 per cent" in c.value for c in at.caption)
    table = next(d.value for d in at.dataframe if "Status (as last reported)" in d.value.columns)
    assert len(table) == 112  # every State Party, those the world map cannot draw included
    assert {"Andorra", "Holy See", "Niue", "Cook Islands"} <= set(table["State Party"])
    chart = next(e for e in at.get("plotly_chart") if "choropleth" in e.proto.spec)
    assert '"locationmode":"ISO-3"' in chart.proto.spec.replace(" ", "")
    assert "/app/static/" in chart.proto.config
    published = next(d.value for d in at.dataframe if "App: States Parties on that date" in d.value.columns)
    assert len(published) == 3
    at.date_input(key="widget_as_of").set_value(date(2014, 8, 31)).run()
    table = next(d.value for d in at.dataframe if "Status (as last reported)" in d.value.columns)
    assert len(table) < 112


def test_article5_says_no_list_is_loaded(db_path):
    at = _page("pages/article5.py")
    assert any("No list of States Parties with responsibility" in i.value for i in at.info)
    assert not at.metric


def test_article5_shows_a_loaded_list(tmp_path, monkeypatch):
    path = build_database(tmp_path / "with-article5.duckdb")
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO article5_responsibility VALUES ('LAO', DATE '2024-09-01', 'test list', NULL)")
    con.close()
    monkeypatch.setenv("CCM_DB", str(path))
    at = _page("pages/article5.py", "2025-09-30")
    assert _metrics(at)["States on the list"] == "1"
    assert not at.info


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo.build_demo_database(tmp_path_factory.mktemp("demo") / "ccm-demo.duckdb", pd.Timestamp("2025-06-30"))


@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_every_page_carries_the_demo_banner(demo_db, monkeypatch, spec):
    monkeypatch.setenv("CCM_DB", str(demo_db))
    at = _page(spec.script, "2025-06-30")
    assert any("Demonstration data" in w.value for w in at.warning)


def test_real_database_has_no_banner(db_path):
    at = _page("pages/article7.py", "2025-09-30")
    assert not any("Demonstration data" in w.value for w in at.warning)


def test_article7_before_any_annual_report_is_due(db_path):
    # 1 January 2012: States owe annual reports for 2011 only from 30 April 2012 (the page once failed here).
    at = _page("pages/article7.py", "2012-01-01")
    assert _metrics(at)  # _page asserted the run raised nothing
