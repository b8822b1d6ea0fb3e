"""The page frame every page is drawn in: title, reference date, "data as of", notices, sources footer."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Iterator

import pandas as pd
import streamlit as st

from ccm_analytics.formats.dates import url_date
from ccm_analytics.formats.links import source_links
from ccm_analytics.formats.text import format_date, markdown_literal
from ccm_analytics.store import provenance
from ccm_analytics.ui.cache import table

SOURCE_LINK = st.column_config.LinkColumn("Source page", display_text="open the source page")


@contextmanager
def page(title: str, reads: tuple[str, ...] | list[str]) -> Iterator[pd.Timestamp]:
    """`with ui.page("Title", feature.READS) as as_of:` draws the title, the reference date (sidebar,
    kept in the URL), the "figures as of ... data current to ..." line and its notices, and, however the
    page ends (`st.stop()` included), the sources of the tables and views it `reads`."""
    st.title(title)
    as_of = reference_date()
    files = provenance.files_read(reads)
    data_as_of(as_of, files)
    try:
        yield as_of
    finally:
        sources_table(files)


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
    """ "September 2025 (treaty_events.csv, ...); November 2020 (isu_budget.csv)": each file's current-to date."""
    return provenance.current_to_text(table("data_sources"), files)


def data_as_of(as_of: pd.Timestamp, files: list[str]) -> None:
    """The line every page shows: the reference date and the date the data are current to; and a
    warning when the reference date is more than six months after that date (provenance.stale_data_notice)."""
    demo_banner()
    sources = table("data_sources")
    # The sentences are ours; the file names they quote come from data_sources: shown as typed, not as Markdown.
    literal = sources.assign(file=[markdown_literal(f) for f in sources["file"]])
    literal_files = [markdown_literal(f) for f in files]
    st.caption(f"Figures as of **{format_date(as_of)}** · data current to "
               f"{provenance.current_to_text(literal, literal_files)}. Sources: see Data sources at the foot of the page.")
    notice = provenance.stale_data_notice(literal, literal_files, as_of)
    if notice:
        st.warning(notice, icon=":material/history:")


def sources_frame(files: list[str]) -> pd.DataFrame:
    """The data_sources rows of `files` (for a file that lists its sources, e.g. a brief)."""
    sources = table("data_sources")
    return sources[sources["file"].isin(files)].reset_index(drop=True)


def sources_table(files: list[str]) -> None:
    """The provenance of the files a page uses, in an expander."""
    chosen = sources_frame(files)
    chosen["current_to"] = [format_date(d, p) for d, p in zip(chosen["current_to"], chosen["current_to_precision"])]
    chosen["source_url"] = source_links(chosen["source_url"])
    with st.expander("Data sources"):
        st.dataframe(chosen.drop(columns=["current_to_precision"]), hide_index=True, width="stretch",
                     column_config={"source_url": SOURCE_LINK})


def is_demonstration() -> bool:
    """True when the open database is not the real one (a demonstration or synthetic benchmark file)."""
    return provenance.is_demonstration(table("build_info"))


def demo_banner() -> None:
    """The banner every page shows on a demonstration database (called by data_as_of)."""
    if is_demonstration():
        st.warning("**Demonstration data.** This database was built with `build --demo`: its transparency report "
                   "records, contributions and expenditure are generated for training and screenshots. "
                   "They are not real figures.", icon=":material/science:")
