"""The Convention's arithmetic, on cases worked out by hand from Articles 3, 4, 7 and 17."""
import pandas as pd
import pytest

from ccm_analytics.domain import treaty
from ccm_analytics.domain.treaty import (
    annual_report_due,
    entry_into_force,
    initial_report_due,
    original_deadline,
    state_facts,
    state_status,
    status_on,
    thirtieth_deposit_date,
)

T = pd.Timestamp
THIRTIETH = T("2010-02-16")


@pytest.mark.parametrize("deposit, expected", [
    ("2008-12-03", "2010-08-01"),  # among the first 30: general entry into force
    ("2010-02-16", "2010-08-01"),  # the 30th instrument itself
    ("2010-02-28", "2010-08-01"),  # February + 6 months
    ("2010-03-01", "2010-09-01"),  # first of a month: still the sixth month after March
    ("2025-09-05", "2026-03-01"),  # Vanuatu
    ("2011-03-24", "2011-09-01"),  # Lithuania
    ("2012-07-31", "2013-01-01"),  # across a year end
])
def test_entry_into_force(deposit, expected):
    assert entry_into_force(T(deposit), THIRTIETH) == T(expected)


def test_entry_into_force_unknown_without_deposit():
    assert pd.isna(entry_into_force(pd.NaT, THIRTIETH))


def test_thirtieth_deposit_is_the_30th_in_date_order():
    dates = pd.Series([T("2009-01-01")] * 29 + [T("2010-02-16"), T("2010-03-01")])
    assert thirtieth_deposit_date(dates.sample(frac=1, random_state=1)) == T("2010-02-16")
    assert pd.isna(thirtieth_deposit_date(dates.iloc[:29]))


def test_deadlines():
    assert original_deadline(T("2010-08-01"), 3) == T("2018-08-01")
    assert original_deadline(T("2010-08-01"), 4) == T("2020-08-01")
    assert original_deadline(T("2016-02-29"), 3) == T("2024-02-29")  # leap day to leap day
    assert original_deadline(T("2012-02-29"), 3) == T("2020-02-29")
    assert original_deadline(T("2016-02-29"), 4) == T("2026-02-28")  # no 29 February in 2026


def test_report_due_dates():
    assert initial_report_due(T("2010-08-01")) == T("2011-01-28")  # 31+30+31+30+31+27 days
    assert initial_report_due(T("2011-03-01")) == T("2011-08-28")  # 30+31+30+31+31+27
    assert annual_report_due(2024) == T("2025-04-30")


def test_status_on_a_date():
    signed, deposited, withdrew = T("2008-12-03"), T("2011-03-24"), T("2025-03-06")
    assert status_on(T("2008-12-02"), signed, deposited, withdrew) == "Not signatory"
    assert status_on(T("2008-12-03"), signed, deposited, withdrew) == "Signatory"
    assert status_on(T("2011-03-24"), signed, deposited, withdrew) == "State Party"
    assert status_on(T("2025-03-05"), signed, deposited, withdrew) == "State Party"
    assert status_on(T("2025-03-06"), signed, deposited, withdrew) == "Withdrawn"  # effective day
    assert status_on(T("2020-01-01"), pd.NaT, pd.NaT, pd.NaT) == "Not signatory"


def _facts():
    states = pd.DataFrame({"iso3": ["AAA", "BBB", "LTU", "VUT", "SSS"], "state_name": list("ABLVS"),
                           "un_region": "R", "un_subregion": "S"})
    first = [("AAA", "ratification", "2009-01-05")] + [(f"X{i:02d}", "ratification", "2009-06-01") for i in range(28)]
    events = pd.DataFrame(first + [
        ("BBB", "signature", "2008-12-03"), ("BBB", "ratification", "2010-02-16"),  # the 30th
        ("LTU", "signature", "2008-12-03"), ("LTU", "ratification", "2011-03-24"), ("LTU", "withdrawal", "2025-03-06"),
        ("VUT", "accession", "2025-09-05"),
        ("SSS", "signature", "2009-01-01"),
    ], columns=["iso3", "event_type", "event_date"])
    return state_facts(states, events)


def test_state_status_frame():
    facts = _facts()
    assert facts.attrs["thirtieth_deposit"] == T("2010-02-16")
    before = state_status(facts, T("2025-03-05")).set_index("iso3")
    after = state_status(facts, T("2025-03-06")).set_index("iso3")
    assert before.loc["LTU", "status"] == "State Party" and bool(before.loc["LTU", "in_force"])
    assert after.loc["LTU", "status"] == "Withdrawn" and not after.loc["LTU", "in_force"]
    assert after.loc["LTU", "entry_into_force_date"] == T("2011-09-01")  # keeps its date
    vut = state_status(facts, T("2026-02-28")).set_index("iso3").loc["VUT"]
    assert vut["status"] == "State Party" and not vut["in_force"]
    assert bool(state_status(facts, T("2026-03-01")).set_index("iso3").loc["VUT", "in_force"])
    assert state_status(facts, T("2026-03-01")).set_index("iso3").loc["SSS", "status"] == "Signatory"


def test_signatory_that_later_ratified():
    facts = _facts()
    assert state_status(facts, T("2009-12-31")).set_index("iso3").loc["BBB", "status"] == "Signatory"
    row = state_status(facts, T("2010-02-16")).set_index("iso3").loc["BBB"]
    assert row["status"] == "State Party" and not row["in_force"]
    assert row["entry_into_force_date"] == T("2010-08-01")


def test_entry_into_force_unknown_before_the_30th_deposit():
    row = state_status(_facts(), T("2009-12-31")).set_index("iso3").loc["AAA"]
    assert row["status"] == "State Party" and pd.isna(row["entry_into_force_date"]) and not row["in_force"]


def test_limits():
    assert treaty.EXTENSION_LIMIT_YEARS == {3: 4, 4: 5}
