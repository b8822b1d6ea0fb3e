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
    # The fixture on 28 November 2026 (data current to 30 September 2025), 11 obligations: completed AUT, BGR,
    # GBR, PER (Article 3), HRV and MOZ (Article 4; MOZ unconfirmed, completed by 31 December 2018); LAO's deadline (LAO,4,1 granted 2025-08-01) has passed while
    # LAO,4,2 awaits a recorded decision; TCD's (TCD,4,1 granted 2024-10-01, no further request) passed before
    # the data end: overdue; DEU (DEU,4,2 granted 2030-08-01) and SSD (EIF 1 February 2024 + 10 years) on track;
    # SEN (stockpiling not confirmed) unknown.
    assert (m["completed"], m["deadline passed, extension requested"], m["extension requested"], m["overdue"],
            m["on track"], m["unknown"]) == ("6", "1", "0", "1", "2", "1")
    table = at.dataframe[0].value
    assert len(table) == 11 and "Status" in table.columns
    lao = table[table["State Party"] == "Lao People's Democratic Republic"].iloc[0]
    assert lao["Status"] == "deadline passed, extension requested (decision not recorded)"
    assert lao["Current deadline"] == "1 August 2025"  # LAO,4,1 granted 2025-08-01 at 9MSP
    completion = table.set_index("State Party")["Completion"]
    # Croatia's completion is dated; Mozambique's is known only to be by 31 December 2018 (completed_by), Peru's
    # by the day the data are current to (30 September 2025); Lao PDR has not completed.
    assert (completion["Croatia"], completion["Mozambique"], completion["Peru"]) == (
        "10 July 2019", "by 31 December 2018", "by 30 September 2025")
    assert completion["Lao People's Democratic Republic"] == "unknown"
    assert lao["Workbench"] == "extension-workbench?iso3=LAO&article=4&as_of=2026-11-28"  # link to the workbench
    assert {b.label for b in at.get("download_button")} >= {"Download CSV", "Download Excel"}

    at.multiselect(key="dl_articles").set_value([3]).run()
    at.multiselect(key="dl_statuses").set_value(["unknown"]).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["State Party"].tolist() == ["Senegal"]
    assert _metrics(at)["unknown"] == "1"


def test_tracker_shows_deadlines_passed_with_a_request_pending(db_path):
    at = _page(db_path, "pages/deadlines.py", "2026-12-01")
    table = at.dataframe[0].value.set_index(["State Party", "Article"])
    # 1 December 2026: Lao PDR's deadline (LAO,4,1 granted 2025-08-01 at 9MSP) has passed and LAO,4,2 has no
    # granted_deadline; Chad's (TCD,4,1 granted 2024-10-01) passed with no further request, before the data end
    # (September 2025): overdue, not "extension requested".
    passed = {("Lao People's Democratic Republic", 4): "1 August 2025"}
    shown = table[table["Status"] == "deadline passed, extension requested (decision not recorded)"]
    assert dict(shown["Current deadline"]) == passed
    assert table.loc[("Chad", 4), ["Current deadline", "Status"]].tolist() == ["1 October 2024", "overdue"]
    at.multiselect(key="dl_statuses").set_value(["deadline passed, extension requested"]).run()
    assert not at.exception
    assert sorted(at.dataframe[0].value["State Party"]) == sorted(name for name, _ in passed)


def test_tracker_on_a_past_date(db_path):
    at = _page(db_path, "pages/deadlines.py", "2022-06-30")
    table = at.dataframe[0].value.set_index(["State Party", "Article"])
    # Before 10MSP's decision (September 2022) Chad's deadline was the original one, EIF 1 September 2013 + 10
    # years, with TCD,4,1 (submitted May 2022) awaiting its decision.
    assert table.loc[("Chad", 4), "Current deadline"] == "1 September 2023"
    # (its decision is not in the data on that day: README, "extension requested (decision not recorded)")
    assert table.loc[("Chad", 4), "Status"] == "extension requested (decision not recorded)"
    # Germany's deadline was the one granted at 9MSP (1 August 2025), more than 12 months away
    assert table.loc[("Germany", 4), ["Current deadline", "Status"]].tolist() == ["1 August 2025", "on track"]
    requests = at.dataframe[1].value
    assert requests[requests["State Party"] == "Germany"]["Request"].tolist() == [1]  # DEU,4,2: January 2024
    assert requests[requests["State Party"] == "Chad"]["Request"].tolist() == [1]


