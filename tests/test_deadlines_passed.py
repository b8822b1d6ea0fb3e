"""Issue 13: Article 3 and 4 deadlines passed without a recorded decision, and the Overview's deadline lists
(Articles 3 and 4 apart from Article 7): hand-made frames, the fixture database, the page."""
import pandas as pd
from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

from ccm_analytics.deadlines import extensions
from ccm_analytics.deadlines import obligations as deadlines_obligations
from ccm_analytics.overview import figures as overview_figures

T = pd.Timestamp
APP = str(PROJECT_DIR / "app.py")
PASSED = "deadline passed, extension requested"


def _obligation(iso3, article, deadline, status, pending=0, precision="day"):
    return {"iso3": iso3, "state_name": f"{iso3}land", "article": article,
            "current_deadline": T(deadline) if deadline else pd.NaT, "current_deadline_precision": precision,
            "status": status, "pending_requests": pending}


def _request(iso3, article, no, decision, submitted=None, submitted_precision=None, meeting=None, meeting_date=None,
             requested=None):
    return {"iso3": iso3, "article": article, "request_no": no, "decision": decision,
            "submitted_date": T(submitted) if submitted else pd.NaT, "submitted_date_precision": submitted_precision,
            "meeting": meeting, "meeting_date": T(meeting_date) if meeting_date else pd.NaT,
            "meeting_date_precision": "month" if meeting_date else None,
            "requested_deadline": T(requested) if requested else pd.NaT,
            "requested_deadline_precision": "day" if requested else None}


AS_OF = T("2026-12-01")
OBLIGATIONS = pd.DataFrame([
    _obligation("AAA", 4, "2026-03-01", PASSED, pending=2),
    _obligation("BBB", 3, "2026-12-01", "due within 12 months"),  # the deadline day itself: not passed
    _obligation("CCC", 4, "2026-11-01", "overdue", precision="month"),  # November 2026 ended on the 30th
    _obligation("DDD", 4, "2026-12-01", "due within 12 months", precision="month"),  # December 2026: not ended
    _obligation("EEE", 3, "2020-01-01", "completed"),
    _obligation("FFF", 3, "2023-04-01", "unknown"),  # not confirmed, no request: not an obligation on record
    _obligation("GGG", 4, "2025-01-01", PASSED, pending=1),  # not confirmed, but a request is a fact
    _obligation("HHH", 4, None, "unknown"),  # no deadline known
])
REQUESTS = pd.DataFrame([
    _request("AAA", 4, 1, "granted", "2020-06-01", "month", "2RC", "2021-09-01", "2026-03-01"),
    _request("AAA", 4, 3, extensions.NOT_RECORDED, "2025-01-01", "year", "13MSP", "2025-09-01"),
    _request("AAA", 4, 2, extensions.NOT_RECORDED, "2025-03-01", "month", "13MSP", "2025-09-01", "2030-08-01"),
    _request("GGG", 4, 1, extensions.NOT_YET_DECIDED, "2024-05-17", "day"),
    _request("CCC", 4, 1, "granted", "2019-01-15", "day", "9MSP", "2019-09-01", "2026-11-01"),
])
UNCONFIRMED = {("FFF", 3), ("GGG", 4)}


def test_passed_deadlines_on_hand_made_rows():
    got = extensions.deadlines_passed_without_decision(OBLIGATIONS, REQUESTS, UNCONFIRMED, AS_OF)
    # oldest deadline first: GGG (1 January 2025), AAA (1 March 2026), CCC (November 2026)
    assert list(zip(got["iso3"], got["article"])) == [("GGG", 4), ("AAA", 4), ("CCC", 4)]
    rows = got.set_index("iso3")
    # AAA: the latest request awaiting a decision (3), not the granted one (1); 2 pending
    assert rows.loc["AAA", ["request_no", "pending_requests", "meeting"]].tolist() == [3, 2, "13MSP"]
    assert rows.loc["AAA", "submitted_date"] == T("2025-01-01")
    assert pd.isna(rows.loc["CCC", "request_no"]) and rows.loc["CCC", "pending_requests"] == 0
    assert rows.loc["GGG", "request_no"] == 1 and pd.isna(rows.loc["GGG", "meeting"])
    assert rows.loc["CCC", "current_deadline"] == T("2026-11-01")  # ISO dates kept for the download


