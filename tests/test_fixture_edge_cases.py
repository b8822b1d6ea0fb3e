"""The treaty's edge cases, on the recorded fixture database (tests/fixture_data, see its README).

Ireland deposits the 30th instrument on 1 December 2009, so the Convention and the first 30 States enter
into force on 1 June 2010: the first day of the sixth month after the month of that deposit (Article 17(1)).
"""
import pandas as pd

from ccm_analytics.store import queries

T = pd.Timestamp


def _status(con, day):
    return queries.state_status_at(con, T(day)).set_index("iso3")


def _deadline(con, iso3, article, day):
    rows = queries.obligation_deadlines_at(con, T(day))
    return rows[(rows["iso3"] == iso3) & (rows["article"] == article)].iloc[0]


def test_entry_into_force_around_the_thirtieth_instrument(con):
    status = _status(con, "2011-01-01")
    assert status.loc["NOR", "entry_into_force_date"] == T("2010-06-01")  # the 29th, 15 November 2009
    assert status.loc["IRL", "entry_into_force_date"] == T("2010-06-01")  # the 30th
    # 4 May 2010, after the 30th: the first day of the sixth month after May.
    assert status.loc["GBR", "entry_into_force_date"] == T("2010-11-01")
    assert not _status(con, "2010-05-31").loc["IRL", "in_force"]
    assert _status(con, "2010-06-01").loc["IRL", "in_force"]


def test_a_withdrawal_counts_from_the_day_it_takes_effect(con):
    assert _status(con, "2025-03-05").loc["LTU", "status"] == "State Party"
    assert _status(con, "2025-03-06").loc["LTU", "status"] == "Withdrawn"


def test_a_state_party_not_yet_in_force(con):
    vanuatu = _status(con, "2026-12-01").loc["VUT"]
    assert vanuatu["status"] == "State Party" and not vanuatu["in_force"]
    assert vanuatu["entry_into_force_date"] == T("2027-03-01")  # accession 10 September 2026
    assert _status(con, "2026-09-09").loc["VUT", "status"] == "Not signatory"


def test_a_request_without_a_recorded_decision(con):
    # Lao PDR's deadline was extended to 1 August 2025; its second request, of January 2024 (month only), is
    # known from the end of that month, and no decision is recorded.
    assert _deadline(con, "LAO", 4, "2024-01-30")["status"] == "on track"
    assert _deadline(con, "LAO", 4, "2024-01-31")["status"] == "extension requested"
    assert _deadline(con, "LAO", 4, "2025-08-01")["status"] == "extension requested"
    assert _deadline(con, "LAO", 4, "2025-08-02")["status"] == "deadline passed, extension requested"
    requests = queries.extension_requests_at(con, T("2025-01-01")).set_index(["iso3", "request_no"])
    assert requests.loc[("LAO", 2), "decision"] == "decision not recorded"
    assert requests.loc[("LAO", 1), "decision"] == "granted"


def test_a_lapsed_deadline_without_a_request(con):
    # Chad's extended deadline of 1 October 2024, and no further request.
    assert _deadline(con, "TCD", 4, "2024-10-01")["status"] == "due within 12 months"
    assert _deadline(con, "TCD", 4, "2024-10-02")["status"] == "overdue"


def test_a_completion_without_a_date(con):
    # Peru's stockpile is destroyed, the date not in the data: known complete by the date the facts are
    # current to (30 September 2025); before it, its deadline of 1 March 2021 is neither met nor missed.
    assert _deadline(con, "PER", 3, "2025-09-30")["status"] == "completed"
    assert _deadline(con, "PER", 3, "2025-09-29")["status"] == "unknown"
