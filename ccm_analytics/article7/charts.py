"""Article 7 charts: the State × reporting-year grid, the reporting rates and the status counts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.article7.reports import ANNUAL_STATUSES
from ccm_analytics.article7.transparency import rate_text
from ccm_analytics.formats import palette

# One colour per status (formats.palette; the status is also in the hover text and the table).
STATUS_COLOURS = palette.ARTICLE7_STATUS


def annual_heatmap(annual: pd.DataFrame) -> go.Figure:
    """States (rows) × calendar year covered (columns), coloured by status; blank where nothing is owed.
    `annual` comes from status.annual_reports."""
    statuses = list(ANNUAL_STATUSES)
    code = {s: i for i, s in enumerate(statuses)}
    names = sorted(annual["state_name"].unique(), key=lambda s: s.casefold(), reverse=True)
    years = sorted(annual["reporting_year"].unique())
    # One cell per (State, year); should a pair repeat, its last row wins. Whole-array assignment, no loop.
    cells = annual.drop_duplicates(["state_name", "reporting_year"], keep="last")
    rows = pd.Index(names).get_indexer(cells["state_name"])
    columns = pd.Index(years).get_indexer(cells["reporting_year"])
    z = np.full((len(names), len(years)), np.nan)
    z[rows, columns] = [code[s] for s in cells["status"]]
    text = np.full((len(names), len(years)), "", dtype=object)
    text[rows, columns] = cells["status"].to_numpy(dtype=object)
    n = len(statuses)
    scale = []
    for i, s in enumerate(statuses):  # a stepped colour scale: one flat band per status
        scale += [[i / n, STATUS_COLOURS[s]], [(i + 1) / n, STATUS_COLOURS[s]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(y) for y in years], y=names, text=text, zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, xgap=1, ygap=1,
        hovertemplate="%{y}, calendar year %{x}: %{text}<extra></extra>",
        colorbar=dict(tickvals=list(range(n)), ticktext=statuses, title="Status", lenmode="pixels", len=260,
                      yanchor="top", y=1)))
    fig.update_layout(title=dict(text="Annual reports by State and calendar year covered (blank: not owed)",
                                 y=1, yanchor="top", yref="container", pad=dict(t=10)),
                      height=max(360, 14 * len(names) + 160), margin=dict(t=80, l=10, r=10, b=40),
                      plot_bgcolor="#ffffff", yaxis=dict(tickfont=dict(size=10)), xaxis=dict(side="top"))
    return fig


def reporting_rates(rates: pd.DataFrame) -> go.Figure:
    """Share of States Parties with a record that submitted on time and at all, per calendar year covered
    (a `transparency.reporting_rates_shown` frame): a gap where the rate is not drawn; under each year, its
    denominator (States with a record of States owing a report)."""
    years = rates["reporting_year"].astype(int).tolist()
    fig = go.Figure()
    for column, count, name, colour in [("submitted_rate", "submitted", "submitted at all", "submitted late"),
                                        ("on_time_rate", "on_time", "submitted on time", "submitted on time")]:
        custom = [[rate_text(r, n, w), d] for r, n, w, d in
                  zip(rates[column], rates[count], rates["with_record"], rates["denominator"])]
        fig.add_scatter(x=years, y=rates[column], name=name, mode="lines+markers", line_color=STATUS_COLOURS[colour],
                        customdata=custom, connectgaps=False,
                        hovertemplate=f"%{{x}}, {name}: %{{customdata[0]}}; "
                                      "with a record: %{customdata[1]} owing a report<extra></extra>")
    fig.update_layout(title="Annual reporting rate per calendar year covered (among States Parties with a record)",
                      xaxis=dict(title="Calendar year covered (with a record, of States Parties owing a report)",
                                 tickvals=years, ticktext=[f"{y}<br>{d}" for y, d in zip(years, rates["denominator"])]),
                      yaxis=dict(title="Share", tickformat=".0%", range=[0, 1.05]),
                      legend=dict(orientation="h", x=1, xanchor="right", y=1.0, yanchor="bottom"),
                      height=400, margin=dict(t=90, l=40, r=20, b=60))
    return fig


def status_bars(counts: pd.DataFrame, title: str) -> go.Figure:
    """Horizontal bars: reports per status (`counts` from reports.status_counts)."""
    fig = go.Figure(go.Bar(x=counts["reports"], y=counts["status"], orientation="h", text=counts["reports"],
                           marker_color=[STATUS_COLOURS.get(s, palette.NEUTRAL) for s in counts["status"]],
                           marker_line_color="#666666", marker_line_width=0.5,
                           hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(title=title, height=60 + 32 * len(counts), margin=dict(t=50, l=10, r=20, b=30),
                      yaxis=dict(autorange="reversed"), xaxis_title="Reports")
    return fig
