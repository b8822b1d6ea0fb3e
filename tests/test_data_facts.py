"""Facts of the shipped data (data/, built into `shipped_db_path`): the one test module that knows them.

Every other test runs on the hand-made fixture (tests/fixture_data). When data/ changes (a new
normalise, an import folded in), only this module may need new expected values: each says where in
data/ (or ../shared/data) its figure comes from.
"""
import io
import json
from datetime import date
from decimal import Decimal

import oracles
import pandas as pd
import pytest
from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

from ccm_analytics.article7 import figures as article7_figures
from ccm_analytics.article7 import reports, transparency
from ccm_analytics.country_profile import figures as country_profile_figures
from ccm_analytics.deadlines import figures as deadlines_figures
from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.formats import downloads, geo
from ccm_analytics.lausanne import figures as lausanne
from ccm_analytics.meeting_pack import pack
from ccm_analytics.overview import figures as overview_figures
from ccm_analytics.sources.normalise import DEFAULT_SHARED, normalise
from ccm_analytics.spending import analysis as spending_analysis
from ccm_analytics.spending import tables as spending_screen
from ccm_analytics.sql_console.sandbox import run_query
from ccm_analytics.store import queries
from ccm_analytics.store.schema import TABLES
from ccm_analytics.universalization import figures as universalization_figures
from ccm_analytics.workbench import figures as workbench_figures
from ccm_analytics.workbench import screen

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
    figures = article7_figures.figures(shipped_con, day).figures
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


# --- imports, the CLI and the data's age ---

def test_imports_austria_lithuania_angola_status(shipped_con):
    # from test_cli.test_sql_formats_dates_booleans_and_nulls: Austria ratified on 2 April 2009; Lithuania
    # ratified on 24 March 2011 and its withdrawal took effect on 6 March 2025; Angola has no instrument
    assert shipped_con.execute("SELECT iso3, consent_date, in_force, withdrawal_date FROM state_status "
                               "WHERE iso3 IN ('AUT', 'LTU', 'AGO') ORDER BY iso3").fetchall() == [
        ("AGO", None, False, None), ("AUT", date(2009, 4, 2), True, None),
        ("LTU", date(2011, 3, 24), False, date(2025, 3, 6))]


def test_imports_parties_at_the_end_of_2008(shipped_con):
    # from test_cli.test_parties_by_year: 4 instruments deposited at the signing in December 2008, 90 other
    # signatories
    assert shipped_con.execute("SELECT * FROM parties_by_year WHERE year = 2008").fetchall() == [(2008, 4, 0, 90, 4, 0)]


def test_imports_universalization_page_says_the_treaty_events_are_current_to_september_2025(on_shipped_db):
    # from test_data_age.test_universalization_page_warns_of_old_data: the shipped treaty events are current
    # to September 2025, known to the month (so to 30 September): 14 months before 1 December 2026
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.query_params["as_of"] = "2026-12-01"
    at.run()
    at.switch_page("pages/universalization.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.warning if "later reports and decisions are not included" in w.value] == [(
        "These figures use data current to September 2025, 14 months before the reference date: "
        "later reports and decisions are not included.")]


# --- views, Universalization, profiles, Explore, SQL console ---

def test_explore_state_status_has_197_states(shipped_con, shipped_db_path):
    assert len(queries.table(shipped_con, "state_status")) == 197
    assert run_query("SELECT count(*) FROM states", db=shipped_db_path).rows == [(197,)]
    assert len(country_profile_figures.picker(shipped_con).options) == 197


