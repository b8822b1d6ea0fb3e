"""Universalization analyses on a hand-made world of five States (expected values worked out by hand).

Regions: R1 = AAA (sub-region S1), BBB (S2); R2 = LTU, SSS (S3); R3 = VUT (S4).
28 filler deposits (X00..X27, not in the States table) on 2009-06-01 and AAA's on 2009-01-05 make
BBB's deposit on 2010-02-16 the 30th: entry into force 1 August 2010 for AAA and BBB (Article 17).
LTU: signed 2008-12-03, ratified 2011-03-24 (in force 2011-09-01), withdrawal effective 2025-03-06.
VUT: accession 2025-09-05, in force 2026-03-01. SSS: signed 2009-01-01 only.
"""
import pandas as pd
import pytest

from ccm_analytics.domain.treaty import state_facts, state_status
from ccm_analytics.universalization import analysis as uz

T = pd.Timestamp


@pytest.fixture(scope="module")
def facts():
    states = pd.DataFrame({"iso3": ["AAA", "BBB", "LTU", "SSS", "VUT"], "state_name": ["A", "B", "Lithuania", "S",
                                                                                       "Vanuatu"],
                           "un_region": ["R1", "R1", "R2", "R2", "R3"], "un_subregion": ["S1", "S2", "S3", "S3", "S4"]})
    filler = [(f"X{i:02d}", "ratification", "2009-06-01") for i in range(28)]
    events = pd.DataFrame([("AAA", "ratification", "2009-01-05")] + filler + [
        ("BBB", "signature", "2008-12-03"), ("BBB", "ratification", "2010-02-16"),
        ("LTU", "signature", "2008-12-03"), ("LTU", "ratification", "2011-03-24"), ("LTU", "withdrawal", "2025-03-06"),
        ("VUT", "accession", "2025-09-05"), ("SSS", "signature", "2009-01-01"),
    ], columns=["iso3", "event_type", "event_date"])
    return state_facts(states, events)


def _at(facts, day):
    return state_status(facts, T(day))


def _category(facts, day, iso3):
    status = uz.status_for_map(_at(facts, day)).set_index("iso3")
    return status.loc[iso3, "category"]


def test_lithuania_before_and_after_its_withdrawal(facts):
    assert _category(facts, "2025-03-05", "LTU") == "State Party (in force)"
    assert _category(facts, "2025-03-06", "LTU") == "Withdrawn"  # the day it took effect counts
    assert _category(facts, "2011-03-23", "LTU") == "Signatory"
    assert _category(facts, "2011-03-24", "LTU") == "State Party (not yet in force)"  # in force 1 September 2011


def test_vanuatu_before_and_after_entry_into_force(facts):
    assert _category(facts, "2025-09-04", "VUT") == "Not signatory"
    assert _category(facts, "2025-09-05", "VUT") == "State Party (not yet in force)"
    assert _category(facts, "2026-02-28", "VUT") == "State Party (not yet in force)"
    assert _category(facts, "2026-03-01", "VUT") == "State Party (in force)"


def test_category_counts(facts):
    # 2026-02-28: AAA, BBB in force; VUT not yet; SSS signatory; LTU withdrawn.
    assert uz.category_counts(_at(facts, "2026-02-28")) == {
        "State Party (in force)": 2, "State Party (not yet in force)": 1, "Signatory": 1, "Not signatory": 0,
        "Withdrawn": 1}
    # 2010-01-31: AAA deposited (not in force: the 30th deposit has not been made), BBB and LTU signed.
    assert uz.category_counts(_at(facts, "2010-01-31")) == {
        "State Party (in force)": 0, "State Party (not yet in force)": 1, "Signatory": 3, "Not signatory": 1,
        "Withdrawn": 0}


COUNT_COLUMNS = ["states", "states_parties", "in_force", "signatories", "not_signatory", "withdrawn", "not_party",
                 "share_party_percent"]


def _regions(facts, day, by=("un_region",)):
    return uz.region_counts(_at(facts, day), by).set_index(list(by))[COUNT_COLUMNS]


def test_region_counts_before_lithuanias_withdrawal(facts):
    table = _regions(facts, "2025-03-05")
    assert table.loc["R1"].tolist() == [2, 2, 2, 0, 0, 0, 0, 100.0]
    assert table.loc["R2"].tolist() == [2, 1, 1, 1, 0, 0, 1, 50.0]  # LTU party, SSS signatory
    assert table.loc["R3"].tolist() == [1, 0, 0, 0, 1, 0, 1, 0.0]  # VUT has not acceded yet
    assert table.loc[uz.ALL_STATES].tolist() == [5, 3, 3, 1, 1, 0, 2, 60.0]  # 3 / 5 = 60 %


