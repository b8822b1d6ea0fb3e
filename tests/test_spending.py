"""The ISU's money: the fixture's budget from the database, added by hand, and the analyses on hand-worked frames
(the shipped budget against the printed work plan is in the data facts)."""
from decimal import Decimal

import pandas as pd

from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.spending import analysis
from ccm_analytics.spending import tables as screen
from ccm_analytics.store import queries

# The fixture's budget (tests/fixture_data/isu_budget.csv), each year's five lines added by hand:
# 2021: 340'000 + 68'000 + 15'000 + 30'000 + 20'000 = 473'000; 2022: 350'000 + 70'000 + 10'000 + 30'000 + 22'000
# = 482'000; 2023: 360 + 72 + 10 + 30 + 24 = 496 (thousand); 2024: 370 + 74 + 10 + 30 + 26 = 510; 2025: 380 + 76 +
# 10 + 30 + 28 = 524. Five years: 473 + 482 + 496 + 510 + 524 = 2'485 thousand.
FIXTURE_TOTALS = {2021: "473'000", 2022: "482'000", 2023: "496'000", 2024: "510'000", 2025: "524'000"}
FIXTURE_BUDGET = "CHF 2'485'000"


# --- The budget in the database --------------------------------------------------------------

def test_budget_lines_in_the_database_sum_to_the_yearly_totals(con):
    lines = queries.budget_lines(con)
    totals = analysis.yearly_totals(lines)
    assert {y: screen.money(t).removeprefix("CHF ") for y, t in zip(totals["year"], totals["total_centimes"])} \
        == FIXTURE_TOTALS
    assert screen.money(analysis.period_total(lines)) == FIXTURE_BUDGET
    table = analysis.budget_table(lines)
    assert list(table["budget_line"]) == [*BUDGET_LINES, "Total"]
    assert screen.money(table.loc[table["budget_line"] == "Total", "total"].iloc[0]) == FIXTURE_BUDGET


def test_the_sql_total_agrees_with_the_pandas_total(con):
    sql = con.execute("SELECT sum(amount_chf) FROM isu_budget WHERE kind = 'budget'").fetchone()[0]
    assert Decimal(sql) == Decimal("2485000")  # as added by hand above
    assert Decimal(sql) == analysis.chf(analysis.period_total(queries.budget_lines(con)))


def test_peaks_are_explained_by_the_work_plan_notes(con):
    peaks = analysis.peak_notes(queries.budget_lines(con), queries.table(con, "isu_budget_notes"))
    by_line = {r.budget_line: r.peak_years for r in peaks.itertuples()}
    # Communication: 15'000 in 2021 against 10'000 in every later year; the other lines are flat (Travel) or
    # rise steadily (Salaries, Social charges, Other implementation support costs): no peak.
    assert by_line == {"Communication": [2021]}
    assert peaks.loc[peaks["budget_line"] == "Communication", "note"].iloc[0] == "Printing in 2021."


# --- Hand-worked frames -----------------------------------------------------------------------

def _lines(rows):
    return pd.DataFrame(rows, columns=["year", "budget_line", "amount_centimes", "kind"])


LINES = _lines([
    (2021, "Salaries", 100_00, "budget"), (2021, "Travel", 50_00, "budget"),
    (2022, "Salaries", 110_00, "budget"), (2022, "Travel", 40_00, "budget"),
    (2021, "Salaries", 100_00, "actual"), (2021, "Travel", 62_50, "actual"),
    (2022, "Salaries", 99_00, "actual"),
    (2023, "Travel", 5_00, "actual"),  # spending without a budget line
])


def test_budget_long_shares_and_change():
    long = analysis.budget_long(LINES).set_index(["year", "budget_line"])
    # 2021: 100 + 50 = 150; Salaries 100/150 = 66.67 -> 66.7 %, Travel 50/150 = 33.3 %.
    assert long.loc[(2021, "Salaries"), "share_pct"] == 66.7 and long.loc[(2021, "Travel"), "share_pct"] == 33.3
    # 2022: Salaries 110 - 100 = +10 (+10.0 %); Travel 40 - 50 = -10 (-20.0 %).
    assert long.loc[(2022, "Salaries"), "change_centimes"] == 10_00 and long.loc[(2022, "Salaries"), "change_pct"] == 10.0
    assert long.loc[(2022, "Travel"), "change_centimes"] == -10_00 and long.loc[(2022, "Travel"), "change_pct"] == -20.0
    assert pd.isna(long.loc[(2021, "Travel"), "change_centimes"])


