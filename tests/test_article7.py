"""Article 7 arithmetic and statuses on tiny hand-made frames (expected values worked out by hand)."""
import oracles
import pandas as pd
import pytest

from ccm_analytics.article7 import charts, reports, transparency
from ccm_analytics.domain.treaty import annual_report_due, initial_report_due

T = pd.Timestamp
CURRENT_TO = T("2025-09-30")  # the records are current to September 2025


def _status(*rows) -> pd.DataFrame:
    """A state_status-like frame: (iso3, status, entry into force, withdrawal)."""
    return pd.DataFrame([{"iso3": i, "state_name": f"State {i}", "un_region": "Europe", "status": s,
                          "entry_into_force_date": T(e) if e else pd.NaT, "withdrawal_date": T(w) if w else pd.NaT}
                         for i, s, e, w in rows])


def _records(*rows) -> pd.DataFrame:
    """article7_reports rows: (iso3, type, year, submitted, precision, record, record date, precision, text)."""
    cols = ["iso3", "report_type", "reporting_year", "submitted_date", "submitted_date_precision", "record",
            "record_date", "record_date_precision", "status_text"]
    frame = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    frame["reporting_year"] = pd.array(frame["reporting_year"], dtype="Int64")
    frame["submitted_date"] = pd.to_datetime(frame["submitted_date"])
    frame["record_date"] = pd.to_datetime(frame["record_date"])
    frame["list_id"], frame["listed_to"] = None, pd.NaT  # no complete list (see test_article7_lists.py)
    frame["source"] = "test source"
    frame["notes"] = None
    return frame


NO_RECORDS = _records()


# --- due dates ------------------------------------------------------------------------------------

def test_initial_due_date_for_entry_into_force_on_1_march():
    # 1 March 2026 + 180 days: March 1 -> 31 (30 days), April (30 -> 60), May (31 -> 91), June (30 -> 121),
    # July (31 -> 152), then 28 more days of August -> 180: 28 August 2026.
    assert initial_report_due(T("2026-03-01")) == T("2026-08-28")


def test_initial_due_date_across_29_february():
    # 1 February 2024 + 180: Feb 1 -> 29 (28 days), March (31 -> 59), April (30 -> 89), May (31 -> 120),
    # June (30 -> 150), 30 more days of July -> 180: 30 July 2024 (the ISU's date for South Sudan).
    assert initial_report_due(T("2024-02-01")) == T("2024-07-30")


def test_annual_report_due_is_30_april_of_next_year():
    assert annual_report_due(2024) == T("2025-04-30")


def test_first_and_last_annual_reports_owed():
    status = _status(
        ("AAA", "State Party", "2011-03-01", None),  # initial due 28 Aug 2011: annual from 2011
        ("LTU", "Withdrawn", "2011-09-01", "2025-03-06"),  # initial due 28 Feb 2012; withdrawal before 30 Apr 2025
        ("VUT", "State Party", "2026-03-01", None),  # initial due 28 Aug 2026: first annual (2026) due 30 Apr 2027
        ("WWW", "Withdrawn", "2011-09-01", "2020-04-30"),  # withdrawal effective on a due date: that report not owed
        ("SIG", "Signatory", None, None),
    )
    owed = oracles.annual_reports_owed(status, T("2026-11-28"))
    years = owed.groupby("iso3")["reporting_year"].agg(["min", "max", "count"])
    # AAA: 2011 .. 2025 (the last calendar year ended by 28 November 2026): 15 reports.
    assert years.loc["AAA"].tolist() == [2011, 2025, 15]
    # Lithuania: 2012 (due 30 April 2013) .. 2023 (due 30 April 2024); none for 2024 (due after the withdrawal).
    assert years.loc["LTU"].tolist() == [2012, 2023, 12]
    # WWW: withdrawal effective 30 April 2020, the due date of the 2019 report: 2012 .. 2018.
    assert years.loc["WWW"].tolist() == [2012, 2018, 7]
    assert "VUT" not in years.index and "SIG" not in years.index
    assert owed.set_index(["iso3", "reporting_year"]).loc[("AAA", 2011), "due_date"] == T("2012-04-30")


def test_annual_reports_owed_up_to_the_last_year_ended():
    owed = oracles.annual_reports_owed(_status(("AAA", "State Party", "2010-08-01", None)), T("2015-04-29"))
    # Initial due 28 January 2011: reports for 2011 .. 2014; the 2014 report (due 30 April 2015) is not yet due.
    assert owed["reporting_year"].tolist() == [2011, 2012, 2013, 2014]


