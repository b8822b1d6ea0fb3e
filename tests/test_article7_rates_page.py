"""The Article 7 page's reporting rates (issue 13): a rate is drawn only for a year in which at least half of the
States Parties owing a report have a record; otherwise the page says why. On the fixture's records (NOR and
LAO only), and on a copy with 2015 reports for 20 more States."""
import shutil

import duckdb
import pytest
from pages_support import run_page

# The 15 of the first 30 that report for 2015 on time (15 April 2016), and 5 that report late (1 June 2016).
ON_TIME_2015 = ["AUT", "BEL", "BFA", "BDI", "HRV", "DNK", "ECU", "FJI", "FRA", "GHA", "GTM", "ISL", "ITA", "JPN", "LUX"]
LATE_2015 = ["MLI", "MLT", "MEX", "MOZ", "NZL"]


def _rates(at):
    return next(d.value for d in at.dataframe if "At all (share of those with a record)" in d.value.columns)


def _no_rate_where_few(table):
    few = table["With a record"] * 2 < table["States Parties owing a report"]
    assert set(table.loc[few, "At all (share of those with a record)"]) == {"no rate"}
    assert set(table.loc[few, "On time (share of those with a record)"]) == {"no rate"}
    for row in table[few].itertuples(index=False):
        assert row.Note == (f"{row[3]} of {row[2]} States Parties owing a report have a record: fewer than half, "
                            "so no rate")
    return few


def test_no_rate_is_drawn_over_a_handful_of_records(db_path):
    at = run_page("pages/article7.py", {"as_of": "2025-09-30"})
    table = _rates(at).set_index("Calendar year covered", drop=False)
    # Years 2010-2024 (the first initial reports fell due in 2010). Owing: the first 30 from 2010, GBR from 2011,
    # LTU and BGR from 2012, PER 2013, TCD 2014 (35), SSD 2024 while LTU is gone (35). Records: NOR 2011-2024,
    # LAO 2011, 2012, 2014: never more than 2 of 30 or more.
    assert table.loc["2011", ["States Parties owing a report", "With a record"]].tolist() == [31, 2]
    assert table.loc["2013", ["States Parties owing a report", "With a record"]].tolist() == [34, 1]
    assert table.loc["2024", ["States Parties owing a report", "With a record"]].tolist() == [35, 1]
    few = _no_rate_where_few(table)
    assert few.all() and len(table) == 15
    assert not any("Annual reporting rate" in e.proto.spec for e in at.get("plotly_chart"))
    assert any("No year has a rate" in c.value for c in at.caption)


@pytest.fixture()
def on_reports_db(db_path, tmp_path, monkeypatch):
    path = tmp_path / "ccm.duckdb"
    shutil.copy(db_path, path)
    con = duckdb.connect(str(path))
    for iso3, day in [(i, "2016-04-15") for i in ON_TIME_2015] + [(i, "2016-06-01") for i in LATE_2015]:
        con.execute("INSERT INTO article7_reports (iso3, report_type, reporting_year, submitted_date, "
                    "submitted_date_precision, record, status_text, source) "
                    "VALUES (?, 'annual', 2015, ?, 'day', 'submitted', 'submitted', 'test')", [iso3, day])
    con.execute("CHECKPOINT")
    con.close()
    monkeypatch.setenv("CCM_DB", str(path))
    return path


def test_a_rate_is_drawn_where_half_have_a_record(on_reports_db):
    at = run_page("pages/article7.py", {"as_of": "2025-09-30"})
    table = _rates(at)
    few = _no_rate_where_few(table)
    assert few.sum() == 14  # every year but 2015
    row = table[~few].iloc[0]
    # 2015: 35 owing; NOR and the 20 added have a record (21 of 35, 60.0 per cent); on time NOR and 15: 16 of 21
    # = 76.19 -> 76.2 per cent; all 21 submitted
    assert row["Calendar year covered"] == "2015" and row["With a record, of those owing"] == "21 of 35 (60.0 per cent)"
    assert row["On time (share of those with a record)"] == "76.2 per cent (16 of 21 with a record)"
    assert row["At all (share of those with a record)"] == "100.0 per cent (21 of 21 with a record)"
    assert any("Annual reporting rate" in e.proto.spec for e in at.get("plotly_chart"))
