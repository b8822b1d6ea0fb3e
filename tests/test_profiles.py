"""Country profile rows on hand-made frames: status, obligations, extension requests, reports, measures.

The world: AAA ratified 2009-01-05 and BBB 2010-02-16 (the 30th deposit with 28 fillers): entry into
force 1 August 2010. VUT acceded 2025-09-05 (in force 1 March 2026); NNN never signed; LTU ratified
2011-03-24 and its withdrawal took effect 2025-03-06. (treaty.state_facts needs at least one withdrawal
in its events: with none, mapping an empty date series fails under pandas 3.)
"""
import oracles
import pandas as pd
import pytest

from ccm_analytics.country_profile import profiles
from ccm_analytics.domain.treaty import state_facts, state_status
from ccm_analytics.formats.text import UNKNOWN

T = pd.Timestamp
CURRENT_TO = {"treaty_events.csv": "September 2025", "article3_stockpiles.csv": "September 2025",
              "article4_clearance.csv": "September 2025", "extension_requests.csv": "September 2025",
              "article7_reports.csv": "September 2025", "article9_measures.csv": "September 2025"}
STATES = pd.DataFrame({"iso3": ["AAA", "BBB", "LTU", "NNN", "VUT"],
                       "state_name": ["Aa", "Bb", "Lithuania", "Nn", "Vanuatu"],
                       "un_region": "R", "un_subregion": "S"})
EVENTS = pd.DataFrame(
    [("AAA", "ratification", "2009-01-05", "UNTC")] + [(f"X{i:02d}", "ratification", "2009-06-01", "UNTC")
                                                      for i in range(28)]
    + [("BBB", "signature", "2008-12-03", "UNTC"), ("BBB", "ratification", "2010-02-16", "UNTC"),
       ("VUT", "accession", "2025-09-05", "CMC+ISU"), ("LTU", "signature", "2008-12-03", "UNTC"),
       ("LTU", "ratification", "2011-03-24", "UNTC"), ("LTU", "withdrawal", "2025-03-06", "Presidency")],
    columns=["iso3", "event_type", "event_date", "source"])
FACTS = state_facts(STATES, EVENTS)


def status(day):
    return state_status(FACTS, T(day))


def _values(frame):
    return dict(zip(frame["item"], frame["value"]))


def _never_blank(frame):
    for column in frame.columns:
        assert frame[column].map(lambda v: isinstance(v, str) and v.strip() != "").all(), column


def test_header_vanuatu_before_entry_into_force():
    rows = profiles.header("VUT", status("2026-11-28"), status("2026-02-28"), EVENTS, T("2026-02-28"), CURRENT_TO)
    values = _values(rows)
    assert values["Status today"] == "State Party (in force)"
    assert values["Status on 28 February 2026"] == "State Party (not yet in force)"
    assert values["Signature"] == "not signed"  # acceded without signing: known absence, not "unknown"
    assert values["Instrument deposited (type)"] == "5 September 2025 (accession)"
    assert values["Entry into force for the State (Article 17)"] == "1 March 2026"
    assert set(rows["data_as_of"]) == {"September 2025"}
    assert "CMC+ISU" in rows.set_index("item").loc["Instrument deposited (type)", "source"]
    _never_blank(rows)


def test_header_lithuania_around_its_withdrawal():
    before = _values(profiles.header("LTU", status("2026-11-28"), status("2025-03-05"), EVENTS, T("2025-03-05"),
                                     CURRENT_TO))
    after = _values(profiles.header("LTU", status("2026-11-28"), status("2025-03-06"), EVENTS, T("2025-03-06"),
                                    CURRENT_TO))
    assert before["Status on 5 March 2025"] == "State Party (in force)"
    assert after["Status on 6 March 2025"] == "Withdrawn" and after["Status today"] == "Withdrawn"
    assert after["Withdrawal took effect (Article 20)"] == "6 March 2025"
    assert after["Entry into force for the State (Article 17)"] == "1 September 2011"


def test_header_state_that_never_signed():
    values = _values(profiles.header("NNN", status("2026-11-28"), status("2020-01-01"), EVENTS, T("2020-01-01"),
                                     CURRENT_TO))
    assert values["Status on 1 January 2020"] == "Not signatory"
    assert values["Entry into force for the State (Article 17)"] == "not applicable (no instrument deposited)"


