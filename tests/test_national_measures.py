"""Article 9 statuses on a date, counts by status and region, published totals beside the app's count;
Article 5 list on a date. Tiny hand-made frames."""
import pandas as pd

from ccm_analytics.article5 import victims
from ccm_analytics.article9 import measures as nm

T = pd.Timestamp
CURRENT_TO = T("2025-09-30")

STATUS = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"],
    "state_name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Phi"],
    "un_region": ["Europe", "Europe", "Africa", "Africa", "Africa", "Asia"],
    "status": ["State Party"] * 5 + ["Signatory"],
})
MEASURES = pd.DataFrame({
    "iso3": ["AAA", "BBB", "CCC", "DDD", "FFF"],
    "status": ["specific legislation adopted", "existing law deemed sufficient", "legislation in progress", None,
               "none reported"],
    "year_of_law": pd.array([2012, None, None, 2013, None], dtype="Int64"),
    "measure_summary": ["law", "penal code", "draft", "unclear", "nothing"],
    "confidence": ["high", "medium", "low", "low", "low"],
    "reported_date": pd.to_datetime([None, None, "2017-01-01", None, "2020-01-01"]),
    "reported_date_precision": [None, None, "year", None, "year"],
    "source": ["s1", "s2", "s3", "s4", "s5"],
    "notes": [None] * 5,
})


def test_status_per_state_party_on_a_date():
    got = nm.measures_status(STATUS, MEASURES, T("2025-09-30"), CURRENT_TO).set_index("iso3")["status"]
    assert got.to_dict() == {"AAA": "specific legislation adopted", "BBB": "existing law deemed sufficient",
                             "CCC": "legislation in progress", "DDD": "unknown", "EEE": "unknown"}
    # Before the data end an undated record (BBB) is not yet known; a law counts from the end of its year (AAA).
    early = nm.measures_status(STATUS, MEASURES, T("2018-06-30"), CURRENT_TO).set_index("iso3")
    assert early["status"].to_dict() == {"AAA": "specific legislation adopted", "BBB": "unknown",
                                         "CCC": "legislation in progress", "DDD": "unknown", "EEE": "unknown"}
    assert early.loc["BBB", "record"] == "record speaks for a later date"
    assert early.loc["EEE", "record"] == "no record in data"
    assert nm.measures_status(STATUS, MEASURES, T("2012-12-30"), CURRENT_TO).set_index("iso3").loc[
        "AAA", "status"] == "unknown"  # adopted in 2012: known from 31 December 2012


def test_counts_and_shares_by_status_and_region():
    frame = nm.measures_status(STATUS, MEASURES, T("2025-09-30"), CURRENT_TO)
    counts = nm.counts_by_status(frame).set_index("status")
    # 5 States Parties: 1 specific, 1 sufficient, 1 in progress, 0 none reported, 2 unknown.
    assert counts["states"].tolist() == [1, 1, 1, 0, 2]
    assert counts.loc["unknown", "share"] == 0.4  # 2 of 5
    region = nm.counts_by_region(frame).set_index(["un_region", "status"])
    assert region.loc[("Africa", "unknown"), "states"] == 2 and region.loc[("Africa", "unknown"), "share"] == 2 / 3
    assert region.loc[("Europe", "specific legislation adopted"), "share"] == 0.5
    table = nm.region_table(nm.counts_by_region(frame)).set_index("Region")
    assert table.loc["Africa", "States Parties"] == 3 and table.loc["Africa", "unknown"] == "2 (67 %)"
    assert table.loc["All regions", "States Parties"] == 5 and table.loc["All regions", "unknown"] == "2 (40 %)"
    assert nm.shares_text(nm.counts_by_status(frame)).startswith(
        "Of 5 States Parties on the reference date: specific legislation adopted 20 per cent")


def test_region_table_before_the_first_state_party():
    # e.g. 1 January 2008: no State Party, so no region; the table is the one "All regions" row of zeros
    no_party = nm.measures_status(STATUS, MEASURES, T("2025-09-30"), CURRENT_TO).iloc[0:0]
    table = nm.region_table(nm.counts_by_region(no_party))
    assert table["Region"].tolist() == ["All regions"]
    assert table.iloc[0].tolist() == ["All regions", *["0"] * len(nm.STATUSES), 0]


def test_published_totals_beside_the_app_count():
    facts = pd.DataFrame({
        "iso3": ["AAA", "BBB"], "state_name": ["Alpha", "Beta"], "un_region": ["Europe", "Europe"],
        "un_subregion": ["x", "x"], "signature_date": pd.to_datetime(["2008-12-03", "2008-12-03"]),
        "consent_date": pd.to_datetime(["2009-01-01", "2014-09-01"]), "consent_type": ["ratification"] * 2,
        "withdrawal_date": pd.to_datetime([None, None]),
        "entry_into_force_date": pd.to_datetime(["2010-08-01", "2015-03-01"])})
    facts.attrs["thirtieth_deposit"] = T("2010-02-16")
    aggregates = pd.DataFrame({"metric": ["specific legislation: 1 of 1", "legal measures"], "value": [None, "64"],
                               "as_of_date": pd.to_datetime(["2014-08-01", None]),
                               "as_of_date_precision": ["month", None], "source": ["HRW", "ISU"]})
    got = nm.published_beside_app(aggregates, facts, MEASURES, CURRENT_TO)
    # 31 August 2014: AAA is a State Party (BBB deposits in September); AAA's 2012 law is known.
    assert got.loc[0, ["app_states_parties", "app_specific_legislation"]].tolist() == [1, 1]
    assert got.loc[1, ["app_states_parties", "app_specific_legislation"]].isna().all()  # undated: no count
    table = nm.published_table(got)
    assert table.loc[1, "Published"] == "legal measures: 64" and table.loc[1, "As of"] == "unknown"


def test_map_lists_every_state():
    frame = nm.measures_status(STATUS, MEASURES, T("2025-09-30"), CURRENT_TO)
    shown = nm.map_frame(STATUS, frame).set_index("iso3")["status"]
    assert len(shown) == 6 and shown["FFF"] == "not a State Party"


def test_article5_list_on_a_date():
    listed = pd.DataFrame({"iso3": ["CCC", "AAA"], "state_name": ["Gamma", "Alpha"],
                           "as_of_date": pd.to_datetime(["2024-09-01", "2026-01-01"]),
                           "source": ["ISU list", "ISU list"], "notes": [None, None]})
    got = victims.responsibility_list(listed, STATUS, T("2025-09-30"))
    assert got["iso3"].tolist() == ["CCC"]  # the 2026 list is not known in September 2025
    assert got.loc[0, "status"] == "State Party"
    empty = victims.responsibility_list(listed.iloc[0:0], STATUS, T("2025-09-30"))
    assert empty.empty
