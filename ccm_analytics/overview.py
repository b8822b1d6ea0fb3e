"""The Overview page's figures, as one pure function of the frames it reads."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .budget import budget_for_year
from .deadlines import upcoming_deadlines
from .reports import initial_report_status
from .universalization import headline_counts


@dataclass
class Overview:
    counts: dict[str, int]
    upcoming: pd.DataFrame
    initial_overdue: int
    initial_unknown: int
    budget_year: int | None
    budget_centimes: int | None


def overview(status: pd.DataFrame, obligations: pd.DataFrame, report_records: pd.DataFrame,
             budget_lines: pd.DataFrame, as_of: pd.Timestamp, reports_current_to: pd.Timestamp) -> Overview:
    """Headline figures for `as_of` from the state_status, obligation_deadlines, article7_reports
    and budget frames for that date."""
    counts = headline_counts(status)
    initial = initial_report_status(status, report_records, as_of, reports_current_to)
    upcoming = upcoming_deadlines(obligations, initial, counts["in_force"], as_of)
    year, total = budget_for_year(budget_lines, pd.Timestamp(as_of).year)
    return Overview(counts, upcoming, int((initial["status"] == "overdue").sum()),
                    int((initial["status"] == "unknown").sum()), year, total)
