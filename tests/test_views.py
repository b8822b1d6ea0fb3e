"""The public views against a pandas computation of the same figures (the oracle)."""
from datetime import date

import pandas as pd
import pytest

from ccm_analytics.domain.treaty import state_facts, state_status
from ccm_analytics.store import queries
from ccm_analytics.universalization.analysis import parties_by_year

# the fixture's turning points (tests/fixture_data/README.md): the signatures; IRL's 30th instrument; the day
# before and the day of entry into force; a quiet day; LTU's withdrawal; VUT's accession and entry into force
FIXED_DAYS = ["2008-12-03", "2009-12-01", "2010-05-31", "2010-06-01", "2015-06-30", "2025-03-05", "2025-03-06",
              "2026-09-10", "2027-02-28", "2027-03-01"]


def _facts(con):
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


def test_state_status_view_has_a_row_per_state_and_contract_columns(con):
    frame = queries.table(con, "state_status")
    assert list(frame.columns)[:11] == ["iso3", "state_name", "un_region", "un_subregion", "signature_date",
                                        "consent_date", "consent_type", "entry_into_force_date",
                                        "withdrawal_date", "status", "in_force"]
    assert len(frame) == 39  # the 39 States of tests/fixture_data/states.csv
    # every status occurs: IDN signed only, USA has no event, LTU withdrew (6 March 2025)
    assert set(frame["status"]) == {"State Party", "Signatory", "Not signatory", "Withdrawn"}
    assert frame.set_index("iso3").loc[["IDN", "USA", "LTU"], "status"].tolist() == [
        "Signatory", "Not signatory", "Withdrawn"]


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
    columns = ["states_parties", "in_force", "new_parties", "withdrawals"]
    assert by_year.loc[2008, columns].tolist() == [0, 0, 0, 0]  # signatures only (3 December 2008)
    # 2009: LAO, the 26 others (15 June), DEU, NOR and IRL (the 30th, 1 December): none in force before 1 June 2010
    assert by_year.loc[2009, columns].tolist() == [30, 0, 30, 0]
    assert by_year.loc[2010, columns].tolist() == [31, 31, 1, 0]  # GBR (4 May): in force 1 November 2010
    assert by_year.loc[2012, columns].tolist() == [34, 33, 1, 0]  # PER (26 September): in force 1 March 2013
    assert by_year.loc[2023, columns].tolist() == [36, 35, 1, 0]  # SSD (3 August): in force 1 February 2024
    assert by_year.loc[2025, columns].tolist() == [35, 35, 0, 1]  # LTU's withdrawal (6 March)
    assert by_year.loc[2026, columns].tolist() == [36, 35, 1, 0]  # VUT (10 September): in force 1 March 2027
    lithuania = queries.state_status_at(con, pd.Timestamp("2025-03-06")).set_index("iso3").loc["LTU"]
    assert lithuania["status"] == "Withdrawn"
    assert lithuania["entry_into_force_date"] == pd.Timestamp("2011-09-01")  # ratified 24 March 2011
    assert queries.state_status_at(con, pd.Timestamp("2025-03-05")).set_index("iso3").loc["LTU", "status"] == \
        "State Party"
    assert con.execute("SELECT thirtieth_deposit()").fetchone()[0] == date(2009, 12, 1)  # IRL's


