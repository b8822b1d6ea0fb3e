"""Complete published lists of overdue initial reports are evidence: hand-made States, both engines.

A list names every State Party whose initial report was overdue on its date (or on some day of its
window). A State whose report fell due before the list's first possible day and that the list does
not name had submitted by the list's last possible day: "submitted (date not in data)".
"""
import oracles
import pandas as pd
import pytest
from handmade_db import FILLERS, handmade_database

from ccm_analytics.article7 import reports
from ccm_analytics.store import queries

T = pd.Timestamp
# Deposit 5 January 2010: in force 1 July 2010, initial report due 28 December 2010 (180 days).
# Deposit 15 October 2014: in force 1 April 2015, due 28 September 2015.
# Deposit 10 January 2018: in force 1 July 2018, due 28 December 2018 (2020: 1 July 2020, 28 December 2020).
DEPOSITS = {"OVD": "2010-01-05", "NAM": "2010-01-05", "DAT": "2010-01-05", "REC": "2010-01-05",
            "LTE": "2014-10-15", "WIN": "2014-10-15", "CAP": "2020-01-10", "BND": "2018-01-10"}
COLUMNS = ["iso3", "report_type", "record", "submitted_date", "submitted_date_precision", "record_date",
           "record_date_precision", "list_id", "listed_to", "source"]


def _listed(iso3, list_id, first, last):
    return (iso3, "initial", "outstanding", None, None, first, "day", list_id, last, f"list {list_id}")


RECORDS = pd.DataFrame([
    _listed("OVD", "L15", "2015-06-18", "2015-06-18"),  # a list of one known day
    _listed("DAT", "L15", "2015-06-18", "2015-06-18"),
    ("DAT", "initial", "submitted", "2016-03-01", "day", None, None, None, None, "profile DAT"),
    _listed("WIN", "W", "2018-07-01", "2019-06-11"),  # a list known only to lie in a window
    _listed("CAP", "W2", "2021-09-21", "2021-12-31"),  # a window that ends before the next 30 April
    ("REC", "initial", "submitted", None, None, "2013-05-01", "month", None, None, "profile of May 2013"),
], columns=COLUMNS)
for column in ("submitted_date", "record_date", "listed_to"):
    RECORDS[column] = pd.to_datetime(RECORDS[column])


@pytest.fixture(scope="module")
def con():
    connection = handmade_database(DEPOSITS, RECORDS)
    yield connection
    connection.close()


def _both(con, day):
    """(SQL, pandas) initial-report rows of the hand-made States on `day`, indexed by State."""
    day = T(day)
    sql = queries.article7_status_at(con, day)
    sql = sql[(sql["report_type"] == "initial") & ~sql["iso3"].isin(FILLERS)].set_index("iso3")
    status = queries.state_status_at(con, day)
    pandas = oracles.initial_report_status(status, queries.table(con, "article7_reports"), day, T("2025-09-30"))
    return sql, pandas[~pandas["iso3"].isin(FILLERS)].set_index("iso3")


CASES = [
    # (day, State, status, submitted by)
    ("2015-06-17", "NAM", "unknown", None),  # due 28 January 2011, no record; the list is not out yet
    ("2015-06-18", "NAM", reports.SUBMITTED_UNDATED, "2015-06-18"),  # due before L15, not named on it
    ("2015-06-18", "OVD", "overdue", None),  # named on L15
    ("2016-04-30", "OVD", "overdue", None),  # a listing speaks until the next 30 April ...
    ("2016-05-01", "OVD", "unknown", None),  # ... and no longer
    ("2019-06-10", "OVD", "unknown", None),
    ("2019-06-11", "OVD", reports.SUBMITTED_UNDATED, "2019-06-11"),  # named on L15, not on the later W
    ("2015-06-18", "LTE", "not yet due", None),  # due 28 September 2015
    ("2016-01-01", "LTE", "unknown", None),  # due after L15: L15 says nothing of it
    ("2019-06-10", "LTE", "unknown", None),  # W not certainly out yet
    ("2019-06-11", "LTE", reports.SUBMITTED_UNDATED, "2019-06-11"),  # the last day of W's window
    ("2018-06-30", "WIN", "unknown", None),  # before W's window
    ("2018-07-01", "WIN", "overdue", None),  # named on W, from the window's first day
    ("2019-04-30", "WIN", "overdue", None),  # until the next 30 April (inside the window)
    ("2019-05-01", "WIN", "unknown", None),
    ("2021-12-31", "CAP", "overdue", None),  # named on W2
    ("2022-01-01", "CAP", "unknown", None),  # never past the window's end, though 30 April 2022 is later
    ("2020-01-01", "BND", "unknown", None),  # due 28 December 2018, inside W's window: W says nothing of it
    ("2015-06-18", "DAT", "overdue", None),  # named on L15, submission of 1 March 2016 not yet made
    ("2016-03-01", "DAT", "submitted late", "2016-03-01"),  # a dated submission outweighs W's silence later
    ("2020-01-01", "DAT", "submitted late", "2016-03-01"),
    ("2013-05-30", "REC", "unknown", None),  # an undated submission recorded in May 2013 ...
    ("2013-05-31", "REC", reports.SUBMITTED_UNDATED, "2013-05-31"),  # ... was in by the end of that month
]


@pytest.mark.parametrize("day, iso3, status, submitted_by", CASES)
def test_complete_lists_in_both_engines(con, day, iso3, status, submitted_by):
    sql, pandas = _both(con, day)
    assert sql.loc[iso3, "status"] == status, "SQL"
    assert pandas.loc[iso3, "status"] == status, "pandas"
    expected = T(submitted_by) if submitted_by else None
    for engine, frame in (("SQL", sql), ("pandas", pandas)):
        got = frame.loc[iso3, "submitted_by"]
        assert (pd.isna(got) if expected is None else T(got) == expected), engine


def test_the_list_is_the_source_of_an_implied_submission(con):
    _, pandas = _both(con, "2015-06-18")
    assert pandas.loc["NAM", "source"] == "list L15"
    _, later = _both(con, "2019-06-11")
    assert later.loc["LTE", "source"] == "list W"


@pytest.mark.parametrize("day", ["2011-01-28", "2015-06-18", "2018-07-01", "2019-06-11", "2021-12-31", "2025-09-30"])
def test_the_two_engines_agree_on_every_state(con, day):
    sql, pandas = _both(con, day)
    assert sql["status"].to_dict() == pandas["status"].to_dict()
