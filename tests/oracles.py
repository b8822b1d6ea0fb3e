"""Pandas twins of rules whose production engine is SQL (`ccm_analytics/store/macros.py`): written
independently, they exist only to check the macros (tests/test_obligation_oracle.py, test_extension_tracker.py).
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.article7 import status as article7_status
from ccm_analytics.article7.reports import SUBMITTED, SUBMITTED_UNDATED, prepare_records
from ccm_analytics.deadlines.extensions import NOT_RECORDED, NOT_YET_DECIDED
from ccm_analytics.deadlines.obligations import DEADLINE_PASSED_REQUESTED
from ccm_analytics.domain.treaty import (
    annual_report_due,
    initial_report_due,
    original_deadline,
    state_facts,
)
from ccm_analytics.store import queries

OBLIGATION_COLUMNS = ["iso3", "article", "original_deadline", "current_deadline", "extensions_granted",
                      "completion_date", "status", "state_name", "entry_into_force_date",
                      "current_deadline_precision", "completion_date_precision", "pending_requests",
                      "completed_by"]


def _ts(value: object) -> pd.Timestamp:
    return pd.NaT if value is None or pd.isna(value) else pd.Timestamp(value)


def _period_end(value: object, precision: object) -> pd.Timestamp:
    """The last day a partial date (first day + precision) may stand for; NaT if missing."""
    value = _ts(value)
    if pd.isna(value):
        return pd.NaT
    if precision == "year":
        return pd.Timestamp(year=value.year, month=12, day=31)
    if precision == "month":
        return (value + pd.offsets.MonthEnd(0)).normalize()
    return value


def _original(eif: object, article: int) -> pd.Timestamp:
    return original_deadline(_ts(eif), int(article))


def obligation_status(as_of: pd.Timestamp, *, completed_on: pd.Timestamp = pd.NaT,
                      completed_from: pd.Timestamp = pd.NaT, completed_by: pd.Timestamp = pd.NaT,
                      confirmed: bool = True, pending_requests: int = 0,
                      deadline_from: pd.Timestamp = pd.NaT, deadline_end: pd.Timestamp = pd.NaT,
                      current_to: pd.Timestamp = pd.NaT) -> str:
    """The status of one Article 3 or 4 obligation on `as_of`: the first that applies of

    - completed: completion recorded on or before the date (`completed_on`, the last day the recorded
      completion date may stand for, or `completed_by`, a day by which it is known to be complete);
    - deadline passed, extension requested: a request known on the date whose decision is not recorded (or
      not yet taken), and the current deadline (last day `deadline_end`) passed before the date;
    - extension requested: such a request, the deadline not passed (or not known);
    - overdue: the current deadline (last day `deadline_end`) passed, and the data, current to a later
      date (`current_to`), record no completion on or before the date;
    - due within 12 months: the deadline (first day `deadline_from`) falls within 12 months;
    - on track;
    - unknown: anything the data cannot settle (the obligation itself not confirmed, no deadline, a
      deadline that passed after the data end, a completion dated only to a period that includes the date).
    """
    as_of = pd.Timestamp(as_of)
    if (pd.notna(completed_on) and completed_on <= as_of) or (pd.notna(completed_by) and completed_by <= as_of):
        return "completed"
    if pending_requests > 0:
        return DEADLINE_PASSED_REQUESTED if pd.notna(deadline_end) and deadline_end < as_of else "extension requested"
    if not confirmed or pd.isna(deadline_from):
        return "unknown"
    if deadline_end < as_of:
        no_completion = (pd.isna(completed_by) and (pd.isna(completed_from) or completed_from > as_of))
        if no_completion and pd.notna(current_to) and deadline_end < current_to:
            return "overdue"
        return "unknown"
    if deadline_from <= as_of + pd.DateOffset(months=12):
        return "due within 12 months"
    return "on track"


def extension_decisions(requests: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """One row per extension request of a known State, with `original_deadline`, `known_from` (the first
    day the request is known: the end of its submission period or its meeting, whichever is earlier) and
    `decided_by` (the end of its meeting's month; undated, the deadline it extends: the previous request's
    granted deadline, else the original one).

    `requests` is the extension_requests table, `facts` a `treaty.state_facts` frame.
    """
    out = requests.merge(facts[["iso3", "entry_into_force_date"]], on="iso3", how="inner")
    out = out.sort_values(["iso3", "article", "request_no"]).reset_index(drop=True)
    out["original_deadline"] = pd.to_datetime(pd.Series(
        [_original(e, a) for e, a in zip(out["entry_into_force_date"], out["article"])], index=out.index))
    submitted_end = pd.Series([_period_end(d, p) for d, p in zip(out["submitted_date"],
                                                                  out["submitted_date_precision"])],
                              index=out.index, dtype="datetime64[ns]")
    meeting = pd.to_datetime(out["meeting_date"])
    out["known_from"] = pd.concat([submitted_end, meeting], axis=1).min(axis=1)  # NaT only if both are
    meeting_end = pd.Series([_period_end(d, p) for d, p in zip(out["meeting_date"], out["meeting_date_precision"])],
                            index=out.index, dtype="datetime64[ns]")
    previous_granted = out.groupby(["iso3", "article"])["granted_deadline"].shift(1)
    out["decided_by"] = meeting_end.fillna(pd.to_datetime(previous_granted)).fillna(out["original_deadline"])
    return out.drop(columns=["entry_into_force_date"])


def obligation_deadlines(states: pd.DataFrame, treaty_events: pd.DataFrame, stockpiles: pd.DataFrame,
                         clearance: pd.DataFrame, requests: pd.DataFrame, as_of: pd.Timestamp,
                         current_to: dict[int, pd.Timestamp]) -> pd.DataFrame:
    """One row per State Party on `as_of` and article (3 or 4) with an obligation: deadlines and status.

    The pandas twin of the SQL macro `obligation_deadlines_at` (same rows and columns): `states`,
    `treaty_events`, `stockpiles` (article3_stockpiles), `clearance` (article4_clearance) and `requests`
    (extension_requests) are the tables; `current_to` maps each article to the last day the facts of
    its file (article3_stockpiles.csv, article4_clearance.csv) are current to. See `obligation_status`.
    """
    as_of = pd.Timestamp(as_of)
    facts = state_facts(states, treaty_events)
    a3 = stockpiles.merge(facts[["iso3", "entry_into_force_date"]], on="iso3", how="inner")
    a3_end = pd.Series([_period_end(d, p) for d, p in zip(a3["completion_date"], a3["completion_date_precision"])],
                       index=a3.index, dtype="datetime64[ns]")
    a3 = a3[(a3["stockpile_status"] == "unknown")
            | ((a3["stockpile_status"] == "destroyed")
               & (a3["completion_date"].isna() | (a3_end >= a3["entry_into_force_date"])))]
    a3 = pd.DataFrame({
        "iso3": a3["iso3"], "article": 3, "confirmed": a3["stockpile_status"] != "unknown",
        "completion_date": pd.to_datetime(a3["completion_date"]),
        "completion_date_precision": a3["completion_date_precision"],
        "completed_by": pd.to_datetime(pd.Series(
            [_ts(current_to.get(3)) if s == "destroyed" and pd.isna(d) else pd.NaT
             for s, d in zip(a3["stockpile_status"], a3["completion_date"])], index=a3.index, dtype=object))})
    a4 = clearance[clearance["obligation"] != "no"]
    a4 = pd.DataFrame({
        "iso3": a4["iso3"], "article": 4, "confirmed": a4["obligation"] == "yes",
        "completion_date": pd.to_datetime(a4["completion_date"]),
        "completion_date_precision": a4["completion_date_precision"],
        "completed_by": pd.to_datetime(a4["completed_by"])})
    obligations = pd.concat([a3, a4], ignore_index=True)

    parties = facts[(facts["consent_date"] <= as_of) & ~(facts["withdrawal_date"] <= as_of)]
    rows = obligations.merge(parties[["iso3", "state_name", "entry_into_force_date"]], on="iso3", how="inner")

    decisions = extension_decisions(requests, facts)
    granted = decisions[decisions["granted_deadline"].notna() & (decisions["decided_by"] <= as_of)]
    granted = granted.sort_values("granted_deadline", kind="stable")
    latest = granted.groupby(["iso3", "article"]).agg(
        n=("granted_deadline", "size"), deadline=("granted_deadline", "last"),
        deadline_precision=("granted_deadline_precision", "last")).reset_index()
    pending = decisions[(decisions["known_from"] <= as_of)
                        & (decisions["granted_deadline"].isna() | (decisions["decided_by"] > as_of))]
    pending = pending.groupby(["iso3", "article"]).size().rename("pending_requests").reset_index()
    rows = rows.merge(latest, on=["iso3", "article"], how="left").merge(pending, on=["iso3", "article"], how="left")

    rows["original_deadline"] = pd.to_datetime(pd.Series(
        [_original(e, a) for e, a in zip(rows["entry_into_force_date"], rows["article"])], index=rows.index))
    rows["current_deadline"] = pd.to_datetime(rows["deadline"]).fillna(rows["original_deadline"])
    rows["current_deadline_precision"] = rows["deadline_precision"].where(rows["deadline"].notna(), "day")
    rows["extensions_granted"] = rows["n"].fillna(0).astype("int64")
    rows["pending_requests"] = rows["pending_requests"].fillna(0).astype("int64")
    completion_end = [_period_end(d, p) for d, p in zip(rows["completion_date"], rows["completion_date_precision"])]
    deadline_end = [_period_end(d, p) for d, p in zip(rows["current_deadline"], rows["current_deadline_precision"])]
    rows["status"] = [
        obligation_status(as_of, completed_on=c_end, completed_from=r.completion_date, completed_by=r.completed_by,
                          confirmed=bool(r.confirmed), pending_requests=int(r.pending_requests),
                          deadline_from=r.current_deadline, deadline_end=d_end,
                          current_to=_ts(current_to.get(int(r.article))))
        for r, c_end, d_end in zip(rows.itertuples(index=False), completion_end, deadline_end)]
    done = pd.Series([pd.notna(c) and c <= as_of for c in completion_end], index=rows.index, dtype=bool)
    rows["completed_by"] = rows["completed_by"].where(rows["completion_date"].isna() & (rows["completed_by"] <= as_of))
    rows["completion_date"] = rows["completion_date"].where(done)
    rows["completion_date_precision"] = rows["completion_date_precision"].where(done)
    out = rows[OBLIGATION_COLUMNS].sort_values(["iso3", "article"]).reset_index(drop=True)
    return out


def requests_at(requests: pd.DataFrame, facts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per extension request known on `as_of` (submitted or considered by then).

    Adds `extends_deadline` (the deadline the request extends: the previous request's granted deadline,
    else the original one), `decision` (granted, decision not recorded, or not yet decided on the
    reference date) and `granted_deadline` blanked where the decision is later than `as_of`.
    `requests` is the extension_requests table, `facts` a `treaty.state_facts` frame.
    """
    as_of = pd.Timestamp(as_of)
    decisions = extension_decisions(requests, facts)
    previous = decisions.groupby(["iso3", "article"])["granted_deadline"].shift(1)
    previous_precision = decisions.groupby(["iso3", "article"])["granted_deadline_precision"].shift(1)
    decisions["extends_deadline"] = pd.to_datetime(previous).fillna(decisions["original_deadline"])
    decisions["extends_deadline_precision"] = previous_precision.where(previous.notna(), "day")
    known = decisions[decisions["known_from"] <= as_of].copy()
    decided = known["granted_deadline"].notna() & (known["decided_by"] <= as_of)
    known["decision"] = [
        "granted" if d else (NOT_RECORDED if pd.isna(g) else NOT_YET_DECIDED)
        for d, g in zip(decided, known["granted_deadline"])]
    known["granted_deadline"] = known["granted_deadline"].where(decided)
    known["granted_deadline_precision"] = known["granted_deadline_precision"].where(decided)
    names = facts.set_index("iso3")["state_name"]
    known.insert(1, "state_name", known["iso3"].map(names))
    return known.reset_index(drop=True)


