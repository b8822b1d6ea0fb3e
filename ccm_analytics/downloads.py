"""Files for download, built from a frame: CSV, and Excel with a "sources" sheet. Pure: bytes out.

Files hold ISO dates and plain numbers (exact decimals, no thousands separators), column names in
the first row, and empty cells for missing values.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pandas as pd


def _plain(value: object) -> object:
    """A cell for a file: ISO date text, exact decimal text, true/false, '' for missing."""
    if value is None or (not isinstance(value, (str, bytes, list, tuple, dict)) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (pd.Timestamp, datetime)):
        ts = pd.Timestamp(value)
        return ts.date().isoformat() if ts == ts.normalize() else ts.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV: header row, ISO dates, plain numbers, empty for missing."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_plain(v) for v in row])
    return out.getvalue().encode("utf-8")


def _excel_cell(value: object) -> object:
    """A cell for openpyxl: dates as dates, numbers as numbers, missing as empty."""
    if value is None or (not isinstance(value, (str, bytes, list, tuple, dict)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return value.item()
    return value


def xlsx_bytes(frame: pd.DataFrame, sources: pd.DataFrame, as_of: object, current_to_text: str) -> bytes:
    """An Excel workbook: sheet "data" (the frame), sheet "sources" (provenance, reference date, currency)."""
    from openpyxl import Workbook

    wb = Workbook()
    data = wb.active
    data.title = "data"
    data.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        data.append([_excel_cell(v) for v in row])
    for column in data.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
    info = wb.create_sheet("sources")
    info.append(["figures as of", pd.Timestamp(as_of).date().isoformat()])
    info.append(["data current to", current_to_text])
    info.append([])
    info.append([str(c) for c in sources.columns])
    for row in sources.itertuples(index=False, name=None):
        info.append([_plain(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def file_name(stem: str, as_of: object, suffix: str) -> str:
    """`stem_YYYY-MM-DD.suffix`: the reference date in the file name."""
    return f"{stem}_{pd.Timestamp(as_of).date().isoformat()}.{suffix}"
