"""Article 7 transparency reports: what is due when, and what the records say was submitted.

Records (the `article7_reports` table) are facts about single reports: a submission (dated, or only
known to have happened by the date of the listing that mentions it) or a listing as outstanding.
A report without a record is not a missing report: it reads "no record in data". A status that
depends on facts later than the date the records are current to (`current_to`) reads "unknown".
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.treaty import (
    annual_report_due,
    initial_report_due,
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


def listing_valid_until(record_by: pd.Timestamp, current_to: pd.Timestamp) -> pd.Timestamp:
    """The last day a record listing a report as outstanding on `record_by` still speaks for: the
    next 30 April (the next reporting deadline, by which the ISU's lists are renewed), and never
    after the date the records are current to. A report may come in the day after a listing; past
    that cycle, whether it did is not in the data, so the status is unknown, not overdue."""
    if pd.isna(record_by):
        return pd.NaT
    until = next_annual_report_due(pd.Timestamp(record_by) + pd.Timedelta(days=1))
    return min(until, pd.Timestamp(current_to)) if pd.notna(current_to) else until


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


def annual_reporting_rates(annual: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting year with reports due: States owing a report due by the reference date,
    those with a record, those submitted on time and at all, and the two rates among those with a
    record (empty where no State has a record). `annual` comes from `annual_report_status`."""
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
