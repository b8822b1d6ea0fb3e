"""The Article 7 page's figures and tables, as one pure function of the frames it reads.

Display tables hold screen text (dates as "30 April 2025", "unknown", "not applicable"); the
download tables hold ISO dates and plain numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import reports
from .formatting import format_count, format_date

NOT_APPLICABLE = "not applicable"


@dataclass
class Article7Figures:
    initial: pd.DataFrame  # reports.initial_report_status
    annual: pd.DataFrame  # reports.annual_report_status
    initial_counts: pd.DataFrame
    annual_counts: pd.DataFrame
    rates: pd.DataFrame
    with_record: int
    state_years_due: int
    reminders: pd.DataFrame
    without_year: pd.DataFrame
    after_data: bool  # the reference date is later than the date the records are current to


def article7_figures(status: pd.DataFrame, records: pd.DataFrame, as_of: pd.Timestamp,
                     current_to: pd.Timestamp) -> Article7Figures:
    """Everything the Article 7 page shows for `as_of`, from a state_status frame for that date and
    the article7_reports table; `current_to` is the last day the records are current to."""
    as_of = pd.Timestamp(as_of)
    initial = reports.initial_report_status(status, records, as_of, current_to)
    annual = reports.annual_report_status(reports.annual_reports_owed(status, as_of), records, as_of, current_to)
    with_record, due = reports.annual_completeness(annual)
    return Article7Figures(
        initial=initial, annual=annual,
        initial_counts=reports.status_counts(initial, reports.INITIAL_STATUSES),
        annual_counts=reports.status_counts(annual, reports.ANNUAL_STATUSES),
        rates=reports.annual_reporting_rates(annual), with_record=with_record, state_years_due=due,
        reminders=reports.reminder_list(initial, annual, as_of),
        without_year=reports.records_without_year(records, as_of, current_to).merge(
            status[["iso3", "state_name"]], on="iso3", how="left"),
        after_data=pd.notna(current_to) and as_of > pd.Timestamp(current_to))


def completeness_text(with_record: int, due: int) -> str:
    """ "records for 17 of 1,322 State-years (1.3%)" """
    share = f" ({with_record / due:.1%})" if due else ""
    return f"records for {format_count(with_record)} of {format_count(due)} State-years{share}"


def _submitted_text(date, precision, status: str) -> str:
    if pd.notna(date):
        return format_date(date, precision if isinstance(precision, str) else "day")
    if status == "not yet due":
        return NOT_APPLICABLE
    if status in ("overdue", "missing"):
        return "not submitted (by record)"
    if status == "no record in data":
        return "no record in data"
    return "unknown"


def _days_text(days, status: str) -> str:
    if pd.notna(days):
        return format_count(days)
    return NOT_APPLICABLE if status == "not yet due" else "unknown"


def initial_table(initial: pd.DataFrame) -> pd.DataFrame:
    """Screen table: one row per State Party, its initial report."""
    return pd.DataFrame({
        "State Party": initial["state_name"],
        "Region": initial["un_region"],
        "Entry into force": [format_date(d) for d in initial["entry_into_force_date"]],
        "Due date": [format_date(d) for d in initial["due_date"]],
        "Submitted": [_submitted_text(d, p, s) for d, p, s in
                      zip(initial["submitted_date"], initial["submitted_date_precision"], initial["status"])],
        "Status": initial["status"],
        "Days late": [_days_text(d, s) for d, s in zip(initial["days_late"], initial["status"])],
        "Listed as outstanding on": [
            format_date(d, p if isinstance(p, str) else "day") if pd.notna(d)
            else ("undated list" if pd.notna(src) else NOT_APPLICABLE)
            for d, p, src in zip(initial["listed_outstanding_on"], initial["listed_outstanding_on_precision"],
                                 initial["listing_source"])],
        "Source": [s if isinstance(s, str) else (ls if isinstance(ls, str) else "no record in data")
                   for s, ls in zip(initial["source"], initial["listing_source"])],
    })


def initial_download(initial: pd.DataFrame) -> pd.DataFrame:
    """File table: ISO dates, plain numbers."""
    return initial[["iso3", "state_name", "un_region", "entry_into_force_date", "due_date", "submitted_date",
                    "submitted_date_precision", "status", "days_late", "listed_outstanding_on", "source",
                    "listing_source"]].reset_index(drop=True)


def overdue_initial(initial: pd.DataFrame) -> pd.DataFrame:
    """Screen table of the initial reports overdue by record."""
    return initial_table(initial[initial["status"] == "overdue"]).drop(columns=["Submitted", "Status"])


def reminder_table(reminders: pd.DataFrame) -> pd.DataFrame:
    """Screen table of the reminder list."""
    return pd.DataFrame({
        "State Party": reminders["state_name"], "Report": reminders["report"],
        "Due date": [format_date(d) for d in reminders["due_date"]],
        "Days overdue": [format_count(d) for d in reminders["days_overdue"]],
        "Source": reminders["source"]})


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Screen table: one row per reporting year."""
    pct = lambda v: "unknown" if pd.isna(v) else f"{v:.0%}"  # noqa: E731
    return pd.DataFrame({
        "Calendar year covered": rates["reporting_year"].astype(str),
        "Due date": [format_date(reports.annual_report_due(y)) for y in rates["reporting_year"]],
        "States Parties due to report": rates["due"],
        "With a record": rates["with_record"],
        "Submitted on time": rates["on_time"],
        "Submitted at all": rates["submitted"],
        "On time (share of those with a record)": [pct(v) for v in rates["on_time_rate"]],
        "At all (share of those with a record)": [pct(v) for v in rates["submitted_rate"]],
    })


def without_year_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Screen table of annual report records that do not say which year they cover."""
    return pd.DataFrame({
        "State": frame["state_name"].fillna(frame["iso3"]), "Record": frame["record"],
        "Submitted": [format_date(d, p if isinstance(p, str) else "day") if pd.notna(d) else "unknown"
                      for d, p in zip(frame["submitted_date"], frame["submitted_date_precision"])],
        "Record dated": [format_date(d, p if isinstance(p, str) else "day")
                         for d, p in zip(frame["record_date"], frame["record_date_precision"])],
        "In the source's words": frame["status_text"].fillna("unknown"), "Source": frame["source"]})


def published_table(aggregates: pd.DataFrame) -> pd.DataFrame:
    """Screen table of published totals (article7_aggregates or article9_aggregates), dated."""
    return pd.DataFrame({
        "What is counted": aggregates["metric"], "Published figure": aggregates["value"].fillna("(in the text)"),
        "As of": [format_date(d, p if isinstance(p, str) else "day")
                  for d, p in zip(aggregates["as_of_date"], aggregates["as_of_date_precision"])],
        "Source": aggregates["source"], "Notes": aggregates["notes"].fillna("")})
