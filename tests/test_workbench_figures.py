"""The workbench's cached analyses give, after the pickle round trip st.cache_data makes, what a direct
computation gives: the chart without a plan where the plan has problems, and the page's picker."""
import json
import pickle

import pandas as pd
import plotly.io as pio

from ccm_analytics.workbench import charts as workbench_charts
from ccm_analytics.workbench import figures as cw

AS_OF = pd.Timestamp("2026-11-28")


def _cached(value):
    """As st.cache_data hands a result back: pickled and unpickled."""
    return pickle.loads(pickle.dumps(value))


def _same_figure(left, right):
    assert json.loads(pio.to_json(left, validate=False)) == json.loads(pio.to_json(right, validate=False))


def test_a_bad_work_plan_gives_its_problems_and_the_chart_without_it(con):
    its = cw.choices(con, AS_OF).requests["LAO-4"]
    chosen = ("LAO", 4, int(its[0]["request_no"]), "area", None, None)
    a = cw.assess(con, AS_OF, *chosen)
    got = _cached(cw.progress(con, AS_OF, *chosen, b"year,unit,planned\n2022,km2,lots\n"))
    assert [str(p) for p in got.problems] == ["row 2, column 'planned': not a number >= 0: 'lots'"]
    assert got.plan_table is None
    _same_figure(got.figure, workbench_charts.progress(a))


def test_the_picker_is_alphabetical_with_article_and_status(con):
    picks = cw.choices(con, pd.Timestamp("2026-12-01"))
    labels = list(picks.labels.values())
    names = [label.split(", Article")[0] for label in labels]
    assert names == sorted(names) and len(names) == 11  # the fixture's 11 obligations
    assert picks.labels["LAO-4"] == "Lao People's Democratic Republic, Article 4: deadline passed, extension requested"
    assert picks.labels["DEU-4"] == "Germany, Article 4: on track"  # DEU,4,2 granted 2030-08-01 at 12MSP
    # the latest request first: LAO,4,2 (12MSP) before LAO,4,1 (9MSP)
    assert [int(r["request_no"]) for r in picks.requests["LAO-4"]] == [2, 1]
    assert "SSD-4" not in picks.requests  # no request on record


def test_a_state_without_progress_figures_gets_no_chart(con):
    # Chad on 30 June 2022: TCD,4,1 (submitted May 2022) awaits 10MSP; its one yearly figure, for 2023
    # (article4_clearance_by_year.csv), is not yet over, so there is no progress to chart.
    ev = _cached(cw.evidence(con, pd.Timestamp("2022-06-30"), "TCD", 4, 1, "area", None))
    assert ev.a.progress.empty and ev.progress_figure is None and ev.progress_table is None
    assert ev.a.request_type == "interim"  # extension_requests.csv request_type
    later = _cached(cw.evidence(con, pd.Timestamp("2026-12-01"), "TCD", 4, 1, "area", None))
    assert later.a.progress["amount"].tolist() == [1.0] and later.progress_figure is not None  # 2023: 1 km²
