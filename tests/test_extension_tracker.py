"""The tracker's requests and rows on the fixture database, and the brief file (self-contained, offline)."""
import re
import sys
from pathlib import Path

import oracles
import pandas as pd
import pytest

from ccm_analytics.deadlines import charts as deadlines_charts
from ccm_analytics.deadlines import extensions
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.store import queries
from ccm_analytics.workbench import brief, screen
from ccm_analytics.workbench import charts as workbench_charts
from ccm_analytics.workbench import figures as workbench

T = pd.Timestamp


def _requests(con, day):
    facts = state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))
    return oracles.requests_at(queries.table(con, "extension_requests"), facts, T(day))


def test_requests_known_and_decided_on_a_date(con):
    req = lambda day: _requests(con, day).set_index(["iso3", "article", "request_no"])  # noqa: E731
    # TCD,4,1: submitted May 2022 (month only), so known from the month's last day; decided at 10MSP (September
    # 2022, month only), so decided from 30 September 2022.
    assert ("TCD", 4, 1) not in req("2022-05-30").index
    assert req("2022-05-31").loc[("TCD", 4, 1), "decision"] == extensions.NOT_YET_DECIDED
    assert req("2022-09-15").loc[("TCD", 4, 1), "decision"] == extensions.NOT_YET_DECIDED
    assert pd.isna(req("2022-09-15").loc[("TCD", 4, 1), "granted_deadline"])
    assert req("2022-09-30").loc[("TCD", 4, 1), "decision"] == "granted"
    late = req("2026-11-28")
    assert late.loc[("TCD", 4, 1), "granted_deadline"] == T("2024-10-01")
    assert late.loc[("TCD", 4, 1), "extends_deadline"] == T("2023-09-01")  # original: EIF 1 Sep 2013 + 10 years
    assert late.loc[("LAO", 4, 2), "decision"] == extensions.NOT_RECORDED
    assert late.loc[("DEU", 4, 2), "extends_deadline"] == T("2025-08-01")  # the deadline DEU,4,1 granted
    assert late.loc[("BGR", 3, 1), "extends_deadline"] == T("2019-10-01")  # EIF 1 Oct 2011 + 8 years


def test_tracker_rows_never_read_a_pending_request_as_overdue(con):
    day = T("2026-11-28")
    rows = extensions.tracker(queries.obligation_deadlines_at(con, day), _requests(con, day),
                              queries.table(con, "article3_stockpiles"), queries.table(con, "states"))
    lao = rows.set_index(["iso3", "article"]).loc[("LAO", 4)]
    # extension_requests.csv: LAO,4,1 granted 2025-08-01 (9MSP); LAO,4,2 (12MSP) has no granted_deadline, so on
    # 28 November 2026 the deadline of 1 August 2025 has passed while request 2 awaits a recorded decision.
    assert lao["current_deadline"] == T("2025-08-01") and lao["status"] == "deadline passed, extension requested"
    assert lao["status_text"] == "deadline passed, extension requested (decision not recorded)"
    assert lao["extension_requests"] == (
        "request 1, submitted 26 February 2019, for the Ninth Meeting of States Parties, requested 1 August 2025, "
        "granted 1 August 2025; request 2, submitted January 2024, for the Twelfth Meeting of States Parties, "
        "requested unknown, decision not recorded")
    gbr = rows.set_index(["iso3", "article"]).loc[("GBR", 3)]
    assert (gbr["retained_munitions"], gbr["retained_submunitions"]) == (100, 5000)  # article3_stockpiles.csv
    assert pd.isna(rows.set_index(["iso3", "article"]).loc[("LAO", 4), "retained_munitions"])  # Article 4
    only = extensions.filter_tracker(rows, [4], ["deadline passed, extension requested"], ["Asia"])
    assert sorted(only["iso3"]) == ["LAO"]  # the one State of Asia with an obligation
    assert extensions.filter_tracker(rows, [4], ["extension requested"], ["Asia"]).empty  # none before its deadline
    assert extensions.filter_tracker(rows, [4], ["deadline passed, extension requested"], ["Europe"]).empty
    deu = rows.set_index(["iso3", "article"]).loc[("DEU", 4)]
    assert (deu["current_deadline"], deu["status"]) == (T("2030-08-01"), "on track")  # DEU,4,2 granted at 12MSP
    counts = extensions.status_counts(rows)
    # the one overdue is Chad (extended to 1 October 2024, no further request), never Lao PDR with its request
    assert sum(counts.values()) == len(rows) == 11 and counts["overdue"] == 1
    assert rows.loc[rows["status"] == "overdue", "iso3"].tolist() == ["TCD"]


