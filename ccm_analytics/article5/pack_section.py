"""The victim assistance (Article 5) section of the meeting pack, from the Article 5 page's own figures."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.article5 import figures
from ccm_analytics.article5.victims import screen_table
from ccm_analytics.domain.period import Period
from ccm_analytics.formats.section import Section, Table, cited_sources, plural
from ccm_analytics.formats.text import format_date
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import files_read

HEADING = "Victim assistance (Article 5)"
EMPTY = ("No State Party's responsibility for cluster munition victims is recorded: the ISU's list fills this "
         "section (python -m ccm_analytics template article5, then python -m ccm_analytics import article5 FILE, "
         "or the Data page).")


def section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """The States Parties with responsibility for victims on `as_of`, or what would fill the section."""
    listed = figures.responsibility(con, as_of)
    sources = cited_sources(queries.data_sources(con), files_read(figures.READS))
    if listed.empty:
        return Section(HEADING, [EMPTY], sources=sources, empty=True)
    sentence = (f"On {format_date(as_of)} {plural(len(listed), 'State Party has', 'States Parties have')} "
                "responsibility for cluster munition victims on record.")
    return Section(HEADING, [sentence], [Table("States Parties with responsibility for victims", screen_table(listed))],
                   None, sources)
