"""The Overview page's figures, as one pure function of the frames it reads."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ccm_analytics.deadlines.extensions import (
    deadlines_passed_screen,
    deadlines_passed_without_decision,
)
from ccm_analytics.deadlines.obligations import (
    upcoming_obligation_deadlines,
    upcoming_report_deadlines,
)
from ccm_analytics.spending.budget import budget_for_year
from ccm_analytics.universalization.analysis import headline_counts


@dataclass
class Overview:
    counts: dict[str, int]
    upcoming_obligations: pd.DataFrame  # Article 3 and 4 deadlines in the next 12 months
    upcoming_reports: pd.DataFrame  # Article 7 reports due in the next 12 months
    passed: pd.DataFrame  # `extensions.deadlines_passed_without_decision` (ISO dates: the download)
    passed_table: pd.DataFrame  # its screen text
    initial_overdue: int
    initial_unknown: int
    budget_year: int | None
    budget_centimes: int | None


def overview(status: pd.DataFrame, obligations: pd.DataFrame, initial: pd.DataFrame,
             budget_lines: pd.DataFrame, as_of: pd.Timestamp, requests: pd.DataFrame,
             unconfirmed: set[tuple[str, int]]) -> Overview:
    """Headline figures for `as_of` from the state_status, obligation_deadlines and initial-report
    (`article7.status.initial_reports`) frames for that date, the budget lines, the extension requests
    known on the date (`extension_requests_at`) and the unconfirmed obligations (`deadlines.unconfirmed_obligations`)."""
    counts = headline_counts(status)
    passed = deadlines_passed_without_decision(obligations, requests, unconfirmed, as_of)
    year, total = budget_for_year(budget_lines, pd.Timestamp(as_of).year)
    return Overview(counts, upcoming_obligation_deadlines(obligations, as_of),
                    upcoming_report_deadlines(initial, counts["in_force"], as_of), passed,
                    deadlines_passed_screen(passed), int((initial["status"] == "overdue").sum()),
                    int((initial["status"] == "unknown").sum()), year, total)
