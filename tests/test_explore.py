"""The explorer's pure parts: SQL with bound values only, filtering and grouping on tiny hand-made
tables, URL state round trips, display text, charts and download files."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from ccm_analytics.explore import explorer as explore_explorer
from ccm_analytics.explore.charts import explore_chart
from ccm_analytics.explore.explorer import MISSING, ExploreState, Filter
from ccm_analytics.formats import downloads

AS_OF = pd.Timestamp("2025-03-06")


@pytest.fixture()
def tiny():
    """Hand-made rows under the names of two public views (isu_budget, contributions)."""
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE isu_budget (year INTEGER, budget_line VARCHAR, amount_chf DECIMAL(14,2), kind VARCHAR)")
    con.execute("""INSERT INTO isu_budget VALUES
        (2021, 'Salaries', 100.50, 'budget'), (2021, 'Travel', 20.25, 'budget'),
        (2022, 'Salaries', 110.00, 'budget'), (2021, 'Salaries', 90.00, 'actual')""")
    con.execute("CREATE TABLE contributions (iso3 VARCHAR, year INTEGER, amount_chf DECIMAL(14,2), "
                "received_date DATE, source VARCHAR)")
    con.execute("""INSERT INTO contributions VALUES
        ('AUT', 2021, 1000.00, DATE '2021-03-01', 'isu_2021.xlsx'),
        ('NOR', 2021, 2500.10, DATE '2021-07-15', NULL),
        ('AUT', 2022, 1200.00, NULL, 'isu_2022.xlsx')""")
    yield con
    con.close()


# --- SQL: identifiers from the schema, values bound ---------------------------------------------

def test_values_are_bound_never_spliced():
    hostile = "x'); DROP TABLE states; --"
    state = ExploreState(source="isu_budget", filters=(Filter("kind", values=(hostile,)),
                                                       Filter("year", low=2021, high=None)),
                         group_by=("year",), agg="sum", measure="amount_chf", chart="bar")
    sql, params = explore_explorer.build_query(state, AS_OF)
    assert hostile not in sql and "DROP" not in sql
    assert params == [hostile, 2021]
    assert sql == ('SELECT "year", sum("amount_chf") AS "sum_amount_chf" FROM "isu_budget" '
                   'WHERE (CAST("kind" AS VARCHAR) IN (?)) AND "year" >= ? GROUP BY "year" ORDER BY "year" NULLS LAST')


def test_unknown_identifiers_never_reach_sql():
    state = ExploreState(source="isu_budget", filters=(Filter('kind" OR 1=1 --', values=("a",)),),
                         group_by=("year; DROP TABLE states",), agg="sum", measure="iso3 FROM x", chart="bar")
    sql, params = explore_explorer.build_query(state, AS_OF)
    assert "DROP" not in sql and "OR 1=1" not in sql and "FROM x" not in sql
    assert sql == 'SELECT * FROM "isu_budget" LIMIT 100000' and params == []
    with pytest.raises(ValueError):
        explore_explorer.declaration("states; DROP TABLE states")


def test_dated_views_read_at_the_reference_date():
    sql, params = explore_explorer.build_query(ExploreState(source="state_status", group_by=("status",)), AS_OF)
    assert 'FROM state_status_at(?::DATE)' in sql and params == [date(2025, 3, 6)]


def test_count_by_kind(tiny):
    out = explore_explorer.run(tiny, ExploreState(source="isu_budget", group_by=("kind",), chart="bar"), AS_OF)
    assert out.to_dict("list") == {"kind": ["actual", "budget"], "rows": [1, 3]}


def test_sum_by_year_of_the_budget_is_exact(tiny):
    state = ExploreState(source="isu_budget", filters=(Filter("kind", values=("budget",)),), group_by=("year",),
                         agg="sum", measure="amount_chf", chart="bar")
    out = explore_explorer.run(tiny, state, AS_OF)
    # 2021: 100.50 + 20.25 = 120.75; 2022: 110.00 (the 2021 'actual' row is filtered out)
    assert out["year"].tolist() == [2021, 2022]
    assert out["sum_amount_chf"].tolist() == [Decimal("120.75"), Decimal("110.00")]


def test_mean_by_two_columns(tiny):
    state = ExploreState(source="isu_budget", group_by=("budget_line", "kind"), agg="mean", measure="amount_chf")
    out = explore_explorer.run(tiny, state, AS_OF)
    # Salaries/actual 90; Salaries/budget (100.50 + 110.00) / 2 = 105.25; Travel/budget 20.25
    assert out.values.tolist() == [["Salaries", "actual", 90.0], ["Salaries", "budget", 105.25],
                                   ["Travel", "budget", 20.25]]


def test_number_and_date_ranges(tiny):
    only_2022 = ExploreState(source="isu_budget", filters=(Filter("year", low=2022, high=None),), group_by=())
    assert explore_explorer.run(tiny, only_2022, AS_OF)["budget_line"].tolist() == ["Salaries"]
    between = ExploreState(source="isu_budget", filters=(Filter("amount_chf", low=Decimal("20.25"),
                                                                high=Decimal("100.50")),), group_by=())
    assert sorted(explore_explorer.run(tiny, between, AS_OF)["amount_chf"]) == [Decimal("20.25"), Decimal("90.00"),
                                                                       Decimal("100.50")]
    dated = ExploreState(source="contributions", filters=(Filter("received_date", low=date(2021, 6, 1),
                                                                 high=date(2021, 12, 31)),), group_by=())
    assert explore_explorer.run(tiny, dated, AS_OF)["iso3"].tolist() == ["NOR"]  # the undated row is not in any range


def test_missing_values_can_be_chosen(tiny):
    state = ExploreState(source="contributions", filters=(Filter("source", values=(MISSING, "isu_2022.xlsx")),),
                         group_by=("iso3",), agg="sum", measure="amount_chf", chart="bar")
    out = explore_explorer.run(tiny, state, AS_OF)
    assert out.to_dict("list") == {"iso3": ["AUT", "NOR"], "sum_amount_chf": [Decimal("1200.00"), Decimal("2500.10")]}
    assert explore_explorer.distinct_values(tiny, "contributions", "source", AS_OF) == ["isu_2021.xlsx", "isu_2022.xlsx", MISSING]


def test_no_rows(tiny):
    state = ExploreState(source="isu_budget", filters=(Filter("kind", values=("nothing",)),), group_by=("year",))
    out = explore_explorer.run(tiny, state, AS_OF)
    assert out.empty and list(out.columns) == ["year", "rows"]


# --- validation and charts on offer ----------------------------------------------------------------

def test_validate_drops_what_the_schema_does_not_allow():
    state, notes = explore_explorer.validate(ExploreState(
        source="isu_budget", filters=(Filter("nosuch", values=("a",)), Filter("kind", low=1, high=2)),
        group_by=("year", "kind", "budget_line"), agg="sum", measure="kind", chart="map"))
    assert state == ExploreState(source="isu_budget", filters=(), group_by=("year", "kind"), agg="count",
                                 measure=None, chart="bar")
    assert len(notes) == 5


def test_map_only_when_grouping_by_iso_code_alone():
    assert explore_explorer.available_charts(ExploreState(source="state_status", group_by=("iso3",))) == \
        ["bar", "line", "map", "table"]
    assert "map" not in explore_explorer.available_charts(ExploreState(source="state_status", group_by=("iso3", "status")))
    assert explore_explorer.available_charts(ExploreState(source="state_status", group_by=())) == ["table"]


# --- URL state ----------------------------------------------------------------------------------

ROUND_TRIP = [
    explore_explorer.DEFAULT,
    ExploreState(source="isu_budget", group_by=(), chart="table"),
    ExploreState(source="isu_budget", filters=(Filter("kind", values=("budget",)), Filter("year", low=2021, high=2025)),
                 group_by=("year", "budget_line"), agg="sum", measure="amount_chf", chart="line"),
    ExploreState(source="obligation_deadlines",
                 filters=(Filter("current_deadline", low=date(2020, 8, 1), high=None),
                          Filter("status", values=("overdue", "on track", MISSING))),
                 group_by=("iso3",), agg="mean", measure="extensions_granted", chart="map"),
    ExploreState(source="contributions", filters=(Filter("amount_chf", low=None, high=Decimal("469686.5")),
                                                  Filter("source", values=("a|b", "back\\slash", "", "État, 1'000"))),
                 group_by=("iso3",), chart="table"),
    ExploreState(source="state_status", filters=(Filter("in_force", values=("true",)),), group_by=("un_region", "status")),
]


@pytest.mark.parametrize("state", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
def test_url_round_trip(state):
    params = explore_explorer.encode(state)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    assert explore_explorer.decode(params) == (state, [])


def test_url_as_streamlit_hands_it_back():
    """st.query_params may give lists for repeated keys: the last one counts."""
    state = ROUND_TRIP[2]
    params = {k: ["ignored", v] for k, v in explore_explorer.encode(state).items()}
    assert explore_explorer.decode(params) == (state, [])


def test_url_encoding_reads_well():
    assert explore_explorer.encode(ROUND_TRIP[2]) == {
        "view": "isu_budget", "group": "year,budget_line", "agg": "sum", "chart": "line", "measure": "amount_chf",
        "f.kind": "in:budget", "f.year": "range:2021..2025"}


def test_no_view_in_url_is_the_default_page():
    assert explore_explorer.decode({"as_of": "2020-01-01"}) == (explore_explorer.DEFAULT, [])


def test_hostile_or_stale_url_is_cleaned_with_notes():
    state, notes = explore_explorer.decode({"view": "states; DROP TABLE states", "f.x": "in:1"})
    assert state == explore_explorer.DEFAULT and notes
    state, notes = explore_explorer.decode({"view": "isu_budget", "group": "year,nosuch", "agg": "sum", "measure": "nosuch",
                                   "chart": "pie", "f.nosuch": "in:1", "f.year": "between 1 and 2"})
    assert state == ExploreState(source="isu_budget", group_by=("year",), agg="count", chart="bar")
    assert len(notes) == 5


def test_widgets_round_trip():
    """widget_defaults (URL -> widgets) and state_from_choices (widgets -> state) agree."""
    state = ROUND_TRIP[2]
    w = explore_explorer.widget_defaults(state)
    assert w["ex_low_year"] == 2021.0  # number_input holds floats
    choices = {c: (w[f"ex_low_{c}"], w[f"ex_high_{c}"]) if f"ex_low_{c}" in w else w[f"ex_values_{c}"]
               for c in w["ex_filter_cols"]}
    assert explore_explorer.state_from_choices(w["ex_source"], choices, w["ex_group"], w["ex_agg"], w["ex_measure"],
                                      w["ex_chart"]) == state


def test_empty_choices_filter_nothing():
    state = explore_explorer.state_from_choices("isu_budget", {"kind": [], "year": (None, None)}, ["year"], "count",
                                       "amount_chf", "bar")
    assert state == ExploreState(source="isu_budget", group_by=("year",), chart="bar")


def test_numbers_typed_are_exact():
    assert explore_explorer.as_number(2021.0) == 2021 and isinstance(explore_explorer.as_number(2021.0), int)
    assert explore_explorer.as_number(0.1) == Decimal("0.1") and explore_explorer.as_number("x") is None


# --- display ------------------------------------------------------------------------------------

def test_display_text():
    frame = pd.DataFrame({"iso3": ["AUT", "NOR"], "year": [2021, 2021], "amount_chf": [Decimal("469686.00"), None],
                          "received_date": [date(2010, 8, 1), None], "source": ["x", None]})
    out = explore_explorer.display_frame(frame, ExploreState(source="contributions", group_by=()))
    assert out.to_dict("list") == {"iso3": ["AUT", "NOR"], "year": ["2021", "2021"],
                                   "amount_chf": ["CHF 469'686", "unknown"],
                                   "received_date": ["1 August 2010", "unknown"], "source": ["x", "unknown"]}


def test_display_of_partial_dates_and_booleans():
    frame = pd.DataFrame({"iso3": ["A", "B"], "completion_date": [date(2023, 6, 1), date(2017, 1, 1)],
                          "completion_date_precision": ["month", "year"], "in_force": [True, None]})
    state = ExploreState(source="obligation_deadlines", group_by=())
    out = explore_explorer.display_frame(frame.drop(columns="in_force"), state)
    assert out["completion_date"].tolist() == ["June 2023", "2017"] and "completion_date_precision" not in out
    status = explore_explorer.display_frame(frame[["iso3", "in_force"]], ExploreState(source="state_status", group_by=()))
    assert status["in_force"].tolist() == ["yes", "unknown"]


def test_display_of_a_mean_of_money():
    frame = pd.DataFrame({"kind": ["budget"], "mean_amount_chf": [100.1666666]})
    state = ExploreState(source="isu_budget", group_by=("kind",), agg="mean", measure="amount_chf")
    assert explore_explorer.display_frame(frame, state)["mean_amount_chf"].tolist() == ["CHF 100.17"]


def test_dictionary_markdown():
    text = explore_explorer.dictionary_markdown("isu_budget").splitlines()
    assert text[0].startswith("**isu_budget**: The ISU budget")
    assert text[4] == "- `amount_chf` (decimal(14,2)): Amount in Swiss francs."


def test_dictionary_from_the_schema():
    d = explore_explorer.dictionary("isu_budget")
    assert d["column"].tolist() == ["year", "budget_line", "amount_chf", "kind"]
    assert d.loc[2, "description"] == "Amount in Swiss francs."


# --- charts -------------------------------------------------------------------------------------

def test_map_chart():
    frame = pd.DataFrame({"iso3": ["AUT", "NOR"], "rows": [2, 1]})
    fig = explore_chart(frame, ExploreState(source="contributions", group_by=("iso3",), chart="map"))
    trace = fig.data[0]
    assert trace.type == "choropleth" and trace.locationmode == "ISO-3"
    assert list(trace.locations) == ["AUT", "NOR"] and list(trace.z) == [2, 1]


def test_bar_chart_one_trace_per_second_group():
    frame = pd.DataFrame({"year": [2021, 2021, 2022], "kind": ["actual", "budget", "budget"],
                          "rows": [1, 2, 1]})
    fig = explore_chart(frame, ExploreState(source="isu_budget", group_by=("year", "kind"), chart="bar"))
    assert [t.name for t in fig.data] == ["kind = actual", "kind = budget"]
    assert list(fig.data[1].x) == ["2021", "2022"] and list(fig.data[1].y) == [2.0, 1.0]
    assert explore_chart(frame, ExploreState(source="isu_budget", group_by=("year", "kind"), chart="table")) is None


# --- download files -----------------------------------------------------------------------------

FRAME = pd.DataFrame({"iso3": ["AUT", "NOR"], "amount_chf": [Decimal("469686.00"), None],
                      "received_date": [date(2010, 8, 1), None], "in_force": [True, False],
                      "when": [pd.Timestamp("2011-03-24"), pd.NaT], "rows": [3, 4]})


def test_csv_file():
    assert downloads.csv_bytes(FRAME).decode() == (
        "iso3,amount_chf,received_date,in_force,when,rows\n"
        "AUT,469686.00,2010-08-01,true,2011-03-24,3\n"
        "NOR,,,false,,4\n")


def test_excel_file_has_data_and_sources():
    sources = pd.DataFrame({"file": ["isu_budget.csv"], "source": ["ISU work plan"]})
    book = load_workbook(io.BytesIO(downloads.xlsx_bytes(FRAME, sources, AS_OF, "November 2020")))
    assert book.sheetnames == ["data", "sources"]
    rows = list(book["data"].values)
    assert rows[0] == ("iso3", "amount_chf", "received_date", "in_force", "when", "rows")
    assert rows[1][0] == "AUT" and rows[1][1] == 469686 and rows[1][2].date() == date(2010, 8, 1)
    assert rows[2][1] is None and rows[2][5] == 4
    assert book["data"]["C2"].number_format.lower() == "yyyy-mm-dd"
    info = list(book["sources"].values)
    assert info[0] == ("reference_date", "2025-03-06") and info[1] == ("data_current_to", "November 2020")
    assert info[3] == ("file", "source") and info[4] == ("isu_budget.csv", "ISU work plan")


def test_file_name_carries_the_reference_date():
    assert downloads.file_name("explore_isu_budget", AS_OF, "csv") == "explore_isu_budget_2025-03-06.csv"


def test_values_come_back_as_duckdb_gave_them(tiny):
    """A year beside a missing one stays 2021 (not 2021.0), missing text stays None, money stays Decimal."""
    tiny.execute("INSERT INTO contributions VALUES ('CHE', NULL, 5.00, NULL, NULL)")
    out = explore_explorer.run(tiny, ExploreState(source="contributions", group_by=()), AS_OF)
    assert out["year"].tolist() == [2021, 2021, 2022, None] and out["source"].tolist()[3] is None
    shown = explore_explorer.display_frame(out, ExploreState(source="contributions", group_by=()))
    assert shown["year"].tolist() == ["2021", "2021", "2022", "unknown"]
    assert shown["amount_chf"].tolist()[1] == "CHF 2'500.10"


# --- on the fixture database -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def filled(money_db, tmp_path_factory):
    """The fixture database (with conftest's hand-made contributions) and one row in each table it leaves
    empty (article5_responsibility, import_log), so that every source below has rows to show."""
    import shutil

    from ccm_analytics.store.build import connect_read_only
    path = tmp_path_factory.mktemp("filled") / "ccm.duckdb"
    shutil.copy(money_db, path)
    writer = duckdb.connect(str(path))
    writer.execute("INSERT INTO article5_responsibility VALUES ('LAO', DATE '2024-12-31', 'test', NULL)")
    writer.execute("INSERT INTO import_log VALUES (TIMESTAMP '2025-01-02 10:00:00', 'test', 'import', 1, 'budget', "
                   "'b.xlsx', 'abc', 2, 0, 'ok', false, NULL)")
    writer.execute("CHECKPOINT")
    writer.close()
    connection = connect_read_only(path)
    yield connection
    connection.close()


@pytest.mark.parametrize("source", explore_explorer.sources())
def test_every_source_runs_and_shows(filled, source):
    """Every public view and table: its rows, and its first column grouped, run and display."""
    rows = explore_explorer.run(filled, ExploreState(source=source, group_by=(), chart="table"), AS_OF)
    assert list(rows.columns) == list(explore_explorer.columns(source))
    assert len(rows) > 0  # nothing is checked on no rows
    shown = explore_explorer.display_frame(rows, ExploreState(source=source, group_by=()))
    assert len(shown) == len(rows)
    first = next(iter(explore_explorer.columns(source)))
    grouped = explore_explorer.run(filled, ExploreState(source=source, group_by=(first,), chart="bar"), AS_OF)
    assert int(sum(grouped["rows"])) == len(rows)


def test_counts_by_status_match_a_pandas_count(con):
    """The explorer's grouping against a second computation of the same figure (pandas on the rows)."""
    from ccm_analytics.store import queries
    status = queries.state_status_at(con, AS_OF)
    expected = status[status["un_region"] != "Europe"]["status"].value_counts().sort_index()
    # by hand: the fixture's 21 States outside Europe on 6 March 2025: IDN signed only, USA and VUT (accession
    # 10 September 2026) not signatories, the other 18 States Parties
    assert expected.to_dict() == {"Not signatory": 2, "Signatory": 1, "State Party": 18}
    state = ExploreState(source="state_status", group_by=("status",), chart="bar",
                         filters=(Filter("un_region", values=("Africa", "Americas", "Asia", "Oceania")),))
    out = explore_explorer.run(con, state, AS_OF)
    assert dict(zip(out["status"], out["rows"])) == expected.to_dict()
