"""`obligation_deadlines_at` (SQL) against `deadlines.obligation_deadlines` (pandas), the status rule's oracle.

The rule (issues 4 and 13): `status` is the first that applies of completed; deadline passed, extension
requested (a request whose decision is not recorded, the current deadline passed); extension requested
(such a request, the deadline not passed); overdue (current deadline passed, and the data, current to a later
date, record no completion); due within 12 months; on track; unknown (anything the data cannot settle).
"""
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import FIXTURE_DATA
from oracles import obligation_deadlines

from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.store import queries
from ccm_analytics.store.db import create_schema

COLUMNS = ["iso3", "article", "original_deadline", "current_deadline", "extensions_granted", "completion_date",
           "status"]
# Every 1 January and 1 July 2009-2027, plus the fixture's edge days (tests/fixture_data/README.md): the first
# entry into force (1 June 2010) and the obligations' original deadlines on it (Article 3 1 June 2018, Article 4
# 1 June 2020) and the day after; the end of the months of decisions (9MSP September 2019, 10MSP September 2022,
# 12MSP September 2024) and of submissions (TCD,4,1 May 2022, LAO,4,2 and DEU,4,2 January 2024); PER's deadline
# (1 March 2021); BGR's extended deadline (1 April 2021) and completion (15 March 2021); TCD's original and
# extended deadlines (1 September 2023, 1 October 2024); Lithuania's withdrawal; LAO's extended deadline
# (1 August 2025); the last day the data are current to and the day after; Vanuatu's entry into force.
DAYS = [pd.Timestamp(y, m, 1) for y in range(2009, 2028) for m in (1, 7)] + [pd.Timestamp(d) for d in (
    "2010-05-31", "2010-06-01", "2018-06-01", "2018-06-02", "2019-09-30", "2019-10-01", "2020-06-01", "2020-06-02",
    "2021-03-01", "2021-03-02", "2021-03-15", "2021-04-01", "2021-04-02", "2022-05-30", "2022-05-31",
    "2022-09-30", "2022-10-01", "2023-09-01", "2023-09-02", "2024-01-31", "2024-09-30", "2024-10-01",
    "2024-10-02", "2025-03-06", "2025-08-01", "2025-08-02", "2025-09-30", "2025-10-01", "2026-11-28",
    "2027-03-01")]


def _current_to(con) -> dict[int, pd.Timestamp]:
    sources = queries.table(con, "data_sources").set_index("file")
    out = {}
    for article, file in ((3, "article3_stockpiles.csv"), (4, "article4_clearance.csv")):
        row = sources.loc[file]
        out[article] = pd.Timestamp(period_end(row["current_to"], row["current_to_precision"])) \
            if pd.notna(row["current_to"]) else pd.NaT
    return out


def _pandas(con, day, frames=None) -> pd.DataFrame:
    names = ("states", "treaty_events", "article3_stockpiles", "article4_clearance", "extension_requests")
    frames = frames or [queries.table(con, n) for n in names]
    return obligation_deadlines(*frames, day, _current_to(con))


def _compare(con, days, statuses: set | None = None) -> list[str]:
    problems = []
    names = ("states", "treaty_events", "article3_stockpiles", "article4_clearance", "extension_requests")
    frames = [queries.table(con, n) for n in names]
    for day in days:
        sql = queries.obligation_deadlines_at(con, day)[COLUMNS].reset_index(drop=True)
        oracle = _pandas(con, day, frames)[COLUMNS].reset_index(drop=True)
        if statuses is not None:
            statuses.update(oracle["status"])
        keys = lambda f: list(zip(f["iso3"], f["article"]))  # noqa: E731
        if keys(sql) != keys(oracle):
            problems.append(f"{day.date()}: rows differ: {sorted(set(keys(sql)) ^ set(keys(oracle)))}")
            continue
        for column in COLUMNS[2:]:
            a, b = sql[column], oracle[column]
            if column != "extensions_granted" and column != "status":
                a, b = pd.to_datetime(a), pd.to_datetime(b)
            differ = ~((a == b) | (a.isna() & b.isna()))
            problems += [f"{day.date()} {sql.at[i, 'iso3']} {sql.at[i, 'article']} {column}: sql {a[i]} pandas {b[i]}"
                         for i in differ[differ].index]
    return problems


