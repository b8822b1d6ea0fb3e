"""The database schema, declared once: every table and public view, with a description per column.

`build` creates the tables from these declarations, `COMMENT ON`s every column (so ad hoc users
see the descriptions in `duckdb_columns()`), and imports validate against the same declarations.
`docs/data-dictionary.md` is generated from here (`python -m ccm_analytics docs`). The declarations
live in `tables`, `views` and `macros`; this module gathers them.
"""
from __future__ import annotations

from ccm_analytics.store.declarations import Column, Table, View
from ccm_analytics.store.macros import MACRO_READS, MACROS
from ccm_analytics.store.tables import TABLES
from ccm_analytics.store.views import VIEWS

__all__ = ["Column", "Table", "View", "TABLES", "VIEWS", "MACROS", "MACRO_READS", "table", "view",
           "create_table_sql", "comment_sql", "data_dictionary_markdown"]


def table(name: str) -> Table:
    """The declared table called `name`."""
    return next(t for t in TABLES if t.name == name)


def view(name: str) -> View:
    """The declared public view called `name`."""
    return next(v for v in VIEWS if v.name == name)


def create_table_sql(t: Table) -> str:
    cols = ",\n    ".join(f"{c.name} {c.type}{' NOT NULL' if c.required else ''}" for c in t.columns)
    return f"CREATE TABLE {t.name} (\n    {cols}\n)"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_sql(obj: Table | View) -> list[str]:
    """COMMENT ON statements that put the descriptions into the database catalogue."""
    kind = "TABLE" if isinstance(obj, Table) else "VIEW"
    out = [f"COMMENT ON {kind} {obj.name} IS {_quote(obj.description)}"]
    out += [f"COMMENT ON COLUMN {obj.name}.{c.name} IS {_quote(c.description)}" for c in obj.columns]
    return out


def data_dictionary_markdown() -> str:
    """The data dictionary, in Markdown, generated from the declarations."""
    lines = ["# Data dictionary", "",
             "Generated from `ccm_analytics/schema.py` by `python -m ccm_analytics docs`; do not edit by hand.",
             "Public views are a contract: their names and columns change only with notice.", "",
             "## Public views", ""]
    for v in VIEWS:
        lines += [f"### `{v.name}`", "", v.description, ""] + [f"- {n}" for n in v.notes]
        lines += ["" if v.notes else None, "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.description} |" for c in v.columns] + [""]
    lines += ["## Tables", ""]
    for t in TABLES:
        lines += [f"### `{t.name}`", "", t.description, "", "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.description}{' Required.' if c.required else ''} |" for c in t.columns]
        lines += [""]
    return "\n".join(line for line in lines if line is not None)
