"""Files to download: CSV and Excel bytes from a frame (pure; the buttons are in ui.download_buttons).

Files hold ISO dates (2025-04-30) and plain numbers, column names in the first row. The Excel
workbook has a second sheet, "sources", with the reference date, the date the data are current to
and the provenance of the data files used.
"""
from __future__ import annotations

import io

import pandas as pd

DATA_SHEET = "data"
SOURCES_SHEET = "sources"


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with date columns as ISO text and missing values empty."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out


def file_name(stem: str, as_of: pd.Timestamp, extension: str) -> str:
    """`stem_YYYY-MM-DD.ext`: the reference date goes in the file name."""
    return f"{stem}_{pd.Timestamp(as_of):%Y-%m-%d}.{extension}"


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV: header row, ISO dates, plain numbers, empty for missing."""
    return _plain(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, sources: pd.DataFrame, as_of: pd.Timestamp, current_to_text: str) -> bytes:
    """An Excel workbook: the frame on sheet "data", and on sheet "sources" the reference date, the
    date the data are current to and the `sources` rows (e.g. the data_sources table)."""
    header = pd.DataFrame({"item": ["reference date", "data current to"],
                           "value": [f"{pd.Timestamp(as_of):%Y-%m-%d}", current_to_text]})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _plain(frame).to_excel(writer, sheet_name=DATA_SHEET, index=False)
        header.to_excel(writer, sheet_name=SOURCES_SHEET, index=False)
        _plain(sources).to_excel(writer, sheet_name=SOURCES_SHEET, index=False, startrow=len(header) + 2)
    return buffer.getvalue()
