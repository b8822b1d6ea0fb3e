"""Reading an uploaded file (CSV or Excel .xlsx) into rows of text, with every problem found on the way.

Nothing here knows the schema: the result is a header and rows of strings (None for an empty
cell), plus `Problem`s for what makes the file unreadable (empty, too large, not UTF-8, not CSV,
formulas in an Excel sheet). Validation against the schema happens in `import_validation`.
"""
from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter

from ccm_analytics.domain.problems import Problem

# 5 MB holds ~50,000 rows of any table the ISU keeps; every real update is far smaller.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000  # an .xlsx is read cell by cell and stops here: a 1 MB file can declare millions
MAX_COLUMNS = 200
# Before parsing, the sheet's XML is decompressed in chunks (at most this much) and its cell tags counted:
# 5 million empty cells fit in 60 KB of .xlsx, and parsing 2 million of them would take many seconds.
MAX_SHEET_XML_BYTES = 256 * 1024 * 1024
# Control characters no cell may hold (tab, newline and carriage return are allowed in free text):
# a stored BEL or NUL would break the Excel download of its table for every viewer.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CSV_SUFFIXES = (".csv", ".txt")
EXCEL_SUFFIXES = (".xlsx",)


def max_bytes() -> int:
    """The upload limit in bytes: $CCM_IMPORT_MAX_BYTES, else 5 MB."""
    try:
        return int(os.environ.get("CCM_IMPORT_MAX_BYTES") or DEFAULT_MAX_BYTES)
    except ValueError:
        return DEFAULT_MAX_BYTES


@dataclass
class RawTable:
    """A file read as text: column names as written, and one list of cells per data row."""

    header: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    file_format: str = "csv"
    delimiter: str = ","

    @property
    def readable(self) -> bool:
        return not self.problems


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_file(name: str, content: bytes, limit: int | None = None) -> RawTable:
    """The file's header and rows as text; `problems` says why it cannot be read, if it cannot."""
    limit = max_bytes() if limit is None else limit
    if len(content) > limit:
        return RawTable(problems=[Problem(None, None, f"The file is {_size_text(len(content))}; files over "
                                          f"{_size_text(limit)} are refused. Split it into smaller files.")])
    if not content.strip(b" \t\r\n\xef\xbb\xbf"):
        return RawTable(problems=[Problem(None, None, "The file is empty.")])
    suffix = os.path.splitext(name.lower())[1]
    if suffix in EXCEL_SUFFIXES or content[:4] == b"PK\x03\x04":
        return _read_xlsx(content)
    if suffix == ".xls":
        return RawTable(problems=[Problem(None, None, "Old Excel files (.xls) are not read: save the sheet as "
                                          ".xlsx or as CSV UTF-8.")])
    if suffix not in CSV_SUFFIXES and suffix:
        return RawTable(problems=[Problem(None, None, f"Files ending in {suffix} are not read: upload a CSV "
                                          "(.csv) or Excel (.xlsx) file.")])
    return _read_csv(content)


