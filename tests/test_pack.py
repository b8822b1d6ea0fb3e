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
    # The fixture's 39 States: the 30 first instruments (IRL the 30th), GBR, BGR, PER, TCD and SSD are 35 States
    # Parties, all in force; LTU's withdrawal took effect 6 March 2025; VUT accedes only in 2026; IDN signed.
    # Not party: 39 - 35 = 4 (IDN, USA, LTU, VUT; the Signatory is counted among them).
    assert s[THEMES[0]][0] == ("On 30 September 2025 the Convention has 35 States Parties (35 for which it is in "
                               "force) and 1 Signatory; 4 States are not party.")
    # SSD joined in 2023, VUT in 2026: nobody in the period; Lithuania's withdrawal (6 March 2025) in it
    assert s[THEMES[0]][1] == "0 States joined from 1 July 2024 to 30 June 2025."
    assert s[THEMES[0]][2] == "1 withdrawal took effect from 1 July 2024 to 30 June 2025: Lithuania (6 March 2025)."
    status = built.sections[0].tables[0].frame.set_index("Status")
    # 30 June 2024: LTU still a party (36), VUT and USA not party and IDN a Signatory (3); now the reverse for LTU
    assert status.loc["States Parties"].tolist() == ["36", "35"]
    assert status.loc["States not party"].tolist() == ["3", "4"]
    # Article 3: AUT, BGR, GBR, PER (destroyed, the date not in the data) and SEN (unknown); ESP destroyed before
    # entry into force and NOR has no stockpile: no obligation. Completed: all but SEN; by the original deadline
    # (entry into force + 8 years) AUT (2010) and GBR (2013); BGR needed its extension; PER's date is not known.
    assert s[THEMES[1]][0] == ("On 30 September 2025 5 States Parties have an Article 3 obligation on record; "
                               "4 completed it (0 from 1 July 2024 to 30 June 2025, 2 by the original deadline).")
    # Article 4: HRV, MOZ, DEU, LAO, SSD, TCD (GBR has none); HRV completed 10 July 2019, before 1 June 2020;
    # MOZ by 31 December 2018 (the date itself not in the data), before its deadline of 1 June 2020 too. LAO's
    # request of 2024 awaits a decision; LAO (1 August 2025) and TCD (1 October 2024, no request) have passed;
    # DEU (2030) and SSD (2034) are beyond 24 months.
    assert s[THEMES[2]][0] == ("On 30 September 2025 6 States Parties have an Article 4 obligation on record; "
                               "2 completed it (0 from 1 July 2024 to 30 June 2025, 2 by the original deadline).")
    assert s[THEMES[2]][1] == ("1 request awaits a recorded decision; 2 deadlines have passed without one; "
                               "0 fall due in the next 12 months and 0 in the next 24.")
    # Article 9: AUT and NOR specific legislation, DEU existing law: 3 of 35 = 8.57 -> 8.6 per cent
    assert s[THEMES[6]][0] == ("On 30 September 2025 3 States Parties have national measures in place (specific "
                               "legislation, or existing law deemed sufficient): 8.6 per cent of 35.")
    assert s[THEMES[7]][0] == "The ISU budget for 2025 is CHF 524'000."  # 380'000 + 76'000 + 10'000 + 30'000 + 28'000
    assert s[THEMES[7]][1].startswith("Contributions: not loaded")  # the fixture holds none: never a made-up 0
    assert built.sections[4].empty and built.sections[3].empty  # no cooperation or Article 5 data: said in one line
    assert not built.sections[0].empty and not built.sections[7].empty


def test_budget_in_the_work_plans_order_with_a_total(built):
    frame = built.sections[7].tables[0].frame
    assert frame["Budget line"].tolist() == ["Salaries", "Social charges", "Communication", "Travel",
                                             "Other implementation support costs", "Total"]
    assert frame["Amount (CHF)"].tolist() == ["380'000", "76'000", "10'000", "30'000", "28'000", "524'000"]


def test_no_table_has_a_snake_case_header(built):
    tables = [table for section in [*built.sections, built.lap] for table in section.tables]
    # Universalization 2, Articles 3 and 4 two each, Article 7 three, Article 9 one, the budget one, the Plan one
    assert len(tables) == 12
    for section in [*built.sections, built.lap]:
        for table in section.tables:
            assert snake_case_headers(table.frame) == [], (section.heading, table.caption)
        # sources are cited by their titles ("Fixture: treaty_events.csv" is the fixture's title), never by file
        assert all(source.startswith("Fixture: ") for source in section.sources), section.sources


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
    assert '<td class="num">524&#x27;000</td>' in text  # numbers right-aligned (the 2025 budget's total)


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
    # the status map drew its countries from the inlined topojson: the fixture's 39 States but Malta, which the
    # 110m world map has no shape for
    assert countries == 38
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
