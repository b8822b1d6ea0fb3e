"""The Coordination Committee meeting pack: build it (`compose`), write its files (HTML, PDF, .docx).

`write_pack` writes the files for one reference date, period and Meeting; `pack_files` gives them as bytes
for download buttons."""
from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from ccm_analytics.article5 import figures as article5_figures
from ccm_analytics.domain.period import Period, since_period
from ccm_analytics.lausanne import figures as lausanne_figures
from ccm_analytics.meeting_pack.compose import Pack, build_pack
from ccm_analytics.meeting_pack.docx import render_docx
from ccm_analytics.meeting_pack.html import render_html
from ccm_analytics.meeting_pack.pdf import (
    CHROMIUM_ARGS,
    chromium_available,
    chromium_path,
    render_pdf,
)
from ccm_analytics.spending import figures as spending_figures

__all__ = [
    "BUILD_SECONDS",
    "CHROMIUM_ARGS",
    "READS",
    "Pack",
    "build_pack",
    "chromium_available",
    "chromium_path",
    "default_since",
    "pack_files",
    "render_docx",
    "render_html",
    "render_pdf",
    "write_pack",
]

# What the pack reads: the union of its sections' features (their lineage).
READS = tuple(dict.fromkeys(lausanne_figures.READS + article5_figures.READS + spending_figures.READS))
BUILD_SECONDS = ("about 10 seconds for the HTML, 15 with the PDF and 25 with the Word file and its charts "
                 "(measured on 2 cores; the preview above is built once per date and period)")


def write_pack(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period, out: Path, pdf: bool = True,
               docx: bool = True, meeting: pd.Timestamp | None = None,
               progress: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Write the pack to `out` (.html, or .docx for the Word file alone) and, beside it, the PDF and the
    Word file when asked; return the files written."""
    out = Path(out)
    pack = build_pack(con, as_of, period, meeting, progress)
    if out.suffix == ".docx":
        progress("writing the Word file")
        return [render_docx(pack, out)]
    progress("writing HTML")
    out.write_text(render_html(pack), encoding="utf-8")
    written = [out]
    if pdf:
        progress("printing PDF")
        written.append(render_pdf(out, out.with_suffix(".pdf")))
    if docx:
        progress("writing the Word file")
        written.append(render_docx(pack, out.with_suffix(".docx")))
    return written


def default_since(as_of: pd.Timestamp) -> pd.Timestamp:
    """The start of the period when none is given: one year before `as_of`."""
    return since_period(as_of).start


def pack_files(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period, pdf: bool = True,
               docx: bool = True, meeting: pd.Timestamp | None = None,
               progress: Callable[[str], None] = lambda _: None) -> dict[str, bytes]:
    """The pack's files as {file name: content}, named for the reference date (for download buttons)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"ccm-implementation-status_{pd.Timestamp(as_of).date().isoformat()}.html"
        return {path.name: path.read_bytes()
                for path in write_pack(con, as_of, period, out, pdf, docx, meeting, progress)}
