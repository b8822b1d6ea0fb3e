"""Country profile: one State's treaty status, obligations, extension requests, reports and measures."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.country_profile import figures as country_profile
from ccm_analytics.country_profile import profiles
from ccm_analytics.formats.text import format_date

with ui.page("Country profile", country_profile.READS) as as_of:

    picker = ui.figures(country_profile.picker)
    iso3 = ui.state_picker(picker.options, picker.names)
    profile = ui.figures(country_profile.profile, as_of, iso3)  # cached: a rerun recomputes nothing

    st.header(profile.name)
    ui.profile_table(profile.header)

    st.subheader("Article 3 and 4 obligations")
    st.caption(f"Status and deadlines on {format_date(as_of)}; the current deadline is the latest granted by a "
               "recorded decision.")
    ui.profile_table(profile.obligations)

    st.subheader("Extension requests")
    if profile.extensions.empty:
        st.write("No extension request is on record for this State.")
    else:
        st.caption(f"\"On the reference date\": where the request stood on {format_date(as_of)}.")
        ui.profile_table(profile.extensions)
    for article, params in profile.workbench_links:
        st.page_link("pages/workbench.py", label=f"Article {article}: open in the extension request workbench",
                     query_params=params)

    st.subheader("Article 7 transparency reports")
    ui.profile_table(profile.initial_report)
    st.markdown("**Annual reports on record** (due 30 April, covering the previous calendar year)")
    if profile.annual_reports.empty:
        st.write(profiles.NO_ANNUAL_RECORDS)
    else:
        ui.profile_table(profile.annual_reports)

    st.subheader("Article 9 national implementation measures")
    ui.profile_table(profile.article9)
