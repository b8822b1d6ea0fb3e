"""Transparency reports (Article 7): initial and annual reports, reporting rates, reminder list."""
import streamlit as st

from ccm_analytics import charts_article7 as charts
from ccm_analytics import transparency, ui
from ccm_analytics.formatting import format_count, format_date

FILES = ["treaty_events.csv", "article7_reports.csv", "article7_aggregates.csv"]

st.title("Transparency reports (Article 7)")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)
current_to = ui.reference_current_to("article7_reports.csv")
figures = transparency.article7_figures(ui.load("state_status_at", as_of), ui.load_table("article7_reports"),
                                        as_of, current_to)
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
for i, row in enumerate(figures.initial_counts.itertuples(index=False)):
    columns = st.columns(3) if i % 3 == 0 else columns
    columns[i % 3].metric(row.status.capitalize(), format_count(row.reports), help=f"Initial reports {row.status}.")

st.subheader("Overdue initial reports (by record)")
overdue = transparency.overdue_initial(figures.initial)
if overdue.empty:
    st.write("No initial report is overdue by record on the reference date.")
else:
    st.dataframe(overdue, hide_index=True, width="stretch")

with st.expander(f"Initial report of every State Party ({format_count(len(figures.initial))})"):
    st.dataframe(transparency.initial_table(figures.initial), hide_index=True, width="stretch")
    ui.download_buttons(transparency.initial_download(figures.initial), "article7_initial_reports", as_of, FILES)

st.header("Annual reports")
st.caption("The report covering calendar year Y is due on 30 April of Y+1, from the year the State's initial "
           "report fell due, while the Convention is in force for the State on that date (Article 7(2)).")
st.markdown(f"**How complete the data are:** {transparency.completeness_text(figures.with_record, figures.state_years_due)} "
            "due by the reference date. Per-State, per-year records are mostly not public: **no record in data** is "
            "not a missing report. Imported ISU records fill the grid.")
if figures.annual.empty:
    st.write("No annual report is owed on the reference date.")
else:
    st.plotly_chart(charts.annual_heatmap(figures.annual), config=ui.PLOTLY_CONFIG)
    st.plotly_chart(charts.reporting_rates(figures.rates), config=ui.PLOTLY_CONFIG)
    st.caption("Each rate is computed over the States Parties with a record for that year only: see how many "
               "in the table. A year without any record has no rate.")
    st.dataframe(transparency.rates_table(figures.rates), hide_index=True, width="stretch")
    st.plotly_chart(charts.status_bars(figures.annual_counts, "Annual reports due by the reference date, by status"),
                    config=ui.PLOTLY_CONFIG)
if not figures.without_year.empty:
    st.subheader("Annual report records that do not say which year they cover")
    st.caption("Not placed in the grid: the year a report covers is not inferred from its submission date.")
    st.dataframe(transparency.without_year_table(figures.without_year), hide_index=True, width="stretch")

st.header("Reminder list")
st.caption("States Parties with a report overdue by record on the reference date, for a mail merge.")
if figures.reminders.empty:
    st.write("No report is overdue by record on the reference date.")
else:
    st.dataframe(transparency.reminder_table(figures.reminders), hide_index=True, width="stretch")
ui.download_buttons(figures.reminders, "article7_reminders", as_of, FILES)

st.header("Published totals")
st.caption("Figures published by the ISU, the Cluster Munition Coalition and the Monitor, with the dates they speak for.")
st.dataframe(transparency.published_table(ui.load_table("article7_aggregates")), hide_index=True, width="stretch")
ui.sources_table(FILES)
