"""The international cooperation and assistance section of the meeting pack: the data hold no record of
cooperation or assistance (Article 6), so the section says what would fill it."""
from __future__ import annotations

import duckdb
import pandas as pd

from ccm_analytics.domain.period import Period
from ccm_analytics.formats.section import Section

HEADING = "International cooperation and assistance"
EMPTY = ("The data hold no record of cooperation and assistance (Article 6): requests for and offers of assistance "
         "reported in Article 7 Forms I and J would fill this section; no import kind exists for them yet.")


def cooperation_section(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, period: Period) -> Section:
    """The cooperation section: no data, and what would fill it."""
    return Section(HEADING, [EMPTY], empty=True)
