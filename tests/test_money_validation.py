"""Money files: each bad file gets every problem, with its row number (header = row 1), and a clear message."""
import pandas as pd
import pytest

from ccm_analytics.domain.problems import Problem
from ccm_analytics.store.imports.money_rules import (
    budget_actuals_problems,
    contributions_problems,
)
from ccm_analytics.store.imports.templates import template_frame

KNOWN = {"CHE", "AUT", "FRA", "NOR"}
C_COLUMNS = ["iso3", "year", "amount_chf", "received_date", "payment_ref", "source", "notes"]
A_COLUMNS = ["year", "budget_line", "amount_chf", "source"]
NO_ROWS = pd.DataFrame(columns=["iso3", "year", "amount_chf", "received_date", "payment_ref", "source", "notes"])
NO_ACTUALS = pd.DataFrame(columns=["year", "budget_line", "amount_chf", "kind", "source"])


def contributions(*rows):
    """A file's rows as text; short rows are padded with empty cells."""
    return pd.DataFrame([list(r) + [""] * (len(C_COLUMNS) - len(r)) for r in rows], columns=C_COLUMNS, dtype="string")


def actuals(*rows):
    return pd.DataFrame([list(r) + [""] * (len(A_COLUMNS) - len(r)) for r in rows], columns=A_COLUMNS, dtype="string")


def where(problems):
    return [(p.row, p.column) for p in problems]


# --- Good files --------------------------------------------------------------------------------

def test_a_good_contributions_file_has_no_problem():
    good = contributions(
        ("CHE", "2024", "100'000", "2024-03-15", "P1", "ISU accounts"),
        ("CHE", "2024", "50’000.50", "2024-09-01", "P2"),  # a second payment, told apart by payment_ref
        ("AUT", "2024", "CHF 20000", "", "", "ISU accounts"),
        ("FRA", "2025", "0"),
    )
    assert contributions_problems(good, KNOWN, NO_ROWS) == []


def test_a_good_actuals_file_has_no_problem():
    good = actuals(("2024", "Salaries", "350'000"), ("2024", "Other implementation support costs", "12000.05"))
    assert budget_actuals_problems(good, NO_ACTUALS) == []


def test_empty_templates_pass():
    assert contributions_problems(template_frame("contributions"), KNOWN, NO_ROWS) == []
    assert budget_actuals_problems(template_frame("budget_actuals"), NO_ACTUALS) == []


# --- Bad contributions files, one rule at a time -----------------------------------------------

def test_unknown_and_lower_case_iso_codes():
    problems = contributions_problems(contributions(("CHE", "2024", "1"), ("XYZ", "2024", "1"), ("fra", "2024", "1"),
                                                    ("", "2024", "1")), KNOWN, NO_ROWS)
    assert problems == [
        Problem(3, "iso3", "unknown ISO 3166-1 alpha-3 code 'XYZ' (not one of the States the app knows)"),
        Problem(4, "iso3", "ISO code 'fra' must be written in capitals: 'FRA'"),
        Problem(5, "iso3", "iso3 is missing"),
    ]


def test_years_out_of_range_or_not_whole():
    problems = contributions_problems(contributions(
        ("CHE", "2010", "1"), ("CHE", "2011", "1"), ("CHE", "2100", "1"), ("CHE", "2101", "1"),
        ("CHE", "2024.0", "1"), ("CHE", "24", "1"), ("CHE", "", "1")), KNOWN, NO_ROWS)
    assert where(problems) == [(2, "year"), (5, "year"), (6, "year"), (7, "year"), (8, "year")]
    assert problems[0].message.startswith("year 2010 is outside 2011–2100")
    assert problems[2].message == "year must be a whole number such as 2024, not '2024.0'"
    assert problems[4].message == "year is missing"


