"""The workbench's cached analyses (computed_workbench) give what the page computed directly before:
same picker, same assessment, same tables, same figures (after the pickle round trip st.cache_data makes)."""
import json
import pickle

import oracles
import pandas as pd
import plotly.io as pio

from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.store import queries
from ccm_analytics.workbench import assessment as workbench_assessment
from ccm_analytics.workbench import charts as workbench_charts
from ccm_analytics.workbench import choices, workplan
from ccm_analytics.workbench import figures as cw

AS_OF = pd.Timestamp("2026-11-28")
PLAN = b"year,unit,planned,currency,budget,funding_secured\n2022,km2,60,USD,1000000,500000\n2023,km2,70,,,\n"


def _direct(con, iso3, article, request_no, measure, override, plan_data=None):
    """What pages/workbench_assessment.py computed before the cache: (requests of the choice, assessment, plan, plan table)."""
    t = lambda name: queries.table(con, name)  # noqa: E731
    obligations = queries.obligation_deadlines_at(con, AS_OF)
    requests = oracles.requests_at(t("extension_requests"), state_facts(t("states"), t("treaty_events")), AS_OF)
    its = choices.requests_of(requests, iso3, article)
    request = {int(r["request_no"]): r for r in its}[request_no] if request_no is not None else None
    base = workbench_assessment.baseline(article, iso3, measure, t("article3_stockpiles"), t("article4_clearance"))
    progress = workbench_assessment.progress_by_year(article, iso3, measure, t("article3_destruction_by_year"),
                                          t("article4_clearance_by_year"), AS_OF)
    a = workbench_assessment.assess(choices.obligation_of(obligations, iso3, article), request, measure, base, progress,
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


def test_a_bad_work_plan_gives_its_problems_and_the_chart_without_it(con):
    its = cw.choices(con, AS_OF).requests["LAO-4"]
    chosen = ("LAO", 4, int(its[0]["request_no"]), "area", None)
    _, a, _, _ = _direct(con, *chosen)
    got = _cached(cw.progress(con, AS_OF, *chosen, b"year,unit,planned\n2022,km2,lots\n"))
    assert [str(p) for p in got.problems] == ["row 2, column 'planned': not a number >= 0: 'lots'"]
    assert got.plan_table is None
    _same_figure(got.figure, workbench_charts.progress(a))
