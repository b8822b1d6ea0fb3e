"""The Budget and contributions page's figures for a reference date: `(con, as_of, *args) -> result`.

Each function reads what it needs through `queries` and calls the pure analyses of `spending`,
the screen tables of `spending_tables` and the charts of `charts_spending`, exactly as the page did.
The page loads the results through `ui.figures` (held in memory per database file,
reference date and arguments, plotly figures included) and `ui.figures`, so a rerun does no
pandas or plotly work. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.spending import analysis
from ccm_analytics.spending import charts as spending_charts
from ccm_analytics.spending import tables as screen
from ccm_analytics.store import queries, schema
from ccm_analytics.store.imports import templates
from ccm_analytics.store.provenance import current_to_of

READS = ("isu_budget", "isu_budget_notes", "contributions", "state_status_at")  # the page's lineage
BUDGET_FILE = schema.table("budget_lines").data_file


@dataclass(frozen=True)
class Budget:
    """The Budget tab: metrics (screen text), the chart, the screen tables and the file's frame."""
    span: tuple[int, int]
    plan_known: bool
    period_total: str
    year_total: str | None
    largest_line: str
    largest_share: str
    chart: go.Figure
    table: pd.DataFrame
    peak_texts: list[str]
    totals: pd.DataFrame
    changes: pd.DataFrame
    shares: pd.DataFrame
    file: pd.DataFrame


@dataclass(frozen=True)
class Contributions:
    """The Contributions tab when contributions are known on the reference date."""
    coverage: pd.DataFrame
    coverage_chart: go.Figure
    contributors_chart: go.Figure
    coverage_file: pd.DataFrame
    undated_text: str | None
    by_state: pd.DataFrame
    heatmap: go.Figure
    by_state_file: pd.DataFrame
    years: list[int]


@dataclass(frozen=True)
class SpendingPage:
    """What the page shows for a reference date before any widget of its own is read."""
    budget: Budget | None  # None: no ISU budget on record
    in_kind_notes: list[str]
    has_actuals: bool
    contributions: Contributions | None  # None: no contribution known on the reference date
    contributions_recorded: bool  # records exist, whatever their date


@dataclass(frozen=True)
class Actuals:
    """The Actual expenditure tab for one highlight threshold (percent)."""
    beyond: int
    chart: go.Figure
    table: pd.DataFrame  # screen text; the page shades the rows beyond the threshold
    by_year: pd.DataFrame | None  # screen text; None when no year has every line's actual figure
    file: pd.DataFrame


@dataclass(frozen=True)
class NonContributors:
    """States Parties without a contribution for one budget year."""
    count: int
    table: pd.DataFrame
    file: pd.DataFrame


def _facts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


def _budget(lines: pd.DataFrame, notes: pd.DataFrame, as_of: pd.Timestamp, plan_current_to: pd.Timestamp) -> Budget | None:
    span = analysis.budget_years(lines)
    if span is None:
        return None
    long = analysis.budget_long(lines)
    totals = analysis.yearly_totals(lines)
    year_total = analysis.total_for_year(totals, as_of.year)
    shares = analysis.line_shares(lines)
    largest = analysis.largest_line(shares)
    return Budget(
        span=span, plan_known=analysis.plan_known_on(as_of, plan_current_to),
        period_total=screen.money(analysis.period_total(lines)),
        year_total=screen.money(year_total) if year_total is not None else None,
        largest_line=largest.budget_line, largest_share=screen.pct(largest.share_pct),
        chart=spending_charts.budget_stacked(long),
        table=screen.budget_screen(analysis.budget_table(lines), analysis.line_descriptions(notes)),
        peak_texts=[screen.peak_text(row) for row in analysis.peak_notes(lines, notes).itertuples(index=False)],
        totals=screen.totals_screen(totals), changes=screen.change_screen(long, totals),
        shares=screen.shares_screen(long, shares), file=analysis.money_file(long))


def _contributions(lines: pd.DataFrame, contributions: pd.DataFrame, facts: pd.DataFrame,
                   as_of: pd.Timestamp) -> Contributions:
    coverage = analysis.funding_coverage(lines, contributions)
    per_year = analysis.contributors_per_year(contributions, facts, as_of)
    undated = analysis.undated_count(contributions)
    by_state = analysis.by_state_and_year(contributions, facts)
    return Contributions(
        coverage=screen.coverage_screen(coverage, per_year),
        coverage_chart=spending_charts.coverage_bars(coverage),
        contributors_chart=spending_charts.contributors_bars(per_year),
        coverage_file=analysis.money_file(analysis.coverage_with_counts(coverage, per_year)),
        undated_text=screen.undated_text(undated) if undated else None,
        by_state=screen.by_state_screen(analysis.by_state_table(by_state)),
        heatmap=spending_charts.contributions_heatmap(by_state),
        by_state_file=analysis.money_file(by_state),
        years=analysis.contribution_years(contributions))


def page(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> SpendingPage:
    """The page's budget, contributions and whether actual expenditure is on record, for `as_of`."""
    as_of = pd.Timestamp(as_of)
    lines = queries.budget_lines(con)
    notes = queries.table(con, "isu_budget_notes")
    recorded = queries.contributions(con)
    contributions = analysis.counted_contributions(recorded, as_of)
    return SpendingPage(
        budget=_budget(lines, notes, as_of, current_to_of(queries.data_sources(con), BUDGET_FILE)),
        in_kind_notes=analysis.in_kind_notes(notes),
        has_actuals=analysis.has_actuals(lines, as_of),
        contributions=None if contributions.empty else _contributions(lines, contributions, _facts(con), as_of),
        contributions_recorded=not recorded.empty)


def actuals(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, threshold: float) -> Actuals:
    """Actual expenditure against the budget for `as_of`, lines beyond `threshold` percent flagged."""
    as_of = pd.Timestamp(as_of)
    lines = queries.budget_lines(con)
    variance = analysis.variance(lines, threshold, as_of)
    by_year = analysis.variance_by_year(lines, as_of)
    return Actuals(
        beyond=analysis.beyond_count(variance), chart=spending_charts.variance_bars(variance, threshold),
        table=screen.variance_screen(variance),
        by_year=None if by_year.empty else screen.variance_year_screen(by_year),
        file=analysis.money_file(variance))


def non_contributors(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, year: int) -> NonContributors:
    """The States Parties (on the year's reference day) without a contribution for budget `year`."""
    as_of = pd.Timestamp(as_of)
    contributions = analysis.counted_contributions(queries.contributions(con), as_of)
    missing = analysis.non_contributors(contributions, _facts(con), year, as_of)
    return NonContributors(count=len(missing), table=screen.non_contributors_screen(missing),
                           file=analysis.money_file(missing))


@dataclass(frozen=True)
class Template:
    """One import template: its columns described, and the empty file as CSV and Excel bytes."""
    kind: str
    columns: pd.DataFrame
    csv: bytes
    xlsx: bytes


def import_templates(con: duckdb.DuckDBPyConnection) -> dict[str, Template]:
    """The import templates of `templates.KINDS` by kind (they depend on the schema only, not on the data)."""
    return {kind: Template(kind, templates.template_columns(kind), templates.template_csv(kind),
                           templates.template_xlsx(kind)) for kind in templates.KINDS}
