"""Files for download: CSV and Excel with ISO dates, plain numbers and column names in the first row.

Pure functions (frame in, bytes out). An Excel file's second sheet, `sources`, holds the sources of
the data and the date they are current to.
"""
from __future__ import annotations

import io
from datetime import date, datetime
import pandas as pd


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text (YYYY-MM-DD), lists joined by "; ", everything else as it is."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            out[column] = series.dt.strftime("%Y-%m-%d").astype(object).where(series.notna(), None)
        elif series.dtype == object:
            out[column] = [
                v.strftime("%Y-%m-%d") if isinstance(v, (date, datetime, pd.Timestamp))
                else "; ".join(str(x) for x in v) if isinstance(v, (list, tuple))
                else v for v in series]
    return out


def file_name(stem: str, as_of: object, extension: str) -> str:
    """`<stem>_<YYYY-MM-DD>.<extension>`: the reference date in the file name."""
    return f"{stem}_{pd.Timestamp(as_of).strftime('%Y-%m-%d')}.{extension}"


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV: header row, ISO dates, plain numbers (Decimal written as is)."""
    return _plain(frame).to_csv(index=False).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, sources: pd.DataFrame, as_of: object, current_to_text: str) -> bytes:
    """An Excel workbook: sheet `data` (the frame) and sheet `sources` (the sources, the reference
    date and the date the data are current to)."""
    data = _plain(frame)  # Decimal amounts become numeric cells (openpyxl writes them as numbers)
    about = pd.DataFrame({"item": ["reference date", "data current to"],
                          "value": [pd.Timestamp(as_of).strftime("%Y-%m-%d"), current_to_text]})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        data.to_excel(writer, sheet_name="data", index=False)
        about.to_excel(writer, sheet_name="sources", index=False)
        _plain(sources).to_excel(writer, sheet_name="sources", index=False, startrow=len(about) + 2)
    return buffer.getvalue()
