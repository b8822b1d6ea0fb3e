"""Deadlines: which Article 3, 4 and 7 deadlines fall due in a window after the reference date."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ccm_analytics.domain.treaty import next_annual_report_due

UPCOMING_COLUMNS = ["deadline", "iso3", "state_name", "due_date", "status"]


def _sorted(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=UPCOMING_COLUMNS)
    return frame.sort_values(["due_date", "deadline", "state_name"]).reset_index(drop=True)


def upcoming_obligation_deadlines(obligations: pd.DataFrame, as_of: pd.Timestamp, months: int = 12) -> pd.DataFrame:
    """One row per Article 3 or 4 deadline falling due after `as_of` and within `months`: what
    ("Article 4 clearance"), who, when (`due_date`), status. `obligations` is an `obligation_deadlines`
    frame for `as_of`; completed obligations are left out."""
    as_of = pd.Timestamp(as_of)
    end = as_of + pd.DateOffset(months=months)
    ob = obligations[(obligations["current_deadline"] > as_of) & (obligations["current_deadline"] <= end)
                     & (obligations["status"] != "completed")]
    # whole columns (no Python loop of ours over the rows)
    what = ("Article " + ob["article"].astype(int).astype(str)
            + np.where(ob["article"] == 3, " stockpile destruction", " clearance"))
    return _sorted(ob.assign(deadline=what, due_date=ob["current_deadline"])[UPCOMING_COLUMNS])


def upcoming_report_deadlines(initial_reports: pd.DataFrame, in_force_count: int, as_of: pd.Timestamp,
                              months: int = 12) -> pd.DataFrame:
    """One row per Article 7 report due after `as_of` and within `months`: each initial report, and one row
    for the annual reports of all States Parties for which the Convention is in force (when any is).
    Columns as `upcoming_obligation_deadlines`; `initial_reports` is `article7.status.initial_reports` for `as_of`."""
    as_of = pd.Timestamp(as_of)
    end = as_of + pd.DateOffset(months=months)
    ir = initial_reports[(initial_reports["due_date"] > as_of) & (initial_reports["due_date"] <= end)]
    rows = ir.assign(deadline="Article 7 initial report")[UPCOMING_COLUMNS].to_dict("records")
    annual = next_annual_report_due(as_of)
    if annual <= end and in_force_count:
        rows.append({"deadline": f"Article 7 annual reports (calendar year {annual.year - 1})", "iso3": None,
                     "state_name": f"all {in_force_count} States Parties for which the Convention is in force",
                     "due_date": annual, "status": "due"})
    return _sorted(rows)


DEADLINE_PASSED_REQUESTED = "deadline passed, extension requested"
# The statuses of an obligation with an extension request awaiting a recorded decision.
PENDING_STATUSES = (DEADLINE_PASSED_REQUESTED, "extension requested")


def unconfirmed_obligations(stockpiles: pd.DataFrame, clearance: pd.DataFrame) -> set[tuple[str, int]]:
    """(iso3, article) of every Article 3 or 4 obligation the data do not confirm: a stockpile whose status is
    unknown (article3_stockpiles), remnants whose obligation is unconfirmed (article4_clearance), as in
    `obligation_deadlines` (`confirmed` false)."""
    a3 = stockpiles.loc[stockpiles["stockpile_status"] == "unknown", "iso3"]
    a4 = clearance.loc[~clearance["obligation"].isin(["yes", "no"]), "iso3"]
    return {(i, 3) for i in a3} | {(i, 4) for i in a4}
