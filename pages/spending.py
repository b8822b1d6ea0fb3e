"""ISU budget and contributions: the 2021–2025 budget by line and year, actual expenditure against
it, the contributions received and who has not paid."""
import streamlit as st

from ccm_analytics import ui
from ccm_analytics.formats.text import format_count
from ccm_analytics.spending import charts
from ccm_analytics.spending import figures as spending

with ui.page("ISU budget, spending and contributions", spending.READS) as as_of:

    figures = ui.figures(spending.page, as_of)  # held in memory: a rerun recomputes nothing
    budget = figures.budget

    budget_tab, actual_tab, contributions_tab, import_tab = st.tabs(
        ["Budget", "Actual expenditure", "Contributions", "Import money data"])

    with budget_tab:
        if budget is None:
            st.info("No ISU budget is on record.")
        else:
            if not budget.plan_known:
                st.caption("The reference date is before the work plan was adopted (Second Review Conference, "
                           "November 2020): this budget was not yet on record then.")
            ui.metric_grid([
                (f"ISU budget {budget.span[0]}–{budget.span[1]}", budget.period_total,
                 "The sum of the work plan's budget lines over the five years."),
                (f"Budget {as_of.year}", budget.year_total if budget.year_total is not None else "none on record"),
                (f"Largest line: {budget.largest_line}", budget.largest_share,
                 "Its share of the budget over the whole period."),
            ], width=240)  # "CHF 2'425'799" on one line
            st.plotly_chart(budget.chart, config=ui.PLOTLY_CONFIG)
            st.subheader("Budget by line and year")
            ui.fitted_table(budget.table, first=("Budget line",), wide=("What it covers (work plan)",),
                            column_config={"Budget line": st.column_config.TextColumn(width=260, pinned=True)})
            for text in figures.in_kind_notes:
                st.info(f"**In kind, not cash:** {text} GICHD's support is not a contribution in CHF and is not "
                        "in the totals.")
            st.subheader("What explains the peaks")
            for text in budget.peak_texts:
                st.markdown(text)
            st.subheader("Totals and change from the year before")
            st.dataframe(budget.totals, hide_index=True)
            ui.fitted_table(budget.changes, first=("Budget line",),
                            column_config={"Budget line": st.column_config.TextColumn(width=260, pinned=True)})
            st.subheader("Share of each line in the year's budget")
            ui.fitted_table(budget.shares, first=("Budget line",),
                            column_config={"Budget line": st.column_config.TextColumn(width=260, pinned=True)})
            ui.downloads(figures.budget.file, "isu_budget", as_of, spending.READS)

    with actual_tab:
        if not figures.has_actuals:
            st.info("No actual expenditure is loaded. The ISU's accounts are not public, so the shipped data hold "
                    "none; the ISU can import its own figures (see **Import money data**).")
        else:
            threshold = st.columns(2)[0].number_input(
                "Highlight lines whose spending differs from the budget by more than (per cent)",
                                        min_value=0.0, max_value=500.0, value=10.0, step=1.0, key="variance_threshold")
            actual = ui.figures(spending.actuals, as_of, threshold)
            st.metric(f"Lines beyond ±{threshold:g} per cent", format_count(actual.beyond), help="Year and line pairs.")
            st.plotly_chart(actual.chart, config=ui.PLOTLY_CONFIG)
            st.dataframe(charts.highlight_beyond(actual.table), hide_index=True, width="stretch")
            if actual.by_year is not None:
                st.subheader("Whole years (every line has its actual figure)")
                st.dataframe(actual.by_year, hide_index=True)
            ui.downloads(actual.file, "isu_actual_vs_budget", as_of, spending.READS)

    with contributions_tab:
        for text in figures.in_kind_notes:
            st.caption(f"GICHD's in-kind support (office, administration, HR; no amount) is not cash and is not "
                       f"counted here. Work plan: {text}")
        contributions = figures.contributions
        if contributions is None:
            st.info("No contributions are loaded. The ISU's records of contributions received are not public, so "
                    "the shipped data hold none and no figure is shown rather than an invented one. The ISU can "
                    "import its own records (see **Import money data**).")
            if figures.contributions_recorded:
                st.caption("Contributions are on record, but none had been received by the reference date.")
        else:
            st.subheader("Funding coverage: contributions against the year's budget")
            st.dataframe(contributions.coverage, hide_index=True, width="stretch")
            st.plotly_chart(contributions.coverage_chart, config=ui.PLOTLY_CONFIG)
            st.plotly_chart(contributions.contributors_chart, config=ui.PLOTLY_CONFIG)
            ui.downloads(figures.contributions.coverage_file, "isu_funding_coverage", as_of, spending.READS)
            if contributions.undated_text:
                st.caption(contributions.undated_text)

            st.subheader("Contributions by State and year")
            st.dataframe(contributions.by_state, hide_index=True, width="stretch")
            st.plotly_chart(contributions.heatmap, config=ui.PLOTLY_CONFIG)
            ui.downloads(figures.contributions.by_state_file, "isu_contributions_by_state", as_of, spending.READS)

            st.subheader("States Parties that have not contributed")
            year = st.selectbox("Budget year", contributions.years, key="contributions_year")
            missing = ui.figures(spending.non_contributors, as_of, year)
            st.metric(f"States Parties without a contribution for {year}", format_count(missing.count),
                      help="States Parties on 31 December of the year (on the reference date for the year in progress).")
            st.dataframe(missing.table, hide_index=True, width="stretch")
            ui.downloads(missing.file, f"isu_non_contributors_{year}", as_of, spending.READS)

    with import_tab:
        st.markdown(
            "Contributions received and actual expenditure are the ISU's own records. Download a template below, "
            "fill it in (CSV or Excel, first row = column names) and upload it on the **Data** page (with the "
            "administrator passphrase): choose the kind "
            "of data (contributions received, or actual expenditure), then the file.")
        st.page_link("pages/data.py", label="Open the Data page's import form", icon=":material/upload_file:")
        st.markdown(
            "The import checks every row before anything is written (ISO codes, years 2011–2100, amounts not "
            "negative with at most two decimals, one of the five budget lines, no duplicates in the file or against "
            "the database) and lists every problem with its row number; nothing is imported until the file is clean.")
        import_templates = ui.figures(spending.import_templates)
        for kind, title in (("contributions", "Contributions received (one row per payment)"),
                            ("budget_actuals", "Actual expenditure (one row per year and budget line)")):
            st.subheader(title)
            template = import_templates[kind]
            st.dataframe(template.columns, hide_index=True, width="stretch")
            left, right = st.columns(2)
            left.download_button("Template (CSV)", template.csv, file_name=f"{kind}_template.csv",
                                 mime="text/csv", key=f"template_{kind}_csv")
            right.download_button("Template (Excel)", template.xlsx, file_name=f"{kind}_template.xlsx",
                                  mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                  key=f"template_{kind}_xlsx")
