"""The page frame every page is drawn in: title, reference date, "data as of", notices, sources footer."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Iterator

import duckdb
import pandas as pd
import streamlit as st

from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.formats.dates import url_date
from ccm_analytics.formats.links import source_links
from ccm_analytics.formats.text import format_date, markdown_literal
from ccm_analytics.store import provenance, queries
from ccm_analytics.ui.cache import figures, table

SOURCE_LINK = st.column_config.LinkColumn("Source page", display_text="open the source page")


# Labels shown in full: a metric's label and value wrap instead of ending in "…" (Streamlit cuts them at
# one line); on a phone the figures are smaller so that the headline grid stays compact.
FRAME_STYLE = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; }
@media (max-width: 640px) { [data-testid="stMetricValue"] { font-size: 1.6rem !important; } }
</style>"""


@contextmanager
def page(title: str, reads: tuple[str, ...] | list[str]) -> Iterator[pd.Timestamp]:
    """`with ui.page("Title", feature.READS) as as_of:` draws the title, the reference date (sidebar,
    kept in the URL), the "figures as of ... data current to ..." line and its notices, and, however the
    page ends (`st.stop()` included), the sources of the tables and views it `reads`."""
    st.html(FRAME_STYLE)
    st.title(title)
    as_of = reference_date()
    frame = figures(_frame, as_of, tuple(reads))  # cached: a rerun of the page recomputes none of its texts
    if frame.demo:
        _demo_banner()
    st.caption(frame.caption)
    if frame.notice:
        st.warning(frame.notice, icon=":material/history:")
    try:
        yield as_of
    finally:
        _sources_footer(frame.footer)


@dataclass(frozen=True)
class _Frame:
    caption: str  # "Figures as of **1 December 2026** · data current to ..."
    notice: str | None  # the old-data warning, if any
    footer: pd.DataFrame  # the sources footer's rows, with words for headers
    demo: bool  # a demonstration database: the banner is shown


def _frame(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, reads: tuple[str, ...]) -> _Frame:
    """The frame's texts for `as_of` and the tables, views and macros a page `reads`."""
    sources = queries.table(con, "data_sources")
    files = provenance.files_read(reads)
    # The sentences are ours; the titles they quote come from data_sources: shown as typed, not as Markdown.
    titled = sources.assign(title=[markdown_literal(t) for t in sources["title"]])
    caption = (f"Figures as of **{format_date(as_of)}** · data current to {current_to_words(titled, files)}. "
               "Sources: see Data sources at the foot of the page.")
    return _Frame(caption, stale_words(titled, files, as_of), _footer_rows(sources, files),
                  provenance.is_demonstration(queries.table(con, "build_info")))


# The reference date widget's range: the Convention was adopted in 2008; nothing is planned past 2100.
EARLIEST_REFERENCE_DATE = date(2008, 1, 1)
LATEST_REFERENCE_DATE = date(2100, 12, 31)


def reference_date(key: str = "as_of") -> pd.Timestamp:
    """The reference date chosen in the sidebar (default today), kept in the URL as ?as_of=YYYY-MM-DD
    and in the session, so that moving to another page keeps it. A date in the link outside the widget's
    range gives the nearest allowed one, text that is not a date is ignored: each with a one-line notice."""
    from_url = url_date(st.query_params.get(key), EARLIEST_REFERENCE_DATE, LATEST_REFERENCE_DATE)
    if from_url.notice:
        st.warning(from_url.notice, icon=":material/event_busy:")
    initial = from_url.value or st.session_state.get(f"chosen_{key}", date.today())
    chosen = st.sidebar.date_input("Reference date", value=initial, min_value=EARLIEST_REFERENCE_DATE,
                                   max_value=LATEST_REFERENCE_DATE, key=f"widget_{key}", format="DD/MM/YYYY",
                                   help="Every figure on the page is computed as of this date.")
    st.session_state[f"chosen_{key}"] = chosen
    if chosen != date.today() or key in st.query_params:
        st.query_params[key] = chosen.isoformat()
    return pd.Timestamp(chosen)


def data_current_to(files: list[str]) -> str:
    """ "September 2025 (treaty_events.csv, ...); November 2020 (isu_budget.csv)": each file's current-to date
    (for files: the Excel download's sources sheet names the files it describes)."""
    return provenance.current_to_text(table("data_sources"), files)


