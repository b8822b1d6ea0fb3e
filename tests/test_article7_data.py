"""Article 7 on the shipped data: the article7_status view against the pandas analyses (the oracle),
and figures checked against the records."""
import oracles
import pandas as pd
import pytest

from ccm_analytics.article7 import figures as article7
from ccm_analytics.article7 import reports, transparency
from ccm_analytics.article7 import status as article7_status
from ccm_analytics.store import queries

DAYS = ["2009-06-01", "2011-01-28", "2011-01-29", "2015-06-18", "2016-01-01", "2020-05-04", "2022-08-31",
        "2025-03-06", "2025-09-30", "2025-10-01", "2026-11-28"]


def _current_to(con) -> pd.Timestamp:
    return pd.Timestamp(con.execute("SELECT facts_current_to('article7_reports.csv')").fetchone()[0])


def _oracle(con, day) -> pd.DataFrame:
    day = pd.Timestamp(day)
    status, records = queries.state_status_at(con, day), queries.table(con, "article7_reports")
    initial = oracles.initial_report_status(status, records, day, _current_to(con))
    annual = oracles.annual_report_status(oracles.annual_reports_owed(status, day), records, day, _current_to(con))
    return oracles.status_rows(initial, annual)


@pytest.mark.parametrize("day", DAYS)
def test_article7_status_at_matches_pandas(con, day):
    sql = queries.article7_status_at(con, pd.Timestamp(day))
    sql["reporting_year"] = pd.array(sql["reporting_year"], dtype="Int64")
    oracle = _oracle(con, day)
    for frame in (sql, oracle):  # DuckDB hands dates back in microseconds, pandas computes in nanoseconds
        for column in ("due_date", "submitted_date", "submitted_by"):
            frame[column] = frame[column].astype("datetime64[ns]")
    pd.testing.assert_frame_equal(sql.reset_index(drop=True), oracle, check_dtype=False)


def test_article7_status_view_is_today(con):
    today = pd.Timestamp(con.execute("SELECT current_date").fetchone()[0])
    view = queries.table(con, "article7_status")
    assert list(view.columns) == ["iso3", "report_type", "reporting_year", "due_date", "submitted_date", "status",
                                  "submitted_by"]
    assert len(view) == len(_oracle(con, today))
    assert set(view["status"]) <= set(reports.ANNUAL_STATUSES) | set(reports.INITIAL_STATUSES)


def test_known_due_dates_and_statuses(con):
    rows = queries.article7_status_at(con, pd.Timestamp("2025-09-30"))
    initial = rows[rows["report_type"] == "initial"].set_index("iso3")
    assert initial.loc["SSD", "due_date"] == pd.Timestamp("2024-07-30")  # as the ISU gives it
    assert initial.loc["AUT", "status"] == "submitted on time"  # 26 January 2011, due 28 January 2011
    assert initial.loc["BWA", "status"] == "submitted late"
    # Chad: "submitted (date uncertain)"; due 28 February 2014 and not on the ISU's list of 13 (window from
    # 1 July 2018 to 11 June 2019): submitted by 11 June 2019, the day not in the data.
    assert initial.loc["TCD", "status"] == reports.SUBMITTED_UNDATED
    assert initial.loc["TCD", "submitted_by"] == pd.Timestamp("2019-06-11")
    # France: due 28 January 2011, not on the CMC's complete list of 18 June 2015 (the row says so too).
    assert initial.loc["FRA", "status"] == reports.SUBMITTED_UNDATED
    assert initial.loc["FRA", "submitted_by"] == pd.Timestamp("2015-06-18")
    assert initial.loc["HND", "status"] == "submitted late"  # listed in 2015, submitted 8 June 2017
    # Listings speak until the next 30 April: by September 2025 none does any more.
    assert initial.loc["GIN", "status"] == "unknown" and (initial["status"] == "overdue").sum() == 0
    in_2022 = queries.article7_status_at(con, pd.Timestamp("2022-09-30"))
    overdue_2022 = in_2022[(in_2022["report_type"] == "initial") & (in_2022["status"] == "overdue")]
    # "not submitted as of Aug 2022" (Monitor 2022; article7_reporting.csv rows 35, 39, 162, 171, 213, 251, 270)
    assert sorted(overdue_2022["iso3"]) == ["COG", "COM", "CPV", "GIN", "RWA", "STP", "TGO"]
    listed_2015 = queries.article7_status_at(con, pd.Timestamp("2015-06-18"))
    # the CMC list of 18 June 2015 names 18 States (15 in the rows, Tunisia, Togo and Saint Kitts and Nevis
    # deduced in the shared README); not overdue by it: Chad (undated submission), Guinea (due 28 September 2015,
    # after the list) and Cameroon (report of 1 August 2014, posted late on the UN website): 15.
    assert ((listed_2015["report_type"] == "initial") & (listed_2015["status"] == "overdue")).sum() == 15
    annual = rows[rows["report_type"] == "annual"]
    lithuania = annual[annual["iso3"] == "LTU"]["reporting_year"]
    assert (lithuania.min(), lithuania.max()) == (2012, 2023)  # withdrawal effective 6 March 2025
    in_2022_annual = in_2022[in_2022["report_type"] == "annual"]
    south_africa = in_2022_annual[(in_2022_annual["iso3"] == "ZAF") & (in_2022_annual["status"] == "missing")]
    assert south_africa["reporting_year"].tolist() == [2016, 2017, 2018, 2019, 2020, 2021]  # as of August 2022
    germany = annual[annual["iso3"] == "DEU"].set_index("reporting_year")["status"]
    assert germany[2011] == "submitted, date unknown" and germany[2020] == "no record in data"


