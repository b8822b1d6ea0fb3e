"""The explorer's result as screen text and as chart input."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ccm_analytics.explore.query import value_column
from ccm_analytics.explore.state import (
    AGGREGATES,
    ExploreState,
    column_kind,
    columns,
    is_money,
    kind,
)
from ccm_analytics.formats.money import format_chf
from ccm_analytics.formats.text import UNKNOWN, format_count, format_date

# --- display ------------------------------------------------------------------------------------

def describe(state: ExploreState) -> str:
    """One sentence saying what the result shows, e.g. "Sum of amount_chf by year and kind"."""
    if not state.group_by:
        return f"Rows of {state.source}"
    what = "Number of rows" if state.agg == "count" else f"{AGGREGATES[state.agg].capitalize()} of {state.measure}"
    return f"{what} by {' and '.join(state.group_by)}"


def _number_text(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return UNKNOWN
    if isinstance(value, float) and not value.is_integer():
        whole, _, cents = f"{value:,.2f}".partition(".")
        return f"{whole.replace(',', chr(39))}.{cents}"
    return format_count(value)


def display_frame(frame: pd.DataFrame, state: ExploreState) -> pd.DataFrame:
    """The result as screen text: dates "1 August 2010" (month or year where that is all that is
    known), money "CHF 469'686", counts with ', yes/no, and "unknown" for anything missing."""
    cols = columns(state.source)
    out = pd.DataFrame(index=frame.index)
    value_col = value_column(state) if state.group_by else None
    for name in frame.columns:
        if name.endswith("_precision") and name[: -len("_precision")] in frame.columns:
            continue
        values = frame[name]
        if name == value_col:
            money = is_money(state.source, state.measure)
            k = "money" if money else "number"
            if money and state.agg == "mean":
                values = values.map(lambda v: None if v is None or pd.isna(v) else round(Decimal(str(v)), 2))
        elif name in cols:
            k = "money" if is_money(state.source, name) else kind(cols[name].type)
            if cols[name].type.upper() == "INTEGER":  # years, article and M49 numbers: no separators
                k = "text"
        else:
            k = "text"
        if k == "date":
            precision = frame.get(f"{name}_precision")
            precisions = list(precision) if precision is not None else ["day"] * len(frame)
            out[name] = [format_date(v, p if isinstance(p, str) else "day") for v, p in zip(values, precisions)]
        elif k == "money":
            out[name] = [format_chf(v) for v in values]
        elif k == "number":
            out[name] = [_number_text(v) for v in values]
        elif k == "boolean":
            out[name] = [UNKNOWN if v is None or pd.isna(v) else ("yes" if v else "no") for v in values]
        else:
            out[name] = [UNKNOWN if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in values]
    return out.reset_index(drop=True)


def chart_frame(frame: pd.DataFrame, state: ExploreState) -> pd.DataFrame:
    """The grouped result ready for a chart: group labels as text ("unknown" for missing), values as floats
    (for drawing only; the table and files keep exact values)."""
    out = pd.DataFrame()
    for g in state.group_by:
        k = column_kind(state.source, g)
        if k == "date":
            out[g] = [format_date(v) for v in frame[g]]
        elif k == "boolean":
            out[g] = [UNKNOWN if v is None or pd.isna(v) else ("yes" if v else "no") for v in frame[g]]
        else:
            out[g] = [UNKNOWN if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in frame[g]]
    value = value_column(state)
    out["value"] = [None if v is None or pd.isna(v) else float(v) for v in frame[value]]
    return out


def describe_value(state: ExploreState) -> str:
    """The value axis label."""
    if state.agg == "count":
        return "Rows"
    unit = " (CHF)" if is_money(state.source, state.measure) else ""
    return f"{AGGREGATES[state.agg].capitalize()} of {state.measure}{unit}"


