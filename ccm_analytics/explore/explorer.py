"""Ad hoc exploration: pick a view or table, filter, group, chart; the whole choice lives in the URL.

The names pages and tests use, from three modules: `state` (the schema, validation, URL encoding,
widget values), `query` (SQL building and running, distinct values) and `display` (screen text, chart
input). Everything is pure except `run` and `distinct_values`, which execute the SQL `build_query` writes.
"""
from __future__ import annotations

from ccm_analytics.explore.display import (  # noqa: F401
    chart_frame,
    describe,
    describe_value,
    display_frame,
)
from ccm_analytics.explore.query import (  # noqa: F401
    build_query,
    distinct_values,
    run,
    value_column,
)
from ccm_analytics.explore.state import (  # noqa: F401
    AGGREGATES,
    CHARTS,
    DEFAULT,
    ISO_COLUMN,
    K_AGG,
    K_CHART,
    K_FILTERS,
    K_GROUP,
    K_HIGH,
    K_LOW,
    K_MEASURE,
    K_SOURCE,
    K_VALUES,
    MAX_GROUP_COLUMNS,
    MAX_ROWS,
    MISSING,
    P_AGG,
    P_CHART,
    P_FILTER,
    P_GROUP,
    P_MEASURE,
    P_VIEW,
    ExploreState,
    Filter,
    as_number,
    available_charts,
    column_kind,
    columns,
    dated_macro,
    declaration,
    decode,
    dictionary,
    dictionary_markdown,
    encode,
    is_money,
    kind,
    numeric_columns,
    source_files,
    sources,
    state_from_choices,
    url_keys,
    validate,
    widget_defaults,
)
