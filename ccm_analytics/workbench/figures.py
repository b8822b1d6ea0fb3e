"""The Extension request workbench's analyses straight from the database: `fn(con, as_of, *args)`.

The page calls them through `ui.figures`, so they are
cached per database file, reference date and the page's plain widget values (the obligation picked, the
request number, the measure, the requested deadline entered, the work plan file's bytes, the scenario
rates): a rerun with the same values does no pandas work and builds no figure. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.formats import downloads
from ccm_analytics.store import queries
from ccm_analytics.workbench import assessment as workbench_assessment
from ccm_analytics.workbench import charts, workplan
from ccm_analytics.workbench import choices as picker

# What the page reads: its lineage.
READS = ("obligation_deadlines_at", "extension_decisions", "article3_stockpiles", "article3_destruction_by_year",
         "article4_clearance", "article4_clearance_by_year", "article4_remaining")


class _Figures:
    """For results holding plotly figures: a figure pickles as its plain dict and comes back without
    plotly validating every property again (which costs more than drawing it: st.cache_data unpickles
    the result on every rerun). The figure's JSON is the same as a validated copy's."""

    def __getstate__(self):
        return {k: _FigureDict(v.to_dict()) if isinstance(v, go.Figure) else v for k, v in self.__dict__.items()}

    def __setstate__(self, state):
        self.__dict__.update({k: go.Figure(v, _validate=False) if isinstance(v, _FigureDict) else v
                              for k, v in state.items()})


class _FigureDict(dict):
    """A figure's dict inside a pickled result (see _Figures)."""


@dataclass
class Choices:
    labels: dict[str, str]  # {"LAO-4": "Lao People's Democratic Republic, Article 4 (extension request)", ...}
    requests: dict[str, list[dict]]  # the requests of each choice that has any (picker.requests_of)