def test_obligation_statuses(con):
    at = lambda day: queries.obligation_deadlines_at(con, pd.Timestamp(day)).set_index(["iso3", "article"])  # noqa: E731
    late_2025 = at("2025-09-30")
    # PER: in force 1 March 2013, Article 3 deadline 1 March 2021; destroyed, the date not in the data: completed
    # by the day the data are current to (30 September 2025)
    assert late_2025.loc[("PER", 3), "status"] == "completed"
    assert late_2025.loc[("PER", 3), "current_deadline"] == pd.Timestamp("2021-03-01")
    # BGR: in force 1 October 2011, deadline 1 October 2019, extended once (9MSP) to 1 April 2021
    assert late_2025.loc[("BGR", 3), "extensions_granted"] == 1
    assert late_2025.loc[("BGR", 3), "current_deadline"] == pd.Timestamp("2021-04-01")
    # LAO,4,1 granted 2025-08-01 (9MSP); LAO,4,2 (12MSP) has no recorded decision: on 30 September 2025 the
    # deadline has passed, on 31 July 2025 it had not.
    assert late_2025.loc[("LAO", 4), "status"] == "deadline passed, extension requested"
    assert at("2025-07-31").loc[("LAO", 4), "status"] == "extension requested"
    assert late_2025.loc[("SEN", 3), "status"] == "unknown"  # stockpiling not confirmed
    assert late_2025.loc[("SSD", 4), "status"] == "on track"  # deadline 1 February 2034
    assert ("ESP", 3) not in late_2025.index  # destroyed (March 2009) before entry into force
    assert ("NOR", 3) not in late_2025.index  # no stockpile
    assert ("GBR", 4) not in late_2025.index  # no remnants reported
    # TCD: extended to 1 October 2024 (10MSP), no further request, no completion in data current to
    # 30 September 2025: overdue; four months before the deadline, due within 12 months
    assert late_2025.loc[("TCD", 4), "status"] == "overdue"
    assert at("2024-06-01").loc[("TCD", 4), "status"] == "due within 12 months"
    # DEU's deadline (1 August 2030, 12MSP) passes after the data end (September 2025): unknown, not overdue
    assert at("2030-09-01").loc[("DEU", 4), "status"] == "unknown"
    assert at("2030-06-01").loc[("DEU", 4), "status"] == "due within 12 months"
    # Before its request was known (submitted March 2019) Bulgaria's deadline was the original one, within 12
    # months; then the request awaited the 9MSP (September 2019); after it, the granted deadline
    assert at("2018-12-31").loc[("BGR", 3), "current_deadline"] == pd.Timestamp("2019-10-01")
    assert at("2018-12-31").loc[("BGR", 3), "status"] == "due within 12 months"
    assert at("2019-06-30").loc[("BGR", 3), "current_deadline"] == pd.Timestamp("2019-10-01")
    assert at("2019-06-30").loc[("BGR", 3), "status"] == "extension requested"
    assert at("2019-10-31").loc[("BGR", 3), "current_deadline"] == pd.Timestamp("2021-04-01")
    # AUT: in force 1 June 2010, destroyed 8 November 2010
    assert at("2010-12-31").loc[("AUT", 3), "status"] == "completed"
    assert at("2010-08-02").loc[("AUT", 3), "status"] == "on track"


def test_isu_budget_view(con):
    frame = con.execute("SELECT year, sum(amount_chf) FROM isu_budget WHERE kind = 'budget' GROUP BY year "
                        "ORDER BY year").fetchall()
    # the five lines of each year in tests/fixture_data/isu_budget.csv, e.g. 2021: 340'000 + 68'000 + 15'000
    # + 30'000 + 20'000
    assert [(y, int(a)) for y, a in frame] == [(2021, 473000), (2022, 482000), (2023, 496000), (2024, 510000),
                                               (2025, 524000)]
    assert str(con.execute("SELECT typeof(amount_chf) FROM isu_budget LIMIT 1").fetchone()[0]) == "DECIMAL(14,2)"


def test_columns_named_like_dates_keep_their_declared_type(con):
    """A count named like a date (signatories_only) stays a count; source_date stays the source's text."""
    parties = queries.table(con, "parties_by_year")
    assert parties["signatories_only"].dtype.kind in "iu"
    # 35 signatures on 3 December 2008 (all but SSD, TCD, VUT and USA), none ratified by then
    assert parties.set_index("year").loc[2008, "signatories_only"] == 35
    assert parties.set_index("year").loc[2009, "signatories_only"] == 5  # 35 - 30 deposits (IDN, GBR, LTU, BGR, PER)
    reports = queries.table(con, "article7_reports")
    assert reports["source_date"].dropna().tolist() == ["2011-02-01"]  # LAO's initial report: text, not a date
    assert reports["submitted_date"].dtype.kind == "M"
