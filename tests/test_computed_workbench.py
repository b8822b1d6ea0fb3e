"""The workbench's cached analyses (computed_workbench) give what the page computed directly before:
same picker, same assessment, same tables, same figures (after the pickle round trip st.cache_data makes)."""
import json
import pickle
from datetime import date

import pandas as pd
import plotly.io as pio
import pytest

from ccm_analytics.deadlines import charts, extensions
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats import downloads
from ccm_analytics.store import queries
from ccm_analytics.workbench import assessment as workbench_assessment
from ccm_analytics.workbench import figures as cw
from ccm_analytics.workbench import workplan

AS_OF = pd.Timestamp("2026-11-28")
PLAN = b"year,unit,planned,currency,budget,funding_secured\n2022,km2,60,USD,1000000,500000\n2023,km2,70,,,\n"


def _direct(con, iso3, article, request_no, measure, override, plan_data=None):
    """What pages/workbench_assessment.py computed before the cache: (requests of the choice, assessment, plan, plan table)."""
    t = lambda name: queries.table(con, name)  # noqa: E731
    obligations = queries.obligation_deadlines_at(con, AS_OF)
    requests = extensions.requests_at(t("extension_requests"), state_facts(t("states"), t("treaty_events")), AS_OF)
    its = extensions.requests_of(requests, iso3, article)
    request = {int(r["request_no"]): r for r in its}[request_no] if request_no is not None else None
    base = workbench_assessment.baseline(article, iso3, measure, t("article3_stockpiles"), t("article4_clearance"))
    progress = workbench_assessment.progress_by_year(article, iso3, measure, t("article3_destruction_by_year"),
                                          t("article4_clearance_by_year"), AS_OF)
    a = workbench_assessment.assess(extensions.obligation_of(obligations, iso3, article), request, measure, base, progress,
                         AS_OF, override)
    plan, plan_table = None, None
    if plan_data is not None:
        plan, problems = workplan.read_work_plan(plan_data)
        assert problems == []
        plan_progress = workbench_assessment.progress_by_year(article, iso3, workplan.plan_measure(plan),
                                                   t("article3_destruction_by_year"), t("article4_clearance_by_year"),
                                                   AS_OF)
        plan_table = workplan.plan_screen(workplan.plan_vs_progress(plan, plan_progress))
    return its, a, plan, plan_table


def _cached(value):
    """As st.cache_data hands a result back: pickled and unpickled."""
    return pickle.loads(pickle.dumps(value))


def _same_figure(left, right):
    assert json.loads(pio.to_json(left, validate=False)) == json.loads(pio.to_json(right, validate=False))


def test_choices_are_the_pickers_options_with_their_requests(con):
    t = lambda name: queries.table(con, name)  # noqa: E731
    requests = extensions.requests_at(t("extension_requests"), state_facts(t("states"), t("treaty_events")), AS_OF)
    picks = extensions.workbench_choices(queries.obligation_deadlines_at(con, AS_OF), requests, extensions.with_progress(
        t("article3_destruction_by_year"), t("article4_clearance_by_year")))
    got = _cached(cw.choices(con, AS_OF))
    assert list(got.labels.items()) == list(extensions.choice_labels(picks).items())  # same options, same order
    assert "LAO-4" in got.requests and got.requests["LAO-4"]  # Lao PDR's Article 4 requests are in the data
    for key in got.labels:  # as frames: a missing value (NaN) is not == itself in a dict
        expected = extensions.requests_of(requests, *extensions.parse_choice(key))
        assert len(got.requests.get(key, [])) == len(expected)
        if expected:
            pd.testing.assert_frame_equal(pd.DataFrame(got.requests[key]), pd.DataFrame(expected))


