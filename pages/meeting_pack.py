"""Coordination Committee meeting pack: one click gives the HTML and PDF for the reference date."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.meeting_pack import pack
from ccm_analytics.meeting_pack.pack import (
    chromium_available,
    default_since,
    pack_files,
)

with ui.page("Coordination Committee meeting pack", pack.READS) as as_of:
    st.write("The implementation status update for a meeting: universalization, deadlines and extension requests, "
             "transparency reports, national measures, the ISU budget and contributions, each with its figures, "
             "a chart, a short summary, its sources and the date its data are current to.")
    since = st.date_input("Report changes since", value=default_since(as_of).date(), key="pack_since",
                          format="DD/MM/YYYY", max_value=as_of.date())
    with_pdf = st.checkbox("Also print a PDF", value=chromium_available(), disabled=not chromium_available(),
                           help=None if chromium_available() else "Chromium is not installed on this server.")
    if st.button("Build the meeting pack", type="primary", key="pack_build"):
        with st.status("Building the meeting pack...", expanded=True) as progress:
            st.session_state["pack"] = pack_files(ui.cursor(), as_of, since, pdf=with_pdf, progress=progress.write)
            progress.update(label="The meeting pack is ready.", state="complete", expanded=False)
    for name, content in st.session_state.get("pack", {}).items():
        st.download_button(f"Download {name}", content, file_name=name, key=f"pack_{name}",
                           mime="application/pdf" if name.endswith(".pdf") else "text/html")
