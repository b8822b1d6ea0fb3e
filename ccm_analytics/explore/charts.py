"""Charts for the explorer: a bar, line or world map of a grouped result (from explore.chart_frame)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.explore.explorer import (
    ISO_COLUMN,
    ExploreState,
    chart_frame,
    describe,
    describe_value,
)
from ccm_analytics.formats import palette

_COLOUR = palette.PRIMARY
_SCALE = palette.SEQUENTIAL


def explore_chart(result: pd.DataFrame, state: ExploreState) -> go.Figure | None:
    """The chart the state asks for, from `explore.run(...)`'s result; None for "table" or no grouping."""
    if state.chart == "table" or not state.group_by or result.empty:
        return None
    data = chart_frame(result, state)
    first = state.group_by[0]
    second = state.group_by[1] if len(state.group_by) > 1 else None
    value_label = describe_value(state)
    fig = go.Figure()
    if state.chart == "map":
        fig.add_choropleth(locations=data[ISO_COLUMN], z=data["value"], locationmode="ISO-3",
                           colorscale=_SCALE, colorbar_title=value_label,
                           hovertemplate="%{location}: %{z}<extra></extra>")
        fig.update_geos(showframe=False, showcoastlines=False, projection_type="natural earth")
    else:
        groups = [(None, data)] if second is None else list(data.groupby(second, sort=False))
        for name, part in groups:
            label = value_label if name is None else f"{second} = {name}"
            if state.chart == "line":
                fig.add_scatter(x=part[first], y=part["value"], name=label, mode="lines+markers",
                                line_color=_COLOUR if name is None else None)
            else:
                fig.add_bar(x=part[first], y=part["value"], name=label,
                            marker_color=_COLOUR if name is None else None)
        fig.update_layout(barmode="group", xaxis_title=first, yaxis_title=value_label,
                          xaxis_type="category", showlegend=second is not None, legend_orientation="h")
    fig.update_layout(title=describe(state), margin=dict(t=60, l=40, r=20, b=40), height=420)
    return fig