# --- initial report status ---------------------------------------------------------------------------

INITIAL_STATES = _status(
    ("ONT", "State Party", "2010-08-01", None),  # due 28 January 2011 (as for every State of 1 August 2010)
    ("LAT", "State Party", "2010-08-01", None),
    ("MON", "State Party", "2010-08-01", None),
    ("MLT", "State Party", "2010-08-01", None),
    ("OVD", "State Party", "2010-08-01", None),
    ("PRE", "State Party", "2010-08-01", None),
    ("UND", "State Party", "2010-08-01", None),
    ("NEW", "State Party", "2026-03-01", None),  # due 28 August 2026
    ("NOR", "State Party", "2010-08-01", None),
    ("WDN", "Withdrawn", "2010-08-01", "2025-03-06"),
)
INITIAL_RECORDS = _records(
    ("ONT", "initial", None, "2011-01-28", "day", "submitted", None, None, "submitted"),
    ("LAT", "initial", None, "2011-02-07", "day", "submitted", None, None, "submitted"),
    ("MON", "initial", None, "2011-01-01", "month", "submitted", None, None, "submitted"),
    ("MLT", "initial", None, "2011-01-01", "month", "submitted", None, None, "submitted (late)"),
    ("OVD", "initial", None, None, None, "outstanding", "2015-06-18", "day", "overdue"),
    ("PRE", "initial", None, None, None, "outstanding", "2011-01-01", "month", "overdue"),
    ("UND", "initial", None, None, None, "outstanding", "2015-06-18", "day", "overdue"),
    ("UND", "initial", None, None, None, "submitted", None, None, "submitted (date uncertain)"),
)


def _initial(as_of, current_to=CURRENT_TO):
    return oracles.initial_report_status(INITIAL_STATES, INITIAL_RECORDS, T(as_of), current_to).set_index("iso3")


def test_initial_statuses():
    got = _initial("2020-01-01")
    assert got.loc["ONT", "status"] == "submitted on time"  # on the due date itself
    assert got.loc["LAT", "status"] == "submitted late" and got.loc["LAT", "days_late"] == 10  # 28 Jan -> 7 Feb
    # January 2011: in by 31 January, before or after 28 January is not known
    assert got.loc["MON", "status"] == reports.SUBMITTED_UNDATED and got.loc["MON", "submitted_by"] == T("2011-01-31")
    assert got.loc["MLT", "status"] == "submitted late"  # the source says late
    assert got.loc["OVD", "status"] == "unknown"  # the June 2015 listing spoke only until 30 April 2016
    in_cycle = _initial("2016-01-01").loc["OVD"]
    assert in_cycle["status"] == "overdue"
    # 28 Jan 2011 -> 28 Jan 2016: 5 x 365 + 1 leap day (29 February 2012) = 1,826; back to 1 Jan 2016: - 27 = 1,799.
    assert in_cycle["days_late"] == 1799
    assert got.loc["PRE", "status"] == "unknown"  # listed in January 2011, not after the due date
    assert got.loc["UND", "status"] == "unknown"  # a submission without a date outweighs the listing
    assert got.loc["NEW", "status"] == "not yet due" and got.loc["NEW", "due_date"] == T("2026-08-28")
    assert got.loc["NOR", "status"] == "unknown"  # no record: never "overdue" by assumption
    assert "WDN" not in got.index  # States Parties only


def test_initial_overdue_only_while_the_records_speak():
    assert _initial("2015-06-17").loc["OVD", "status"] == "unknown"  # the list is dated 18 June 2015
    assert _initial("2015-06-18").loc["OVD", "status"] == "overdue"
    # A listing speaks until the next reporting deadline (30 April 2016); after it the report may have come in.
    assert _initial("2016-04-30").loc["OVD", "status"] == "overdue"
    assert _initial("2016-05-01").loc["OVD", "status"] == "unknown"
    assert _initial("2025-09-30").loc["OVD", "status"] == "unknown"
    # ... and never past the date the records are current to.
    assert _initial("2016-01-01", current_to=T("2015-12-31")).loc["OVD", "status"] == "unknown"


def test_initial_submission_not_known_before_it_happened():
    got = _initial("2011-02-01")
    assert got.loc["LAT", "status"] == "unknown"  # due 28 January, not submitted by 1 February on record
    assert pd.isna(got.loc["LAT", "submitted_date"])
    assert _initial("2011-01-20").loc["LAT", "status"] == "not yet due"


