"""An extension request's annual work plan, loaded from a CSV template, against reported progress.

The template (one row per year of the plan; first row = column names):

| column | required | what |
|---|---|---|
| `year` | yes | calendar year of the milestone (2000-2100), each year once |
| `unit` | yes | `km2` (Article 4 area), `munitions` or `submunitions` |
| `planned` | yes | area (km²) or quantity planned for the year, a number >= 0 |
| `currency` | if budget or funding given | ISO 4217 code of the amounts, e.g. USD, EUR, CHF |
| `budget` | no | budget for the year's work, e.g. 1'250'000 or 1250000.50 |
| `funding_secured` | no | part of the budget secured when the plan was made |
| `notes` | no | free text |

Amounts are read exactly (Decimal), with ' or ’ or spaces as thousands separators.
"""
from __future__ import annotations

import io
import re
from decimal import Decimal

import pandas as pd

from ccm_analytics.domain.problems import Problem
from ccm_analytics.formats.money import format_chf, parse_chf

COLUMNS = ("year", "unit", "planned", "currency", "budget", "funding_secured", "notes")
REQUIRED = ("year", "unit", "planned")
UNITS = {"km2": "area", "munitions": "munitions", "submunitions": "submunitions"}  # template unit -> measure
TEMPLATE_ROWS = [
    # An example to overwrite: the figures are placeholders, not anyone's plan.
    {"year": 2026, "unit": "km2", "planned": "0", "currency": "USD", "budget": "0", "funding_secured": "0",
     "notes": "replace with the request's milestones"},
]
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def template_csv() -> bytes:
    """The empty template with one example row, as CSV bytes (UTF-8)."""
    return pd.DataFrame(TEMPLATE_ROWS, columns=list(COLUMNS)).to_csv(index=False).encode("utf-8")


def _amount(text: str) -> Decimal:
    try:
        return parse_chf(text)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None


