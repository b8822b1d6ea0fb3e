"""ISU budget and contributions: the 2021–2025 budget by line and year, actual expenditure against
it, the contributions received and who has not paid."""
import streamlit as st

from ccm_analytics import charts_spending, spending, templates, ui
from ccm_analytics import spending_tables as screen
from ccm_analytics.formatting import format_count
from ccm_analytics.treaty import state_facts

FILES = ["isu_budget.csv", "isu_budget_notes.csv", "treaty_events.csv"]

st.title("ISU budget, spending and contributions")
as_of = ui.reference_date()
ui.data_as_of(as_of, FILES)

lines = ui.load("budget_lines")
notes = ui.load_table("isu_budget_notes")

budget_tab, actual_tab, contributions_tab, import_tab = st.tabs(
    ["Budget", "Actual expenditure", "Contributions", "Import money data"])

with budget_tab:
    long = spending.budget_long(lines)
    totals = spending.yearly_totals(lines)
    span = spending.budget_years(lines)
    if span is None:
        st.info("No ISU budget is on record.")
    else:
        if not spending.plan_known_on(as_of, ui.reference_current_to("isu_budget.csv")):
            st.caption("The reference date is before the work plan was adopted (Second Review Conference, "
                       "November 2020): this budget was not yet on record then.")
        c1, c2, c3 = st.columns(3)
        c1.metric(f"ISU budget {span[0]}–{span[1]}", screen.money(spending.period_total(lines)),
                  help="The sum of the work plan's budget lines over the five years.")
        year_total = spending.total_for_year(totals, as_of.year)
        c2.metric(f"Budget {as_of.year}", screen.money(year_total) if year_total is not None else "none on record")
        shares = spending.line_shares(lines)
        largest = spending.largest_line(shares)
        c3.metric(f"Largest line: {largest.budget_line}", screen.pct(largest.share_pct),
                  help="Its share of the budget over the whole period.")
        st.plotly_chart(charts_spending.budget_stacked(long), config=ui.PLOTLY_CONFIG)
        st.subheader("Budget by line and year")
        st.dataframe(screen.budget_screen(spending.budget_table(lines), spending.line_descriptions(notes)),
                     hide_index=True, width="stretch",
                     column_config={"Budget line": st.column_config.TextColumn(width=230)})
        for text in spending.in_kind_notes(notes):
            st.info(f"**In kind, not cash:** {text} GICHD's support is not a contribution in CHF and is not "
                    "in the totals.")
        st.subheader("What explains the peaks")
        for row in spending.peak_notes(lines, notes).itertuples(index=False):
            st.markdown(screen.peak_text(row))
        st.subheader("Totals and change from the year before")
        st.dataframe(screen.totals_screen(totals), hide_index=True)
        st.dataframe(screen.change_screen(long, totals), hide_index=True, width="stretch")
        st.subheader("Share of each line in the year's budget")
        st.dataframe(screen.shares_screen(long, shares), hide_index=True, width="stretch")
        ui.download_buttons(spending.money_file(long), "isu_budget", as_of, FILES)

with actual_tab:
    if not spending.has_actuals(lines, as_of):
        st.info("No actual expenditure is loaded. The ISU's accounts are not public, so the shipped data hold "
                "none; the ISU can import its own figures (see **Import money data**).")
    else:
        threshold = st.columns(2)[0].number_input(
            "Highlight lines whose spending differs from the budget by more than (%)",
                                    min_value=0.0, max_value=500.0, value=10.0, step=1.0, key="variance_threshold")
        variance = spending.variance(lines, threshold, as_of)
        by_year = spending.variance_by_year(lines, as_of)
        beyond = spending.beyond_count(variance)
        st.metric(f"Lines beyond ±{threshold:g}%", format_count(beyond), help="Year and line pairs.")
        st.plotly_chart(charts_spending.variance_bars(variance, threshold), config=ui.PLOTLY_CONFIG)
        st.dataframe(charts_spending.highlight_beyond(screen.variance_screen(variance)), hide_index=True,
                     width="stretch")
        if not by_year.empty:
            st.subheader("Whole years (every line has its actual figure)")
            st.dataframe(screen.variance_year_screen(by_year), hide_index=True)
        ui.download_buttons(spending.money_file(variance), "isu_actual_vs_budget", as_of, FILES)

