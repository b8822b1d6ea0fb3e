"""Excel files that declare far more than they hold: refused by the row, column and cell limits of
store/imports/files.py in well under a second, before openpyxl parses the sheet (which took 189 s and 1.9 GB
for 5 million cells before the limits)."""
from __future__ import annotations

import io
import time
import zipfile

import openpyxl

from ccm_analytics.store.imports import files
from ccm_analytics.store.imports.files import read_file

HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def with_sheet(chunks) -> bytes:
    """A real workbook (openpyxl's) whose first sheet's XML is replaced by `chunks`."""
    book = openpyxl.Workbook()
    book.active.append(["iso3"])
    buffer = io.BytesIO()
    book.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with target.open(item.filename, "w") as xml:
                    for chunk in chunks:
                        xml.write(chunk.encode())
            else:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def empty_cells(rows: int, columns: int):
    row = "<row>" + "<c/>" * columns + "</row>"
    yield HEAD + "<sheetData>"
    for _ in range(rows // 1000):
        yield row * 1000
    yield "</sheetData></worksheet>"


def refused_in(content: bytes) -> tuple[str, float]:
    start = time.perf_counter()
    raw = read_file("bomb.xlsx", content)
    seconds = time.perf_counter() - start
    assert not raw.rows and len(raw.problems) == 1
    return raw.problems[0].message, seconds


def test_five_million_empty_cells_are_refused_at_once():
    bomb = with_sheet(empty_cells(33_000, 152))  # 5,016,000 cells, under MAX_COLUMNS per row
    assert len(bomb) < 100_000, "a small file: well under the 5 MB upload limit"
    message, seconds = refused_in(bomb)
    assert message == "The sheet is too large: at most 2,000,000 cells are read. Split it into smaller files."
    assert seconds < 2  # measured 0.09 s; parsing 2 million cells takes 10 s and more


def test_a_sheet_declaring_every_column_is_refused_at_once():
    # one real cell, a dimension of 16,384 columns x 1,048,576 rows: read-only openpyxl pads rows to it
    bomb = with_sheet([HEAD, '<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr">'
                             "<is><t>iso3</t></is></c></row></sheetData></worksheet>"])
    message, seconds = refused_in(bomb)
    assert message == "The sheet is too large: at most 200 columns are read. Split it into smaller files."
    assert seconds < 2


def test_the_quick_count_sees_a_tag_cut_between_chunks(monkeypatch):
    # 2,000,001 cells is one too many; chunks of 1 MB cut some "<c/>" tags in two, counted once all the same
    monkeypatch.setattr(files, "MAX_CELLS", 2_000_000)
    over = with_sheet([HEAD, "<sheetData><row>", "<c/>" * 2_000_001, "</row></sheetData></worksheet>"])
    assert files._sheets_too_large(over) == "at most 2,000,000 cells"
    exact = with_sheet([HEAD, "<sheetData><row>", "<c/>" * 2_000_000, "</row></sheetData></worksheet>"])
    assert files._sheets_too_large(exact) is None


def test_an_ordinary_workbook_passes_the_quick_look():
    content = with_sheet([HEAD, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>iso3</t></is></c></row>'
                                '<row r="2"><c r="A2" t="inlineStr"><is><t>LAO</t></is></c></row></sheetData>'
                                "</worksheet>"])
    raw = read_file("ok.xlsx", content)
    assert raw.header == ["iso3"] and raw.rows == [["LAO"]] and not raw.problems