def test_passed_deadlines_screen_text():
    got = extensions.deadlines_passed_without_decision(OBLIGATIONS, REQUESTS, UNCONFIRMED, AS_OF)
    screen = extensions.deadlines_passed_screen(got).set_index("iso3")
    assert list(screen.columns) == ["State", "Article", "Deadline", "Status", "Pending request", "Meeting"]
    assert screen.loc["AAA"].tolist() == [
        "AAAland", "Article 4 (clearance)", "1 March 2026",
        "deadline passed, extension requested (decision not recorded)",
        "request 3, submitted 2025, requested unknown (1 earlier request without a recorded decision)",
        "Thirteenth Meeting of States Parties (September 2025)"]
    assert screen.loc["CCC", ["Deadline", "Status", "Pending request"]].tolist() == \
        ["November 2026", "overdue", "no extension request in data"]
    assert pd.isna(screen.loc["CCC", "Meeting"])
    assert screen.loc["GGG", ["Pending request", "Meeting"]].tolist() == \
        ["request 1, submitted 17 May 2024, requested unknown", "unknown"]


def test_passed_deadlines_one_day_earlier_and_none():
    # On 1 March 2026 AAA's deadline is the day itself; CCC's month has not begun
    got = extensions.deadlines_passed_without_decision(OBLIGATIONS, REQUESTS, UNCONFIRMED, T("2026-03-01"))
    assert got["iso3"].tolist() == ["GGG"]
    empty = extensions.deadlines_passed_without_decision(OBLIGATIONS, REQUESTS, UNCONFIRMED, T("2020-01-01"))
    assert empty.empty and list(extensions.deadlines_passed_screen(empty).columns)[0] == "iso3"


def test_unconfirmed_obligations():
    stockpiles = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"],
                               "stockpile_status": ["destroyed", "unknown", "no stockpile"]})
    clearance = pd.DataFrame({"iso3": ["AAA", "DDD", "EEE"], "obligation": ["yes", "unconfirmed", "no"]})
    assert deadlines_obligations.unconfirmed_obligations(stockpiles, clearance) == {("BBB", 3), ("DDD", 4)}


def test_upcoming_deadlines_split_by_article():
    obligations = pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC", "DDD"], "state_name": ["A", "B", "C", "D"], "article": [3, 4, 4, 4],
        "current_deadline": [T("2027-01-01"), T("2026-12-02"), T("2027-12-02"), T("2027-06-01")],
        "status": ["due within 12 months", "due within 12 months", "on track", "completed"]})
    initial = pd.DataFrame({"iso3": ["EEE", "FFF"], "state_name": ["E", "F"],
                            "due_date": [T("2027-02-10"), T("2026-11-30")], "status": ["not yet due", "overdue"]})
    art34 = deadlines_obligations.upcoming_obligation_deadlines(obligations, AS_OF)
    # 2 December 2026 and 1 January 2027 fall within 12 months; 2 December 2027 is a day beyond; DDD is completed
    assert art34[["deadline", "iso3"]].values.tolist() == [["Article 4 clearance", "BBB"],
                                                           ["Article 3 stockpile destruction", "AAA"]]
    art7 = deadlines_obligations.upcoming_report_deadlines(initial, 100, AS_OF)
    assert art7["deadline"].tolist() == ["Article 7 initial report",
                                         "Article 7 annual reports (calendar year 2026)"]
    assert art7["due_date"].tolist() == [T("2027-02-10"), T("2027-04-30")]
    assert deadlines_obligations.upcoming_report_deadlines(initial, 0, AS_OF)["iso3"].tolist() == ["EEE"]  # none in force


