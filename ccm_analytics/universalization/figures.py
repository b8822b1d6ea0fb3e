"""The Universalization page's analyses and figures for a reference date: `(con, as_of, *args) -> result`,
cached by `ui.figures` per function, database file and arguments, so a rerun of the page (a widget
change, a second visitor) does no pandas or plotly work again. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats import geo
from ccm_analytics.formats.links import with_profile_links
from ccm_analytics.formats.text import format_date
from ccm_analytics.store import queries
from ccm_analytics.universalization import analysis as uz
from ccm_analytics.universalization import charts

READS = ("state_status_at", "states", "treaty_events")  # what the page reads: its lineage


@dataclass(frozen=True)
class Figures:
    """Everything the page shows above the Targets section, for one reference date."""
    states_parties: int
    by_category: dict[str, int]
    status_map: go.Figure
    map_alt: str
    off_map: pd.DataFrame          # States shown as points, with profile links
    every_state: pd.DataFrame      # the map as a table, dates as text, with profile links
    state_status: pd.DataFrame     # the status of every State, as the download holds it
    parties_over_time: go.Figure
    new_parties: go.Figure
    by_year: pd.DataFrame
    regions: pd.DataFrame
    subregions: pd.DataFrame
    region_names: list[str]


@dataclass(frozen=True)
class Targets:
    """The Targets section for one reference date and choice of UN regions."""
    signatories: pd.DataFrame      # with profile links
    others: pd.DataFrame           # dates as text, with profile links
    file: pd.DataFrame             # the targets as the download holds them


def status(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> pd.DataFrame:
    """`universalization.status_for_map` of `state_status_at(as_of)`: one row per State."""
    return uz.status_for_map(queries.state_status_at(con, as_of))


def figures(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp) -> Figures:
    """The page's counts, map, tables, charts and files above the Targets section."""
    state_status = status(con, as_of)
    by_category = uz.category_counts(state_status)
    on_map = geo.map_iso3()
    shapes, _ = geo.split_by_map(state_status, on_map)
    points = geo.off_map_points(state_status, on_map)
    summary = "; ".join(f"{c}: {n}" for c, n in by_category.items())
    every = uz.state_list(uz.event_dates_as_text(state_status))  # "not signed", "not ratified": known absence
    facts = state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))
    by_year = uz.new_parties_by_year(facts, as_of)
    regions = uz.region_counts(state_status)
    subregions = uz.region_counts(state_status, ("un_region", "un_subregion"))
    return Figures(
        states_parties=uz.headline_counts(state_status)["states_parties"],
        by_category=by_category,
        status_map=charts.status_map(shapes, points, as_of),
        map_alt=f"World map of the Convention's status on {format_date(as_of)}. {summary}.",
        off_map=with_profile_links(uz.state_list(points, dates=False), as_of),
        every_state=with_profile_links(every, as_of),
        state_status=state_status,
        parties_over_time=charts.parties_over_time_by_region(uz.parties_over_time_by_region(facts, as_of),
                                                             uz.milestones(facts, as_of), as_of),
        new_parties=charts.new_parties_per_year(by_year, as_of),
        by_year=by_year,
        regions=regions,
        subregions=subregions,
        region_names=uz.region_names(state_status),
    )


def targets(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, regions: tuple[str, ...] = ()) -> Targets:
    """Signatories that have not ratified, and other States not party, in the chosen UN regions
    (all regions when none is chosen); `regions` a tuple so that it can key the cache."""
    target_frame = uz.targets(status(con, as_of), as_of, list(regions))
    others = uz.non_signatory_targets(target_frame)
    return Targets(
        signatories=with_profile_links(uz.signatory_targets(target_frame), as_of),
        others=with_profile_links(uz.event_dates_as_text(others), as_of),
        file=target_frame,
    )
