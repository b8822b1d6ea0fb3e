"""The Article 3 (stockpile destruction and retention) and Article 4 (clearance and risk reduction education)
sections of the meeting pack, each with its request pipeline against the next Meeting, from the deadlines
tracker's own figures (`figures.tracker_view`)."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from ccm_analytics.deadlines import figures
from ccm_analytics.deadlines.obligations import (
    DEADLINE_PASSED_REQUESTED,
    PENDING_STATUSES,
)
from ccm_analytics.domain.period import Period
from ccm_analytics.formats.section import (
    Section,
    Table,
    cited_sources,
    plural,
    text_frame,
)
from ccm_analytics.formats.text import format_date
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import files_read

HEADINGS = {3: "Stockpile destruction and retention (Article 3)",
            4: "Clearance and risk reduction education (Article 4)"}
PIPELINE_YEARS = 2  # a deadline this close to the Meeting calls for a request to it
ANALYSIS_NOT_IN_DATA = "not in the data"


@dataclass(frozen=True)
class ArticleFigures:
    """One article's obligations on the reference date (counts of obligations of States Parties)."""
    obligations: int
    completed: int
    completed_in_period: int
    completed_by_original_deadline: int
    pending_decision: int
    passed_without_decision: int
    due_12_months: int
    due_24_months: int


def _within(dates: pd.Series, start: pd.Timestamp, months: int) -> pd.Series:
    dates = pd.to_datetime(dates)
    return (dates > start) & (dates <= start + pd.DateOffset(months=months))


def article_figures(rows: pd.DataFrame, as_of: pd.Timestamp, period: Period) -> ArticleFigures:
    """The counts of one article's tracker rows (`tracker_view(...).file`): completions ever, in the period and
    by the original deadline (no extension needed), requests awaiting a recorded decision, deadlines passed
    without one (overdue, or passed with a request pending), and deadlines due in the next 12 and 24 months."""
    done = rows["status"] == "completed"
    completion = pd.to_datetime(rows["completion_date"])
    open_ = ~done
    return ArticleFigures(
        obligations=len(rows), completed=int(done.sum()),
        completed_in_period=int((done & period.contains(completion)).sum()),
        # a completion known only to be by some day counts when that day is on or before the original deadline
        completed_by_original_deadline=int((done & (completion.fillna(pd.to_datetime(rows["completed_by"]))
                                                    <= pd.to_datetime(rows["original_deadline"]))).sum()),
        pending_decision=int(rows["status"].isin(PENDING_STATUSES).sum()),
        passed_without_decision=int(rows["status"].isin(["overdue", DEADLINE_PASSED_REQUESTED]).sum()),
        due_12_months=int((open_ & _within(rows["current_deadline"], as_of, 12)).sum()),
        due_24_months=int((open_ & _within(rows["current_deadline"], as_of, 24)).sum()))


def request_pipeline(rows: pd.DataFrame, requests: pd.DataFrame, meeting: pd.Timestamp, period: Period) -> pd.DataFrame:
    """One row per obligation not completed whose deadline falls by `PIPELINE_YEARS` after the Meeting, or with a
    request pending: state_name, current_deadline, submitted (the latest request's submission date, NaT if
    none), pending (a request awaits a recorded decision), decided_in_period (the latest request was granted at
    a meeting in the period). Whether the analysis of a request is posted is not in the data."""
    horizon = meeting + pd.DateOffset(years=PIPELINE_YEARS)
    due = rows[(rows["status"] != "completed")
               & ((pd.to_datetime(rows["current_deadline"]) <= horizon) | (rows["pending_requests"] > 0))]
    latest = requests.sort_values("request_no").drop_duplicates(["iso3", "article"], keep="last")
    out = due[["iso3", "state_name", "article", "current_deadline"]].merge(
        latest[["iso3", "article", "submitted_date", "decision", "meeting_date"]], on=["iso3", "article"], how="left")
    out["pending"] = out["decision"].notna() & (out["decision"] != "granted")
    out["decided_in_period"] = (out["decision"] == "granted") & period.contains(out["meeting_date"])
    return out.sort_values(["current_deadline", "state_name"]).reset_index(drop=True)


def pipeline_screen(pipeline: pd.DataFrame) -> pd.DataFrame:
    """The pipeline with words for headers and cells."""
    return pd.DataFrame({
        "State Party": pipeline["state_name"],
        "Current deadline": [format_date(d) for d in pipeline["current_deadline"]],
        "Request submitted": [format_date(d) if pd.notna(d) else "none in the data" for d in pipeline["submitted_date"]],
        "Analysis posted": ANALYSIS_NOT_IN_DATA,
        "Decision": ["none" if pd.isna(d) else str(d) for d in pipeline["decision"]]})


def _counts_table(f: ArticleFigures, period: Period) -> pd.DataFrame:
    return text_frame(pd.DataFrame({
        "Figure": ["Obligations of States Parties", "Completed (ever)",
                   f"Completed from {format_date(period.start)} to {format_date(period.end)}",
                   "Completed by the original deadline", "Requests awaiting a recorded decision",
                   "Deadlines passed without a recorded decision", "Deadlines in the next 12 months",
                   "Deadlines in the next 24 months"],
        "States Parties": [f.obligations, f.completed, f.completed_in_period, f.completed_by_original_deadline,
                           f.pending_decision, f.passed_without_decision, f.due_12_months, f.due_24_months]}))


def section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period, article: int,
            meeting: pd.Timestamp) -> Section:
    """The section of `article` (3 or 4): obligations, completions, pending requests, deadlines, the pipeline."""
    view = figures.tracker_view(con, as_of, (article,))
    f = article_figures(view.file, as_of, period)
    pipeline = request_pipeline(view.file, view.requests, meeting, period)
    meeting_text = format_date(meeting, "month")
    sentences = [
        (f"On {format_date(as_of)} {plural(f.obligations, 'State Party has', 'States Parties have')} an Article "
        f"{article} obligation on record; {f.completed} completed it ({f.completed_in_period} from "
        f"{format_date(period.start)} to {format_date(period.end)}, {f.completed_by_original_deadline} by the "
        f"original deadline)."),
        (f"{plural(f.pending_decision, 'request awaits', 'requests await')} a recorded decision; "
        f"{plural(f.passed_without_decision, 'deadline has', 'deadlines have')} passed without one; "
        f"{f.due_12_months} fall due in the next 12 months and {f.due_24_months} in the next 24."),
        (f"For the Meeting of {meeting_text}: {plural(len(pipeline), 'request is', 'requests are')} due or pending "
        f"(deadline by {format_date(meeting + pd.DateOffset(years=PIPELINE_YEARS))}), {int(pipeline['pending'].sum())} "
        f"submitted and awaiting a decision, {int(pipeline['decided_in_period'].sum())} decided in the period; "
        "whether the analysis of a request is posted is not in the data."),
    ]
    tables = [Table(f"Article {article} obligations", _counts_table(f, period))]
    if len(pipeline):
        tables.append(Table(f"Requests for the Meeting of {meeting_text}", pipeline_screen(pipeline)))
    return Section(HEADINGS[article], sentences, tables, view.timeline,
                   cited_sources(queries.data_sources(con), files_read(figures.READS)))
