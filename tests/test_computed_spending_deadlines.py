"""The Budget and Article 3/4 deadlines pages' computed results (computed_spending, computed_deadlines):
the same frames, texts and figures as the analyses the pages used to call directly, the same file
bytes as ui.download_buttons, and a rerun that recomputes nothing."""
import io
import shutil

import duckdb
import openpyxl
import pandas as pd
import plotly.io
import pytest
from conftest import PROJECT_DIR
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from ccm_analytics import ui
from ccm_analytics.deadlines import charts, extensions
from ccm_analytics.deadlines import figures as deadlines_figures
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats import downloads
from ccm_analytics.spending import analysis
from ccm_analytics.spending import charts as spending_charts
from ccm_analytics.spending import figures as spending_figures
from ccm_analytics.spending import tables as screen
from ccm_analytics.store import queries
from ccm_analytics.store.db import connect_read_only
from ccm_analytics.store.imports import templates
from ccm_analytics.store.provenance import current_to_of

T = pd.Timestamp
APP = str(PROJECT_DIR / "app.py")


def _same_figure(a, b) -> None:
    assert plotly.io.to_json(a, validate=False) == plotly.io.to_json(b, validate=False)


def _facts(con):
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


# --- Budget and contributions ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def money_path(db_path, tmp_path_factory):
    """A copy of the real database with a few hand-made contributions and actual figures (never shipped)."""
    path = tmp_path_factory.mktemp("computed_money") / "ccm.duckdb"
    shutil.copy(db_path, path)
    con = duckdb.connect(str(path))
    con.execute("""INSERT INTO contribution_records VALUES
        ('CHE', 2024, 100000.00, DATE '2024-03-15', 'P1', 'test', NULL),
        ('AUT', 2024,  20000.00, DATE '2024-05-10', NULL, 'test', NULL),
        ('FRA', 2025,  30000.00, DATE '2025-02-01', NULL, 'test', NULL),
        ('NOR', 2025,  40000.00, NULL, NULL, 'test', NULL)""")
    con.execute("""INSERT INTO budget_lines VALUES
        (2024, 'Salaries', 350000, 'actual', 'test'),
        (2024, 'Communication', 15000, 'actual', 'test')""")
    con.execute("CHECKPOINT")
    con.close()
    return path


@pytest.fixture()
def money_con(money_path):
    connection = connect_read_only(money_path)
    yield connection
    connection.close()


def test_budget_tab_is_the_direct_analysis(con):
    as_of = T("2025-06-30")
    got = spending_figures.page(con, as_of)
    lines, notes = queries.budget_lines(con), queries.table(con, "isu_budget_notes")
    long, totals, shares = analysis.budget_long(lines), analysis.yearly_totals(lines), analysis.line_shares(lines)
    b = got.budget
    assert b.span == analysis.budget_years(lines) == (2021, 2025)
    assert b.period_total == screen.money(analysis.period_total(lines)) == "CHF 2'425'799"
    assert b.year_total == screen.money(analysis.total_for_year(totals, 2025)) == "CHF 497'138"
    assert (b.largest_line, b.largest_share) == ("Salaries", "73.2%")
    assert b.plan_known == analysis.plan_known_on(as_of, current_to_of(queries.data_sources(con), "isu_budget.csv"))
    assert_frame_equal(b.table, screen.budget_screen(analysis.budget_table(lines), analysis.line_descriptions(notes)))
    assert b.peak_texts == [screen.peak_text(r) for r in analysis.peak_notes(lines, notes).itertuples(index=False)]
    assert_frame_equal(b.totals, screen.totals_screen(totals))
    assert_frame_equal(b.changes, screen.change_screen(long, totals))
    assert_frame_equal(b.shares, screen.shares_screen(long, shares))
    assert_frame_equal(b.file, analysis.money_file(long))
    _same_figure(b.chart, spending_charts.budget_stacked(long))
    assert got.in_kind_notes == analysis.in_kind_notes(notes) and got.in_kind_notes
    # The shipped data hold no actual expenditure and no contribution.
    assert got.has_actuals is False and got.contributions is None and got.contributions_recorded is False


