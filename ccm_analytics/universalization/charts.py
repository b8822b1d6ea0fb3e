"""Charts of the Universalization page: the status map, States Parties over time by region, new
States Parties per year. Each takes analysis frames and returns a plotly figure (no data access)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.formats import palette
from ccm_analytics.formats.text import format_date
from ccm_analytics.universalization.analysis import MAP_CATEGORIES
from ccm_analytics.universalization.parties_chart import COLOURS

CATEGORY_COLOURS = {
    "State Party (in force)": COLOURS["in force"],
    "State Party (not yet in force)": COLOURS["not yet in force"],
    "Signatory": COLOURS["Signatory"],
    "Not signatory": COLOURS["Not signatory"],
    "Withdrawn": COLOURS["Withdrawn"],
}
# Marker symbols for States too small for the map: shape as well as colour tells the status apart.
CATEGORY_SYMBOLS = {"State Party (in force)": "circle", "State Party (not yet in force)": "circle-open",
                    "Signatory": "diamond", "Not signatory": "square", "Withdrawn": "x"}
REGION_COLOURS = palette.REGIONS


def _hover(frame: pd.DataFrame) -> list[str]:
    rows = []
    for r in frame.itertuples(index=False):
        lines = [f"<b>{r.state_name}</b>", r.category]
        if pd.notna(r.signature_date):
            lines.append(f"Signed {format_date(r.signature_date)}")
        if pd.notna(r.consent_date):
            lines.append(f"{str(r.consent_type).capitalize()} deposited {format_date(r.consent_date)}")
        if pd.notna(r.entry_into_force_date):
            lines.append(f"Entry into force {format_date(r.entry_into_force_date)}")
        if pd.notna(r.withdrawal_date):
            lines.append(f"Withdrawal effective {format_date(r.withdrawal_date)}")
        rows.append("<br>".join(lines))
    return rows


def status_map(shapes: pd.DataFrame, points: pd.DataFrame, as_of: pd.Timestamp) -> go.Figure:
    """A world choropleth (locationmode ISO-3) coloured by map category, one trace per category, and
    point markers for the States the map has no shape for (`points` has lat and lon).

    `shapes` and `points` are `universalization.status_for_map` rows split by `geo.split_by_map`.
    """
    fig = go.Figure()
    for category in MAP_CATEGORIES:
        colour = CATEGORY_COLOURS[category]
        chosen = shapes[shapes["category"] == category]
        fig.add_trace(go.Choropleth(
            locations=chosen["iso3"], z=[1] * len(chosen), locationmode="ISO-3",
            colorscale=[[0, colour], [1, colour]], showscale=False, name=category, legendgroup=category,
            showlegend=True, text=_hover(chosen), hovertemplate="%{text}<extra></extra>",
            marker_line_color="white", marker_line_width=0.5))
        small = points[(points["category"] == category) & points["lat"].notna()]
        if not small.empty:
            fig.add_trace(go.Scattergeo(
                lat=small["lat"], lon=small["lon"], mode="markers", name=f"{category} (small State)",
                legendgroup=category, showlegend=False, text=_hover(small), hovertemplate="%{text}<extra></extra>",
                marker=dict(size=8, color=colour, symbol=CATEGORY_SYMBOLS[category],
                            line=dict(color=palette.DARK, width=1))))
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False,
                    showcountries=True, countrycolor="white", showland=True, landcolor="#eeeeee",
                    lataxis_range=[-58, 85])
    fig.update_layout(title=f"Status of the Convention on {format_date(as_of)}",
                      legend=dict(orientation="h", y=0), margin=dict(t=40, l=0, r=0, b=0), height=480)
    return fig


def parties_over_time_by_region(over_time: pd.DataFrame, marks: pd.DataFrame, as_of: pd.Timestamp) -> go.Figure:
    """States Parties on each day, stacked by UN region (a `parties_over_time_by_region` frame), with
    the Convention's entry into force and withdrawals (a `milestones` frame) marked."""
    fig = go.Figure()
    for region in sorted(over_time["un_region"].unique()):
        chosen = over_time[over_time["un_region"] == region].sort_values("date")
        fig.add_scatter(x=chosen["date"], y=chosen["states_parties"], name=region, stackgroup="parties",
                        mode="lines", line=dict(shape="hv", width=0.5, color=REGION_COLOURS.get(region)),
                        hovertemplate=f"{region}: %{{y}} States Parties on %{{x|%-d %B %Y}}<extra></extra>")
    for mark in marks.itertuples(index=False):
        text = (f"Entry into force<br>{format_date(mark.date)}" if mark.kind == "entry into force"
                else f"Withdrawal of {mark.state_name}<br>effective {format_date(mark.date)}")
        fig.add_vline(x=mark.date, line_dash="dash",
                      line_color=COLOURS["Withdrawn"] if mark.kind == "withdrawal" else palette.DARK)
        fig.add_annotation(x=mark.date, y=1, yref="paper", text=text, showarrow=False, xanchor="left",
                           yanchor="top", align="left", font=dict(size=11), bgcolor="rgba(255,255,255,0.8)")
    fig.update_layout(title=f"States Parties by UN region, up to {format_date(as_of)}", xaxis_title=None,
                      yaxis_title="States Parties", legend=dict(orientation="h", traceorder="normal"), height=420,
                      margin=dict(t=60, l=40, r=20, b=40), hovermode="x unified")
    return fig


def new_parties_per_year(by_year: pd.DataFrame, as_of: pd.Timestamp) -> go.Figure:
    """Instruments deposited per year stacked by UN region, and withdrawals (below zero), from a
    `new_parties_by_year` frame."""
    fig = go.Figure()
    for region in sorted(by_year["un_region"].unique()):
        chosen = by_year[by_year["un_region"] == region]
        fig.add_bar(x=chosen["year"], y=chosen["new_parties"], name=region,
                    marker_color=REGION_COLOURS.get(region),
                    hovertemplate=f"%{{x}}: %{{y}} new States Parties in {region}<extra></extra>")
    withdrawals = by_year.groupby("year", as_index=False)["withdrawals"].sum()
    if withdrawals["withdrawals"].any():
        fig.add_bar(x=withdrawals["year"], y=-withdrawals["withdrawals"], name="Withdrawals",
                    marker_color=COLOURS["Withdrawn"], customdata=withdrawals["withdrawals"],
                    hovertemplate="%{x}: %{customdata} withdrawal(s) took effect<extra></extra>")
    fig.update_layout(barmode="relative",
                      title=f"New States Parties per year ({pd.Timestamp(as_of).year}: up to the reference date)",
                      xaxis_title=None, yaxis_title="States", legend=dict(orientation="h", y=-0.12), height=380,
                      margin=dict(t=60, l=40, r=20, b=40))
    return fig
