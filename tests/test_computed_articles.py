"""The Article 7 and Article 9 pages' computed results (computed_article7/9) hold what the direct
analyses give; the Article 7 heatmap's grid, filled without a loop, worked out by hand."""
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from ccm_analytics.article7 import charts, transparency
from ccm_analytics.article7 import figures as article7_figures
from ccm_analytics.article7.reports import ANNUAL_STATUSES
from ccm_analytics.article9 import figures as article9_figures
from ccm_analytics.article9 import measures as nm
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import current_to_of

T = pd.Timestamp


@pytest.mark.parametrize("as_of", ["2015-06-18", "2022-09-30", "2026-11-28"])
def test_computed_article7_matches_the_direct_analysis(con, as_of):
    as_of = T(as_of)
    current_to = current_to_of(queries.table(con, "data_sources"), "article7_reports.csv")
    direct = transparency.article7_figures(queries.state_status_at(con, as_of), queries.table(con, "article7_reports"),
                                           as_of, current_to)
    page = article7_figures.figures(con, as_of)
    assert page.current_to == current_to
    for name in ("initial", "annual", "initial_counts", "annual_counts", "rates", "reminders", "without_year"):
        assert_frame_equal(getattr(page.figures, name), getattr(direct, name))
    assert (page.figures.with_record, page.figures.state_years_due, page.figures.after_data) == \
        (direct.with_record, direct.state_years_due, direct.after_data)
    assert_frame_equal(page.overdue, transparency.overdue_initial(direct.initial))
    assert_frame_equal(page.initial_table, transparency.initial_table(direct.initial))
    assert_frame_equal(page.initial_download, transparency.initial_download(direct.initial))
    assert page.completeness == transparency.completeness_text(direct.with_record, direct.state_years_due)
    assert not direct.annual.empty  # so every chart is built on these dates
    assert page.heatmap.to_json() == charts.annual_heatmap(direct.annual).to_json()
    if transparency.any_rate_drawn(direct.rates):
        assert page.rates_chart.to_json() == charts.reporting_rates(direct.rates).to_json()
    else:  # no year has a rate (the shipped records cover far fewer than half of the States owing a report)
        assert page.rates_chart is None
    assert_frame_equal(page.rates_table, transparency.rates_table(direct.rates))
    assert page.rates_note == transparency.rates_note(direct.rates)
    assert page.status_chart.to_json() == charts.status_bars(
        direct.annual_counts, "Annual reports due by the reference date, by status").to_json()
    if direct.without_year.empty:
        assert page.without_year_table is None
    else:
        assert_frame_equal(page.without_year_table, transparency.without_year_table(direct.without_year))
    assert_frame_equal(page.reminder_table, transparency.reminder_table(direct.reminders))
    assert_frame_equal(page.published_table, transparency.published_table(queries.table(con, "article7_aggregates")))


@pytest.mark.parametrize("as_of", ["2014-08-31", "2025-09-30"])
def test_computed_article9_matches_the_direct_analysis(con, as_of):
    as_of = T(as_of)
    current_to = current_to_of(queries.table(con, "data_sources"), "article9_measures.csv")
    measures = queries.table(con, "article9_measures")
    states = queries.table(con, "states")
    frame = nm.measures_status(queries.state_status_at(con, as_of), measures, as_of, current_to)
    page = article9_figures.figures(con, as_of)
    assert_frame_equal(page.frame, frame)
    assert_frame_equal(page.counts, nm.counts_by_status(frame))
    assert page.shares == nm.shares_text(nm.counts_by_status(frame))
    from ccm_analytics.article9 import charts as article9_charts
    assert page.map_chart.to_json() == article9_charts.measures_map(nm.map_frame(states, frame)).to_json()
    by_region = nm.counts_by_region(frame)
    assert_frame_equal(page.by_region, by_region)
    assert page.region_chart.to_json() == article9_charts.by_region(by_region).to_json()
    assert_frame_equal(page.region_table, nm.region_table(by_region))
    assert_frame_equal(page.state_table, nm.state_table(frame))
    assert_frame_equal(page.download, nm.download_table(frame))
    compared = nm.published_beside_app(queries.table(con, "article9_aggregates"),
                                       state_facts(states, queries.table(con, "treaty_events")), measures, current_to)
    assert_frame_equal(page.published_table, nm.published_table(compared))


def test_annual_heatmap_grid():
    annual = pd.DataFrame({
        "state_name": ["beta", "Alpha", "Alpha", "beta", "Alpha"],
        "reporting_year": [2020, 2020, 2021, 2022, 2021],
        "status": ["missing", "submitted on time", "unknown", "not yet due", "submitted late"],
    })
    fig = charts.annual_heatmap(annual)
    heat = fig.data[0]
    code = {s: i for i, s in enumerate(ANNUAL_STATUSES)}
    # Rows sorted case-insensitively, reversed: beta above Alpha; columns 2020, 2021, 2022.
    assert list(heat.y) == ["beta", "Alpha"]
    assert list(heat.x) == ["2020", "2021", "2022"]
    # Alpha 2021 appears twice: the last row ("submitted late") wins. Pairs without a row stay blank.
    assert [list(r) for r in heat.text] == [["missing", "", "not yet due"],
                                            ["submitted on time", "submitted late", ""]]
    z = [[None if pd.isna(v) else v for v in r] for r in heat.z]
    assert z == [[code["missing"], None, code["not yet due"]],
                 [code["submitted on time"], code["submitted late"], None]]


@pytest.mark.parametrize("script, name", [("pages/article7.py", "article7_figures.figures"),
                                          ("pages/article9.py", "article9_figures.figures")])
def test_rendering_leaves_the_shared_result_unchanged(db_path, con, monkeypatch, script, name):
    # ui.load_computed_shared hands every rerun the same object (st.cache_resource): drawing the page
    # twice must not modify it, so it still equals a fresh computation.
    from conftest import PROJECT_DIR
    from streamlit.testing.v1 import AppTest

    from ccm_analytics import ui
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.query_params["as_of"] = "2025-09-30"
    at.run()
    at.switch_page(script).run()
    at.run()
    assert not at.exception
    module, function = name.split(".")
    module = __import__(f"ccm_analytics.{module}", fromlist=[function])
    compute = getattr(module, function)
    with monkeypatch.context() as patch:  # the page's own cached object, not a new computation
        patch.setattr(module, function, lambda *args: pytest.fail("not cached"))
        shared = ui._shared_computed(name, ui._db_key(), T("2025-09-30").date(), ())
    fresh = compute(con, T("2025-09-30"))
    for field in fresh.__dataclass_fields__:
        a, b = getattr(shared, field), getattr(fresh, field)
        if isinstance(b, pd.DataFrame):
            assert_frame_equal(a, b)
        elif hasattr(b, "to_json"):
            assert a.to_json() == b.to_json()
        elif field == "figures":
            for sub in b.__dataclass_fields__:
                x, y = getattr(a, sub), getattr(b, sub)
                assert_frame_equal(x, y) if isinstance(y, pd.DataFrame) else None
                assert isinstance(y, pd.DataFrame) or x == y
        else:
            assert a == b or (pd.isna(a) and pd.isna(b))
