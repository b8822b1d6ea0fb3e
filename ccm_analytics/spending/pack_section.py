"""The general status and operation section of the meeting pack, with the ISU's finances: the budget of the
year in the work plan's order with its total, and who has paid (contributions by State for the year, States
Parties without one, coverage); "not loaded" where no contribution record exists. Money stays integer
centimes until the cells are written."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.domain.period import Period
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats.money import format_centimes
from ccm_analytics.formats.section import (
    Section,
    Table,
    cited_sources,
    per_cent,
    plural,
)
from ccm_analytics.formats.text import format_date
from ccm_analytics.spending import analysis, figures
from ccm_analytics.spending.budget import budget_for_year
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import files_read

HEADING = "General status and operation of the Convention, and the ISU's finances"
NOT_LOADED = ("Contributions: not loaded (no contribution record is in the database; contributions are not "
              "public: python -m ccm_analytics import contributions FILE, or the Data page, adds the ISU's records).")


def budget_frame(lines: pd.DataFrame, year: int) -> pd.DataFrame:
    """The budget of `year` by line in the work plan's order (Salaries first) and a Total row: text cells."""
    table = analysis.budget_table(lines)
    return pd.DataFrame({"Budget line": table["budget_line"],
                         "Amount (CHF)": [format_centimes(v, currency=False) for v in table[str(year)]]})


def paid_by_state(contributions: pd.DataFrame, facts: pd.DataFrame, year: int) -> pd.DataFrame:
    """One row per payment for `year`: state_name, amount_centimes, received_date; largest first."""
    chosen = contributions[contributions["year"] == year]
    names = dict(zip(facts["iso3"], facts["state_name"]))
    out = pd.DataFrame({"state_name": chosen["iso3"].map(names).fillna(chosen["iso3"]),
                        "amount_centimes": chosen["amount_centimes"].astype("int64"),
                        "received_date": chosen["received_date"]})
    return out.sort_values(["amount_centimes", "state_name"], ascending=[False, True]).reset_index(drop=True)


def paid_screen(paid: pd.DataFrame) -> pd.DataFrame:
    """`paid_by_state` with word headers and a total row (the sum in centimes, formatted last)."""
    total = int(paid["amount_centimes"].sum())
    return pd.DataFrame({
        "State": [*paid["state_name"], "Total"],
        "Amount (CHF)": [format_centimes(v, currency=False) for v in [*paid["amount_centimes"], total]],
        "Date received": [format_date(d) if pd.notna(d) else "unknown" for d in paid["received_date"]] + [""]})


def section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """The year's budget and who has paid for it."""
    as_of = pd.Timestamp(as_of)
    lines = queries.budget_lines(con)
    sources = cited_sources(queries.data_sources(con), files_read(figures.READS))
    year, total = budget_for_year(lines, as_of.year)
    if year is None:
        return Section(HEADING, [("No ISU budget is on record: python -m ccm_analytics import budget_actuals FILE "
                                 "adds one.")], sources=sources, empty=True)
    sentences = [f"The ISU budget for {year} is {format_centimes(total)}"
                 + ("." if year == as_of.year else f" (no budget is on record for {as_of.year}; {year} is the latest).")]
    tables = [Table(f"ISU budget {year}", budget_frame(lines, year), total=True)]
    page = figures.page(con, as_of)
    received = analysis.counted_contributions(queries.contributions(con), as_of)
    if not page.contributions_recorded:
        sentences.append(NOT_LOADED)
    else:
        paid = paid_by_state(received, state_facts(queries.table(con, "states"), queries.table(con, "treaty_events")), year)
        missing = figures.non_contributors(con, as_of, year)
        paid_total = int(paid["amount_centimes"].sum())
        sentences.append(
            f"Contributions for {year} received by {format_date(as_of)}: {format_centimes(paid_total)} from "
            f"{plural(paid['state_name'].nunique(), 'State', 'States')}, {per_cent(paid_total, total)} of the budget; "
            f"{plural(missing.count, 'State Party has', 'States Parties have')} no contribution for {year} on record.")
        tables.append(Table(f"Contributions for {year} by State", paid_screen(paid), total=True))
        if missing.count:
            tables.append(Table(f"States Parties without a contribution for {year}", missing.table))
    sentences += [f"GICHD in-kind support (not cash): {note}" for note in page.in_kind_notes]
    chart = page.budget.chart if page.budget else None
    return Section(HEADING, sentences, tables, chart, sources)