# --- Article 7: the pandas twin of the article7_detail_at / article7_status_at macros ----------------

def submitted_by_lists(parties: pd.DataFrame, initial: pd.DataFrame) -> pd.DataFrame:
    """One row per State Party of `parties` (iso3, due_date) that a complete list of overdue initial reports
    shows as submitted: its report fell due before the list's first possible day and the list does not name
    it. Columns: iso3, submitted_by (the last day the list may speak for; the earliest such list), source.
    `initial` is the prepared initial-report records (`list_id`, `record_date`, `listed_to`)."""
    listings = initial[initial["list_id"].notna()] if "list_id" in initial else initial.iloc[0:0]
    lists = listings.groupby("list_id").agg(listed_from=("record_date", "min"), listed_to=("listed_to", "max"),
                                            source=("source", "first")).reset_index()
    pairs = parties[["iso3", "due_date"]].merge(lists, how="cross")
    pairs = pairs[pairs["due_date"] < pairs["listed_from"]]
    named = pd.MultiIndex.from_frame(listings[["iso3", "list_id"]])
    pairs = pairs[~pd.MultiIndex.from_frame(pairs[["iso3", "list_id"]]).isin(named)]
    pairs = pairs.sort_values("listed_to", kind="stable").drop_duplicates("iso3")
    return pairs.rename(columns={"listed_to": "submitted_by"})[["iso3", "submitted_by", "source"]]


