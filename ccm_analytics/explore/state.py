"""The explorer's choice: the schema it may name, validation, the URL encoding and the widgets' values.

An `ExploreState` is the whole choice; `encode` / `decode` turn it into URL query parameters and back
(`decode(encode(s)) == s`). Identifiers come only from the schema declaration (`schema.py`). Every number
or date read from a URL or a widget is bounded in length and magnitude before it is converted.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Mapping

import pandas as pd

from ccm_analytics.store import schema
from ccm_analytics.store.provenance import files_read

AGGREGATES = {"count": "count of rows", "sum": "sum", "mean": "mean"}
CHARTS = {"table": "Table only", "bar": "Bar chart", "line": "Line chart", "map": "World map"}
MAX_GROUP_COLUMNS = 2
MAX_ROWS = 100_000
MISSING = "(empty)"  # the filter value that stands for a missing (NULL) value; "unknown" is a real value in some columns
ISO_COLUMN = "iso3"
MAX_NUMBER_CHARS = 40  # a filter bound from a URL or widget: longer text is not a number we accept
MAX_NUMBER_DIGITS = 30  # and its magnitude: at most 10^30 (DuckDB's HUGEINT holds 38 digits)
MAX_DATE_CHARS = 10  # YYYY-MM-DD

# URL query parameter names (`as_of` belongs to ui.reference_date).
P_VIEW, P_GROUP, P_AGG, P_MEASURE, P_CHART, P_FILTER = "view", "group", "agg", "measure", "chart", "f."


@dataclass(frozen=True)
class Filter:
    """One column's filter: `values` (text and yes/no columns) or a `low`..`high` range (numbers, dates)."""

    column: str
    values: tuple[str, ...] = ()
    low: object = None
    high: object = None

    @property
    def is_range(self) -> bool:
        return not self.values


@dataclass(frozen=True)
class ExploreState:
    """The whole explorer choice: source, filters, grouping (one or two columns), aggregate, chart."""

    source: str = "state_status"
    filters: tuple[Filter, ...] = ()
    group_by: tuple[str, ...] = ("status",)
    agg: str = "count"
    measure: str | None = None
    chart: str = "bar"


DEFAULT = ExploreState()


# --- the schema: the only place identifiers come from ---------------------------------------

def sources() -> list[str]:
    """Public views first, then tables, in declaration order."""
    return [v.name for v in schema.VIEWS if v.public] + [t.name for t in schema.TABLES]


def declaration(source: str) -> schema.Table | schema.View:
    """The declared view or table called `source` (ValueError if there is none)."""
    for obj in (*schema.VIEWS, *schema.TABLES):
        if obj.name == source and getattr(obj, "public", True):
            return obj
    raise ValueError(f"not a public view or table: {source!r}")


def columns(source: str) -> dict[str, schema.Column]:
    return {c.name: c for c in declaration(source).columns}


def kind(column_type: str) -> str:
    """number, date, boolean or text: which filter a column gets."""
    t = column_type.upper()
    if t.startswith(("INTEGER", "BIGINT", "SMALLINT", "DECIMAL", "DOUBLE", "FLOAT", "HUGEINT", "REAL")):
        return "number"
    if t in ("DATE", "TIMESTAMP"):
        return "date"
    if t == "BOOLEAN":
        return "boolean"
    return "text"


def column_kind(source: str, column: str) -> str:
    return kind(columns(source)[column].type)


def is_money(source: str, column: str | None) -> bool:
    return column is not None and columns(source)[column].type.upper() == "DECIMAL(14,2)"


def numeric_columns(source: str) -> list[str]:
    return [c for c, col in columns(source).items() if kind(col.type) == "number"]


def dated_macro(source: str) -> str | None:
    """The table macro that reads a public view on the reference date (None for tables and undated views)."""
    obj = declaration(source)
    return obj.dated_macro if isinstance(obj, schema.View) else None


def source_files(source: str) -> list[str]:
    """The shipped data files a view or table is built from (for "data current to" and the sources)."""
    return files_read([declaration(source).name])


def dictionary(source: str) -> pd.DataFrame:
    """The data dictionary of one view or table: one row per column (column, type, description)."""
    return pd.DataFrame([{"column": c.name, "type": c.type, "description": c.description}
                         for c in declaration(source).columns])


