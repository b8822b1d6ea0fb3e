"""The Extension request workbench's analyses straight from the database: `fn(con, as_of, *args)`.

The page calls them through `ui.figures`, so they are
cached per database file, reference date and the page's plain widget values (the obligation picked, the
request number, the measure, the requested deadline entered, the work plan file's bytes, the scenario
rates, the type entered): a rerun with the same values does no pandas work and builds no figure. Importable without Streamlit.
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
from ccm_analytics.workbench import charts, document, screen, workplan
from ccm_analytics.workbench import choices as picker
from ccm_analytics.workbench import progress as readings

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
    labels: dict[str, str]  # {"LAO-4": "Lao People's Democratic Republic, Article 4: ...", ...}, alphabetical
    requests: dict[str, list[dict]]  # the requests of each choice that has any (picker.requests_of), latest first
    default: str | None  # the choice the page opens on (picker.default_choice)


def choices(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Choices:
    """The picker's options (none where no State Party has an Article 3 or 4 obligation) and the
    extension requests of each on `as_of`."""
    requests = queries.extension_requests_at(con, as_of)
    picks = picker.workbench_choices(
        queries.obligation_deadlines_at(con, as_of), requests,
        picker.with_progress(queries.table(con, "article3_destruction_by_year"),
                             queries.table(con, "article4_clearance_by_year")))
    labels = {} if picks.empty else picker.choice_labels(picks)
    with_requests = [key for key, has in zip(labels, picks["has_request"]) if has]
    return Choices(labels=labels, requests={key: picker.requests_of(requests, *picker.parse_choice(key))
                                            for key in with_requests}, default=picker.default_choice(picks))


def assess(con, as_of, iso3: str, article: int, request_no: int | None, measure: str,
           override: date | None, type_override: str | None = None) -> workbench_assessment.Assessment:
    """`workbench_assessment.assess` for one obligation, one of its requests (by number, None for none), a
    measure, the requested deadline and type the Group entered (used only where the data lack them)."""
    obligation = picker.obligation_of(queries.obligation_deadlines_at(con, as_of), iso3, article)
    its = picker.requests_of(queries.extension_requests_at(con, as_of), iso3, article)
    by_no = {int(r["request_no"]): r for r in its}
    request = by_no[request_no] if request_no is not None else None
    earlier = [r for n, r in sorted(by_no.items()) if request_no is not None and n < request_no]
    remaining_reports = queries.table(con, "article4_remaining")
    base = readings.baseline(article, iso3, measure, queries.table(con, "article3_stockpiles"), remaining_reports,
                             obligation["entry_into_force_date"])
    progress = readings.progress_by_year(article, iso3, measure, queries.table(con, "article3_destruction_by_year"),
                                         queries.table(con, "article4_clearance_by_year"), as_of)
    reported = readings.reported_remaining(iso3, remaining_reports, as_of) if article == 4 else None
    return workbench_assessment.assess(obligation, request, measure, base, progress, as_of, override, reported,
                                       type_override, earlier)


def rates_arg(rates: float | dict[int, float]) -> float | tuple[tuple[int, float], ...]:
    """The scenario's rates as a hashable cache argument (a dict becomes a tuple of (year, rate) pairs)."""
    return tuple(rates.items()) if isinstance(rates, dict) else rates


@dataclass
class Scenario(_Figures):
    projected: pd.Timestamp  # the projected completion at the planned rates
    comparison: str  # against the requested deadline
    pairs: list[tuple[str, str]]  # screen.scenario_pairs
    figure: go.Figure | None  # charts.projection with the scenario; None where there is no date to show
    numbers_csv: bytes  # the brief's numbers (screen.numbers) as CSV


def scenario(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, type_override: str | None,
             rates: float | tuple[tuple[int, float], ...]) -> Scenario:
    """The scenario of one assessment for planned rates (one a year, or `rates_arg` of a rate per year)."""
    return _scenario(assess(con, as_of, iso3, article, request_no, measure, override, type_override),
                     dict(rates) if isinstance(rates, tuple) else rates)