def test_yearly_totals_and_period_total():
    totals = analysis.yearly_totals(LINES)
    # 150 then 150: no change.
    assert list(totals["total_centimes"]) == [150_00, 150_00] and list(totals["change_pct"][1:]) == [0.0]
    assert analysis.period_total(LINES) == 300_00
    assert analysis.period_total(LINES, "actual") == 266_50  # 100 + 62.50 + 99 + 5
    assert analysis.total_for_year(totals, 2022) == 150_00 and analysis.total_for_year(totals, 2030) is None


def test_first_year_of_the_plan_has_no_change_and_says_so():
    out = screen.totals_screen(analysis.yearly_totals(LINES)).set_index("Year")["Change from the year before"]
    # 2021 is the plan's first year: nothing to change from; 2022: 150 then 150.
    assert out.to_dict() == {"2021": "first year of the plan", "2022": "CHF 0 (+0.0 %)"}
    assert screen.change_from_year_before(2021, 2021, None, None) == "first year of the plan"
    # A later year with no figure for the year before is a gap, not the start of the plan.
    assert screen.change_from_year_before(2024, 2021, None, None) == "unknown"
    assert screen.change_from_year_before(2022, 2021, 1375700, 4.0) == "+CHF 13'757 (+4.0 %)"



def test_line_shares_follow_work_plan_order():
    shares = analysis.line_shares(LINES)
    # Salaries 210 of 300 = 70.0 %; Travel 90 of 300 = 30.0 %.
    assert list(shares["budget_line"]) == ["Salaries", "Travel"] and list(shares["share_pct"]) == [70.0, 30.0]


def test_variance_against_budget_and_threshold():
    v = analysis.variance(LINES, 20, pd.Timestamp("2023-06-30")).set_index(["year", "budget_line"])
    # Travel 2021: 62.50 - 50 = +12.50 = +25.0 % of 50 -> beyond 20 %.
    assert v.loc[(2021, "Travel"), "variance_centimes"] == 12_50 and v.loc[(2021, "Travel"), "variance_pct"] == 25.0
    assert bool(v.loc[(2021, "Travel"), "beyond_threshold"])
    # Salaries 2022: 99 - 110 = -11 = -10.0 % -> within 20 %.
    assert v.loc[(2022, "Salaries"), "variance_pct"] == -10.0 and not v.loc[(2022, "Salaries"), "beyond_threshold"]
    # Travel 2023 has no budget: variance unknown, flagged.
    assert pd.isna(v.loc[(2023, "Travel"), "budget_centimes"]) and bool(v.loc[(2023, "Travel"), "beyond_threshold"])
    assert analysis.beyond_count(v) == 2
    # A lower threshold catches Salaries 2022 too; a reference date in 2022 leaves 2023 out.
    assert analysis.beyond_count(analysis.variance(LINES, 5, pd.Timestamp("2023-06-30"))) == 3
    assert set(analysis.variance(LINES, 5, pd.Timestamp("2022-12-31"))["year"]) == {2021, 2022}
    assert analysis.has_actuals(LINES, pd.Timestamp("2021-01-01")) and not analysis.has_actuals(
        LINES, pd.Timestamp("2020-12-31"))


def test_variance_by_year_only_for_complete_years():
    by_year = analysis.variance_by_year(LINES, pd.Timestamp("2023-12-31"))
    # 2021 has both lines: 162.50 against 150 = +12.50, +8.3 % (12.5/150 = 8.33); 2022 lacks Travel.
    assert by_year.to_dict("records") == [{"year": 2021, "budget_centimes": 150_00, "actual_centimes": 162_50,
                                           "variance_centimes": 12_50, "variance_pct": 8.3}]


def test_percent_rounds_half_up_exactly():
    assert analysis.percent(1, 8) == 12.5 and analysis.percent(1, 3) == 33.3 and analysis.percent(2, 3) == 66.7
    assert analysis.percent(1, 16) == 6.3  # 6.25 -> 6.3 (half up, not banker's rounding)
    assert analysis.percent(1, 0) is None and analysis.percent(None, 5) is None


