"""Downloads (plain values, ISO dates, sources sheet), profile links and the map's coverage."""
import io
import re
from datetime import datetime

import openpyxl
import pandas as pd
from conftest import FIXTURE_DATA

from ccm_analytics.formats import downloads, geo, links
from ccm_analytics.navigation import PAGES

T = pd.Timestamp
FRAME = pd.DataFrame({"iso3": ["LTU", "VUT"], "signature_date": [T("2008-12-03"), pd.NaT],
                      "years_since_signature": pd.array([16, None], dtype="Int64"), "share": [66.7, 0.0]})
SOURCES = pd.DataFrame({"file": ["treaty_events.csv"], "title": ["Treaty events"], "source": ["UNTC"],
                        "current_to": [T("2025-09-01")], "current_to_precision": ["month"], "notes": [None]})


def test_csv_holds_plain_values_and_iso_dates():
    text = downloads.csv_bytes(FRAME).decode("utf-8")
    assert text.splitlines() == ["iso3,signature_date,years_since_signature,share",
                                 "LTU,2008-12-03,16,66.7", "VUT,,,0"]  # a whole float is written as a whole number


def test_file_name_carries_the_reference_date():
    assert downloads.file_name("targets", T("2026-11-28"), "csv") == "targets_2026-11-28.csv"


def test_xlsx_has_data_and_sources_sheets():
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(FRAME, SOURCES, T("2026-11-28"),
                                                                  "September 2025 (treaty_events.csv)")))
    assert book.sheetnames == ["data", "sources"]
    data = book["data"]
    assert [c.value for c in data[1]] == ["iso3", "signature_date", "years_since_signature", "share"]
    assert data["B2"].value == datetime(2008, 12, 3) and data["B2"].number_format == "YYYY-MM-DD"
    assert data["C2"].value == 16 and data["D2"].value == 66.7
    assert data["B3"].value is None and data["C3"].value is None  # missing: empty cells, not zero
    rows = [[c.value for c in row] for row in book["sources"].iter_rows()]
    rows = [row[:max([i + 1 for i, v in enumerate(row) if v is not None], default=0)] for row in rows]
    assert rows[0] == ["reference_date", "2026-11-28"]
    assert rows[1] == ["data_current_to", "September 2025 (treaty_events.csv)"]
    assert rows[2] == []
    assert rows[3][:4] == ["file", "title", "source", "current_to"]
    assert rows[4][:4] == ["treaty_events.csv", "Treaty events", "UNTC", "2025-09-01"]


def test_profile_link():
    assert links.profile_link("LAO") == "profile?iso3=LAO"
    assert links.profile_link("lao", T("2026-11-28")) == "profile?iso3=LAO&as_of=2026-11-28"
    assert links.profile_link(None) is None and links.profile_link(float("nan")) is None
    framed = links.with_profile_links(pd.DataFrame({"iso3": ["VUT", None]}), T("2026-03-01"))
    assert framed.columns[0] == "profile"
    assert framed["profile"][0] == "profile?iso3=VUT&as_of=2026-03-01" and pd.isna(framed["profile"][1])
    # The link column shows the code the URL carries.
    assert re.search(links.PROFILE_DISPLAY_REGEX, framed["profile"][0]).group(1) == "VUT"


def test_profile_link_points_at_the_profile_page():
    profile = [p for p in PAGES if p.script == "pages/country_profile.py"]
    assert profile and profile[0].url_path == links.PROFILE_PATH


def test_map_coverage_and_points_for_small_states():
    on_map = geo.map_iso3()
    assert {"FRA", "LTU", "VUT", "LAO"} <= on_map
    assert not {"AND", "VAT", "MCO", "SMR", "LIE", "MLT", "MDV"} & on_map
    # the fixture's 39 States: Malta alone has no shape on the 110m world map
    states = pd.read_csv(FIXTURE_DATA / "states.csv", keep_default_na=False)
    drawn, off = geo.split_by_map(states, on_map)
    assert (len(drawn), off["iso3"].tolist()) == (38, ["MLT"])
    points = geo.off_map_points(states, on_map)
    # No State is lost: a State without a shape has coordinates (Valletta, about 35.9 N 14.5 E).
    assert points["iso3"].tolist() == ["MLT"] and points[["lat", "lon"]].notna().all().all()
    malta = points.set_index("iso3").loc["MLT"]
    assert round(malta["lat"]) == 36 and round(malta["lon"]) == 14


def test_only_web_addresses_become_source_links():
    from ccm_analytics.formats.links import source_links
    urls = pd.Series(["https://www.the-monitor.org/x", "HTTP://a.org", "javascript:alert(1)", "data:text/html,x",
                      None, "/etc/passwd"])
    assert source_links(urls).tolist() == ["https://www.the-monitor.org/x", "HTTP://a.org", None, None, None, None]
