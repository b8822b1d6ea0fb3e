"""The pack's period and next Meeting: pure date arithmetic, worked by hand."""
import pandas as pd
import pytest

from ccm_analytics.domain.period import (
    PROGRESS_REPORT,
    next_meeting,
    progress_report_period,
    report_period,
    since_period,
)

T = pd.Timestamp


@pytest.mark.parametrize("as_of, start, end", [
    ("2025-09-30", "2024-07-01", "2025-06-30"),  # the pack of 30 September 2025
    ("2025-06-30", "2024-07-01", "2025-06-30"),  # the period's last day: it has ended
    ("2025-06-29", "2023-07-01", "2024-06-30"),  # one day before: the previous period is the latest ended
    ("2025-01-01", "2023-07-01", "2024-06-30"),
])
def test_progress_report_period(as_of, start, end):
    period = progress_report_period(as_of)
    assert (period.start, period.end) == (T(start), T(end))


def test_since_period_defaults_to_one_year_and_includes_both_ends():
    period = since_period("2025-09-30")
    assert (period.start, period.end) == (T("2024-09-30"), T("2025-09-30"))
    inside = period.contains(pd.Series([T("2024-09-30"), T("2025-09-30"), T("2024-09-29"), pd.NaT]))
    assert inside.tolist() == [True, True, False, False]
    assert since_period("2025-09-30", "2025-03-01").start == T("2025-03-01")


def test_previous_period():
    assert progress_report_period("2025-09-30").previous() == report_period("2024-09-30", PROGRESS_REPORT)
    # 1 March to 30 September 2025 spans 214 days (both ends); the previous one ends 28 February 2025 and
    # starts 213 days before it: 28 July 2024 is 215 days before (31+31+30+31+30+31+31), so 30 July 2024
    previous = since_period("2025-09-30", "2025-03-01").previous()
    assert (previous.start, previous.end) == (T("2024-07-30"), T("2025-02-28"))


def test_next_meeting_is_the_next_september_or_the_given_day():
    assert next_meeting("2025-09-30") == T("2026-09-01")  # September 2025's Meeting has been held
    assert next_meeting("2025-08-31") == T("2025-09-01")
    assert next_meeting("2025-09-30", "2026-11-17") == T("2026-11-17")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        report_period("2025-09-30", "calendar year")
