"""Figures of the Universalization and Country profile pages, and the "data current to" text."""
import io

import openpyxl
import pandas as pd

from ccm_analytics.country_profile import figures as country_profile_figures
from ccm_analytics.country_profile import profiles
from ccm_analytics.store import provenance, queries
from ccm_analytics.universalization import figures as universalization_figures

DATES = [pd.Timestamp("2010-12-31"), pd.Timestamp("2025-03-06"), pd.Timestamp("2026-11-28")]


def _sheets(xlsx: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_current_to_text_groups_files_by_date():
    sources = pd.DataFrame({"file": ["a.csv", "b.csv", "c.csv", "d.csv"],
                            "current_to": pd.to_datetime(["2025-09-01", "2020-11-01", "2025-09-01", "2024-01-01"]),
                            "current_to_precision": ["month", "month", "month", "year"]})
    # a and c share September 2025 (the latest first), then b; d is not asked for
    assert provenance.current_to_text(sources, ["a.csv", "b.csv", "c.csv"]) == \
        "September 2025 (a.csv, c.csv); November 2020 (b.csv)"
    assert provenance.current_to_text(sources, ["x.csv"]) == "unknown"


def test_profile_picker_lists_every_state(con):
    made = country_profile_figures.picker(con)
    states = queries.table(con, "states")
    assert made.options == profiles.state_options(states) and made.names == profiles.state_names(states)
    assert len(made.options) == 39 and made.names["LAO"] == "Lao People's Democratic Republic"  # states.csv


def test_known_absence_in_the_status_table(con):
    # Indonesia signed on 3 December 2008 and has not ratified; the United States has no event, and Chad
    # acceded without signing (tests/fixture_data/treaty_events.csv).
    every = universalization_figures.figures(con, pd.Timestamp("2026-11-28")).every_state.set_index("iso3")
    assert every.loc["IDN", "signature_date"] == "3 December 2008"
    assert every.loc["IDN", "consent_date"] == "not ratified"
    assert every.loc["USA", "signature_date"] == "not signed" and every.loc["USA", "consent_date"] == "not ratified"
    assert every.loc["TCD", "signature_date"] == "not signed"
    assert "unknown" not in set(every["signature_date"]) | set(every["consent_date"])
    others = universalization_figures.targets(con, pd.Timestamp("2026-11-28")).others.set_index("iso3")
    assert others.loc["USA", "consent_date"] == "not ratified"
