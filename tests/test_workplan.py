"""The work plan template: reading, validation messages with row and column, comparison with progress."""
from decimal import Decimal

import pandas as pd

from ccm_analytics.workbench import workplan

GOOD = b"""year,unit,planned,currency,budget,funding_secured,notes
2024,km2,40,USD,1'000'000,250000,
2023,km2,30.5,USD,900000,900000,first year
2025,km2,50,,,,
"""


def test_template_reads_back_without_problems():
    plan, problems = workplan.read_work_plan(workplan.template_csv())
    assert problems == [] and plan["year"].tolist() == [2026]


def test_a_good_plan():
    plan, problems = workplan.read_work_plan(GOOD)
    assert problems == []
    assert plan["year"].tolist() == [2023, 2024, 2025]  # sorted
    assert plan.loc[1, "budget"] == Decimal("1000000") and plan.loc[1, "funding_secured"] == Decimal("250000")
    assert workplan.plan_measure(plan) == "area"


def test_problems_name_their_row_and_column():
    data = b"""year,unit,planned,currency,budget,funding_secured
2024,km2,40,USD,100,200
2024,km2,-1,,,
20x5,acres,ten,,50,
"""
    plan, problems = workplan.read_work_plan(data)
    assert plan.empty
    text = [str(p) for p in problems]
    assert "row 2, column 'funding_secured': is larger than the budget" in text
    assert "row 3, column 'year': 2024 is already planned in row 2" in text
    assert "row 3, column 'planned': not a number >= 0: '-1'" in text
    assert "row 4, column 'year': not a whole year: '20x5'" in text
    assert "row 4, column 'unit': 'acres' is not one of km2, munitions, submunitions" in text
    assert "row 4, column 'currency': give the ISO 4217 code of the amounts, e.g. USD, EUR, CHF" in text


def test_missing_and_unknown_columns():
    _, problems = workplan.read_work_plan(b"year,planned,colour\n2024,1,red\n")
    assert [str(p) for p in problems] == [
        "row 1, column 'unit': required column is missing",
        "row 1, column 'colour': unknown column (expected: year, unit, planned, currency, budget, funding_secured, notes)"]


def test_unit_must_fit_the_article():
    plan, _ = workplan.read_work_plan(GOOD)
    assert workplan.unit_problems(plan, 4) == []
    assert "does not fit Article 3" in str(workplan.unit_problems(plan, 3)[0])


def test_plan_against_progress():
    plan, _ = workplan.read_work_plan(GOOD)
    progress = pd.DataFrame({"year": [2023, 2024], "amount": [33.0, 20.0], "qualifier": ["approx", "exact"],
                             "cumulative": [False, False], "note": [None, None], "source": ["t", "t"]})
    out = workplan.plan_vs_progress(plan, progress)
    # 2023: 33 of 30.5 planned = 108.2 %; 2024: 20 of 40 = 50 %, funding 250000 / 1000000 = 25 %; 2025: no figure
    assert out["achieved_pct"].tolist()[:2] == [108.2, 50.0]
    assert out["difference"].tolist()[:2] == [2.5, -20.0]
    assert out["secured_pct"].tolist()[:2] == [100.0, 25.0] and pd.isna(out["secured_pct"].iloc[2])
    assert out["qualifier"].tolist() == ["approx", "exact", "no figure"]
    screen = workplan.plan_screen(out)
    assert screen["Budget"].tolist()[1] == "USD 1'000'000" and screen["Reported"].tolist()[2] == "no figure"