def _read_csv(content: bytes) -> RawTable:
    if b"\x00" in content:  # anywhere in the file, not only in its first 64 KB
        return RawTable(problems=[Problem(None, None, "This is not a CSV file (it holds binary data). Upload a "
                                          "CSV (.csv) or Excel (.xlsx) file.")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[:error.start].count(b"\n") + 1
        return RawTable(problems=[Problem(line, None, "The file is not UTF-8 text (byte "
                                          f"{content[error.start]:#04x}). In Excel, save it as \"CSV UTF-8\".")])
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        return RawTable(problems=[Problem(None, None, f"This is not a readable CSV file: {error}.")])
    return _table(records, "csv", delimiter)


def _table(records: list[list], file_format: str, delimiter: str = ",") -> RawTable:
    """Header and rows from records (the first non-empty record is the header)."""
    raw = RawTable(file_format=file_format, delimiter=delimiter)
    while records and not any((c or "").strip() for c in records[0]):
        records = records[1:]
    if not records:
        raw.problems.append(Problem(None, None, "The file is empty."))
        return raw
    raw.header = [(c or "").strip() for c in records[0]]
    while raw.header and not raw.header[-1]:
        raw.header.pop()
    width = len(raw.header)
    body = records[1:]
    while body and not any((c or "").strip() for c in body[-1]):
        body.pop()  # trailing blank lines
    if len(body) > MAX_ROWS:
        raw.problems.append(Problem(None, None, f"The file has {len(body):,} rows; at most {MAX_ROWS:,} are read."))
        return raw
    if width <= 1 and body and max(len(r) for r in body) > 1 and file_format == "csv":
        raw.problems.append(Problem(None, None, "This does not look like CSV: the first row holds no separate "
                                    "column names (commas or semicolons)."))
        return raw
    for number, record in enumerate(body, start=2):
        cells = [None if c is None or not str(c).strip() else str(c).strip() for c in record]
        for position, cell in enumerate(cells):
            found = CONTROL_CHARACTERS.search(cell) if cell is not None else None
            if found:
                column = raw.header[position] if position < width else None
                raw.problems.append(Problem(number, column or None, f"the cell holds a control character "
                                            f"(U+{ord(found.group()):04X}); remove it (only tab and new line are "
                                            "allowed in text)."))
        extra = [c for c in cells[width:] if c is not None]
        if extra:
            raw.problems.append(Problem(number, None, f"The row has {len(record)} cells but the header names "
                                        f"{width} columns."))
        raw.rows.append((cells + [None] * width)[:width])
    return raw


def _cell_text(value: object) -> str | None:
    """An Excel cell's value as the text a CSV would hold (ISO dates, plain numbers)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else None
    return str(value)


def _read_xlsx(content: bytes) -> RawTable:
    too_large = _sheets_too_large(content)
    if too_large:
        return RawTable(problems=[Problem(None, None, f"The sheet is too large: {too_large} are read. "
                                          "Split it into smaller files.")])
    try:
        # read-only: rows are streamed from the file, so reading stops at the row and cell limits
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds (BadZipFile, KeyError, ...) on a damaged file
        return RawTable(problems=[Problem(None, None, f"This is not a readable Excel (.xlsx) file ({error}).")])
    try:
        return _read_sheet(book.worksheets[0])
    except Exception as error:  # a damaged sheet found while streaming
        return RawTable(problems=[Problem(None, None, f"This is not a readable Excel (.xlsx) file ({error}).")])
    finally:
        book.close()


def _sheets_too_large(content: bytes) -> str | None:
    """The limit a sheet's raw XML already exceeds (cell tags counted, bytes decompressed), else None.
    Every sheet: openpyxl parses each one whole on opening when it lacks a <dimension>. A quick look only:
    cells written with a namespace prefix are not counted here, and _read_sheet still stops at each limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError):
        return None  # openpyxl says what is wrong with it
    with archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                cells, size, tail = 0, 0, b""
                with archive.open(name) as xml:
                    while chunk := xml.read(1 << 20):
                        size += len(chunk)
                        if size > MAX_SHEET_XML_BYTES:
                            return f"at most {MAX_SHEET_XML_BYTES // (1024 * 1024)} MB of sheet data"
                        data = tail + chunk  # a 3-byte tag cut between chunks is counted once: the tail is 2 bytes
                        cells += data.count(b"<c ") + data.count(b"<c/") + data.count(b"<c>")
                        if cells > MAX_CELLS:
                            return f"at most {MAX_CELLS:,} cells"
                        tail = data[-2:]
    return None


def _read_sheet(sheet) -> RawTable:
    """The first sheet's records, counted as they are read: past MAX_ROWS rows or MAX_CELLS cells, stop."""
    problems, records, cells_read = [], [], 0
    for number, row in enumerate(sheet.iter_rows(), start=1):
        if len(records) > MAX_ROWS or len(row) > MAX_COLUMNS or cells_read + len(row) > MAX_CELLS:
            limit = (f"at most {MAX_COLUMNS} columns" if len(row) > MAX_COLUMNS else
                     f"at most {MAX_ROWS:,} rows" if len(records) > MAX_ROWS else f"at most {MAX_CELLS:,} cells")
            return RawTable(problems=[Problem(None, None, f"The sheet is too large: {limit} are read. "
                                              "Split it into smaller files.")])
        cells_read += len(row)
        record = []
        for position, cell in enumerate(row, start=1):
            if getattr(cell, "data_type", None) == "f":
                letter = get_column_letter(position)
                problems.append(Problem(number, letter, f"cell {letter}{number} holds a formula "
                                        f"({str(cell.value)[:40]}); imports take values only: copy the column "
                                        "and paste values."))
                record.append(None)
            else:
                record.append(_cell_text(getattr(cell, "value", None)))
        records.append(record)
    raw = _table(records, "xlsx")
    if problems and raw.header:
        # name the column by its header, where the formula sits under one
        letters = {get_column_letter(i + 1): h for i, h in enumerate(raw.header)}
        problems = [Problem(p.row, letters.get(p.column, p.column), p.message) for p in problems]
    raw.problems = problems + raw.problems  # only the first sheet is read; the template says so
    return raw