def _scenario(a: workbench_assessment.Assessment, rates: float | dict[int, float]) -> Scenario:
    projected, comparison = screen.scenario(a, rates or None)
    pairs = screen.scenario_pairs(a, rates, projected, comparison)
    return Scenario(projected=projected, comparison=comparison, pairs=pairs,
                    figure=charts.projection(a, {"scenario": projected}),
                    numbers_csv=downloads.csv_bytes(screen.numbers(a, pairs)))


@dataclass
class Evidence(_Figures):
    """What the page shows of one assessment, but a work plan and a scenario at other rates."""
    a: workbench_assessment.Assessment
    key: list[tuple[str, str]]  # screen.key_figures
    key_table: pd.DataFrame  # the key figures as a screen table
    limit: str  # screen.limit_text
    verdict: str  # workbench_assessment.verdict
    progress_table: pd.DataFrame | None  # screen.progress_screen; None where there is no progress figure
    progress_figure: go.Figure | None  # charts.progress without a work plan; None where there is no figure
    track_record: pd.DataFrame  # screen.track_record
    scenario_years: list[int]  # screen.scenario_years
    default_rate: float  # the scenario's first rate: the demonstrated rate, rounded to 2 decimals
    default_scenario: Scenario  # the scenario at `default_rate` every year (what the page first shows)


def evidence(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, type_override: str | None = None) -> Evidence:
    """The assessment of one request and what the page shows of it (key figures, progress table and
    chart, the scenario at the demonstrated rate)."""
    a = assess(con, as_of, iso3, article, request_no, measure, override, type_override)
    key = screen.key_figures(a)
    rate = float(round(a.rate.rate or 0.0, 2))
    return Evidence(a=a, key=key, key_table=screen.pairs_frame(key), limit=screen.limit_text(a),
                    verdict=workbench_assessment.verdict(a),
                    progress_table=None if a.progress.empty else screen.progress_screen(a),
                    progress_figure=None if a.progress.empty else charts.progress(a),
                    track_record=screen.track_record(a),
                    scenario_years=screen.scenario_years(a), default_rate=rate, default_scenario=_scenario(a, rate))


@dataclass
class Progress(_Figures):
    """The progress chart, with the work plan loaded (if any) and its comparison with reported progress."""
    problems: list  # validation.Problem: why the work plan was not loaded (empty where it was, or none given)
    plan: pd.DataFrame | None  # the plan read (None where none or with problems)
    plan_table: pd.DataFrame | None  # workplan.plan_screen of the plan against reported progress
    figure: go.Figure | None  # charts.progress, the plan's milestones drawn where its measure is the one shown


def progress(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, type_override: str | None, plan_data: bytes) -> Progress:
    """The progress chart of one assessment with the work plan `plan_data` (a CSV file's bytes) and
    the plan against reported progress (`Evidence.progress_figure` is the chart without a plan)."""
    a = assess(con, as_of, iso3, article, request_no, measure, override, type_override)
    plan, problems = workplan.read_work_plan(plan_data)
    problems += workplan.unit_problems(plan, article)
    plan_table = None
    if problems:
        plan = None
    else:
        plan_progress = readings.progress_by_year(article, iso3, workplan.plan_measure(plan),
                                                  queries.table(con, "article3_destruction_by_year"),
                                                  queries.table(con, "article4_clearance_by_year"), as_of)
        plan_table = workplan.plan_screen(workplan.plan_vs_progress(plan, plan_progress))
    shown = plan if plan is not None and workplan.plan_measure(plan) == measure else None
    figure = None if a.progress.empty and shown is None else charts.progress(a, shown)
    return Progress(problems=problems, plan=plan, plan_table=plan_table, figure=figure)


def analysis_document(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int,
                      request_no: int | None, measure: str, override: date | None, type_override: str | None,
                      texts: tuple[tuple[str, str], ...], plan_data: bytes | None, sources: pd.DataFrame,
                      current_to_text: str) -> list[document.Block]:
    """The blocks of the Group's analysis and draft decision (document.docx_bytes / html_text render them)."""
    a = assess(con, as_of, iso3, article, request_no, measure, override, type_override)
    plan, plan_table = None, None
    if plan_data:
        with_plan = progress(con, as_of, iso3, article, request_no, measure, override, type_override, plan_data)
        plan, plan_table = with_plan.plan, with_plan.plan_table
    return document.blocks(a, dict(texts), plan, plan_table, sources, current_to_text)
