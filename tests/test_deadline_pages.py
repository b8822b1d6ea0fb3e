"""AppTest of the deadline tracker and the extension request workbench: a chosen State, a changed scenario."""
from datetime import date

from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

from ccm_analytics.workbench import entries

APP = str(PROJECT_DIR / "app.py")


def _page(db_path, script, as_of="2026-11-28") -> AppTest:
    return run_page(script, {"as_of": as_of})


def _markdown(at) -> str:
    """The page's Markdown as read (the escapes of `markdown_literal` taken out)."""
    return " ".join(md.value for md in at.markdown).replace("\\", "")


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
    assert lao["Workbench"] == "extension-workbench?iso3=LAO&article=4&as_of=2026-11-28"  # link to the workbench
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
    # Iraq: 200 km² reported remaining in March 2023 (article4_remaining.csv, ISU), one year with a figure
    # (8.78 km² in 2015), request 1 to 1 November 2028; its type is not in the data (read as completion).
    assert m["Remaining, as reported"] == "200.00 km²"
    assert m["Demonstrated rate a year"] == "8.78 km²"
    assert m["Years needed at that rate"] == "22.8 years"  # 200 / 8.78
    assert m["Years requested"] == "5.0 years"  # 1 November 2023 to 1 November 2028
    # 1 Mar 2023 to 1 Nov 2028: 2072 days = 5.673 years; 200 / 5.673 = 35.26 a year; / 8.78 = 4.02
    assert m["Required / demonstrated rate"] == "4.02 times"
    assert not at.success  # the limit check is words, never a green box
    text = _markdown(at)
    assert "Within the limit of 5 years under Article 4 (up to 1 November 2028)." in text
    assert "The requested period needs 4.0 times the annual figure shown in 2015." in text
    # 200 at 8.78 a year from 1 March 2023: 22.78 years, to 10 December 2045
    assert m["Projected completion (scenario)"] == "10 December 2045"
    assert dict(at.query_params)["iso3"] == "IRQ" and dict(at.query_params)["request"] == "1"

    at.number_input(key="wb_rate_IRQ-4_1").set_value(50.0).run()
    # 200 at 50 a year from 1 March 2023: 2 March to 31 December 2023 (305 days) gives 50 x 305/365 = 41.78,
    # 2024-2026 150 more (191.78); the last 8.22 take 8.22/50 x 365 = 60 days of 2027: 1 March 2027
    assert _metrics(at)["Projected completion (scenario)"] == "1 March 2027"
    assert "1.7 years before the requested deadline" in _markdown(at)
    labels = {b.label for b in at.get("download_button")}
    assert {"Draft analysis (Word)", "Draft analysis (HTML)", "The numbers (CSV)",
            "Save entries (JSON)", "Download the work plan template"} <= labels


def test_switching_state_shows_its_latest_request_and_a_cleared_scenario(db_path):
    at = _page(db_path, "pages/workbench.py", "2026-12-01")
    default = at.selectbox(key="wb_obligation").value
    assert default == "AFG-4"  # alphabetically the first with a request awaiting a decision and figures
    at.number_input(key=f"wb_rate_{default}_2").set_value(99.0).run()
    at.selectbox(key="wb_obligation").set_value("LAO-4").run()
    assert not at.exception
    # Lao PDR's latest request is LAO,4,2 (12MSP), not the first (9MSP)
    assert at.selectbox(key="wb_request_LAO-4").value == 2
    assert dict(at.query_params)["iso3"] == "LAO" and dict(at.query_params)["request"] == "2"
    # the scenario starts again from Lao PDR's own rate: 2017, 2019, 2022 national figures, (33 + 45.6 + 50) / 3
    assert [n.value for n in at.number_input] == [42.87]
    table = next(d.value for d in at.dataframe if "Item" in d.value.columns).set_index("Item")["Value"]
    assert table["Extension request"].startswith("request 2, meeting 12MSP")
    at.selectbox(key="wb_obligation").set_value("DEU-4").run()
    table = next(d.value for d in at.dataframe if "Item" in d.value.columns).set_index("Item")["Value"]
    assert table["Request type"].startswith("interim: '5-yr interim extension' to 1 August 2030")
    assert "Years needed at that rate" not in _metrics(at)


def test_the_choice_comes_from_the_url(db_path):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"as_of": "2026-12-01", "iso3": "LAO", "article": "4", "request": "1"})
    at.run()
    at.switch_page("pages/workbench.py").run()
    assert at.selectbox(key="wb_obligation").value == "LAO-4"
    assert at.selectbox(key="wb_request_LAO-4").value == 1


def test_workbench_without_data_says_what_is_missing(db_path):
    at = _page(db_path, "pages/workbench.py")
    at.selectbox(key="wb_obligation").set_value("SSD-4").run()
    m = _metrics(at)
    # South Sudan's series is Mine Action Review's (4 years against the Monitor's 1): 2022-2024 are 4.3, 4.3
    # and 3.6 km² (article4_clearance_by_year.csv), a mean of 4.07 km²; nothing reported as remaining.
    assert m["Demonstrated rate a year"] == "4.07 km²"
    assert "No extension request on record" in _markdown(at)


def test_workbench_loads_a_work_plan_and_reports_problems(db_path):
    at = _page(db_path, "pages/workbench.py")
    at.selectbox(key="wb_obligation").set_value("LAO-4").run()
    bad = b"year,unit,planned\n2022,km2,lots\n"
    at.file_uploader(key="wb_plan").set_value(("plan.csv", bad, "text/csv")).run()
    assert any("row 2, column 'planned': not a number" in e.value.replace("\\", "") for e in at.error)
    good = b"year,unit,planned,currency,budget,funding_secured\n2022,km2,60,USD,1000000,500000\n2023,km2,70,,,\n"
    at.file_uploader(key="wb_plan").set_value(("plan.csv", good, "text/csv")).run()
    assert not at.error
    plan = next(d.value for d in at.dataframe if "Achieved (%)" in d.value.columns)
    # 2022: 50 km² reported (approx) of 60 planned = 83.3 %; 2023: no figure
    assert plan["Achieved (%)"].tolist() == ["83.3", ""]
    assert plan["Qualifier"].tolist() == ["approx", "no figure"]
    assert plan["Secured (%)"].tolist()[0] == "50.0"


def test_workbench_entries_for_another_request_load_nothing(db_path):
    at = _page(db_path, "pages/workbench.py", "2026-12-01")
    at.selectbox(key="wb_obligation").set_value("LAO-4").run()
    other = entries.entries_json(entries.Entries("IRQ", 4, 1, None, "interim", {"reasons": "for Iraq"}))
    at.file_uploader(key="wb_entries_file").set_value(("irq.json", other, "application/json")).run()
    assert "Nothing loaded: the file was made for IRQ, Article 4, request 1, not for the request shown." in \
        [t.value for t in at.text]
    assert at.text_area(key="wb_text_reasons").value == "" and at.selectbox(key="wb_type").value is None
    mine = entries.entries_json(entries.Entries("LAO", 4, 2, date(2030, 8, 1), "completion", {"reasons": "UXO"}))
    at.file_uploader(key="wb_entries_file").set_value(("lao.json", mine, "application/json")).run()
    assert "Entries loaded." in [t.value for t in at.text]
    assert at.text_area(key="wb_text_reasons").value == "UXO"
    assert at.selectbox(key="wb_type").value == "completion"
    # LAO,4,2 extends 1 August 2025; 1 August 2030 entered: exactly the 5 years of Article 4
    assert "Within the limit of 5 years under Article 4 (up to 1 August 2030)." in _markdown(at)
