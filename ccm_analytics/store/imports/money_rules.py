"""Rules for imported money files: contributions received and actual expenditure.

The import mechanism (`python -m ccm_analytics import KIND FILE`) reads a CSV or Excel file, checks
columns and types against schema.py, and calls these functions with the file's rows as TEXT, as
read from the file (`frame`), and the rows already in the database (`existing`). Each function
returns every problem found, each with its row number as a spreadsheet shows it (header = row 1,
first data row = row 2); an empty list means the file may be imported.

Pure functions: no database, no clock, the inputs are never changed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from ccm_analytics.domain.problems import Problem
from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.formats.money import parse_chf

# Plausible budget years. From 2011: the Convention entered into force on 1 August 2010 and its
# First Meeting of States Parties (Vientiane, November 2010) was the first to take decisions on
# implementation support, so no contribution or spending can be for an earlier year. To 2100:
# the last year the app's reference date reaches; a later year is a typing error (2201 for 2021).
FIRST_YEAR = 2011
LAST_YEAR = 2100
# DECIMAL(14,2): twelve digits before the point.
MAX_AMOUNT = Decimal("999999999999.99")
FIRST_DATA_ROW = 2  # the header is row 1

CONTRIBUTION_COLUMNS = ("iso3", "year", "amount_chf")  # required by these rules
ACTUALS_COLUMNS = ("year", "budget_line", "amount_chf")

_YEAR = re.compile(r"^\d{4}$")


def _text(value: object) -> str:
    """A cell as stripped text; empty for missing values (None, NaN, pd.NA)."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _missing_columns(frame: pd.DataFrame, required: Iterable[str]) -> list[Problem]:
    return [Problem(None, c, f"column {c!r} is missing: the file's first row must name it")
            for c in required if c not in frame.columns]


def _row_number(position: int) -> int:
    return position + FIRST_DATA_ROW


def year_problem(text: str) -> str | None:
    """Why `text` is not a plausible budget year, or None if it is one."""
    if not text:
        return "year is missing"
    if not _YEAR.match(text):
        return f"year must be a whole number such as 2024, not {text!r}"
    if not FIRST_YEAR <= int(text) <= LAST_YEAR:
        return (f"year {text} is outside {FIRST_YEAR}–{LAST_YEAR} (no ISU budget year before the Convention's "
                "first full year in force, 2011)")
    return None


def amount_problem(text: str) -> str | None:
    """Why `text` is not an amount in CHF we can store, or None if it is one."""
    if not text:
        return "amount_chf is missing"
    try:
        amount = parse_chf(text)
    except ValueError:
        return (f"not an amount in CHF: {text!r} (write it as 25000, 25'000, 25’000 or 25000.50: "
                "a point for decimals, ' or ’ between thousands)")
    if amount < 0:
        return f"amount must not be negative: {text!r}"
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        return f"amount has more than two decimals (centimes): {text!r}"
    if amount > MAX_AMOUNT:
        return f"amount too large for the database (at most 999'999'999'999.99): {text!r}"
    return None


def _iso3_problem(text: str, known_iso3: set[str]) -> str | None:
    if not text:
        return "iso3 is missing"
    if text in known_iso3:
        return None
    if text.upper() in known_iso3:
        return f"ISO code {text!r} must be written in capitals: {text.upper()!r}"
    return f"unknown ISO 3166-1 alpha-3 code {text!r} (not one of the States the app knows)"


def _budget_line_problem(text: str) -> str | None:
    if not text:
        return "budget_line is missing"
    if text in BUDGET_LINES:
        return None
    lines = ", ".join(repr(line) for line in BUDGET_LINES)
    match = next((line for line in BUDGET_LINES if line.casefold() == text.casefold()), None)
    if match:
        return f"budget line {text!r} must be written {match!r}"
    return f"unknown budget line {text!r}: use one of {lines}"


def _existing_keys(existing: pd.DataFrame | None, columns: tuple[str, ...]) -> dict[tuple, str]:
    """The keys of the rows already in the database, with the source each came from."""
    if existing is None or existing.empty:
        return {}
    keys = {}
    for _, row in existing.iterrows():
        key = tuple(_key_part(c, row.get(c)) for c in columns)
        keys.setdefault(key, _text(row.get("source")))
    return keys


def _key_part(column: str, value: object) -> str:
    text = _text(value)
    if column == "year" and text:
        try:
            return str(int(float(text)))  # a DuckDB INTEGER may come back as 2023 or 2023.0
        except ValueError:
            return text
    return text


def _sorted(problems: list[tuple[int, int, Problem]]) -> list[Problem]:
    return [p for _, _, p in sorted(problems, key=lambda x: (x[0], x[1]))]


