"""Charts of the ISU's money: budget by line, actual against budget, contributions and coverage.

Each builder takes frames from `spending` (money in integer centimes) and returns a plotly figure.
Axes show CHF with ' between thousands (layout.separators); hover texts use money.format_chf.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.formats import palette
from ccm_analytics.formats.money import chf, format_chf
from ccm_analytics.formats.text import format_percent

LINE_COLOURS = palette.categorical(BUDGET_LINES)
SEPARATORS = ".'"  # decimal point, then the thousands separator: 469'686
_LAYOUT = dict(separators=SEPARATORS, legend=dict(orientation="h", yanchor="top", y=-0.12, x=0),
               margin=dict(t=60, l=60, r=20, b=40), height=420)


def _francs(centimes: pd.Series) -> list[float]:
    # Plotly draws numbers: whole francs for the axis (display only; sums are done in centimes).
    return [float(chf(c)) if pd.notna(c) else None for c in centimes]


def budget_stacked(long: pd.DataFrame) -> go.Figure:
    """Stacked bars: each year's budget by line (a `spending.budget_long` frame)."""
    fig = go.Figure()
    for line in [x for x in BUDGET_LINES if x in set(long["budget_line"])]:
        rows = long[long["budget_line"] == line]
        fig.add_bar(x=rows["year"].astype(str), y=_francs(rows["amount_centimes"]), name=line,
                    marker_color=LINE_COLOURS.get(line),
                    customdata=[[format_chf(chf(a)), s] for a, s in zip(rows["amount_centimes"], rows["share_pct"])],
                    hovertemplate=f"{line}, %{{x}}: %{{customdata[0]}} (%{{customdata[1]}}% of the year)<extra></extra>")
    fig.update_layout(barmode="stack", title="ISU budget by line and year (CHF)", xaxis_title=None,
                      yaxis_title="CHF", xaxis_type="category", **_LAYOUT)
    return fig


def variance_bars(variance: pd.DataFrame, threshold_pct: float) -> go.Figure:
    """Grouped bars: actual minus budget, in percent of the budget, per line and year, with the
    threshold drawn at plus and minus `threshold_pct` (a `spending.variance` frame)."""
    fig = go.Figure()
    for line in [x for x in BUDGET_LINES if x in set(variance["budget_line"])]:
        rows = variance[variance["budget_line"] == line]
        fig.add_bar(x=rows["year"].astype(str), y=rows["variance_pct"], name=line, marker_color=LINE_COLOURS.get(line),
                    customdata=[[format_chf(chf(b)), format_chf(chf(a))]
                                for b, a in zip(rows["budget_centimes"], rows["actual_centimes"])],
                    hovertemplate=(f"{line}, %{{x}}: %{{y:+.1f}}% (budget %{{customdata[0]}}, "
                                   "actual %{customdata[1]})<extra></extra>"))
    for level in (threshold_pct, -threshold_pct):
        fig.add_hline(y=level, line_dash="dash", line_color=palette.ALERT,
                      annotation_text=f"{level:+g} %", annotation_position="right")
    fig.update_layout(barmode="group", title="Actual expenditure against budget (% of the line's budget)",
                      xaxis_title=None, yaxis_title="Actual − budget (%)", xaxis_type="category",
                      **{**_LAYOUT, "margin": dict(t=60, l=60, r=60, b=40)})
    return fig


def coverage_bars(coverage: pd.DataFrame) -> go.Figure:
    """Bars of contributions received per year beside the year's budget (a `spending.funding_coverage` frame)."""
    fig = go.Figure()
    fig.add_bar(x=coverage["year"].astype(str), y=_francs(coverage["budget_centimes"]), name="Budget",
                marker_color=palette.NEUTRAL,
                customdata=[format_chf(chf(b)) for b in coverage["budget_centimes"]],
                hovertemplate="Budget %{x}: %{customdata}<extra></extra>")
    fig.add_bar(x=coverage["year"].astype(str), y=_francs(coverage["contributions_centimes"]), name="Contributions received",
                marker_color=palette.PRIMARY,
                customdata=[[format_chf(chf(c)), format_percent(p)]
                            for c, p in zip(coverage["contributions_centimes"], coverage["coverage_pct"])],
                hovertemplate="Received for %{x}: %{customdata[0]} (%{customdata[1]} of the budget)<extra></extra>")
    fig.update_layout(barmode="group", title="Contributions received against the year's budget (CHF)",
                      xaxis_title=None, yaxis_title="CHF", xaxis_type="category", **_LAYOUT)
    return fig


