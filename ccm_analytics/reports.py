"""Article 7 transparency reports: what is due when, and what the records say was submitted."""
from __future__ import annotations

import pandas as pd

from .partial_dates import period_end
from .treaty import initial_report_due

INITIAL_STATUSES = ("submitted on time", "submitted late", "overdue", "not yet due", "unknown")


def _latest_possible(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    return pd.to_datetime(pd.Series([period_end(d, p) for d, p in zip(dates, precisions)], index=dates.index))


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
    parties["status"] = [
        _initial_status(row, as_of, current_to) for row in parties.itertuples(index=False)]
    parties["days_late"] = [
        (row.submitted_date - row.due_date).days if row.status == "submitted late" and row.submitted_date_precision == "day"
        else ((as_of - row.due_date).days if row.status == "overdue" else pd.NA)
        for row in parties.itertuples(index=False)]
    return parties.drop(columns=["submitted_by"])


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