# --- annual report status -------------------------------------------------------------------------

ANNUAL_STATES = _status(("AAA", "State Party", "2010-08-01", None), ("ZZZ", "State Party", "2010-08-01", None))
ANNUAL_RECORDS = _records(
    ("AAA", "annual", 2011, "2012-04-30", "day", "submitted", "2012-04-30", "day", "submitted"),
    ("AAA", "annual", 2012, "2013-05-02", "day", "submitted", "2013-05-02", "day", "submitted"),
    ("AAA", "annual", 2013, None, None, "submitted", "2020-05-04", "day", "submitted"),  # a profile of May 2020
    ("AAA", "annual", 2014, "2015-04-01", "month", "submitted", None, None, "submitted"),  # April: on time
    ("AAA", "annual", 2015, "2016-05-01", "month", "submitted", None, None, "submitted"),  # May: late
    ("ZZZ", "annual", None, None, None, "outstanding", "2018-08-01", "month", "none submitted since 2015"),
)


def _annual(as_of, current_to=CURRENT_TO):
    owed = oracles.annual_reports_owed(ANNUAL_STATES, T(as_of))
    return oracles.annual_report_status(owed, ANNUAL_RECORDS, T(as_of), current_to).set_index(["iso3", "reporting_year"])


def test_annual_statuses():
    got = _annual("2021-01-01")["status"]
    assert got[("AAA", 2011)] == "submitted on time"  # on 30 April 2012, the due date
    assert got[("AAA", 2012)] == "submitted late"  # 2 May 2013
    assert got[("AAA", 2013)] == "submitted, date unknown"  # listed as submitted in May 2020, date not given
    assert got[("AAA", 2014)] == "submitted on time"  # April 2015: by 30 April 2015 at the latest
    assert got[("AAA", 2015)] == "submitted late"  # May 2016, due 30 April 2016
    assert got[("AAA", 2016)] == "no record in data"
    # ZZZ: "none submitted" as of August 2018 spoke for the reports due before it until 30 April 2019:
    # by 1 January 2021 they may have come in late.
    assert [got[("ZZZ", y)] for y in range(2011, 2018)] == ["unknown"] * 7
    assert got[("ZZZ", 2018)] == "no record in data"  # due 30 April 2019, after the listing
    assert got[("ZZZ", 2019)] == "no record in data"
    within = _annual("2019-01-01")["status"]
    # While it speaks, it covers every report due before 1 August 2018: 2011 .. 2017.
    assert [within[("ZZZ", y)] for y in range(2011, 2018)] == ["missing"] * 7
    assert within[("ZZZ", 2018)] == "not yet due"  # due 30 April 2019


def test_annual_statuses_follow_the_reference_date():
    assert _annual("2019-01-01")["status"][("AAA", 2013)] == "no record in data"  # the profile is of May 2020
    assert _annual("2018-08-30")["status"][("ZZZ", 2012)] == "no record in data"  # August 2018 not over yet
    assert _annual("2018-08-31")["status"][("ZZZ", 2012)] == "missing"
    assert _annual("2019-04-30")["status"][("ZZZ", 2012)] == "missing"  # the next reporting deadline
    assert _annual("2019-05-01")["status"][("ZZZ", 2012)] == "unknown"  # the listing no longer speaks
    later = _annual("2026-11-28")["status"]
    assert later[("ZZZ", 2012)] == "unknown"  # after the data end the report may have come in late
    assert later[("AAA", 2023)] == "no record in data"  # due 30 April 2024, within the data
    assert later[("AAA", 2024)] == "no record in data"  # due 30 April 2025, within the data (September 2025)
    assert later[("AAA", 2025)] == "unknown"  # due 30 April 2026, after the data end
    assert later[("AAA", 2011)] == "submitted on time"  # a past fact stays known
    not_yet = _annual("2013-03-01")["status"]
    assert not_yet[("AAA", 2012)] == "not yet due"  # due 30 April 2013


