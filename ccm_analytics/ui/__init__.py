"""Streamlit glue shared by the pages: the cached connection and queries, the reference date,
and the "data as of" line. The only module of the package that imports streamlit."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from ccm_analytics.formats.links import source_links
from ccm_analytics.formats.text import format_date, markdown_literal
from ccm_analytics.store import queries
from ccm_analytics.store.db import (
    database_path,
    ensure_database,
    open_snapshot,
    snapshot_cursor,
)

CACHE_TTL_S = 600
TOPOJSON_URL = "/app/static/"  # plotly geo maps load world_110m.json from the app itself, not a CDN
PLOTLY_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}


@st.cache_resource(max_entries=4)
def _connection(path: str, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    # Keyed by the file's mtime: a swapped-in database gets a fresh connection (see db.open_snapshot).
    return open_snapshot(Path(path))


def _db_key() -> tuple[str, int]:
    path = ensure_database(database_path())
    return str(path), Path(path).stat().st_mtime_ns


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of the shared read-only connection, for this script run only."""
    return snapshot_cursor(_connection(*_db_key()))


@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _cached(loader: str, db_key: tuple[str, int], as_of: date | None) -> pd.DataFrame:
    con = snapshot_cursor(_connection(*db_key))
    try:
        fn = getattr(queries, loader)
        return fn(con, pd.Timestamp(as_of)) if as_of is not None else fn(con)
    finally:
        con.close()


