"""Widgets the pages share: downloads, the State picker, profile links, the URL's state."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ccm_analytics.formats import downloads as files
from ccm_analytics.formats.links import PROFILE_DISPLAY_REGEX, source_links
from ccm_analytics.formats.text import markdown_literal
from ccm_analytics.store import provenance, queries
from ccm_analytics.ui.cache import figures
from ccm_analytics.ui.page import SOURCE_LINK

TOPOJSON_URL = "/app/static/"  # plotly geo maps load world_110m.json from the app itself, not a CDN
# No mode bar: on a phone it covers the chart's title; zoom and pan still work by touch and mouse.
PLOTLY_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False, "displayModeBar": False}


def _sources_sheet(con, reads: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    """The Excel "sources" sheet's rows for what a page reads, and the text of the date they are current to."""
    data_files = provenance.files_read(reads)
    rows = queries.table(con, "data_sources")
    return rows[rows["file"].isin(data_files)].reset_index(drop=True), provenance.current_to_text(rows, data_files)


def downloads(frame: pd.DataFrame, stem: str, as_of: pd.Timestamp, reads: tuple[str, ...] | list[str]) -> None:
    """CSV and Excel buttons for `frame`, the bytes built when clicked: plain values, column names in the
    first row, the reference date in the file name (`targets_2026-11-28.csv`); the Excel file's "sources"
    sheet holds the sources of what the page `reads` and the date the data are current to."""
    sources, current_to = figures(_sources_sheet, tuple(reads))  # once per database, not on every rerun
    as_of = pd.Timestamp(as_of)
    # Side by side, each as wide as its label: fixed-ratio columns cut "Download Excel" in a narrow
    # main area; the row wraps on a phone.
    row = st.container(horizontal=True)
    row.download_button("Download CSV", lambda: files.csv_bytes(frame), files.file_name(stem, as_of, "csv"),
                         mime="text/csv", key=f"download_{stem}_csv", on_click="ignore", icon=":material/download:")
    row.download_button(
        "Download Excel", lambda: files.xlsx_bytes(frame, sources, as_of, current_to),
        files.file_name(stem, as_of, "xlsx"), key=f"download_{stem}_xlsx", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:")


METRIC_WIDTH = 160  # px: two side by side on a 390 px phone (358 px wide), six in a row on a desktop


def metric_grid(metrics: list[tuple], width: int = METRIC_WIDTH) -> None:
    """The page's headline figures, (label, value) or (label, value, help) each, in a grid that wraps:
    a compact block on a phone instead of one figure per screen row (wider `width` for money values)."""
    with st.container(horizontal=True, gap="small"):
        for label, value, *help in metrics:
            st.metric(label, value, help=help[0] if help else None, width=width)


def fitted_height(rows: int, most: int = 20) -> int | str:
    """A dataframe height that shows up to `most` rows without an inner scroll bar ("auto" beyond)."""
    return 35 * (rows + 1) + 3 if rows <= most else "auto"


KEY_COLUMNS = ("State Party", "State", "Status")  # what a reader looks for first, kept in view on a phone
NAME_WIDTH = 230  # px: "Bolivia (Plurinational State of)" in full
TEXT_WIDTH = "large"


def fitted_table(frame: pd.DataFrame, first: tuple[str, ...] = KEY_COLUMNS, wide: tuple[str, ...] = (),
                 column_config: dict | None = None, **kwargs) -> None:
    """A table that fits its content: the key columns first (the first of them pinned, so a phone keeps
    it in view while scrolling sideways), State names and the `wide` text columns wide enough to read,
    and as tall as its rows (up to 20) so a small table has no scroll bar of its own."""
    keys = [c for c in first if c in frame.columns]
    order = keys + [c for c in frame.columns if c not in keys]
    config = {c: st.column_config.Column(width=TEXT_WIDTH) for c in wide if c in frame.columns}
    for c in keys[:1]:
        config[c] = st.column_config.Column(width=NAME_WIDTH if c.startswith("State") else "medium", pinned=True)
    config.update(column_config or {})
    kwargs.setdefault("height", fitted_height(len(frame)))
    st.dataframe(frame, hide_index=True, width="stretch", column_order=order, column_config=config, **kwargs)


def profile_link_column(label: str = "Profile", help: str | None = None):
    """The column config for a `links.with_profile_links` column: a link showing the State's ISO3 code."""
    return st.column_config.LinkColumn(label, display_text=PROFILE_DISPLAY_REGEX,
                                       help=help or "Open the State's country profile")


def profile_table(frame: pd.DataFrame) -> None:
    """A country-profile table: its text shown as text (never Markdown), its source pages as links."""
    if "Source page" in frame:
        frame = frame.assign(**{"Source page": source_links(frame["Source page"])})
    st.dataframe(frame, hide_index=True, width="stretch", column_config={"Source page": SOURCE_LINK},
                 height=fitted_height(len(frame)))


def state_picker(options: list[str], names: dict[str, str], key: str = "iso3") -> str:
    """A State chosen in a select box (by name), kept in the URL as ?iso3=LAO; the first option if none.
    A code in the link that is no State's says so and shows the picker with nothing chosen; the page stops
    there until a State is picked."""
    wanted = str(st.query_params.get(key, ""))[:MAX_CODE_TEXT].upper()
    unknown = bool(wanted) and wanted not in options
    if unknown:
        st.warning(f"The State code in the link ({markdown_literal(wanted)}) is not known: choose a State below.",
                   icon=":material/help:")
    index = None if unknown else (options.index(wanted) if wanted in options else 0)
    chosen = st.selectbox("State", options, index=index, format_func=lambda code: names.get(code, code),
                          key=f"widget_{key}", placeholder="Choose a State")
    if chosen is None:
        st.stop()
    st.query_params[key] = chosen
    return chosen


MAX_CODE_TEXT = 12  # a State code from a link is shown and compared only this far: codes are 3 letters


def init_from_url(defaults: dict[str, object]) -> None:
    """Give widgets (by key) their first value from the URL, once per session: later runs keep the user's."""
    for key, value in defaults.items():
        if key not in st.session_state:
            st.session_state[key] = value


def set_url_state(params: dict[str, str], owned: list[str]) -> None:
    """Write a page's state into the URL: drop the keys it owns that are gone, set the rest."""
    for key in owned:
        if key not in params and key in st.query_params:
            del st.query_params[key]
    for key, value in params.items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def reset_when_changed(name: str, token, prefixes: tuple[str, ...]) -> None:
    """Forget the widgets whose keys start with one of `prefixes` when `token` (what their options and
    defaults depend on, e.g. the State picked) differs from the last run's: a widget keeps its value
    under the same key, so without this a choice made for one State would carry over to the next."""
    marker = f"_reset_{name}"
    if marker in st.session_state and st.session_state[marker] != token:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefixes)]:
            del st.session_state[key]
    st.session_state[marker] = token
