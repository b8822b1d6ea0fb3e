"""The meeting pack: the figures for a fixed date, a self-contained HTML file, a PDF with its headings."""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest
from conftest import PROJECT_DIR
from pypdf import PdfReader

from ccm_analytics.meeting_pack import pack

AS_OF, SINCE = pd.Timestamp("2025-09-30"), pd.Timestamp("2025-03-01")


@pytest.fixture(scope="module")
def built(db_path):
    from ccm_analytics.store.build import connect_read_only
    con = connect_read_only(db_path)
    try:
        yield pack.build_pack(con, AS_OF, SINCE)
    finally:
        con.close()


def test_figures_for_a_fixed_date(built):
    sentences = {s.title: s.sentences for s in built.sections}
    universal = sentences["Universalization"]
    # 113 instruments deposited by 30 September 2025, less Lithuania (withdrawal effective 6 March 2025);
    # in force for 111: Vanuatu's accession (5 September 2025) takes effect on 1 March 2026.
    assert universal[0] == ("On 30 September 2025 the Convention has 112 States Parties (111 for which it is in "
                            "force) and 12 Signatories; 85 States are not party.")
    assert universal[1] == "1 State joined since 1 March 2025: Vanuatu (5 September 2025)."
    assert universal[2] == "1 withdrawal took effect since 1 March 2025: Lithuania (6 March 2025)."
    counts = dict(built.sections[0].tables[0][1].iloc[:, [0, 1]].values)
    assert counts["States Parties"] == 112  # on 1 March 2025 Lithuania was still a State Party, Vanuatu not yet
    assert "Chad (Article 4)" not in sentences["Deadlines and extension requests"][1]  # Chad's decision is recorded
    assert "Lao People's Democratic Republic (Article 4)" in sentences["Deadlines and extension requests"][1]
    budget = sentences["ISU budget and contributions"]
    assert budget[0] == "The ISU budget for 2025 is CHF 497'138."  # 364'282 + 72'856 + 20'000 + 27'000 + 13'000
    assert budget[1].startswith("No contribution for 2025 is on record")  # none are public: never a made-up 0
    assert budget[2].startswith("GICHD in-kind support (not cash)")
    transparency = sentences["Transparency reports (Article 7)"]
    # No listing speaks on 30 September 2025 (each stops at the next 30 April after its date).
    assert transparency[1] == "0 initial reports are overdue by record."
    measures = sentences["National implementation measures (Article 9)"]
    assert measures[1] == "For 68 States Parties the data record no status: shown as unknown."  # 112 - 44 on record


def test_a_past_date_gives_that_dates_figures(db_path):
    from ccm_analytics.store.build import connect_read_only
    con = connect_read_only(db_path)
    try:
        old = pack.build_pack(con, pd.Timestamp("2010-12-31"), pd.Timestamp("2010-01-01"))
    finally:
        con.close()
    assert old.sections[0].sentences[0].startswith("On 31 December 2010 the Convention has 49 States Parties (37 ")


class _Refs(HTMLParser):
    """Every URL the document would load: src, href and CSS url()."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [v for k, v in attrs if k in ("src", "href", "data", "poster", "srcset") and v]


def test_html_is_self_contained(built, tmp_path):
    text = pack.render_html(built)
    refs = _Refs()
    refs.feed(text)
    outside = [u for u in refs.urls if re.match(r"^(https?:)?//", u)]
    assert outside == []
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert "window.PlotlyGeoAssets" in text and "world_110m" in text  # the map needs no download
    from ccm_analytics.workbench.brief import outside_hosts
    assert outside_hosts(text) == []  # not even in plotly.js's code: no host beyond the file itself
    assert "<h2>1. Universalization</h2>" in text and "Sources" in text


def test_cli_writes_html_and_pdf_with_headings(db_path, tmp_path):
    from browser_support import require_chromium
    require_chromium()
    out = tmp_path / "pack.html"
    result = subprocess.run([sys.executable, "-m", "ccm_analytics", "pack", "--as-of", "2025-09-30",
                             "--since", "2025-03-01", "--out", str(out)], cwd=PROJECT_DIR, capture_output=True,
                            text=True, env={**os.environ, "CCM_DB": str(db_path)}, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "... printing PDF" in result.stderr  # progress is shown
    text = "\n".join(page.extract_text() for page in PdfReader(out.with_suffix(".pdf")).pages)
    for heading in ("1. Universalization", "2. Deadlines and extension requests",
                    "3. Transparency reports (Article 7)", "4. National implementation measures (Article 9)",
                    "5. ISU budget and contributions", "Sources"):
        assert heading in text
    assert "112 States Parties" in text


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
        page.wait_for_function("() => document.querySelectorAll('.plot-container').length >= 6", timeout=30_000)
        page.wait_for_timeout(1000)
        drawn = page.evaluate("() => document.querySelectorAll('.plotly-graph-div .main-svg').length")
        countries = page.evaluate("() => document.querySelectorAll('path.choroplethlocation').length")
    assert drawn > 0
    assert countries > 100  # the status map drew its countries from the inlined topojson
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))] == []


def test_pack_page_builds_the_files(db_path):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=180)
    at.query_params["as_of"] = "2025-09-30"
    at.run()
    at.switch_page("pages/meeting_pack.py").run()
    assert not at.exception
    at.checkbox(key=at.checkbox[0].key).uncheck().run()  # HTML only: the PDF is tested above
    at.button(key="pack_build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    names = [b.proto.label for b in at.get("download_button")]
    assert names == ["Download ccm-implementation-status_2025-09-30.html"]