def dictionary_markdown(source: str) -> str:
    """The data dictionary of one view or table as a Markdown list, for a narrow column beside the results."""
    obj = declaration(source)
    lines = [f"**{obj.name}**: {obj.description}", ""]
    lines += [f"- `{c.name}` ({c.type.lower()}): {c.description}" for c in obj.columns]
    return "\n".join(lines)


def as_number(value: object) -> int | Decimal | None:
    """A number typed or read from a URL as an exact value: int when whole, else Decimal; None if not a
    number, or longer than MAX_NUMBER_CHARS, or beyond 10^MAX_NUMBER_DIGITS (checked before the int()
    conversion, which for 1e1000000 would hold the interpreter for half a minute)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if len(text) > MAX_NUMBER_CHARS:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or (number != 0 and not -MAX_NUMBER_DIGITS <= number.adjusted() <= MAX_NUMBER_DIGITS):
        return None
    return int(number) if number == number.to_integral_value() else number.normalize()


# --- validation -------------------------------------------------------------------------------

def validate(state: ExploreState) -> tuple[ExploreState, list[str]]:
    """The state with every piece the schema does not allow dropped, and a note per dropped piece."""
    notes: list[str] = []
    if state.source not in sources():
        notes.append(f"unknown view or table {state.source!r}: showing {DEFAULT.source}")
        state = DEFAULT
    cols = columns(state.source)
    filters = []
    for f in state.filters:
        if f.column not in cols:
            notes.append(f"filter on unknown column {f.column!r} ignored")
        elif f.is_range and kind(cols[f.column].type) not in ("number", "date"):
            notes.append(f"a range filter on {f.column} (not a number or date) ignored")
        elif f.is_range and f.low is None and f.high is None:
            continue
        elif f.column in {g.column for g in filters}:
            notes.append(f"second filter on {f.column} ignored")
        else:
            filters.append(f)
    group_by = tuple(dict.fromkeys(g for g in state.group_by if g in cols))[:MAX_GROUP_COLUMNS]
    if group_by != state.group_by:
        notes.append("grouping limited to one or two known columns")
    agg, measure = state.agg, state.measure
    if agg not in AGGREGATES:
        notes.append(f"unknown aggregate {agg!r}: counting rows")
        agg = "count"
    if agg == "count":
        measure = None
    elif measure not in numeric_columns(state.source):
        notes.append(f"{agg} needs a numeric column: counting rows")
        agg, measure = "count", None
    state = replace(state, filters=tuple(filters), group_by=group_by, agg=agg, measure=measure)
    charts = available_charts(state)
    if state.chart not in charts:
        notes.append(f"{CHARTS.get(state.chart, repr(state.chart))} not available for this grouping: "
                     f"{CHARTS[charts[0]].lower()} instead")
        state = replace(state, chart=charts[0])
    return state, notes


def available_charts(state: ExploreState) -> list[str]:
    """Charts that fit the grouping: none without one; a map only when grouping by ISO code alone."""
    if not state.group_by:
        return ["table"]
    charts = ["bar", "line", "table"]
    if state.group_by == (ISO_COLUMN,):
        charts.insert(2, "map")
    return charts


# --- URL state ----------------------------------------------------------------------------------

def _join(values: tuple[str, ...]) -> str:
    return "|".join(v.replace("\\", "\\\\").replace("|", "\\|") for v in values)


def _split(text: str) -> tuple[str, ...]:
    out, current, escaped = [], [], False
    for ch in text:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return tuple(out)


def _bound_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def encode(state: ExploreState) -> dict[str, str]:
    """URL query parameters for a state: view, f.<column> (in:a|b or range:low..high), group, agg,
    measure, chart. Every parameter is written, so a link reproduces the page whatever the defaults."""
    params = {P_VIEW: state.source, P_GROUP: ",".join(state.group_by), P_AGG: state.agg, P_CHART: state.chart}
    if state.measure:
        params[P_MEASURE] = state.measure
    for f in state.filters:
        params[P_FILTER + f.column] = (f"range:{_bound_text(f.low)}..{_bound_text(f.high)}" if f.is_range
                                       else f"in:{_join(f.values)}")
    return params


def _decode_bound(text: str, column_kind: str) -> object:
    if not text:
        return None
    if column_kind == "date":
        if len(text) > MAX_DATE_CHARS:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return as_number(text)


def _one(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return str(value[-1]) if value else ""
    return str(value)


def decode(params: Mapping[str, object]) -> tuple[ExploreState, list[str]]:
    """The state a URL's query parameters describe, validated; notes on anything ignored.

    No `view` parameter means the default page."""
    if P_VIEW not in params:
        return DEFAULT, []
    source = _one(params[P_VIEW])
    if source not in sources():
        return validate(replace(DEFAULT, source=source))
    cols = columns(source)
    filters, notes = [], []
    for key in params:
        if not key.startswith(P_FILTER):
            continue
        column, text = key[len(P_FILTER):], _one(params[key])
        if column not in cols:
            notes.append(f"filter on unknown column {column!r} ignored")
        elif text.startswith("in:"):
            filters.append(Filter(column, values=_split(text[3:])))
        elif text.startswith("range:") and ".." in text:
            low, high = text[6:].split("..", 1)
            k = kind(cols[column].type)
            bounds = [_decode_bound(low, k), _decode_bound(high, k)]
            for typed, bound in zip((low, high), bounds):
                if typed and bound is None:
                    notes.append(f"a bound of the filter on {column} is not a {k} we accept: {typed[:40]!r} ignored")
            filters.append(Filter(column, low=bounds[0], high=bounds[1]))
        else:
            notes.append(f"filter on {column} not understood: {text!r}")
    group_text = _one(params.get(P_GROUP, ""))
    state = ExploreState(
        source=source, filters=tuple(filters),
        group_by=tuple(g for g in group_text.split(",") if g),
        agg=_one(params.get(P_AGG, "count")) or "count",
        measure=_one(params[P_MEASURE]) if P_MEASURE in params else None,
        chart=_one(params.get(P_CHART, "table")) or "table")
    state, more = validate(state)
    return state, notes + more


def url_keys(params: Mapping[str, object]) -> list[str]:
    """The query parameter names the explorer owns (to clear before writing a new state)."""
    return [k for k in params if k in (P_VIEW, P_GROUP, P_AGG, P_MEASURE, P_CHART) or k.startswith(P_FILTER)]


# --- widgets: plain values in, state out (the page only arranges the widgets) -------------------------

K_SOURCE, K_FILTERS, K_GROUP, K_AGG, K_MEASURE, K_CHART = (
    "ex_source", "ex_filter_cols", "ex_group", "ex_agg", "ex_measure", "ex_chart")
K_VALUES, K_LOW, K_HIGH = "ex_values_", "ex_low_", "ex_high_"  # + column name


def widget_defaults(state: ExploreState) -> dict[str, object]:
    """The widget values (by key) that show `state`: how a URL becomes the page's widgets."""
    numbers = numeric_columns(state.source)
    values: dict[str, object] = {
        K_SOURCE: state.source, K_FILTERS: [f.column for f in state.filters], K_GROUP: list(state.group_by),
        K_AGG: state.agg, K_MEASURE: state.measure or (numbers[0] if numbers else None), K_CHART: state.chart}
    for f in state.filters:
        if f.is_range:
            number = column_kind(state.source, f.column) == "number"
            values[K_LOW + f.column] = float(f.low) if number and f.low is not None else f.low
            values[K_HIGH + f.column] = float(f.high) if number and f.high is not None else f.high
        else:
            values[K_VALUES + f.column] = list(f.values)
    return values


def state_from_choices(source: str, filter_choices: Mapping[str, object], group_by: list[str] | tuple[str, ...],
                       agg: str, measure: str | None, chart: str) -> ExploreState:
    """The validated state for the widgets' values. `filter_choices` maps a column (in the order chosen)
    to a list of values, or to a (low, high) pair for numbers and dates; empty choices filter nothing."""
    filters = []
    for column, choice in filter_choices.items():
        if isinstance(choice, tuple):
            low, high = choice
            if column in columns(source) and column_kind(source, column) == "number":
                low, high = as_number(low), as_number(high)
            if low is not None or high is not None:
                filters.append(Filter(column, low=low, high=high))
        elif choice:
            filters.append(Filter(column, values=tuple(str(v) for v in choice)))
    state = ExploreState(source=source, filters=tuple(filters), group_by=tuple(group_by), agg=agg,
                         measure=measure if agg != "count" else None, chart=chart)
    return validate(state)[0]
