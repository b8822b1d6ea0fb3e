"""Deadlines: which Article 3, 4 and 7 deadlines fall due in a window after the reference date."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .reports import next_annual_report_due


def upcoming_deadlines(obligations: pd.DataFrame, initial_reports: pd.DataFrame, in_force_count: int,
                       as_of: pd.Timestamp, months: int = 12) -> pd.DataFrame:
    """One row per deadline falling due after `as_of` and within `months`: what, who, when, status.

    `obligations` is an `obligation_deadlines` frame for `as_of`, `initial_reports` the result of
    `reports.initial_report_status` for the same date. Completed obligations are left out.
    """
    as_of = pd.Timestamp(as_of)
    end = as_of + pd.DateOffset(months=months)
    ob = obligations[(obligations["current_deadline"] > as_of) & (obligations["current_deadline"] <= end)
                     & (obligations["status"] != "completed")]
    # whole columns, then records (no Python loop of ours over the rows)
    what = ("Article " + ob["article"].astype(int).astype(str)
            + np.where(ob["article"] == 3, " stockpile destruction", " clearance"))
    rows = ob.assign(deadline=what, due_date=ob["current_deadline"])[
        ["deadline", "iso3", "state_name", "due_date", "status"]].to_dict("records")
    ir = initial_reports[(initial_reports["due_date"] > as_of) & (initial_reports["due_date"] <= end)]
    rows += ir.assign(deadline="Article 7 initial report")[
        ["deadline", "iso3", "state_name", "due_date", "status"]].to_dict("records")
    annual = next_annual_report_due(as_of)
    if annual <= end and in_force_count:
        rows.append({"deadline": f"Article 7 annual reports (calendar year {annual.year - 1})", "iso3": None,
                     "state_name": f"all {in_force_count} States Parties for which the Convention is in force",
                     "due_date": annual, "status": "due"})
    frame = pd.DataFrame(rows, columns=["deadline", "iso3", "state_name", "due_date", "status"])
    return frame.sort_values(["due_date", "deadline", "state_name"]).reset_index(drop=True)
