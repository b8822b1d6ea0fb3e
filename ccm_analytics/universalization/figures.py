"""The Universalization page's analyses, figures and download files for a reference date:
`(con, as_of, *args) -> result`, cached by `ui.load_computed` per database file, reference date and
arguments, so a rerun of the page (a widget change, a second visitor) does no pandas, plotly or
Excel work again. Importable without Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats import downloads, geo
from ccm_analytics.formats.links import with_profile_links
from ccm_analytics.formats.text import format_date
from ccm_analytics.store import queries
from ccm_analytics.store.provenance import current_to_text
from ccm_analytics.universalization import analysis as uz
from ccm_analytics.universalization import charts

FILES = ["treaty_events.csv"]  # the data file the page's figures and downloads come from


@dataclass(frozen=True)
class Download:
    """The bytes of a CSV and an Excel file of one frame (see `downloads`), and the file stem."""
    stem: str
    csv: bytes
    xlsx: bytes


@dataclass(frozen=True)
class Figures:
    """Everything the page shows above the Targets section, for one reference date."""
    states_parties: int
    by_category: dict[str, int]
    status_map: go.Figure
    map_alt: str
    off_map: pd.DataFrame          # States shown as points, with profile links
    every_state: pd.DataFrame      # the map as a table, dates as text, with profile links
    status_download: Download
    parties_over_time: go.Figure
    new_parties: go.Figure
    by_year: pd.DataFrame
    by_year_download: Download
    regions: pd.DataFrame
    regions_download: Download
    subregions: pd.DataFrame
    subregions_download: Download
    region_names: list[str]


@dataclass(frozen=True)
class Targets:
    """The Targets section for one reference date and choice of UN regions."""
    signatories: pd.DataFrame      # with profile links
    others: pd.DataFrame           # dates as text, with profile links
    download: Download


def download(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, stem: str, as_of: pd.Timestamp,
             files: list[str] = FILES) -> Download:
    """The CSV and Excel files `ui.download_buttons(frame, stem, as_of, files)` would offer."""
    sources = queries.table(con, "data_sources")
    return Download(stem, downloads.csv_bytes(frame),
                    downloads.xlsx_bytes(frame, sources[sources["file"].isin(files)], as_of,
                                         current_to_text(sources, files)))


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
        status_download=download(con, state_status, "state_status", as_of),
        parties_over_time=charts.parties_over_time_by_region(uz.parties_over_time_by_region(facts, as_of),
                                                             uz.milestones(facts, as_of), as_of),
        new_parties=charts.new_parties_per_year(by_year, as_of),
        by_year=by_year,
        by_year_download=download(con, by_year, "new_parties_by_year", as_of),
        regions=regions,
        regions_download=download(con, regions, "regions", as_of),
        subregions=subregions,
        subregions_download=download(con, subregions, "subregions", as_of),
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
        download=download(con, target_frame, "targets", as_of),
    )