def test_header_known_absence_reads_as_what_it_means():
    # NNN never signed: no signature and no deposit are facts, not gaps in the data.
    nnn = _values(profiles.header("NNN", status("2026-11-28"), status("2020-01-01"), EVENTS, T("2020-01-01"),
                                  CURRENT_TO))
    assert nnn["Signature"] == "not signed"
    assert nnn["Instrument deposited (type)"] == "not ratified"
    assert nnn["Withdrawal took effect (Article 20)"] == "none recorded"
    # SSS signed on 3 December 2008 and has deposited nothing (a world of its own: the shared one has no signatory).
    states = pd.concat([STATES, pd.DataFrame({"iso3": ["SSS"], "state_name": ["Ss"], "un_region": "R",
                                              "un_subregion": "S"})], ignore_index=True)
    events = pd.concat([EVENTS, pd.DataFrame([("SSS", "signature", "2008-12-03", "UNTC")], columns=EVENTS.columns)],
                       ignore_index=True)
    today = state_status(state_facts(states, events), T("2026-11-28"))
    sss = _values(profiles.header("SSS", today, today, events, T("2026-11-28"), CURRENT_TO))
    assert sss["Status today"] == "Signatory"
    assert sss["Signature"] == "3 December 2008"
    assert sss["Instrument deposited (type)"] == "not ratified"
    # AAA ratified, so it signed; the data hold no signature for it: that is a gap, "unknown".
    aaa = _values(profiles.header("AAA", status("2026-11-28"), status("2026-11-28"), EVENTS, T("2026-11-28"),
                                  CURRENT_TO))
    assert aaa["Signature"] == UNKNOWN
    assert aaa["Instrument deposited (type)"] == "5 January 2009 (ratification)"


def test_header_state_missing_from_the_data_reads_unknown():
    rows = profiles.header("ZZZ", status("2026-11-28"), status("2026-11-28"), EVENTS, T("2026-11-28"), CURRENT_TO)
    assert set(rows["value"]) == {UNKNOWN}


DEADLINES = pd.DataFrame({
    "iso3": ["AAA"], "article": [4], "original_deadline": [T("2020-08-01")], "current_deadline": [T("2025-08-01")],
    "current_deadline_precision": ["day"], "extensions_granted": [1], "pending_requests": [1],
    "completion_date": [pd.NaT], "completion_date_precision": [None], "status": ["extension requested"]})
STOCKPILES = pd.DataFrame({"iso3": ["BBB"], "stockpile_status": ["destroyed"], "completion_date": [T("2010-06-01")],
                           "completion_date_precision": ["month"], "completion_note": ["completed"],
                           "source": ["Monitor"]})
CLEARANCE = pd.DataFrame({"iso3": ["AAA"], "obligation": ["yes"], "clearance_status": ["clearance ongoing"],
                          "source": ["Mine Action Review"]})


def test_obligations_of_a_state_party_with_a_deadline():
    rows = profiles.obligations("AAA", DEADLINES, STOCKPILES, CLEARANCE, True, T("2025-09-30"), CURRENT_TO)
    art3, art4 = rows.iloc[0], rows.iloc[1]
    assert art3["status"] == "no obligation on record: no stockpile reported"
    assert art4["status"] == "extension requested"
    assert (art4["original_deadline"], art4["current_deadline"]) == ("1 August 2020", "1 August 2025")
    assert (art4["extensions_granted"], art4["pending_requests"]) == ("1", "1")
    assert art4["completion"] == "none recorded" and "Mine Action Review" in art4["source"]
    _never_blank(rows)


def test_obligations_stockpile_destroyed_before_entry_into_force():
    art3 = profiles.obligations("BBB", DEADLINES, STOCKPILES, CLEARANCE, True, T("2025-09-30"), CURRENT_TO).iloc[0]
    assert art3["status"].startswith("no deadline: stockpile destroyed before entry into force")
    assert art3["completion"] == "June 2010"  # month precision


def test_obligations_of_a_state_not_party():
    rows = profiles.obligations("NNN", DEADLINES, STOCKPILES, CLEARANCE, False, T("2025-09-30"), CURRENT_TO)
    assert rows["status"].tolist() == ["not applicable: not a State Party on 30 September 2025"] * 2
    _never_blank(rows)


DECISIONS = pd.DataFrame({
    "iso3": ["AAA", "AAA", "AAA"], "article": [4, 4, 4], "request_no": [1, 2, 3],
    "submitted_date": [T("2019-02-26"), T("2024-01-01"), pd.NaT], "submitted_date_precision": ["day", "year", None],
    "meeting": ["9MSP", "12MSP", None], "meeting_date": [T("2019-09-01"), T("2024-09-01"), pd.NaT],
    "meeting_date_precision": ["month", "month", None], "document": [None, "CCM/MSP/2024/6", None],
    "requested_deadline": [T("2025-08-01"), pd.NaT, pd.NaT], "requested_deadline_precision": ["day", None, None],
    "granted_deadline": [T("2025-08-01"), pd.NaT, pd.NaT], "granted_deadline_precision": ["day", None, None],
    "source": ["ISU", "ISU", "ISU"],
    "known_from": [T("2019-02-26"), T("2024-09-01"), pd.NaT],
    "decided_by": [T("2019-09-30"), T("2024-09-30"), T("2025-08-01")]})


