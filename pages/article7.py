"""Transparency reports (Article 7): initial and annual reports, reporting rates, reminder list."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.article7 import figures as article7
from ccm_analytics.formats.text import format_count, format_date

with ui.page("Transparency reports (Article 7)", article7.READS) as as_of:
    page = ui.figures(article7.figures, as_of)
    figures, current_to = page.figures, page.current_to
    if figures.after_data:
        st.info(f"The Article 7 records are current to {format_date(current_to)}. On a later reference date a "
                "report listed as outstanding may have come in since: it reads **unknown**, not overdue or missing. "
                f"Choose {format_date(current_to)} or earlier for the reports overdue by record.")
    st.caption("A record listing a report as outstanding speaks until the next 30 April after its date (the next "
               "reporting deadline, by which the lists are renewed); after that the report may have come in, so it "
               "reads unknown until a newer record says otherwise. Import the ISU's own records (Data page) to keep "
               "this list current.")

    st.header("Initial reports")
    st.caption("Due 180 days after the Convention enters into force for the State (Article 7(1)). "
               "**Overdue** only where a published record lists the report as outstanding after its due date, "
               "within that record's reporting cycle.")
    ui.metric_grid([(row.status.capitalize(), format_count(row.reports), f"Initial reports {row.status}.")
                    for row in figures.initial_counts.itertuples(index=False)])

    st.subheader("Overdue initial reports (by record)")
    if page.overdue.empty:
        st.write("No initial report is overdue by record on the reference date.")
    else:
        ui.fitted_table(page.overdue)

    with st.expander(f"Initial report of every State Party ({format_count(len(figures.initial))})"):
        ui.fitted_table(page.initial_table)
        ui.downloads(page.initial_download, "article7_initial_reports", as_of, article7.READS)

    st.header("Annual reports")
    st.caption("The report covering calendar year Y is due on 30 April of Y+1, from the year the State's initial "
               "report fell due, while the Convention is in force for the State on that date (Article 7(2)).")
    st.markdown(f"**How complete the data are:** {page.completeness} "
                "due by the reference date. Per-State, per-year records are mostly not public: **no record in data** is "
                "not a missing report. Imported ISU records fill the grid.")
    if figures.annual.empty:
        st.write("No annual report is owed on the reference date.")
    else:
        st.plotly_chart(page.heatmap, config=ui.PLOTLY_CONFIG)
        if page.rates_chart is not None:
            st.plotly_chart(page.rates_chart, config=ui.PLOTLY_CONFIG)
        st.caption(page.rates_note)
        ui.fitted_table(page.rates_table)
        st.plotly_chart(page.status_chart, config=ui.PLOTLY_CONFIG)
    if page.without_year_table is not None:
        st.subheader("Annual report records that do not say which year they cover")
        st.caption("Not placed in the grid: the year a report covers is not inferred from its submission date.")
        ui.fitted_table(page.without_year_table)

    st.header("Reminder list")
    st.caption("States Parties with a report overdue by record on the reference date, for a mail merge.")
    if figures.reminders.empty:
        st.write("No report is overdue by record on the reference date.")
    else:
        ui.fitted_table(page.reminder_table)
    ui.downloads(figures.reminders, "article7_reminders", as_of, article7.READS)

    st.header("Published totals")
    st.caption("Figures published by the ISU, the Cluster Munition Coalition and the Monitor, with the dates they speak for.")
    ui.fitted_table(page.published_table)
