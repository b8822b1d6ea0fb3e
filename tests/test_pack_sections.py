"""Each theme's figures on small hand-made frames, expected values worked out by hand."""
import pandas as pd

from ccm_analytics.deadlines.pack_section import (
    article_figures,
    pipeline_screen,
    request_pipeline,
)
from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.formats.section import (
    cited_sources,
    numeric_columns,
    per_cent,
    snake_case_headers,
)
from ccm_analytics.spending.pack_section import paid_by_state, paid_screen
from ccm_analytics.universalization.pack_section import joined_and_left

T = pd.Timestamp
AS_OF = T("2025-09-30")
PERIOD = progress_report_period(AS_OF)  # 1 July 2024 to 30 June 2025


def _rows():
    # A: completed 1 Aug 2024 (in the period), before its original deadline 1 Aug 2026.
    # B: completed 2019, after its original deadline 2018 (extended): a completion, not by the original deadline.
    # C: deadline 1 March 2026 (within 12 months), request pending. D: deadline 1 July 2027 (within 24, not 12).
    # E: deadline passed 2024 with a request pending. F: deadline 2030, on track (outside the pipeline's horizon).
    # G: completed, the date not in the data, by 31 Dec 2018: before its original deadline of 1 March 2021.
    # H: completed, the date not in the data, by 30 Sep 2025 (the data's date): after its deadline of 1 March 2021,
    #    so not known to be by it; and neither G nor H is known to have completed in the period.
    return pd.DataFrame({
        "iso3": list("ABCDEFGH"), "state_name": [f"State {c}" for c in "ABCDEFGH"], "article": 4,
        "status": ["completed", "completed", "extension requested", "on track", "deadline passed, extension requested",
                   "on track", "completed", "completed"],
        "completion_date": [T("2024-08-01"), T("2019-05-01"), pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.NaT, pd.NaT],
        "completed_by": [pd.NaT] * 6 + [T("2018-12-31"), T("2025-09-30")],
        "original_deadline": [T("2026-08-01"), T("2018-08-01"), T("2021-03-01"), T("2027-07-01"), T("2020-08-01"),
                              T("2030-01-01"), T("2021-03-01"), T("2021-03-01")],
        "current_deadline": [T("2026-08-01"), T("2020-08-01"), T("2026-03-01"), T("2027-07-01"), T("2024-08-01"),
                             T("2030-01-01"), T("2021-03-01"), T("2021-03-01")],
        "pending_requests": [0, 0, 1, 0, 1, 0, 0, 0]})


def test_article_figures_by_hand():
    f = article_figures(_rows(), AS_OF, PERIOD)
    assert (f.obligations, f.completed, f.completed_in_period, f.completed_by_original_deadline) == (8, 4, 1, 2)
    assert (f.pending_decision, f.passed_without_decision) == (2, 1)  # C and E pending; E's deadline passed
    assert (f.due_12_months, f.due_24_months) == (1, 2)  # C by 30 Sept 2026; C and D by 30 Sept 2027


def test_request_pipeline_by_hand():
    requests = pd.DataFrame({
        "iso3": ["C", "E", "E"], "article": 4, "request_no": [1, 1, 2],
        "submitted_date": [T("2025-01-01"), T("2019-01-01"), T("2024-03-01")],
        "decision": ["decision not recorded", "granted", "decision not recorded"],
        "meeting_date": [T("2025-09-01"), T("2019-09-01"), T("2024-09-01")]})
    pipeline = request_pipeline(_rows(), requests, T("2026-09-01"), PERIOD)
    # horizon 1 September 2028: C, D, E (F's 2030 deadline is outside); ordered by deadline: E, C, D
    assert pipeline["state_name"].tolist() == ["State E", "State C", "State D"]
    assert pipeline["pending"].tolist() == [True, True, False]  # E's latest request (no. 2) awaits a decision
    screen = pipeline_screen(pipeline)
    assert screen["Request submitted"].tolist() == ["1 March 2024", "1 January 2025", "none in the data"]
    assert set(screen["Analysis posted"]) == {"not in the data"}
    assert snake_case_headers(screen) == []


def test_joined_and_left_in_the_period():
    status = pd.DataFrame({"state_name": ["X", "Y", "Z", "W"],
                           "consent_date": [T("2024-07-01"), T("2025-07-01"), T("2010-01-01"), T("2009-01-01")],
                           "withdrawal_date": [pd.NaT, pd.NaT, T("2025-03-06"), T("2024-06-30")]})
    joined, left = joined_and_left(status, PERIOD)
    assert joined["state_name"].tolist() == ["X"]  # 1 July 2024 is the first day; 1 July 2025 is after the period
    assert left["state_name"].tolist() == ["Z"]  # 30 June 2024 is the day before


def test_who_has_paid_keeps_centimes_and_totals():
    contributions = pd.DataFrame({"iso3": ["AAA", "BBB", "AAA"], "year": [2025, 2025, 2024],
                                  "amount_centimes": [1_000_050, 250_000, 99], "received_date": [T("2025-02-01"), pd.NaT,
                                                                                               T("2024-02-01")]})
    facts = pd.DataFrame({"iso3": ["AAA", "BBB"], "state_name": ["Alpha", "Beta"]})
    paid = paid_by_state(contributions, facts, 2025)
    assert paid["amount_centimes"].tolist() == [1_000_050, 250_000]
    screen = paid_screen(paid)
    # 10'000.50 + 2'500.00 = 12'500.50 (CHF), summed in centimes
    assert screen["Amount (CHF)"].tolist()[-1] == "12'500.50"
    assert screen["Date received"].tolist() == ["1 February 2025", "unknown", ""]
    assert numeric_columns(screen) == ["Amount (CHF)"]


def test_per_cent_rounds_half_up():
    assert per_cent(35, 112) == "31.3 per cent"  # 31.25 -> 31.3
    assert per_cent(2, 3) == "66.7 per cent"
    assert per_cent(0, 0) == "unknown"


def test_sources_are_cited_by_publication_and_date_never_by_file():
    sources = pd.DataFrame({"file": ["a.csv", "b.csv"], "title": ["Events", "Notes"],
                            "publication": ["Multilateral Treaties", ""], "source": ["zmjones/untreaties", "x"],
                            "current_to": [T("2025-09-01"), pd.NaT], "current_to_precision": ["month", None]})
    assert cited_sources(sources, ["a.csv", "b.csv"]) == ["Multilateral Treaties (Events), current to September 2025",
                                                          "Notes"]