def test_amounts_negative_too_precise_unreadable_or_missing():
    problems = contributions_problems(contributions(
        ("CHE", "2021", "-500"), ("AUT", "2021", "10.005"), ("FRA", "2021", "1,000"), ("NOR", "2021", ""),
        ("CHE", "2022", "10.50"), ("AUT", "2022", "1'000'000'000'000"), ("FRA", "2022", "abc")), KNOWN, NO_ROWS)
    assert problems == [
        Problem(2, "amount_chf", "amount must not be negative: '-500'"),
        Problem(3, "amount_chf", "amount has more than two decimals (centimes): '10.005'"),
        Problem(4, "amount_chf", "not an amount in CHF: '1,000' (write it as 25000, 25'000, 25’000 or 25000.50: "
                                 "a point for decimals, ' or ’ between thousands)"),
        Problem(5, "amount_chf", "amount_chf is missing"),
        Problem(7, "amount_chf", "amount too large for the database (at most 999'999'999'999.99): "
                                 "\"1'000'000'000'000\""),
        Problem(8, "amount_chf", "not an amount in CHF: 'abc' (write it as 25000, 25'000, 25’000 or 25000.50: "
                                 "a point for decimals, ' or ’ between thousands)"),
    ]


def test_duplicate_state_year_rows_unless_separate_payments():
    problems = contributions_problems(contributions(
        ("CHE", "2024", "10"),              # row 2
        ("CHE", "2024", "10"),              # row 3: same State, year, no ref -> duplicate of row 2
        ("AUT", "2024", "5", "", "A1"),     # row 4
        ("AUT", "2024", "5", "", "A2"),     # row 5: distinct ref -> a separate payment, fine
        ("AUT", "2024", "5", "", "A1"),     # row 6: same ref as row 4
        ("CHE", "2025", "10"),              # row 7: another year, fine
        ("CHE", "2024", "7"),               # row 8: third CHE 2024 without ref -> duplicate of row 2
    ), KNOWN, NO_ROWS)
    assert problems == [
        Problem(3, None, "same State (CHE), year (2024) and no payment_ref as row 2: give each separate payment "
                         "its own payment_ref, or remove the repeated row"),
        Problem(6, None, "same State (AUT), year (2024) and payment_ref 'A1' as row 4: give each separate payment "
                         "its own payment_ref, or remove the repeated row"),
        Problem(8, None, "same State (CHE), year (2024) and no payment_ref as row 2: give each separate payment "
                         "its own payment_ref, or remove the repeated row"),
    ]


def test_rows_already_in_the_database():
    existing = pd.DataFrame({"iso3": ["CHE", "AUT"], "year": [2024, 2024], "amount_chf": [10, 5],
                             "received_date": [None, None], "payment_ref": [None, "A1"],
                             "source": ["isu_2024.xlsx", "isu_2024.xlsx"], "notes": [None, None]})
    problems = contributions_problems(contributions(
        ("CHE", "2024", "10"), ("AUT", "2024", "5", "", "A1"), ("AUT", "2024", "5", "", "A2"), ("CHE", "2023", "1")),
        KNOWN, existing)
    assert problems == [
        Problem(2, None, "already in the database: CHE, 2024, no payment_ref (imported from 'isu_2024.xlsx')"),
        Problem(3, None, "already in the database: AUT, 2024, payment_ref 'A1' (imported from 'isu_2024.xlsx')"),
    ]


def test_every_problem_of_a_bad_file_is_listed_in_row_order():
    problems = contributions_problems(contributions(
        ("XYZ", "1999", "-1"),       # row 2: three problems
        ("CHE", "2024", "1.234"),    # row 3
        ("CHE", "2024", "1"),        # row 4: duplicate of row 3
    ), KNOWN, NO_ROWS)
    assert where(problems) == [(2, "iso3"), (2, "year"), (2, "amount_chf"), (3, "amount_chf"), (4, None)]
    assert str(problems[3]) == "row 3, column 'amount_chf': amount has more than two decimals (centimes): '1.234'"


def test_missing_columns_are_whole_file_problems():
    frame = pd.DataFrame({"iso3": ["CHE"], "amount": ["1"]}, dtype="string")
    assert contributions_problems(frame, KNOWN, NO_ROWS) == [
        Problem(None, "year", "column 'year' is missing: the file's first row must name it"),
        Problem(None, "amount_chf", "column 'amount_chf' is missing: the file's first row must name it"),
    ]


def test_the_file_frame_is_not_changed():
    frame = contributions(("fra", " 2024 ", "1"))
    before = frame.copy()
    contributions_problems(frame, KNOWN, NO_ROWS)
    pd.testing.assert_frame_equal(frame, before)


