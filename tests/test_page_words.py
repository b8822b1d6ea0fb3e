"""The page header's words: what the data are current to, by title, never by file name (ui.page)."""
import pandas as pd

from ccm_analytics.ui.page import SOURCE_COLUMNS, current_to_words, stale_words


def _sources():
    # Two files current to September 2025 (month precision: to 30 September), one to November 2020,
    # one undated reference list.
    return pd.DataFrame({
        "file": ["treaty_events.csv", "article7_reports.csv", "isu_budget.csv", "states.csv"],
        "title": ["Signatures and deposits", "Records about transparency reports", "ISU budget by line",
                  "States the app can show"],
        "current_to": pd.to_datetime(["2025-09-01", "2025-09-01", "2020-11-01", None]),
        "current_to_precision": ["month", "month", "month", None]})


def test_one_date_is_said_plainly():
    assert current_to_words(_sources(), ["treaty_events.csv", "article7_reports.csv", "states.csv"]) == \
        "September 2025"


def test_an_older_date_names_what_it_dates():
    words = current_to_words(_sources(), ["treaty_events.csv", "isu_budget.csv"])
    assert words == "September 2025; ISU budget by line: November 2020"
    assert ".csv" not in words


def test_nothing_dated_is_unknown():
    assert current_to_words(_sources(), ["states.csv"]) == "unknown"


def test_stale_notice_in_the_same_words():
    # 30 September 2025 to 1 December 2026: 14 whole months; 30 November 2020 to then: 72.
    assert stale_words(_sources(), ["treaty_events.csv", "isu_budget.csv"], pd.Timestamp("2026-12-01")) == (
        "These figures use data current to September 2025, 14 months before the reference date, and to "
        "November 2020 for ISU budget by line, 72 months before it: later reports and decisions are not included.")
    # 31 March 2026 is six months after 30 September 2025: not yet stale; the budget alone is.
    assert stale_words(_sources(), ["treaty_events.csv", "isu_budget.csv"], pd.Timestamp("2026-03-31")) == (
        "These figures use data current to November 2020 for ISU budget by line, 64 months before the reference "
        "date: later reports and decisions are not included.")
    assert stale_words(_sources(), ["treaty_events.csv"], pd.Timestamp("2026-03-31")) is None


def test_sources_footer_has_words_for_headers():
    assert all(" " in h or h.isalpha() for h in SOURCE_COLUMNS.values())
    assert "_" not in "".join(SOURCE_COLUMNS.values())