def test_explore_known_figures(shipped_con):
    by_year = queries.table(shipped_con, "parties_by_year").set_index("year")
    assert by_year.loc[2008, "states_parties"] == 4  # Holy See, Ireland, Norway, Sierra Leone (3 Dec 2008)
    # 94 signatures by 31 December 2008 (treaty_events.csv), 4 of them ratified by then (IRL, NOR, SLE, VAT)
    assert by_year.loc[2008, "signatories_only"] == 90
    assert by_year.loc[2025, ["states_parties", "in_force", "withdrawals"]].tolist() == [112, 111, 1]
    lithuania = queries.state_status_at(shipped_con, pd.Timestamp("2025-03-06")).set_index("iso3").loc["LTU"]
    assert lithuania["status"] == "Withdrawn"
    assert lithuania["entry_into_force_date"] == pd.Timestamp("2011-09-01")
    assert shipped_con.execute("SELECT thirtieth_deposit()").fetchone()[0] == date(2010, 2, 16)
    # Lithuania's withdrawal took effect on 6 March 2025
    assert overview_figures.overview_figures(shipped_con, pd.Timestamp("2025-03-06")).counts["states_parties"] == 111


def test_explore_vanuatu_enters_into_force_on_1_march_2026(shipped_con):
    def counts(day):
        status = queries.state_status_at(shipped_con, pd.Timestamp(day))
        parties = status[status["status"] == "State Party"]
        return len(parties), int((~parties["in_force"].astype(bool)).sum())
    assert counts("2026-02-28")[1] == 1  # Vanuatu, in force 1 March 2026
    assert counts("2026-03-01") == (112, 0)
    vanuatu = queries.state_status_at(shipped_con, pd.Timestamp("2026-03-01")).set_index("iso3").loc["VUT"]
    assert vanuatu["entry_into_force_date"] == pd.Timestamp("2026-03-01")


def test_explore_obligation_statuses(shipped_con):
    at = lambda day: queries.obligation_deadlines_at(shipped_con, pd.Timestamp(day)).set_index(["iso3", "article"])  # noqa: E731
    late_2025 = at("2025-09-30")
    assert late_2025.loc[("PER", 3), "status"] == "completed"
    assert late_2025.loc[("PER", 3), "current_deadline"] == pd.Timestamp("2024-04-01")
    assert late_2025.loc[("BGR", 3), "extensions_granted"] == 3
    # LAO,4,1 granted 2025-08-01 (9MSP); LAO,4,2 (12MSP) has no recorded decision: on 30 September 2025 the
    # deadline has passed, on 31 July 2025 it had not.
    assert late_2025.loc[("LAO", 4), "status"] == "deadline passed, extension requested"
    assert at("2025-07-31").loc[("LAO", 4), "status"] == "extension requested"
    assert late_2025.loc[("GIN", 3), "status"] == "unknown"  # stockpiling not confirmed
    assert late_2025.loc[("SSD", 4), "status"] == "on track"
    assert ("CAN", 3) not in late_2025.index  # destroyed before entry into force
    assert ("GBR", 4) not in late_2025.index  # no remnants reported
    # Chad's deadline (1 October 2026) passes after the data end (September 2025): unknown, not overdue.
    assert at("2026-11-28").loc[("TCD", 4), "status"] == "unknown"
    assert at("2026-06-01").loc[("TCD", 4), "status"] == "due within 12 months"
    # Before its 10MSP decision (September 2022) Bulgaria's deadline was the 2RC one.
    assert at("2022-06-30").loc[("BGR", 3), "current_deadline"] == pd.Timestamp("2022-10-01")
    assert at("2022-06-30").loc[("BGR", 3), "status"] == "due within 12 months"


def test_explore_signatories_and_states_not_signed(shipped_con):
    # Angola signed on 3 December 2008 and has not ratified; Algeria has not signed (treaty_events.csv).
    every = universalization_figures.figures(shipped_con, pd.Timestamp("2026-11-28")).every_state.set_index("iso3")
    assert every.loc["AGO", "signature_date"] == "3 December 2008"
    assert every.loc["AGO", "consent_date"] == "not ratified"
    assert every.loc["DZA", "signature_date"] == "not signed" and every.loc["DZA", "consent_date"] == "not ratified"
    assert "unknown" not in set(every["signature_date"]) | set(every["consent_date"])
    targets = universalization_figures.targets(shipped_con, pd.Timestamp("2026-11-28"))
    assert targets.others.set_index("iso3").loc["DZA", "consent_date"] == "not ratified"
    assert len(targets.signatories) == 12
    asia = universalization_figures.targets(shipped_con, pd.Timestamp("2026-11-28"), ("Asia",)).signatories
    assert set(asia["iso3"]) == {"CYP", "IDN"}


