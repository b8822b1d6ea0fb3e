"""The Convention's arithmetic: entry into force, deadlines, report due dates and status on a date.

Pure functions of their arguments; none reads the clock. Dates are pandas Timestamps (or NaT).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

# Article 17(1): in force on the first day of the sixth month after the month of the 30th deposit.
INSTRUMENTS_FOR_ENTRY_INTO_FORCE = 30
MONTHS_TO_ENTRY_INTO_FORCE = 6
# Article 3(2) and Article 4(1)(a): years after entry into force for the State.
DEADLINE_YEARS = {3: 8, 4: 10}
# Article 3(5) and Article 4(5): the longest period one extension may add.
EXTENSION_LIMIT_YEARS = {3: 4, 4: 5}
INITIAL_REPORT_DAYS = 180  # Article 7(1)
ANNUAL_REPORT_DUE = (4, 30)  # Article 7(2): 30 April, covering the previous calendar year

STATUSES = ("State Party", "Signatory", "Not signatory", "Withdrawn")
DEPOSIT_TYPES = ("ratification", "acceptance", "accession")


def first_day_of_sixth_month_after(day: pd.Timestamp) -> pd.Timestamp:
    """Article 17: the first day of the sixth month after the month of `day`."""
    return (pd.Timestamp(day).to_period("M") + MONTHS_TO_ENTRY_INTO_FORCE).start_time


def thirtieth_deposit_date(deposit_dates: pd.Series) -> pd.Timestamp:
    """The date of the instrument that brought the Convention into force (the 30th deposited)."""
    ordered = pd.to_datetime(deposit_dates).dropna().sort_values()
    if len(ordered) < INSTRUMENTS_FOR_ENTRY_INTO_FORCE:
        return pd.NaT
    return ordered.iloc[INSTRUMENTS_FOR_ENTRY_INTO_FORCE - 1]


def entry_into_force(deposit: pd.Timestamp, thirtieth_deposit: pd.Timestamp) -> pd.Timestamp:
    """Entry into force for a State that deposited its instrument on `deposit` (Article 17)."""
    if pd.isna(deposit) or pd.isna(thirtieth_deposit):
        return pd.NaT
    return first_day_of_sixth_month_after(max(pd.Timestamp(deposit), pd.Timestamp(thirtieth_deposit)))


def entries_into_force(deposits: pd.Series, thirtieth_deposit: pd.Timestamp) -> pd.Series:
    """`entry_into_force` for a whole column of deposit dates at once (NaT where it is NaT)."""
    deposits = pd.to_datetime(deposits)
    if pd.isna(thirtieth_deposit):
        return pd.Series(pd.NaT, index=deposits.index, dtype=deposits.dtype)
    later = deposits.where(deposits.isna() | (deposits > thirtieth_deposit), pd.Timestamp(thirtieth_deposit))
    return (later.dt.to_period("M") + MONTHS_TO_ENTRY_INTO_FORCE).dt.start_time.astype(deposits.dtype)


def original_deadline(entry_into_force_date: pd.Timestamp, article: int) -> pd.Timestamp:
    """The Article 3 (8 years) or Article 4 (10 years) deadline before any extension."""
    if pd.isna(entry_into_force_date):
        return pd.NaT
    return pd.Timestamp(entry_into_force_date) + pd.DateOffset(years=DEADLINE_YEARS[article])


def initial_report_due(entry_into_force_date: pd.Timestamp) -> pd.Timestamp:
    """Article 7(1): 180 days after entry into force."""
    if pd.isna(entry_into_force_date):
        return pd.NaT
    return pd.Timestamp(entry_into_force_date) + pd.Timedelta(days=INITIAL_REPORT_DAYS)


def annual_report_due(reporting_year: int) -> pd.Timestamp:
    """Article 7(2): the report covering calendar year Y is due on 30 April of Y+1."""
    month, day = ANNUAL_REPORT_DUE
    return pd.Timestamp(year=int(reporting_year) + 1, month=month, day=day)


def next_annual_report_due(as_of: pd.Timestamp) -> pd.Timestamp:
    """The next annual-report due date (30 April) on or after `as_of`."""
    as_of = pd.Timestamp(as_of)
    month, day = ANNUAL_REPORT_DUE
    this_year = pd.Timestamp(year=as_of.year, month=month, day=day)
    return this_year if as_of <= this_year else pd.Timestamp(year=as_of.year + 1, month=month, day=day)


def status_on(as_of: pd.Timestamp, signature: pd.Timestamp, deposit: pd.Timestamp,
              withdrawal: pd.Timestamp) -> str:
    """State Party, Signatory, Not signatory or Withdrawn on `as_of` (events dated on that day count)."""
    as_of = pd.Timestamp(as_of)
    if pd.notna(withdrawal) and withdrawal <= as_of:
        return "Withdrawn"
    if pd.notna(deposit) and deposit <= as_of:
        return "State Party"
    if pd.notna(signature) and signature <= as_of:
        return "Signatory"
    return "Not signatory"


def state_facts(states: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """One row per State: signature, deposit (and its type), withdrawal and entry into force, as recorded.

    `states` has iso3, state_name, un_region, un_subregion; `events` has iso3, event_type, event_date.
    """
    events = events.assign(event_date=pd.to_datetime(events["event_date"]))
    deposits = events[events["event_type"].isin(DEPOSIT_TYPES)]
    thirtieth = thirtieth_deposit_date(deposits["event_date"])
    facts = states[["iso3", "state_name", "un_region", "un_subregion"]].copy()
    by_state = lambda frame: frame.groupby("iso3")["event_date"].max()  # noqa: E731
    facts["signature_date"] = facts["iso3"].map(by_state(events[events["event_type"] == "signature"]))
    facts["consent_date"] = facts["iso3"].map(by_state(deposits))
    facts["consent_type"] = facts["iso3"].map(deposits.set_index("iso3")["event_type"])
    facts["withdrawal_date"] = facts["iso3"].map(by_state(events[events["event_type"] == "withdrawal"]))
    facts["entry_into_force_date"] = entries_into_force(facts["consent_date"], thirtieth)
    facts.attrs["thirtieth_deposit"] = thirtieth
    return facts


def state_status(facts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per State: its facts as known on `as_of` (later events blanked), status and in_force."""
    as_of = pd.Timestamp(as_of)
    out = facts.copy()
    for column in ("signature_date", "consent_date", "withdrawal_date"):
        out[column] = out[column].where(out[column] <= as_of)
    out["consent_type"] = out["consent_type"].where(out["consent_date"].notna())
    thirtieth = facts.attrs.get("thirtieth_deposit", pd.NaT)
    # Before the 30th deposit nobody could know the general date of entry into force.
    known = out["consent_date"].notna() & (pd.notna(thirtieth) and thirtieth <= as_of)
    out["entry_into_force_date"] = out["entry_into_force_date"].where(known)
    # status_on for every row at once: the dates are blanked after `as_of`, so "known" is "on or before".
    out["status"] = pd.Series(np.select(
        [out["withdrawal_date"].notna(), out["consent_date"].notna(), out["signature_date"].notna()],
        ["Withdrawn", "State Party", "Signatory"], "Not signatory"), index=out.index, dtype="str")
    out["in_force"] = (out["status"] == "State Party") & (out["entry_into_force_date"] <= as_of)
    return out