def test_extension_history_on_a_date():
    def standing(day):
        return profiles.extension_history("AAA", DECISIONS, T(day), CURRENT_TO)["on_reference_date"].tolist()
    # Request 1 was decided by the end of September 2019 (9MSP); request 2 became known in 2024.
    assert standing("2019-06-30") == ["pending on the reference date (granted later)",
                                      "not yet submitted on the reference date", "decision not recorded"]
    assert standing("2025-09-30")[:2] == ["granted", "decision not recorded"]
    rows = profiles.extension_history("AAA", DECISIONS, T("2025-09-30"), CURRENT_TO)
    assert rows.iloc[1]["submitted"] == "2024" and rows.iloc[0]["document"] == UNKNOWN
    assert rows.iloc[1]["granted_deadline"] == "not recorded"
    _never_blank(rows)
    assert profiles.extension_history("BBB", DECISIONS, T("2025-09-30"), CURRENT_TO).empty


RECORDS = pd.DataFrame({
    "iso3": ["AAA", "AAA", "AAA"], "report_type": ["initial", "annual", "annual"], "reporting_year": [None, 2011, 2012],
    "submitted_date": [T("2011-01-25"), T("2012-03-22"), pd.NaT], "submitted_date_precision": ["day", "day", None],
    "record": ["submitted", "submitted", "submitted"], "record_date": [pd.NaT, T("2012-09-05"), T("2020-05-04")],
    "record_date_precision": [None, "day", "day"], "status_text": ["submitted"] * 3,
    "list_id": [None] * 3, "listed_to": [pd.NaT] * 3,
    "source": ["Monitor", "Monitor", "ISU profile"],
    "source_url": ["https://www.the-monitor.org/aaa", "javascript:alert(1)", None]})


def _initial(day):
    """The initial reports on `day` as the SQL rule gives them (its pandas twin, on these hand-made rows)."""
    return oracles.initial_report_status(status(day), RECORDS, T(day), T(day))


def test_initial_report():
    # AAA in force 1 August 2010: due 180 days later, 28 January 2011; submitted 25 January 2011.
    day = "2025-09-30"
    values = _values(profiles.initial_report("AAA", status(day), _initial(day), RECORDS, T(day), CURRENT_TO))
    assert values["Initial report due (180 days after entry into force)"] == "28 January 2011"
    assert values["Initial report submitted"] == "25 January 2011"
    assert values["Initial report status"] == "submitted on time"
    table = profiles.initial_report("AAA", status(day), _initial(day), RECORDS, T(day), CURRENT_TO)
    assert table.set_index("item").loc["Initial report status", "source_url"] == "https://www.the-monitor.org/aaa"
    not_party = profiles.initial_report("NNN", status(day), _initial(day), RECORDS, T(day), CURRENT_TO)
    assert not_party["value"].iloc[0].startswith("not applicable")


def test_annual_reports_known_on_the_date():
    rows = profiles.annual_reports("AAA", RECORDS, T("2025-09-30"), CURRENT_TO)
    assert rows["calendar_year"].tolist() == ["2011", "2012"]
    assert rows.iloc[0]["due"] == "30 April 2012" and rows.iloc[1]["submitted"] == UNKNOWN
    _never_blank(rows)
    # On 2015-01-01 the 2012 report's only record (4 May 2020) did not exist yet.
    assert profiles.annual_reports("AAA", RECORDS, T("2015-01-01"), CURRENT_TO)["calendar_year"].tolist() == ["2011"]
    assert profiles.annual_reports("BBB", RECORDS, T("2025-09-30"), CURRENT_TO).empty


MEASURES = pd.DataFrame({"iso3": ["AAA", "BBB"], "status": ["specific legislation adopted", "legislation in progress"],
                         "year_of_law": [2008, None], "measure_summary": ["ban law", None],
                         "confidence": ["high", "medium"], "reported_date": [pd.NaT, T("2019-01-01")],
                         "reported_date_precision": [None, "year"], "source": ["Monitor", "Monitor"]})


@pytest.mark.parametrize("iso3, expected", [
    ("AAA", {"Article 9 status": "specific legislation adopted", "Year of the law": "2008",
             "Last reported": UNKNOWN}),
    ("BBB", {"Article 9 status": "legislation in progress", "Year of the law": "none recorded",
             "Measures in the sources' words": UNKNOWN, "Last reported": "2019"}),
    ("NNN", {"Article 9 status": UNKNOWN}),
])
def test_article9(iso3, expected):
    rows = profiles.article9(iso3, MEASURES, CURRENT_TO)
    values = _values(rows)
    assert {k: values[k] for k in expected} == expected
    _never_blank(rows)


def test_state_options_are_ordered_by_name():
    assert profiles.state_options(STATES) == ["AAA", "BBB", "LTU", "NNN", "VUT"]
    assert profiles.state_name(STATES, "VUT") == "Vanuatu" and profiles.state_name(STATES, "ZZZ") == "ZZZ"
