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


# --- issue 17: formula injection and characters Excel cannot hold --------------------------------

HOSTILE_CELLS = ["=cmd|' -C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def test_formula_like_values_are_neutralised_in_csv():
    import csv as csv_module
    import io as io_module

    from ccm_analytics.formats.downloads import csv_bytes
    frame = pd.DataFrame({"file_name": HOSTILE_CELLS + ["plain", "-"], "=x": range(8)})
    rows = list(csv_module.reader(io_module.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0] == ["file_name", "'=x"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE_CELLS] + ["plain", "'-"]
    assert rows[1][1] == "0"  # numbers stay numbers (a negative number is a value, not text)


def test_formula_like_values_are_text_in_excel_and_control_characters_do_not_break_it():
    import io as io_module

    import openpyxl

    from ccm_analytics.formats.downloads import has_excel_illegal, xlsx_bytes
    frame = pd.DataFrame({"file_name": HOSTILE_CELLS + ["bell\x07", "nul\x00"], "n": [-1] * 8})
    assert has_excel_illegal(frame)
    sources = pd.DataFrame({"file": ["=evil.csv"], "current_to": [pd.Timestamp("2025-01-01")]})
    book = openpyxl.load_workbook(io_module.BytesIO(xlsx_bytes(frame, sources, pd.Timestamp("2025-01-01"), "x")))
    sheet = book["data"]
    cells = [sheet.cell(row=r, column=1) for r in range(2, 10)]
    assert all(c.data_type == "s" for c in cells)  # no formula cell
    assert [c.value for c in cells] == ["'" + v for v in HOSTILE_CELLS] + ["bell\\x07", "nul\\x00"]
    assert sheet.cell(row=2, column=2).value == -1
    assert book["sources"].cell(row=5, column=1).value == "'=evil.csv"
