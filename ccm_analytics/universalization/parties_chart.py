"""Chart builders: each takes analysis frames and returns a plotly figure (no data access here)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.formats import palette

COLOURS = palette.TREATY_STATUS


def parties_over_time(by_year: pd.DataFrame, as_of: pd.Timestamp) -> go.Figure:
    """States Parties and States for which the Convention is in force, per year (a `parties_by_year` frame)."""
    fig = go.Figure()
    fig.add_bar(x=by_year["year"], y=by_year["states_parties"], name="States Parties",
                marker_color=COLOURS["not yet in force"],
                hovertemplate="%{x}: %{y} States Parties<extra></extra>")
    fig.add_scatter(x=by_year["year"], y=by_year["in_force"], name="Convention in force for the State",
                    mode="lines+markers", line_color=COLOURS["in force"],
                    hovertemplate="%{x}: in force for %{y}<extra></extra>")
    fig.update_layout(
        title=f"States Parties at 31 December of each year ({pd.Timestamp(as_of).year}: at the reference date)",
        xaxis_title="Year", yaxis_title="States", legend_orientation="h", margin=dict(t=60, l=40, r=20, b=40),
        height=380)
    return fig