def test_reporting_rates_and_completeness():
    annual = _annual("2019-01-01")  # while ZZZ's listing (August 2018) speaks
    rates = reports.annual_reporting_rates(annual).set_index("reporting_year")
    # 2011: AAA on time, ZZZ missing -> 2 due, 2 with a record, 1 on time, 1 submitted: 50 % and 50 %.
    assert rates.loc[2011, ["due", "with_record", "on_time", "submitted"]].tolist() == [2, 2, 1, 1]
    assert rates.loc[2011, "on_time_rate"] == 0.5 and rates.loc[2011, "submitted_rate"] == 0.5
    # 2012: AAA late, ZZZ missing -> on time 0 of 2, at all 1 of 2.
    assert rates.loc[2012, "on_time_rate"] == 0 and rates.loc[2012, "submitted_rate"] == 0.5
    # 2016: AAA no record, ZZZ missing -> 1 with a record, none submitted.
    assert rates.loc[2016, ["with_record", "submitted"]].tolist() == [1, 0]
    # By 1 January 2021, 2019: no record for either State -> no rate (not 0 %).
    later = reports.annual_reporting_rates(_annual("2021-01-01")).set_index("reporting_year")
    assert pd.isna(later.loc[2019, "on_time_rate"]) and later.loc[2019, "due"] == 2
    # Reports due by 1 January 2019: 2011 .. 2017 for 2 States = 14; with a record: AAA 2011, 2012, 2014, 2015
    # (4; the 2013 record is of May 2020) + ZZZ 2011-2017 (7) = 11.
    assert reports.annual_completeness(annual) == (11, 14)


def test_reminder_list_lists_overdue_and_missing_reports():
    as_of = T("2019-01-01")
    initial = oracles.initial_report_status(INITIAL_STATES, INITIAL_RECORDS, as_of, CURRENT_TO)
    annual = oracles.annual_report_status(oracles.annual_reports_owed(ANNUAL_STATES, as_of), ANNUAL_RECORDS,
                                          as_of, CURRENT_TO)
    reminders = reports.reminder_list(initial, annual, as_of)
    # OVD's listing of June 2015 spoke until 30 April 2016: by 2019 it is no longer overdue by record.
    assert reminders["report"].tolist() == [f"annual report for calendar year {y}" for y in range(2011, 2018)]
    assert reminders["iso3"].tolist() == ["ZZZ"] * 7
    first = reminders.iloc[0]
    assert first["due_date"] == T("2012-04-30")
    # 30 Apr 2012 -> 30 Apr 2018: 6 x 365 + 2 (2012 is before, 2016) = 2,191; + 246 to 1 Jan 2019 = 2,437.
    assert first["days_overdue"] == 2437
    early = reports.reminder_list(
        oracles.initial_report_status(INITIAL_STATES, INITIAL_RECORDS, T("2016-01-01"), CURRENT_TO),
        oracles.annual_report_status(oracles.annual_reports_owed(ANNUAL_STATES, T("2016-01-01")), ANNUAL_RECORDS,
                                     T("2016-01-01"), CURRENT_TO), T("2016-01-01"))
    assert early["report"].tolist() == ["initial report"] and early["iso3"].tolist() == ["OVD"]
    assert list(reminders.columns) == ["iso3", "state_name", "report", "reporting_year", "due_date", "days_overdue",
                                       "source"]


def test_status_rows_have_the_view_columns():
    as_of = T("2021-01-01")
    initial = oracles.initial_report_status(ANNUAL_STATES, ANNUAL_RECORDS, as_of, CURRENT_TO)
    annual = oracles.annual_report_status(oracles.annual_reports_owed(ANNUAL_STATES, as_of), ANNUAL_RECORDS,
                                          as_of, CURRENT_TO)
    rows = oracles.status_rows(initial, annual)
    assert list(rows.columns) == ["iso3", "report_type", "reporting_year", "due_date", "submitted_date", "status",
                                  "submitted_by"]
    assert rows.iloc[0][["iso3", "report_type"]].tolist() == ["AAA", "initial"]
    assert pd.isna(rows.iloc[0]["reporting_year"]) and rows.iloc[1]["reporting_year"] == 2011
    assert len(rows) == 2 + 2 * 10  # 2 initial; annual 2011 .. 2020 (the 2020 report not yet due)
    assert set(rows["status"]) <= set(reports.ANNUAL_STATUSES) | set(reports.INITIAL_STATUSES)


@pytest.mark.parametrize("status", reports.ANNUAL_STATUSES)
def test_annual_status_counts_list_every_status(status):
    counts = reports.status_counts(_annual("2021-01-01").reset_index(), reports.ANNUAL_STATUSES)
    assert status in counts["status"].tolist()


def test_reporting_rates_when_no_report_is_due_yet():
    # On 1 January 2012 the first annual reports (calendar year 2011) are not due before 30 April 2012.
    annual = _annual("2012-01-01")
    assert set(annual["status"]) == {"not yet due"}
    rates = reports.annual_reporting_rates(annual)
    assert rates.empty and list(rates.columns)[:5] == ["reporting_year", "due", "with_record", "on_time", "submitted"]


