"""Article 9 charts: the world map of national measures and the statuses by region."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.article9.measures import STATUSES
from ccm_analytics.formats import palette

COLOURS = palette.ARTICLE9_STATUS


def measures_map(frame: pd.DataFrame) -> go.Figure:
    """Choropleth of every State (a national_measures.map_frame): one trace per status, so the legend
    names each colour. Small States absent from the 110m world map are in the table only."""
    fig = go.Figure()
    for status in (*STATUSES, "not a State Party"):
        part = frame[frame["status"] == status]
        if part.empty:
            continue
        fig.add_choropleth(locations=part["iso3"], locationmode="ISO-3", z=[1] * len(part), name=status,
                           text=part["state_name"], colorscale=[[0, COLOURS[status]], [1, COLOURS[status]]],
                           showscale=False, showlegend=True, marker_line_color="#ffffff", marker_line_width=0.4,
                           hovertemplate=f"%{{text}}: {status}<extra></extra>")
    fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth",
                    projection_rotation=dict(lon=0, lat=0), lonaxis_range=[-180, 180], lataxis_range=[-60, 85],
                    showland=True, landcolor="#f7f7f7")
    fig.update_layout(title="National implementation measures (Article 9), status as last reported",
                      height=480, margin=dict(t=50, l=0, r=0, b=0), legend=dict(orientation="h", y=-0.02))
    return fig


def by_region(counts: pd.DataFrame) -> go.Figure:
    """Stacked bars: States Parties per region and status (national_measures.counts_by_region)."""
    fig = go.Figure()
    for status in STATUSES:
        part = counts[counts["status"] == status]
        fig.add_bar(x=part["un_region"], y=part["states"], name=status, marker_color=COLOURS[status],
                    customdata=part["share"],
                    hovertemplate="%{x}: %{y} States Parties (%{customdata:.0%})<extra>" + status + "</extra>")
    fig.update_layout(barmode="stack", title="States Parties by region and status", yaxis_title="States Parties",
                      legend_orientation="h", height=380, margin=dict(t=50, l=40, r=20, b=40))
    return fig
