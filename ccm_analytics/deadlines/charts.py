"""Charts of the deadline tracker and the extension request workbench (plotly figures, no data access)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.formats import palette
from ccm_analytics.formats.text import format_date

SHADES = palette.DEADLINE_SHADES
_MS_PER_DAY = 86_400_000


def _span_ms(start: pd.Series, end: pd.Series) -> list:
    return [None if pd.isna(s) or pd.isna(e) else (pd.Timestamp(e) - pd.Timestamp(s)).days * _MS_PER_DAY
            for s, e in zip(start, end)]


def timeline(rows: pd.DataFrame, as_of: pd.Timestamp) -> go.Figure:
    """One bar per State and article (an `extensions.timeline_rows` frame): entry into force to the
    original deadline, then extensions granted in a lighter shade, a deadline requested without a
    recorded decision hatched, completion as a black diamond and a line at the reference date."""
    as_of = pd.Timestamp(as_of)
    y = rows["label"]
    fig = go.Figure()
    hover = [f"{r.label}<br>entry into force {format_date(r.entry_into_force_date)}<br>original deadline "
             f"{format_date(r.original_deadline)}<br>current deadline {format_date(r.current_deadline)}"
             f"<br>status: {r.status}" for r in rows.itertuples(index=False)]
    fig.add_bar(y=y, base=rows["entry_into_force_date"], x=_span_ms(rows["entry_into_force_date"],
                rows["original_deadline"]), orientation="h", name="to the original deadline",
                marker_color=SHADES["original"], hovertext=hover, hoverinfo="text")
    extended = rows["current_deadline"] > rows["original_deadline"]
    fig.add_bar(y=y[extended], base=rows.loc[extended, "original_deadline"],
                x=_span_ms(rows.loc[extended, "original_deadline"], rows.loc[extended, "current_deadline"]),
                orientation="h", name="extensions granted", marker_color=SHADES["extension"],
                hovertext=[h for h, e in zip(hover, extended) if e], hoverinfo="text")
    asked = rows["requested_deadline"].notna() & (rows["requested_deadline"] > rows["current_deadline"])
    fig.add_bar(y=y[asked], base=rows.loc[asked, "current_deadline"],
                x=_span_ms(rows.loc[asked, "current_deadline"], rows.loc[asked, "requested_deadline"]),
                orientation="h", name="requested, decision not recorded", marker_color=SHADES["requested"],
                marker_pattern_shape="/",
                hovertext=[f"{r.label}: requested {format_date(r.requested_deadline)}, decision not recorded"
                           for r in rows[asked].itertuples(index=False)], hoverinfo="text")
    done = rows["completion_date"].notna()
    fig.add_scatter(y=y[done], x=rows.loc[done, "completion_date"], mode="markers", name="completion",
                    marker=dict(symbol="diamond", size=9, color=SHADES["completion"]),
                    hovertext=[f"{r.label}: completed {format_date(r.completion_date)}"
                               for r in rows[done].itertuples(index=False)], hoverinfo="text")
    fig.add_vline(x=as_of.timestamp() * 1000, line_dash="dash", line_color=palette.ALERT)
    fig.add_annotation(x=as_of.timestamp() * 1000, y=1, yref="paper", text=f"reference date {format_date(as_of)}",
                       showarrow=False, yanchor="bottom", font_color=palette.ALERT)
    fig.update_layout(barmode="overlay", xaxis_type="date", height=max(320, 26 * len(rows) + 140),
                      title="Article 3 and 4 deadlines: from entry into force to the current deadline",
                      legend_orientation="h", legend_y=-0.08, margin=dict(t=70, l=10, r=20, b=40),
                      yaxis=dict(autorange="reversed", title=None), xaxis_title=None)
    return fig


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
