"""Article 3 and 4 deadlines: every obligation, its extension requests and its status on the reference date."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.deadlines import extensions
from ccm_analytics.deadlines import figures as deadlines
from ccm_analytics.formats.text import format_count

with ui.page("Article 3 and 4 deadlines and extension requests", deadlines.READS) as as_of:
    st.caption("Every State Party with an Article 3 (stockpile destruction) or Article 4 (clearance) obligation. "
               "Status on the reference date, the first that applies: completed; deadline passed, extension requested "
               "(the current deadline has passed and a request awaits a recorded decision: never read as overdue); "
               "extension requested (a request whose decision is not recorded, the deadline not yet passed); overdue "
               "(deadline passed, and the data, current to a later date, record no completion); due within 12 months; "
               "on track; unknown (the data cannot settle it).")

    # Held in memory per reference date and filters: a rerun recomputes nothing. The unfiltered tracker
    # (the first visit's) gives the region choices.
    region_choices = ui.figures(deadlines.tracker_view, as_of, (), (), ()).region_options

    c1, c2, c3 = st.columns(3)
    articles = c1.multiselect("Article", [3, 4], format_func=extensions.ARTICLE_NAMES.get, key="dl_articles",
                              placeholder="All articles")
    statuses = c2.multiselect("Status", list(extensions.STATUS_LABELS), format_func=extensions.STATUS_LABELS.get,
                              key="dl_statuses", placeholder="All statuses")
    regions = c3.multiselect("Region", region_choices, key="dl_regions", placeholder="All regions")
    filters = (tuple(articles), tuple(statuses), tuple(regions))
    view = ui.figures(deadlines.tracker_view, as_of, *filters)

    ui.metric_grid([(extensions.STATUS_LABELS[status].replace(f" ({extensions.NOT_RECORDED})", ""), format_count(n),
                     extensions.STATUS_LABELS[status]) for status, n in view.counts.items()])

    if view.empty:
        st.info("No obligation matches the filters on the reference date.")
    else:
        st.plotly_chart(view.timeline, config=ui.PLOTLY_CONFIG)
        st.caption("Dark bar: entry into force to the original deadline; light bar: extensions granted; hatched bar: "
                   "deadline requested, decision not recorded; diamond: completion recorded; dashed line: reference date.")

    st.subheader("Obligations")
    ui.fitted_table(view.table, first=("State Party", "Status", "Article", "Current deadline"),
                    wide=("Status", "Extension requests"), column_config={extensions.WORKBENCH_COLUMN: (
                        st.column_config.LinkColumn(extensions.WORKBENCH_COLUMN, display_text="open",
                                                    help="Open the obligation in the extension request workbench"))})
    ui.downloads(view.file, "deadlines", as_of, deadlines.READS)

    st.subheader("Extension requests")
    if view.requests_table is None:
        st.write("No extension request of these obligations is known on the reference date.")
    else:
        ui.fitted_table(view.requests_table, first=("State Party", "Article", "Request", "Decision"),
                        wide=("Meeting", "Document"))
        ui.downloads(view.requests, "extension_requests", as_of, deadlines.READS)
