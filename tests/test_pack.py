"""The meeting pack for 30 September 2025, period 1 July 2024 to 30 June 2025: the themes' figures, the
Word file read back, a self-contained HTML file, a PDF with its headings, the page."""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import PROJECT_DIR
from docx import Document
from pages_support import run_page
from pypdf import PdfReader

from ccm_analytics.domain.period import progress_report_period
from ccm_analytics.formats.section import snake_case_headers
from ccm_analytics.meeting_pack import pack
from ccm_analytics.meeting_pack.docx import CHART_NOT_AVAILABLE

AS_OF = pd.Timestamp("2025-09-30")
PERIOD = progress_report_period(AS_OF)
THEMES = ["Universalization", "Stockpile destruction and retention (Article 3)",
          "Clearance and risk reduction education (Article 4)", "Victim assistance (Article 5)",
          "International cooperation and assistance", "Transparency measures (Article 7)",
          "National implementation measures (Article 9)",
          "General status and operation of the Convention, and the ISU's finances"]


@pytest.fixture(scope="module")
def built(db_path):
    from ccm_analytics.store.build import connect_read_only
    con = connect_read_only(db_path)
    try:
        yield pack.build_pack(con, AS_OF, PERIOD)
    finally:
        con.close()


def test_eight_themes_in_the_committees_order(built):
    assert [s.heading for s in built.sections] == THEMES
    assert built.meeting == pd.Timestamp("2026-09-01")


def test_headline_figures(built):
    s = {x.heading: x.sentences for x in built.sections}
    assert s[THEMES[0]][0] == ("On 30 September 2025 the Convention has 112 States Parties (111 for which it is in "
                               "force) and 12 Signatories; 85 States are not party.")
    # Vanuatu's deposit (5 September 2025) is after the period; Lithuania's withdrawal (6 March 2025) in it
    assert s[THEMES[0]][1] == "0 States joined from 1 July 2024 to 30 June 2025."
    assert s[THEMES[0]][2] == "1 withdrawal took effect from 1 July 2024 to 30 June 2025: Lithuania (6 March 2025)."
    assert s[THEMES[2]][0].startswith("On 30 September 2025 19 States Parties have an Article 4 obligation on record; 9 ")
    assert s[THEMES[6]][0].startswith("On 30 September 2025 35 States Parties have national measures in place")
    assert s[THEMES[7]][0] == "The ISU budget for 2025 is CHF 497'138."  # 364'282 + 72'856 + 20'000 + 27'000 + 13'000
    assert s[THEMES[7]][1].startswith("Contributions: not loaded")  # shipped data hold none: never a made-up 0
    assert built.sections[4].empty and built.sections[3].empty  # no cooperation or Article 5 data: said in one line


def test_budget_in_the_work_plans_order_with_a_total(built):
    frame = built.sections[7].tables[0].frame
    assert frame["Budget line"].tolist() == ["Salaries", "Social charges", "Communication", "Travel",
                                             "Other implementation support costs", "Total"]
    assert frame["Amount (CHF)"].tolist()[-1] == "497'138"


def test_no_table_has_a_snake_case_header(built):
    for section in [*built.sections, built.lap]:
        for table in section.tables:
            assert snake_case_headers(table.frame) == [], (section.heading, table.caption)
        assert not any(".csv" in source or "zmjones" in source for source in section.sources)


def test_docx_reads_back_with_eight_theme_headings(built, tmp_path):
    path = pack.render_docx(built, tmp_path / "pack.docx")
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h.split(". ", 1)[1] for h in headings[:8]] == THEMES
    assert headings[8] == "Lausanne Action Plan progress"
    assert all(t.style.name == "Table Grid" for t in document.tables)
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        assert not [h for h in header if re.match(r"^[a-z0-9]+(_[a-z0-9]+)+$", h)], header
    budget = next(t for t in document.tables if t.rows[0].cells[0].text == "Budget line")
    assert budget.rows[-1].cells[1].paragraphs[0].alignment == 2  # right-aligned (WD_ALIGN_PARAGRAPH.RIGHT)
    pictures = len(document.inline_shapes)
    missing = sum(p.text == CHART_NOT_AVAILABLE for p in document.paragraphs)
    assert pictures + missing == sum(s.chart is not None for s in [*built.sections, built.lap]) > 0
    if pack.chromium_available():
        assert missing == 0  # kaleido drew every chart offline with Debian's Chromium (the map from static/)


