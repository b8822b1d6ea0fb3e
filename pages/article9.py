"""National implementation measures (Article 9): status per State Party, by region, on a map."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.article9 import figures as article9
from ccm_analytics.article9 import measures as nm
from ccm_analytics.formats.text import format_count

with ui.page("National implementation measures (Article 9)", article9.READS) as as_of:
    page = ui.figures(article9.figures, as_of)

    st.caption("Each State Party's measures as last reported by the reference date: a specific law counts from the "
               "end of the year it was adopted; a status without a date from the date the data are current to. "
               "**none reported** is a record that no measures were reported; **unknown** means the records do not "
               "settle it or there is no record.")
    ui.metric_grid([(nm.SHORT_LABELS[row.status], format_count(row.states),
                     f"States Parties whose status is: {row.status}.") for row in page.counts.itertuples(index=False)])
    st.caption(page.shares)

    st.plotly_chart(page.map_chart, config=ui.PLOTLY_CONFIG)
    st.caption("Small States that the world map does not draw are listed in the table below.")

    st.subheader("By region")
    st.plotly_chart(page.region_chart, config=ui.PLOTLY_CONFIG)
    ui.fitted_table(page.region_table, first=("Region",))

    st.subheader("Every State Party")
    ui.fitted_table(page.state_table, first=("State Party", "Status (as last reported)"), wide=("Measures", "Source"))
    ui.downloads(page.download, "article9_measures", as_of, article9.READS)

    st.subheader("Published totals beside the app's count")
    st.caption("The app counts only the States whose records it holds: a lower bound where the records are incomplete.")
    ui.fitted_table(page.published_table, first=("Published",), wide=("Published", "Source"))
