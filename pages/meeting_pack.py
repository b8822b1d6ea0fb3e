"""Coordination Committee meeting pack: a preview of its sections, then the HTML, PDF and Word files."""
import time

import streamlit as st

from ccm_analytics import ui
from ccm_analytics.domain.period import (
    PROGRESS_REPORT,
    SINCE,
    next_meeting,
    report_period,
)
from ccm_analytics.formats.section import period_text
from ccm_analytics.meeting_pack import compose, pack

MIME = {"pdf": "application/pdf", "html": "text/html",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}

with ui.page("Coordination Committee meeting pack", pack.READS) as as_of:
    st.write("The implementation status update for the Coordination Committee, one section per theme in its "
             "order, each with its figures, a chart where one helps, a short summary and its sources with the date "
             "they are current to; then the Lausanne Action Plan's progress.")
    kind = st.radio("Period", [SINCE, PROGRESS_REPORT], key="pack_period", horizontal=True,
                    format_func={PROGRESS_REPORT: "Progress Report period (1 July to 30 June)",
                                 SINCE: "Since a date"}.get)
    since = st.date_input("Report changes since", value=pack.default_since(as_of).date(), key="pack_since",
                          format="DD/MM/YYYY", max_value=as_of.date()) if kind == SINCE else None
    period = report_period(as_of, kind, since)
    meeting = st.date_input("Next Meeting of States Parties", value=next_meeting(as_of).date(), key="pack_meeting",
                            format="DD/MM/YYYY", min_value=as_of.date())
    st.text(f"Period: {period_text(period.start, period.end)}")
    built = ui.figures(compose.build_pack, as_of, period, meeting)
    st.subheader("Preview")
    for number, section in enumerate([*built.sections, built.lap], start=1):
        with st.expander(f"{number}. {section.heading}" if section is not built.lap else section.heading):
            for sentence in section.sentences:
                st.text(sentence)
            for table in section.tables:
                st.dataframe(table.frame, hide_index=True, width="stretch")
            if section.sources:
                st.text("Sources: " + "; ".join(section.sources))
    st.subheader("Files")
    st.caption(f"Building the files takes {pack.BUILD_SECONDS}.")
    with_pdf = st.checkbox("Also print a PDF", value=pack.chromium_available(), disabled=not pack.chromium_available(),
                           help=None if pack.chromium_available() else "Chromium is not installed on this server.")
    with_docx = st.checkbox("Also write the Word file (.docx)", value=True, key="pack_docx")
    if st.button("Build the meeting pack", type="primary", key="pack_build"):
        with st.status("Building the meeting pack...", expanded=True) as progress:
            started = time.perf_counter()
            st.session_state["pack"] = pack.pack_files(ui.cursor(), as_of, period, pdf=with_pdf, docx=with_docx,
                                                       meeting=meeting, progress=progress.write)
            progress.update(label=f"The meeting pack is ready (built in {time.perf_counter() - started:.0f} seconds).",
                            state="complete", expanded=False)
    for name, content in st.session_state.get("pack", {}).items():
        st.download_button(f"Download {name}", content, file_name=name, key=f"pack_{name}",
                           mime=MIME[name.rsplit(".", 1)[-1]])
