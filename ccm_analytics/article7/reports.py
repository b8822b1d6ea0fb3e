"""Article 7 transparency reports: what is due when, and what the records say was submitted.

Records (the `article7_reports` table) are facts about single reports: a submission (dated, or only
known to have happened by the date of the listing that mentions it) or a listing as outstanding.
A report without a record is not a missing report: it reads "no record in data". A status that
depends on facts later than the date the records are current to (`current_to`) reads "unknown".
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.treaty import (
    next_annual_report_due,
)

# "submitted (date not in data)": known to have been submitted by a day (a record's date, or the date of
# a complete list of overdue reports that does not name the State), but not when.
SUBMITTED_UNDATED = "submitted (date not in data)"
INITIAL_STATUSES = ("submitted on time", "submitted late", SUBMITTED_UNDATED, "overdue", "not yet due", "unknown")
# "submitted, date unknown": a record says the report was submitted but not when (on time or late
# cannot be told); "missing" only where a record lists the report as outstanding after its due date.
ANNUAL_STATUSES = ("submitted on time", "submitted late", "submitted, date unknown", "missing",
                   "no record in data", "not yet due", "unknown")
SUBMITTED = ("submitted on time", "submitted late", "submitted, date unknown")
WITH_RECORD = (*SUBMITTED, "missing")  # the cells the reporting rates are computed over


def _latest_possible(dates: pd.Series, precisions: pd.Series) -> pd.Series:
    """`partial_dates.period_end` for whole columns: the last day each partial date may stand for."""
    dates = pd.to_datetime(dates)
    year_end = dates.dt.to_period("Y").dt.end_time.dt.normalize()
    month_end = dates.dt.to_period("M").dt.end_time.dt.normalize()
    return year_end.where(precisions == "year", month_end.where(precisions == "month", dates)).astype("datetime64[ns]")


def prepare_records(records: pd.DataFrame, current_to: pd.Timestamp) -> pd.DataFrame:
    """The records with the days each is known from.

    submitted_by: last day the submission may have happened (end of its month or year);
    record_by: last day the record may speak for (NaT for an undated record: it speaks for no
    known day, so it cannot make a report overdue; the profile still shows it);
    listed_after: the first day a listing may speak for; known_by: from when the record is a fact
    (a dated submission: submitted_by; else record_by); valid_until: the last day a listing of a
    report as outstanding still speaks for (see `listing_valid_until`).
    """
    out = records.copy()
    for column in ("submitted_date", "record_date"):
        out[column] = pd.to_datetime(out[column])
    out["submitted_by"] = _latest_possible(out["submitted_date"], out["submitted_date_precision"])
    out["record_by"] = _latest_possible(out["record_date"], out["record_date_precision"])
    out["listed_after"] = out["record_date"]
    out["known_by"] = out["submitted_by"].fillna(out["record_by"])
    out["valid_until"] = pd.to_datetime(pd.Series(
        [listing_valid_until(r, current_to) for r in out["record_by"]], index=out.index, dtype="object"))
    if "listed_to" in out:  # a list known only to a window never speaks past the window's end
        out["listed_to"] = pd.to_datetime(out["listed_to"])
        windowed = out["listed_to"] > out["record_date"]
        out.loc[windowed, "valid_until"] = out.loc[windowed, ["valid_until", "listed_to"]].min(axis=1)
    return out


def listing_valid_until(record_by: pd.Timestamp, current_to: pd.Timestamp) -> pd.Timestamp:
    """The last day a record listing a report as outstanding on `record_by` still speaks for: the
    next 30 April (the next reporting deadline, by which the ISU's lists are renewed), and never
    after the date the records are current to. A report may come in the day after a listing; past
    that cycle, whether it did is not in the data, so the status is unknown, not overdue."""
    if pd.isna(record_by):
        return pd.NaT
    until = next_annual_report_due(pd.Timestamp(record_by) + pd.Timedelta(days=1))
    return min(until, pd.Timestamp(current_to)) if pd.notna(current_to) else until


def annual_reporting_rates(annual: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting year with reports due: States owing a report due by the reference date,
    those with a record, those submitted on time and at all, and the two rates among those with a
    record (empty where no State has a record). `annual` comes from `status.annual_reports`."""
    due = annual[annual["status"] != "not yet due"]
    # reporting_year may be a column or an index level (as groupby accepted before)
    years = due["reporting_year"] if "reporting_year" in due.columns else due.index.get_level_values("reporting_year")
    flags = pd.DataFrame({  # whole-column flags summed per year: integer counts even when nothing is due
        "reporting_year": pd.Series(years, index=due.index).astype("int64").to_numpy(),
        "due": 1,
        "with_record": due["status"].isin(WITH_RECORD).astype("int64"),
        "on_time": (due["status"] == "submitted on time").astype("int64"),
        "submitted": due["status"].isin(SUBMITTED).astype("int64"),
    })
    rates = flags.reset_index(drop=True).groupby("reporting_year", as_index=False).sum().astype("int64")
    denominator = rates["with_record"].where(rates["with_record"] > 0)
    rates["on_time_rate"] = rates["on_time"] / denominator
    rates["submitted_rate"] = rates["submitted"] / denominator
    return rates


def annual_completeness(annual: pd.DataFrame) -> tuple[int, int]:
    """(State-years with a record, State-years due by the reference date)."""
    due = annual[annual["status"] != "not yet due"]
    return int(due["status"].isin(WITH_RECORD).sum()), int(len(due))


def records_without_year(records: pd.DataFrame, as_of: pd.Timestamp, current_to: pd.Timestamp) -> pd.DataFrame:
    """Annual report records known on `as_of` that do not say which year the report covers."""
    annual = prepare_records(records[(records["report_type"] == "annual") & records["reporting_year"].isna()],
                             current_to)
    annual = annual[annual["known_by"] <= pd.Timestamp(as_of)]
    return annual[["iso3", "record", "submitted_date", "submitted_date_precision", "record_date",
                   "record_date_precision", "status_text", "source", "notes"]].reset_index(drop=True)


def reminder_list(initial: pd.DataFrame, annual: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per report overdue by record on `as_of` (initial `overdue`, annual `missing`):
    iso3, state_name, report, reporting_year, due_date, days_overdue, source. For a mail merge."""
    as_of = pd.Timestamp(as_of)
    first = initial[initial["status"] == "overdue"].assign(report="initial report", reporting_year=pd.NA)
    first = first.assign(source=first["listing_source"])
    later = annual[annual["status"] == "missing"]
    later = later.assign(report=[f"annual report for calendar year {y}" for y in later["reporting_year"]])
    columns = ["iso3", "state_name", "report", "reporting_year", "due_date", "source"]
    frames = [f[columns] for f in (first, later) if not f.empty]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out["reporting_year"] = pd.array(out["reporting_year"], dtype="Int64")
    out["due_date"] = pd.to_datetime(out["due_date"])
    out.insert(5, "days_overdue", pd.array([(as_of - d).days for d in out["due_date"]], dtype="Int64"))
    return out.sort_values(["state_name", "due_date"], key=lambda s: s.str.normalize("NFKD") if s.dtype == object
                           else s).reset_index(drop=True)


def status_counts(frame: pd.DataFrame, order: tuple[str, ...]) -> pd.DataFrame:
    """Reports per status, in `order` (statuses with none included): status, reports."""
    counts = frame["status"].value_counts()
    return pd.DataFrame({"status": list(order), "reports": [int(counts.get(s, 0)) for s in order]})
