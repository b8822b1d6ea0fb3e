"""The meeting pack as an editable Word document (python-docx): Heading 1 per theme, Heading 2 per table,
'Table Grid' tables with numbers right-aligned, charts as PNG images drawn offline by kaleido (Debian's
Chromium, maps from the project's static/ folder). Where kaleido cannot run, the document says
"chart not available" in the chart's place."""
from __future__ import annotations

import io
import os
import threading
import warnings
from pathlib import Path

import kaleido
import plotly.io as pio
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ccm_analytics.formats.section import Section, Table, numeric_columns
from ccm_analytics.meeting_pack.compose import Pack
from ccm_analytics.meeting_pack.html import intro, title
from ccm_analytics.paths import STATIC_DIR

CHART_NOT_AVAILABLE = "Chart not available: the chart could not be drawn offline on this server."
CHART_WIDTH_CM = 16
# One Chromium for all of a document's charts (a browser per chart costs seconds each); kaleido's server is a
# process-wide singleton, so two sessions writing Word files at once take turns.
_CHARTS_LOCK = threading.Lock()


def _point_kaleido_offline() -> None:
    os.environ.setdefault("BROWSER_PATH", "/usr/bin/chromium")  # where choreographer (kaleido 1.x) looks first
    pio.defaults.topojson = STATIC_DIR.resolve().as_uri() + "/"  # maps drawn from static/, never from a CDN


def chart_png(figure: object) -> bytes | None:
    """The figure as PNG bytes through kaleido and Debian's Chromium, maps from static/; None if it cannot run."""
    _point_kaleido_offline()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")  # the shared server's options hold
            return figure.to_image(format="png", width=1000, height=520, scale=1)
    except Exception:  # noqa: BLE001 - any failure to start or drive Chromium means no image, said in the document
        return None


def _table(document: Document, table: Table) -> None:
    document.add_heading(table.caption, level=2)
    frame = table.frame
    numeric = set(numeric_columns(frame))
    grid = document.add_table(rows=1, cols=len(frame.columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, frame.columns):
        cell.text = str(column)
        cell.paragraphs[0].runs[0].bold = True
        if column in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = grid.add_row().cells
        for cell, column, value in zip(cells, frame.columns, row):
            cell.text = "unknown" if value is None else str(value)
            if column in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if table.total and i == len(frame) - 1:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def _section(document: Document, number: int | None, section: Section, charts: bool) -> None:
    document.add_heading(f"{number}. {section.heading}" if number else section.heading, level=1)
    for sentence in section.sentences:
        paragraph = document.add_paragraph(sentence)
        if section.empty:
            paragraph.runs[0].italic = True
    if section.chart is not None:
        png = chart_png(section.chart) if charts else None
        if png is None:
            document.add_paragraph(CHART_NOT_AVAILABLE)
        else:
            document.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    for table in section.tables:
        _table(document, table)
    if section.sources:
        source = document.add_paragraph("Sources: " + "; ".join(section.sources) + ".")
        source.runs[0].font.size = Pt(9)


def render_docx(pack: Pack, out: Path, charts: bool = True) -> Path:
    """Write the pack to `out` as .docx; `charts=False` leaves every chart out (said in its place)."""
    document = Document()
    document.add_heading(title(pack), level=0)
    document.add_paragraph(intro(pack))
    with _CHARTS_LOCK:
        started = charts and _start_chart_server()
        try:
            for number, section in enumerate(pack.sections, start=1):
                _section(document, number, section, charts)
            _section(document, None, pack.lap, charts)
        finally:
            if started:
                kaleido.stop_sync_server(silence_warnings=True)
    document.save(str(out))
    return Path(out)


def _start_chart_server() -> bool:
    """Start kaleido's shared Chromium; False if it cannot start (each chart then tries on its own)."""
    _point_kaleido_offline()
    try:
        # mathjax=False: kaleido's page would otherwise load MathJax from its CDN; no chart here uses LaTeX
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    except Exception:  # noqa: BLE001 - no browser: chart_png says "chart not available" chart by chart
        return False
    return True
