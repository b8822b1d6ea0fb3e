"""Facts of the shipped data (data/, September 2025) as the pages, the meeting pack and the budget show them.
Moved here from the page, pack and spending tests, which now run on the hand-made fixture (tests/fixture_data)."""
import io
from datetime import date

import pandas as pd
import pytest
from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

from ccm_analytics.article7 import figures as article7_figures
from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.formats import downloads, geo
from ccm_analytics.meeting_pack import pack
from ccm_analytics.sources.normalise import DEFAULT_SHARED
from ccm_analytics.spending import analysis as spending_analysis
from ccm_analytics.spending import tables as spending_screen
from ccm_analytics.store import queries

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
    from ccm_analytics.domain.vocabularies import BUDGET_LINES
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
