"""Facts of the shipped data (data/, built into `shipped_db_path`): the one test module that knows them.

Every other test runs on the hand-made fixture (tests/fixture_data). When data/ changes (a new
normalise, an import folded in), only this module may need new expected values: each says where in
data/ (or ../shared/data) its figure comes from.
"""
from decimal import Decimal

import oracles
import pandas as pd
import pytest
from conftest import PROJECT_DIR

from ccm_analytics.article7 import figures as article7
from ccm_analytics.article7 import reports, transparency
from ccm_analytics.sources.normalise import DEFAULT_SHARED, normalise
from ccm_analytics.store import queries
from ccm_analytics.store.schema import TABLES

# --- the data files: provenance, sources, the 197 States, the budget, normalise ---

DATA = PROJECT_DIR / "data"


def test_every_data_file_has_provenance():
    provenance = pd.read_csv(DATA / "provenance.csv")
    declared = {t.data_file for t in TABLES if t.data_file and t.data_file != "provenance.csv"}
    assert declared <= set(provenance["file"])
    for row in provenance.itertuples():
        assert (DATA / row.file).exists(), row.file
        assert isinstance(row.source, str) and row.source.strip(), row.file
        assert isinstance(row.accessed, str) and row.accessed.strip(), row.file
        if row.file != "states.csv":  # a reference list, versioned by its library, not dated facts
            assert isinstance(row.current_to, str) and row.current_to_precision in ("day", "month", "year"), row.file


def test_every_row_keeps_its_source():
    for t in TABLES:
        if t.data_file and "source" in {c.name for c in t.columns}:
            frame = pd.read_csv(DATA / t.data_file)
            assert frame["source"].notna().all(), t.data_file


def test_states_are_the_197():
    states = pd.read_csv(DATA / "states.csv", keep_default_na=False)
    assert len(states) == 197 and states["iso3"].is_unique
    assert {"VAT", "PSE", "COK", "NIU", "NAM"} <= set(states["iso3"])  # NAM: Namibia, not a missing value
    by_code = states.set_index("iso3")
    assert by_code.loc["NER", "un_subregion"] == "Sub-Saharan Africa"
    assert by_code.loc["NRU", "state_name"] == "Nauru"  # not the library's "Naoero"
    assert by_code.loc["CIV", "state_name"] == "Côte d'Ivoire"


def test_treaty_events_use_known_states():
    states = set(pd.read_csv(DATA / "states.csv", keep_default_na=False)["iso3"])
    events = pd.read_csv(DATA / "treaty_events.csv", keep_default_na=False)
    assert set(events["iso3"]) <= states


def test_budget_lines_sum_to_the_work_plan():
    budget = pd.read_csv(DATA / "isu_budget.csv", dtype={"amount_chf": str})
    amounts = budget["amount_chf"].map(Decimal)
    by_year = amounts.groupby(budget["year"]).sum()
    assert by_year.to_dict() == {2021: Decimal(469686), 2022: Decimal(486194), 2023: Decimal(495057),
                                 2024: Decimal(477724), 2025: Decimal(497138)}
    assert sum(amounts) == Decimal(2425799)
    assert set(budget["budget_line"]) == {"Salaries", "Social charges", "Communication", "Travel",
                                          "Other implementation support costs"}


def test_normalise_reproduces_the_shipped_files(tmp_path):
    if not (DEFAULT_SHARED / "data").exists():
        pytest.skip("../shared/data is not beside the project")
    for path in normalise(DEFAULT_SHARED, tmp_path):
        assert path.read_text(encoding="utf-8") == (DATA / path.name).read_text(encoding="utf-8"), path.name


# --- the rules on the shipped records: SQL against the pandas twins over many more shapes than the fixture ---

RULE_DAYS = ["2009-06-01", "2011-01-28", "2011-01-29", "2015-06-18", "2016-01-01", "2020-05-04", "2022-08-31",
             "2025-03-06", "2025-09-30", "2025-10-01", "2026-11-28"]


@pytest.mark.parametrize("day", RULE_DAYS)
def test_article7_rule_equals_its_oracle_on_the_shipped_records(shipped_con, day):
    oracles.assert_article7_sql_equals_oracle(shipped_con, pd.Timestamp(day))
    oracles.assert_article7_frames_equal_oracle(shipped_con, pd.Timestamp(day))


# --- Article 7 (data/article7_reports.csv) ---

