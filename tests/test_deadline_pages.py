"""AppTest of the deadline tracker and the extension request workbench: a chosen State, a changed scenario."""
from datetime import date

from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

APP = str(PROJECT_DIR / "app.py")


def _page(db_path, script, as_of="2026-11-28") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["as_of"] = as_of
    at.run()
    at.switch_page(script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_tracker_counts_filters_and_downloads(db_path):
    at = _page(db_path, "pages/deadlines.py")
    m = _metrics(at)
    # On 28 November 2026 (data current to September 2025): 35 completed; 7 requests without a recorded decision
    # whose obligation's deadline has passed (extension_requests.csv: AFG,4,2; CHL,4,4; DEU,4,2; LAO,4,2; LBN,4,2;
    # MRT,4,1 and 2; SOM,4,1 have no granted_deadline), none before its deadline; South Sudan (deadline 1 February
    # 2034) and Iraq (IRQ,4,1 granted 2028-11-01) on track; Guinea (stockpiling not confirmed) and Chad (TCD,4,2
    # granted 2026-10-01, after the data end) unknown; nothing reads overdue.
    assert (m["completed"], m["deadline passed, extension requested"], m["extension requested"], m["overdue"],
            m["on track"], m["unknown"]) == ("35", "7", "0", "0", "2", "2")
    table = at.dataframe[0].value
    assert len(table) == 46 and "Status" in table.columns
    lao = table[table["State Party"] == "Lao People's Democratic Republic"].iloc[0]
    assert lao["Status"] == "deadline passed, extension requested (decision not recorded)"
    assert lao["Current deadline"] == "1 August 2025"  # LAO,4,1 granted 2025-08-01 at 9MSP
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download Excel"}

    at.multiselect(key="dl_articles").set_value([3]).run()
    at.multiselect(key="dl_statuses").set_value(["unknown"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["State Party"].tolist() == ["Guinea"]
    assert _metrics(at)["unknown"] == "1"


def test_tracker_shows_deadlines_passed_with_a_request_pending(db_path):
    at = _page(db_path, "pages/deadlines.py", "2026-12-01")
    table = at.dataframe[0].value.set_index(["State Party", "Article"])
    # 1 December 2026: the deadlines of these States have passed (extension_requests.csv: AFG 2026-03-01 and
    # LBN 2026-05-01 granted at the 2RC, CHL 2026-06-01 at 10MSP, DEU and LAO 2025-08-01 at 9MSP; MRT's and SOM's
    # original ones, EIF + 10 years: 1 August 2022 and 1 March 2026) and each has a request with no granted_deadline.
    passed = {("Afghanistan", 4): "1 March 2026", ("Chile", 4): "1 June 2026", ("Germany", 4): "1 August 2025",
              ("Lao People's Democratic Republic", 4): "1 August 2025", ("Lebanon", 4): "1 May 2026",
              ("Mauritania", 4): "1 August 2022", ("Somalia", 4): "1 March 2026"}
    shown = table[table["Status"] == "deadline passed, extension requested (decision not recorded)"]
    assert dict(shown["Current deadline"]) == passed
    # Chad: TCD,4,2 granted 2026-10-01, no later request; passed after the data end (September 2025): unknown.
    assert table.loc[("Chad", 4), ["Current deadline", "Status"]].tolist() == ["1 October 2026", "unknown"]
    at.multiselect(key="dl_statuses").set_value(["deadline passed, extension requested"]).run()
    assert not at.exception
    assert sorted(at.dataframe[0].value["State Party"]) == sorted(name for name, _ in passed)


def test_tracker_on_a_past_date(db_path):
    at = _page(db_path, "pages/deadlines.py", "2022-06-30")
    table = at.dataframe[0].value.set_index(["State Party", "Article"])
    # Before its 10MSP decision (September 2022) Bulgaria's deadline was the one granted under the 2RC.
    assert table.loc[("Bulgaria", 3), "Current deadline"] == "October 2022"
    assert table.loc[("Bulgaria", 3), "Status"] == "due within 12 months"
    requests = at.dataframe[1].value
    assert 3 not in requests[requests["State Party"] == "Bulgaria"]["Request"].tolist()  # not yet submitted


def test_workbench_chosen_state_and_scenario(db_path):
    at = _page(db_path, "pages/workbench.py")
    at.selectbox(key="wb_obligation").set_value("IRQ-4").run()
    assert not at.exception
    m = _metrics(at)
    # Iraq: 200 km² reported for 2023, one year with a figure (8.78 km² in 2015), request for 1 November 2028.
    assert m["What remains"] == "200.00 km²"
    assert m["Demonstrated rate a year"] == "8.78 km²"
    assert m["Years needed at that rate"] == "22.8 years"  # 200 / 8.78
    assert m["Years requested"] == "5.0 years"  # 1 November 2023 to 1 November 2028
    assert m["Required / demonstrated rate"] == "4.71 ×"  # (200 / 4.838 years) / 8.78
    assert any("within the limit of 5 years" in s.value for s in at.success)
    assert m["Projected completion (scenario)"] == "11 October 2046"  # at the demonstrated rate

    at.number_input(key="wb_rate").set_value(50.0).run()
    assert _metrics(at)["Projected completion (scenario)"] == "31 December 2027"  # 4 years at 50 from end 2023
    assert any("0.8 years before the requested deadline" in md.value for md in at.markdown)

    at.radio(key="wb_scenario_kind").set_value("a rate per year").run()
    for year in range(2024, 2029):
        at.number_input(key=f"wb_rate_{year}").set_value(40.0)
    at.run()
    assert _metrics(at)["Projected completion (scenario)"] == "31 December 2028"  # 5 × 40 = 200
    assert any("after the requested deadline" in md.value for md in at.markdown)
    labels = {b.label for b in at.get("download_button")}
    assert {"Download brief (HTML)", "Download the numbers (CSV)", "Download the work plan template"} <= labels


def test_workbench_without_data_says_what_is_missing(db_path):
    at = _page(db_path, "pages/workbench.py")
    at.selectbox(key="wb_obligation").set_value("SSD-4").run()
    m = _metrics(at)
    # South Sudan's series is Mine Action Review's (4 years against the Monitor's 1): 2022-2024 are 4.3, 4.3
    # and 3.6 km² (article4_clearance_by_year.csv), a mean of 4.07 km²; no baseline, so nothing remains known.
    assert m["What remains"] == "unknown" and m["Demonstrated rate a year"] == "4.07 km²"
    text = " ".join(md.value for md in at.markdown)
    assert "Baseline missing" in text and "No extension request on record" in text
    at.date_input(key="wb_requested").set_value(date(2040, 2, 1)).run()  # 1 Feb 2034 + 5 years = 1 Feb 2039
    assert any("longer than the limit of 5 years" in w.value for w in at.warning)


def test_workbench_loads_a_work_plan_and_reports_problems(db_path):
    at = _page(db_path, "pages/workbench.py")
    at.selectbox(key="wb_obligation").set_value("LAO-4").run()
    bad = b"year,unit,planned\n2022,km2,lots\n"
    at.file_uploader(key="wb_plan").set_value(("plan.csv", bad, "text/csv")).run()
    assert any("row 2, column 'planned': not a number" in e.value for e in at.error)
    good = b"year,unit,planned,currency,budget,funding_secured\n2022,km2,60,USD,1000000,500000\n2023,km2,70,,,\n"
    at.file_uploader(key="wb_plan").set_value(("plan.csv", good, "text/csv")).run()
    assert not at.error
    plan = next(d.value for d in at.dataframe if "Achieved (%)" in d.value.columns)
    # 2022: 50 km² reported (approx) of 60 planned = 83.3 %; 2023: no figure
    assert plan["Achieved (%)"].tolist() == ["83.3", ""]
    assert plan["Qualifier"].tolist() == ["approx", "no figure"]
    assert plan["Secured (%)"].tolist()[0] == "50.0"
