"""CCM implementation analytics: the Streamlit entry point. It only wires the navigation."""
import streamlit as st

from ccm_analytics.navigation import PAGES

st.set_page_config(page_title="CCM implementation analytics", page_icon="static/favicon.png", layout="wide")

pages = [st.Page(spec.script, title=spec.title, icon=spec.icon, url_path=spec.url_path or None,
                 default=spec.url_path == "") for spec in PAGES]
# Streamlit's own sectioned sidebar draws <li> items outside any list (axe: list/listitem, serious);
# so its navigation is hidden and the sidebar shows plain links under section titles. URLs are unchanged.
current = st.navigation(pages, position="hidden")
sections: dict[str, list] = {}
for spec, entry in zip(PAGES, pages):
    sections.setdefault(spec.section, []).append(entry)
with st.sidebar.container(key="site_navigation"):
    for section, entries in sections.items():
        st.markdown(f"**{section}**")
        for entry in entries:
            # The reference date travels with the link, as it does in the address bar.
            params = {"as_of": st.query_params["as_of"]} if "as_of" in st.query_params else None
            st.page_link(entry, query_params=params)
    st.divider()
current.run()