def test_article7_known_due_dates_and_statuses(shipped_con):
    rows = queries.article7_status_at(shipped_con, pd.Timestamp("2025-09-30"))
    initial = rows[rows["report_type"] == "initial"].set_index("iso3")
    assert initial.loc["SSD", "due_date"] == pd.Timestamp("2024-07-30")  # as the ISU gives it
    assert initial.loc["AUT", "status"] == "submitted on time"  # 26 January 2011, due 28 January 2011
    assert initial.loc["BWA", "status"] == "submitted late"
    # Chad: "submitted (date uncertain)"; due 28 February 2014 and not on the ISU's list of 13 (window from
    # 1 July 2018 to 11 June 2019): submitted by 11 June 2019, the day not in the data.
    assert initial.loc["TCD", "status"] == reports.SUBMITTED_UNDATED
    assert initial.loc["TCD", "submitted_by"] == pd.Timestamp("2019-06-11")
    # France: due 28 January 2011, not on the CMC's complete list of 18 June 2015 (the row says so too).
    assert initial.loc["FRA", "status"] == reports.SUBMITTED_UNDATED
    assert initial.loc["FRA", "submitted_by"] == pd.Timestamp("2015-06-18")
    assert initial.loc["HND", "status"] == "submitted late"  # listed in 2015, submitted 8 June 2017
    # Listings speak until the next 30 April: by September 2025 none does any more.
    assert initial.loc["GIN", "status"] == "unknown" and (initial["status"] == "overdue").sum() == 0
    in_2022 = queries.article7_status_at(shipped_con, pd.Timestamp("2022-09-30"))
    overdue_2022 = in_2022[(in_2022["report_type"] == "initial") & (in_2022["status"] == "overdue")]
    # "not submitted as of Aug 2022" (Monitor 2022; article7_reporting.csv rows 35, 39, 162, 171, 213, 251, 270)
    assert sorted(overdue_2022["iso3"]) == ["COG", "COM", "CPV", "GIN", "RWA", "STP", "TGO"]
    listed_2015 = queries.article7_status_at(shipped_con, pd.Timestamp("2015-06-18"))
    # the CMC list of 18 June 2015 names 18 States (15 in the rows, Tunisia, Togo and Saint Kitts and Nevis
    # deduced in the shared README); not overdue by it: Chad (undated submission), Guinea (due 28 September 2015,
    # after the list) and Cameroon (report of 1 August 2014, posted late on the UN website): 15.
    assert ((listed_2015["report_type"] == "initial") & (listed_2015["status"] == "overdue")).sum() == 15
    annual = rows[rows["report_type"] == "annual"]
    lithuania = annual[annual["iso3"] == "LTU"]["reporting_year"]
    assert (lithuania.min(), lithuania.max()) == (2012, 2023)  # withdrawal effective 6 March 2025
    in_2022_annual = in_2022[in_2022["report_type"] == "annual"]
    south_africa = in_2022_annual[(in_2022_annual["iso3"] == "ZAF") & (in_2022_annual["status"] == "missing")]
    assert south_africa["reporting_year"].tolist() == [2016, 2017, 2018, 2019, 2020, 2021]  # as of August 2022
    germany = annual[annual["iso3"] == "DEU"].set_index("reporting_year")["status"]
    assert germany[2011] == "submitted, date unknown" and germany[2020] == "no record in data"


def test_article7_page_figures_say_how_complete_the_data_are(shipped_con):
    day = pd.Timestamp("2022-09-30")
    figures = article7.figures(shipped_con, day).figures
    # With a record (article7_reports.csv, annual rows known by 30 September 2022): AUS 2018-2019 (2), AUT 2018,
    # BEN 2018-2021 (4, "not submitted" as of August 2022), CRI 2018, DEU 2011-2019 (9), GNB 2019, GRD 2012,
    # IRL 2011, ISL 2016-2021 (6, as of August 2022), KNA 2017-2020 (4), LAO 2011, LBN 2011, LUX 2011, MOZ 2017,
    # SEN 2013, URY 2017, ZAF 2016-2021 (6) = 42 State-years.
    assert figures.with_record == 42
    assert 900 < figures.state_years_due < 1_100
    assert transparency.completeness_text(17, 1322) == "records for 17 of 1'322 State-years (1.3 per cent)"
    # Initial reports "not submitted as of Aug 2022": CPV, COM, COG, GIN, RWA, STP, TGO (7); annual: Benin
    # 2018-2021 (4), Iceland 2016-2021 (6), South Africa 2016-2021 (6).
    assert len(figures.reminders) == 7 + 4 + 6 + 6
    assert not figures.after_data
    # e.g. Burundi "none submitted after initial report" (Aug 2020), the Holy See's submissions of 2012 and
    # April 2015 (reporting years not stated); Bulgaria's record is of April 2023, after the date.
    assert {"TCD", "GNB", "ZAF", "BDI", "VAT"} <= set(figures.without_year["iso3"])
    assert "BGR" not in set(figures.without_year["iso3"])


def test_article7_at_most_15_initial_reports_unknown_at_the_end_of_2024(shipped_con):
    rows = queries.article7_status_at(shipped_con, pd.Timestamp("2024-12-31"))
    unknown = rows[(rows["report_type"] == "initial") & (rows["status"] == "unknown")]
    # Cabo Verde, Comoros, Congo, Guinea, Madagascar, Rwanda, Sao Tome and Principe, Togo: listed as overdue
    # (ISU list of 9; "not submitted as of Aug 2022"), the listings no longer speak; South Sudan: due 30 July
    # 2024, "submission not confirmed".
    assert sorted(unknown["iso3"]) == ["COG", "COM", "CPV", "GIN", "MDG", "RWA", "SSD", "STP", "TGO"]
    assert len(unknown) <= 15
