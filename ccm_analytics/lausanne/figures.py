"""The Lausanne Action Plan (2021-2026) figures for a reference date and period: one row per figure with its
action number, the figure, its trend (the same figure for the previous period, or at the period's start) and
its rule in one line; the actions the data cannot measure are listed as such. Built from the features' own
figures (an aggregator: it computes nothing of its own but the trend)."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.article7 import figures as article7_figures
from ccm_analytics.article7.pack_section import latest_rate
from ccm_analytics.article7.transparency import Article7Figures, overdue_initial
from ccm_analytics.article9 import figures as article9_figures
from ccm_analytics.article9.pack_section import measures_in_place
from ccm_analytics.deadlines import figures as deadline_figures
from ccm_analytics.deadlines.pack_section import article_figures
from ccm_analytics.domain.period import Period
from ccm_analytics.formats.section import per_cent
from ccm_analytics.formats.text import format_date
from ccm_analytics.universalization import figures as universalization_figures
from ccm_analytics.universalization.pack_section import joined_and_left

READS = tuple(dict.fromkeys(universalization_figures.READS + deadline_figures.READS + article7_figures.READS
                            + article9_figures.READS))
COLUMNS = ["Action", "Figure", "Value", "Trend", "Rule"]
NOT_MEASURED = "not measured by the data"
UNMEASURED = (  # (actions, theme, what would measure them)
    ("Actions 31-42", "Victim assistance and international cooperation",
     "the data hold no victim assistance or cooperation indicators (Article 7 Forms H, I and J would)"),
    ("Actions 47-50", "National implementation and support to implementation",
     "measured here only through Article 9 measures; the other actions leave no record in the data"),
)
ARTICLE_ACTIONS = {3: "Actions 12-17", 4: "Actions 18-30"}


def _trend(now: int, then: int, word: str) -> str:
    if now == then:
        return f"unchanged ({then} {word})"
    return f"{'up' if now > then else 'down'} from {then} {word}"


def _names(frame: pd.DataFrame, column: str) -> str:
    return ": " + "; ".join(f"{r.state_name} ({format_date(getattr(r, column))})" for r in frame.itertuples()) \
        if len(frame) else ""


def lap_figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> pd.DataFrame:
    """One row per Lausanne Action Plan figure: Action, Figure, Value, Trend, Rule (text)."""
    as_of = pd.Timestamp(as_of)
    before = period.start - pd.Timedelta(days=1)
    previous = period.previous()
    start_text, prev_text = f"on {format_date(before)}", f"in {format_date(previous.start)} to {format_date(previous.end)}"
    rows = []
    status = universalization_figures.status(con, as_of)
    joined, left = joined_and_left(status, period)
    joined_then, left_then = joined_and_left(status, previous)
    rows.append(["Actions 10-11", "States joined in the period", f"{len(joined)}{_names(joined, 'consent_date')}",
                 _trend(len(joined), len(joined_then), prev_text),
                 "Instruments of ratification or accession deposited in the period (treaty events)."])
    rows.append(["Actions 10-11", "Withdrawals in the period", f"{len(left)}{_names(left, 'withdrawal_date')}",
                 _trend(len(left), len(left_then), prev_text), "Withdrawals whose effect date (Article 20) is in the period."])
    tracker, tracker_then = deadline_figures.tracker_rows(con, as_of), deadline_figures.tracker_rows(con, before)
    for article, actions in ARTICLE_ACTIONS.items():
        now = article_figures(tracker[tracker["article"] == article], as_of, period)
        then = article_figures(tracker_then[tracker_then["article"] == article], before, previous)
        rows += [
            [actions, f"Article {article} obligations", str(now.obligations), _trend(now.obligations, then.obligations, start_text),
             f"States Parties with an Article {article} obligation on record on the reference date."],
            [actions, f"Article {article} completions (ever)", str(now.completed), _trend(now.completed, then.completed, start_text),
             "Obligations completed by the reference date (on a recorded date, or known complete by then)."],
            [actions, f"Article {article} completions in the period", str(now.completed_in_period),
             _trend(now.completed_in_period, then.completed_in_period, prev_text), "Completion dated within the period."],
            [actions, f"Article {article} completions by the original deadline", str(now.completed_by_original_deadline),
             _trend(now.completed_by_original_deadline, then.completed_by_original_deadline, start_text),
             "Completion (or the latest day it is known to have been completed by) on or before the deadline of "
             "the Convention, without an extension."],
            [actions, f"Article {article} requests with a costed work plan loaded", NOT_MEASURED, "",
             "Work plans are read on the workbench from the request's file, not kept in the database."]]
    fig7, then7 = article7_figures.report_figures(con, as_of), article7_figures.report_figures(con, before)
    overdue, overdue_then = overdue_initial(fig7.initial), overdue_initial(then7.initial)
    rows.append(["Actions 43-46", "Initial reports overdue",
                 f"{len(overdue)}" + (": " + "; ".join(overdue["State Party"]) if len(overdue) else ""),
                 _trend(len(overdue), len(overdue_then), start_text),
                 "Initial reports more than 180 days after entry into force with no record of submission (named)."])
    rate, rate_then = latest_rate(fig7.rates, as_of), latest_rate(fig7.rates, before)
    rows.append(["Actions 43-46", "Annual reports by 30 April",
                 "no report due" if rate is None else f"{per_cent(rate[1], rate[2])} ({rate[1]} of {rate[2]}, {rate[0]} reports)",
                 "" if rate_then is None else f"{per_cent(rate_then[1], rate_then[2])} for {rate_then[0]} ({rate_then[1]} of {rate_then[2]})",
                 "Reports on record by 30 April for the latest calendar year due, of the States Parties owing one."])
    rows.append(_implementing_states_row(fig7, tracker))
    (n9, d9) = measures_in_place(article9_figures.measure_counts(con, as_of))
    (t9, _) = measures_in_place(article9_figures.measure_counts(con, before))
    rows.append(["National implementation", "Article 9 measures in place", f"{n9} of {d9} ({per_cent(n9, d9)})",
                 _trend(n9, t9, start_text), "Specific legislation adopted, or existing law deemed sufficient, on record."])
    rows += [[a, theme, NOT_MEASURED, "", why] for a, theme, why in UNMEASURED]
    return pd.DataFrame(rows, columns=COLUMNS)


def _implementing_states_row(fig7: Article7Figures, tracker: pd.DataFrame) -> list[str]:
    """Annual reports every year by the States Parties implementing Article 3 or 4 or retaining munitions."""
    implementing = set(tracker.loc[(tracker["status"] != "completed") | (tracker["retained_munitions"].fillna(0) > 0),
                                   "iso3"])
    annual = fig7.annual[fig7.annual["iso3"].isin(implementing)]
    every = annual.groupby("iso3")["status"].apply(lambda s: bool((s != "no record in data").all()))
    return ["Actions 43-46", "Annual reports every year by States implementing Article 3 or 4 or retaining munitions",
            f"{int(every.sum())} of {len(implementing)} ({per_cent(int(every.sum()), len(implementing))})", "",
            ("States with an Article 3 or 4 obligation not completed, or retaining munitions, with a record for every "
            "annual report due.")]