def test_workbench_chosen_state_and_scenario(db_path):
    # 30 June 2019: LAO,4,1 (submitted 26 February 2019, requested 1 August 2025) awaits 9MSP (September 2019)
    at = _page(db_path, "pages/workbench.py", "2019-06-30")
    at.selectbox(key="wb_obligation").set_value("LAO-4").run()
    assert not at.exception
    m = _metrics(at)
    # Lao PDR: 1,000 km² reported remaining on 25 January 2011 (article4_remaining.csv, the one figure dated by
    # then); the national figures of the years over, 2016 (20) and 2017 (30): a rate of 25 km² a year.
    assert m["Remaining, as reported"] == "1'000.00 km²"
    assert m["Demonstrated rate a year"] == "25.00 km²"
    assert m["Years needed at that rate"] == "40.0 years"  # 1000 / 25
    assert m["Years requested"] == "5.2 years"  # 1 June 2020 to 1 August 2025: 1887 days / 365.25 = 5.166
    # 25 Jan 2011 to 1 Aug 2025: 5302 days = 14.516 years; 1000 / 14.516 = 68.89 a year; / 25 = 2.756
    assert m["Required / demonstrated rate"] == "2.76 times"
    assert not at.success  # the limit check is words, never a green box
    text = _markdown(at)
    # 1 June 2020 + 5 years = 1 June 2025, two months before the deadline requested
    assert "Longer than the limit of 5 years under Article 4: 5.2 years requested, the limit ends on 1 June 2025." in text
    assert "The requested period needs 2.8 times the annual figure shown in 2016-2017." in text
    # 1 September 2019 less nine months is 1 December 2018: 26 February 2019 is later
    assert "Submitted less than nine months before the meeting" in text
    # 1000 at 25 a year from 25 January 2011: 40 years (10 leap days among them), to 25 January 2051
    assert m["Projected completion (scenario)"] == "25 January 2051"
    assert dict(at.query_params)["iso3"] == "LAO" and dict(at.query_params)["request"] == "1"

    at.number_input(key="wb_rate_LAO-4_1").set_value(100.0).run()
    # 1000 at 100 a year from 25 January 2011: 26 January to 31 December 2011 (340 days) gives 100 x 340/365 =
    # 93.15, 2012-2020 900 more (993.15); the last 6.85 take 6.85/100 x 365 = 25 days of 2021: 25 January 2021,
    # 1649 days (4.5 years) before 1 August 2025
    assert _metrics(at)["Projected completion (scenario)"] == "25 January 2021"
    assert "4.5 years before the requested deadline" in _markdown(at)
    labels = {b.label for b in at.get("download_button")}
    assert {"Draft analysis (Word)", "Draft analysis (HTML)", "The numbers (CSV)",
            "Save entries (JSON)", "Download the work plan template"} <= labels


def test_switching_state_shows_its_latest_request_and_a_cleared_scenario(db_path):
    at = _page(db_path, "pages/workbench.py", "2026-12-01")
    default = at.selectbox(key="wb_obligation").value
    assert default == "LAO-4"  # the one obligation with a request awaiting a decision (LAO,4,2) and figures
    # Lao PDR's latest request is LAO,4,2 (12MSP), not the first (9MSP)
    assert at.selectbox(key="wb_request_LAO-4").value == 2
    # its own rate: the national figures of 2019, 2020 and 2021, (40 + 40 + 50) / 3
    assert [n.value for n in at.number_input] == [43.33]
    table = next(d.value for d in at.dataframe if "Item" in d.value.columns).set_index("Item")["Value"]
    assert table["Extension request"].startswith("request 2, meeting 12MSP")
    at.number_input(key=f"wb_rate_{default}_2").set_value(99.0).run()
    at.selectbox(key="wb_obligation").set_value("TCD-4").run()
    assert not at.exception
    assert at.selectbox(key="wb_request_TCD-4").value == 1
    assert dict(at.query_params)["iso3"] == "TCD" and dict(at.query_params)["request"] == "1"
    # the scenario starts again from Chad's own rate: its one national figure, 1 km² in 2023
    assert [n.value for n in at.number_input] == [1.0]
    at.selectbox(key="wb_obligation").set_value("DEU-4").run()
    assert at.selectbox(key="wb_request_DEU-4").value == 2  # DEU,4,2 (12MSP), not DEU,4,1 (9MSP)
    table = next(d.value for d in at.dataframe if "Item" in d.value.columns).set_index("Item")["Value"]
    # DEU,4,2: request_type interim, basis and source "fixture", granted 2030-08-01
    assert table["Request type"].startswith("interim: fixture (source: fixture)")
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
    # South Sudan: no yearly figure (article4_clearance_by_year.csv), nothing reported as remaining
    # (article4_remaining.csv), no extension request: every figure unknown, and the page says why.
    assert m["Demonstrated rate a year"] == "unknown" and m["Remaining, as reported"] == "unknown"
    text = _markdown(at)
    assert "No extension request on record" in text
    assert "no annual figure is reported" in text
    assert "No progress figure per year in the data for this State and measure: no chart." in text


def test_workbench_loads_a_work_plan_and_reports_problems(db_path):
    at = _page(db_path, "pages/workbench.py")
    at.selectbox(key="wb_obligation").set_value("LAO-4").run()
    bad = b"year,unit,planned\n2022,km2,lots\n"
    at.file_uploader(key="wb_plan").set_value(("plan.csv", bad, "text/csv")).run()
    assert any("row 2, column 'planned': not a number" in e.value.replace("\\", "") for e in at.error)
    good = b"year,unit,planned,currency,budget,funding_secured\n2021,km2,60,USD,1000000,500000\n2022,km2,70,,,\n"
    at.file_uploader(key="wb_plan").set_value(("plan.csv", good, "text/csv")).run()
    assert not at.error
    plan = next(d.value for d in at.dataframe if "Achieved (%)" in d.value.columns)
    # 2021: 50 km² reported (exact, national) of 60 planned = 83.3 %; 2022: no figure
    assert plan["Achieved (%)"].tolist() == ["83.3", ""]
    assert plan["Qualifier"].tolist() == ["exact", "no figure"]
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
