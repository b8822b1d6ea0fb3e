"""The Lausanne Action Plan figures for 30 September 2025, period 1 July 2024 to 30 June 2025, and the page."""
import pandas as pd
import pytest
from pages_support import run_page

from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.lausanne import figures as lausanne

AS_OF = pd.Timestamp("2025-09-30")


@pytest.fixture(scope="module")
def lap(db_path):
    from ccm_analytics.store.build import connect_read_only
    con = connect_read_only(db_path)
    try:
        yield lausanne.lap_figures(con, AS_OF, progress_report_period(AS_OF))
    finally:
        con.close()


def test_every_figure_has_an_action_and_a_rule(lap):
    assert list(lap.columns) == lausanne.COLUMNS
    assert lap["Action"].ne("").all() and lap["Rule"].str.len().gt(10).all()
    assert {"Actions 10-11", "Actions 12-17", "Actions 18-30", "Actions 43-46"} <= set(lap["Action"])


def test_figures_for_the_pack_of_30_september_2025(lap):
    value = dict(zip(lap["Figure"], lap["Value"]))
    assert value["States joined in the period"] == "0"  # Vanuatu deposited on 5 September 2025, after the period
    assert value["Withdrawals in the period"] == "1: Lithuania (6 March 2025)"
    assert value["Article 4 obligations"] == "19"
    assert value["Article 9 measures in place"] == "35 of 112 (31.3 per cent)"  # 22 specific + 13 existing law


def test_unmeasurable_actions_are_listed_not_omitted(lap):
    unmeasured = lap[lap["Value"] == lausanne.NOT_MEASURED]
    assert "Article 4 requests with a costed work plan loaded" in set(unmeasured["Figure"])
    assert "Actions 31-42" in set(unmeasured["Action"])


def test_page(db_path):
    at = run_page("pages/lausanne.py", {"as_of": "2025-09-30"}, timeout=180)
    assert at.title[0].value == "Lausanne Action Plan"
    shown = at.dataframe[0].value
    assert "Rule" in shown.columns and len(shown) >= 15