def test_timeline_draws_the_requested_deadline_of_a_request_awaiting_its_decision(con):
    # 30 June 2024: DEU,4,2 (submitted January 2024) awaits 12MSP (September 2024) and asks for 2030-08-01;
    # LAO,4,2 awaits it too, its requested deadline not in the data; TCD,4,1 is granted (2024-10-01), so it
    # has none.
    day = T("2024-06-30")
    requests = _requests(con, day)
    rows = extensions.tracker(queries.obligation_deadlines_at(con, day), requests,
                              queries.table(con, "article3_stockpiles"), queries.table(con, "states"))
    assert sorted(extensions.filter_tracker(rows, [4], ["extension requested"], [])["iso3"]) == ["DEU", "LAO"]
    timeline = extensions.timeline_rows(rows, requests)
    by_key = timeline.set_index(["iso3", "article"])
    assert by_key.loc[("DEU", 4), "requested_deadline"] == T("2030-08-01")
    assert pd.isna(by_key.loc[("LAO", 4), "requested_deadline"]) and pd.isna(by_key.loc[("TCD", 4), "requested_deadline"])
    fig = deadlines_charts.timeline(timeline, day)
    assert len(fig.data) == 4 and fig.data[2].name == "requested, decision not recorded"
    # one bar, Germany's, from the deadline it extends (1 August 2025) to the one requested
    assert list(fig.data[2].y) == ["Germany · Art. 4"]
    assert pd.Timestamp(fig.data[2].base[0]) == T("2025-08-01")
    assert fig.data[2].hovertext[0] == "Germany · Art. 4: requested 1 August 2030, decision not recorded"


def _lao_brief(con, day=T("2019-06-30")):
    """Lao PDR's request 1 (9MSP) while it awaits its decision (see test_deadline_pages.py for the figures)."""
    a = workbench.assess(con, day, "LAO", 4, 1, "area", None)
    projected, comparison = screen.scenario(a, 50.0)
    pairs = screen.scenario_pairs(a, 50.0, projected, comparison)
    sources = queries.table(con, "data_sources")
    html = brief.brief_html(a, [workbench_charts.progress(a), workbench_charts.projection(a, {"scenario": projected})],
                            screen.key_figures(a), pairs, None, sources, "September 2025")
    return a, html


def test_brief_is_self_contained_and_names_no_outside_host(con):
    a, html = _lao_brief(con)
    assert "Figures as of <strong>30 June 2019</strong>" in html and "data current to September 2025" in html
    # 1,000 km² reported on 25 January 2011 over the 5302 days (14.516 years) to 1 August 2025: 68.89 a year
    assert "Lao People&#x27;s Democratic Republic: Article 4 extension request 1" in html and "68.89 km² a year" in html
    assert html.count("Plotly.newPlot") == 2  # both charts, drawn by the plotly.js inlined once
    assert "<script src" not in html.replace(" ", "").lower() and "<link" not in html.lower()
    # No address of another machine: any scheme://host or //host left must be an XML namespace name.
    addresses = set(re.findall(r"(?:[a-z][a-z0-9+.-]*:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+", html, flags=re.I))
    assert addresses <= {"http://www.w3.org"}, sorted(addresses)
    assert brief.outside_hosts(html) == []
    assert "cdn.plot.ly" not in html and "plot.ly" not in html.replace("Plotly", "")


def test_strip_outside_hosts_keeps_namespaces():
    text = 'a="https://cdn.plot.ly/un/" b="http://www.w3.org/2000/svg" c="//fonts.example.org/x.css"'
    assert brief.strip_outside_hosts(text) == 'a="/un/" b="http://www.w3.org/2000/svg" c="/x.css"'


@pytest.mark.browser
def test_brief_opens_offline_from_disk(con, tmp_path):
    """Opened from a file in headless Chromium: both charts draw, no request leaves the file."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from browser_support import launch_browser, require_chromium
    _, html = _lao_brief(con)
    path = tmp_path / "brief.html"
    path.write_text(html, encoding="utf-8")
    with launch_browser(require_chromium()) as browser:
        page = browser.new_page()
        requests, errors = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.wait_for_function("document.querySelectorAll('.main-svg').length >= 2", timeout=30000)
        drawn = page.evaluate("document.querySelectorAll('g.trace').length")
        page.close()
    assert errors == []
    assert drawn >= 2
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []


# None known (2012), the fixture's submissions (month only: TCD,4,1 May 2022, DEU,4,2 and LAO,4,2 January 2024)
# on the month's last day and the day before, and the months of the decisions (9MSP, 10MSP, 12MSP).
@pytest.mark.parametrize("day", ["2012-01-01", "2019-06-30", "2019-09-30", "2021-03-31", "2022-05-30", "2022-05-31",
                                 "2022-09-15", "2022-09-30", "2024-01-30", "2024-01-31", "2024-09-01", "2025-09-30",
                                 "2026-12-01"])
def test_extension_requests_at_equals_its_pandas_oracle(con, day):
    """The SQL rule (production) against the pandas twin written independently (tests/oracles.py)."""
    sql = queries.extension_requests_at(con, T(day))
    facts = state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))
    oracle = oracles.requests_at(queries.table(con, "extension_requests"), facts, T(day))
    assert list(sql.columns) == list(oracle.columns)
    for frame in (sql, oracle):
        for column in frame.columns:
            if frame[column].dtype.kind == "M":
                frame[column] = frame[column].astype("datetime64[ns]")
    def plain(frame):  # None for every missing value, whatever the engine's dtype
        return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)
    pd.testing.assert_frame_equal(plain(sql), plain(oracle), check_dtype=False)


def test_extension_decisions_equals_its_pandas_oracle(con):
    sql = queries.extension_decisions(con)
    facts = state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))
    oracle = oracles.extension_decisions(queries.table(con, "extension_requests"), facts)
    for column in ("original_deadline", "known_from", "decided_by"):
        assert (pd.to_datetime(sql[column]).astype("datetime64[ns]").tolist()
                == pd.to_datetime(oracle[column]).astype("datetime64[ns]").tolist()), column
