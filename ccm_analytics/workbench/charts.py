"""Charts of the extension request workbench (plotly figures, no data access)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.formats.text import format_date

SHADES = {"original": "#1f5f8b", "requested": "#e0a526", "reported": "#1f5f8b", "plan": "#e0a526",
          "projection": "#7fb2d6", "required": "#b03a2e"}


def progress(a, plan: pd.DataFrame | None = None) -> go.Figure:
    """Amount reported per year (a `workbench.Assessment`), qualifiers in the hover text, the
    demonstrated rate as a line over the years it uses, and the work plan's milestones if given."""
    p = a.progress
    fig = go.Figure()
    fig.add_bar(x=p["year"], y=p["amount"], name=f"reported ({a.unit})", marker_color=SHADES["reported"],
                text=[q if q not in ("exact", "not stated") else "" for q in p["qualifier"]], textposition="outside",
                hovertemplate="%{x}: %{y:,.2f} (%{text})<extra></extra>")
    if a.rate.rate is not None and not a.rate.years.empty:
        fig.add_scatter(x=a.rate.years["year"], y=[a.rate.rate] * len(a.rate.years), mode="lines+markers",
                        name="demonstrated rate", line=dict(color=SHADES["required"], dash="dot"))
    if plan is not None and not plan.empty:
        fig.add_scatter(x=plan["year"], y=plan["planned"], mode="markers+lines", name="work plan milestone",
                        marker=dict(symbol="x", size=10, color=SHADES["plan"]), line=dict(dash="dash"))
    fig.update_layout(title=f"{a.state_name}, Article {a.article}: {a.unit} per year (as reported)",
                      xaxis=dict(title="Year", dtick=1), yaxis_title=a.unit, height=360, legend_orientation="h",
                      margin=dict(t=60, l=40, r=20, b=40))
    if p.empty:
        fig.add_annotation(text="No progress figure per year in the data", showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper")
    return fig


def projection(a, scenario: dict[str, pd.Timestamp]) -> go.Figure:
    """Dates side by side: deadline extended, requested deadline, treaty limit, and the projected
    completions (demonstrated rate and each scenario)."""
    items = [("current deadline (extended by the request)", a.extends_deadline, SHADES["original"]),
             ("requested deadline", a.requested_deadline, SHADES["requested"]),
             (f"treaty limit ({a.limit_years} years)", a.limit_date, "#888888"),
             ("projected completion at the demonstrated rate", a.projected_completion, SHADES["projection"])]
    items += [(f"projected completion: {name}", day, SHADES["plan"]) for name, day in scenario.items()]
    items = [(n, d, c) for n, d, c in items if d is not None and pd.notna(d)]
    fig = go.Figure()
    start = a.remaining.as_at if pd.notna(a.remaining.as_at) else None
    for name, day, colour in items:
        fig.add_scatter(x=[day], y=[name], mode="markers+text", marker=dict(size=12, color=colour),
                        text=[format_date(day)], textposition="middle right", showlegend=False,
                        hovertemplate=f"{name}: {format_date(day)}<extra></extra>")
    if start is not None:
        fig.add_vline(x=pd.Timestamp(start).timestamp() * 1000, line_dash="dot", line_color="#555555")
    days = [pd.Timestamp(d) for _, d, _ in items] + ([pd.Timestamp(start)] if start is not None else [])
    span = (max(days) - min(days)) if days else pd.Timedelta(days=365)
    pad = max(span * 0.25, pd.Timedelta(days=180))
    fig.update_layout(title="Requested deadline against projected completion", height=140 + 40 * max(1, len(items)),
                      margin=dict(t=50, l=10, r=20, b=30), yaxis=dict(autorange="reversed"),
                      xaxis=dict(type="date", range=[min(days) - pad / 4, max(days) + pad] if days else None))
    return fig