def contributions_problems(frame: pd.DataFrame, known_iso3: set[str], existing: pd.DataFrame) -> list[Problem]:
    """Every problem of a contributions file (columns as in the `contribution_records` table).

    Rules: iso3 a known ISO 3166-1 alpha-3 code in capitals; year a whole number in 2011–2100;
    amount_chf non-negative, at most two decimals (' or ’ between thousands allowed); one row per
    State, year and payment_ref: two payments of one State in one year need distinct payment_ref
    values; no State, year and payment_ref already in the database (`existing`: the
    contribution_records rows). Problems come in row order, whole-file problems first.
    """
    missing = _missing_columns(frame, CONTRIBUTION_COLUMNS)
    if missing:
        return missing
    columns = list(frame.columns)
    found: list[tuple[int, int, Problem]] = []
    seen: dict[tuple[str, str, str], int] = {}
    in_db = _existing_keys(existing, ("iso3", "year", "payment_ref"))
    # rows read once as plain dicts: frame.iloc[i] deep-copies frame.attrs (the file's row numbers),
    # which made this loop quadratic (8,865 rows: 343 s)
    for position, record in enumerate(frame.to_dict("records")):
        row = _row_number(position)
        cells = {c: _text(record[c]) for c in columns}
        iso3, year, ref = cells["iso3"], cells["year"], cells.get("payment_ref", "")
        checks = [("iso3", _iso3_problem(iso3, known_iso3)), ("year", year_problem(year)),
                  ("amount_chf", amount_problem(cells["amount_chf"]))]
        for column, message in checks:
            if message:
                found.append((row, columns.index(column), Problem(row, column, message)))
        if not iso3 or not year:
            continue
        key = (iso3, year, ref)
        payment = f"payment_ref {ref!r}" if ref else "no payment_ref"
        found += _repeated(row, key, seen, in_db, len(columns),
                           lambda first: f"same State ({iso3}), year ({year}) and {payment} as row {first}: give "
                                         "each separate payment its own payment_ref, or remove the repeated row",
                           lambda source: f"already in the database: {iso3}, {year}, {payment}{source}")
    return _sorted(found)


def _repeated(row: int, key: tuple, seen: dict, in_db: dict, width: int, again, stored) -> list[tuple]:
    """The problems of a row whose key repeats an earlier row (`again(first row)`) or a row already in the
    database (`stored(" (imported from ...)")`); records the key as seen. Sorted after the row's cells."""
    found = []
    if key in seen:
        found.append((row, width, Problem(row, None, again(seen[key]))))
    else:
        seen[key] = row
    if key in in_db:
        found.append((row, width + 1, Problem(row, None, stored(f" (imported from {in_db[key]!r})" if in_db[key] else ""))))
    return found


def budget_actuals_problems(frame: pd.DataFrame, existing: pd.DataFrame) -> list[Problem]:
    """Every problem of an actual-expenditure file (year, budget_line, amount_chf, source).

    Rules: year a whole number in 2011–2100; budget_line one of the work plan's five lines, spelt
    as the database spells them; amount_chf non-negative with at most two decimals; one row per
    year and line; no year and line whose actual expenditure is already in the database
    (`existing`: budget_lines rows; only those of kind `actual` count when it has a kind column).
    """
    missing = _missing_columns(frame, ACTUALS_COLUMNS)
    if missing:
        return missing
    if existing is not None and not existing.empty and "kind" in existing.columns:
        existing = existing[existing["kind"].map(_text) == "actual"]
    columns = list(frame.columns)
    found: list[tuple[int, int, Problem]] = []
    seen: dict[tuple[str, str], int] = {}
    in_db = _existing_keys(existing, ("year", "budget_line"))
    # rows read once as plain dicts: frame.iloc[i] deep-copies frame.attrs (the file's row numbers),
    # which made this loop quadratic (8,865 rows: 343 s)
    for position, record in enumerate(frame.to_dict("records")):
        row = _row_number(position)
        cells = {c: _text(record[c]) for c in columns}
        year, line = cells["year"], cells["budget_line"]
        checks = [("year", year_problem(year)), ("budget_line", _budget_line_problem(line)),
                  ("amount_chf", amount_problem(cells["amount_chf"]))]
        for column, message in checks:
            if message:
                found.append((row, columns.index(column), Problem(row, column, message)))
        if not year or not line:
            continue
        found += _repeated(row, (year, line), seen, in_db, len(columns),
                           lambda first: f"{line} {year} appears again (first in row {first}): one row per year "
                                         "and line",
                           lambda source: f"actual expenditure for {line} {year} is already in the database{source}")
    return _sorted(found)
