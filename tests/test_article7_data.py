"""Article 7 on the shipped data: the article7_status view against the pandas analyses (the oracle),
and figures checked against the records."""
import pandas as pd
import pytest

from ccm_analytics import queries, reports, transparency

DAYS = ["2009-06-01", "2011-01-28", "2011-01-29", "2015-06-18", "2016-01-01", "2020-05-04", "2022-08-31",
        "2025-03-06", "2025-09-30", "2025-10-01", "2026-11-28"]


def _current_to(con) -> pd.Timestamp:
    return pd.Timestamp(con.execute("SELECT facts_current_to('article7_reports.csv')").fetchone()[0])


def _oracle(con, day) -> pd.DataFrame:
    day = pd.Timestamp(day)
    status, records = queries.state_status_at(con, day), queries.table(con, "article7_reports")
    initial = reports.initial_report_status(status, records, day, _current_to(con))
    annual = reports.annual_report_status(reports.annual_reports_owed(status, day), records, day, _current_to(con))
    return reports.status_rows(initial, annual)


@pytest.mark.parametrize("day", DAYS)
def test_article7_status_at_matches_pandas(con, day):
    sql = queries.article7_status_at(con, pd.Timestamp(day))
    sql["reporting_year"] = pd.array(sql["reporting_year"], dtype="Int64")
    pd.testing.assert_frame_equal(sql.reset_index(drop=True), _oracle(con, day), check_dtype=False)


def test_article7_status_view_is_today(con):
    today = pd.Timestamp(con.execute("SELECT current_date").fetchone()[0])
    view = queries.table(con, "article7_status")
    assert list(view.columns) == ["iso3", "report_type", "reporting_year", "due_date", "submitted_date", "status"]
    assert len(view) == len(_oracle(con, today))
    assert set(view["status"]) <= set(reports.ANNUAL_STATUSES) | set(reports.INITIAL_STATUSES)


def test_known_due_dates_and_statuses(con):
    rows = queries.article7_status_at(con, pd.Timestamp("2025-09-30"))
    initial = rows[rows["report_type"] == "initial"].set_index("iso3")
    assert initial.loc["SSD", "due_date"] == pd.Timestamp("2024-07-30")  # as the ISU gives it
    assert initial.loc["AUT", "status"] == "submitted on time"  # 26 January 2011, due 28 January 2011
    assert initial.loc["BWA", "status"] == "submitted late"
    assert initial.loc["TCD", "status"] == "unknown"  # submitted, date uncertain
    assert initial.loc["HND", "status"] == "submitted late"  # listed in 2015, submitted 8 June 2017
    # Listings speak until the next 30 April: by September 2025 none does any more.
    assert initial.loc["GIN", "status"] == "unknown" and (initial["status"] == "overdue").sum() == 0
    in_2022 = queries.article7_status_at(con, pd.Timestamp("2022-09-30"))
    overdue_2022 = in_2022[(in_2022["report_type"] == "initial") & (in_2022["status"] == "overdue")]
    assert sorted(overdue_2022["iso3"]) == ["COG", "GIN"]  # "not submitted as of August 2022"
    listed_2015 = queries.article7_status_at(con, pd.Timestamp("2015-06-18"))
    # the CMC list of 18 June 2015 names 15 States; Chad (undated submission) and Guinea (due 28 September
    # 2015, after the list) are not overdue by it: 13.
    assert ((listed_2015["report_type"] == "initial") & (listed_2015["status"] == "overdue")).sum() == 13
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
    figures = transparency.article7_figures(queries.state_status_at(con, day), queries.table(con, "article7_reports"),
                                            day, _current_to(con))
    # With a record: DEU 2011-2019 (9), LAO 2011, KNA 2017, ZAF 2016-2021 (6) = 17 State-years.
    assert figures.with_record == 17
    assert 900 < figures.state_years_due < 1_100
    assert transparency.completeness_text(17, 1322) == "records for 17 of 1'322 State-years (1.3%)"
    assert len(figures.reminders) == 2 + 6  # Congo's and Guinea's initial reports, South Africa's 2016-2021
    assert not figures.after_data
    assert set(figures.without_year["iso3"]) == {"TCD", "GNB", "ZAF"}  # Bulgaria's record is of April 2023
