"""Extension request workbench: the evidence on one Article 3 or 4 extension request, for the Analysis Group."""
from datetime import date

import streamlit as st

from ccm_analytics import ui
from ccm_analytics.formats import downloads
from ccm_analytics.formats.text import format_date
from ccm_analytics.store.provenance import files_read
from ccm_analytics.workbench import assessment, brief, choices, workplan
from ccm_analytics.workbench import figures as workbench

with ui.page("Extension request workbench", workbench.READS) as as_of:
    st.caption("Is the period requested no longer than strictly necessary? Baseline, progress per year, what remains, "
               "the demonstrated rate against the rate the request requires, and the treaty's limit on one extension "
               "(4 years under Article 3, 5 under Article 4). Figures for a calendar year count once that year is over.")

    picker = ui.figures(workbench.choices, as_of)
    labels = picker.labels
    if not labels:
        st.info("No State Party has an Article 3 or 4 obligation on the reference date.")
        st.stop()

    left, middle, right = st.columns([2, 2, 1])
    picked = left.selectbox("State Party and article", list(labels), format_func=labels.get, key="wb_obligation")
    iso3, article = choices.parse_choice(picked)
    ui.reset_when_changed("wb_state", picked, ("wb_request", "wb_rate", "wb_scenario_kind", "wb_plan"))
    its_requests = picker.requests.get(picked, [])
    request = None
    if its_requests:
        by_no = {int(r["request_no"]): r for r in its_requests}
        number = middle.selectbox("Extension request", list(by_no), key="wb_request",
                                  format_func=lambda n: f"request {n} ({by_no[n].get('meeting') or 'meeting unknown'}): "
                                                        f"{by_no[n]['decision']}")
        request = by_no[number]
    else:
        middle.write("No extension request on record on the reference date.")
    measure = right.radio("Measure", list(assessment.MEASURES[article]), format_func=assessment.MEASURES[article].get,
                          key="wb_measure")

    override = None
    if not assessment.requested_known(request):
        override = st.date_input("Requested deadline to assess (not in the data: enter it from the request document)",
                                 value=None, key="wb_requested", format="DD/MM/YYYY", min_value=date(2008, 1, 1),
                                 max_value=date(2100, 12, 31))

    chosen = (iso3, article, int(request["request_no"]) if request else None, measure, override)
    ev = ui.figures(workbench.evidence, as_of, *chosen)
    a = ev.a

    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric("What remains", assessment.format_amount(a.remaining.amount, measure))
    m2.metric("Demonstrated rate a year", assessment.format_amount(a.rate.rate, measure), help=a.rate.note)
    m3.metric("Years needed at that rate", assessment.format_years(a.years_needed))
    m4.metric("Years requested", assessment.format_years(a.years_requested))
    m5.metric("Required / demonstrated rate", assessment.format_ratio(a.ratio))
    if a.within_limit is None:
        st.info(ev.limit)
    elif a.within_limit:
        st.success(ev.limit)
    else:
        st.warning(ev.limit)

    st.subheader("Key figures")
    st.table(ev.key_table)

    st.subheader("Progress per year")
    plan_file = None
    with st.expander("Annual work plan (CSV)", expanded=False):
        st.write("Load the request's milestones per year to compare them with reported progress. Columns: `year`, "
                 "`unit` (km2, munitions or submunitions), `planned`, `currency`, `budget`, `funding_secured`, `notes` "
                 "(see README).")
        st.download_button("Download the work plan template", workplan.template_csv(), "work_plan_template.csv",
                           mime="text/csv", key="wb_template")
        plan_file = st.file_uploader("Work plan (CSV)", type=["csv"], key="wb_plan")
    plan_figure, plan_table = ev.progress_figure, None
    if plan_file is not None:
        with_plan = ui.figures(workbench.progress, as_of, *chosen, plan_file.getvalue())
        if with_plan.problems:
            st.error("The work plan was not loaded:\n\n" + "\n".join(f"- {p}" for p in with_plan.problems))
        plan_figure, plan_table = with_plan.figure, with_plan.plan_table
    if ev.progress_table is None:
        st.write("No progress figure per year in the data for this State and measure.")
    else:
        st.plotly_chart(plan_figure, config=ui.PLOTLY_CONFIG)
        st.dataframe(ev.progress_table, hide_index=True, width="stretch")
    if plan_table is not None:
        st.write("**Work plan against reported progress**")
        st.dataframe(plan_table, hide_index=True, width="stretch")

    st.subheader("Data completeness")
    st.markdown("\n".join(f"- {flag}" for flag in a.flags) if a.flags else "No gap found.")

    st.subheader("Scenario")
    kind = st.radio("Planned rate", ["one rate for every year", "a rate per year"], horizontal=True,
                    key="wb_scenario_kind")
    if kind == "one rate for every year":
        rates = st.number_input(f"Planned annual rate ({assessment.UNITS[measure]} a year)", min_value=0.0,
                                value=ev.default_rate, key="wb_rate")
    else:
        years = ev.scenario_years
        rates = {}
        columns = st.columns(max(1, min(6, len(years))))
        for i, year in enumerate(years):
            rates[year] = columns[i % len(columns)].number_input(str(year), min_value=0.0, value=ev.default_rate,
                                                                 key=f"wb_rate_{year}")
        if not years:
            st.write("What remains is not dated: no per-year scenario.")
    sc = ev.default_scenario if rates == ev.default_rate else \
        ui.figures(workbench.scenario, as_of, *chosen, workbench.rates_arg(rates))
    st.metric("Projected completion (scenario)", format_date(sc.projected))
    st.write(f"Against the requested deadline: **{sc.comparison}**.")
    st.plotly_chart(sc.figure, config=ui.PLOTLY_CONFIG)

    st.subheader("Download brief")
    st.write("A self-contained HTML file (opens offline from disk) and a CSV of the numbers, with sources and the date "
             "the data are current to.")
    stem = f"extension_brief_{iso3}_art{article}" + (f"_request{int(request['request_no'])}" if request else "")
    sources = ui.sources_frame(files_read(workbench.READS))
    current_to = ui.data_current_to(files_read(workbench.READS))
    figures = [plan_figure, sc.figure]
    b1, b2 = st.columns(2)
    b1.download_button("Download brief (HTML)", lambda: brief.brief_html(a, figures, ev.key, sc.pairs, plan_table,
                                                                           sources, current_to).encode("utf-8"),
                       downloads.file_name(stem, as_of, "html"), mime="text/html", key="wb_brief_html",
                       on_click="ignore")
    b2.download_button("Download the numbers (CSV)", sc.numbers_csv,
                       downloads.file_name(stem, as_of, "csv"), mime="text/csv", key="wb_brief_csv")
