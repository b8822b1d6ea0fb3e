"""The Extension request workbench's analyses straight from the database: `fn(con, as_of, *args)`.

The page calls them through `ui.load_computed("computed_workbench.<function>", as_of, ...)`, so they are
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

from . import charts_deadlines, downloads, extensions, queries, workbench, workplan
from .treaty import state_facts


def _requests(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """`extensions.requests_at` of the extension_requests table for `as_of`."""
    return extensions.requests_at(queries.table(con, "extension_requests"),
                                  state_facts(queries.table(con, "states"), queries.table(con, "treaty_events")),
                                  as_of)


def choices(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> dict[str, str]:
    """The picker's options: {"LAO-4": "Lao People's Democratic Republic, Article 4 (extension request)", ...}
    in `extensions.workbench_choices` order; empty where no State Party has an Article 3 or 4 obligation."""
    picks = extensions.workbench_choices(
        queries.obligation_deadlines_at(con, as_of), _requests(con, as_of),
        extensions.with_progress(queries.table(con, "article3_destruction_by_year"),
                                 queries.table(con, "article4_clearance_by_year")))
    return {} if picks.empty else extensions.choice_labels(picks)


def requests(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int) -> list[dict]:
    """The requests of one obligation on `as_of` (`extensions.requests_of`: dicts, latest first)."""
    return extensions.requests_of(_requests(con, as_of), iso3, article)


def _assess(con, as_of, iso3: str, article: int, request_no: int | None, measure: str,
            override: date | None) -> workbench.Assessment:
    """`workbench.assess` for one obligation, one of its requests (by number, None for none) and a measure."""
    obligation = extensions.obligation_of(queries.obligation_deadlines_at(con, as_of), iso3, article)
    request = None
    if request_no is not None:
        by_no = {int(r["request_no"]): r for r in requests(con, as_of, iso3, article)}
        request = by_no[request_no]
    base = workbench.baseline(article, iso3, measure, queries.table(con, "article3_stockpiles"),
                              queries.table(con, "article4_clearance"))
    progress = workbench.progress_by_year(article, iso3, measure, queries.table(con, "article3_destruction_by_year"),
                                          queries.table(con, "article4_clearance_by_year"), as_of)
    return workbench.assess(obligation, request, measure, base, progress, as_of, override)


@dataclass
class Evidence:
    """What the page shows above the work plan for one assessment."""
    a: workbench.Assessment
    key: list[tuple[str, str]]  # workbench.key_figures
    key_table: pd.DataFrame  # the key figures as a screen table
    limit: str  # workbench.limit_text
    progress_table: pd.DataFrame | None  # workbench.progress_screen; None where there is no progress figure
    scenario_years: list[int]  # workbench.scenario_years
    default_rate: float  # the scenario's first rate: the demonstrated rate, rounded to 2 decimals


def evidence(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None) -> Evidence:
    """The assessment of one request and what the page shows of it (key figures, progress table)."""
    a = _assess(con, as_of, iso3, article, request_no, measure, override)
    key = workbench.key_figures(a)
    return Evidence(a=a, key=key, key_table=workbench.pairs_frame(key), limit=workbench.limit_text(a),
                    progress_table=None if a.progress.empty else workbench.progress_screen(a),
                    scenario_years=workbench.scenario_years(a), default_rate=float(round(a.rate.rate or 0.0, 2)))


@dataclass
class Progress:
    """The progress chart, with the work plan loaded (if any) and its comparison with reported progress."""
    problems: list  # validation.Problem: why the work plan was not loaded (empty where it was, or none given)
    plan_table: pd.DataFrame | None  # workplan.plan_screen of the plan against reported progress
    figure: go.Figure  # charts_deadlines.progress, the plan's milestones drawn where its measure is the one shown


def progress(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, plan_data: bytes | None = None) -> Progress:
    """The progress chart of one assessment and the work plan `plan_data` (a CSV file's bytes, or None)."""
    a = _assess(con, as_of, iso3, article, request_no, measure, override)
    plan, problems, plan_table = None, [], None
    if plan_data is not None:
        plan, problems = workplan.read_work_plan(plan_data)
        problems += workplan.unit_problems(plan, article)
        if problems:
            plan = None
        else:
            plan_progress = workbench.progress_by_year(article, iso3, workplan.plan_measure(plan),
                                                       queries.table(con, "article3_destruction_by_year"),
                                                       queries.table(con, "article4_clearance_by_year"), as_of)
            plan_table = workplan.plan_screen(workplan.plan_vs_progress(plan, plan_progress))
    figure = charts_deadlines.progress(a, plan if plan is not None and workplan.plan_measure(plan) == measure
                                       else None)
    return Progress(problems=problems, plan_table=plan_table, figure=figure)


def rates_arg(rates: float | dict[int, float]) -> float | tuple[tuple[int, float], ...]:
    """The scenario's rates as a hashable cache argument (a dict becomes a tuple of (year, rate) pairs)."""
    return tuple(rates.items()) if isinstance(rates, dict) else rates


@dataclass
class Scenario:
    projected: pd.Timestamp  # the projected completion at the planned rates
    comparison: str  # against the requested deadline
    pairs: list[tuple[str, str]]  # workbench.scenario_pairs
    figure: go.Figure  # charts_deadlines.projection with the scenario
    numbers_csv: bytes  # the brief's numbers (workbench.numbers) as CSV


def scenario(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str, article: int, request_no: int | None,
             measure: str, override: date | None, rates: float | tuple[tuple[int, float], ...]) -> Scenario:
    """The scenario of one assessment for planned rates (one a year, or `rates_arg` of a rate per year)."""
    a = _assess(con, as_of, iso3, article, request_no, measure, override)
    rates = dict(rates) if isinstance(rates, tuple) else rates
    projected, comparison = workbench.scenario(a, rates or None)
    pairs = workbench.scenario_pairs(a, rates, projected, comparison)
    return Scenario(projected=projected, comparison=comparison, pairs=pairs,
                    figure=charts_deadlines.projection(a, {"scenario": projected}),
                    numbers_csv=downloads.csv_bytes(workbench.numbers(a, pairs)))
