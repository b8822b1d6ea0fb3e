"""The Budget and contributions page under AppTest: the real database, and a copy with hand-made money rows."""
import datetime

import pytest
from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

from ccm_analytics.store import queries
from ccm_analytics.store.build import connect_read_only

APP = str(PROJECT_DIR / "app.py")
PAGE = "pages/spending.py"


def _page(query=None) -> AppTest:
    return run_page(PAGE, query)


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def _texts(at):
    return [x.value for x in (*at.info, *at.caption, *at.markdown, *at.warning)]


def test_real_database_shows_budget_and_says_no_money_records(db_path):
    at = _page({"as_of": "2025-06-30"})
    metrics = _metrics(at)
    assert metrics["ISU budget 2021–2025"] == "CHF 2'425'799"  # the lines' sum, from the database
    assert metrics["Budget 2025"] == "CHF 497'138" and metrics["Largest line: Salaries"] == "73.2 %"
    texts = _texts(at)
    assert any(t.startswith("No contributions are loaded") for t in texts)
    assert any(t.startswith("No actual expenditure is loaded") for t in texts)
    assert any("GICHD in-kind support" in t and "not cash" in t.lower() for t in texts)
    assert any("Third Review Conference" in t and "2021 and 2025" in t for t in texts)  # the communication peak
    budget = at.dataframe[0].value
    total = budget[budget["Budget line"] == "Total"].iloc[0]
    assert total["2021"] == "CHF 469'686" and total["Five years"] == "CHF 2'425'799"
    assert not any(s.key == "contributions_year" for s in at.selectbox)  # nothing to choose from
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    assert {"download_isu_budget_csv", "template_contributions_xlsx", "template_budget_actuals_csv"} <= keys


def test_first_budget_year_reads_first_year_of_the_plan(db_path):
    at = _page({"as_of": "2025-06-30"})
    totals = next(d.value for d in at.dataframe if "Change from the year before" in d.value.columns)
    change = totals.set_index("Year")["Change from the year before"]
    assert change["2021"] == "first year of the plan"
    assert change["2022"] == "+CHF 16'508 (+3.5 %)"  # 486'194 − 469'686 = 16'508, 3.5 per cent of 469'686


@pytest.fixture()
def on_money_db(money_db, monkeypatch):
    monkeypatch.setenv("CCM_DB", str(money_db))
    return money_db


def _parties_at_end_of(path, year):
    con = connect_read_only(path)
    try:
        by_year = queries.table(con, "parties_by_year")
    finally:
        con.close()
    return int(by_year.loc[by_year["year"] == year, "states_parties"].iloc[0])


def test_inserted_rows_show_coverage_and_non_contributors(on_money_db):
    at = _page({"as_of": "2025-12-31"})
    coverage = next(d.value for d in at.dataframe if "Coverage" in d.value.columns).set_index("Budget year")
    # 2024: 100'000 + 50'000.50 + 20'000 + 1'000 = 171'000.50 of 477'724 = 35.79 % -> 35.8 %.
    assert coverage.loc["2024", "Contributions received"] == "CHF 171'000.50"
    assert coverage.loc["2024", "Coverage"] == "35.8 %"
    assert coverage.loc["2024", "Still to fund"] == "CHF 306'723.50"  # 477'724 - 171'000.50
    # Three States gave for 2024 (Switzerland twice); Indonesia, a Signatory, is not a State Party.
    assert coverage.loc["2024", "States contributing"] == "3" and coverage.loc["2024", "of which States Parties"] == "2"
    # 2025: 30'000 + 40'000 (undated, counted) = 70'000 of 497'138 = 14.08 % -> 14.1 %.
    assert coverage.loc["2025", "Coverage"] == "14.1 %"
    assert coverage.loc["2021", "Contributions received"] == "unknown"  # no records: not zero
    assert any(t.startswith("1 contribution record has no received date") for t in _texts(at))

    parties_2025 = _parties_at_end_of(on_money_db, 2025)
    year_box = at.selectbox(key="contributions_year")
    assert year_box.value == 2025 and year_box.options == ["2025", "2024"]
    assert _metrics(at)["States Parties without a contribution for 2025"] == str(parties_2025 - 2)  # FRA, NOR gave

    year_box.set_value(2024).run()
    assert not at.exception
    parties_2024 = _parties_at_end_of(on_money_db, 2024)
    assert _metrics(at)["States Parties without a contribution for 2024"] == str(parties_2024 - 2)  # CHE, AUT gave
    reminders = next(d.value for d in at.dataframe if "State Party" in d.value.columns)
    assert len(reminders) == parties_2024 - 2
    assert not {"Switzerland", "Austria"} & set(reminders["State Party"])
    france = reminders.set_index("State Party").loc["France"]
    assert france["Last contribution for"] == "none on record"  # France's only record is for 2025
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    assert "download_isu_non_contributors_2024_xlsx" in keys


def test_actuals_variance_and_threshold_widget(on_money_db):
    at = _page({"as_of": "2025-12-31"})
    # Salaries 2024: 350'000 - 348'103 = +1'897 = +0.54 % -> +0.5 %; Communication: 15'000 - 10'000 = +50.0 %.
    variance = next(d.value for d in at.dataframe if "Beyond threshold" in d.value.columns).set_index("Budget line")
    assert variance.loc["Salaries", "Actual − budget"] == "+CHF 1'897"
    assert variance.loc["Salaries", "Actual − budget (%)"] == "+0.5 %"
    assert variance.loc["Communication", "Beyond threshold"] == "yes: over budget"
    assert variance.loc["Salaries", "Beyond threshold"] == "no"
    assert _metrics(at)["Lines beyond ±10 per cent"] == "1"
    at.number_input(key="variance_threshold").set_value(0.4).run()
    assert _metrics(at)["Lines beyond ±0.4 per cent"] == "2"


def test_reference_date_before_payments_counts_none(on_money_db):
    at = _page({"as_of": "2024-03-01"})
    texts = _texts(at)
    # Only NOR's undated 2025 record is known on 1 March 2024 (undated records are always counted).
    assert not any(t.startswith("No contributions are loaded") for t in texts)
    at.date_input(key="widget_as_of").set_value(datetime.date(2011, 1, 1)).run()
    assert not at.exception
    assert any("before the work plan was adopted" in t for t in _texts(at))
    assert not any(n.key == "variance_threshold" for n in at.number_input)  # 2024 actuals not yet spent in 2011
