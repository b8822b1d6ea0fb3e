"""The Budget and contributions page under AppTest: the fixture database, and a copy with hand-made money rows
(conftest's money_db)."""
import datetime

import pytest
from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

APP = str(PROJECT_DIR / "app.py")
PAGE = "pages/spending.py"


def _page(query=None) -> AppTest:
    return run_page(PAGE, query)


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def _texts(at):
    return [x.value for x in (*at.info, *at.caption, *at.markdown, *at.warning)]


def test_fixture_database_shows_budget_and_says_no_money_records(db_path):
    at = _page({"as_of": "2025-09-30"})
    metrics = _metrics(at)
    # The fixture's lines (tests/fixture_data/isu_budget.csv): 473'000 + 482'000 + 496'000 + 510'000 + 524'000
    assert metrics["ISU budget 2021–2025"] == "CHF 2'485'000"  # the lines' sum, from the database
    # 2025: 380'000 + 76'000 + 10'000 + 30'000 + 28'000; Salaries over five years 1'800'000 / 2'485'000 = 72.43 %
    assert metrics["Budget 2025"] == "CHF 524'000" and metrics["Largest line: Salaries"] == "72.4 %"
    texts = _texts(at)
    assert any(t.startswith("No contributions are loaded") for t in texts)
    assert any(t.startswith("No actual expenditure is loaded") for t in texts)
    # the work plan's in-kind note (isu_budget_notes.csv, no amount), said to be no cash
    assert any("in-kind support" in t and "not cash" in t and "Office rent given in kind (no amount)." in t
               for t in texts)
    # Communication 15'000 in 2021, 10'000 after: the peak, with the work plan's note
    assert any("**Communication**: highest in 2021 (CHF 15'000)" in t and "Printing in 2021." in t for t in texts)
    # the budget file is current to 30 September 2025: the plan is on record on that day
    assert not any("before the work plan was adopted" in t for t in texts)
    budget = at.dataframe[0].value
    total = budget[budget["Budget line"] == "Total"].iloc[0]
    assert total["2021"] == "CHF 473'000" and total["Five years"] == "CHF 2'485'000"
    assert not any(s.key == "contributions_year" for s in at.selectbox)  # nothing to choose from
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    assert {"download_isu_budget_csv", "template_contributions_xlsx", "template_budget_actuals_csv"} <= keys


def test_first_budget_year_reads_first_year_of_the_plan(db_path):
    at = _page({"as_of": "2025-09-30"})
    totals = next(d.value for d in at.dataframe if "Change from the year before" in d.value.columns)
    change = totals.set_index("Year")["Change from the year before"]
    assert change["2021"] == "first year of the plan"
    assert change["2022"] == "+CHF 9'000 (+1.9 %)"  # 482'000 − 473'000 = 9'000, 1.90 per cent of 473'000


@pytest.fixture()
def on_money_db(money_db, monkeypatch):
    monkeypatch.setenv("CCM_DB", str(money_db))
    return money_db


def test_inserted_rows_show_coverage_and_non_contributors(on_money_db):
    at = _page({"as_of": "2025-12-31"})
    coverage = next(d.value for d in at.dataframe if "Coverage" in d.value.columns).set_index("Budget year")
    # 2024: 100'000 + 50'000.50 + 20'000 + 1'000 = 171'000.50 of 510'000 = 33.53 % -> 33.5 %.
    assert coverage.loc["2024", "Contributions received"] == "CHF 171'000.50"
    assert coverage.loc["2024", "Coverage"] == "33.5 %"
    assert coverage.loc["2024", "Still to fund"] == "CHF 338'999.50"  # 510'000 - 171'000.50
    # Three States gave for 2024 (Switzerland twice); Indonesia, a Signatory, is not a State Party.
    assert coverage.loc["2024", "States contributing"] == "3" and coverage.loc["2024", "of which States Parties"] == "2"
    # 2025: 30'000 + 40'000 (undated, counted) = 70'000 of 524'000 = 13.36 % -> 13.4 %.
    assert coverage.loc["2025", "Coverage"] == "13.4 %"
    assert coverage.loc["2021", "Contributions received"] == "unknown"  # no records: not zero
    # States Parties at the end of each year: 36 in 2024 (Lithuania's withdrawal took effect 6 March 2025),
    # 35 in 2025 (Vanuatu accedes only in September 2026)
    assert coverage.loc["2024", "States Parties"] == "36" and coverage.loc["2025", "States Parties"] == "35"
    assert any(t.startswith("1 contribution record has no received date") for t in _texts(at))

    year_box = at.selectbox(key="contributions_year")
    assert year_box.value == 2025 and year_box.options == ["2025", "2024"]
    assert _metrics(at)["States Parties without a contribution for 2025"] == "33"  # 35 - FRA, NOR

    year_box.set_value(2024).run()
    assert not at.exception
    assert _metrics(at)["States Parties without a contribution for 2024"] == "34"  # 36 - CHE, AUT
    reminders = next(d.value for d in at.dataframe if "State Party" in d.value.columns)
    assert len(reminders) == 34
    assert not {"Switzerland", "Austria"} & set(reminders["State Party"])
    assert "Lithuania" in set(reminders["State Party"])  # a State Party at the end of 2024
    france = reminders.set_index("State Party").loc["France"]
    assert france["Last contribution for"] == "none on record"  # France's only record is for 2025
    keys = {b.proto.id.rsplit("-", 1)[-1] for b in at.get("download_button")}
    assert "download_isu_non_contributors_2024_xlsx" in keys


def test_actuals_variance_and_threshold_widget(on_money_db):
    at = _page({"as_of": "2025-12-31"})
    # Salaries 2024: 350'000 - 370'000 = -20'000 = -5.41 % -> -5.4 %; Communication: 15'000 - 10'000 = +50.0 %.
    variance = next(d.value for d in at.dataframe if "Beyond threshold" in d.value.columns).set_index("Budget line")
    assert variance.loc["Salaries", "Actual − budget"] == "−CHF 20'000"
    assert variance.loc["Salaries", "Actual − budget (%)"] == "−5.4 %"
    assert variance.loc["Communication", "Actual − budget (%)"] == "+50.0 %"
    assert variance.loc["Communication", "Beyond threshold"] == "yes: over budget"
    assert variance.loc["Salaries", "Beyond threshold"] == "no"
    assert _metrics(at)["Lines beyond ±10 per cent"] == "1"
    at.number_input(key="variance_threshold").set_value(5.0).run()  # 5.4 % is beyond 5
    assert _metrics(at)["Lines beyond ±5 per cent"] == "2"


def test_reference_date_before_payments_counts_none(on_money_db):
    at = _page({"as_of": "2024-03-01"})
    texts = _texts(at)
    # Only NOR's undated 2025 record is known on 1 March 2024 (undated records are always counted).
    assert not any(t.startswith("No contributions are loaded") for t in texts)
    at.date_input(key="widget_as_of").set_value(datetime.date(2011, 1, 1)).run()
    assert not at.exception
    assert any("before the work plan was adopted" in t for t in _texts(at))
    assert not any(n.key == "variance_threshold" for n in at.number_input)  # 2024 actuals not yet spent in 2011
