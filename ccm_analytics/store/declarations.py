"""The building blocks of the schema declaration: a column, a table, a view, and the columns many tables share.

`build` creates the tables from these declarations, `COMMENT ON`s every column (so ad hoc users
see the descriptions in `duckdb_columns()`), and imports validate against the same declarations.
`docs/data-dictionary.md` is generated from here (`python -m ccm_analytics docs`).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    data_file: str | None = None  # the shipped CSV in data/, if any


@dataclass(frozen=True)
class View:
    name: str
    description: str
    columns: tuple[Column, ...]
    sql: str
    public: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)
    reads: tuple[str, ...] = ()  # the tables, views and macros it reads: its lineage
    dated_macro: str | None = None  # the table macro giving the same rows on any date, e.g. state_status_at


C = Column
PRECISION = "Precision of the date before it: day, month or year (a month or year is stored as its first day)."
SOURCE = C("source", "VARCHAR", "Where the facts of this row come from.")
SOURCE_URL = C("source_url", "VARCHAR", "Address of the source page, where one is known.")
SOURCE_DATE = C("source_date", "VARCHAR", "The source page's own date (YYYY-MM-DD, YYYY-MM or YYYY), or FROM/TO "
                "where the page is undated and only a window is known.")
NOTES = C("notes", "VARCHAR", "Caveats and the sources' own wording where a value was read from free text.")

