"""Empty import templates for the ISU's money data, with their columns taken from schema.py.

Two kinds: `contributions` (the `contribution_records` table: one row per payment received) and
`budget_actuals` (the `budget_lines` table with kind = actual: one row per year and budget line).
Import a filled template with `python -m ccm_analytics import KIND FILE`.
"""
from __future__ import annotations

import io

import pandas as pd

from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.store import schema
from ccm_analytics.store.imports.money_rules import FIRST_YEAR, LAST_YEAR

KINDS = ("contributions", "budget_actuals")
_TABLE = {"contributions": "contribution_records", "budget_actuals": "budget_lines"}
_LEFT_OUT = {"budget_actuals": {"kind"}}  # the import sets kind = 'actual'

# How to write each column, beyond its description in schema.py.
_FORMAT = {
    "iso3": "ISO 3166-1 alpha-3 code in capitals, e.g. CHE",
    "year": f"budget year, a whole number from {FIRST_YEAR} to {LAST_YEAR}",
    "amount_chf": "Swiss francs, e.g. 25000, 25'000 or 25’000.50 (at most two decimals, not negative)",
    "received_date": "YYYY-MM-DD, e.g. 2024-03-15",
    "payment_ref": "any text; needed to keep two payments of one State in one year apart",
    "budget_line": "one of: " + ", ".join(BUDGET_LINES),
    "source": "where the figures come from, e.g. ISU accounts 2024",
    "notes": "any text",
}


def template_columns(kind: str) -> pd.DataFrame:
    """One row per column of the template: column, required, description (schema.py), format."""
    if kind not in KINDS:
        raise ValueError(f"unknown template kind {kind!r}: one of {', '.join(KINDS)}")
    table = schema.table(_TABLE[kind])
    rows = [(c.name, "yes" if c.required else "no", c.description, _FORMAT.get(c.name, ""))
            for c in table.columns if c.name not in _LEFT_OUT.get(kind, set())]
    return pd.DataFrame(rows, columns=["column", "required", "description", "format"])


def template_frame(kind: str) -> pd.DataFrame:
    """The empty template of `kind` ("contributions" or "budget_actuals"): its columns, no rows,
    every column text (as an import reads a file)."""
    columns = list(template_columns(kind)["column"])
    return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})


def template_csv(kind: str) -> bytes:
    """The empty template as a CSV file: the header row only (UTF-8)."""
    return template_frame(kind).to_csv(index=False).encode("utf-8")


def template_xlsx(kind: str) -> bytes:
    """The empty template as an Excel workbook: sheet `data` (header row only) and sheet `columns`
    describing each column."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        template_frame(kind).to_excel(writer, sheet_name="data", index=False)
        template_columns(kind).to_excel(writer, sheet_name="columns", index=False)
    return buffer.getvalue()