def test_budget_before_the_plan_and_in_a_year_without_budget(con):
    got = spending_figures.page(con, T("2011-01-01")).budget
    assert got.plan_known is False  # the work plan was adopted in November 2020
    assert got.year_total is None  # no budget for 2011: the page says "none on record"


def test_contributions_and_actuals_are_the_direct_analysis(money_con):
    as_of = T("2025-12-31")
    got = spending_figures.page(money_con, as_of)
    lines = queries.budget_lines(money_con)
    contributions = analysis.counted_contributions(queries.contributions(money_con), as_of)
    facts = _facts(money_con)
    coverage = analysis.funding_coverage(lines, contributions)
    per_year = analysis.contributors_per_year(contributions, facts, as_of)
    by_state = analysis.by_state_and_year(contributions, facts)
    c = got.contributions
    assert got.has_actuals and got.contributions_recorded
    assert_frame_equal(c.coverage, screen.coverage_screen(coverage, per_year))
    _same_figure(c.coverage_chart, spending_charts.coverage_bars(coverage))
    _same_figure(c.contributors_chart, spending_charts.contributors_bars(per_year))
    assert_frame_equal(c.coverage_file, analysis.money_file(analysis.coverage_with_counts(coverage, per_year)))
    assert c.undated_text == screen.undated_text(1)  # NOR's 2025 record has no received date
    assert_frame_equal(c.by_state, screen.by_state_screen(analysis.by_state_table(by_state)))
    _same_figure(c.heatmap, spending_charts.contributions_heatmap(by_state))
    assert_frame_equal(c.by_state_file, analysis.money_file(by_state))
    assert c.years == [2025, 2024]

    missing = analysis.non_contributors(contributions, facts, 2024, as_of)
    none_2024 = spending_figures.non_contributors(money_con, as_of, 2024)
    assert none_2024.count == len(missing) and not {"CHE", "AUT"} & set(missing["iso3"])
    assert_frame_equal(none_2024.table, screen.non_contributors_screen(missing))
    assert_frame_equal(none_2024.file, analysis.money_file(missing))

    variance = analysis.variance(lines, 0.4, as_of)
    actual = spending_figures.actuals(money_con, as_of, 0.4)
    # Salaries 2024: 350'000 against 348'103 = +0.54 %, Communication 15'000 against 10'000 = +50 %: both > 0.4 %.
    assert actual.beyond == analysis.beyond_count(variance) == 2
    assert_frame_equal(actual.table, screen.variance_screen(variance))
    _same_figure(actual.chart, spending_charts.variance_bars(variance, 0.4))
    assert_frame_equal(actual.file, analysis.money_file(variance))
    by_year = analysis.variance_by_year(lines, as_of)
    assert (actual.by_year is None) == by_year.empty
    if actual.by_year is not None:
        assert_frame_equal(actual.by_year, screen.variance_year_screen(by_year))


def test_contributions_on_record_but_none_received_yet(money_con):
    got = spending_figures.page(money_con, T("2024-03-01"))
    assert got.contributions is not None and got.contributions.years == [2025]  # only NOR's undated record
    got = spending_figures.page(money_con, T("2011-01-01"))
    assert got.contributions.years == [2025] and got.has_actuals is False  # 2024 not yet spent in 2011


def test_import_templates_are_the_template_files(con):
    got = spending_figures.import_templates(con)
    assert list(got) == list(templates.KINDS)
    for kind, template in got.items():
        assert_frame_equal(template.columns, templates.template_columns(kind))
        assert template.csv == templates.template_csv(kind)
        sheet = openpyxl.load_workbook(io.BytesIO(template.xlsx))["data"]
        assert [c.value for c in sheet[1]] == list(templates.template_columns(kind)["column"])


# --- Article 3 and 4 deadlines -------------------------------------------------------------------------

def _direct_tracker(con, as_of):
    states = queries.table(con, "states")
    requests = extensions.requests_at(queries.table(con, "extension_requests"), _facts(con), as_of)
    rows = extensions.tracker(queries.obligation_deadlines_at(con, as_of), requests,
                              queries.table(con, "article3_stockpiles"), states)
    return rows, requests


