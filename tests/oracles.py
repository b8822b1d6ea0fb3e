"""Pandas twins of rules whose production engine is SQL (`ccm_analytics/store/macros.py`): written
independently, they exist only to check the macros (tests/test_obligation_oracle.py, test_extension_tracker.py).
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.deadlines.extensions import NOT_RECORDED, NOT_YET_DECIDED
from ccm_analytics.deadlines.obligations import DEADLINE_PASSED_REQUESTED
from ccm_analytics.domain.treaty import original_deadline, state_facts

OBLIGATION_COLUMNS = ["iso3", "article", "original_deadline", "current_deadline", "extensions_granted",
                      "completion_date", "status", "state_name", "entry_into_force_date",
                      "current_deadline_precision", "completion_date_precision", "pending_requests"]


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
