"""National implementation measures (Article 9): status per State Party, by region, on a map."""
import streamlit as st

from ccm_analytics import charts_article9 as charts
from ccm_analytics import national_measures as nm
from ccm_analytics import ui
from ccm_analytics.formatting import format_count
from ccm_analytics.treaty import state_facts

FILES = ["treaty_events.csv", "article9_measures.csv", "article9_aggregates.csv"]

st.title("National implementation measures (Article 9)")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)
current_to = ui.reference_current_to("article9_measures.csv")
measures = ui.load_table("article9_measures")
frame = nm.measures_status(ui.load("state_status_at", as_of), measures, as_of, current_to)
counts = nm.counts_by_status(frame)

st.caption("Each State Party's measures as last reported by the reference date: a specific law counts from the "
           "end of the year it was adopted; a status without a date from the date the data are current to. "
           "**none reported** is a record that no measures were reported; **unknown** means the records do not "
           "settle it or there is no record.")
for i, row in enumerate(counts.itertuples(index=False)):
    columns = st.columns(3) if i % 3 == 0 else columns
    columns[i % 3].metric(nm.SHORT_LABELS[row.status], format_count(row.states),
                  help=f"States Parties whose status is: {row.status}.")
st.caption(nm.shares_text(counts))

st.plotly_chart(charts.measures_map(nm.map_frame(ui.load_table("states"), frame)), config=ui.PLOTLY_CONFIG)
st.caption("Small States that the world map does not draw are listed in the table below.")

st.subheader("By region")
by_region = nm.counts_by_region(frame)
st.plotly_chart(charts.by_region(by_region), config=ui.PLOTLY_CONFIG)
st.dataframe(nm.region_table(by_region), hide_index=True, width="stretch")

st.subheader("Every State Party")
st.dataframe(nm.state_table(frame), hide_index=True, width="stretch")
ui.download_buttons(nm.download_table(frame), "article9_measures", as_of, FILES)

st.subheader("Published totals beside the app's count")
st.caption("The app counts only the States whose records it holds: a lower bound where the records are incomplete.")
compared = nm.published_beside_app(ui.load_table("article9_aggregates"),
                                   state_facts(ui.load_table("states"), ui.load_table("treaty_events")),
                                   measures, current_to)
st.dataframe(nm.published_table(compared), hide_index=True, width="stretch")
ui.sources_table(FILES)
