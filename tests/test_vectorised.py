"""The whole-column versions of the treaty and report rules give the hand-worked answers, and agree
with the row-by-row rules they replaced where those remain (`status_on`, `_initial_status`)."""
import pandas as pd
from test_treaty import _facts  # the same hand-made States and events

from ccm_analytics.article7.reports import _latest_possible
from ccm_analytics.domain.treaty import (
    entries_into_force,
    entry_into_force,
    state_status,
    status_on,
)
from ccm_analytics.overview import figures as overview_figures
from ccm_analytics.store import queries
from ccm_analytics.universalization.analysis import parties_by_year

T = pd.Timestamp


def test_entries_into_force_column():
    thirtieth = T("2010-02-16")
    deposits = pd.Series(pd.to_datetime(["2009-01-05", "2010-02-16", "2011-03-24", "2025-09-05", None]))
    # up to the 30th: 1 August 2010; 24 March 2011 -> September 2011; 5 September 2025 -> 1 March 2026
    expected = pd.to_datetime(["2010-08-01", "2010-08-01", "2011-09-01", "2026-03-01", None])
    assert list(entries_into_force(deposits, thirtieth)) == list(expected)
    assert [entry_into_force(d, thirtieth) for d in deposits][:4] == list(expected)[:4]
    assert entries_into_force(deposits, pd.NaT).isna().all()


def test_parties_by_year_by_hand():
    by_year = parties_by_year(_facts(), T("2025-12-31")).set_index("year")
    assert list(by_year.index) == list(range(2008, 2026))
    # 2008: BBB and LTU signed on 3 December, nobody deposited
    assert by_year.loc[2008].to_dict() == {"states_parties": 0, "in_force": 0, "signatories_only": 2,
                                           "new_parties": 0, "withdrawals": 0}
    # 2009: AAA deposited (not in force: the 30th instrument came on 16 February 2010); SSS signed
    assert by_year.loc[2009].to_dict() == {"states_parties": 1, "in_force": 0, "signatories_only": 3,
                                           "new_parties": 1, "withdrawals": 0}
    # 2010: BBB's was the 30th; both in force on 1 August 2010
    assert by_year.loc[2010].to_dict() == {"states_parties": 2, "in_force": 2, "signatories_only": 2,
                                           "new_parties": 1, "withdrawals": 0}
    # 2025: LTU withdrew (6 March), VUT acceded (5 September, in force only on 1 March 2026)
    assert by_year.loc[2025].to_dict() == {"states_parties": 3, "in_force": 2, "signatories_only": 1,
                                           "new_parties": 1, "withdrawals": 1}


def test_state_status_matches_status_on_row_by_row():
    facts = _facts()
    for day in ("2008-12-02", "2008-12-03", "2010-02-16", "2025-03-05", "2025-03-06", "2025-09-05"):
        status = state_status(facts, T(day))
        expected = [status_on(T(day), s, d, w) for s, d, w in
                    zip(status["signature_date"], status["consent_date"], status["withdrawal_date"])]
        assert list(status["status"]) == expected, day


def test_latest_possible_day_of_partial_dates():
    dates = pd.Series(pd.to_datetime(["2023-06-01", "2017-01-01", "2020-02-01", "2011-01-26", None]))
    precisions = pd.Series(["month", "year", "month", "day", None])
    expected = pd.to_datetime(["2023-06-30", "2017-12-31", "2020-02-29", "2011-01-26", None])  # 2020 is a leap year
    assert list(_latest_possible(dates, precisions)) == list(expected)


def test_computed_parties_by_year_matches_the_view(con):
    today = pd.Timestamp.today().normalize()
    view = queries.table(con, "parties_by_year")
    pandas = overview_figures.parties_by_year_at(con, today)
    assert view.astype("int64").equals(pandas.astype("int64"))


def test_computed_overview_figures(con):
    figures = overview_figures.overview_figures(con, T("2025-03-06"))
    # the fixture's 36 States Parties less LTU, whose withdrawal took effect that day
    assert figures.counts["states_parties"] == 35
    assert overview_figures.overview_figures(con, T("2025-03-05")).counts["states_parties"] == 36
    assert figures.budget_year == 2025
    assert queries.current_to(con, "contribution_records") is pd.NaT  # no data file