# --- Bad actual-expenditure files ---------------------------------------------------------------

def test_budget_line_must_be_one_of_the_five():
    problems = budget_actuals_problems(actuals(("2024", "SALARIES", "1"), ("2024", "Rent", "1"), ("2024", "", "1")),
                                       NO_ACTUALS)
    assert problems == [
        Problem(2, "budget_line", "budget line 'SALARIES' must be written 'Salaries'"),
        Problem(3, "budget_line", "unknown budget line 'Rent': use one of 'Salaries', 'Social charges', "
                                  "'Communication', 'Travel', 'Other implementation support costs'"),
        Problem(4, "budget_line", "budget_line is missing"),
    ]


def test_actuals_years_amounts_and_duplicates():
    problems = budget_actuals_problems(actuals(
        ("2024", "Travel", "27'000"),     # row 2
        ("2024", "Travel", "26'000"),     # row 3: same year and line
        ("3024", "Travel", "1"),          # row 4: year out of range
        ("2023", "Travel", "-3"),         # row 5
    ), NO_ACTUALS)
    assert problems == [
        Problem(3, None, "Travel 2024 appears again (first in row 2): one row per year and line"),
        Problem(4, "year", "year 3024 is outside 2011–2100 (no ISU budget year before the Convention's first "
                           "full year in force, 2011)"),
        Problem(5, "amount_chf", "amount must not be negative: '-3'"),
    ]


def test_actuals_already_in_the_database_only_count_kind_actual():
    existing = pd.DataFrame({"year": [2024, 2024], "budget_line": ["Travel", "Salaries"],
                             "amount_chf": [27000, 348103], "kind": ["actual", "budget"],
                             "source": ["accounts 2024", "work plan"]})
    problems = budget_actuals_problems(actuals(("2024", "Travel", "1"), ("2024", "Salaries", "1")), existing)
    assert problems == [Problem(2, None, "actual expenditure for Travel 2024 is already in the database "
                                         "(imported from 'accounts 2024')")]


@pytest.mark.parametrize("columns", [["year", "amount_chf"], ["budget_line"]])
def test_actuals_missing_columns(columns):
    frame = pd.DataFrame({c: ["x"] for c in columns}, dtype="string")
    missing = [c for c in ("year", "budget_line", "amount_chf") if c not in columns]
    assert budget_actuals_problems(frame, NO_ACTUALS) == [
        Problem(None, c, f"column {c!r} is missing: the file's first row must name it") for c in missing]


# --- Files as the import reads them ------------------------------------------------------------

def test_a_filled_csv_template_read_as_text():
    import io
    text = ("iso3,year,amount_chf,received_date,payment_ref,source,notes\n"
            "CHE,2024,100’000,2024-03-15,,ISU accounts,\n"          # row 2: typographic apostrophe
            "CHE,2024,\"1'000.5\",2024-04-01,,ISU accounts,\n"       # row 3: same State, year, no ref
            "NAM,2024,,,,ISU accounts,\n")                           # row 4: Namibia, amount missing
    frame = pd.read_csv(io.StringIO(text), dtype=str)  # empty cells arrive as NaN
    assert contributions_problems(frame, KNOWN | {"NAM"}, NO_ROWS) == [
        Problem(3, None, "same State (CHE), year (2024) and no payment_ref as row 2: give each separate payment "
                         "its own payment_ref, or remove the repeated row"),
        Problem(4, "amount_chf", "amount_chf is missing"),
    ]


def test_a_filled_excel_template_read_as_text():
    import io

    import openpyxl

    from ccm_analytics.store.imports.templates import template_xlsx
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("budget_actuals")))
    book["data"].append([2024, "Salaries", 350000.25, "accounts"])
    book["data"].append([2024, "Travel", -5, "accounts"])
    buffer = io.BytesIO()
    book.save(buffer)
    frame = pd.read_excel(io.BytesIO(buffer.getvalue()), sheet_name="data", dtype=str)
    assert budget_actuals_problems(frame, NO_ACTUALS) == [Problem(3, "amount_chf", "amount must not be negative: '-5'")]
