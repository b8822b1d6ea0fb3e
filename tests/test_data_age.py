"""The age of the data (issue 13): a page warns when its reference date is more than six months after
the date its data are current to. Hand-worked cases, then the notice on a page."""
import pandas as pd
import pytest
from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

from ccm_analytics.formats.text import markdown_literal
from ccm_analytics.store.provenance import (
    STALE_AFTER_MONTHS,
    add_months,
    is_stale,
    stale_data_notice,
    whole_months_between,
)

SENTENCE_14 = ("These figures use data current to September 2025, 14 months before the reference date: "
               "later reports and decisions are not included.")


def _sources():
    # Two files current to September 2025 (known to the month: current to 30 September), one to November
    # 2020, one to 15 March 2024 (known to the day), one undated reference list.
    return pd.DataFrame({
        "file": ["treaty_events.csv", "article7_reports.csv", "isu_budget.csv", "day.csv", "states.csv"],
        "current_to": pd.to_datetime(["2025-09-01", "2025-09-01", "2020-11-01", "2024-03-15", None]),
        "current_to_precision": ["month", "month", "month", "day", None]})


def test_threshold_is_six_months():
    assert STALE_AFTER_MONTHS == 6


def test_adding_months_keeps_the_end_of_a_month():
    assert add_months("2025-09-30", 6) == pd.Timestamp("2026-03-31")  # end of September + 6: end of March
    assert add_months("2025-09-15", 6) == pd.Timestamp("2026-03-15")
    assert add_months("2026-01-31", 1) == pd.Timestamp("2026-02-28")
    assert add_months("2026-01-30", 1) == pd.Timestamp("2026-02-28")  # no 30 February: cut to the month's end


def test_whole_months_between():
    assert whole_months_between("2025-09-30", "2026-12-01") == 14  # 30 Nov 2026 is 14 months on; 31 Dec is 15
    assert whole_months_between("2025-09-30", "2026-12-31") == 15
    assert whole_months_between("2025-09-30", "2026-03-31") == 6
    assert whole_months_between("2025-09-30", "2026-03-30") == 5
    assert whole_months_between("2025-09-30", "2025-09-30") == 0
    assert whole_months_between("2025-09-30", "2024-01-01") == 0  # a reference date before the data


def test_stale_only_after_more_than_six_months():
    assert not is_stale(pd.Timestamp("2025-09-30"), pd.Timestamp("2026-03-31"))  # exactly six months
    assert is_stale(pd.Timestamp("2025-09-30"), pd.Timestamp("2026-04-01"))
    assert not is_stale(pd.Timestamp("2024-03-15"), pd.Timestamp("2024-09-15"))
    assert is_stale(pd.Timestamp("2024-03-15"), pd.Timestamp("2024-09-16"))
    assert not is_stale(pd.NaT, pd.Timestamp("2030-01-01"))  # an undated file is never called old


def test_notice_for_fourteen_months():
    files = ["treaty_events.csv", "article7_reports.csv", "states.csv"]
    assert stale_data_notice(_sources(), files, pd.Timestamp("2026-12-01")) == SENTENCE_14


def test_month_precision_counts_from_the_end_of_the_month():
    files = ["treaty_events.csv"]
    # September 2025 means current to 30 September: six months on is 31 March 2026, no notice yet.
    assert stale_data_notice(_sources(), files, pd.Timestamp("2026-03-31")) is None
    assert stale_data_notice(_sources(), files, pd.Timestamp("2025-09-30")) is None
    assert stale_data_notice(_sources(), files, pd.Timestamp("2026-04-01")) == (
        "These figures use data current to September 2025, more than 6 months before the reference date: "
        "later reports and decisions are not included.")


def test_day_precision_exactly_six_months_is_no_notice():
    assert stale_data_notice(_sources(), ["day.csv"], pd.Timestamp("2024-09-15")) is None
    assert stale_data_notice(_sources(), ["day.csv"], pd.Timestamp("2025-04-16")) == (
        "These figures use data current to 15 March 2024, 13 months before the reference date: "
        "later reports and decisions are not included.")


def test_files_of_different_dates_are_named():
    files = ["treaty_events.csv", "article7_reports.csv", "isu_budget.csv"]
    assert stale_data_notice(_sources(), files, pd.Timestamp("2026-12-01")) == (
        "These figures use data current to September 2025 (article7_reports.csv, treaty_events.csv), "
        "14 months before the reference date, and to November 2020 (isu_budget.csv), 72 months before it: "
        "later reports and decisions are not included.")
    # Only the budget is old on 30 September 2025: only it is named (30 Nov 2020 + 58 months = 30 Sep 2025).
    assert stale_data_notice(_sources(), files, pd.Timestamp("2025-09-30")) == (
        "These figures use data current to November 2020 (isu_budget.csv), 58 months before the reference "
        "date: later reports and decisions are not included.")


def test_no_notice_without_dated_files():
    assert stale_data_notice(_sources(), ["states.csv"], pd.Timestamp("2040-01-01")) is None
    assert stale_data_notice(_sources(), ["not_listed.csv"], pd.Timestamp("2040-01-01")) is None


def test_markdown_literal_escapes_punctuation():
    assert markdown_literal("isu_budget.csv") == r"isu\_budget\.csv"
    assert markdown_literal("![x](http://h/p.png)") == r"\!\[x\]\(http\:\/\/h\/p\.png\)"
    assert markdown_literal("plain words 2025") == "plain words 2025"


def _page(as_of: str) -> AppTest:
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.query_params["as_of"] = as_of
    at.run()
    at.switch_page("pages/universalization.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# The fixture's treaty events are current to 30 September 2025, known to the day (provenance.csv); its
# States list is undated. 1 December 2026 is 14 whole months on (30 November 2026), more than six; 31 March
# 2026 is exactly six (the end of September + 6 months), so no notice yet.
PAGE_SENTENCE_14 = ("These figures use data current to 30 September 2025, 14 months before the reference date: "
                    "later reports and decisions are not included.")


@pytest.mark.parametrize("as_of, shown", [("2026-12-01", True), ("2026-03-31", False),
                                           ("2025-09-30", False)])
def test_universalization_page_warns_of_old_data(db_path, as_of, shown):
    at = _page(as_of)
    notices = [w.value for w in at.warning if "later reports and decisions are not included" in w.value]
    if shown:
        assert notices == [PAGE_SENTENCE_14]
    else:
        assert notices == []
