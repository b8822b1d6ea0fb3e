"""Links between pages: the URL of a State's country profile, for any table that lists States.

Use `with_profile_links(frame)` to add a `profile` column of URLs and show it with
`ui.profile_link_column()` (an `st.column_config.LinkColumn` that displays the ISO3 code).
URLs are relative ("profile?iso3=LAO"), so they work under any `server.baseUrlPath`.
"""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

PROFILE_PATH = "profile"  # url_path of the country profile page (navigation.PAGES)
PROFILE_COLUMN = "profile"
# What the link column shows: the ISO3 code captured from the URL.
PROFILE_DISPLAY_REGEX = r"iso3=([A-Z]{3})"


def profile_link(iso3: object, as_of: pd.Timestamp | None = None) -> str | None:
    """ "profile?iso3=LAO" (with "&as_of=2026-11-28" when a reference date is given); None without a State."""
    if iso3 is None or pd.isna(iso3) or not str(iso3).strip():
        return None
    params = {"iso3": str(iso3).strip().upper()}
    if as_of is not None and pd.notna(as_of):
        params["as_of"] = pd.Timestamp(as_of).strftime("%Y-%m-%d")
    return f"{PROFILE_PATH}?{urlencode(params)}"


WORKBENCH_PATH = "extension-workbench"  # url_path of the extension request workbench (navigation.PAGES)


def workbench_link(iso3: object, article: object, as_of: pd.Timestamp | None = None,
                   request_no: object = None) -> str | None:
    """ "extension-workbench?iso3=LAO&article=4" (request and as_of where given); None without a State."""
    if iso3 is None or pd.isna(iso3) or not str(iso3).strip():
        return None
    params = {"iso3": str(iso3).strip().upper(), "article": str(int(article))}
    if request_no is not None and pd.notna(request_no):
        params["request"] = str(int(request_no))
    if as_of is not None and pd.notna(as_of):
        params["as_of"] = pd.Timestamp(as_of).strftime("%Y-%m-%d")
    return f"{WORKBENCH_PATH}?{urlencode(params)}"


def with_profile_links(frame: pd.DataFrame, as_of: pd.Timestamp | None = None, iso3_column: str = "iso3",
                       column: str = PROFILE_COLUMN) -> pd.DataFrame:
    """A copy with a `profile` column (placed first) holding each row's profile URL."""
    out = frame.copy()
    out.insert(0, column, [profile_link(code, as_of) for code in out[iso3_column]])
    return out


def source_links(urls: pd.Series) -> pd.Series:
    """The addresses of source pages that may be shown as links: http(s) only (a `javascript:` or
    `data:` address from the data is dropped, never made clickable)."""
    return pd.Series([u if isinstance(u, str) and u.lower().startswith(("https://", "http://")) else None
                      for u in urls], index=urls.index, dtype=object)