def test_sql_macro_matches_pandas_on_the_fixture(con):
    statuses = set()
    assert _compare(con, DAYS, statuses) == []
    # The comparison covers rows of every kind (e.g. AUT due within 12 months on 1 July 2017, TCD extension
    # requested on 1 July 2022 and overdue from 2 October 2024, LAO deadline passed from 2 August 2025).
    assert {"completed", "deadline passed, extension requested", "extension requested", "overdue",
            "due within 12 months", "on track", "unknown"} <= statuses


def _fixture_copy(tmp_path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    return data


def test_completion_dated_to_the_month_of_the_date_is_unknown_not_overdue(tmp_path):
    """Croatia made to complete in "June 2020" (the fixture says 10 July 2019): its Article 4 deadline is
    1 June 2020 (entry into force 1 June 2010 + 10 years). On 15 June the deadline has passed but the completion
    may be before or after that day: unknown (the SQL said overdue before the fix); from 30 June, completed."""
    data = _fixture_copy(tmp_path)
    clearance = pd.read_csv(data / "article4_clearance.csv", dtype=str, keep_default_na=False)
    clearance.loc[clearance["iso3"] == "HRV", ["completion_date", "completion_date_precision"]] = ["2020-06-01", "month"]
    clearance.to_csv(data / "article4_clearance.csv", index=False)
    con = duckdb.connect()
    create_schema(con, data)
    try:
        at = lambda day: queries.obligation_deadlines_at(con, pd.Timestamp(day)).set_index(["iso3", "article"])  # noqa
        for day in ("2020-06-02", "2020-06-15"):
            assert at(day).loc[("HRV", 4), "status"] == "unknown"
        assert at("2020-06-30").loc[("HRV", 4), "status"] == "completed"
        assert at("2020-06-01").loc[("HRV", 4), "status"] == "due within 12 months"  # the deadline day itself
        assert _compare(con, [pd.Timestamp(d) for d in ("2020-06-01", "2020-06-02", "2020-06-15", "2020-06-30")]) == []
    finally:
        con.close()


# Made-up rows: every 1 January and the edge days from 2020 are enough, with the made-up rows' own.
EDGE_DAYS = [d for d in DAYS if d.month == 1 and d.day == 1 or d.year >= 2020] + [pd.Timestamp(d) for d in (
    "2022-02-28", "2022-03-01", "2023-02-28", "2023-03-01", "2023-03-02")]


def _synthetic(tmp_path, blank_current_to: bool = False) -> duckdb.DuckDBPyConnection:
    """The fixture's data plus two made-up obligations, in an in-memory database:
    Senegal, Article 4, confirmed, never completed (EIF 1 June 2010, deadline 1 June 2020);
    Peru, Article 4, unconfirmed, with a request submitted 1 March 2022 and no decision recorded
    (EIF 1 March 2013, so its original deadline is 1 March 2023)."""
    data = _fixture_copy(tmp_path)
    with open(data / "article4_clearance.csv", "a", encoding="utf-8") as f:
        f.write("SEN,yes,clearance ongoing,,,,,,,,test,\nPER,unconfirmed,unknown,,,,,,,,test,\n")
    with open(data / "extension_requests.csv", "a", encoding="utf-8") as f:
        f.write("PER,4,1,2022-03-01,day,,,,,2028-03-01,day,,,,,,test,\n")  # request_type and its basis and source empty
    if blank_current_to:
        prov = pd.read_csv(data / "provenance.csv", dtype=str, keep_default_na=False)
        prov.loc[prov["file"] == "article4_clearance.csv", ["current_to", "current_to_precision"]] = ""
        prov.to_csv(data / "provenance.csv", index=False)
    con = duckdb.connect()
    create_schema(con, data)
    return con


def test_edge_cases_on_made_up_rows(tmp_path):
    con = _synthetic(tmp_path)
    try:
        assert _compare(con, EDGE_DAYS) == []
        at = lambda day: queries.obligation_deadlines_at(con, pd.Timestamp(day)).set_index(["iso3", "article"])  # noqa
        assert at("2020-06-01").loc[("SEN", 4), "status"] == "due within 12 months"  # deadline day
        assert at("2020-06-02").loc[("SEN", 4), "status"] == "overdue"  # passed, data current to Sep 2025
        assert at("2025-09-30").loc[("SEN", 4), "status"] == "overdue"
        assert at("2022-02-28").loc[("PER", 4), "status"] == "unknown"  # obligation not confirmed
        # The request is a fact even where the obligation is not confirmed (SQL said unknown before the fix).
        assert at("2022-03-01").loc[("PER", 4), "status"] == "extension requested"
    finally:
        con.close()


def test_pending_request_before_and_after_its_deadline_in_both_engines(tmp_path):
    """Peru's made-up request (submitted 1 March 2022, no decision), deadline 1 March 2023: on the deadline
    day the deadline has not passed; from the next day it has, and the request still awaits a decision."""
    con = _synthetic(tmp_path)
    try:
        for day, expected in (("2023-02-28", "extension requested"), ("2023-03-01", "extension requested"),
                              ("2023-03-02", "deadline passed, extension requested"),
                              ("2027-01-01", "deadline passed, extension requested")):
            sql = queries.obligation_deadlines_at(con, pd.Timestamp(day)).set_index(["iso3", "article"])
            oracle = _pandas(con, pd.Timestamp(day)).set_index(["iso3", "article"])
            for engine in (sql, oracle):
                row = engine.loc[("PER", 4)]
                assert pd.Timestamp(row["current_deadline"]) == pd.Timestamp("2023-03-01")
                assert (row["pending_requests"], row["status"]) == (1, expected), (day, row["status"])
    finally:
        con.close()


def test_no_current_to_date_means_never_overdue(tmp_path):
    con = _synthetic(tmp_path, blank_current_to=True)
    try:
        assert _compare(con, EDGE_DAYS) == []
        status = queries.obligation_deadlines_at(con, pd.Timestamp("2023-01-01")).set_index(["iso3", "article"])
        assert status.loc[("SEN", 4), "status"] == "unknown"  # the SQL said overdue before the fix
        # Chad's extended deadline (1 October 2024) passed with no further request: overdue on the fixture, but
        # with no date the data are current to, unknown
        status = queries.obligation_deadlines_at(con, pd.Timestamp("2025-01-01")).set_index(["iso3", "article"])
        assert status.loc[("TCD", 4), "status"] == "unknown"
    finally:
        con.close()


@pytest.mark.parametrize("kwargs, expected", [
    # completion recorded on the date itself counts
    (dict(completed_on=pd.Timestamp("2020-05-01")), "completed"),
    # a pending request beats a passed deadline: never "overdue" while the decision is not recorded
    (dict(pending_requests=1, deadline_from=pd.Timestamp("2019-01-01"), deadline_end=pd.Timestamp("2019-01-01"),
          current_to=pd.Timestamp("2025-09-30")), "deadline passed, extension requested"),
    # ... the deadline not yet passed (the deadline day itself, a later day): extension requested
    (dict(pending_requests=1, deadline_from=pd.Timestamp("2020-05-01"), deadline_end=pd.Timestamp("2020-05-01"),
          current_to=pd.Timestamp("2025-09-30")), "extension requested"),
    (dict(pending_requests=2, deadline_from=pd.Timestamp("2021-05-01"), deadline_end=pd.Timestamp("2021-05-01")),
     "extension requested"),
    # a deadline known only to its month: passed only once the month has ended (April 2020 < 1 May 2020)
    (dict(pending_requests=1, deadline_from=pd.Timestamp("2020-05-01"), deadline_end=pd.Timestamp("2020-05-31")),
     "extension requested"),
    (dict(pending_requests=1, deadline_from=pd.Timestamp("2020-04-01"), deadline_end=pd.Timestamp("2020-04-30")),
     "deadline passed, extension requested"),
    # no deadline known (the obligation not confirmed): a request is still a request
    (dict(pending_requests=1, confirmed=False), "extension requested"),
    (dict(deadline_from=pd.Timestamp("2019-01-01"), deadline_end=pd.Timestamp("2019-01-01"),
          current_to=pd.Timestamp("2025-09-30")), "overdue"),
    # the deadline passed after the data end (current to 1 January 2020 < 1 March 2020): unknown
    (dict(deadline_from=pd.Timestamp("2020-03-01"), deadline_end=pd.Timestamp("2020-03-01"),
          current_to=pd.Timestamp("2020-01-01")), "unknown"),
    # 1 May 2021 is 12 months after 1 May 2020: due within 12 months; a day later: on track
    (dict(deadline_from=pd.Timestamp("2021-05-01"), deadline_end=pd.Timestamp("2021-05-01")), "due within 12 months"),
    (dict(deadline_from=pd.Timestamp("2021-05-02"), deadline_end=pd.Timestamp("2021-05-02")), "on track"),
    (dict(confirmed=False, deadline_from=pd.Timestamp("2030-01-01"), deadline_end=pd.Timestamp("2030-01-01")),
     "unknown"),
])
def test_obligation_status_hand_worked(kwargs, expected):
    from oracles import obligation_status
    assert obligation_status(pd.Timestamp("2020-05-01"), **kwargs) == expected
