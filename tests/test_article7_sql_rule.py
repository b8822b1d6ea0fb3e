"""Article 7 on the fixture database: the article7_status rule (SQL) against its pandas oracle, and due
dates and statuses worked out by hand from tests/fixture_data."""
import oracles
import pandas as pd
import pytest

from ccm_analytics.article7 import reports
from ccm_analytics.store import queries

DAYS = ["2009-06-01", "2011-01-28", "2011-01-29", "2015-06-18", "2016-01-01", "2020-05-04", "2022-08-31",
        "2025-03-06", "2025-09-30", "2025-10-01", "2026-11-28"]


@pytest.mark.parametrize("day", DAYS)
def test_article7_status_at_matches_pandas(con, day):
    oracles.assert_article7_sql_equals_oracle(con, pd.Timestamp(day))


def test_article7_status_view_is_today(con):
    today = pd.Timestamp(con.execute("SELECT current_date").fetchone()[0])
    view = queries.table(con, "article7_status")
    assert list(view.columns) == ["iso3", "report_type", "reporting_year", "due_date", "submitted_date", "status",
                                  "submitted_by"]
    assert len(view) == len(oracles.article7_rows(con, today))
    assert set(view["status"]) <= set(reports.ANNUAL_STATUSES) | set(reports.INITIAL_STATUSES)


def test_nothing_overdue_by_record_after_the_data_end(con):
    rows = queries.article7_status_at(con, pd.Timestamp("2026-11-28"))
    assert not rows["status"].isin(["overdue", "missing"]).any()


def test_due_dates_and_statuses_on_the_fixture(con):
    # Worked out from tests/fixture_data: the first 30 are in force on 1 June 2010, so their initial reports
    # fall due 180 days later, on 28 November 2010.
    rows = queries.article7_status_at(con, pd.Timestamp("2025-09-30"))
    initial = rows[rows["report_type"] == "initial"].set_index("iso3")
    assert (initial.loc[["AUT", "LAO", "DEU", "IRL"], "due_date"] == pd.Timestamp("2010-11-28")).all()
    assert initial.loc["AUT", "status"] == "submitted on time"  # 20 November 2010
    assert initial.loc["LAO", "status"] == "submitted late"  # 25 January 2011
    # Germany: "November 2010", the month the report fell due: on time or late cannot be told.
    assert initial.loc["DEU", "status"] == reports.SUBMITTED_UNDATED
    assert initial.loc["DEU", "submitted_by"] == pd.Timestamp("2010-11-30")
    # Ireland: an undated record of 2012 counts as submitted by the end of that year.
    assert initial.loc["IRL", "submitted_by"] == pd.Timestamp("2012-12-31")
    # In force 1 November 2010: due 30 April 2011, submitted 20 April; in force 1 October 2011: due 29 March
    # 2012 (a leap year), submitted 1 March.
    assert initial.loc["GBR", ["due_date", "status"]].tolist() == [pd.Timestamp("2011-04-30"), "submitted on time"]
    assert initial.loc["BGR", ["due_date", "status"]].tolist() == [pd.Timestamp("2012-03-29"), "submitted on time"]
    # South Sudan: in force 1 February 2024, due 30 July 2024, listed as outstanding on 1 June 2025.
    assert initial.loc["SSD", ["due_date", "status"]].tolist() == [pd.Timestamp("2024-07-30"), "overdue"]
    # ... and the listing speaks until the next 30 April only.
    later = queries.article7_status_at(con, pd.Timestamp("2026-05-01"))
    assert later.set_index(["iso3", "report_type"]).loc[("SSD", "initial"), "status"] == "unknown"
    # Lithuania, in force 1 September 2011, withdrew on 6 March 2025: its annual reports for 2012 to 2023
    # stay on the record; the report for 2024, due 30 April 2025, is not owed.
    lithuania = rows[rows["iso3"] == "LTU"]
    assert set(lithuania["report_type"]) == {"annual"}
    assert (lithuania["reporting_year"].min(), lithuania["reporting_year"].max()) == (2012, 2023)


def test_a_complete_list_on_the_fixture(con):
    # The complete list FIX 2015 (18 June 2015) names Chad only (due 28 February 2014). Senegal (no record,
    # due 28 November 2010), Lithuania (due 28 February 2012) and Peru (due 28 August 2013) fell due before
    # it and are not on it: submitted by 18 June 2015, not before.
    def initial(day):
        rows = queries.article7_status_at(con, pd.Timestamp(day))
        return rows[rows["report_type"] == "initial"].set_index("iso3")
    before, on = initial("2015-06-17"), initial("2015-06-18")
    assert before.loc[["TCD", "SEN", "LTU", "PER"], "status"].tolist() == ["unknown"] * 4
    assert on.loc["TCD", "status"] == "overdue"
    assert on.loc[["SEN", "LTU", "PER"], "status"].tolist() == [reports.SUBMITTED_UNDATED] * 3
    assert (on.loc[["SEN", "LTU", "PER"], "submitted_by"] == pd.Timestamp("2015-06-18")).all()
    # A listing speaks until the next 30 April.
    assert initial("2016-04-30").loc["TCD", "status"] == "overdue"
    assert initial("2016-05-01").loc["TCD", "status"] == "unknown"


def test_annual_reports_on_the_fixture(con):
    rows = queries.article7_status_at(con, pd.Timestamp("2025-09-30"))
    annual = rows[rows["report_type"] == "annual"]
    # Norway reported for 2011-2024 each 15 April of the next year; its report for 2010 (due 30 April 2011)
    # has no record.
    norway = annual[annual["iso3"] == "NOR"].set_index("reporting_year")["status"]
    assert norway.index.min() == 2010 and norway.index.max() == 2024
    assert norway[2010] == "no record in data" and (norway.drop(2010) == "submitted on time").all()
    # Lao PDR: 2011, 2012 and 2014 on 20 May of the next year, after 30 April.
    lao = annual[annual["iso3"] == "LAO"].set_index("reporting_year")["status"]
    assert sorted(lao[lao == "submitted late"].index) == [2011, 2012, 2014]


@pytest.mark.parametrize("day", DAYS)
def test_the_pages_frames_are_the_sql_rule_with_the_oracles_details(con, day):
    """The pages read `article7.status` (the SQL rule); the pandas twin gives the same details too."""
    oracles.assert_article7_frames_equal_oracle(con, pd.Timestamp(day))