with contributions_tab:
    for text in spending.in_kind_notes(notes):
        st.caption(f"GICHD's in-kind support (office, administration, HR; no amount) is not cash and is not "
                   f"counted here. Work plan: {text}")
    recorded = ui.load("contributions")
    contributions = spending.counted_contributions(recorded, as_of)
    if contributions.empty:
        st.info("No contributions are loaded. The ISU's records of contributions received are not public, so "
                "the shipped data hold none and no figure is shown rather than an invented one. The ISU can "
                "import its own records (see **Import money data**).")
        if not recorded.empty:
            st.caption("Contributions are on record, but none had been received by the reference date.")
    else:
        facts = state_facts(ui.load_table("states"), ui.load_table("treaty_events"))
        coverage = spending.funding_coverage(lines, contributions)
        per_year = spending.contributors_per_year(contributions, facts, as_of)
        st.subheader("Funding coverage: contributions against the year's budget")
        st.dataframe(screen.coverage_screen(coverage, per_year), hide_index=True, width="stretch")
        st.plotly_chart(charts_spending.coverage_bars(coverage), config=ui.PLOTLY_CONFIG)
        st.plotly_chart(charts_spending.contributors_bars(per_year), config=ui.PLOTLY_CONFIG)
        ui.download_buttons(spending.money_file(spending.coverage_with_counts(coverage, per_year)),
                            "isu_funding_coverage", as_of, FILES)
        undated = spending.undated_count(contributions)
        if undated:
            st.caption(screen.undated_text(undated))

        st.subheader("Contributions by State and year")
        by_state = spending.by_state_and_year(contributions, facts)
        st.dataframe(screen.by_state_screen(spending.by_state_table(by_state)), hide_index=True, width="stretch")
        st.plotly_chart(charts_spending.contributions_heatmap(by_state), config=ui.PLOTLY_CONFIG)
        ui.download_buttons(spending.money_file(by_state), "isu_contributions_by_state", as_of, FILES)

        st.subheader("States Parties that have not contributed")
        year = st.selectbox("Budget year", spending.contribution_years(contributions), key="contributions_year")
        missing = spending.non_contributors(contributions, facts, year, as_of)
        st.metric(f"States Parties without a contribution for {year}", format_count(len(missing)),
                  help="States Parties on 31 December of the year (on the reference date for the year in progress).")
        st.dataframe(screen.non_contributors_screen(missing), hide_index=True, width="stretch")
        ui.download_buttons(spending.money_file(missing), f"isu_non_contributors_{year}", as_of, FILES)

with import_tab:
    st.markdown(
        "Contributions received and actual expenditure are the ISU's own records. Fill a template (CSV or "
        "Excel, first row = column names) and import it from the project folder:\n\n"
        "```\npython -m ccm_analytics import contributions contributions_2025.xlsx\n"
        "python -m ccm_analytics import budget_actuals actuals_2024.csv\n```\n\n"
        "The import checks every row before anything is written (ISO codes, years 2011–2100, amounts not "
        "negative with at most two decimals, one of the five budget lines, no duplicates in the file or against "
        "the database) and lists every problem with its row number; nothing is imported until the file is clean.")
    for kind, title in (("contributions", "Contributions received (one row per payment)"),
                        ("budget_actuals", "Actual expenditure (one row per year and budget line)")):
        st.subheader(title)
        st.dataframe(templates.template_columns(kind), hide_index=True, width="stretch")
        left, right = st.columns(2)
        left.download_button("Template (CSV)", templates.template_csv(kind), file_name=f"{kind}_template.csv",
                             mime="text/csv", key=f"template_{kind}_csv")
        right.download_button("Template (Excel)", templates.template_xlsx(kind), file_name=f"{kind}_template.xlsx",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              key=f"template_{kind}_xlsx")

ui.sources_table(FILES)
