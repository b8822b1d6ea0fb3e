"""Download files: ISO dates, plain numbers, header row; the Excel workbook carries its sources."""
import io

import pandas as pd

from ccm_analytics.formats import downloads

FRAME = pd.DataFrame({"iso3": ["AAA", "BBB"], "due_date": pd.to_datetime(["2025-04-30", None]),
                      "days_overdue": pd.array([12, None], dtype="Int64"), "report": ["initial report", "x, y"]})
SOURCES = pd.DataFrame({"file": ["article7_reports.csv"], "source": ["Monitor"],
                        "current_to": pd.to_datetime(["2025-09-01"])})


def test_csv_has_iso_dates_plain_numbers_and_empty_missing():
    text = downloads.csv_bytes(FRAME).decode("utf-8")
    assert text.splitlines() == ["iso3,due_date,days_overdue,report", "AAA,2025-04-30,12,initial report",
                                 'BBB,,,"x, y"']


def test_xlsx_has_the_rows_and_a_sources_sheet():
    import openpyxl
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(FRAME, SOURCES, pd.Timestamp("2025-09-30"),
                                                                  "September 2025")))
    assert book.sheetnames == ["data", "sources"]
    rows = list(book["data"].values)
    assert rows[0] == ("iso3", "due_date", "days_overdue", "report")
    assert rows[1][0] == "AAA" and rows[1][1].date().isoformat() == "2025-04-30" and rows[1][2] == 12
    assert rows[2][1] is None and rows[2][2] is None  # missing stays an empty cell
    info = list(book["sources"].values)
    assert info[0][:2] == ("reference_date", "2025-09-30") and info[1][:2] == ("data_current_to", "September 2025")
    assert any("article7_reports.csv" in row for row in info)


def test_file_name_carries_the_reference_date():
    assert downloads.file_name("article7_reminders", pd.Timestamp("2026-11-28"), "csv") == \
        "article7_reminders_2026-11-28.csv"
