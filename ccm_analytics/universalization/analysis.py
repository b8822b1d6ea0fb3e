"""Universalization: who is a State Party, Signatory or neither on a date, and how that changed."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ccm_analytics.domain.treaty import entry_into_force
from ccm_analytics.formats.text import UNKNOWN, format_date


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


# --- Universalization page: map categories, regions, growth over time, targets -------------------

MAP_CATEGORIES = ("State Party (in force)", "State Party (not yet in force)", "Signatory", "Not signatory",
                  "Withdrawn")
TARGET_STATUSES = ("Signatory", "Not signatory", "Withdrawn")
ALL_STATES = "All States"


def map_categories(status: pd.DataFrame) -> pd.Series:
    """The map's category per row of a `state_status` frame: a State Party splits into in force or not yet."""
    party = status["status"] == "State Party"
    in_force = status["in_force"].fillna(False).astype(bool)
    category = status["status"].where(~party, "State Party (not yet in force)")
    return category.where(~(party & in_force), "State Party (in force)")


def status_for_map(status: pd.DataFrame) -> pd.DataFrame:
    """One row per State of a `state_status` frame, with its map `category` (see MAP_CATEGORIES)."""
    out = status.copy()
    out["category"] = map_categories(out)
    return out.reset_index(drop=True)


def category_counts(status: pd.DataFrame) -> dict[str, int]:
    """Map category -> how many States of a `state_status` frame fall in it, in MAP_CATEGORIES order
    (zeros included)."""
    counts = map_categories(status).value_counts()
    return {c: int(counts.get(c, 0)) for c in MAP_CATEGORIES}


def region_names(status: pd.DataFrame) -> list[str]:
    """The UN regions of a `state_status` frame, sorted."""
    return sorted(status["un_region"].dropna().unique())


def region_counts(status: pd.DataFrame, by: tuple[str, ...] = ("un_region",)) -> pd.DataFrame:
    """One row per UN region (or region and sub-region, `by`), then one for all States.

    Columns: states, states_parties, in_force, signatories, not_signatory, withdrawn, not_party
    (every State that is not a State Party, signatories included) and share_party_percent
    (States Parties / States × 100, one decimal).
    """
    by = list(by)
    frame = status.assign(
        states=1,
        states_parties=(status["status"] == "State Party").astype(int),
        in_force=status["in_force"].fillna(False).astype(bool).astype(int),
        signatories=(status["status"] == "Signatory").astype(int),
        not_signatory=(status["status"] == "Not signatory").astype(int),
        withdrawn=(status["status"] == "Withdrawn").astype(int))
    columns = ["states", "states_parties", "in_force", "signatories", "not_signatory", "withdrawn"]
    grouped = frame.groupby(by, as_index=False)[columns].sum().sort_values(by)
    total = pd.DataFrame([{**{c: ALL_STATES if i == 0 else "" for i, c in enumerate(by)},
                           **{c: int(frame[c].sum()) for c in columns}}])
    out = pd.concat([grouped, total], ignore_index=True)
    out["not_party"] = out["states"] - out["states_parties"]
    out["share_party_percent"] = (out["states_parties"] * 100 / out["states"]).round(1)
    return out[by + columns + ["not_party", "share_party_percent"]]