@pytest.mark.parametrize("key", ["LAO-4", "IRQ-4", "SSD-4"])
def test_evidence_progress_and_scenario_match_the_direct_analysis(con, key):
    iso3, article = extensions.parse_choice(key)
    its = extensions.requests_of(extensions.requests_at(
        queries.table(con, "extension_requests"),
        state_facts(queries.table(con, "states"), queries.table(con, "treaty_events")), AS_OF), iso3, article)
    request_no = int(its[0]["request_no"]) if its else None
    measure = list(workbench_assessment.MEASURES[article])[0]
    override = None if its and workbench_assessment.requested_known(its[0]) else date(2040, 2, 1)
    chosen = (iso3, article, request_no, measure, override)
    _, a, _, _ = _direct(con, *chosen)

    ev = _cached(cw.evidence(con, AS_OF, *chosen))
    pd.testing.assert_frame_equal(workbench_assessment.numbers(ev.a), workbench_assessment.numbers(a))
    pd.testing.assert_frame_equal(ev.a.progress, a.progress)
    assert ev.a.flags == a.flags and ev.key == workbench_assessment.key_figures(a)
    pd.testing.assert_frame_equal(ev.key_table, workbench_assessment.pairs_frame(workbench_assessment.key_figures(a)))
    assert ev.limit == workbench_assessment.limit_text(a)
    if a.progress.empty:
        assert ev.progress_table is None
    else:
        pd.testing.assert_frame_equal(ev.progress_table, workbench_assessment.progress_screen(a))
    assert ev.scenario_years == workbench_assessment.scenario_years(a)
    assert ev.default_rate == float(round(a.rate.rate or 0.0, 2))
    _same_figure(ev.progress_figure, charts.progress(a))

    for rates in (ev.default_rate, 12.5, 0.0, {year: 7.0 for year in workbench_assessment.scenario_years(a)}, {}):
        sc = _cached(cw.scenario(con, AS_OF, *chosen, cw.rates_arg(rates)))
        if rates == ev.default_rate:  # the page shows the evidence's own scenario at the default rate
            assert (ev.default_scenario.comparison, ev.default_scenario.pairs, ev.default_scenario.numbers_csv) \
                == (sc.comparison, sc.pairs, sc.numbers_csv)
            _same_figure(ev.default_scenario.figure, sc.figure)
        projected, comparison = workbench_assessment.scenario(a, rates or None)
        pairs = workbench_assessment.scenario_pairs(a, rates, projected, comparison)
        assert (sc.projected is pd.NaT and projected is pd.NaT) or sc.projected == projected
        assert sc.comparison == comparison and sc.pairs == pairs
        assert sc.numbers_csv == downloads.csv_bytes(workbench_assessment.numbers(a, pairs))
        _same_figure(sc.figure, charts.projection(a, {"scenario": projected}))


def test_a_work_plan_gives_the_direct_plan_table_and_chart(con):
    its = cw.choices(con, AS_OF).requests["LAO-4"]
    chosen = ("LAO", 4, int(its[0]["request_no"]), "area", None)
    _, a, plan, plan_table = _direct(con, *chosen, plan_data=PLAN)
    got = _cached(cw.progress(con, AS_OF, *chosen, PLAN))
    assert got.problems == []
    pd.testing.assert_frame_equal(got.plan_table, plan_table)
    _same_figure(got.figure, charts.progress(a, plan))
    assert "work plan milestone" in [trace.name for trace in got.figure.data]


def test_a_bad_work_plan_gives_its_problems_and_the_chart_without_it(con):
    its = cw.choices(con, AS_OF).requests["LAO-4"]
    chosen = ("LAO", 4, int(its[0]["request_no"]), "area", None)
    _, a, _, _ = _direct(con, *chosen)
    got = _cached(cw.progress(con, AS_OF, *chosen, b"year,unit,planned\n2022,km2,lots\n"))
    assert [str(p) for p in got.problems] == ["row 2, column 'planned': not a number >= 0: 'lots'"]
    assert got.plan_table is None
    _same_figure(got.figure, charts.progress(a))
