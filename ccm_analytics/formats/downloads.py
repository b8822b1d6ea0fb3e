"""Files for download: CSV and Excel bytes from a frame, plain values, column names in the first row.

Dates are written as ISO dates (2010-08-01), numbers as numbers, missing values as empty cells.
The Excel file has a second sheet, "sources", holding the reference date, the date the data are
current to and the provenance of the data files used. Pure functions: no Streamlit here.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

import pandas as pd

DATE_FORMAT = "%Y-%m-%d"
EXCEL_DATE_FORMAT = "YYYY-MM-DD"
DATA_SHEET = "data"
SOURCES_SHEET = "sources"


# OWASP (CSV injection): a cell starting with one of these is a formula to a spreadsheet; a leading '
# makes it text. Applied to every text value of every CSV and Excel download, whatever its source.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters an Excel file cannot hold (openpyxl raises IllegalCharacterError): written as \x01 text.
_EXCEL_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralised(value: object) -> object:
    """Text that a spreadsheet would run as a formula, with a leading ' ; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def excel_text(value: object) -> object:
    """Text an Excel cell can hold: neutralised, control characters written as \\x01."""
    if not isinstance(value, str):
        return value
    return neutralised(_EXCEL_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", value))


def has_excel_illegal(frame: pd.DataFrame) -> bool:
    """True when some text in `frame` holds a control character an Excel file cannot (shown as \\x01 there)."""
    return any(isinstance(v, str) and _EXCEL_ILLEGAL.search(v) for column in frame.columns
               for v in frame[column]) or any(_EXCEL_ILLEGAL.search(str(c)) for c in frame.columns)


def csv_cell(value: object) -> object:
    """A value as a file holds it: ISO date, exact decimal, true/false, "a; b" for a list, "" for missing."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(csv_cell(v)) for v in value)
    if value is None or (not isinstance(value, (str, bytes)) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (pd.Timestamp, datetime)):
        ts = pd.Timestamp(value)
        return ts.strftime(DATE_FORMAT) if ts == ts.normalize() else ts.isoformat(sep=" ")
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a whole number that pandas widened to float beside a missing value
    return value


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for Excel: dates as datetimes without a time of day, lists as "a; b" text."""
    out = frame.reset_index(drop=True).copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = [pd.Timestamp(v).to_pydatetime() if isinstance(v, date)
                           else csv_cell(v) if isinstance(v, (list, tuple)) else v for v in out[column]]
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.normalize()
        elif out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = pd.Series([excel_text(v) for v in out[column]], index=out.index, dtype=object)
    out.columns = [excel_text(str(c)) for c in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV: header row, ISO dates, exact numbers, true/false, empty cells for missing values."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # csv quotes a field holding the line terminator ("\n") but not a lone "\r": such a row is quoted whole
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in [[str(c) for c in frame.columns], *frame.itertuples(index=False, name=None)]:
        cells = [neutralised(csv_cell(v)) for v in row]
        (quoted if any(isinstance(c, str) and "\r" in c for c in cells) else writer).writerow(cells)
    return out.getvalue().encode("utf-8")


def file_name(stem: str, as_of: pd.Timestamp, extension: str) -> str:
    """`targets_2026-11-28.csv`: the reference date goes in the file name."""
    return f"{stem}_{pd.Timestamp(as_of).strftime(DATE_FORMAT)}.{extension}"


def sources_sheet(sources: pd.DataFrame, as_of: pd.Timestamp, current_to_text: str) -> list[list]:
    """Rows of the "sources" sheet: reference date, data current to, a blank row, then the provenance table."""
    table = sources.drop(columns=[c for c in ("current_to_precision",) if c in sources.columns]).copy()
    if "current_to" in table.columns:
        table["current_to"] = pd.to_datetime(table["current_to"]).dt.strftime(DATE_FORMAT)
    rows: list[list] = [["reference_date", pd.Timestamp(as_of).strftime(DATE_FORMAT)],
                        ["data_current_to", current_to_text], []]
    rows.append(list(table.columns))
    rows += [[None if pd.isna(v) else v for v in record] for record in table.itertuples(index=False)]
    return rows


def xlsx_bytes(frame: pd.DataFrame, sources: pd.DataFrame, as_of: pd.Timestamp, current_to_text: str) -> bytes:
    """An Excel workbook: sheet "data" (the frame, header in row 1, dates as dates) and sheet "sources"."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl", date_format=EXCEL_DATE_FORMAT,
                        datetime_format=EXCEL_DATE_FORMAT) as writer:
        plain = _plain(frame)
        plain.to_excel(writer, sheet_name=DATA_SHEET, index=False)
        data = writer.sheets[DATA_SHEET]
        for number, column in enumerate(plain.columns, start=1):
            if pd.api.types.is_datetime64_any_dtype(plain[column]):
                for (cell,) in data.iter_rows(min_row=2, min_col=number, max_col=number):
                    cell.number_format = EXCEL_DATE_FORMAT
        sheet = writer.book.create_sheet(SOURCES_SHEET)
        for row in sources_sheet(sources, as_of, current_to_text):
            sheet.append([excel_text(v) for v in row])
    return buffer.getvalue()