@pytest.mark.parametrize("filters", [((), (), ()), ((3,), ("unknown",), ()), ((4,), (), ("Africa", "Asia"))])
def test_deadlines_view_is_the_direct_analysis(con, filters):
    as_of = T("2026-11-28")
    rows, requests = _direct_tracker(con, as_of)
    shown = extensions.filter_tracker(rows, *[list(f) for f in filters])
    got = deadlines_figures.tracker_view(con, as_of, *filters)
    assert got.region_options == extensions.region_options(rows)  # whatever the filters
    assert got.counts == extensions.status_counts(shown) and got.empty == shown.empty
    assert_frame_equal(got.table, extensions.tracker_screen(shown))
    assert_frame_equal(got.file, extensions.tracker_file(shown))
    chosen = extensions.requests_for(requests, shown)
    assert_frame_equal(got.requests, chosen)
    assert (got.requests_table is None) == chosen.empty
    if not chosen.empty:
        assert_frame_equal(got.requests_table, extensions.requests_screen(chosen))
    if shown.empty:
        assert got.timeline is None
    else:
        _same_figure(got.timeline, charts.timeline(extensions.timeline_rows(shown, requests), as_of))


def test_deadlines_view_counts_on_the_reference_date(con):
    got = deadlines_figures.tracker_view(con, T("2026-11-28"))
    # As tests/test_deadline_pages.py: 35 completed; 7 requests without a recorded decision, every one past its
    # obligation's deadline (AFG, CHL, DEU, LAO, LBN, MRT, SOM: rows of extension_requests.csv without a
    # granted_deadline); 2 on track (South Sudan; Iraq, IRQ,4,1 granted 2028-11-01); 2 unknown (Guinea, Chad).
    assert (got.counts["completed"], got.counts["deadline passed, extension requested"],
            got.counts["extension requested"], got.counts["on track"], got.counts["unknown"]) == (35, 7, 0, 2, 2)
    assert len(got.table) == 46
    nothing = deadlines_figures.tracker_view(con, T("2026-11-28"), (3,), ("on track",), ())
    assert nothing.empty and nothing.timeline is None and nothing.requests_table is None  # South Sudan's is Article 4


# --- ui: files of a computed result, and a rerun that recomputes nothing ---------------------------------

def test_computed_file_bytes_are_those_of_download_buttons(db_path, con):
    as_of = T("2026-11-28")
    frame = deadlines_figures.tracker_view(con, as_of, (4,), (), ()).file
    files = ("treaty_events.csv", "extension_requests.csv")
    csv_data, xlsx_data = ui._computed_file_bytes("deadlines_figures.tracker_view", ui._db_key(), as_of.date(),
                                                  ((4,), (), ()), "file", files)
    assert csv_data == downloads.csv_bytes(frame)
    sources = queries.data_sources(con)
    expected = downloads.xlsx_bytes(frame, sources[sources["file"].isin(files)], as_of,
                                    ui.data_current_to(list(files)))
    got_book, expected_book = (openpyxl.load_workbook(io.BytesIO(b)) for b in (xlsx_data, expected))
    assert got_book.sheetnames == expected_book.sheetnames == ["data", "sources"]
    for name in got_book.sheetnames:
        assert [[c.value for c in r] for r in got_book[name].iter_rows()] == \
            [[c.value for c in r] for r in expected_book[name].iter_rows()]


def _count_calls(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args):
        calls.append(args[1:])
        return original(*args)
    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_rerun_recomputes_nothing(db_path, monkeypatch):
    # A reference date no other test uses, so that the caches hold nothing for it yet.
    spending_calls = _count_calls(monkeypatch, spending_figures, "page")
    deadline_calls = _count_calls(monkeypatch, deadlines_figures, "tracker_view")
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["as_of"] = "2019-02-03"
    at.run()
    at.switch_page("pages/analysis.py").run()
    at.run()
    assert not at.exception and len(spending_calls) == 1

    at.switch_page("pages/deadlines.py").run()
    at.run()
    assert not at.exception and len(deadline_calls) == 1  # the unfiltered view also gives the region choices
    at.multiselect(key="dl_articles").set_value([3]).run()
    at.run()
    assert not at.exception and len(deadline_calls) == 2  # one new view for the new filter, once
    at.multiselect(key="dl_articles").set_value([]).run()
    assert not at.exception and len(deadline_calls) == 2  # back to a view already computed
