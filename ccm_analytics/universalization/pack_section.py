"""The universalization section of the meeting pack, from the Universalization page's own figures."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.domain.period import Period
from ccm_analytics.formats.section import (
    Section,
    Table,
    cited_sources,
    plural,
    text_frame,
)
from ccm_analytics.formats.text import format_count, format_date
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import files_read
from ccm_analytics.universalization import analysis as uz
from ccm_analytics.universalization import figures

HEADING = "Universalization"


def joined_and_left(status: pd.DataFrame, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The States whose instrument was deposited in the period, and those whose withdrawal took effect in it
    (state_name and the day), earliest first."""
    joined = status[period.contains(status["consent_date"])].sort_values("consent_date")
    left = status[period.contains(status["withdrawal_date"])].sort_values("withdrawal_date")
    return (joined[["state_name", "consent_date"]].reset_index(drop=True),
            left[["state_name", "withdrawal_date"]].reset_index(drop=True))


def _names(frame: pd.DataFrame, column: str) -> str:
    return "; ".join(f"{r.state_name} ({format_date(getattr(r, column))})" for r in frame.itertuples())


def section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """Counts on `as_of` and at the start of the period, who joined or left in the period, the status map."""
    now_status = figures.status(con, as_of)
    before = uz.headline_counts(figures.status(con, period.start - pd.Timedelta(days=1)))
    now = uz.headline_counts(now_status)
    joined, left = joined_and_left(now_status, period)
    in_period = f"from {format_date(period.start)} to {format_date(period.end)}"
    sentences = [
        (f"On {format_date(as_of)} the Convention has {plural(now['states_parties'], 'State Party', 'States Parties')}"
        f" ({format_count(now['in_force'])} for which it is in force) and "
        f"{plural(now['signatories'], 'Signatory', 'Signatories')}; {format_count(now['not_party'])} States are not party."),
        f"{plural(len(joined), 'State', 'States')} joined {in_period}"
        + (f": {_names(joined, 'consent_date')}." if len(joined) else "."),
        f"{plural(len(left), 'withdrawal', 'withdrawals')} took effect {in_period}"
        + (f": {_names(left, 'withdrawal_date')}." if len(left) else "."),
    ]
    start_label = format_date(period.start - pd.Timedelta(days=1))
    counts = pd.DataFrame({
        "Status": ["States Parties", "Convention in force for", "Signatories", "States not party"],
        start_label: [before["states_parties"], before["in_force"], before["signatories"], before["not_party"]],
        format_date(as_of): [now["states_parties"], now["in_force"], now["signatories"], now["not_party"]]})
    tables = [Table("Status of the Convention", text_frame(counts))]
    if len(joined) or len(left):
        moves = pd.DataFrame({"State": list(joined["state_name"]) + list(left["state_name"]),
                              "Change": ["joined"] * len(joined) + ["withdrawal took effect"] * len(left),
                              "Date": [format_date(d) for d in list(joined["consent_date"]) + list(left["withdrawal_date"])]})
        tables.append(Table("Joined or withdrawn in the period", moves))
    chart = figures.figures(con, as_of).status_map
    return Section(HEADING, sentences, tables, chart, cited_sources(queries.data_sources(con), files_read(figures.READS)))
