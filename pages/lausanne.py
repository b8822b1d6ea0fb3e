"""Lausanne Action Plan: each action the data can measure, its figure, trend and rule; the others named."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.domain.period import PROGRESS_REPORT, SINCE, report_period
from ccm_analytics.formats.section import period_text
from ccm_analytics.lausanne import figures as lausanne

with ui.page("Lausanne Action Plan", lausanne.READS) as as_of:
    st.caption("Progress on the Lausanne Action Plan (2021-2026) for the actions the data can measure; each "
               "figure's rule is beside it, and the actions the data cannot measure are listed as such.")
    kind = st.radio("Period", [PROGRESS_REPORT, SINCE], key="lap_period", horizontal=True,
                    format_func={PROGRESS_REPORT: "Progress Report period (1 July to 30 June)",
                                 SINCE: "Since a date"}.get)
    since = st.date_input("Since", value=report_period(as_of).start.date(), max_value=as_of.date(),
                          key="lap_since", format="DD/MM/YYYY") if kind == SINCE else None
    period = report_period(as_of, kind, since)
    st.text(f"Period: {period_text(period.start, period.end)}")
    frame = ui.figures(lausanne.lap_figures, as_of, period)
    ui.fitted_table(frame, first=("Action", "Figure", "Value"), wide=("Value", "Trend", "Rule"),
                    height=ui.fitted_height(len(frame), most=60))
    ui.downloads(frame, "lausanne_action_plan", as_of, lausanne.READS)