def _dated_titles(sources: pd.DataFrame, files: list[str]) -> list[tuple[str, pd.Timestamp, list[str]]]:
    """(date as text, its last day, titles) per current-to date of `files`, the latest first."""
    chosen = sources[sources["file"].isin(files) & sources["current_to"].notna()]
    groups: dict[str, tuple[pd.Timestamp, list[str]]] = {}
    for row in chosen.sort_values(["current_to", "file"], ascending=[False, True]).itertuples(index=False):
        end = pd.Timestamp(period_end(row.current_to, row.current_to_precision))
        title = row.title if row.title[1:2].isupper() else row.title[:1].lower() + row.title[1:]  # "ISU" stays
        groups.setdefault(format_date(row.current_to, row.current_to_precision), (end, []))[1].append(title)
    return [(text, end, titles) for text, (end, titles) in groups.items()]


def current_to_words(sources: pd.DataFrame, files: list[str]) -> str:
    """ "September 2025", or "September 2025; ISU budget 2021-2025 by line and year: November 2020":
    the latest date plain, each older date with what it dates (the files' titles, never their names)."""
    groups = _dated_titles(sources, files)
    if not groups:
        return "unknown"
    return "; ".join([groups[0][0]] + [f"{', '.join(titles)}: {text}" for text, _, titles in groups[1:]])


def stale_words(sources: pd.DataFrame, files: list[str], as_of: pd.Timestamp) -> str | None:
    """provenance.stale_data_notice's warning in the header's words: the latest date plain, an older one
    with its titles; None when no date is more than STALE_AFTER_MONTHS before `as_of`."""
    parts = []
    for i, (text, end, titles) in enumerate(_dated_titles(sources, files)):
        if not provenance.is_stale(end, as_of):
            continue
        months = provenance.whole_months_between(end, as_of)
        months_text = (f"more than {months} months" if months == provenance.STALE_AFTER_MONTHS
                       else "1 month" if months == 1 else f"{months} months")
        which = f" for {', '.join(titles)}" if i else ""
        before = "before the reference date" if not parts else "before it"
        parts.append(f"{text}{which}, {months_text} {before}")
    if not parts:
        return None
    return f"These figures use data current to {', and to '.join(parts)}: later reports and decisions are not included."


def sources_frame(files: list[str]) -> pd.DataFrame:
    """The data_sources rows of `files` (for a file that lists its sources, e.g. a brief)."""
    return _rows_of(table("data_sources"), files)


def _rows_of(sources: pd.DataFrame, files: list[str]) -> pd.DataFrame:
    return sources[sources["file"].isin(files)].reset_index(drop=True)


# The footer's columns, as a reader cites a source: what, publication, publisher, date, link; the file last.
SOURCE_COLUMNS = {"title": "Data", "publication": "Publication", "source": "Published by", "current_to": "Current to",
                  "source_url": "Link", "notes": "Notes", "accessed": "Collected", "file": "Data file"}


def _footer_rows(sources: pd.DataFrame, files: list[str]) -> pd.DataFrame:
    """The provenance of the files a page uses, with words for headers."""
    chosen = _rows_of(sources, files)
    chosen["current_to"] = [format_date(d, p) if pd.notna(d) else "not dated (a reference list)"
                            for d, p in zip(chosen["current_to"], chosen["current_to_precision"])]
    chosen["source_url"] = source_links(chosen["source_url"])
    return chosen[[c for c in SOURCE_COLUMNS if c in chosen]].rename(columns=SOURCE_COLUMNS)


def _sources_footer(shown: pd.DataFrame) -> None:
    with st.expander("Data sources"):
        st.dataframe(shown, hide_index=True, width="stretch",
                     column_config={"Link": st.column_config.LinkColumn("Link", display_text="open the source page"),
                                    "Data": st.column_config.TextColumn(width="medium", pinned=True),
                                    "Publication": st.column_config.TextColumn(width="medium"),
                                    "Published by": st.column_config.TextColumn(width="large"),
                                    "Notes": st.column_config.TextColumn(width="large")})


def _demo_banner() -> None:
    """The banner every page shows on a demonstration database (drawn by the page frame)."""
    st.warning("**Demonstration data.** This database was built with `build --demo`: its transparency report "
               "records, contributions and expenditure are generated for training and screenshots. "
               "They are not real figures.", icon=":material/science:")
