"""Extension request workbench: one Article 3 or 4 extension request assessed as the Analysis Group must."""
from datetime import date

import streamlit as st

from ccm_analytics import ui
from ccm_analytics.domain.vocabularies import REQUEST_TYPES
from ccm_analytics.formats import downloads
from ccm_analytics.formats.text import format_date, markdown_literal
from ccm_analytics.store.provenance import files_read
from ccm_analytics.workbench import (
    assessment,
    brief,
    choices,
    document,
    entries,
    progress,
    screen,
    workplan,
)
from ccm_analytics.workbench import figures as workbench

SCENARIO_KEYS = ("wb_rate", "wb_scenario_kind", "wb_plan", "wb_requested", "wb_type", "wb_text", "wb_entries")

with ui.page("Extension request workbench", workbench.READS) as as_of:
    st.caption("The evidence on one extension request as Articles 3.4 and 4.6 ask: the request's type, the baseline "
               "at entry into force, what the State reports as remaining, land released per year by method, the "
               "demonstrated rate and, for a completion request, the years it needs against the years requested; "
               "procedural checks; and a draft analysis with a draft decision. Figures for a calendar year count "
               "once that year is over.")

    picker = ui.figures(workbench.choices, as_of)
    labels = picker.labels
    if not labels:
        st.info("No State Party has an Article 3 or 4 obligation on the reference date.")
        st.stop()

    url_key, url_request = choices.url_choice(st.query_params.to_dict(), labels, picker.requests, picker.default)
    ui.init_from_url({"wb_obligation": url_key})
    left, middle, right = st.columns([2, 2, 1])
    picked = left.selectbox("State Party and article (alphabetical, with the obligation's status)", list(labels),
                            format_func=labels.get, key="wb_obligation")
    iso3, article = choices.parse_choice(picked)
    # A new State shows its latest request: forget the request picked for the previous one.
    ui.reset_when_changed("wb_state", picked, ("wb_request_",))
    its_requests = picker.requests.get(picked, [])
    request, number = None, None
    if its_requests:
        by_no = {int(r["request_no"]): r for r in its_requests}  # latest first
        ui.init_from_url({f"wb_request_{picked}": url_request if picked == url_key and url_request in by_no
                          else next(iter(by_no))})
        number = middle.selectbox("Extension request (latest first)", list(by_no), key=f"wb_request_{picked}",
                                  format_func=lambda n: f"request {n} ({by_no[n].get('meeting') or 'meeting unknown'}): "
                                                        f"{by_no[n]['decision']}")
        request = by_no[number]
    else:
        middle.write("No extension request on record on the reference date.")
    ui.set_url_state(choices.url_params(picked, number), ["iso3", "article", "request"])
    # A new State or request starts from a cleared scenario and cleared entries.
    ui.reset_when_changed("wb_request", (picked, number), SCENARIO_KEYS)
    measure = right.radio("Measure", list(progress.MEASURES[article]), format_func=progress.MEASURES[article].get,
                          key=f"wb_measure_{article}")

    with st.expander("The Group's entries: load a saved file", expanded=False):
        saved = st.file_uploader("Entries file (JSON, saved from this page)", type=["json"], key="wb_entries_file")
        if saved is not None and st.session_state.get("wb_entries_done") != saved.file_id:
            st.session_state["wb_entries_done"] = saved.file_id
            loaded, message = entries.read_entries(saved.getvalue(), iso3, article, number)
            st.session_state["wb_entries_message"] = message
            if loaded is not None:
                st.session_state["wb_requested"] = loaded.requested_deadline
                st.session_state["wb_type"] = loaded.request_type
                st.session_state["wb_plan_loaded"] = loaded.plan_csv
                for key, _ in entries.TEXTS:
                    st.session_state[f"wb_text_{key}"] = loaded.texts.get(key, "")
        if "wb_entries_message" in st.session_state:
            st.text(st.session_state["wb_entries_message"])

    ui.init_from_url({"wb_requested": None, "wb_type": None})
    override, type_override = None, None
    if request is not None and not screen.requested_known(request):
        override = st.date_input("Requested deadline to assess (not in the data: enter it from the request document)",
                                 key="wb_requested", format="DD/MM/YYYY", min_value=date(2008, 1, 1),
                                 max_value=date(2100, 12, 31))
    if request is not None and not isinstance(request.get("request_type"), str):
        type_override = st.selectbox("Request type (not in the data: pick it from the request)", REQUEST_TYPES,
                                     index=None, placeholder="not in data (read as a completion request)",
                                     key="wb_type")

    chosen = (iso3, article, number, measure, override, type_override)
    ev = ui.figures(workbench.evidence, as_of, *chosen)
    a = ev.a

    m1, m2, m3, m4, m5 = st.columns(5)
    m1.metric("Remaining, as reported", screen.format_amount(a.reported.amount, measure) if measure == "area"
              else "not in data")
    m2.metric("Demonstrated rate a year", screen.format_amount(a.rate.rate, measure), help=a.rate.note)
    if assessment.is_completion_test(a):
        m3.metric("Years needed at that rate", screen.format_years(a.years_needed))
        m5.metric("Required / demonstrated rate", screen.format_ratio(a.ratio))
    else:
        m3.metric("Request type", a.request_type or "not in data")
    m4.metric("Years requested", screen.format_years(a.years_requested))
    st.subheader("Assessment")
    st.write(markdown_literal(ev.verdict))
    st.write(markdown_literal(ev.limit))
    st.write(markdown_literal(a.nine_months[1]))
    st.write(markdown_literal(a.exceptional[1]))

    st.subheader("Key figures")
    st.dataframe(ev.key_table, hide_index=True, width="stretch")

    st.subheader("Land release per year" if article == 4 else "Destruction per year")
    with st.expander("Annual work plan (CSV)", expanded=False):
        st.write("Load the request's milestones per year to compare them with reported progress. Columns: `year`, "
                 "`unit` (km2, munitions or submunitions), `planned`, `currency`, `budget`, `funding_secured`, `notes` "
                 "(see README).")
        st.download_button("Download the work plan template", workplan.template_csv(), "work_plan_template.csv",
                           mime="text/csv", key="wb_template")
        plan_file = st.file_uploader("Work plan (CSV)", type=["csv"], key="wb_plan")
    plan_data = plan_file.getvalue() if plan_file is not None else \
        st.session_state.get("wb_plan_loaded", "").encode("utf-8") or None
    plan_figure, plan_table, plan = ev.progress_figure, None, None
    if plan_data:
        with_plan = ui.figures(workbench.progress, as_of, *chosen, plan_data)
        if with_plan.problems:
            st.error("The work plan was not loaded:\n\n" + "\n".join(f"- {markdown_literal(str(p))}"
                                                                   for p in with_plan.problems))
        plan_figure, plan_table, plan = with_plan.figure, with_plan.plan_table, with_plan.plan
    if plan_figure is None:
        st.write("No progress figure per year in the data for this State and measure: no chart.")
    else:
        st.plotly_chart(plan_figure, config=ui.PLOTLY_CONFIG)
    if ev.progress_table is not None:
        st.dataframe(ev.progress_table, hide_index=True, width="stretch")
        st.write(markdown_literal(f"The demonstrated rate: {a.rate.note}."))
    if plan_table is not None:
        st.write("**Work plan against reported progress**")
        st.dataframe(plan_table, hide_index=True, width="stretch")
    if a.request_type == "interim":
        st.subheader("What the interim period must deliver")
        st.dataframe(screen.interim_table(a, plan), hide_index=True, width="stretch")

    st.subheader("Track record")
    if ev.track_record.empty:
        st.write("No earlier request under this article.")
    else:
        st.dataframe(ev.track_record, hide_index=True, width="stretch")

    st.subheader("Data completeness")
    st.markdown("\n".join(f"- {markdown_literal(flag)}" for flag in a.flags) if a.flags else "No gap found.")

    st.subheader("Scenario")
    kind = st.radio("Planned rate", ["one rate for every year", "a rate per year"], horizontal=True,
                    key="wb_scenario_kind")
    if kind == "one rate for every year":
        rates = st.number_input(f"Planned annual rate ({progress.UNITS[measure]} a year)", min_value=0.0,
                                value=ev.default_rate, key=f"wb_rate_{picked}_{number}")
    else:
        years = ev.scenario_years
        rates = {}
        columns = st.columns(max(1, min(6, len(years))))
        for i, year in enumerate(years):
            rates[year] = columns[i % len(columns)].number_input(str(year), min_value=0.0, value=ev.default_rate,
                                                                 key=f"wb_rate_{picked}_{number}_{year}")
        if not years:
            st.write("What remains is not dated: no per-year scenario.")
    sc = ev.default_scenario if rates == ev.default_rate else \
        ui.figures(workbench.scenario, as_of, *chosen, workbench.rates_arg(rates))
    st.metric("Projected completion (scenario)", format_date(sc.projected))
    st.write(markdown_literal(f"Against the requested deadline: {sc.comparison}."))
    if sc.figure is None:
        st.write("No date to draw: the deadlines and the projected completion are unknown.")
    else:
        st.plotly_chart(sc.figure, config=ui.PLOTLY_CONFIG)

    st.subheader("What the request says (the Group types or pastes it)")
    texts = {}
    for key, heading in entries.TEXTS:
        ui.init_from_url({f"wb_text_{key}": ""})
        texts[key] = st.text_area(heading, key=f"wb_text_{key}", max_chars=20000)

    st.subheader("Questions to the requesting State")
    st.markdown("\n".join(f"- {markdown_literal(q)}" for q in assessment.questions(a, plan, texts)))

    st.subheader("Download")
    stem = f"extension_analysis_{iso3}_art{article}" + (f"_request{number}" if number else "")
    sources = ui.sources_frame(files_read(workbench.READS))
    current_to = ui.data_current_to(files_read(workbench.READS))
    blocks = lambda: document.blocks(a, texts, plan, plan_table, sources, current_to)
    b1, b2, b3, b4, b5 = st.columns(5)
    b1.download_button("Draft analysis (Word)", lambda: document.docx_bytes(blocks()),
                       downloads.file_name(stem, as_of, "docx"), key="wb_doc_docx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    b2.download_button("Draft analysis (HTML)", lambda: document.html_text(blocks()).encode("utf-8"),
                       downloads.file_name(stem, as_of, "html"), mime="text/html", key="wb_doc_html",
                       on_click="ignore")
    b3.download_button("Brief with charts (HTML)",
                       lambda: brief.brief_html(a, [plan_figure, sc.figure], ev.key, sc.pairs, plan_table, sources,
                                                current_to).encode("utf-8"),
                       downloads.file_name(f"extension_brief_{iso3}_art{article}", as_of, "html"), mime="text/html",
                       key="wb_brief_html", on_click="ignore")
    b4.download_button("The numbers (CSV)", sc.numbers_csv, downloads.file_name(stem, as_of, "csv"), mime="text/csv",
                       key="wb_brief_csv")
    saved_entries = entries.Entries(iso3, article, number, override, type_override, texts,
                                    plan_data.decode("utf-8", "replace") if plan_data else "")
    b5.download_button("Save entries (JSON)", lambda: entries.entries_json(saved_entries),
                       f"workbench_entries_{iso3}_art{article}_request{number}.json", mime="application/json",
                       key="wb_save_entries", on_click="ignore",
                       help="The Group's entries (requested deadline, type, texts, plan), to take the draft up later")
