"""Charts of the deadline tracker (plotly figures, no data access)."""
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
