"""Victim assistance (Article 5): States Parties with responsibility for cluster munition victims."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.article5 import figures as article5
from ccm_analytics.article5 import victims
from ccm_analytics.formats.text import format_count

with ui.page("Victim assistance (Article 5)", article5.READS) as as_of:
    listed = ui.figures(article5.responsibility, as_of)

    st.caption("States Parties with cluster munition victims in areas under their jurisdiction or control "
               "(Article 5), from a sourced list imported by the ISU.")
    if listed.empty:
        st.info("No list of States Parties with responsibility for cluster munition victims is loaded for the reference "
                "date. This does not mean there are none: the list is imported from a sourced document, with its date.")
    else:
        st.metric("States on the list", format_count(len(listed)))
        ui.fitted_table(victims.screen_table(listed))
        ui.downloads(listed, "article5_responsibility", as_of, article5.READS)