# --- rates with their denominators (issue 13) -------------------------------------------------------

def _rates_frame():
    # Hand-made `reports.annual_reporting_rates` rows. 2011: 2 of 50 owing have a record, both submitted:
    # the raw rate is 100 %, over 2 States. 2012: 30 of 50, 18 on time, 24 at all: 60 % and 80 %.
    # 2013: 25 of 50, exactly half: drawn. 2014: no record at all.
    return pd.DataFrame({"reporting_year": [2011, 2012, 2013, 2014], "due": [50, 50, 50, 50],
                         "with_record": [2, 30, 25, 0], "on_time": [1, 18, 5, 0], "submitted": [2, 24, 25, 0],
                         "on_time_rate": [0.5, 0.6, 0.2, float("nan")],
                         "submitted_rate": [1.0, 0.8, 1.0, float("nan")]})


def test_rates_need_records_for_half_of_the_states_owing():
    assert transparency.MIN_RECORD_SHARE == 0.5
    shown = transparency.reporting_rates_shown(_rates_frame()).set_index("reporting_year")
    assert shown["rate_drawn"].tolist() == [False, True, True, False]
    assert pd.isna(shown.loc[2011, "submitted_rate"]) and pd.isna(shown.loc[2011, "on_time_rate"])  # never 100 %
    assert shown.loc[2012, "submitted_rate"] == 0.8 and shown.loc[2012, "on_time_rate"] == 0.6
    assert shown.loc[2013, "submitted_rate"] == 1.0  # 25 of 50: not fewer than half
    assert shown["denominator"].tolist() == ["2 of 50", "30 of 50", "25 of 50", "0 of 50"]
    assert shown.loc[2011, "record_share"] == 0.04 and shown.loc[2012, "record_share"] == 0.6
    assert transparency.any_rate_drawn(shown.reset_index())
    assert not transparency.any_rate_drawn(shown.reset_index().iloc[[0, 3]])


def test_rates_table_shows_each_denominator_and_why_a_rate_is_missing():
    table = transparency.rates_table(transparency.reporting_rates_shown(_rates_frame())).set_index(
        "Calendar year covered")
    assert table.loc["2011", "At all (share of those with a record)"] == "no rate"
    assert table.loc["2011", "On time (share of those with a record)"] == "no rate"
    assert table.loc["2011", "Note"] == ("2 of 50 States Parties owing a report have a record: fewer than half, "
                                         "so no rate")
    assert table.loc["2011", "With a record, of those owing"] == "2 of 50 (4.0 per cent)"
    assert table.loc["2012", "At all (share of those with a record)"] == "80.0 per cent (24 of 30 with a record)"
    assert table.loc["2012", "On time (share of those with a record)"] == "60.0 per cent (18 of 30 with a record)"
    assert table.loc["2012", "With a record, of those owing"] == "30 of 50 (60.0 per cent)"
    assert table.loc["2012", "Note"] == ""
    assert table.loc["2014", "Note"].startswith("0 of 50")


def test_rates_chart_leaves_a_gap_and_labels_each_year_with_its_denominator():
    fig = charts.reporting_rates(transparency.reporting_rates_shown(_rates_frame()))
    at_all = next(t for t in fig.data if t.name == "submitted at all")
    assert pd.isna(at_all.y[0]) and at_all.y[1] == 0.8 and pd.isna(at_all.y[3])
    assert list(at_all.customdata[1]) == ["80.0 per cent (24 of 30 with a record)", "30 of 50"]
    assert at_all.customdata[0][0] == "no rate"
    assert list(fig.layout.xaxis.ticktext) == ["2011<br>2 of 50", "2012<br>30 of 50", "2013<br>25 of 50",
                                               "2014<br>0 of 50"]


def test_rates_note_names_the_years_without_a_rate():
    shown = transparency.reporting_rates_shown(_rates_frame())
    note = transparency.rates_note(shown)
    assert "at least half of the States Parties owing a report" in note
    assert note.endswith("No rate for 2011 and 2014: fewer than half of the States Parties owing a report have "
                         "a record.")
    assert "no rates chart" in transparency.rates_note(shown.iloc[[0, 3]])
    assert "No rate" not in transparency.rates_note(shown.iloc[[1, 2]])
    assert transparency.year_ranges_text([2011, 2012, 2013, 2015, 2017, 2018]) == "2011–2013, 2015 and 2017–2018"
    assert transparency.year_ranges_text([2020]) == "2020"
