"""Databases of hand-made States made in a test, built with the real schema and macros: for rule tests
that need States of their own beside the recorded fixture (tests/fixture_data), e.g. one State per case
of a rule, checked against the pandas twins.

Thirty filler States deposit on 1 December 2009 (so the Convention enters into force on 1 June 2010);
the tests add their own States, events and records and filter the fillers out of what they check.
"""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.store import schema

FILLERS = [f"F{n:02d}" for n in range(30)]


def handmade_database(deposits: dict[str, str], records: pd.DataFrame | None = None,
                      current_to: str = "2025-09", extra: dict[str, pd.DataFrame] | None = None):
    """An in-memory database: `deposits` maps a State's code to the day it deposited its instrument;
    `records` are article7_reports rows (any missing column empty); `extra` other tables' rows."""
    con = duckdb.connect()
    for table in schema.TABLES:
        con.execute(schema.create_table_sql(table))
    states = {**{f: "2009-12-01" for f in FILLERS}, **deposits}
    for iso3, day in states.items():
        con.execute("INSERT INTO states VALUES (?, ?, 'Europe', 'Northern Europe', NULL)", [iso3, f"State {iso3}"])
        con.execute("INSERT INTO treaty_events VALUES (?, 'ratification', ?, 'test')", [iso3, day])
    for file in {t.data_file for t in schema.TABLES if t.data_file}:
        con.execute("INSERT INTO data_sources (file, title, source, accessed, current_to, current_to_precision) "
                    "VALUES (?, 'test', 'test', 'test', ?, 'month')", [file, f"{current_to}-01"])
    tables = {"article7_reports": records} if records is not None else {}
    for name, frame in {**tables, **(extra or {})}.items():
        columns = [c.name for c in schema.table(name).columns]
        con.register("handmade_rows", frame.reindex(columns=columns))
        con.execute(f"INSERT INTO {name} SELECT * FROM handmade_rows")
        con.unregister("handmade_rows")
    con.execute(schema.MACROS)
    for view in schema.VIEWS:
        con.execute(f"CREATE OR REPLACE VIEW {view.name} AS {view.sql}")
    return con


def rows(table: str, *records: dict) -> pd.DataFrame:
    """Rows for `extra`: each record a dict of some of `table`'s columns (the others empty)."""
    columns = [c.name for c in schema.table(table).columns]
    return pd.DataFrame(list(records)).reindex(columns=columns)


def handmade_with_events(deposits: dict[str, str], withdrawals: dict[str, str] | None = None,
                         extra: dict[str, pd.DataFrame] | None = None, current_to: str = "2025-09",
                         signatures: dict[str, str] | None = None):
    """`handmade_database` with withdrawals (the day each takes effect) and signatures added to the treaty
    events (`treaty.state_facts` needs at least one signature among them)."""
    events = rows("treaty_events", *(
        [{"iso3": i, "event_type": "withdrawal", "event_date": d, "source": "test"} for i, d in (withdrawals or {}).items()]
        + [{"iso3": i, "event_type": "signature", "event_date": d, "source": "test"}
           for i, d in (signatures or {}).items()]))
    tables = {**(extra or {})}
    if len(events):
        tables["treaty_events"] = events
    return handmade_database(deposits, current_to=current_to, extra=tables)
