"""Download files: ISO dates, plain numbers, header row; the Excel workbook carries its sources."""
import io

import pandas as pd

from ccm_analytics import downloads

FRAME = pd.DataFrame({"iso3": ["AAA", "BBB"], "due_date": pd.to_datetime(["2025-04-30", None]),
                      "days_overdue": pd.array([12, None], dtype="Int64"), "report": ["initial report", "x, y"]})
SOURCES = pd.DataFrame({"file": ["article7_reports.csv"], "source": ["Monitor"],
                        "current_to": pd.to_datetime(["2025-09-01"])})


def test_csv_has_iso_dates_plain_numbers_and_empty_missing():
    text = downloads.csv_bytes(FRAME).decode("utf-8")
    assert text.splitlines() == ["iso3,due_date,days_overdue,report", "AAA,2025-04-30,12,initial report",
                                 'BBB,,,"x, y"']


def test_xlsx_has_the_rows_and_a_sources_sheet():
    book = pd.read_excel(io.BytesIO(downloads.xlsx_bytes(FRAME, SOURCES, pd.Timestamp("2025-09-30"),
                                                         "September 2025")), sheet_name=None, dtype=str)
    assert list(book) == ["data", "sources"]
    data = book["data"]
    assert data["iso3"].tolist() == ["AAA", "BBB"] and data.loc[0, "due_date"] == "2025-04-30"
    sources = book["sources"]
    assert sources.iloc[0].tolist()[:2] == ["reference date", "2025-09-30"]
    assert sources.iloc[1].tolist()[:2] == ["data current to", "September 2025"]
    assert "article7_reports.csv" in sources.to_string()


def test_file_name_carries_the_reference_date():
    assert downloads.file_name("article7_reminders", pd.Timestamp("2026-11-28"), "csv") == \
        "article7_reminders_2026-11-28.csv"