def parties_over_time_by_region(facts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per date on which the count changed (up to `as_of`, and `as_of` itself) and UN region:
    States Parties that day (deposits count from their day, withdrawals from the day they take effect)."""
    as_of = pd.Timestamp(as_of)
    regions = sorted(facts["un_region"].dropna().unique())
    changes = pd.concat([
        pd.DataFrame({"date": facts["consent_date"], "un_region": facts["un_region"], "delta": 1}),
        pd.DataFrame({"date": facts["withdrawal_date"], "un_region": facts["un_region"], "delta": -1}),
    ])
    changes = changes[changes["date"].notna() & (changes["date"] <= as_of)]
    dates = sorted(set(changes["date"]) | {as_of})
    grid = (changes.pivot_table(index="date", columns="un_region", values="delta", aggfunc="sum")
            .reindex(index=dates, columns=regions).fillna(0).cumsum().astype(int))
    grid.index.name, grid.columns.name = "date", None
    return grid.reset_index().melt(id_vars="date", var_name="un_region", value_name="states_parties")


def new_parties_by_year(facts: pd.DataFrame, as_of: pd.Timestamp, first_year: int = 2008) -> pd.DataFrame:
    """One row per year (first_year to the year of `as_of`) and UN region: instruments deposited and
    withdrawals that took effect that year, counting events up to `as_of` only."""
    as_of = pd.Timestamp(as_of)
    regions = sorted(facts["un_region"].dropna().unique())
    index = pd.MultiIndex.from_product([range(first_year, as_of.year + 1), regions], names=["year", "un_region"])

    def per_year(column: str) -> pd.Series:
        chosen = facts[facts[column].notna() & (facts[column] <= as_of)]
        return chosen.groupby([chosen[column].dt.year.rename("year"), "un_region"]).size()

    out = pd.DataFrame({"new_parties": per_year("consent_date"), "withdrawals": per_year("withdrawal_date")})
    return out.reindex(index).fillna(0).astype(int).reset_index()


def milestones(facts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Dates to mark on the growth chart, up to `as_of`: the Convention's entry into force (Article 17)
    and each withdrawal taking effect. Columns: date, kind (entry into force / withdrawal), state_name."""
    as_of = pd.Timestamp(as_of)
    thirtieth = facts.attrs.get("thirtieth_deposit", pd.NaT)
    rows = []
    general = entry_into_force(thirtieth, thirtieth)
    if pd.notna(general) and general <= as_of:
        rows.append({"date": general, "kind": "entry into force", "state_name": None})
    gone = facts[facts["withdrawal_date"].notna() & (facts["withdrawal_date"] <= as_of)]
    rows += [{"date": r.withdrawal_date, "kind": "withdrawal", "state_name": r.state_name}
             for r in gone.sort_values("withdrawal_date").itertuples(index=False)]
    return pd.DataFrame(rows, columns=["date", "kind", "state_name"])


def full_years_between(start: pd.Timestamp, end: pd.Timestamp) -> int | None:
    """Whole years from `start` to `end` (an anniversary counts on its day); None if `start` is missing."""
    if start is None or pd.isna(start):
        return None
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return end.year - start.year - int((end.month, end.day) < (start.month, start.day))


def targets(status: pd.DataFrame, as_of: pd.Timestamp, regions: list[str] | None = None) -> pd.DataFrame:
    """One row per State that is not a State Party on `as_of` (a `state_status` frame for that date):
    signatories (with whole years since signature), States that have not signed, withdrawn States.
    `regions` keeps only those UN regions (None or empty: all). Sorted by region, status, then the
    longest-standing signatures first, then name."""
    chosen = status[status["status"].isin(TARGET_STATUSES)]
    if regions:
        chosen = chosen[chosen["un_region"].isin(regions)]
    out = chosen[["iso3", "state_name", "un_region", "un_subregion", "status", "signature_date",
                  "consent_date", "withdrawal_date"]].copy()
    out["years_since_signature"] = pd.array(
        [full_years_between(s, as_of) if st == "Signatory" else None
         for s, st in zip(out["signature_date"], out["status"])], dtype="Int64")
    out["status_order"] = out["status"].map({s: i for i, s in enumerate(TARGET_STATUSES)})
    out = out.sort_values(["un_region", "status_order", "years_since_signature", "state_name"],
                          ascending=[True, True, False, True], na_position="last")
    return out.drop(columns="status_order").reset_index(drop=True)


def signatory_targets(target_frame: pd.DataFrame) -> pd.DataFrame:
    """The signatories of a `targets` frame: iso3, names, regions, signature date and years since."""
    chosen = target_frame[target_frame["status"] == "Signatory"]
    return chosen[["iso3", "state_name", "un_region", "un_subregion", "signature_date",
                   "years_since_signature"]].reset_index(drop=True)


def non_signatory_targets(target_frame: pd.DataFrame) -> pd.DataFrame:
    """The States of a `targets` frame that have not signed, or have withdrawn (with its dates)."""
    chosen = target_frame[target_frame["status"] != "Signatory"]
    return chosen[["iso3", "state_name", "un_region", "un_subregion", "status", "consent_date",
                   "withdrawal_date"]].reset_index(drop=True)


def dates_as_text(frame: pd.DataFrame, columns: list[str], missing: str) -> pd.DataFrame:
    """A copy with the date columns as screen text ("6 March 2025"); a missing date reads `missing`
    (e.g. "none recorded" where the record shows no such event, never a blank)."""
    out = frame.copy()
    for column in columns:
        out[column] = [missing if pd.isna(v) else format_date(v) for v in out[column]]
    return out


NOT_SIGNED = "not signed"
NOT_RATIFIED = "not ratified"
NONE_RECORDED = "none recorded"
AFTER_SIGNATURE = ("ratification", "acceptance", "approval")  # instruments only a signatory deposits


def missing_signature_text(status: object, consent_type: object) -> str:
    """What an empty signature date means: "not signed" for a State that has not signed (status Not
    signatory) or joined by accession; "unknown" where a signature must exist (a signatory, or a State
    that ratified, accepted or approved) but is not in the data."""
    if status == "Signatory" or consent_type in AFTER_SIGNATURE:
        return UNKNOWN
    return NOT_SIGNED


def missing_consent_text(status: object) -> str:
    """What an empty deposit (consent) date means: "not ratified" for a State that is not party and has
    never deposited an instrument (a signatory, or a State that has not signed); "unknown" for a State
    Party or a withdrawn State, whose deposit must exist."""
    return NOT_RATIFIED if status in ("Signatory", "Not signatory") else UNKNOWN


def missing_withdrawal_text(status: object) -> str:
    """What an empty withdrawal date means: "none recorded", or "unknown" for a withdrawn State."""
    return UNKNOWN if status == "Withdrawn" else NONE_RECORDED


def event_dates_as_text(status: pd.DataFrame) -> pd.DataFrame:
    """A copy of a `state_status` frame (columns status and, if present, consent_type) with whichever of
    signature_date, consent_date and withdrawal_date it has as screen text ("3 December 2008"); an empty
    date reads as what it means: "not signed", "not ratified", "none recorded", or "unknown" where the
    event must have happened but its date is not in the data."""
    out = status.copy()
    kinds = out["consent_type"] if "consent_type" in out else pd.Series([None] * len(out), index=out.index)
    missing = {"signature_date": missing_signature_text,
               "consent_date": lambda st, kind: missing_consent_text(st),
               "withdrawal_date": lambda st, kind: missing_withdrawal_text(st)}
    for column, text in missing.items():
        if column in out:
            out[column] = [text(st, kind if isinstance(kind, str) else None) if pd.isna(v) else format_date(v)
                           for v, st, kind in zip(out[column], out["status"], kinds)]
    return out


def state_list(status: pd.DataFrame, dates: bool = True) -> pd.DataFrame:
    """The columns a State list shows from a `status_for_map` frame: code, name, region, sub-region,
    map category and (with `dates`) signature, deposit and withdrawal dates."""
    columns = ["iso3", "state_name", "un_region", "un_subregion", "category"]
    if dates:
        columns += ["signature_date", "consent_date", "withdrawal_date"]
    return status[columns].reset_index(drop=True)