def initial_report_status(status: pd.DataFrame, records: pd.DataFrame, as_of: pd.Timestamp,
                          current_to: pd.Timestamp) -> pd.DataFrame:
    """One row per State Party on `as_of`: initial report due date, submission and status.

    `status` is a `state_status` frame for `as_of`; `records` the `article7_reports` table.
    `overdue` only where a record known on `as_of` lists the report as outstanding after its due
    date and no submission is recorded; after `current_to` (the date the records are current to)
    nothing is overdue by record any more, it is `unknown`. `submitted (date not in data)` where the
    report is known to have been in by a day on or before `as_of` (`submitted_by`: the end of the
    month or year of a partial date that includes the due date, an undated record's date, or a
    complete list of overdue reports that does not name the State: `submitted_by_lists`); a
    submission recorded without any date makes a report past its due date `unknown`.
    """
    as_of, current_to = pd.Timestamp(as_of), pd.Timestamp(current_to)
    parties = status.loc[status["status"] == "State Party",
                         ["iso3", "state_name", "un_region", "entry_into_force_date"]].copy()
    parties["due_date"] = pd.to_datetime(parties["entry_into_force_date"].map(initial_report_due))
    initial = prepare_records(records[records["report_type"] == "initial"], current_to)
    is_submission = initial["record"] == "submitted"
    submitted = initial[is_submission & initial["submitted_date"].notna() & (initial["submitted_by"] <= as_of)]
    submitted = submitted.sort_values("submitted_date", kind="stable").drop_duplicates("iso3")
    parties = parties.merge(
        submitted[["iso3", "submitted_date", "submitted_date_precision", "submitted_by", "status_text", "source"]],
        on="iso3", how="left")
    undated = set(initial.loc[is_submission & initial["submitted_date"].isna(), "iso3"])
    parties["undated_submission"] = parties["iso3"].isin(undated)
    bounded = initial[is_submission & initial["submitted_date"].isna() & initial["record_by"].notna()]
    bounded = pd.concat([bounded.rename(columns={"record_by": "bound"})[["iso3", "bound", "source"]],
                         submitted_by_lists(parties, initial).rename(columns={"submitted_by": "bound"})])
    bounded = bounded[bounded["bound"] <= as_of].sort_values("bound", kind="stable").drop_duplicates("iso3")
    parties = parties.merge(bounded.rename(columns={"source": "bound_source"}), on="iso3", how="left")
    listed = initial[(initial["record"] == "outstanding") & (initial["record_by"] <= as_of)]
    listed = listed.sort_values("listed_after", kind="stable").drop_duplicates("iso3", keep="last")
    parties = parties.merge(listed[["iso3", "record_date", "record_date_precision", "listed_after", "valid_until",
                                    "source"]].rename(
        columns={"record_date": "listed_outstanding_on", "record_date_precision": "listed_outstanding_on_precision",
                 "source": "listing_source"}), on="iso3", how="left")
    parties["status"] = [_initial_status(row, as_of, current_to) for row in parties.itertuples(index=False)]
    parties["days_late"] = pd.array([
        (row.submitted_date - row.due_date).days if row.status == "submitted late" and row.submitted_date_precision == "day"
        else (0 if row.status == "submitted on time"
              else ((as_of - row.due_date).days if row.status == "overdue" else None))
        for row in parties.itertuples(index=False)], dtype="Int64")
    undated = parties["status"] == SUBMITTED_UNDATED
    parties["submitted_by"] = parties["submitted_by"].fillna(parties["bound"].where(undated))
    parties["source"] = parties["source"].fillna(parties["bound_source"].where(undated))
    return parties.drop(columns=["listed_after", "valid_until", "undated_submission", "bound", "bound_source"])


