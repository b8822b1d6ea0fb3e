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
    # Nothing deposited from 1 July 2024 to 30 June 2025: South Sudan acceded in August 2023, Vanuatu on
    # 10 September 2026; Lithuania's withdrawal takes effect on 6 March 2025.
    assert value["States joined in the period"] == "0"
    assert value["Withdrawals in the period"] == "1: Lithuania (6 March 2025)"
    # Article 3: AUT, BGR, GBR, PER and SEN (unknown) on record (ESP destroyed before entry into force, NOR had
    # none); completed AUT, BGR, GBR and PER (the date not in the data); by the original deadline (EIF + 8) only
    # AUT (2010) and GBR (December 2013): BGR finished within its extension, PER's date is unknown.
    assert (value["Article 3 obligations"], value["Article 3 completions (ever)"],
            value["Article 3 completions by the original deadline"]) == ("5", "4", "2")
    # Article 4: HRV, MOZ, DEU, LAO, SSD, TCD (GBR has none); HRV completed 10 July 2019, before its original
    # deadline of 1 June 2020; MOZ completed by 31 December 2018 (the date itself not in the data), before its
    # original deadline of 1 June 2020 too.
    assert (value["Article 4 obligations"], value["Article 4 completions (ever)"],
            value["Article 4 completions by the original deadline"]) == ("6", "2", "2")
    # AUT and NOR specific legislation, DEU existing law, of the 35 States Parties (36 less Lithuania): 8.57 %
    assert value["Article 9 measures in place"] == "3 of 35 (8.6 per cent)"
    # Implementing: DEU, LAO, SSD, TCD, SEN not completed, GBR retaining 100; none has every annual report
    assert value["Annual reports every year by States implementing Article 3 or 4 or retaining munitions"] == \
        "0 of 6 (0.0 per cent)"


def test_unmeasurable_actions_are_listed_not_omitted(lap):
    unmeasured = lap[lap["Value"] == lausanne.NOT_MEASURED]
    assert "Article 4 requests with a costed work plan loaded" in set(unmeasured["Figure"])
    assert "Actions 31-42" in set(unmeasured["Action"])


def test_page(db_path):
    at = run_page("pages/lausanne.py", {"as_of": "2025-09-30"}, timeout=180)
    assert at.title[0].value == "Lausanne Action Plan"
    shown = at.dataframe[0].value
    assert "Rule" in shown.columns and len(shown) >= 15
