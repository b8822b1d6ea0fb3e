"""Universalization: who is a State Party, Signatory or neither on a date, and how that changed."""
from __future__ import annotations

import pandas as pd

from .treaty import state_status


def headline_counts(status: pd.DataFrame) -> dict[str, int]:
    """States Parties, in force, Signatories and States not party, from a `state_status` frame."""
    parties = int((status["status"] == "State Party").sum())
    return {
        "states_parties": parties,
        "in_force": int(status["in_force"].sum()),
        "signatories": int((status["status"] == "Signatory").sum()),
        "not_party": int(len(status) - parties),
    }


def parties_by_year(facts: pd.DataFrame, as_of: pd.Timestamp, first_year: int = 2008) -> pd.DataFrame:
    """One row per year from `first_year` to that of `as_of`: counts at 31 December (at `as_of` in its year)."""
    as_of = pd.Timestamp(as_of)
    rows = []
    for year in range(first_year, as_of.year + 1):
        day = as_of if year == as_of.year else pd.Timestamp(year=year, month=12, day=31)
        status = state_status(facts, day)
        counts = headline_counts(status)
        rows.append({
            "year": year,
            "states_parties": counts["states_parties"],
            "in_force": counts["in_force"],
            "signatories_only": counts["signatories"],
            "new_parties": int((status["consent_date"].dt.year == year).sum()),
            "withdrawals": int((status["withdrawal_date"].dt.year == year).sum()),
        })
    return pd.DataFrame(rows)
