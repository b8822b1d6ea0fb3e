"""The public views against a pandas computation of the same figures (the oracle)."""
from datetime import date

import pandas as pd
import pytest

from ccm_analytics.domain.treaty import state_facts, state_status
from ccm_analytics.store import queries
from ccm_analytics.universalization.analysis import parties_by_year

FIXED_DAYS = ["2008-12-03", "2010-02-16", "2010-08-01", "2015-06-30", "2025-03-05", "2025-03-06",
              "2026-02-28", "2026-03-01"]


def _facts(con):
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


def test_state_status_view_has_197_rows_and_contract_columns(con):
    frame = queries.table(con, "state_status")
    assert list(frame.columns)[:11] == ["iso3", "state_name", "un_region", "un_subregion", "signature_date",
                                        "consent_date", "consent_type", "entry_into_force_date",
                                        "withdrawal_date", "status", "in_force"]
    assert len(frame) == 197
    assert set(frame["status"]) <= {"State Party", "Signatory", "Not signatory", "Withdrawn"}


@pytest.mark.parametrize("day", FIXED_DAYS)
def test_state_status_at_matches_pandas(con, day):
    sql = queries.state_status_at(con, pd.Timestamp(day)).set_index("iso3").sort_index()
    oracle = state_status(_facts(con), pd.Timestamp(day)).set_index("iso3").sort_index()
    for column in ("status", "in_force", "entry_into_force_date", "consent_date", "withdrawal_date"):
        pd.testing.assert_series_equal(sql[column], oracle[column], check_names=False, check_dtype=False)


def test_parties_by_year_matches_pandas(con):
    today = pd.Timestamp(con.execute("SELECT current_date").fetchone()[0])
    view = queries.table(con, "parties_by_year")
    oracle = parties_by_year(_facts(con), today)
    pd.testing.assert_frame_equal(view.astype("int64"), oracle.astype("int64"))


def test_known_figures(con):
    by_year = queries.table(con, "parties_by_year").set_index("year")
    assert by_year.loc[2008, "states_parties"] == 4  # Holy See, Ireland, Norway, Sierra Leone (3 Dec 2008)
    assert by_year.loc[2025, ["states_parties", "in_force", "withdrawals"]].tolist() == [112, 111, 1]
    lithuania = queries.state_status_at(con, pd.Timestamp("2025-03-06")).set_index("iso3").loc["LTU"]
    assert lithuania["status"] == "Withdrawn"
    assert lithuania["entry_into_force_date"] == pd.Timestamp("2011-09-01")
    assert con.execute("SELECT thirtieth_deposit()").fetchone()[0] == date(2010, 2, 16)


def test_obligation_statuses(con):
    at = lambda day: queries.obligation_deadlines_at(con, pd.Timestamp(day)).set_index(["iso3", "article"])  # noqa: E731
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
    assert at("2010-12-31").loc[("AUT", 3), "status"] == "completed"
    assert at("2010-08-02").loc[("AUT", 3), "status"] == "on track"


def test_isu_budget_view(con):
    frame = con.execute("SELECT year, sum(amount_chf) FROM isu_budget WHERE kind = 'budget' GROUP BY year "
                        "ORDER BY year").fetchall()
    assert [(y, int(a)) for y, a in frame] == [(2021, 469686), (2022, 486194), (2023, 495057), (2024, 477724),
                                               (2025, 497138)]
    assert str(con.execute("SELECT typeof(amount_chf) FROM isu_budget LIMIT 1").fetchone()[0]) == "DECIMAL(14,2)"


def test_columns_named_like_dates_keep_their_declared_type(con):
    """A count named like a date (signatories_only) stays a count; source_date stays the source's text."""
    parties = queries.table(con, "parties_by_year")
    assert parties["signatories_only"].dtype.kind in "iu"
    # 94 signatures by 31 December 2008 (treaty_events.csv), 4 of them ratified by then (IRL, NOR, SLE, VAT)
    assert parties.set_index("year").loc[2008, "signatories_only"] == 90
    reports = queries.table(con, "article7_reports")
    assert reports["source_date"].dropna().map(type).eq(str).all()
    assert reports["submitted_date"].dtype.kind == "M"
