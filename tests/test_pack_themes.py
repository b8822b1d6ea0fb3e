"""Each theme's section on a small hand-made database (real schema, views and macros), worked out by hand.

States besides the 30 fillers (in force 1 August 2010):
- AAA deposits 15 March 2012: in force 1 September 2012 (first day of the sixth month after the deposit's month);
  Article 4 deadline 1 September 2022; extended to 1 September 2026 (request 1, 10MSP, September 2022);
  clearance completed 1 October 2024 (in the Progress Report period, after the original deadline).
- BBB deposits 10 August 2024: joins in the period (in force 1 February 2025).
- CCC deposited 2011, withdrawal effective 6 March 2025: in the period.
- DDD deposits 15 September 2010: in force 1 March 2011, Article 4 deadline 1 March 2021 passed; request 1
  submitted December 2020, considered September 2025, no decision recorded: pending, deadline passed.
- EEE deposits 10 May 2016: in force 1 November 2016, Article 4 deadline 1 November 2026 (13 months after
  30 September 2025: within 24 months, not 12); no request.
"""
import pandas as pd
import pytest
from handmade_db import FILLERS, handmade_with_events, rows

from ccm_analytics.article9 import pack_section as article9
from ccm_analytics.deadlines import pack_section as deadlines
from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.spending import pack_section as finances
from ccm_analytics.universalization import pack_section as universalization

AS_OF = pd.Timestamp("2025-09-30")
PERIOD = progress_report_period(AS_OF)
MEETING = pd.Timestamp("2026-09-01")


@pytest.fixture(scope="module")
def con():
    clearance = rows("article4_clearance",
                     {"iso3": "AAA", "obligation": "yes", "clearance_status": "completed", "completion_date": "2024-10-01",
                      "completion_date_precision": "day", "source": "t"},
                     {"iso3": "DDD", "obligation": "yes", "clearance_status": "in progress", "source": "t"},
                     {"iso3": "EEE", "obligation": "yes", "clearance_status": "in progress", "source": "t"})
    requests = rows("extension_requests",
                    {"iso3": "AAA", "article": 4, "request_no": 1, "submitted_date": "2021-12-01",
                     "submitted_date_precision": "month", "meeting": "10MSP", "meeting_date": "2022-09-01",
                     "meeting_date_precision": "month", "requested_deadline": "2026-09-01",
                     "requested_deadline_precision": "day", "granted_deadline": "2026-09-01",
                     "granted_deadline_precision": "day", "source": "t"},
                    {"iso3": "DDD", "article": 4, "request_no": 1, "submitted_date": "2020-12-01",
                     "submitted_date_precision": "month", "meeting": "13MSP", "meeting_date": "2025-09-01",
                     "meeting_date_precision": "month", "requested_deadline": "2027-03-01",
                     "requested_deadline_precision": "day", "source": "t"})
    budget = rows("budget_lines", {"year": 2025, "budget_line": "Travel", "amount_chf": 200, "kind": "budget", "source": "t"},
                  {"year": 2025, "budget_line": "Salaries", "amount_chf": 1000, "kind": "budget", "source": "t"})
    paid = rows("contribution_records",
                {"iso3": "AAA", "year": 2025, "amount_chf": 1000.50, "received_date": "2025-03-01", "source": "t"},
                {"iso3": "DDD", "year": 2025, "amount_chf": 250, "source": "t"},
                {"iso3": "EEE", "year": 2025, "amount_chf": 99, "received_date": "2025-10-15", "source": "t"})
    measures = rows("article9_measures", {"iso3": "AAA", "status": "specific legislation adopted", "source": "t"},
                    {"iso3": "DDD", "status": "legislation in progress", "source": "t"})
    connection = handmade_with_events(
        {"AAA": "2012-03-15", "BBB": "2024-08-10", "CCC": "2011-01-10", "DDD": "2010-09-15", "EEE": "2016-05-10"},
        {"CCC": "2025-03-06"},
        {"article4_clearance": clearance, "extension_requests": requests, "budget_lines": budget,
         "contribution_records": paid, "article9_measures": measures},
        signatures={"CCC": "2008-12-03"})
    yield connection
    connection.close()


