"""The national implementation measures (Article 9) section of the meeting pack, from the Article 9 page's figures."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.article9 import figures
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

HEADING = "National implementation measures (Article 9)"
IN_PLACE = ("specific legislation adopted", "existing law deemed sufficient")  # measures in place, as the page counts


def measures_in_place(counts: pd.DataFrame) -> tuple[int, int]:
    """(States Parties with measures in place, all States Parties) from `measures.counts_by_status`."""
    return int(counts.loc[counts["status"].isin(IN_PLACE), "states"].sum()), int(counts["states"].sum())


def section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """States Parties by status of their national measures, and how many have no status on record."""
    page = figures.figures(con, as_of)
    in_place, parties = measures_in_place(page.counts)
    unknown = int(page.counts.loc[page.counts["status"] == "unknown", "states"].sum())
    sentences = [
        (f"On {format_date(as_of)} {plural(in_place, 'State Party has', 'States Parties have')} national measures in "
        f"place (specific legislation, or existing law deemed sufficient): {per_cent(in_place, parties)} of {parties}."),
        page.shares.replace("the reference date", format_date(as_of)),
        f"For {plural(unknown, 'State Party', 'States Parties')} the data record no status: shown as unknown."]
    table = text_frame(pd.DataFrame({"Status": page.counts["status"], "States Parties": page.counts["states"]}))
    total = pd.DataFrame({"Status": ["Total"], "States Parties": [f"{parties:,}".replace(",", "'")]})
    return Section(HEADING, sentences, [Table("States Parties by status", pd.concat([table, total], ignore_index=True),
                                              total=True)],
                   page.region_chart, cited_sources(queries.data_sources(con), files_read(figures.READS)))
