"""The ISU budget: yearly and five-year totals, always computed from the lines."""
from __future__ import annotations

import pandas as pd


def totals_by_year(lines: pd.DataFrame, kind: str = "budget") -> pd.DataFrame:
    """One row per year: total in integer centimes. `lines` has year, amount_centimes and kind."""
    chosen = lines[lines["kind"] == kind]
    return (chosen.groupby("year", as_index=False)["amount_centimes"].sum()
            .rename(columns={"amount_centimes": "total_centimes"}))


def budget_for_year(lines: pd.DataFrame, year: int) -> tuple[int | None, int | None]:
    """(year shown, total centimes): the year itself, or the latest budget year before it, or (None, None)."""
    totals = totals_by_year(lines)
    if totals.empty:
        return None, None
    on_record = totals[totals["year"] <= year]
    if (totals["year"] == year).any():
        row = totals[totals["year"] == year].iloc[0]
    elif not on_record.empty:
        row = on_record.iloc[-1]
    else:
        return None, None
    return int(row["year"]), int(row["total_centimes"])