def test_universalization(con):
    section = universalization.section(con, AS_OF, PERIOD)
    # 30 fillers + AAA, BBB, DDD, EEE = 34 States Parties; BBB in force since 1 February 2025: in force for 34
    assert section.sentences[0].startswith("On 30 September 2025 the Convention has 34 States Parties (34 for which")
    assert section.sentences[1] == "1 State joined from 1 July 2024 to 30 June 2025: State BBB (10 August 2024)."
    assert section.sentences[2] == "1 withdrawal took effect from 1 July 2024 to 30 June 2025: State CCC (6 March 2025)."
    counts = section.tables[0].frame.set_index("Status")
    assert counts.loc["States Parties"].tolist() == ["34", "34"]  # 30 June 2024: CCC in, BBB not yet; now the reverse


def test_article4(con):
    view_rows = deadlines.figures.tracker_view(con, AS_OF, (4,)).file
    f = deadlines.article_figures(view_rows, AS_OF, PERIOD)
    assert (f.obligations, f.completed, f.completed_in_period, f.completed_by_original_deadline) == (3, 1, 1, 0)
    assert (f.pending_decision, f.passed_without_decision, f.due_12_months, f.due_24_months) == (1, 1, 0, 1)
    section = deadlines.section(con, AS_OF, PERIOD, 4, MEETING)
    pipeline = section.tables[1].frame
    assert pipeline["State Party"].tolist() == ["State DDD", "State EEE"]  # AAA is completed
    assert pipeline["Request submitted"].tolist() == ["1 December 2020", "none in the data"]
    assert section.sentences[2].startswith("For the Meeting of September 2026: 2 requests are due or pending "
                                           "(deadline by 1 September 2028), 1 submitted and awaiting a decision, 0 decided")


def test_article3_with_no_obligation(con):
    section = deadlines.section(con, AS_OF, PERIOD, 3, MEETING)
    assert section.sentences[0].startswith("On 30 September 2025 0 States Parties have an Article 3 obligation")


def test_article9(con):
    section = article9.section(con, AS_OF, PERIOD)
    # AAA's specific legislation is the one measure in place, of 34 States Parties: 1/34 = 2.94 -> 2.9 per cent
    assert section.sentences[0] == ("On 30 September 2025 1 State Party has national measures in place (specific "
                                    "legislation, or existing law deemed sufficient): 2.9 per cent of 34.")
    assert section.tables[0].frame["States Parties"].tolist()[-1] == "34"


def test_who_has_paid(con):
    section = finances.section(con, AS_OF, PERIOD)
    assert section.sentences[0] == "The ISU budget for 2025 is CHF 1'200."
    # AAA 1'000.50 + DDD 250 (undated: counted, cannot be placed in time); EEE's payment of 15 October 2025 is
    # after the reference date. 125'050 of 120'000 centimes = 104.2 per cent; 34 - 2 = 32 without a contribution.
    assert section.sentences[1] == ("Contributions for 2025 received by 30 September 2025: CHF 1'250.50 from 2 States, "
                                    "104.2 per cent of the budget; 32 States Parties have no contribution for 2025 on record.")
    budget, paid, missing = (t.frame for t in section.tables)
    assert budget["Budget line"].tolist() == ["Salaries", "Travel", "Total"]  # the work plan's order, Salaries first
    assert paid["State"].tolist() == ["State AAA", "State DDD", "Total"]
    assert paid["Date received"].tolist() == ["1 March 2025", "unknown", ""]
    assert len(missing) == 32 and "State EEE" in set(missing["State Party"]) and not set(FILLERS) & set(missing["State Party"])