def _initial_status(row, as_of: pd.Timestamp, current_to: pd.Timestamp) -> str:
    due = row.due_date
    if pd.notna(row.submitted_date):
        if pd.isna(due):
            return "unknown"
        if row.submitted_by <= due:
            return "submitted on time"
        if pd.Timestamp(row.submitted_date) > due or "late" in str(row.status_text):
            return "submitted late"
        return SUBMITTED_UNDATED  # in the month (or year) it fell due: on time or not is not known
    if pd.isna(due):
        return "unknown"
    if as_of <= due:
        return "not yet due"
    if pd.notna(row.bound):
        return SUBMITTED_UNDATED
    if row.undated_submission:
        return "unknown"
    if pd.notna(row.listed_after) and row.listed_after > due and as_of <= row.valid_until:
        return "overdue"
    return "unknown"


def annual_reports_owed(status: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per State and calendar year whose annual report it owes: the reports covering each
    year Y from the year its initial report fell due up to the last calendar year ended by `as_of`,
    due on 30 April of Y+1, where the Convention is in force for the State on that due date.

    `status` is a `state_status` frame for `as_of` (withdrawn States keep their dates).
    Columns: iso3, state_name, un_region, reporting_year, due_date.
    """
    as_of = pd.Timestamp(as_of)
    rows = []
    known = status[status["status"].isin(["State Party", "Withdrawn"]) & status["entry_into_force_date"].notna()]
    for s in known.itertuples(index=False):
        for year in range(initial_report_due(s.entry_into_force_date).year, as_of.year):
            due = annual_report_due(year)
            withdrawn = pd.notna(s.withdrawal_date) and s.withdrawal_date <= due
            if s.entry_into_force_date <= due and not withdrawn:
                rows.append((s.iso3, s.state_name, s.un_region, year, due))
    frame = pd.DataFrame(rows, columns=["iso3", "state_name", "un_region", "reporting_year", "due_date"])
    frame["due_date"] = pd.to_datetime(frame["due_date"])
    frame["reporting_year"] = frame["reporting_year"].astype("int64")
    return frame


def annual_report_status(owed: pd.DataFrame, records: pd.DataFrame, as_of: pd.Timestamp,
                         current_to: pd.Timestamp) -> pd.DataFrame:
    """`owed` (from `annual_reports_owed`) with what the records say of each report on `as_of`.

    Adds submitted_date (+ precision), status (one of ANNUAL_STATUSES) and source. An outstanding
    record without a reporting year (e.g. "none submitted after the initial report", August 2022)
    speaks for every report that fell due before its date.
    """
    as_of, current_to = pd.Timestamp(as_of), pd.Timestamp(current_to)
    annual = prepare_records(records[records["report_type"] == "annual"], current_to)
    annual = annual[annual["known_by"] <= as_of]
    sub = annual[(annual["record"] == "submitted") & annual["reporting_year"].notna()]
    dated = sub[sub["submitted_date"].notna()].sort_values("submitted_date", kind="stable")
    dated = dated.drop_duplicates(["iso3", "reporting_year"])
    dated = {(r.iso3, int(r.reporting_year)): r for r in dated.itertuples(index=False)}
    undated = {(r.iso3, int(r.reporting_year)): r for r in sub[sub["submitted_date"].isna()].itertuples(index=False)}
    outstanding = {iso3: group for iso3, group in annual[annual["record"] == "outstanding"].groupby("iso3")}
    none = annual.iloc[0:0]
    out = owed.copy()
    statuses, dates, precisions, bys, sources = [], [], [], [], []
    for row in owed.itertuples(index=False):
        key, due = (row.iso3, int(row.reporting_year)), row.due_date
        rec, status = dated.get(key), None
        if rec is not None:
            status = ("submitted on time" if rec.submitted_by <= due
                      else "submitted late" if rec.submitted_date > due else "submitted, date unknown")
        elif key in undated:
            rec, status = undated[key], "submitted, date unknown"
        elif as_of <= due:
            status = "not yet due"
        else:
            listing = none
            if row.iso3 in outstanding:
                listed = outstanding[row.iso3]
                listing = listed[(listed["listed_after"] > due)
                                 & (listed["reporting_year"].isna() | (listed["reporting_year"] == row.reporting_year))]
            if not listing.empty:
                rec = listing.iloc[-1]
                status = "missing" if (listing["valid_until"] >= as_of).any() else "unknown"
            else:
                status = "unknown" if due > current_to else "no record in data"
        statuses.append(status)
        dates.append(getattr(rec, "submitted_date", pd.NaT) if status in SUBMITTED else pd.NaT)
        precisions.append(getattr(rec, "submitted_date_precision", None) if status in SUBMITTED else None)
        bys.append(getattr(rec, "submitted_by", pd.NaT) if status in SUBMITTED else pd.NaT)
        sources.append(getattr(rec, "source", None) if rec is not None else None)
    out["submitted_date"] = pd.to_datetime(pd.Series(dates, index=out.index, dtype="object"))
    out["submitted_date_precision"] = precisions
    out["submitted_by"] = pd.to_datetime(pd.Series(bys, index=out.index, dtype="object"))
    out["status"] = statuses
    out["source"] = sources
    return out


def status_rows(initial: pd.DataFrame, annual: pd.DataFrame) -> pd.DataFrame:
    """The `article7_status` view's rows from the two analyses: iso3, report_type, reporting_year,
    due_date, submitted_date, status, submitted_by (initial reports first, then annual by year, per State)."""
    first = initial.assign(report_type="initial", reporting_year=pd.NA)
    later = annual.assign(report_type="annual")
    columns = ["iso3", "report_type", "reporting_year", "due_date", "submitted_date", "status", "submitted_by"]
    out = pd.concat([first[columns], later[columns]], ignore_index=True)
    out["reporting_year"] = pd.array(out["reporting_year"], dtype="Int64")
    out["order"] = out["reporting_year"].fillna(0)
    return out.sort_values(["iso3", "order"]).drop(columns="order").reset_index(drop=True)


# --- the whole Article 7 rule on a database, for the comparison tests (fixture and shipped data) ---

def article7_rows(con, day: pd.Timestamp) -> pd.DataFrame:
    """What `article7_status_at(day)` should hold, by the pandas twins."""
    status, records = queries.state_status_at(con, day), queries.table(con, "article7_reports")
    current_to = queries.current_to(con, "article7_reports")
    initial = initial_report_status(status, records, day, current_to)
    annual = annual_report_status(annual_reports_owed(status, day), records, day, current_to)
    return status_rows(initial, annual)


def assert_article7_sql_equals_oracle(con, day: pd.Timestamp) -> None:
    """`article7_status_at(day)` (SQL) equals the pandas twins' rows."""
    sql = queries.article7_status_at(con, day)
    sql["reporting_year"] = pd.array(sql["reporting_year"], dtype="Int64")
    oracle = article7_rows(con, day)
    for frame in (sql, oracle):  # DuckDB hands dates back in microseconds, pandas computes in nanoseconds
        for column in ("due_date", "submitted_date", "submitted_by"):
            frame[column] = frame[column].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(sql.reset_index(drop=True), oracle, check_dtype=False)


def assert_article7_frames_equal_oracle(con, day: pd.Timestamp) -> None:
    """The pages' frames (`article7.status`, the SQL rule) carry the pandas twin's details too."""
    status, records = queries.state_status_at(con, day), queries.table(con, "article7_reports")
    initial = article7_status.initial_reports(con, day).set_index("iso3")
    current_to = queries.current_to(con, "article7_reports")
    oracle = initial_report_status(status, records, day, current_to).set_index("iso3")
    for column in ("status", "days_late", "source", "listing_source", "submitted_date_precision"):
        assert initial[column].astype(object).where(initial[column].notna(), None).to_dict() == \
            oracle[column].astype(object).where(oracle[column].notna(), None).to_dict(), column
    annual = article7_status.annual_reports(con, day).set_index(["iso3", "reporting_year"])
    owed = annual_report_status(annual_reports_owed(status, day), records, day, current_to)
    owed = owed.set_index(["iso3", "reporting_year"])
    for column in ("status", "source"):
        assert annual[column].astype(object).where(annual[column].notna(), None).to_dict() == \
            owed[column].astype(object).where(owed[column].notna(), None).to_dict(), column
