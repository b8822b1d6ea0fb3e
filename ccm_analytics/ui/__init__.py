"""Streamlit: the only package that imports it. Pages use what this module names.

`ui.page(title, reads)` is the page frame, `ui.figures(fn, *args)` the one cache of a page's figures
(by function object), `ui.downloads(frame, stem, as_of, reads)` the one way to offer files.
"""
from ccm_analytics.ui.admin import admin_passphrase, admin_signed_in
from ccm_analytics.ui.cache import cursor, db_key, figures, table
from ccm_analytics.ui.page import (
    data_current_to,
    page,
    reference_date,
    sources_frame,
)
from ccm_analytics.ui.widgets import (
    PLOTLY_CONFIG,
    TOPOJSON_URL,
    downloads,
    fitted_height,
    fitted_table,
    init_from_url,
    metric_grid,
    profile_link_column,
    profile_table,
    reset_when_changed,
    set_url_state,
    state_picker,
)

__all__ = ["admin_passphrase", "admin_signed_in", "cursor", "db_key", "figures", "table", "data_current_to",
           "page", "reference_date", "sources_frame",
           "PLOTLY_CONFIG", "TOPOJSON_URL", "downloads", "fitted_height", "fitted_table", "init_from_url",
           "metric_grid",
           "profile_link_column", "profile_table",
           "reset_when_changed", "set_url_state", "state_picker"]