def test_docx_says_chart_not_available_where_kaleido_cannot_run(built, tmp_path):
    document = Document(str(pack.render_docx(built, tmp_path / "nocharts.docx", charts=False)))
    assert len(document.inline_shapes) == 0
    assert sum(p.text == CHART_NOT_AVAILABLE for p in document.paragraphs) >= 5


class _Refs(HTMLParser):
    """Every URL the document would load: src, href and CSS url()."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("src", "href", "data", "poster", "srcset") and v]


def test_html_is_self_contained(built):
    text = pack.render_html(built)
    refs = _Refs()
    refs.feed(text)
    assert [u for u in refs.urls if re.match(r"^(https?:)?//", u)] == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert "window.PlotlyGeoAssets" in text and "world_110m" in text  # the map needs no download
    from ccm_analytics.workbench.brief import outside_hosts
    assert outside_hosts(text) == []
    assert "<h2>1. Universalization</h2>" in text and "page-break-inside:avoid" in text
    assert '<td class="num">497&#x27;138</td>' in text  # numbers right-aligned


def test_cli_writes_html_pdf_and_docx(db_path, tmp_path):
    from browser_support import require_chromium
    require_chromium()
    out = tmp_path / "pack.html"
    result = subprocess.run([sys.executable, "-m", "ccm_analytics", "pack", "--as-of", "2025-09-30",
                             "--period", "progress report", "--out", str(out)], cwd=PROJECT_DIR, capture_output=True, check=False,
                            text=True, env={**os.environ, "CCM_DB": str(db_path)}, timeout=400)
    assert result.returncode == 0, result.stderr
    assert "... printing PDF" in result.stderr  # progress is shown
    text = "\n".join(page.extract_text() for page in PdfReader(out.with_suffix(".pdf")).pages)
    for number, heading in enumerate(THEMES[:7], start=1):
        assert f"{number}. {heading}" in text.replace("\n", " ")
    assert out.with_suffix(".docx").exists()


def test_cli_writes_the_docx_alone(db_path, tmp_path):
    out = tmp_path / "pack.docx"
    result = subprocess.run([sys.executable, "-m", "ccm_analytics", "pack", "--as-of", "2025-09-30",
                             "--period", "progress report", "--out", str(out)], cwd=PROJECT_DIR, capture_output=True, check=False,
                            text=True, env={**os.environ, "CCM_DB": str(db_path)}, timeout=400)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert len([p for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]) == 9


def test_html_opened_from_disk_requests_nothing_outside(built, tmp_path):
    from browser_support import launch_browser, require_chromium
    require_chromium()
    path = tmp_path / "pack.html"
    path.write_text(pack.render_html(built), encoding="utf-8")
    with launch_browser() as browser:
        page = browser.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('.plot-container').length >= 5", timeout=30_000)
        page.wait_for_timeout(1000)
        countries = page.evaluate("() => document.querySelectorAll('path.choroplethlocation').length")
    assert countries > 100  # the status map drew its countries from the inlined topojson
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))] == []


def test_pack_page_previews_then_builds_the_files(db_path):
    at = run_page("pages/meeting_pack.py", {"as_of": "2025-09-30"}, timeout=300)
    assert [e.label for e in at.expander][:2] == ["1. Universalization", "2. Stockpile destruction and retention (Article 3)"]
    assert at.get("download_button") == []  # no button before the files exist
    assert any("Building the files takes" in c.value for c in at.caption)
    at.checkbox(key=at.checkbox[0].key).uncheck().run()  # HTML only: the PDF and Word file are tested above
    at.checkbox(key="pack_docx").uncheck().run()
    at.button(key="pack_build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [b.proto.label for b in at.get("download_button")] == ["Download ccm-implementation-status_2025-09-30.html"]
