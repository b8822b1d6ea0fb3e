"""The world map's coverage: which States the shipped topojson draws, and points for the others.

`static/world_110m.json` (plotly's 110m map) has no shapes for small States (Andorra, Holy See,
Malta, Monaco, Maldives, the small island States of the Caribbean and the Pacific, ...). The
universalization map marks those with points at the coordinates hdx-python-country gives (the
same pinned, offline library that gives the app its UN names and regions), so no State is lost.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.states import _countries
from ccm_analytics.paths import STATIC_DIR

MAP_FILE = STATIC_DIR / "world_110m.json"


@lru_cache(maxsize=4)
def map_iso3(path: Path = MAP_FILE) -> frozenset[str]:
    """ISO3 codes of the country shapes in a plotly topojson file (`objects.countries`)."""
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    return frozenset(str(g["id"]) for g in topo["objects"]["countries"]["geometries"] if g.get("id"))


def coordinates(iso3s: list[str]) -> pd.DataFrame:
    """One row per ISO3 code: latitude and longitude (−180..180) from hdx-python-country, NaN if unknown."""
    rows = []
    for code in iso3s:
        info = _countries().get(code, {})
        lat, lon = pd.to_numeric(info.get("Latitude"), errors="coerce"), pd.to_numeric(info.get("Longitude"), errors="coerce")
        if pd.notna(lon):
            lon = (float(lon) + 180) % 360 - 180  # Tuvalu is given as 181°
        rows.append((code, lat, lon))
    return pd.DataFrame(rows, columns=["iso3", "lat", "lon"])


def split_by_map(frame: pd.DataFrame, on_map: frozenset[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows the map draws as shapes, rows it cannot draw) of a frame with an `iso3` column."""
    drawn = frame["iso3"].isin(on_map)
    return frame[drawn].reset_index(drop=True), frame[~drawn].reset_index(drop=True)


def off_map_points(frame: pd.DataFrame, on_map: frozenset[str]) -> pd.DataFrame:
    """The rows the map cannot draw as shapes, with `lat` and `lon` added for point markers."""
    _, off = split_by_map(frame, on_map)
    return off.merge(coordinates(list(off["iso3"])), on="iso3", how="left")