def _facts():
    # 30 founding States Parties X00..X29 (deposits in 2009: the Convention in force), and four others.
    founders = [f"X{i:02d}" for i in range(30)]
    states = pd.DataFrame({"iso3": [*founders, "AAA", "BBB", "CCC", "DDD"],
                           "state_name": [f"Founder {x}" for x in founders] + ["Aland", "Bland", "Cland", "Dland"],
                           "un_region": ["Europe"] * 30 + ["Europe", "Africa", "Asia", "Europe"],
                           "un_subregion": ["x"] * 34})
    deposits = [(x, "ratification", f"2009-{1 + i // 28:02d}-{1 + i % 28:02d}") for i, x in enumerate(founders)]
    events = pd.DataFrame([
        *deposits,
        ("AAA", "ratification", "2010-05-01"), ("BBB", "accession", "2023-06-15"),
        ("CCC", "ratification", "2011-01-10"), ("CCC", "withdrawal", "2024-03-01"),
        ("DDD", "signature", "2008-12-03"),
    ], columns=["iso3", "event_type", "event_date"])
    return state_facts(states, events)


CONTRIBUTIONS = pd.DataFrame({
    "iso3": ["AAA", "AAA", "BBB", "DDD", "CCC", "AAA"],
    "year": [2024, 2024, 2024, 2024, 2023, 2025],
    "amount_centimes": [100_00, 25_50, 40_00, 10_00, 30_00, 60_00],
    "received_date": pd.to_datetime(["2024-02-01", "2024-09-30", "2024-05-05", None, "2023-04-01", "2025-12-01"]),
    "source": ["f.csv"] * 6,
})


def test_counted_contributions_respect_the_reference_date():
    counted = analysis.counted_contributions(CONTRIBUTIONS, pd.Timestamp("2024-06-30"))
    # Received by 30 June 2024: AAA 100, BBB 40, CCC 2023; DDD undated counts; AAA's September and 2025 do not.
    assert sorted(counted["amount_centimes"]) == [10_00, 30_00, 40_00, 100_00]
    assert analysis.undated_count(counted) == 1


def test_coverage_and_contributors():
    as_of = pd.Timestamp("2025-12-31")
    budget = _lines([(2024, "Salaries", 500_00, "budget"), (2025, "Salaries", 400_00, "budget"),
                     (2026, "Salaries", 300_00, "budget")])
    coverage = analysis.funding_coverage(budget, CONTRIBUTIONS).set_index("year")
    # 2024: 100 + 25.50 + 40 + 10 = 175.50 of 500 = 35.1 %, 324.50 left; 2025: 60 of 400 = 15.0 %.
    assert coverage.loc[2024, "contributions_centimes"] == 175_50 and coverage.loc[2024, "coverage_pct"] == 35.1
    assert coverage.loc[2024, "gap_centimes"] == 324_50 and coverage.loc[2025, "coverage_pct"] == 15.0
    # 2023: contributions but no budget; 2026: budget but no records (unknown, not 0 %).
    assert pd.isna(coverage.loc[2023, "budget_centimes"]) and pd.isna(coverage.loc[2023, "coverage_pct"])
    assert pd.isna(coverage.loc[2026, "contributions_centimes"]) and pd.isna(coverage.loc[2026, "coverage_pct"])
    per_year = analysis.contributors_per_year(CONTRIBUTIONS, _facts(), as_of).set_index("year")
    # 31 Dec 2024: parties = 30 founders + AAA + BBB = 32 (CCC withdrew 1 March 2024; DDD only signed).
    # Contributing for 2024: AAA, BBB, DDD = 3 States, of which 2 States Parties: 2/32 = 6.25 -> 6.3 %.
    assert per_year.loc[2024].to_dict() == {"contributing_states": 3, "contributing_parties": 2,
                                            "states_parties": 32, "parties_share_pct": 6.3}
    # 31 Dec 2023: CCC still a party: 33 parties, CCC contributed: 1/33 = 3.03 -> 3.0 %.
    assert per_year.loc[2023, "states_parties"] == 33 and per_year.loc[2023, "parties_share_pct"] == 3.0


