"""CCM implementation analytics: the Streamlit entry point. It only wires the navigation."""
import streamlit as st

from ccm_analytics.navigation import PAGES

st.set_page_config(page_title="CCM implementation analytics", page_icon="static/favicon.png", layout="wide")

sections: dict[str, list] = {}
for spec in PAGES:
    sections.setdefault(spec.section, []).append(
        st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path or None,
                default=spec.url_path == ""))
st.navigation(sections, expanded=True).run()  # every page visible: no "View more"
