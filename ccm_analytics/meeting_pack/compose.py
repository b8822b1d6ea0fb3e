"""The meeting pack's composition: one section per theme of the Coordination Committee, in its order, each
contributed by its feature (`pack_section`), then the Lausanne Action Plan's progress. Every figure is
computed for `as_of` and the period, so a past meeting's pack can be rebuilt."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pandas as pd

from ccm_analytics.article5 import pack_section as article5
from ccm_analytics.article7 import pack_section as article7
from ccm_analytics.article9 import pack_section as article9
from ccm_analytics.deadlines import pack_section as deadlines
from ccm_analytics.domain.period import Period, next_meeting
from ccm_analytics.formats.section import Section, Table, cited_sources, period_text
from ccm_analytics.lausanne import figures as lausanne
from ccm_analytics.overview import pack_section as cooperation
from ccm_analytics.spending import pack_section as finances
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import files_read
from ccm_analytics.universalization import pack_section as universalization

LAP_HEADING = "Lausanne Action Plan progress"


@dataclass
class Pack:
    as_of: pd.Timestamp
    period: Period
    meeting: pd.Timestamp
    sections: list[Section]  # the eight themes, in the Committee's order
    lap: Section


def theme_builders(meeting: pd.Timestamp) -> list[tuple[str, Callable]]:
    """(progress label, builder(con, as_of, period) -> Section) for each theme, in the Committee's order."""
    return [
        ("universalization", universalization.section),
        ("stockpile destruction (Article 3)", lambda c, d, p: deadlines.section(c, d, p, 3, meeting)),
        ("clearance (Article 4)", lambda c, d, p: deadlines.section(c, d, p, 4, meeting)),
        ("victim assistance (Article 5)", article5.section),
        ("international cooperation", cooperation.cooperation_section),
        ("transparency (Article 7)", article7.section),
        ("national measures (Article 9)", article9.section),
        ("general status and finances", finances.section),
    ]


def lap_section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """The Lausanne Action Plan figures as a section: one row per figure, with its rule."""
    frame = lausanne.lap_figures(con, as_of, period)
    measured = frame[frame["Value"] != lausanne.NOT_MEASURED]
    sentence = (f"{len(measured)} figures measure the Plan's actions from {period_text(period.start, period.end)}; "
                f"{len(frame) - len(measured)} lines name what the data cannot "
                "measure. Each trend compares with the previous period or the period's start.")
    return Section(LAP_HEADING, [sentence], [Table("Lausanne Action Plan figures", frame)], None,
                   cited_sources(queries.data_sources(con), files_read(lausanne.READS)))


def build_pack(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period, meeting: pd.Timestamp | None = None,
               progress: Callable[[str], None] = lambda _: None) -> Pack:
    """Every theme's section and the Plan's progress for `as_of` and `period`, against the next Meeting."""
    as_of = pd.Timestamp(as_of)
    meeting = next_meeting(as_of, meeting)
    sections = []
    for label, build in theme_builders(meeting):
        progress(label)
        sections.append(build(con, as_of, period))
    progress("Lausanne Action Plan")
    return Pack(as_of, period, meeting, sections, lap_section(con, as_of, period))