def test_explore_universalization_page_on_the_shipped_data(on_shipped_db):
    at = run_page("pages/universalization.py", {"as_of": "2025-03-05"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"States Parties": "112", "of which not yet in force": "0", "Signatories": "12",
                       "Not signatory": "73", "Withdrawn": "0"}
    at.date_input(key="widget_as_of").set_value(date(2025, 3, 6)).run()  # Lithuania's withdrawal takes effect
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["States Parties"] == "111" and metrics["Withdrawn"] == "1"
    frames = [d.value for d in at.dataframe]
    regions = next(f for f in frames if "share_party_percent" in f.columns and "un_subregion" not in f.columns)
    europe = regions.set_index("un_region").loc["Europe"]
    assert (europe["states_parties"], europe["withdrawn"]) == (33, 1)
    assert regions.set_index("un_region").loc["All States", "states"] == 197
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    status_map = next(s for s in specs if any(t["type"] == "choropleth" for t in s["data"]))
    shaped = sum(len(t["locations"]) for t in status_map["data"] if t["type"] == "choropleth")
    located = sum(len(t["text"]) for t in status_map["data"] if t["type"] == "scattergeo")
    assert (shaped, located) == (172, 25)  # no State is lost: 172 shapes + 25 points
    small = next(f for f in frames if "category" in f.columns and len(f) == 25)
    assert {"AND", "VAT", "MCO", "SMR", "LIE", "MLT", "MDV"} <= set(small["iso3"])


def test_explore_country_profile_page_on_the_shipped_data(on_shipped_db):
    at = run_page("pages/country_profile.py", {"iso3": "LAO"})
    values = dict(zip(at.dataframe[0].value["Item"], at.dataframe[0].value["Value"]))
    assert values["Instrument deposited (type)"] == "18 March 2009 (ratification)"
    assert values["Entry into force for the State (Article 17)"] == "1 August 2010"
    obligations = at.dataframe[1].value.set_index("Obligation")
    assert obligations.loc["Article 4: clearance of remnants", "Original deadline"] == "1 August 2020"
    at.date_input(key="widget_as_of").set_value(date(2026, 2, 28)).run()
    at.selectbox(key="widget_iso3").set_value("VUT").run()
    values = dict(zip(at.dataframe[0].value["Item"], at.dataframe[0].value["Value"]))
    assert values["Status on 28 February 2026"] == "State Party (not yet in force)"
    assert values["Entry into force for the State (Article 17)"] == "1 March 2026"


def test_explore_explore_page_on_the_shipped_data(on_shipped_db):
    at = run_page("pages/explore.py", {"as_of": "2025-03-06"})
    # the same figures as the Overview on that date: Lithuania's withdrawal took effect that day
    assert at.dataframe[0].value.values.tolist() == [["Not signatory", "73"], ["Signatory", "12"],
                                                     ["State Party", "111"], ["Withdrawn", "1"]]


# --- deadlines, extension requests, workbench, Lausanne ---

T = pd.Timestamp


def test_deadlines_tracker_counts_on_28_november_2026(shipped_con):
    got = deadlines_figures.tracker_view(shipped_con, T("2026-11-28"))
    # On 28 November 2026 (data current to September 2025): 35 completed; 7 requests without a recorded decision
    # whose obligation's deadline has passed (extension_requests.csv: AFG,4,2; CHL,4,4; DEU,4,2; LAO,4,2; LBN,4,2;
    # MRT,4,1 and 2; SOM,4,1 have no granted_deadline), none before its deadline; South Sudan (deadline 1 February
    # 2034) and Iraq (IRQ,4,1 granted 2028-11-01) on track; Guinea (stockpiling not confirmed) and Chad (TCD,4,2
    # granted 2026-10-01, after the data end) unknown; nothing reads overdue.
    assert (got.counts["completed"], got.counts["deadline passed, extension requested"],
            got.counts["extension requested"], got.counts["overdue"], got.counts["on track"],
            got.counts["unknown"]) == (35, 7, 0, 0, 2, 2)
    assert len(got.table) == 46


# Deadlines passed on 1 December 2026, oldest first. Each row of data/extension_requests.csv named is the latest
# of its obligation with no granted_deadline; the deadlines are the latest granted ones, else EIF + 10 years:
# MRT: requests 1 (2RC part two) and 2 (13MSP), none granted: EIF 1 August 2012 + 10 years = 1 August 2022.
# DEU: DEU,4,1 granted 2025-08-01 (9MSP); DEU,4,2 (12MSP, submitted 2024) requests 2030-08-01.
# LAO: LAO,4,1 granted 2025-08-01 (9MSP); LAO,4,2 (12MSP, submitted 2024), requested deadline not in the data.
# AFG: AFG,4,1 granted 2026-03-01 (2RC part two); AFG,4,2 (13MSP, submitted 2025).
# SOM: no grant: EIF 1 March 2016 + 10 = 1 March 2026; SOM,4,1 (13MSP, submitted December 2024) requests 2030-03-01.
# LBN: LBN,4,1 granted 2026-05-01 (silent procedure, April 2021); LBN,4,2 (13MSP, submitted 2025).
# CHL: CHL,4,3 granted 2026-06-01 (10MSP); CHL,4,4 (13MSP, submitted 2025).
# TCD: TCD,4,2 granted 2026-10-01 (12MSP); no later request.
# Not listed: Iraq (IRQ,4,1 granted 2028-11-01), South Sudan (EIF 1 February 2024: 2034), Guinea (article3_stockpiles
# stockpile_status unknown: no obligation on record), every obligation completed.
DEADLINES_PASSED_ON_1_DECEMBER_2026 = [
    ("MRT", "1 August 2022", "request 2, submitted 2025, requested unknown (1 earlier request without a recorded "
                             "decision)", "Thirteenth Meeting of States Parties (September 2025)"),
    ("DEU", "1 August 2025", "request 2, submitted 2024, requested 1 August 2030", "Twelfth Meeting of States Parties (September 2024)"),
    ("LAO", "1 August 2025", "request 2, submitted 2024, requested unknown", "Twelfth Meeting of States Parties (September 2024)"),
    ("AFG", "1 March 2026", "request 2, submitted 2025, requested unknown", "Thirteenth Meeting of States Parties (September 2025)"),
    ("SOM", "1 March 2026", "request 1, submitted December 2024, requested 1 March 2030", "Thirteenth Meeting of States Parties (September 2025)"),
    ("LBN", "1 May 2026", "request 2, submitted 2025, requested unknown", "Thirteenth Meeting of States Parties (September 2025)"),
    ("CHL", "1 June 2026", "request 4, submitted 2025, requested unknown", "Thirteenth Meeting of States Parties (September 2025)"),
    ("TCD", "1 October 2026", "no extension request in data", None),
]


def test_deadlines_shipped_passed_on_1_december_2026(shipped_con):
    figures = overview_figures.overview_figures(shipped_con, T("2026-12-01"))
    table = figures.passed_table
    got = [(i, d, r, m if isinstance(m, str) else None)
           for i, d, r, m in zip(table["iso3"], table["Deadline"], table["Pending request"], table["Meeting"])]
    assert got == DEADLINES_PASSED_ON_1_DECEMBER_2026
    status = dict(zip(figures.passed["iso3"], figures.passed["status"]))
    assert status.pop("TCD") == "unknown"  # passed after the data end (September 2025): not called overdue
    assert set(status.values()) == {"deadline passed, extension requested"}
    # No Article 3 or 4 deadline falls due in the 12 months after; only the annual reports of 30 April 2027.
    assert figures.upcoming_obligations.empty
    assert figures.upcoming_reports["due_date"].tolist() == [T("2027-04-30")]


def test_deadlines_bosnia_completed_in_the_month_of_its_deadline(shipped_con):
    """Bosnia and Herzegovina: Article 4 deadline 1 September 2023 (granted at 10MSP), completion recorded as
    "September 2023": unknown on 15 September, completed from 30 September."""
    at = lambda day: queries.obligation_deadlines_at(shipped_con, T(day)).set_index(["iso3", "article"])  # noqa: E731
    assert at("2023-09-15").loc[("BIH", 4), "status"] == "unknown"
    assert at("2023-09-30").loc[("BIH", 4), "status"] == "completed"


def test_deadlines_iraq_and_the_request_types_in_the_workbench(shipped_con):
    # Iraq: 200 km² reported remaining in March 2023 (article4_remaining.csv, ISU), one year with a figure
    # (8.78 km² in 2015), request 1 to 1 November 2028 (IRQ,4,1, granted at 11MSP).
    a = workbench_figures.assess(shipped_con, T("2026-11-28"), "IRQ", 4, 1, "area", None)
    assert a.remaining.amount == 200 and round(a.rate.rate, 2) == 8.78
    assert a.requested_deadline == T("2028-11-01")
    # extension_request_types.csv: MRT,4,2 after new contamination; DEU,4,2 an interim request (Mine Action Review)
    assert workbench_figures.assess(shipped_con, T("2026-12-01"), "MRT", 4, 2, "area", None).request_type \
        == "new contamination"
    deu = workbench_figures.assess(shipped_con, T("2026-12-01"), "DEU", 4, 2, "area", None)
    assert screen.type_text(deu).startswith("interim: '5-yr interim extension' to 1 August 2030")


def test_deadlines_lausanne_figures_for_the_pack_of_30_september_2025(shipped_con):
    lap = lausanne.lap_figures(shipped_con, T("2025-09-30"), progress_report_period(T("2025-09-30")))
    value = dict(zip(lap["Figure"], lap["Value"]))
    assert value["States joined in the period"] == "0"  # Vanuatu deposited on 5 September 2025, after the period
    assert value["Withdrawals in the period"] == "1: Lithuania (6 March 2025)"
    assert value["Article 4 obligations"] == "19"
    assert value["Article 9 measures in place"] == "35 of 112 (31.3 per cent)"  # 22 specific + 13 existing law


# --- meeting pack, Articles 7 and 9, Overview, budget, map ---

# As printed in the ISU 2021-2025 Work Plan and Budget (TOTAL row and "Budget: CHF 2'425'799").
PAGES_WORK_PLAN_TOTALS = {2021: "469'686", 2022: "486'194", 2023: "495'057", 2024: "477'724", 2025: "497'138"}
PAGES_WORK_PLAN_BUDGET = "CHF 2'425'799"


def _pages_metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


# --- The meeting pack for 30 September 2025 (period 1 July 2024 to 30 June 2025) ---------------------------

def test_pages_pack_headline_figures(shipped_con):
    as_of = pd.Timestamp("2025-09-30")
    built = pack.build_pack(shipped_con, as_of, progress_report_period(as_of))
    s = {x.heading: x.sentences for x in built.sections}
    universalization, article4, article9, finances = (built.sections[i].heading for i in (0, 2, 6, 7))
    assert s[universalization][0] == ("On 30 September 2025 the Convention has 112 States Parties (111 for which it is "
                                      "in force) and 12 Signatories; 85 States are not party.")
    # Vanuatu's deposit (5 September 2025) is after the period; Lithuania's withdrawal (6 March 2025) in it
    assert s[universalization][1] == "0 States joined from 1 July 2024 to 30 June 2025."
    assert s[universalization][2] == ("1 withdrawal took effect from 1 July 2024 to 30 June 2025: Lithuania "
                                      "(6 March 2025).")
    assert s[article4][0].startswith("On 30 September 2025 19 States Parties have an Article 4 obligation on record; 9 ")
    assert s[article9][0].startswith("On 30 September 2025 35 States Parties have national measures in place")
    assert s[finances][0] == "The ISU budget for 2025 is CHF 497'138."  # 364'282 + 72'856 + 20'000 + 27'000 + 13'000
    assert s[finances][1].startswith("Contributions: not loaded")  # shipped data hold none: never a made-up 0
    assert built.sections[4].empty and built.sections[3].empty  # no cooperation or Article 5 data: said in one line
    assert built.sections[7].tables[0].frame["Amount (CHF)"].tolist()[-1] == "497'138"
    for section in [*built.sections, built.lap]:
        assert not any(".csv" in source or "zmjones" in source for source in section.sources)


# --- Article 7 and Article 9 pages ----------------------------------------------------------------------

def test_pages_article7_page_on_the_shipped_records(on_shipped_db, shipped_con):
    # 30 September 2022: the Monitor's "not submitted as of August 2022" (initial reports of Cabo Verde, Comoros,
    # Congo, Guinea, Rwanda, Sao Tome and Principe, Togo; the annual reports of Benin, Iceland and South Africa)
    # still speaks; it stops at the next reporting deadline, 30 April 2023.
    at = run_page("pages/article7.py", {"as_of": "2022-09-30"})
    assert _pages_metrics(at)["Overdue"] == "7"
    assert not at.info  # the reference date is within the data
    assert any("records for 42 of" in m.value for m in at.markdown)
    shown = next(d.value for d in at.dataframe if "Report" in d.value.columns)  # the reminder list
    assert len(shown) == 23  # 7 initial reports + Benin 2018-2021, Iceland and South Africa 2016-2021
    reminders = article7_figures.figures(shipped_con, pd.Timestamp("2022-09-30")).figures.reminders
    csv = pd.read_csv(io.BytesIO(downloads.csv_bytes(reminders)))
    assert csv["state_name"].tolist() == shown["State Party"].tolist()
    assert "2015-09-28" in csv["due_date"].tolist()  # Guinea: entry into force 1 April 2015 + 180 days
    # The CMC list of 18 June 2015 names 18 States. Chad: a submission is recorded without a date -> unknown.
    # Guinea: entry into force 1 April 2015, due 28 September 2015, after the list -> not yet due. Cameroon:
    # report of 1 August 2014 (posted late) -> submitted late. 18 - 3 = 15.
    at.date_input(key="widget_as_of").set_value(date(2015, 6, 18)).run()
    assert _pages_metrics(at)["Overdue"] == "15"


def test_pages_article9_page_on_the_shipped_records(on_shipped_db):
    at = run_page("pages/article9.py", {"as_of": "2025-09-30"})
    metrics = _pages_metrics(at)
    assert metrics["Specific legislation"] == "22"
    assert metrics["Unknown"] == "68"
    # 22 of 112 = 19.6 %; 68 of 112 = 60.7 %.
    assert any("specific legislation adopted 20 per cent" in c.value and "unknown 61 per cent" in c.value for c in at.caption)
    table = next(d.value for d in at.dataframe if "Status (as last reported)" in d.value.columns)
    assert len(table) == 112  # every State Party, those the world map cannot draw included
    assert {"Andorra", "Holy See", "Niue", "Cook Islands"} <= set(table["State Party"])
    published = next(d.value for d in at.dataframe if "App: States Parties on that date" in d.value.columns)
    assert len(published) == 3


# --- The Overview ---------------------------------------------------------------------------------------

def test_pages_overview_figures(on_shipped_db):
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.query_params["as_of"] = "2025-03-06"
    at.run()
    assert not at.exception
    metrics = _pages_metrics(at)
    assert metrics["States Parties"] == "111"  # Lithuania's withdrawal took effect that day
    assert metrics["Signatories"] == "12"
    assert metrics["States not party"] == "86"
    assert metrics["ISU budget 2025"] == "CHF 497'138"
    at.date_input(key="widget_as_of").set_value(date(2010, 12, 31)).run()
    metrics = _pages_metrics(at)
    assert metrics["States Parties"] == "49" and metrics["Convention in force for"] == "37"


# --- The ISU budget: the database against the work plan ----------------------------------------------------

def test_pages_budget_lines_sum_to_the_work_plan(shipped_con):
    lines = queries.budget_lines(shipped_con)
    totals = spending_analysis.yearly_totals(lines)
    assert {y: spending_screen.money(t).removeprefix("CHF ")
            for y, t in zip(totals["year"], totals["total_centimes"])} == PAGES_WORK_PLAN_TOTALS
    assert spending_screen.money(spending_analysis.period_total(lines)) == PAGES_WORK_PLAN_BUDGET
    table = spending_analysis.budget_table(lines)
    assert list(table["budget_line"]) == [*BUDGET_LINES, "Total"]
    assert spending_screen.money(table.loc[table["budget_line"] == "Total", "total"].iloc[0]) == PAGES_WORK_PLAN_BUDGET


def test_pages_work_plan_text_prints_the_totals_we_check_against():
    seed = DEFAULT_SHARED / "seed" / "isu-work-plan-2021-2025.txt"
    if not seed.exists():
        pytest.skip("../shared/seed is not beside the project")
    text = seed.read_text(encoding="utf-8")
    assert "Budget: CHF 2'425'799" in text
    assert " ".join(PAGES_WORK_PLAN_TOTALS.values()) in text


def test_pages_budget_peaks_are_explained_by_the_work_plan_notes(shipped_con):
    peaks = spending_analysis.peak_notes(queries.budget_lines(shipped_con),
                                         queries.table(shipped_con, "isu_budget_notes"))
    by_line = {r.budget_line: r.peak_years for r in peaks.itertuples()}
    # Communication: 20'000 in 2021 and 2025 against 10'000-12'000 between; Travel 27'000 in 2024-2025;
    # other implementation support 26'000 in 2023.
    assert by_line == {"Communication": [2021, 2025], "Travel": [2024, 2025],
                       "Other implementation support costs": [2023]}
    assert "Third Review Conference" in peaks.loc[peaks["budget_line"] == "Communication", "note"].iloc[0]


def test_pages_spending_page_shows_the_work_plan(on_shipped_db):
    at = run_page("pages/spending.py", {"as_of": "2025-06-30"})
    metrics = _pages_metrics(at)
    assert metrics["ISU budget 2021–2025"] == "CHF 2'425'799"  # the lines' sum, from the database
    assert metrics["Budget 2025"] == "CHF 497'138" and metrics["Largest line: Salaries"] == "73.2 %"
    texts = [x.value for x in (*at.info, *at.caption, *at.markdown, *at.warning)]
    assert any("Third Review Conference" in t and "2021 and 2025" in t for t in texts)  # the communication peak
    assert not any("before the work plan was adopted" in t for t in texts)  # adopted November 2020
    budget = at.dataframe[0].value
    total = budget[budget["Budget line"] == "Total"].iloc[0]
    assert total["2021"] == "CHF 469'686" and total["Five years"] == "CHF 2'425'799"
    totals = next(d.value for d in at.dataframe if "Change from the year before" in d.value.columns)
    # 486'194 − 469'686 = 16'508, 3.5 per cent of 469'686
    assert totals.set_index("Year")["Change from the year before"]["2022"] == "+CHF 16'508 (+3.5 %)"


# --- The map: every one of the 197 States is drawn or placed as a point --------------------------------------

def test_pages_every_state_is_on_the_map_or_a_point():
    on_map = geo.map_iso3()
    states = pd.read_csv(PROJECT_DIR / "data" / "states.csv", keep_default_na=False)
    drawn, off = geo.split_by_map(states, on_map)
    assert len(drawn) + len(off) == 197
    points = geo.off_map_points(states, on_map)
    # No State is lost: every State without a shape has coordinates.
    assert len(points) == len(off) and points[["lat", "lon"]].notna().all().all()
    assert points["lon"].between(-180, 180).all()  # Tuvalu is given as 181 degrees east
    vatican = points.set_index("iso3").loc["VAT"]
    assert round(vatican["lat"], 1) == 41.9 and round(vatican["lon"], 1) == 12.5
