"""Article 3 and 4 deadlines: every obligation, its extension requests and its status on the reference date."""
import streamlit as st

from ccm_analytics import charts_deadlines, extensions, ui
from ccm_analytics.formatting import format_count
from ccm_analytics.treaty import state_facts

FILES = ["treaty_events.csv", "article3_stockpiles.csv", "article4_clearance.csv", "extension_requests.csv"]

st.title("Article 3 and 4 deadlines and extension requests")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)
st.caption("Every State Party with an Article 3 (stockpile destruction) or Article 4 (clearance) obligation. "
           "Status on the reference date, the first that applies: completed; extension requested (a request whose "
           "decision is not recorded: never read as overdue); overdue (deadline passed, and the data, current to a "
           "later date, record no completion); due within 12 months; on track; unknown (the data cannot settle it).")

obligations = ui.load("obligation_deadlines_at", as_of)
states = ui.load_table("states")
requests = extensions.requests_at(ui.load_table("extension_requests"),
                                  state_facts(states, ui.load_table("treaty_events")), as_of)
rows = extensions.tracker(obligations, requests, ui.load_table("article3_stockpiles"), states)

c1, c2, c3 = st.columns(3)
articles = c1.multiselect("Article", [3, 4], format_func=extensions.ARTICLE_NAMES.get, key="dl_articles",
                          placeholder="All articles")
statuses = c2.multiselect("Status", list(extensions.STATUS_LABELS), format_func=extensions.STATUS_LABELS.get,
                          key="dl_statuses", placeholder="All statuses")
regions = c3.multiselect("Region", extensions.region_options(rows), key="dl_regions",
                         placeholder="All regions")
shown = extensions.filter_tracker(rows, articles, statuses, regions)

counts = extensions.status_counts(shown)
cols = st.columns(len(counts))
for col, (status, n) in zip(cols, counts.items()):
    col.metric(extensions.STATUS_LABELS[status].replace(" (decision not recorded)", ""), format_count(n),
               help=extensions.STATUS_LABELS[status])

if shown.empty:
    st.info("No obligation matches the filters on the reference date.")
else:
    st.plotly_chart(charts_deadlines.timeline(extensions.timeline_rows(shown, requests), as_of),
                    config=ui.PLOTLY_CONFIG)
    st.caption("Dark bar: entry into force to the original deadline; light bar: extensions granted; hatched bar: "
               "deadline requested, decision not recorded; diamond: completion recorded; dashed line: reference date.")

st.subheader("Obligations")
st.dataframe(extensions.tracker_screen(shown), hide_index=True, width="stretch")
ui.download_buttons(extensions.tracker_file(shown), "deadlines", as_of, FILES)

st.subheader("Extension requests")
chosen_requests = extensions.requests_for(requests, shown)
if chosen_requests.empty:
    st.write("No extension request of these obligations is known on the reference date.")
else:
    st.dataframe(extensions.requests_screen(chosen_requests), hide_index=True, width="stretch")
    ui.download_buttons(chosen_requests, "extension_requests", as_of, FILES)
ui.sources_table(FILES)
