"""Overview: where implementation stands on the reference date."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.formats.links import with_profile_links
from ccm_analytics.formats.money import format_centimes
from ccm_analytics.formats.text import format_count, format_dates
from ccm_analytics.overview import figures as overview

with ui.page("Convention on Cluster Munitions: implementation overview", overview.READS) as as_of:

    figures = ui.figures(overview.overview_figures, as_of)  # cached: a rerun recomputes nothing

    ui.metric_grid([
        ("States Parties", format_count(figures.counts["states_parties"])),
        ("Convention in force for", format_count(figures.counts["in_force"])),
        ("Signatories", format_count(figures.counts["signatories"])),
        ("States not party", format_count(figures.counts["not_party"]),
         "Every State that is not a State Party on the date: signatories and withdrawn States included."),
        ("Deadlines in the next 12 months",
         format_count(len(figures.upcoming_obligations) + len(figures.upcoming_reports)),
         "Article 3 and 4 deadlines and Article 7 reports falling due after the reference date."),
        ("Initial reports overdue (by record)", format_count(figures.initial_overdue),
         "Only where a published record lists the report as outstanding after its due date."),
        ("Initial reports: status unknown", format_count(figures.initial_unknown)),
        ("Deadlines passed without a recorded decision", format_count(len(figures.passed)),
         "Article 3 and 4 obligations not completed whose current deadline has passed."),
    ])

    if figures.budget_year is None:
        st.info("No ISU budget is on record for this year or any earlier year.")
    else:
        label = f"ISU budget {figures.budget_year}"
        st.metric(label, format_centimes(figures.budget_centimes))
        if figures.budget_year != as_of.year:
            st.caption(f"No budget is on record for {as_of.year}; the latest budget year on record is "
                       f"{figures.budget_year} (ISU 2021-2025 Work Plan and Budget).")

    UPCOMING_COLUMNS = {"profile": ui.profile_link_column(), "iso3": None, "deadline": "Deadline", "state_name": "State",
                        "due_date": "Due", "status": "Status"}
    st.subheader("Deadlines falling due in the next 12 months")
    upcoming = (
        ("Articles 3 and 4: stockpile destruction and clearance", figures.upcoming_obligations, "deadlines_table",
         "deadlines_articles_3_4", "No Article 3 or 4 deadline falls due in the 12 months after the reference date."),
        ("Article 7: transparency reports", figures.upcoming_reports, "reports_table", "deadlines_article_7",
         "No Article 7 report falls due in the 12 months after the reference date."),
    )
    for heading, frame, key, stem, none in upcoming:
        st.markdown(f"**{heading}**")
        if frame.empty:
            st.write(none)
            continue
        st.dataframe(with_profile_links(format_dates(frame, ["due_date"]), as_of), hide_index=True, width="stretch",
                     column_config=UPCOMING_COLUMNS, key=key, placeholder="—")
        ui.downloads(frame, stem, as_of, overview.READS)

    st.subheader("Deadlines passed without a recorded decision")
    st.write("Article 3 and 4 obligations not completed on the reference date whose current deadline has passed, "
               "with the latest extension request awaiting a recorded decision.")
    if figures.passed.empty:
        st.write("No Article 3 or 4 deadline has passed without completion on the reference date.")
    else:
        st.dataframe(with_profile_links(figures.passed_table, as_of), hide_index=True, width="stretch",
                     column_config={"profile": ui.profile_link_column(), "iso3": None}, key="passed_table",
                     placeholder="—")
        ui.downloads(figures.passed, "deadlines_passed", as_of, overview.READS)

    st.plotly_chart(ui.figures(overview.parties_chart, as_of), config=ui.PLOTLY_CONFIG)
