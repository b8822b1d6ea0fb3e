"""Article 7 transparency reports: what is due when, and what the records say was submitted."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .partial_dates import period_end
from .treaty import initial_report_due

INITIAL_STATUSES = ("submitted on time", "submitted late", "overdue", "not yet due", "unknown")


def _latest_possible(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """`partial_dates.period_end` for whole columns: the last day each partial date may stand for."""
    dates = pd.to_datetime(dates)
    year_end = dates.dt.to_period("Y").dt.end_time.dt.normalize()
    month_end = dates.dt.to_period("M").dt.end_time.dt.normalize()
    return year_end.where(precisions == "year", month_end.where(precisions == "month", dates)).astype("datetime64[ns]")


def initial_report_status(status: pd.DataFrame, records: pd.DataFrame, as_of: pd.Timestamp,
                          current_to: pd.Timestamp) -> pd.DataFrame:
    """One row per State Party on `as_of`: initial report due date, submission and status.

    `status` is a `state_status` frame for `as_of`; `records` the `article7_reports` table.
    `overdue` only where a record dated on or before `as_of` lists the report as outstanding after
    its due date; after `current_to` (the date the records are current to) nothing is overdue by
    record any more, it is `unknown`.
    """
    as_of, current_to = pd.Timestamp(as_of), pd.Timestamp(current_to)
    parties = status.loc[status["status"] == "State Party",
                         ["iso3", "state_name", "un_region", "entry_into_force_date"]].copy()
    parties["due_date"] = parties["entry_into_force_date"].map(initial_report_due)
    initial = records[records["report_type"] == "initial"].copy()
    initial["submitted_by"] = _latest_possible(initial["submitted_date"], initial["submitted_date_precision"])
    initial["record_by"] = _latest_possible(initial["record_date"], initial["record_date_precision"])
    submitted = initial[(initial["record"] == "submitted") & (initial["submitted_date"].notna())
                        & (initial["submitted_by"] <= as_of)]
    submitted = submitted.sort_values("submitted_date").drop_duplicates("iso3")
    parties = parties.merge(
        submitted[["iso3", "submitted_date", "submitted_date_precision", "submitted_by", "status_text", "source"]],
        on="iso3", how="left")
    listed = initial[(initial["record"] == "outstanding") & (initial["record_by"] <= as_of)]
    listed = listed.sort_values("record_date").drop_duplicates("iso3", keep="last")
    parties = parties.merge(listed[["iso3", "record_date", "record_date_precision"]].rename(
        columns={"record_date": "listed_outstanding_on", "record_date_precision": "listed_outstanding_on_precision"}),
        on="iso3", how="left")
    if parties.empty:  # the column types an empty frame has always had
        parties["status"], parties["days_late"] = [], []
        return parties.drop(columns=["submitted_by"])
    parties["status"] = _initial_statuses(parties, as_of, current_to)
    late = (parties["status"] == "submitted late") & (parties["submitted_date_precision"] == "day")
    days = ((parties["submitted_date"] - parties["due_date"]).dt.days.where(late)
            .fillna((as_of - parties["due_date"]).dt.days.where(parties["status"] == "overdue")))
    parties["days_late"] = pd.Series([pd.NA if pd.isna(d) else int(d) for d in days.tolist()],
                                     index=parties.index, dtype="object")
    return parties.drop(columns=["submitted_by"])


def _initial_statuses(parties: pd.DataFrame, as_of: pd.Timestamp, current_to: pd.Timestamp) -> pd.Series:
    """`_initial_status` for every row at once (same rules, same order; tests check the two agree)."""
    due = pd.to_datetime(parties["due_date"])
    submitted = parties["submitted_date"].notna()
    no_due = due.isna()
    said_late = parties["status_text"].fillna("").astype(str).str.contains("late", regex=False)
    listed = pd.to_datetime(parties["listed_outstanding_on"])
    conditions = [
        submitted & no_due,
        submitted & (parties["submitted_by"] <= due),
        submitted & ((pd.to_datetime(parties["submitted_date"]) > due) | said_late),
        submitted,
        no_due,
        pd.Series(as_of <= due, index=parties.index),
        listed.notna() & (listed > due) & (as_of <= current_to),
    ]
    choices = ["unknown", "submitted on time", "submitted late", "unknown", "unknown", "not yet due", "overdue"]
    return pd.Series(np.select([c.to_numpy(dtype=bool) for c in conditions], choices, "unknown"),
                     index=parties.index, dtype="str")


def _initial_status(row, as_of: pd.Timestamp, current_to: pd.Timestamp) -> str:
    due = row.due_date
    if pd.notna(row.submitted_date):
        if pd.isna(due):
            return "unknown"
        if row.submitted_by <= due:
            return "submitted on time"
        if pd.Timestamp(row.submitted_date) > due or "late" in str(row.status_text):
            return "submitted late"
        return "unknown"  # submitted in the month (or year) it fell due: on time or not is not known
    if pd.isna(due):
        return "unknown"
    if as_of <= due:
        return "not yet due"
    if pd.notna(row.listed_outstanding_on) and pd.Timestamp(row.listed_outstanding_on) > due and as_of <= current_to:
        return "overdue"
    return "unknown"


def next_annual_report_due(as_of: pd.Timestamp) -> pd.Timestamp:
    """The next 30 April on or after `as_of`."""
    as_of = pd.Timestamp(as_of)
    this_year = pd.Timestamp(year=as_of.year, month=4, day=30)
    return this_year if as_of <= this_year else pd.Timestamp(year=as_of.year + 1, month=4, day=30)