@pytest.fixture(scope="module")
def reporting():
    """AAA reports for 2024 on 15 April 2025 (on time), DDD on 10 May 2025 (late); BBB (in force 1 February 2025,
    initial report due 180 days later, 31 July 2025) is listed as outstanding in September 2025. Article 5: AAA."""
    records = rows("article7_reports",
                   {"iso3": "AAA", "report_type": "annual", "reporting_year": 2024, "submitted_date": "2025-04-15",
                    "submitted_date_precision": "day", "record": "submitted", "source": "t"},
                   {"iso3": "DDD", "report_type": "annual", "reporting_year": 2024, "submitted_date": "2025-05-10",
                    "submitted_date_precision": "day", "record": "submitted", "source": "t"},
                   {"iso3": "BBB", "report_type": "initial", "record": "outstanding", "record_date": "2025-09-01",
                    "record_date_precision": "month", "status_text": "not submitted", "source": "t"})
    victims = rows("article5_responsibility", {"iso3": "AAA", "as_of_date": "2025-01-01", "source": "t"})
    connection = handmade_with_events(
        {"AAA": "2012-03-15", "BBB": "2024-08-10", "CCC": "2011-01-10", "DDD": "2010-09-15", "EEE": "2016-05-10"},
        {"CCC": "2025-03-06"}, {"article7_reports": records, "article5_responsibility": victims},
        signatures={"CCC": "2008-12-03"})
    yield connection
    connection.close()


def test_article7(reporting):
    from ccm_analytics.article7 import pack_section as article7
    section = article7.section(reporting, AS_OF, PERIOD)
    assert section.sentences[1] == "1 initial report is overdue by record: State BBB."
    # 2024 reports (due 30 April 2025) are owed by the 30 fillers, AAA, DDD and EEE (33): BBB's first is for
    # 2025, CCC's withdrawal took effect before the due date. On record by 30 April: AAA's. 1/33 = 3.03 -> 3.0
    assert section.sentences[2].startswith("Annual reports for 2024, due 30 April 2025: 1 of 33 on record by that day "
                                           "(3.0 per cent)")


def test_article5(reporting, con):
    from ccm_analytics.article5 import pack_section as article5
    listed = article5.section(reporting, AS_OF, PERIOD)
    assert listed.sentences == [("On 30 September 2025 1 State Party has responsibility for cluster munition victims "
                                "on record.")]
    assert listed.tables[0].frame["State"].tolist() == ["State AAA"]
    assert article5.section(con, AS_OF, PERIOD).empty  # nothing listed: the one line saying what would fill it


def test_lausanne_figures_on_the_handmade_database(con):
    from ccm_analytics.lausanne import figures as lausanne
    lap = lausanne.lap_figures(con, AS_OF, PERIOD).set_index("Figure")
    assert lap.loc["States joined in the period", "Value"] == "1: State BBB (10 August 2024)"
    assert lap.loc["States joined in the period", "Trend"] == "up from 0 in 1 July 2023 to 30 June 2024"
    assert lap.loc["Withdrawals in the period", "Value"] == "1: State CCC (6 March 2025)"
    assert lap.loc["Article 4 completions in the period", "Value"] == "1"  # AAA, 1 October 2024
    # on 30 June 2024 AAA had not completed: 0 then, 1 now
    assert lap.loc["Article 4 completions (ever)", "Trend"] == "up from 0 on 30 June 2024"
    assert lap.loc["Article 4 completions by the original deadline", "Value"] == "0"  # AAA needed its extension
    # implementing Article 4: DDD and EEE (AAA completed); neither has any annual report on record
    assert lap.loc["Annual reports every year by States implementing Article 3 or 4 or retaining munitions",
                   "Value"] == "0 of 2 (0.0 per cent)"
    assert lap.loc["Article 9 measures in place", "Value"] == "1 of 34 (2.9 per cent)"