# --- the fixture (tests/fixture_data/README.md), 1 December 2026 ------------------------------------------------

# Deadlines passed on 1 December 2026, oldest first:
# TCD: EIF 1 Sep 2013 + 10 = 1 Sep 2023, TCD,4,1 granted 2024-10-01 (10MSP); no later request: overdue, as the
#      deadline passed before the data end (30 September 2025) and no completion is recorded.
# LAO: LAO,4,1 granted 2025-08-01 (9MSP); LAO,4,2 (12MSP, submitted January 2024, month only) has no requested
#      deadline and no recorded decision.
# Not listed: DEU (DEU,4,2 granted 2030-08-01 at 12MSP), SSD (EIF 1 Feb 2024 + 10 = 2034), SEN (stockpiling not
# confirmed: no obligation on record), every obligation completed (AUT, BGR, GBR, PER, HRV).
PASSED_ON_1_DECEMBER_2026 = [
    ("TCD", "1 October 2024", "no extension request in data", None),
    ("LAO", "1 August 2025", "request 2, submitted January 2024, requested unknown",
     "Twelfth Meeting of States Parties (September 2024)"),
]


def test_deadlines_passed_on_1_december_2026(con):
    figures = overview_figures.overview_figures(con, T("2026-12-01"))
    table = figures.passed_table
    got = [(i, d, r, m if isinstance(m, str) else None)
           for i, d, r, m in zip(table["iso3"], table["Deadline"], table["Pending request"], table["Meeting"])]
    assert got == PASSED_ON_1_DECEMBER_2026
    assert set(table["Article"]) == {"Article 4 (clearance)"}
    status = dict(zip(figures.passed["iso3"], figures.passed["status"]))
    assert status == {"TCD": "overdue", "LAO": PASSED}
    # No Article 3 or 4 deadline falls due by 1 December 2027 (DEU 2030, SSD 2034); the reports due are the
    # annual reports of 30 April 2027 and Vanuatu's initial report (EIF 1 March 2027 + 180 days = 28 August 2027).
    assert figures.upcoming_obligations.empty
    assert figures.upcoming_reports["due_date"].tolist() == [T("2027-04-30"), T("2027-08-28")]
    assert figures.upcoming_reports["iso3"].tolist()[1] == "VUT"


def test_overview_page_lists_deadlines_apart_and_passed(db_path):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["as_of"] = "2025-03-06"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    frames = [d.value for d in at.dataframe]
    art34 = next(f for f in frames if "deadline" in f.columns)
    art7 = [f for f in frames if "deadline" in f.columns][1]
    # 6 March 2025: LAO's deadline (LAO,4,1 granted 2025-08-01) falls within 12 months; DEU's is 2030 (DEU,4,2
    # granted at 12MSP, September 2024), TCD's (1 October 2024) has passed; the Article 7 annual reports of
    # 30 April 2025 in the other table (South Sudan's initial report, due 30 July 2024, has passed).
    assert sorted(art34["iso3"]) == ["LAO"]
    assert art34["deadline"].str.startswith(("Article 3", "Article 4")).all()
    assert art7["deadline"].str.startswith("Article 7").all() and art7["due_date"].tolist() == ["30 April 2025"]
    assert {m.label: m.value for m in at.metric}["Deadlines in the next 12 months"] == "2"

    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["as_of"] = "2026-12-01"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    passed = next(d.value for d in at.dataframe if "Pending request" in d.value.columns)
    assert passed["State"].tolist() == ["Chad", "Lao People's Democratic Republic"]  # as PASSED_ON_1_DECEMBER_2026
    assert passed["profile"].iloc[0] == "profile?iso3=TCD&as_of=2026-12-01"
    assert {m.label: m.value for m in at.metric}["Deadlines passed without a recorded decision"] == "2"
    assert any("No Article 3 or 4 deadline falls due" in md.value for md in at.markdown)
