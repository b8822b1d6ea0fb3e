"""Country profile: one State's treaty status, obligations, extension requests, reports and measures."""
import streamlit as st

from ccm_analytics import profiles, ui
from ccm_analytics.formatting import format_date

FILES = ["treaty_events.csv", "article3_stockpiles.csv", "article4_clearance.csv", "extension_requests.csv",
         "article7_reports.csv", "article9_measures.csv"]
SOURCES = FILES + ["states.csv"]  # states.csv is a reference list with no current-to date

st.title("Country profile")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)

states = ui.load_table("states")
iso3 = ui.state_picker(profiles.state_options(states), profiles.state_names(states))
status_at = ui.load("state_status_at", as_of)
current_to = profiles.current_to_texts(ui.load_table("data_sources"))

st.header(profiles.state_name(states, iso3))
st.table(profiles.labelled(profiles.header(iso3, ui.load_table("state_status"), status_at,
                                          ui.load_table("treaty_events"), as_of, current_to)), hide_index=True)

st.subheader("Article 3 and 4 obligations")
st.caption(f"Status and deadlines on {format_date(as_of)}; the current deadline is the latest granted by a "
           "recorded decision.")
st.table(profiles.labelled(profiles.obligations(
    iso3, ui.load("obligation_deadlines_at", as_of), ui.load_table("article3_stockpiles"),
    ui.load_table("article4_clearance"), profiles.is_party(status_at, iso3), as_of, current_to)), hide_index=True)

st.subheader("Extension requests")
history = profiles.extension_history(iso3, ui.load("extension_decisions"), as_of, current_to)
if history.empty:
    st.write("No extension request is on record for this State.")
else:
    st.caption(f"\"On the reference date\": where the request stood on {format_date(as_of)}.")
    st.table(profiles.labelled(history), hide_index=True)

st.subheader("Article 7 transparency reports")
records = ui.load_table("article7_reports")
st.table(profiles.labelled(profiles.initial_report(
    iso3, status_at, records, as_of, ui.reference_current_to("article7_reports.csv"), current_to)), hide_index=True)
annual = profiles.annual_reports(iso3, records, as_of, current_to)
st.markdown("**Annual reports on record** (due 30 April, covering the previous calendar year)")
if annual.empty:
    st.write(profiles.NO_ANNUAL_RECORDS)
else:
    st.table(profiles.labelled(annual), hide_index=True)

st.subheader("Article 9 national implementation measures")
st.table(profiles.labelled(profiles.article9(iso3, ui.load_table("article9_measures"), current_to)),
         hide_index=True)

ui.sources_table(SOURCES)
