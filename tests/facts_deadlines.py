"""Facts of the shipped data (data/), group `deadlines`: Article 3 and 4 deadlines, extension requests, the
workbench's readings and the Lausanne figures on the real record (merged into tests/test_data_facts.py)."""
import pandas as pd

from ccm_analytics.deadlines import figures as deadlines_figures
from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.lausanne import figures as lausanne
from ccm_analytics.overview import figures as overview_figures
from ccm_analytics.store import queries
from ccm_analytics.workbench import figures as workbench_figures
from ccm_analytics.workbench import screen

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