def read_work_plan(data: bytes) -> tuple[pd.DataFrame, list[Problem]]:
    """The plan as a frame (year int, unit, measure, planned float, currency, budget / funding_secured
    Decimal or None, notes) and the problems found; with any problem the frame is empty.

    Row numbers are those a spreadsheet shows (the header is row 1)."""
    empty = pd.DataFrame(columns=[*COLUMNS, "measure"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return empty, [Problem(None, None, "the file is not UTF-8 text: save it as CSV (UTF-8)")]
    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return empty, [Problem(None, None, f"not a readable CSV file: {error}")]
    raw.columns = [str(c).strip().lower() for c in raw.columns]
    problems = [Problem(1, c, "required column is missing") for c in REQUIRED if c not in raw.columns]
    problems += [Problem(1, c, f"unknown column (expected: {', '.join(COLUMNS)})")
                 for c in raw.columns if c not in COLUMNS]
    if problems:
        return empty, problems
    if raw.empty:
        return empty, [Problem(None, None, "the file has no rows under the header")]
    rows, seen = [], {}
    for i, r in enumerate(raw.to_dict("records")):
        line = i + 2
        cell = lambda c: str(r.get(c, "") or "").strip()
        row = {"notes": cell("notes") or None}
        try:
            row["year"] = int(cell("year"))
            if not 2000 <= row["year"] <= 2100:
                problems.append(Problem(line, "year", f"{row['year']} is not a year between 2000 and 2100"))
            elif row["year"] in seen:
                problems.append(Problem(line, "year", f"{row['year']} is already planned in row {seen[row['year']]}"))
            else:
                seen[row["year"]] = line
        except ValueError:
            problems.append(Problem(line, "year", f"not a whole year: {cell('year')!r}"))
        unit = cell("unit").lower()
        if unit not in UNITS:
            problems.append(Problem(line, "unit", f"{cell('unit')!r} is not one of km2, munitions, submunitions"))
        row["unit"], row["measure"] = unit, UNITS.get(unit)
        try:
            planned = _amount(cell("planned"))
            if planned < 0:
                raise ValueError("negative")
            row["planned"] = float(planned)
        except ValueError:
            problems.append(Problem(line, "planned", f"not a number >= 0: {cell('planned')!r}"))
        for column in ("budget", "funding_secured"):
            row[column] = None
            if cell(column):
                try:
                    value = _amount(cell(column))
                    if value < 0:
                        raise ValueError("negative")
                    row[column] = value
                except ValueError:
                    problems.append(Problem(line, column, f"not an amount >= 0: {cell(column)!r}"))
        currency = cell("currency").upper()
        row["currency"] = currency or None
        if (row["budget"] is not None or row["funding_secured"] is not None) and not _CURRENCY.match(currency):
            problems.append(Problem(line, "currency", "give the ISO 4217 code of the amounts, e.g. USD, EUR, CHF"))
        if row["budget"] is not None and row["funding_secured"] is not None and row["funding_secured"] > row["budget"]:
            problems.append(Problem(line, "funding_secured", "is larger than the budget"))
        rows.append(row)
    units = {r["unit"] for r in rows if r.get("unit") in UNITS}
    if len(units) > 1:
        problems.append(Problem(None, "unit", f"one unit per plan, found: {', '.join(sorted(units))}"))
    if problems:
        return empty, problems
    plan = pd.DataFrame(rows, columns=[*COLUMNS, "measure"]).sort_values("year").reset_index(drop=True)
    return plan, []


def plan_vs_progress(plan: pd.DataFrame, progress: pd.DataFrame) -> pd.DataFrame:
    """One row per year of the plan: planned, reported (None where no figure), its qualifier, reported
    minus planned, share of the plan achieved (%), budget, funding secured and its share (%).

    `progress` is a `workbench.progress_by_year` frame in the plan's unit."""
    reported = progress[~progress["cumulative"].astype(bool)].set_index("year")
    out = plan[["year", "unit", "planned", "currency", "budget", "funding_secured", "notes"]].copy()
    out["reported"] = [reported["amount"].get(y) for y in out["year"]]
    out["qualifier"] = [reported["qualifier"].get(y, "no figure") for y in out["year"]]
    out["difference"] = [None if r is None or pd.isna(r) else r - p for r, p in zip(out["reported"], out["planned"])]
    out["achieved_pct"] = [None if r is None or pd.isna(r) or not p else round(100 * r / p, 1)
                           for r, p in zip(out["reported"], out["planned"])]
    out["secured_pct"] = [None if b is None or s is None or not b else float(round(100 * s / b, 1))
                          for b, s in zip(out["budget"], out["funding_secured"])]
    return out


# Which template units each article's data can be compared with.
ARTICLE_UNITS = {3: ("munitions", "submunitions"), 4: ("km2", "submunitions")}


def unit_problems(plan: pd.DataFrame, article: int) -> list[Problem]:
    """A problem where the plan's unit does not fit the article (km2 is Article 4 only, munitions Article 3)."""
    if plan.empty:
        return []
    unit = plan["unit"].iloc[0]
    if unit in ARTICLE_UNITS[article]:
        return []
    return [Problem(2, "unit", f"{unit!r} does not fit Article {article}: use "
                               f"{' or '.join(ARTICLE_UNITS[article])}")]


def plan_measure(plan: pd.DataFrame) -> str:
    """The workbench measure of a (valid, non-empty) plan: area, munitions or submunitions."""
    return UNITS[plan["unit"].iloc[0]]


def plan_screen(comparison: pd.DataFrame) -> pd.DataFrame:
    """A `plan_vs_progress` frame as screen text (amounts as 1'250'000, "unknown" where missing)."""
    blank = lambda v: v is None or (not isinstance(v, str) and pd.isna(v))
    number = lambda v: "unknown" if blank(v) else f"{v:,.2f}".replace(",", "'").removesuffix(".00")
    money = lambda v, c: "unknown" if blank(v) else f"{c or ''} {format_chf(v, currency=False)}".strip()
    return pd.DataFrame({
        "Year": comparison["year"].astype(str),
        "Unit": comparison["unit"],
        "Planned": [number(v) for v in comparison["planned"]],
        "Reported": ["no figure" if blank(v) else number(v) for v in comparison["reported"]],
        "Qualifier": comparison["qualifier"],
        "Reported - planned": ["" if blank(v) else number(v) for v in comparison["difference"]],
        "Achieved (%)": ["" if blank(v) else f"{v:.1f}" for v in comparison["achieved_pct"]],
        "Budget": [money(v, c) for v, c in zip(comparison["budget"], comparison["currency"])],
        "Funding secured": [money(v, c) for v, c in zip(comparison["funding_secured"], comparison["currency"])],
        "Secured (%)": ["" if blank(v) else f"{v:.1f}" for v in comparison["secured_pct"]],
        "Notes": comparison["notes"].fillna(""),
    })