def load(loader: str, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """The result of `queries.<loader>` (cached until the database changes or the TTL ends)."""
    return _cached(loader, _db_key(), None if as_of is None else pd.Timestamp(as_of).date())


@st.cache_data(ttl=CACHE_TTL_S, max_entries=32, show_spinner=False)
def _cached_table(name: str, db_key: tuple[str, int]) -> pd.DataFrame:
    con = snapshot_cursor(_connection(*db_key))
    try:
        return queries.table(con, name)
    finally:
        con.close()


def load_table(name: str) -> pd.DataFrame:
    """A whole table or view of the schema (cached)."""
    return _cached_table(name, _db_key())


def reference_date(key: str = "as_of") -> pd.Timestamp:
    """The reference date chosen in the sidebar (default today), kept in the URL as ?as_of=YYYY-MM-DD
    and in the session, so that moving to another page keeps it."""
    try:
        initial = date.fromisoformat(st.query_params.get(key, ""))
    except ValueError:
        initial = st.session_state.get(f"chosen_{key}", date.today())
    chosen = st.sidebar.date_input("Reference date", value=initial, min_value=date(2008, 1, 1),
                                   max_value=date(2100, 12, 31), key=f"widget_{key}", format="DD/MM/YYYY",
                                   help="Every figure on the page is computed as of this date.")
    st.session_state[f"chosen_{key}"] = chosen
    if chosen != date.today() or key in st.query_params:
        st.query_params[key] = chosen.isoformat()
    return pd.Timestamp(chosen)


def data_current_to(files: list[str]) -> str:
    """ "September 2025 (treaty_events.csv, ...); November 2020 (isu_budget.csv)": each file's current-to date."""
    from ccm_analytics.store.provenance import current_to_text
    return current_to_text(load_table("data_sources"), files)


def reference_current_to(file: str) -> pd.Timestamp:
    """The last day the facts of one data file are current to (NaT if unknown)."""
    from ccm_analytics.store.provenance import current_to_of
    return current_to_of(load_table("data_sources"), file)


def data_as_of(as_of: pd.Timestamp, files: list[str]) -> None:
    """The line every page shows: the reference date and the date the data are current to; and a
    warning when the reference date is more than six months after that date (provenance.stale_data_notice)."""
    from ccm_analytics.store.provenance import current_to_text, stale_data_notice
    demo_banner()
    sources = load_table("data_sources")
    # The sentences are ours; the file names they quote come from data_sources: shown as typed, not as Markdown.
    literal = sources.assign(file=[markdown_literal(f) for f in sources["file"]])
    literal_files = [markdown_literal(f) for f in files]
    st.caption(f"Figures as of **{format_date(as_of)}** · data current to {current_to_text(literal, literal_files)}. "
               "Sources: see Data sources at the foot of the page.")
    notice = stale_data_notice(literal, literal_files, as_of)
    if notice:
        st.warning(notice, icon=":material/history:")


def sources_table(files: list[str]) -> None:
    """The provenance of the files a page uses, in an expander."""
    sources = load_table("data_sources")
    chosen = sources[sources["file"].isin(files)].copy()
    chosen["current_to"] = [format_date(d, p) for d, p in zip(chosen["current_to"], chosen["current_to_precision"])]
    chosen["source_url"] = source_links(chosen["source_url"])
    with st.expander("Data sources"):
        st.dataframe(chosen.drop(columns=["current_to_precision"]), hide_index=True, width="stretch",
                     column_config={"source_url": SOURCE_LINK})


SOURCE_LINK = st.column_config.LinkColumn("Source page", display_text="open the source page")


def profile_table(frame: pd.DataFrame) -> None:
    """A country-profile table: its text shown as text (never Markdown), its source pages as links."""
    if "Source page" in frame:
        frame = frame.assign(**{"Source page": source_links(frame["Source page"])})
    st.dataframe(frame, hide_index=True, width="stretch", column_config={"Source page": SOURCE_LINK})


# --- Downloads, profile links and the State picker (issue 3) ---------------------------------------

def download_buttons(frame: pd.DataFrame, stem: str, as_of: pd.Timestamp, files: list[str]) -> None:
    """CSV and Excel buttons for `frame`: plain values, column names in the first row, the reference
    date in the file name (`targets_2026-11-28.csv`); the Excel file's "sources" sheet holds the
    sources of `files` and the date the data are current to."""
    csv_data, xlsx_data = _download_bytes(frame, pd.Timestamp(as_of).date(), tuple(files), _db_key())
    _download_pair(csv_data, xlsx_data, stem, as_of)


@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _download_bytes(frame: pd.DataFrame, as_of: date, files: tuple[str, ...],
                    db_key: tuple[str, int]) -> tuple[bytes, bytes]:
    # Built once per frame (hashed by value), reference date, files and database rather than on every
    # rerun: writing the workbook costs more than the rest of a page.
    from ccm_analytics.formats import downloads
    sources = _cached_table("data_sources", db_key)
    sources = sources[sources["file"].isin(files)]
    return downloads.csv_bytes(frame), downloads.xlsx_bytes(frame, sources, pd.Timestamp(as_of),
                                                            data_current_to(list(files)))


def profile_link_column(label: str = "Profile", help: str | None = None):
    """The column config for a `links.with_profile_links` column: a link showing the State's ISO3 code."""
    from ccm_analytics.formats.links import PROFILE_DISPLAY_REGEX
    return st.column_config.LinkColumn(label, display_text=PROFILE_DISPLAY_REGEX,
                                       help=help or "Open the State's country profile")


def state_picker(options: list[str], names: dict[str, str], key: str = "iso3") -> str:
    """A State chosen in a select box (by name), kept in the URL as ?iso3=LAO; the first option if none."""
    wanted = str(st.query_params.get(key, "")).upper()
    index = options.index(wanted) if wanted in options else 0
    chosen = st.selectbox("State", options, index=index, format_func=lambda code: names.get(code, code),
                          key=f"widget_{key}")
    st.query_params[key] = chosen
    return chosen


# --- explorer and SQL console (issue 8) ------------------------------------------------------------

@st.cache_data(ttl=CACHE_TTL_S, max_entries=64, show_spinner=False)
def _cached_explore(state, as_of: date, db_key: tuple[str, int]) -> pd.DataFrame:
    from ccm_analytics.explore import explorer as explore_explorer
    con = snapshot_cursor(_connection(*db_key))
    try:
        return explore_explorer.run(con, state, as_of)
    finally:
        con.close()


def explore_result(state, as_of: pd.Timestamp) -> pd.DataFrame:
    """explore_explorer.run for a state at the reference date (cached)."""
    return _cached_explore(state, pd.Timestamp(as_of).date(), _db_key())


@st.cache_data(ttl=CACHE_TTL_S, max_entries=128, show_spinner=False)
def _cached_values(source: str, column: str, as_of: date, db_key: tuple[str, int]) -> list[str]:
    from ccm_analytics.explore import explorer as explore_explorer
    con = snapshot_cursor(_connection(*db_key))
    try:
        return explore_explorer.distinct_values(con, source, column, as_of)
    finally:
        con.close()


def explore_values(source: str, column: str, as_of: pd.Timestamp) -> list[str]:
    """The values a column of a view or table takes (cached)."""
    return _cached_values(source, column, pd.Timestamp(as_of).date(), _db_key())


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


# --- demonstration database (issue 5) -------------------------------------------------------------

def is_demonstration() -> bool:
    """True when the open database is not the real one (a demonstration or synthetic benchmark file)."""
    from ccm_analytics.store import provenance
    return provenance.is_demonstration(load_table("build_info"))


def demo_banner() -> None:
    """The banner every page shows on a demonstration database (called by data_as_of)."""
    if is_demonstration():
        st.warning("**Demonstration data.** This database was built with `build --demo`: its transparency report "
                   "records, contributions and expenditure are generated for training and screenshots. "
                   "They are not real figures.", icon=":material/science:")


def sources_frame(files: list[str]) -> pd.DataFrame:
    """The data_sources rows of `files` (for a file that lists its sources, e.g. a brief)."""
    sources = load_table("data_sources")
    return sources[sources["file"].isin(files)].reset_index(drop=True)
def admin_passphrase() -> str | None:
    """The administrator passphrase: `admin_passphrase` in Streamlit secrets, else $CCM_ADMIN_PASSPHRASE."""
    import os
    try:
        value = st.secrets.get("admin_passphrase")
    except Exception:  # no secrets file at all: Streamlit raises rather than returning nothing
        value = None
    return str(value) if value else (os.environ.get("CCM_ADMIN_PASSPHRASE") or None)


# --- cached computed figures (issue 10) ------------------------------------------------------------

def _call_computed(name: str, db_key: tuple[str, int], as_of: date | None, args: tuple):
    """`<module>.<function>(con, as_of, *args)` of the package (module `computed` if none is named)."""
    import importlib
    module_name, _, function = name.rpartition(".")
    module = importlib.import_module(f"ccm_analytics.{module_name or 'computed'}")
    con = snapshot_cursor(_connection(*db_key))
    try:
        fn = getattr(module, function)
        return fn(con, pd.Timestamp(as_of), *args) if as_of is not None else fn(con, *args)
    finally:
        con.close()


@st.cache_data(ttl=CACHE_TTL_S, max_entries=128, show_spinner=False)
def _cached_computed(name: str, db_key: tuple[str, int], as_of: date | None, args: tuple = ()):
    return _call_computed(name, db_key, as_of, args)


def load_computed(name: str, as_of: pd.Timestamp | None = None, *args):
    """The result of `computed.<name>` (or `<module>.<function>` of the package, e.g.
    "computed_profile.profile"), called as fn(con, as_of, *args): cached per database file,
    reference date and arguments (hashable plain values), so a rerun recomputes nothing."""
    return _cached_computed(name, _db_key(), None if as_of is None else pd.Timestamp(as_of).date(), tuple(args))


@st.cache_resource(ttl=CACHE_TTL_S, max_entries=128, show_spinner=False)
def _shared_computed(name: str, db_key: tuple[str, int], as_of: date | None, args: tuple = ()):
    return _call_computed(name, db_key, as_of, args)


def load_computed_shared(name: str, as_of: pd.Timestamp | None = None, *args):
    """Like `load_computed`, but the result is held in memory and handed out as is, not copied: for
    results holding plotly figures, which st.cache_data would unpickle on every rerun (a pickled figure
    is rebuilt and validated anew, as slow as drawing it). Shared by every session: never modify it."""
    return _shared_computed(name, _db_key(), None if as_of is None else pd.Timestamp(as_of).date(), tuple(args))


def _download_pair(csv_data: bytes, xlsx_data: bytes, stem: str, as_of: pd.Timestamp) -> None:
    """The CSV and Excel buttons every table offers: `<stem>_<reference date>.csv/.xlsx`."""
    from ccm_analytics.formats import downloads as formats_downloads
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Download CSV", csv_data, downloads.file_name(stem, as_of, "csv"),
                         mime="text/csv", key=f"download_{stem}_csv", on_click="ignore", icon=":material/download:")
    right.download_button(
        "Download Excel", xlsx_data, downloads.file_name(stem, as_of, "xlsx"), key=f"download_{stem}_xlsx",
        on_click="ignore", mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:")


@st.cache_data(ttl=CACHE_TTL_S, max_entries=128, show_spinner=False)
def _computed_file_bytes(name: str, db_key: tuple[str, int], as_of: date, args: tuple, field: str,
                         files: tuple[str, ...]) -> tuple[bytes, bytes]:
    from ccm_analytics.formats import downloads as formats_downloads
    frame = _shared_computed(name, db_key, as_of, args)
    for part in field.split("."):
        frame = getattr(frame, part)
    sources = _cached_table("data_sources", db_key)
    sources = sources[sources["file"].isin(files)]
    return (downloads.csv_bytes(frame),
            downloads.xlsx_bytes(frame, sources, pd.Timestamp(as_of), data_current_to(list(files))))


def computed_download_buttons(name: str, as_of: pd.Timestamp, args: tuple, field: str, stem: str,
                              files: list[str]) -> None:
    """`download_buttons` for the frame `load_computed_shared(name, as_of, *args).<field>` (a dotted path,
    e.g. "budget.file"), its CSV and Excel bytes cached too (same buttons, keys, file names and contents)."""
    csv_data, xlsx_data = _computed_file_bytes(name, _db_key(), pd.Timestamp(as_of).date(), tuple(args), field,
                                               tuple(files))
    _download_pair(csv_data, xlsx_data, stem, as_of)


def prepared_download_buttons(files, as_of: pd.Timestamp) -> None:
    """The buttons of `download_buttons` for files already made (e.g. a cached
    `computed_universalization.Download`: `stem`, `csv` and `xlsx` bytes), so a rerun writes no file."""
    _download_pair(files.csv, files.xlsx, files.stem, as_of)


def reset_when_changed(name: str, token, prefixes: tuple[str, ...]) -> None:
    """Forget the widgets whose keys start with one of `prefixes` when `token` (what their options and
    defaults depend on, e.g. the State picked) differs from the last run's: a widget keeps its value
    under the same key, so without this a choice made for one State would carry over to the next."""
    marker = f"_reset_{name}"
    if marker in st.session_state and st.session_state[marker] != token:
        for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefixes)]:
            del st.session_state[key]
    st.session_state[marker] = token