def test_region_counts_after_lithuanias_withdrawal(facts):
    table = _regions(facts, "2025-03-06")
    assert table.loc["R2"].tolist() == [2, 0, 0, 1, 0, 1, 2, 0.0]
    assert table.loc[uz.ALL_STATES].tolist() == [5, 2, 2, 1, 1, 1, 3, 40.0]  # 2 / 5 = 40 %


def test_region_counts_around_vanuatus_entry_into_force(facts):
    before, after = _regions(facts, "2026-02-28"), _regions(facts, "2026-03-01")
    assert before.loc["R3"].tolist() == [1, 1, 0, 0, 0, 0, 0, 100.0]  # party, not yet in force
    assert after.loc["R3"].tolist() == [1, 1, 1, 0, 0, 0, 0, 100.0]
    assert before.loc[uz.ALL_STATES, ["states_parties", "in_force"]].tolist() == [3, 2]
    assert after.loc[uz.ALL_STATES, ["states_parties", "in_force"]].tolist() == [3, 3]


def test_region_counts_by_sub_region_and_share_rounding(facts):
    table = _regions(facts, "2025-03-05", ("un_region", "un_subregion"))
    assert list(table.index) == [("R1", "S1"), ("R1", "S2"), ("R2", "S3"), ("R3", "S4"), (uz.ALL_STATES, "")]
    assert table.loc[("R2", "S3")].tolist() == [2, 1, 1, 1, 0, 0, 1, 50.0]
    # One decimal: 2 of 3 States = 66.666... -> 66.7
    three = pd.DataFrame({"un_region": ["R"] * 3, "status": ["State Party", "State Party", "Signatory"],
                          "in_force": [True, True, False]})
    assert uz.region_counts(three).set_index("un_region").loc["R", "share_party_percent"] == 66.7


def test_parties_over_time_by_region(facts):
    frame = uz.parties_over_time_by_region(facts, T("2026-03-01")).set_index(["date", "un_region"])["states_parties"]
    assert frame[(T("2009-01-05"), "R1")] == 1  # AAA
    assert frame[(T("2010-02-16"), "R1")] == 2  # + BBB
    assert frame[(T("2011-03-24"), "R2")] == 1  # LTU
    assert frame[(T("2025-03-06"), "R2")] == 0  # LTU's withdrawal effective
    assert frame[(T("2025-09-05"), "R3")] == 1  # VUT
    assert frame[(T("2026-03-01"), "R1")] == 2  # the last row is the reference date itself
    # Only change dates and the reference date: 4 deposits, 1 withdrawal, as_of; 3 regions each.
    assert len(frame) == 6 * 3
    early = uz.parties_over_time_by_region(facts, T("2010-01-01"))
    assert early["date"].max() == T("2010-01-01") and early.groupby("date")["states_parties"].sum().iloc[-1] == 1


def test_new_parties_by_year(facts):
    frame = uz.new_parties_by_year(facts, T("2025-12-31")).set_index(["year", "un_region"])
    assert frame.loc[(2009, "R1"), "new_parties"] == 1  # AAA (fillers are not States of the table)
    assert frame.loc[(2010, "R1"), "new_parties"] == 1  # BBB
    assert frame.loc[(2025, "R3"), "new_parties"] == 1 and frame.loc[(2025, "R2"), "withdrawals"] == 1
    assert frame.index.get_level_values("year").min() == 2008 and len(frame) == (2025 - 2008 + 1) * 3
    before = uz.new_parties_by_year(facts, T("2025-09-04")).set_index(["year", "un_region"])
    assert before.loc[(2025, "R3"), "new_parties"] == 0  # Vanuatu's accession is the next day


def test_milestones(facts):
    marks = uz.milestones(facts, T("2025-03-06"))
    assert marks[["date", "kind"]].values.tolist() == [[T("2010-08-01"), "entry into force"],
                                                       [T("2025-03-06"), "withdrawal"]]
    assert marks.iloc[1]["state_name"] == "Lithuania"
    assert len(uz.milestones(facts, T("2025-03-05"))) == 1
    assert uz.milestones(facts, T("2010-07-31")).empty


