"""Every page runs under AppTest without an exception; key figures are on the Overview."""
import pytest
from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

from ccm_analytics.navigation import PAGES

APP = str(PROJECT_DIR / "app.py")


def _app(db_path, query=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


@pytest.mark.parametrize("spec", PAGES, ids=[p.title for p in PAGES])
def test_page_renders(db_path, spec):
    at = _app(db_path).run()
    at.switch_page(spec.script).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("data current to" in c.value for c in at.caption), "every page shows its data date"


def test_overview_figures_on_a_past_date(db_path):
    at = _app(db_path, {"as_of": "2025-03-06"}).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # 36 States Parties until Lithuania's withdrawal took effect that day: 35; Indonesia the one Signatory;
    # not party: Indonesia, the United States, Lithuania and Vanuatu (accedes in 2026) = 4 of the 39 States
    assert metrics["States Parties"] == "35"
    assert metrics["Signatories"] == "1"
    assert metrics["States not party"] == "4"
    assert metrics["ISU budget 2025"] == "CHF 524'000"  # 380'000 + 76'000 + 10'000 + 30'000 + 28'000
    at.date_input(key="widget_as_of").set_value(__import__("datetime").date(2025, 3, 5)).run()
    assert {m.label: m.value for m in at.metric}["States Parties"] == "36"  # the day before: Lithuania still in


def test_overview_reference_date_widget_moves_figures(db_path):
    at = _app(db_path).run()
    at.date_input(key="widget_as_of").set_value(__import__("datetime").date(2010, 6, 1)).run()
    metrics = {m.label: m.value for m in at.metric}
    # 1 June 2010: the 30 first instruments (IRL the 30th, 1 December 2009) and GBR's (4 May 2010) are deposited;
    # the Convention enters into force that day for the 30, for GBR only on 1 November 2010
    assert metrics["States Parties"] == "31" and metrics["Convention in force for"] == "30"
    assert at.query_params["as_of"] == ["2010-06-01"] or at.query_params["as_of"] == "2010-06-01"
    assert any("No ISU budget" in i.value for i in at.info)


def test_reference_date_follows_the_user_to_another_page(db_path):
    import datetime
    at = _app(db_path).run()
    at.date_input(key="widget_as_of").set_value(datetime.date(2015, 6, 18)).run()
    at.query_params.clear()  # switching pages in the sidebar drops the query string
    at.switch_page("pages/universalization.py").run()
    assert not at.exception
    assert at.date_input(key="widget_as_of").value == datetime.date(2015, 6, 18)
