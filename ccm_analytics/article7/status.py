"""Article 7 statuses on a date, as the pages show them: the rule is the SQL macro `article7_detail_at`
(behind the public view `article7_status`); this module only adds the States' names and regions and
the days late, arithmetic on the rule's dates."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.store import queries

_STATE_COLUMNS = ["iso3", "state_name", "un_region", "entry_into_force_date"]


def initial_reports(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str | None = None) -> pd.DataFrame:
    """One row per State Party on `as_of` (or only `iso3`): its initial report's due date, submission
    (date, precision, submitted_by, source), the listing as outstanding it was last named on, status
    and days late (late: days from the due date to a submission known to the day; overdue: to `as_of`)."""
    as_of = pd.Timestamp(as_of)
    rows = queries.article7_detail_at(con, as_of, "initial", iso3)
    states = queries.state_status_at(con, as_of)[_STATE_COLUMNS]
    out = states.merge(rows.drop(columns=["report_type", "reporting_year"]), on="iso3", how="inner")
    late = (out["status"] == "submitted late") & (out["submitted_date_precision"] == "day")
    days = pd.Series(pd.NA, index=out.index, dtype="Int64")
    days[late] = (out.loc[late, "submitted_date"] - out.loc[late, "due_date"]).dt.days
    days[out["status"] == "submitted on time"] = 0
    overdue = out["status"] == "overdue"
    days[overdue] = (as_of - out.loc[overdue, "due_date"]).dt.days
    out["days_late"] = days
    return out.reset_index(drop=True)


def annual_reports(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per State and calendar year whose annual report it owes on `as_of` (iso3, state_name,
    un_region, reporting_year, due_date, submitted_date and precision, submitted_by, status, source)."""
    rows = queries.article7_detail_at(con, as_of, "annual")
    names = queries.table(con, "states")[["iso3", "state_name", "un_region"]]
    out = names.merge(rows, on="iso3", how="inner")
    out["reporting_year"] = out["reporting_year"].astype("int64")
    columns = ["iso3", "state_name", "un_region", "reporting_year", "due_date", "submitted_date",
               "submitted_date_precision", "submitted_by", "status", "source"]
    return out[columns].sort_values(["iso3", "reporting_year"]).reset_index(drop=True)
