"""Country profile: one State's treaty status, obligations, extension requests, reports and measures."""
import streamlit as st

from ccm_analytics import profiles, ui
from ccm_analytics.formatting import format_date

FILES = ["treaty_events.csv", "article3_stockpiles.csv", "article4_clearance.csv", "extension_requests.csv",
         "article7_reports.csv", "article9_measures.csv", "states.csv"]

st.title("Country profile")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)

states = ui.load_table("states")
iso3 = ui.state_picker(profiles.state_options(states), profiles.state_names(states))
status_today = ui.load_table("state_status")
status_at = ui.load("state_status_at", as_of)
current_to = profiles.current_to_texts(ui.load_table("data_sources"))
party = profiles.is_party(status_at, iso3)

st.header(profiles.state_name(states, iso3))
st.table(profiles.labelled(profiles.header(iso3, status_today, status_at, ui.load_table("treaty_events"), as_of,
                                          current_to)), hide_index=True)

st.subheader("Article 3 and 4 obligations")
st.caption(f"Status and deadlines on {format_date(as_of)}; the current deadline is the latest granted by a "
           "recorded decision.")
st.dataframe(profiles.obligations(iso3, ui.load("obligation_deadlines_at", as_of),
                                  ui.load_table("article3_stockpiles"), ui.load_table("article4_clearance"),
                                  party, as_of, current_to),
             hide_index=True, key="obligations_table", column_config={
                 "article": "Obligation", "status": "Status", "original_deadline": "Original deadline",
                 "current_deadline": "Current deadline", "extensions_granted": "Extensions granted",
                 "pending_requests": "Requests pending", "completion": "Completion",
                 "in_the_sources": "In the sources' words", "source": "Source", "data_as_of": "Data as of"})

st.subheader("Extension requests")
history = profiles.extension_history(iso3, ui.load("extension_decisions"), as_of, current_to)
if history.empty:
    st.write("No extension request is on record for this State.")
else:
    st.dataframe(history, hide_index=True, key="extensions_table", column_config={
        "article": "Article", "request": "Request", "submitted": "Submitted", "meeting": "Meeting",
        "meeting_date": "Meeting date", "document": "Document", "requested_deadline": "Deadline requested",
        "granted_deadline": "Deadline granted", "on_reference_date": f"On {format_date(as_of)}",
        "source": "Source", "data_as_of": "Data as of"})

st.subheader("Article 7 transparency reports")
records = ui.load_table("article7_reports")
st.table(profiles.labelled(profiles.initial_report(
    iso3, status_at, records, as_of, ui.reference_current_to("article7_reports.csv"), current_to)), hide_index=True)
annual = profiles.annual_reports(iso3, records, as_of, current_to)
if annual.empty:
    st.write(profiles.NO_ANNUAL_RECORDS)
else:
    st.markdown("**Annual reports on record** (due 30 April, covering the previous calendar year)")
    st.dataframe(annual, hide_index=True, key="annual_table", column_config={
        "calendar_year": "Year covered", "due": "Due", "submitted": "Submitted", "record": "Record",
        "record_date": "Record dated", "in_the_source": "In the source's words", "source": "Source",
        "data_as_of": "Data as of"})

st.subheader("Article 9 national implementation measures")
st.table(profiles.labelled(profiles.article9(iso3, ui.load_table("article9_measures"), current_to)),
         hide_index=True)

ui.sources_table(FILES)