def test_nothing_overdue_by_record_after_the_data_end(con):
    rows = queries.article7_status_at(con, pd.Timestamp("2026-11-28"))
    assert not rows["status"].isin(["overdue", "missing"]).any()


def test_page_figures_say_how_complete_the_data_are(con):
    day = pd.Timestamp("2022-09-30")
    figures = article7.figures(con, day).figures
    # With a record (article7_reports.csv, annual rows known by 30 September 2022): AUS 2018-2019 (2), AUT 2018,
    # BEN 2018-2021 (4, "not submitted" as of August 2022), CRI 2018, DEU 2011-2019 (9), GNB 2019, GRD 2012,
    # IRL 2011, ISL 2016-2021 (6, as of August 2022), KNA 2017-2020 (4), LAO 2011, LBN 2011, LUX 2011, MOZ 2017,
    # SEN 2013, URY 2017, ZAF 2016-2021 (6) = 42 State-years.
    assert figures.with_record == 42
    assert 900 < figures.state_years_due < 1_100
    assert transparency.completeness_text(17, 1322) == "records for 17 of 1'322 State-years (1.3 per cent)"
    # Initial reports "not submitted as of Aug 2022": CPV, COM, COG, GIN, RWA, STP, TGO (7); annual: Benin
    # 2018-2021 (4), Iceland 2016-2021 (6), South Africa 2016-2021 (6).
    assert len(figures.reminders) == 7 + 4 + 6 + 6
    assert not figures.after_data
    # e.g. Burundi "none submitted after initial report" (Aug 2020), the Holy See's submissions of 2012 and
    # April 2015 (reporting years not stated); Bulgaria's record is of April 2023, after the date.
    assert {"TCD", "GNB", "ZAF", "BDI", "VAT"} <= set(figures.without_year["iso3"])
    assert "BGR" not in set(figures.without_year["iso3"])


def test_at_most_15_initial_reports_unknown_at_the_end_of_2024(con):
    rows = queries.article7_status_at(con, pd.Timestamp("2024-12-31"))
    unknown = rows[(rows["report_type"] == "initial") & (rows["status"] == "unknown")]
    # Cabo Verde, Comoros, Congo, Guinea, Madagascar, Rwanda, Sao Tome and Principe, Togo: listed as overdue
    # (ISU list of 9; "not submitted as of Aug 2022"), the listings no longer speak; South Sudan: due 30 July
    # 2024, "submission not confirmed".
    assert sorted(unknown["iso3"]) == ["COG", "COM", "CPV", "GIN", "MDG", "RWA", "SSD", "STP", "TGO"]
    assert len(unknown) <= 15


@pytest.mark.parametrize("day", DAYS)
def test_the_pages_frames_are_the_sql_rule_with_the_oracles_details(con, day):
    """The pages read `article7.status` (the SQL rule); the pandas twin gives the same details too."""
    day = pd.Timestamp(day)
    status, records = queries.state_status_at(con, day), queries.table(con, "article7_reports")
    initial = article7_status.initial_reports(con, day).set_index("iso3")
    oracle = oracles.initial_report_status(status, records, day, _current_to(con)).set_index("iso3")
    for column in ("status", "days_late", "source", "listing_source", "submitted_date_precision"):
        assert initial[column].astype(object).where(initial[column].notna(), None).to_dict() == \
            oracle[column].astype(object).where(oracle[column].notna(), None).to_dict(), column
    annual = article7_status.annual_reports(con, day).set_index(["iso3", "reporting_year"])
    owed = oracles.annual_report_status(oracles.annual_reports_owed(status, day), records, day, _current_to(con))
    owed = owed.set_index(["iso3", "reporting_year"])
    for column in ("status", "source"):
        assert annual[column].astype(object).where(annual[column].notna(), None).to_dict() == \
            owed[column].astype(object).where(owed[column].notna(), None).to_dict(), column
