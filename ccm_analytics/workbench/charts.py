"""Charts of the extension request workbench (plotly figures, no data access)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.formats import palette
from ccm_analytics.formats.text import format_date

SHADES = palette.DEADLINE_SHADES  # the deadline chart's colours: the workbench draws the same deadlines


def progress(a, plan: pd.DataFrame | None = None) -> go.Figure:
    """Amount reported per year (a `workbench.Assessment`; Article 4 area by method), qualifiers in the hover
    text, the demonstrated rate as a line over the years it uses, and the work plan's milestones if given.
    The caller draws it only where there is a figure to show."""
    p = a.progress
    fig = go.Figure()
    hover = [q if q not in ("exact", "not stated") else "" for q in p["qualifier"]]
    if a.measure == "area" and "cleared" in p:
        # land released by method, stacked: cleared and reduced count in the rate, cancelled does not
        for column, name in (("cleared", "cleared"), ("reduced", "reduced by technical survey")):
            fig.add_bar(x=p["year"], y=p[column].fillna(0.0), name=f"{name} (km²)",
                        marker_color=palette.LAND_RELEASE[name],
                        customdata=hover, hovertemplate="%{x}: %{y:,.2f} km² %{customdata}<extra></extra>")
        if p["cancelled"].notna().any():
            cancelled = "cancelled by non-technical survey"
            fig.add_scatter(x=p["year"], y=p["cancelled"], mode="markers", name=f"{cancelled} (km², not in the rate)",
                            marker=dict(symbol="diamond", size=9, color=palette.LAND_RELEASE[cancelled]))
        fig.update_layout(barmode="stack")
    else:
        fig.add_bar(x=p["year"], y=p["amount"], name=f"reported ({a.unit})", marker_color=SHADES["reported"],
                    customdata=hover, hovertemplate="%{x}: %{y:,.2f} %{customdata}<extra></extra>")
    if a.rate.rate is not None and not a.rate.years.empty:
        fig.add_scatter(x=a.rate.years["year"], y=[a.rate.rate] * len(a.rate.years), mode="lines+markers",
                        name="demonstrated rate", line=dict(color=SHADES["required"], dash="dot"))
    if plan is not None and not plan.empty:
        fig.add_scatter(x=plan["year"], y=plan["planned"], mode="markers+lines", name="work plan milestone",
                        marker=dict(symbol="x", size=10, color=SHADES["plan"]), line=dict(dash="dash"))
    whose = f", {a.rate.scope} figures" if a.rate.scope else ""
    fig.update_layout(title=f"{a.state_name}, Article {a.article}: {a.unit} per year (as reported{whose})",
                      xaxis=dict(title="Year", dtick=1, tickformat="d"), yaxis_title=a.unit, height=380,
                      legend_orientation="h", margin=dict(t=60, l=70, r=20, b=60), yaxis=dict(automargin=True))
    return fig


def projection(a, scenario: dict[str, pd.Timestamp]) -> go.Figure | None:
    """Dates side by side: deadline extended, requested deadline, treaty limit, and the projected
    completions (demonstrated rate and each scenario)."""
    items = [("current deadline (extended by the request)", a.extends_deadline, SHADES["original"]),
             ("requested deadline", a.requested_deadline, SHADES["requested"]),
             (f"treaty limit ({a.limit_years} years)", a.limit_date, "#888888"),
             ("projected completion at the demonstrated rate", a.projected_completion, SHADES["projection"])]
    items += [(f"projected completion: {name}", day, SHADES["plan"]) for name, day in scenario.items()]
    items = [(n, d, c) for n, d, c in items if d is not None and pd.notna(d)]
    if not items:
        return None  # no date to show: the page says so instead of drawing an empty chart
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
                      margin=dict(t=50, l=10, r=20, b=30), yaxis=dict(autorange="reversed", automargin=True),
                      xaxis=dict(type="date", range=[min(days) - pad / 4, max(days) + pad] if days else None))
    return fig