def contributors_bars(per_year: pd.DataFrame) -> go.Figure:
    """States Parties contributing each year against all States Parties (a `spending.contributors_per_year` frame)."""
    fig = go.Figure()
    fig.add_bar(x=per_year["year"].astype(str), y=per_year["states_parties"], name="States Parties", marker_color=palette.NEUTRAL,
                hovertemplate="%{x}: %{y} States Parties<extra></extra>")
    fig.add_bar(x=per_year["year"].astype(str), y=per_year["contributing_parties"], name="States Parties contributing",
                marker_color=palette.PRIMARY, hovertemplate="%{x}: %{y} States Parties contributed<extra></extra>")
    fig.update_layout(barmode="overlay", title="States Parties contributing each year", xaxis_title=None,
                      yaxis_title="States", xaxis_type="category", **_LAYOUT)
    return fig


# More rows than there are States (197): real data are never cut; a synthetic or erroneous file with
# thousands of contributors still draws a readable chart (the table and download keep every row).
HEATMAP_MAX_STATES = 200


def contributions_heatmap(by_state_year: pd.DataFrame, max_states: int = HEATMAP_MAX_STATES) -> go.Figure:
    """Contributions by State (rows) and year (columns), colour = amount (a `spending.by_state_and_year` frame);
    at most `max_states` rows, the largest contributors over all years, the title saying so when cut."""
    totals = by_state_year.groupby("state_name")["amount_centimes"].sum()
    shown = totals.sort_values(ascending=False, kind="stable").index[:max_states]
    cut = len(totals) > max_states
    by_state_year = by_state_year[by_state_year["state_name"].isin(shown)]
    names = sorted(set(by_state_year["state_name"]), reverse=True)
    years = sorted(set(by_state_year["year"]))
    amounts = {(r.state_name, r.year): r.amount_centimes for r in by_state_year.itertuples(index=False)}
    z = [[float(chf(amounts[(n, y)])) if (n, y) in amounts else None for y in years] for n in names]
    text = [[format_chf(chf(amounts[(n, y)])) if (n, y) in amounts else "none" for y in years] for n in names]
    fig = go.Figure(go.Heatmap(z=z, x=[str(y) for y in years], y=names, customdata=text, colorscale="Blues",
                               colorbar_title="CHF",
                               hovertemplate="%{y}, %{x}: %{customdata}<extra></extra>"))
    title = "Contributions by State and year (CHF)"
    if cut:
        title += f": the {max_states} largest contributors of {len(totals)} (all are in the table)"
    fig.update_layout(title=title, xaxis_title="Budget year",
                      separators=SEPARATORS, margin=dict(t=60, l=160, r=20, b=40),
                      height=max(300, 120 + 22 * len(names)))
    return fig


# Styling is computed cell by cell on every rerun; past this many rows (40 years of the five lines)
# the text column alone carries the signal.
MAX_SHADED_ROWS = 200


def highlight_beyond(screen_frame: pd.DataFrame, column: str = "Beyond threshold"):
    """A pandas Styler shading the rows whose `column` starts with "yes" (the text says it too:
    colour is never the only signal); the frame itself, unshaded, past MAX_SHADED_ROWS rows."""
    if len(screen_frame) > MAX_SHADED_ROWS:
        return screen_frame
    def shade(row: pd.Series) -> list[str]:
        hit = str(row[column]).startswith("yes")
        return ["background-color: #f6d5d1; font-weight: 600" if hit else ""] * len(row)
    return screen_frame.style.apply(shade, axis=1)