def test_non_contributors_with_their_last_contribution():
    missing = analysis.non_contributors(CONTRIBUTIONS, _facts(), 2025, pd.Timestamp("2025-12-31"))
    # 32 parties at the end of 2025 (as in 2024); AAA gave for 2025 -> 31 without; BBB's last was 2024 (40).
    assert len(missing) == 31 and "AAA" not in set(missing["iso3"])
    bbb = missing.set_index("iso3").loc["BBB"]
    assert bbb["last_contribution_year"] == 2024 and bbb["last_contribution_centimes"] == 40_00
    assert pd.isna(missing.set_index("iso3").loc["X00", "last_contribution_year"])
    # For 2024 in the middle of the year the parties are those on the reference date: CCC gone, BBB in.
    mid = analysis.non_contributors(CONTRIBUTIONS, _facts(), 2024, pd.Timestamp("2024-06-30"))
    assert {"CCC", "AAA", "BBB"}.isdisjoint(mid["iso3"]) and len(mid) == 30


def test_by_state_and_year():
    by_state = analysis.by_state_and_year(CONTRIBUTIONS, _facts())
    aaa = by_state[(by_state["iso3"] == "AAA") & (by_state["year"] == 2024)].iloc[0]
    assert aaa["amount_centimes"] == 125_50 and aaa["payments"] == 2 and aaa["state_name"] == "Aland"
    table = analysis.by_state_table(by_state)
    # AAA: 125.50 + 60 = 185.50, the largest total, first.
    assert table.iloc[0]["state_name"] == "Aland" and table.iloc[0]["total"] == 185_50
    assert pd.isna(table.set_index("iso3").loc["BBB", "2025"])
    assert analysis.contribution_years(CONTRIBUTIONS) == [2025, 2024, 2023]


def test_money_file_holds_plain_decimal_amounts():
    out = analysis.money_file(pd.DataFrame({"year": [2021], "amount_centimes": [46968650], "x_centimes": [pd.NA]}))
    assert list(out.columns) == ["year", "amount_chf", "x_chf"]
    assert out.loc[0, "amount_chf"] == Decimal("469686.50") and out.loc[0, "x_chf"] is None


def test_screen_formats():
    assert screen.money(46968600) == "CHF 469'686" and screen.money(None) == "unknown"
    assert screen.signed_money(-1000000) == "−CHF 10'000" and screen.signed_money(1375700) == "+CHF 13'757"
    assert screen.pct(4.0, signed=True) == "+4.0 %" and screen.pct(None) == "unknown"
    assert screen.year_list([2021, 2025]) == "2021 and 2025" and screen.year_list([2023]) == "2023"
    assert screen.undated_text(2).startswith("2 contribution records have") and "it is" in screen.undated_text(1)


def test_is_demonstration():
    from ccm_analytics.store import provenance
    assert not provenance.is_demonstration(pd.DataFrame({"key": ["kind"], "value": ["real"]}))
    assert provenance.is_demonstration(pd.DataFrame({"key": ["kind"], "value": ["demonstration"]}))
    assert provenance.is_demonstration(pd.DataFrame({"key": ["kind"], "value": ["synthetic benchmark"]}))


def test_heatmap_keeps_the_largest_contributors_when_there_are_too_many():
    from ccm_analytics.spending import charts
    by_state = pd.DataFrame({"state_name": ["A", "B", "C", "C"], "year": [2021, 2021, 2021, 2022],
                             "amount_centimes": [500, 100, 300, 300]})
    # Totals: A 500, C 600, B 100 -> the two largest are C and A.
    cut = charts.contributions_heatmap(by_state, max_states=2)
    assert sorted(cut.data[0].y) == ["A", "C"] and "the 2 largest contributors of 3" in cut.layout.title.text
    whole = charts.contributions_heatmap(by_state)
    assert sorted(whole.data[0].y) == ["A", "B", "C"] and "largest" not in whole.layout.title.text


def test_highlight_shades_small_tables_and_leaves_long_ones_to_the_text():
    from ccm_analytics.spending import charts as spending_charts
    small = pd.DataFrame({"Beyond threshold": ["yes: over budget", "no"]})
    styled = spending_charts.highlight_beyond(small)
    assert styled is not small and "background-color" in styled.to_html()
    long = pd.DataFrame({"Beyond threshold": ["no"] * (spending_charts.MAX_SHADED_ROWS + 1)})
    assert spending_charts.highlight_beyond(long) is long