@pytest.mark.parametrize("start, end, years", [
    ("2008-12-03", "2026-11-28", 17),  # 18th anniversary on 3 December 2026
    ("2008-12-03", "2026-12-02", 17),
    ("2008-12-03", "2026-12-03", 18),  # the anniversary itself counts
    ("2008-02-29", "2009-02-28", 0),  # leap day: the first anniversary is 1 March
    ("2008-02-29", "2009-03-01", 1),
])
def test_full_years_between(start, end, years):
    assert uz.full_years_between(T(start), T(end)) == years


def test_full_years_without_a_start_is_none():
    assert uz.full_years_between(pd.NaT, T("2020-01-01")) is None


def test_targets(facts):
    frame = uz.targets(_at(facts, "2025-03-06"), T("2025-03-06"))
    # Not party on that day: SSS (signatory, R2), LTU (withdrawn, R2), VUT (not signatory, R3).
    assert frame[["iso3", "status"]].values.tolist() == [["SSS", "Signatory"], ["LTU", "Withdrawn"],
                                                         ["VUT", "Not signatory"]]
    assert frame.set_index("iso3").loc["SSS", "years_since_signature"] == 16  # 2009-01-01 -> 2025-03-06
    assert pd.isna(frame.set_index("iso3").loc["LTU", "years_since_signature"])
    assert uz.targets(_at(facts, "2025-03-06"), T("2025-03-06"), ["R3"])["iso3"].tolist() == ["VUT"]
    assert uz.signatory_targets(frame)["iso3"].tolist() == ["SSS"]
    assert uz.non_signatory_targets(frame)["iso3"].tolist() == ["LTU", "VUT"]
    # A signatory of longer standing comes first within its region.
    two = pd.DataFrame({"iso3": ["NEW", "OLD"], "state_name": ["N", "O"], "un_region": "R", "un_subregion": "S",
                        "status": "Signatory", "signature_date": [T("2015-01-01"), T("2008-12-03")],
                        "consent_date": pd.NaT, "withdrawal_date": pd.NaT})
    assert uz.targets(two, T("2020-01-01"))["iso3"].tolist() == ["OLD", "NEW"]


def test_event_dates_as_text_says_what_an_empty_date_means():
    frame = pd.DataFrame({
        "iso3": ["SIG", "NON", "ACC", "RAT", "LTU", "GAP"],
        "status": ["Signatory", "Not signatory", "State Party", "State Party", "Withdrawn", "State Party"],
        "consent_type": [None, None, "accession", "ratification", "ratification", None],
        "signature_date": [T("2008-12-03"), pd.NaT, pd.NaT, pd.NaT, T("2008-12-03"), T("2009-01-01")],
        "consent_date": [pd.NaT, pd.NaT, T("2025-09-05"), T("2009-01-05"), T("2011-03-24"), pd.NaT],
        "withdrawal_date": [pd.NaT, pd.NaT, pd.NaT, pd.NaT, T("2025-03-06"), pd.NaT]})
    out = uz.event_dates_as_text(frame).set_index("iso3")
    assert out["signature_date"].tolist() == ["3 December 2008", "not signed", "not signed",
                                              "unknown", "3 December 2008", "1 January 2009"]
    assert out["consent_date"].tolist() == ["not ratified", "not ratified", "5 September 2025", "5 January 2009",
                                            "24 March 2011", "unknown"]
    assert out["withdrawal_date"].tolist() == ["none recorded"] * 4 + ["6 March 2025", "none recorded"]
    # A frame without consent_type or a signature column (the Targets table of States not party).
    others = uz.event_dates_as_text(frame[["iso3", "status", "consent_date"]].iloc[[1, 4]]).set_index("iso3")
    assert others["consent_date"].tolist() == ["not ratified", "24 March 2011"]


def test_missing_event_texts():
    assert uz.missing_signature_text("Not signatory", None) == "not signed"
    assert uz.missing_signature_text("State Party", "accession") == "not signed"
    assert uz.missing_signature_text("State Party", "ratification") == "unknown"
    assert uz.missing_signature_text("Signatory", None) == "unknown"
    assert uz.missing_consent_text("Signatory") == uz.missing_consent_text("Not signatory") == "not ratified"
    assert uz.missing_consent_text("State Party") == uz.missing_consent_text("Withdrawn") == "unknown"
    assert uz.missing_withdrawal_text("Withdrawn") == "unknown"
    assert uz.missing_withdrawal_text("Signatory") == "none recorded"


def test_dates_as_text_never_blank():
    frame = pd.DataFrame({"d": [T("2025-03-06"), pd.NaT]})
    assert uz.dates_as_text(frame, ["d"], "none recorded")["d"].tolist() == ["6 March 2025", "none recorded"]
