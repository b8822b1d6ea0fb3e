"""The Article 7 page's figures and tables, as one pure function of the frames it reads.

Display tables hold screen text (dates as "30 April 2025", "unknown", "not applicable"); the
download tables hold ISO dates and plain numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ccm_analytics.article7 import reports
from ccm_analytics.domain.treaty import annual_report_due
from ccm_analytics.formats.text import format_count, format_date, format_percent

NOT_APPLICABLE = "not applicable"
# A reporting rate is computed over the States Parties with a record for the year. It is drawn only where
# at least this share of the States Parties owing a report have a record: over 2 records of 50 reports due
# a rate of 100 per cent says nothing about the 48 others.
MIN_RECORD_SHARE = 0.5
NO_RATE = "no rate"


@dataclass
class Article7Figures:
    initial: pd.DataFrame  # status.initial_reports
    annual: pd.DataFrame  # status.annual_reports
    initial_counts: pd.DataFrame
    annual_counts: pd.DataFrame
    rates: pd.DataFrame  # reporting_rates_shown(reports.annual_reporting_rates(...))
    with_record: int
    state_years_due: int
    reminders: pd.DataFrame
    without_year: pd.DataFrame
    after_data: bool  # the reference date is later than the date the records are current to


def article7_figures(initial: pd.DataFrame, annual: pd.DataFrame, status: pd.DataFrame, records: pd.DataFrame,
                     as_of: pd.Timestamp, current_to: pd.Timestamp) -> Article7Figures:
    """Everything the Article 7 page shows for `as_of`, from the initial and annual reports on that date
    (`status.initial_reports`, `status.annual_reports`: the SQL rule), a state_status frame for the date
    and the article7_reports table; `current_to` is the last day the records are current to."""
    as_of = pd.Timestamp(as_of)
    with_record, due = reports.annual_completeness(annual)
    return Article7Figures(
        initial=initial, annual=annual,
        initial_counts=reports.status_counts(initial, reports.INITIAL_STATUSES),
        annual_counts=reports.status_counts(annual, reports.ANNUAL_STATUSES),
        rates=reporting_rates_shown(reports.annual_reporting_rates(annual)), with_record=with_record, state_years_due=due,
        reminders=reports.reminder_list(initial, annual, as_of),
        without_year=reports.records_without_year(records, as_of, current_to).merge(
            status[["iso3", "state_name"]], on="iso3", how="left"),
        after_data=pd.notna(current_to) and as_of > pd.Timestamp(current_to))


def completeness_text(with_record: int, due: int) -> str:
    """ "records for 17 of 1,322 State-years (1.3 per cent)" """
    share = f" ({format_percent(with_record / due * 100, in_text=True)})" if due else ""
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


def reporting_rates_shown(rates: pd.DataFrame) -> pd.DataFrame:
    """The rates of `reports.annual_reporting_rates` as the page shows them: the rates left empty (NaN) for a
    year where fewer than MIN_RECORD_SHARE of the States Parties owing a report have a record, and the
    columns `record_share` (with a record / owing), `rate_drawn` (bool) and `denominator` ("30 of 50":
    States with a record of States owing a report)."""
    out = rates.copy()
    due = out["due"].astype("int64")
    with_record = out["with_record"].astype("int64")
    out["record_share"] = (with_record / due.where(due > 0)).astype("float64")
    out["rate_drawn"] = ((with_record > 0) & (with_record >= MIN_RECORD_SHARE * due)).astype(bool)
    for column in ("on_time_rate", "submitted_rate"):
        out[column] = out[column].astype("float64").where(out["rate_drawn"])
    out["denominator"] = [f"{format_count(w)} of {format_count(d)}" for w, d in zip(with_record, due)]
    return out


def per_cent_text(share: float) -> str:
    """0.667 -> "66.7 per cent" (UN style in text)."""
    return f"{share * 100:.1f} per cent"


def rate_text(rate: float, count: int, with_record: int) -> str:
    """ "80.0 per cent (4 of 5 with a record)"; "no rate" where the rate is not drawn (NaN)."""
    if pd.isna(rate):
        return NO_RATE
    return f"{per_cent_text(rate)} ({format_count(count)} of {format_count(with_record)} with a record)"


def _threshold_text() -> str:
    """ "half" (MIN_RECORD_SHARE of 0.5), else e.g. "60.0 per cent"."""
    return "half" if MIN_RECORD_SHARE == 0.5 else per_cent_text(MIN_RECORD_SHARE)


def rate_note(row) -> str:
    """Why a year of a `reporting_rates_shown` frame has no rate, or "" where it has one."""
    if row.rate_drawn:
        return ""
    return (f"{format_count(row.with_record)} of {format_count(row.due)} States Parties owing a report have a "
            f"record: fewer than {_threshold_text()}, so no rate")


def rates_table(rates: pd.DataFrame) -> pd.DataFrame:
    """Screen table: one row per reporting year (a `reporting_rates_shown` frame), each rate with its
    denominator, and a note where there is no rate."""
    return pd.DataFrame({
        "Calendar year covered": rates["reporting_year"].astype(str),
        "Due date": [format_date(annual_report_due(y)) for y in rates["reporting_year"]],
        "States Parties owing a report": rates["due"],
        "With a record": rates["with_record"],
        "With a record, of those owing": [
            f"{d} ({per_cent_text(s)})" if pd.notna(s) else d for d, s in zip(rates["denominator"], rates["record_share"])],
        "Submitted on time": rates["on_time"],
        "Submitted at all": rates["submitted"],
        "On time (share of those with a record)": [
            rate_text(r, n, w) for r, n, w in zip(rates["on_time_rate"], rates["on_time"], rates["with_record"])],
        "At all (share of those with a record)": [
            rate_text(r, n, w) for r, n, w in zip(rates["submitted_rate"], rates["submitted"], rates["with_record"])],
        "Note": [rate_note(row) for row in rates.itertuples(index=False)],
    })


def year_ranges_text(years: list[int]) -> str:
    """[2011, 2012, 2013, 2015, 2017, 2018] -> "2011–2013, 2015 and 2017–2018"."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def rates_note(rates: pd.DataFrame) -> str:
    """The note under the reporting rates (a `reporting_rates_shown` frame): how a rate is computed, and
    which years have none and why."""
    missing = rates.loc[~rates["rate_drawn"], "reporting_year"].astype(int).tolist()
    where = "in the table" if len(missing) == len(rates) else "in the table and under each year of the chart"
    text = ("Each rate is computed over the States Parties with a record for that year only; its denominator "
            f"(with a record, of those owing a report) is {where}. A rate is drawn only where at least "
            f"{_threshold_text()} of the States Parties owing a report have a record.")
    if not missing:
        return text
    if len(missing) == len(rates):
        return text + (f" No year has a rate: for every year covered ({year_ranges_text(missing)}) fewer than "
                       f"{_threshold_text()} of the States Parties owing a report have a record, so there is no "
                       "rates chart.")
    return text + (f" No rate for {year_ranges_text(missing)}: fewer than {_threshold_text()} of the States "
                   "Parties owing a report have a record.")


def any_rate_drawn(rates: pd.DataFrame) -> bool:
    """Whether a `reporting_rates_shown` frame has a rate for at least one year (else no rates chart)."""
    return bool(rates["rate_drawn"].any())


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
