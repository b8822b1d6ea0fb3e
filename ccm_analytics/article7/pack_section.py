"""The transparency measures (Article 7) section of the meeting pack, from the Article 7 page's own figures."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.article7 import figures
from ccm_analytics.domain.period import Period
from ccm_analytics.formats.section import (
    Section,
    Table,
    cited_sources,
    per_cent,
    plural,
    text_frame,
)
from ccm_analytics.formats.text import format_date
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import files_read

HEADING = "Transparency measures (Article 7)"


def latest_rate(rates: pd.DataFrame, as_of: pd.Timestamp) -> tuple[int, int, int] | None:
    """(reporting year, reports on record by 30 April, reports due) for the latest reporting year whose
    30 April deadline is on or before `as_of`; None when no annual report was due."""
    due = rates[[pd.Timestamp(int(y) + 1, 4, 30) <= as_of for y in rates["reporting_year"]]] if len(rates) else rates
    if due.empty:
        return None
    row = due.sort_values("reporting_year").iloc[-1]
    return int(row["reporting_year"]), int(row["on_time"]), int(row["due"])


def section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """Initial reports by status, those overdue by record (named), and the latest annual reporting rate."""
    page = figures.figures(con, as_of)
    fig = page.figures
    counts = fig.initial_counts[fig.initial_counts["reports"] > 0]
    overdue = page.overdue
    rate = latest_rate(fig.rates, as_of)
    sentences = [
        f"Initial reports of the {plural(len(fig.initial), 'State Party', 'States Parties')} on {format_date(as_of)}: "
        + ", ".join(f"{n} {s}" for s, n in counts.itertuples(index=False)) + ".",
        f"{plural(len(overdue), 'initial report is', 'initial reports are')} overdue by record"
        + (f": {'; '.join(overdue['State Party'])}." if len(overdue) else "."),
        ("No annual report was due by the reference date." if rate is None else
         f"Annual reports for {rate[0]}, due 30 April {rate[0] + 1}: {rate[1]} of {rate[2]} on record by that day "
         f"({per_cent(rate[1], rate[2])}); the data hold {page.completeness}."),
    ]
    if fig.after_data:
        sentences.append(f"The records are current to {format_date(page.current_to)}: no report is called overdue "
                         "after that date.")
    tables = [Table("Initial reports by status", text_frame(counts.rename(columns={"status": "Status",
                                                                              "reports": "States Parties"})))]
    if len(overdue):
        tables.append(Table("Initial reports overdue by record", overdue[["State Party", "Due date"]]))
    if page.rates_table is not None:
        tables.append(Table("Annual reports by reporting year", page.rates_table.tail(5)))
    return Section(HEADING, sentences, tables, page.status_chart,
                   cited_sources(queries.data_sources(con), files_read(figures.READS)))
