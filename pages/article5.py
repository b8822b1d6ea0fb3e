"""Victim assistance (Article 5): States Parties with responsibility for cluster munition victims."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.article5 import victims as article5_victims
from ccm_analytics.formats.text import format_count

FILES = ["treaty_events.csv"]

st.title("Victim assistance (Article 5)")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)
listed = article5_victims.responsibility_list(ui.load_table("article5"), ui.load("state_status_at", as_of), as_of)

st.caption("States Parties with cluster munition victims in areas under their jurisdiction or control "
           "(Article 5), from a sourced list imported by the ISU.")
if listed.empty:
    st.info("No list of States Parties with responsibility for cluster munition victims is loaded for the reference "
            "date. This does not mean there are none: the list is imported from a sourced document, with its date.")
else:
    st.metric("States on the list", format_count(len(listed)))
    st.dataframe(article5_victims.screen_table(listed), hide_index=True, width="stretch")
    ui.download_buttons(listed, "article5_responsibility", as_of, FILES)
ui.sources_table(FILES)
