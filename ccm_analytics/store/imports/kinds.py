"""The kinds of file users import, one per table they maintain, and the rules beyond the schema.

The schema (`schema.TABLES`: column types, `required`, `key`) is the one declaration imports are
validated against; a kind adds only what the schema does not say: the values a text column may
take, which dates may lie in the future, fixed values (budget actuals are `kind = 'actual'`),
the reference checks it needs, and extra rule functions (`rules`) such as the money checks.

A rule function is called as `rule(frame, context)` with the file's rows as text (one column per
schema column, None for empty, the file's row number in `frame.attrs["file_rows"]`) and returns a
list of `validation.Problem`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ccm_analytics.domain.land_release import SCOPES
from ccm_analytics.domain.problems import Problem
from ccm_analytics.domain.vocabularies import BUDGET_LINES, QUALIFIERS, REQUEST_TYPES
from ccm_analytics.store import schema
from ccm_analytics.store.imports import money_rules

PRECISIONS = ("day", "month", "year")

Rule = Callable[[pd.DataFrame, "object"], list[Problem]]


@dataclass(frozen=True)
class ImportKind:
    name: str  # what users type: python -m ccm_analytics import NAME FILE
    table: str  # the table in schema.TABLES
    title: str  # for the Data page
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # text column -> values it may take
    future_dates: tuple[str, ...] = ()  # date columns that may lie after today (deadlines, meetings)
    fixed: dict[str, str] = field(default_factory=dict)  # columns every imported row gets, not in the file
    checks: tuple[str, ...] = ()  # reference checks: "obligation" (extension for a State with that obligation)
    rules: tuple[Rule, ...] = ()  # extra rule functions (see module docstring)
    example: tuple[dict[str, str], ...] = ()  # rows shown in the template (invented examples, marked so)

    @property
    def schema_table(self) -> schema.Table:
        return schema.table(self.table)

    @property
    def columns(self) -> list[schema.Column]:
        """The columns a file of this kind may hold (the table's, less the fixed ones)."""
        return [c for c in self.schema_table.columns if c.name not in self.fixed]

    @property
    def key(self) -> tuple[str, ...]:
        return self.schema_table.key


def _precision_allowed(table: str) -> dict[str, tuple[str, ...]]:
    return {c.name: PRECISIONS for c in schema.table(table).columns if c.name.endswith("_precision")}


def _contributions(frame: pd.DataFrame, context) -> list[Problem]:
    return money_rules.contributions_problems(frame, context.known_iso3, context.existing)


def _budget_actuals(frame: pd.DataFrame, context) -> list[Problem]:
    return money_rules.budget_actuals_problems(frame, context.existing)


_CONTRIBUTION_RULES, _BUDGET_RULES = (_contributions,), (_budget_actuals,)
EXAMPLE = "EXAMPLE ROW: replace or delete"

KINDS: dict[str, ImportKind] = {k.name: k for k in (
    ImportKind("treaty_events", "treaty_events", "Treaty events (signature, instruments, withdrawal)",
               allowed={"event_type": ("signature", "ratification", "acceptance", "accession", "withdrawal")},
               example=({"iso3": "VUT", "event_type": "accession", "event_date": "2025-09-05",
                         "source": EXAMPLE},)),
    ImportKind("article3", "article3_stockpiles", "Article 3: stockpile destruction",
               allowed={"stockpile_status": ("destroyed", "no stockpile", "unknown"),
                        **_precision_allowed("article3_stockpiles")},
               example=({"iso3": "PER", "stockpile_status": "destroyed", "completion_date": "2019-06",
                         "munitions_destroyed": "0", "source": EXAMPLE},)),
    ImportKind("article4_progress", "article4_clearance_by_year", "Article 4: clearance per year",
               allowed={"area_qualifier": QUALIFIERS, "submunitions_qualifier": QUALIFIERS,
                        "scope": tuple(SCOPES)},
               example=({"iso3": "LAO", "year": "2024", "area_cleared_km2": "50.125", "area_qualifier": "approx",
                         "scope": "national", "source": EXAMPLE},)),
    ImportKind("article4_remaining", "article4_remaining", "Article 4: remaining contamination reported",
               allowed=_precision_allowed("article4_remaining"),
               example=({"iso3": "LAO", "as_of_date": "2025-12-31", "as_of_date_precision": "day", "cha_km2": "2100",
                         "sha_km2": "8000", "scope": "national (State report)", "source": EXAMPLE},)),
    ImportKind("extension_requests", "extension_requests", "Article 3 and 4 extension requests",
               allowed={"article": ("3", "4"), "request_type": REQUEST_TYPES,
                        **_precision_allowed("extension_requests")},
               future_dates=("meeting_date", "requested_deadline", "granted_deadline"), checks=("obligation",),
               example=({"iso3": "LAO", "article": "4", "request_no": "3", "submitted_date": "2026-03",
                         "meeting": "3RC", "requested_deadline": "2030-08-01", "source": EXAMPLE},)),
    ImportKind("article7_reports", "article7_reports", "Article 7: transparency reports",
               allowed={"report_type": ("initial", "annual"), "record": ("submitted", "outstanding", "unclear"),
                        **_precision_allowed("article7_reports")},
               example=({"iso3": "AUT", "report_type": "annual", "reporting_year": "2025",
                         "submitted_date": "2026-04-28", "record": "submitted", "source": EXAMPLE},)),
    ImportKind("article9", "article9_measures", "Article 9: national implementation measures",
               allowed={"status": ("specific legislation adopted", "existing law deemed sufficient",
                                   "legislation in progress", "none reported"),
                        "confidence": ("high", "medium", "low"), **_precision_allowed("article9_measures")},
               example=({"iso3": "AUT", "status": "specific legislation adopted", "year_of_law": "2008",
                         "confidence": "high", "source": EXAMPLE},)),
    ImportKind("budget_actuals", "budget_lines", "ISU actual expenditure (budget lines, kind actual)",
               allowed={"budget_line": BUDGET_LINES}, fixed={"kind": "actual"}, rules=_BUDGET_RULES,
               example=({"year": "2025", "budget_line": "Salaries", "amount_chf": "350000.00",
                         "source": EXAMPLE},)),
    ImportKind("contributions", "contribution_records", "Contributions received by the ISU",
               rules=_CONTRIBUTION_RULES,
               example=({"iso3": "AUT", "year": "2025", "amount_chf": "25000.00", "received_date": "2025-03-14",
                         "source": EXAMPLE},)),
    ImportKind("article5", "article5_responsibility", "Article 5: States Parties with victims",
               example=({"iso3": "LAO", "as_of_date": "2025-09-01", "source": EXAMPLE},)),
)}


def kind(name: str) -> ImportKind:
    """The import kind called `name` (KeyError with the known names otherwise)."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown kind {name!r}: one of {', '.join(KINDS)}") from None


def template_rows(k: ImportKind) -> pd.DataFrame:
    """The template of a kind: every column it may hold, with one example row to replace."""
    names = [c.name for c in k.columns]
    return pd.DataFrame([{n: row.get(n, "") for n in names} for row in k.example], columns=names)


def template_markdown(k: ImportKind) -> str:
    """What each column of a kind's file holds (the template's documentation)."""
    lines = [f"# Import template: {k.name}", "", f"{k.title}: rows for the table `{k.table}`. "
             "UTF-8 CSV (comma or semicolon) or Excel .xlsx (first sheet, values only). "
             "Dates as YYYY-MM-DD (YYYY-MM or YYYY where only the month or year is known). "
             "The example row is invented: replace or delete it.", "",
             "| column | type | required | description | values |", "|---|---|---|---|---|"]
    for c in k.columns:
        values = ", ".join(k.allowed.get(c.name, ()))
        lines.append(f"| {c.name} | {c.type} | {'yes' if c.required else ''} | {c.description} | {values} |")
    if k.key:
        lines += ["", f"Key: {', '.join(k.key)}. A row whose key is already in the database is refused "
                  "unless the import replaces existing rows (`--replace`)."]
    if k.fixed:
        lines += ["", "Set on every row: " + ", ".join(f"{c} = {v}" for c, v in k.fixed.items()) + "."]
    return "\n".join(lines) + "\n"
