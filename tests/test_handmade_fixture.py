"""The treaty's edge cases on the shared hand-made database (tests/handmade_db.py: real schema and macros).

Thirty filler States deposit on 1 December 2009: the 30th instrument, so the Convention enters into force
on 1 June 2010 (the first day of the sixth month after the month of that deposit, Article 17(1)).
"""
import pandas as pd
import pytest
from handmade_db import handmade_with_events, rows

from ccm_analytics.store import queries

T = pd.Timestamp
DEPOSITS = {
    "EAR": "2009-11-15",  # before the 30th instrument: in force with it, 1 June 2010
    "LTR": "2010-01-20",  # after it: the first day of the sixth month after January, 1 July 2010
    "WDN": "2009-11-15",  # withdraws, effective 6 March 2025 (Article 20)
    "NEW": "2026-09-10",  # in force 1 March 2027
    "PND": "2009-11-15",  # Article 4, deadline 1 June 2020, a request without a recorded decision
    "CWD": "2009-11-15",  # Article 3, stockpile destroyed, the date not in the data
}


@pytest.fixture(scope="module")
def con():
    extra = {
        "article4_clearance": rows("article4_clearance", {"iso3": "PND", "obligation": "yes",
                                                          "clearance_status": "clearance ongoing", "source": "t"}),
        "extension_requests": rows("extension_requests", {
            "iso3": "PND", "article": 4, "request_no": 1, "submitted_date": "2024-03-01",
            "submitted_date_precision": "month", "meeting": "12MSP", "meeting_date": "2024-09-01",
            "meeting_date_precision": "month", "requested_deadline": "2025-06-01",
            "requested_deadline_precision": "day", "source": "t"}),
        "article3_stockpiles": rows("article3_stockpiles", {"iso3": "CWD", "stockpile_status": "destroyed",
                                                            "source": "t"}),
    }
    connection = handmade_with_events(DEPOSITS, withdrawals={"WDN": "2025-03-06"}, extra=extra,
                                      signatures={"EAR": "2008-12-03"})
    yield connection
    connection.close()


def _status(con, day):
    return queries.state_status_at(con, T(day)).set_index("iso3")


def test_entry_into_force_around_the_thirtieth_instrument(con):
    status = _status(con, "2011-01-01")
    assert status.loc["EAR", "entry_into_force_date"] == T("2010-06-01")
    assert status.loc["LTR", "entry_into_force_date"] == T("2010-07-01")
    assert not _status(con, "2010-05-31").loc["EAR", "in_force"]
    assert _status(con, "2010-06-01").loc["EAR", "in_force"]


def test_a_withdrawal_counts_from_the_day_it_takes_effect(con):
    assert _status(con, "2025-03-05").loc["WDN", "status"] == "State Party"
    assert _status(con, "2025-03-06").loc["WDN", "status"] == "Withdrawn"


def test_a_state_party_not_yet_in_force(con):
    new = _status(con, "2026-12-01").loc["NEW"]
    assert new["status"] == "State Party" and not new["in_force"]
    assert new["entry_into_force_date"] == T("2027-03-01")  # deposit in September 2026 + 6 months


def _deadline(con, iso3, article, day):
    rows_ = queries.obligation_deadlines_at(con, T(day))
    return rows_[(rows_["iso3"] == iso3) & (rows_["article"] == article)].iloc[0]


def test_a_request_without_a_recorded_decision(con):
    # Known from the end of its submission month (31 March 2024); the deadline of 1 June 2020 had passed.
    # Before the request is known: the deadline passed and the data, current to a later day, record no
    # completion: overdue.
    assert _deadline(con, "PND", 4, "2024-03-30")["status"] == "overdue"
    assert _deadline(con, "PND", 4, "2024-03-31")["status"] == "deadline passed, extension requested"
    requests = queries.extension_requests_at(con, T("2025-01-01"))
    assert requests.set_index("iso3").loc["PND", "decision"] == "decision not recorded"


def test_a_completion_without_a_date(con):
    # Destroyed, date not in the data: known complete by the date the facts are current to (30 September 2025).
    assert _deadline(con, "CWD", 3, "2025-10-01")["status"] == "completed"
    assert _deadline(con, "CWD", 3, "2025-09-29")["status"] != "completed"
