"""AppTest of the Article 7, 9 and 5 pages: no exception, key figures, a changed widget, and the
downloads holding the rows shown; every page on a demonstration database carries the banner."""
import io
from datetime import date

import duckdb
import pandas as pd
import pytest
from conftest import FIXTURE_DATA, PROJECT_DIR, no_imports
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
    # 30 September 2025. South Sudan: in force 1 February 2024, initial report due 180 days later, 30 July 2024;
    # listed as outstanding on 1 June 2025, a record that speaks until the next reporting deadline (30 April
    # 2026): overdue. Chad's listing of 18 June 2015 has long stopped speaking: unknown.
    at = _page("pages/article7.py", "2025-09-30")
    metrics = _metrics(at)
    # on time: 20 of the 26 others (20 November 2010), NOR (15 November 2010, due 28 November), GBR (20 April
    # 2011, due 30 April), BGR (1 March 2012, due 29 March: in force 1 October 2011 + 180 days) = 23; late: LAO;
    # date not in data: DEU (November 2010, month only), IRL (undated), PER and the 6 others (not on the complete
    # list of 18 June 2015) = 9; overdue SSD, unknown TCD: 23 + 1 + 9 + 1 + 1 = 35 States Parties
    assert metrics == {"Submitted on time": "23", "Submitted late": "1", "Submitted (date not in data)": "9",
                       "Overdue": "1", "Not yet due": "0", "Unknown": "1"}
    assert not at.info  # the reference date is within the data
    # annual records: NOR 2011-2024 (14) and LAO 2011, 2012, 2014 (3) = 17. State-years due, each State from the
    # year its initial report fell due to 2024 (due 30 April 2025): the first 30 2010-2024 (30 x 15 = 450), GBR
    # 2011- (14), BGR 2012- (13), PER 2013- (12), TCD 2014- (11), SSD 2024 (1), LTU 2012-2023 (12: withdrawn
    # before 30 April 2025) = 513
    assert any("records for 17 of 513 State-years" in m.value for m in at.markdown)
    shown = next(d.value for d in at.dataframe if "Report" in d.value.columns)  # the reminder list
    assert shown["State Party"].tolist() == ["South Sudan"] and shown["Report"].tolist() == ["initial report"]
    # The buttons build their files when clicked, from the page's figures: the same frame, written here.
    labels = {b.proto.label for b in at.download_button if b.key.startswith("download_article7_reminders")}
    assert labels == {"Download CSV", "Download Excel"}
    reminders = article7.figures(con, pd.Timestamp("2025-09-30")).figures.reminders
    csv = pd.read_csv(io.BytesIO(downloads.csv_bytes(reminders)))
    assert csv["state_name"].tolist() == shown["State Party"].tolist()
    assert csv["report"].tolist() == shown["Report"].tolist()
    assert csv["due_date"].tolist() == ["2024-07-30"]  # South Sudan: 1 February 2024 + 180 days


def test_article7_reference_date_widget(db_path):
    at = _page("pages/article7.py", "2025-09-30")
    assert _metrics(at)["Overdue"] == "1"  # South Sudan (above)
    at.date_input(key="widget_as_of").set_value(date(2015, 6, 18)).run()
    # The complete list of 18 June 2015 names Chad alone (in force 1 September 2013, due 28 February 2014);
    # South Sudan is not yet a party.
    assert _metrics(at)["Overdue"] == "1"
    assert next(d.value for d in at.dataframe if "Report" in d.value.columns)["State Party"].tolist() == ["Chad"]
    at.date_input(key="widget_as_of").set_value(date(2026, 11, 28)).run()
    # South Sudan's listing of 1 June 2025 stops speaking on 30 April 2026: unknown, not overdue; Vanuatu (in
    # force 1 March 2027) not yet due
    assert _metrics(at)["Overdue"] == "0" and _metrics(at)["Not yet due"] == "1"
    assert any("current to 30 September 2025" in i.value for i in at.info)


def test_article9_page(db_path):
    at = _page("pages/article9.py", "2025-09-30")
    metrics = _metrics(at)
    # AUT and NOR specific legislation, DEU existing law, LAO in progress, TCD none reported; SSD's record does
    # not settle it and the other 29 have none: 30 unknown
    assert metrics == {"Specific legislation": "2", "Existing law sufficient": "1", "Legislation in progress": "1",
                       "None reported": "1", "Unknown": "30"}
    # 2 of 35 = 5.7 %; 30 of 35 = 85.7 %.
    assert any("specific legislation adopted 6 per cent" in c.value and "unknown 86 per cent" in c.value for c in at.caption)
    table = next(d.value for d in at.dataframe if "Status (as last reported)" in d.value.columns)
    assert len(table) == 35  # every State Party, Malta (which the world map cannot draw) included
    assert "Malta" in set(table["State Party"]) and not {"Lithuania", "Vanuatu"} & set(table["State Party"])
    chart = next(e for e in at.get("plotly_chart") if "choropleth" in e.proto.spec)
    assert '"locationmode":"ISO-3"' in chart.proto.spec.replace(" ", "")
    assert "/app/static/" in chart.proto.config
    published = next(d.value for d in at.dataframe if "App: States Parties on that date" in d.value.columns)
    # the one published figure (August 2014), against the app's 35 States Parties then and AUT's (2008) and NOR's
    # (2009) laws
    assert published[["App: States Parties on that date", "App: specific legislation on record by then"]
                     ].values.tolist() == [["35", "2"]]
    at.date_input(key="widget_as_of").set_value(date(2014, 8, 31)).run()
    # 31 August 2014: 35 States Parties too, Lithuania in and South Sudan not yet; the laws of AUT and NOR count
    # from the end of the year they were adopted, the undated statuses only from 30 September 2025: 33 unknown
    assert _metrics(at)["Specific legislation"] == "2" and _metrics(at)["Unknown"] == "33"
    table = next(d.value for d in at.dataframe if "Status (as last reported)" in d.value.columns)
    assert len(table) == 35 and "Lithuania" in set(table["State Party"]) and "South Sudan" not in set(table["State Party"])


def test_article5_says_no_list_is_loaded(db_path):
    at = _page("pages/article5.py")
    assert any("No list of States Parties with responsibility" in i.value for i in at.info)
    assert not at.metric


def test_article5_shows_a_loaded_list(tmp_path, monkeypatch):
    path = build_database(tmp_path / "with-article5.duckdb", FIXTURE_DATA, replay=no_imports)
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO article5_responsibility VALUES ('LAO', DATE '2024-09-01', 'test list', NULL)")
    con.close()
    monkeypatch.setenv("CCM_DB", str(path))
    at = _page("pages/article5.py", "2025-09-30")
    assert _metrics(at)["States on the list"] == "1"
    assert not at.info


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo.build_demo_database(tmp_path_factory.mktemp("demo") / "ccm-demo.duckdb", pd.Timestamp("2025-06-30"),
                                    FIXTURE_DATA)  # the generated records on top of the fixture


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
