"""The Country profile page's tables for a reference date and a State: `(con, as_of, *args) -> result`,
cached by `ui.figures`, so a rerun of the page does no pandas work again. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from ccm_analytics.article7.status import initial_reports
from ccm_analytics.country_profile import profiles
from ccm_analytics.store import queries

# What the page reads: its lineage.
READS = ("state_status_at", "obligation_deadlines_at", "extension_decisions", "article3_stockpiles",
         "article4_clearance", "article7_reports", "article9_measures")


@dataclass(frozen=True)
class Picker:
    """The State picker's options (ISO3 codes) and the names it shows."""
    options: list[str]
    names: dict[str, str]


@dataclass(frozen=True)
class Profile:
    """One State's profile on a reference date: each table as the page shows it (`profiles.labelled`)."""
    name: str
    header: pd.DataFrame
    obligations: pd.DataFrame
    extensions: pd.DataFrame      # empty: no extension request on record
    initial_report: pd.DataFrame
    annual_reports: pd.DataFrame  # empty: no annual report record
    article9: pd.DataFrame
    workbench_links: tuple[tuple[int, dict[str, str]], ...] = ()  # (article, the workbench's URL parameters)


def picker(con: duckdb.DuckDBPyConnection) -> Picker:
    """The picker's options and names, from the states table (no reference date: call with as_of None)."""
    states = queries.table(con, "states")
    return Picker(profiles.state_options(states), profiles.state_names(states))


def _labelled_or_empty(rows: pd.DataFrame) -> pd.DataFrame:
    return rows if rows.empty else profiles.labelled(rows)


def profile(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, iso3: str) -> Profile:
    """The profile of State `iso3` on `as_of` (the `profiles` functions on the tables they read)."""
    states = queries.table(con, "states")
    status_at = queries.state_status_at(con, as_of)
    current_to_texts = profiles.current_to_texts(queries.table(con, "data_sources"))
    records = queries.table(con, "article7_reports")
    deadlines = queries.obligation_deadlines_at(con, as_of)
    return Profile(
        name=profiles.state_name(states, iso3),
        header=profiles.labelled(profiles.header(iso3, queries.table(con, "state_status"), status_at,
                                                 queries.table(con, "treaty_events"), as_of, current_to_texts)),
        obligations=profiles.labelled(profiles.obligations(
            iso3, deadlines, queries.table(con, "article3_stockpiles"),
            queries.table(con, "article4_clearance"), profiles.is_party(status_at, iso3), as_of, current_to_texts)),
        extensions=_labelled_or_empty(profiles.extension_history(iso3, queries.extension_decisions(con), as_of,
                                                                 current_to_texts)),
        initial_report=profiles.labelled(profiles.initial_report(
            iso3, status_at, initial_reports(con, as_of, iso3), records, as_of, current_to_texts)),
        annual_reports=_labelled_or_empty(profiles.annual_reports(iso3, records, as_of, current_to_texts)),
        article9=profiles.labelled(profiles.article9(iso3, queries.table(con, "article9_measures"),
                                                     current_to_texts)),
        workbench_links=_workbench_links(deadlines, iso3, as_of),
    )


def _workbench_links(obligations: pd.DataFrame, iso3: str, as_of: pd.Timestamp) -> tuple:
    """The workbench's URL parameters for each Article 3 or 4 obligation of the State on `as_of`."""
    articles = sorted(int(a) for a in obligations.loc[obligations["iso3"] == iso3, "article"])
    return tuple((a, {"iso3": iso3, "article": str(a), "as_of": pd.Timestamp(as_of).strftime("%Y-%m-%d")})
                 for a in articles)