def choices(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Choices:
    """The picker's options in `picker.workbench_choices` order (none where no State Party has an
    Article 3 or 4 obligation) and the extension requests of each on `as_of`."""
    requests = queries.extension_requests_at(con, as_of)
    picks = picker.workbench_choices(
        queries.obligation_deadlines_at(con, as_of), requests,
        picker.with_progress(queries.table(con, "article3_destruction_by_year"),
                                 queries.table(con, "article4_clearance_by_year")))
    labels = {} if picks.empty else picker.choice_labels(picks)
    with_requests = [key for key, has in zip(labels, picks["has_request"]) if has]
    return Choices(labels=labels, requests={key: picker.requests_of(requests, *picker.parse_choice(key))
                                            for key in with_requests})


def _assess(con, as_of, iso3: str, article: int, request_no: int | None, measure: str,
            override: date | None) -> workbench_assessment.Assessment:
    """`workbench_assessment.assess` for one obligation, one of its requests (by number, None for none) and a measure."""
    obligation = picker.obligation_of(queries.obligation_deadlines_at(con, as_of), iso3, article)
    request = None
    if request_no is not None:
        by_no = {int(r["request_no"]): r for r in picker.requests_of(queries.extension_requests_at(con, as_of), iso3, article)}
        request = by_no[request_no]
    base = workbench_assessment.baseline(article, iso3, measure, queries.table(con, "article3_stockpiles"),
                              queries.table(con, "article4_clearance"))
    progress = workbench_assessment.progress_by_year(article, iso3, measure, queries.table(con, "article3_destruction_by_year"),
                                          queries.table(con, "article4_clearance_by_year"), as_of)
    return workbench_assessment.assess(obligation, request, measure, base, progress, as_of, override)


def rates_arg(rates: float | dict[int, float]) -> float | tuple[tuple[int, float], ...]:
    """The scenario's rates as a hashable cache argument (a dict becomes a tuple of (year, rate) pairs)."""
    return tuple(rates.items()) if isinstance(rates, dict) else rates


@dataclass
class Scenario(_Figures):
    projected: pd.Timestamp  # the projected completion at the planned rates
    comparison: str  # against the requested deadline
    pairs: list[tuple[str, str]]  # workbench_assessment.scenario_pairs
    figure: go.Figure  # charts.projection with the scenario
    numbers_csv: bytes  # the brief's numbers (workbench_assessment.numbers) as CSV


def scenario(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, rates: float | tuple[tuple[int, float], ...]) -> Scenario:
    """The scenario of one assessment for planned rates (one a year, or `rates_arg` of a rate per year)."""
    return _scenario(_assess(con, as_of, iso3, article, request_no, measure, override),
                     dict(rates) if isinstance(rates, tuple) else rates)


def _scenario(a: workbench_assessment.Assessment, rates: float | dict[int, float]) -> Scenario:
    projected, comparison = workbench_assessment.scenario(a, rates or None)
    pairs = workbench_assessment.scenario_pairs(a, rates, projected, comparison)
    return Scenario(projected=projected, comparison=comparison, pairs=pairs,
                    figure=charts.projection(a, {"scenario": projected}),
                    numbers_csv=downloads.csv_bytes(workbench_assessment.numbers(a, pairs)))


@dataclass
class Evidence(_Figures):
    """What the page shows of one assessment, but a work plan and a scenario at other rates."""
    a: workbench_assessment.Assessment
    key: list[tuple[str, str]]  # workbench_assessment.key_figures
    key_table: pd.DataFrame  # the key figures as a screen table
    limit: str  # workbench_assessment.limit_text
    progress_table: pd.DataFrame | None  # workbench_assessment.progress_screen; None where there is no progress figure
    progress_figure: go.Figure  # charts.progress without a work plan
    scenario_years: list[int]  # workbench_assessment.scenario_years
    default_rate: float  # the scenario's first rate: the demonstrated rate, rounded to 2 decimals
    default_scenario: Scenario  # the scenario at `default_rate` every year (what the page first shows)


def evidence(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None) -> Evidence:
    """The assessment of one request and what the page shows of it (key figures, progress table and
    chart, the scenario at the demonstrated rate)."""
    a = _assess(con, as_of, iso3, article, request_no, measure, override)
    key = workbench_assessment.key_figures(a)
    rate = float(round(a.rate.rate or 0.0, 2))
    return Evidence(a=a, key=key, key_table=workbench_assessment.pairs_frame(key), limit=workbench_assessment.limit_text(a),
                    progress_table=None if a.progress.empty else workbench_assessment.progress_screen(a),
                    progress_figure=charts.progress(a),
                    scenario_years=workbench_assessment.scenario_years(a), default_rate=rate, default_scenario=_scenario(a, rate))


@dataclass
class Progress(_Figures):
    """The progress chart, with the work plan loaded (if any) and its comparison with reported progress."""
    problems: list  # validation.Problem: why the work plan was not loaded (empty where it was, or none given)
    plan_table: pd.DataFrame | None  # workplan.plan_screen of the plan against reported progress
    figure: go.Figure  # charts.progress, the plan's milestones drawn where its measure is the one shown


def progress(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, plan_data: bytes) -> Progress:
    """The progress chart of one assessment with the work plan `plan_data` (a CSV file's bytes) and
    the plan against reported progress (`Evidence.progress_figure` is the chart without a plan)."""
    a = _assess(con, as_of, iso3, article, request_no, measure, override)
    plan, problems = workplan.read_work_plan(plan_data)
    problems += workplan.unit_problems(plan, article)
    plan_table = None
    if problems:
        plan = None
    else:
        plan_progress = workbench_assessment.progress_by_year(article, iso3, workplan.plan_measure(plan),
                                                   queries.table(con, "article3_destruction_by_year"),
                                                   queries.table(con, "article4_clearance_by_year"), as_of)
        plan_table = workplan.plan_screen(workplan.plan_vs_progress(plan, plan_progress))
    figure = charts.progress(a, plan if plan is not None and workplan.plan_measure(plan) == measure
                                       else None)
    return Progress(problems=problems, plan_table=plan_table, figure=figure)


