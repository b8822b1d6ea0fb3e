"""Universalization: who is a State Party, Signatory or neither on a date, and how that changed."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .treaty import state_status  # noqa: F401  (kept for modules that import it from here)


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
    """One row per year from `first_year` to that of `as_of`: counts at 31 December (at `as_of` in its year).

    The same counts as `state_status` on each of those days, for all States and years at once
    (one States x years comparison per date column, no loop over years or rows).
    """
    as_of = pd.Timestamp(as_of)
    years = np.arange(first_year, as_of.year + 1)
    if not len(years):
        return pd.DataFrame([])
    days = np.array([as_of if year == as_of.year else pd.Timestamp(year=year, month=12, day=31) for year in years],
                    dtype="datetime64[ns]")[np.newaxis, :]

    def known(column: str) -> np.ndarray:  # States x years: the event happened on or before the day (NaT: never)
        return facts[column].to_numpy(dtype="datetime64[ns]")[:, np.newaxis] <= days

    def in_year(column: str) -> np.ndarray:  # States x years: the event's year is the row's year
        return facts[column].dt.year.to_numpy(dtype="float64", na_value=np.nan)[:, np.newaxis] == years

    withdrawn, consented, signed = known("withdrawal_date"), known("consent_date"), known("signature_date")
    party = consented & ~withdrawn
    thirtieth = facts.attrs.get("thirtieth_deposit", pd.NaT)
    general = (np.datetime64(pd.Timestamp(thirtieth), "ns") <= days) if pd.notna(thirtieth) else np.zeros_like(days, bool)
    in_force = party & general & known("entry_into_force_date")
    return pd.DataFrame({
        "year": years.astype("int64"),
        "states_parties": party.sum(axis=0).astype("int64"),
        "in_force": in_force.sum(axis=0).astype("int64"),
        "signatories_only": (signed & ~consented & ~withdrawn).sum(axis=0).astype("int64"),
        "new_parties": (consented & in_year("consent_date")).sum(axis=0).astype("int64"),
        "withdrawals": (withdrawn & in_year("withdrawal_date")).sum(axis=0).astype("int64"),
    })
