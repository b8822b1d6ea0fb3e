"""The ISU's money: budget by line and year, actual expenditure against it, contributions received.

Pure functions of the frames they are given; money is integer centimes (`*_centimes` columns),
never floats. Percentages are ratios of exact integers rounded half up to one decimal.

Inputs:
- `lines`: `queries.budget_lines` (year, budget_line, amount_centimes, kind = budget or actual);
- `notes`: the `isu_budget_notes` table (budget_line, note_kind, note, source);
- `contributions`: `queries.contributions` (iso3, year, amount_centimes, received_date, source);
- `facts`: `treaty.state_facts` (one row per State with its signature, deposit and withdrawal).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from ccm_analytics.domain.treaty import state_status
from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.formats.money import chf

TOTAL = "Total"


def percent(part: int | None, whole: int | None) -> float | None:
    """100 * part / whole, exact then rounded half up to 0.1; None when either is missing or whole is 0."""
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or int(whole) == 0:
        return None
    ratio = Decimal(int(part)) * 100 / Decimal(int(whole))
    return float(ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _line_order(frame: pd.DataFrame) -> pd.DataFrame:
    order = {line: i for i, line in enumerate(BUDGET_LINES)}
    return frame.assign(_order=frame["budget_line"].map(order).fillna(len(order))).sort_values(
        ["_order", "budget_line"]).drop(columns="_order")


# --- Budget ------------------------------------------------------------------------------------

def budget_long(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per budget year and line: amount, the line's share of that year's budget, and the
    change from the line's amount the year before (None in the first year).

    Columns: year, budget_line, amount_centimes, year_total_centimes, share_pct, change_centimes,
    change_pct.
    """
    budget = lines.loc[lines["kind"] == "budget", ["year", "budget_line", "amount_centimes"]].copy()
    budget["amount_centimes"] = budget["amount_centimes"].astype("int64")
    totals = budget.groupby("year")["amount_centimes"].sum()
    budget["year_total_centimes"] = budget["year"].map(totals).astype("int64")
    budget["share_pct"] = [percent(a, t) for a, t in zip(budget["amount_centimes"], budget["year_total_centimes"])]
    budget = budget.sort_values(["budget_line", "year"])
    previous = budget.groupby("budget_line")["amount_centimes"].shift(1)
    previous_year = budget.groupby("budget_line")["year"].shift(1)
    consecutive = previous_year == budget["year"] - 1
    budget["change_centimes"] = [int(a - p) if ok else None
                                 for a, p, ok in zip(budget["amount_centimes"], previous, consecutive)]
    budget["change_pct"] = [percent(a - p, p) if ok else None
                            for a, p, ok in zip(budget["amount_centimes"], previous, consecutive)]
    budget["change_centimes"] = budget["change_centimes"].astype("Int64")
    return _line_order(budget).sort_values("year", kind="stable").reset_index(drop=True)


def yearly_totals(lines: pd.DataFrame, kind: str = "budget") -> pd.DataFrame:
    """One row per year: the total of the lines of `kind` and its change from the year before.

    Columns: year, total_centimes, change_centimes, change_pct.
    """
    chosen = lines[lines["kind"] == kind]
    totals = chosen.groupby("year", as_index=False)["amount_centimes"].sum().rename(
        columns={"amount_centimes": "total_centimes"}).sort_values("year").reset_index(drop=True)
    totals["total_centimes"] = totals["total_centimes"].astype("int64")
    previous = totals["total_centimes"].shift(1)
    consecutive = totals["year"].shift(1) == totals["year"] - 1
    totals["change_centimes"] = pd.array(
        [int(t - p) if ok else None for t, p, ok in zip(totals["total_centimes"], previous, consecutive)], "Int64")
    totals["change_pct"] = [percent(t - p, p) if ok else None
                            for t, p, ok in zip(totals["total_centimes"], previous, consecutive)]
    return totals


def period_total(lines: pd.DataFrame, kind: str = "budget") -> int | None:
    """The sum of every line of `kind` over all years, in centimes (None when there are no lines)."""
    chosen = lines[lines["kind"] == kind]
    return None if chosen.empty else int(chosen["amount_centimes"].sum())


def budget_table(lines: pd.DataFrame, kind: str = "budget") -> pd.DataFrame:
    """Lines by year, as the work plan prints its budget: one row per line (work-plan order) and a
    `Total` row; one column per year and a `total` column. Values are integer centimes."""
    chosen = lines[lines["kind"] == kind]
    if chosen.empty:
        return pd.DataFrame(columns=["budget_line", "total"])
    wide = chosen.pivot_table(index="budget_line", columns="year", values="amount_centimes", aggfunc="sum")
    wide = _line_order(wide.reset_index())
    years = [c for c in wide.columns if c != "budget_line"]
    total_row = {"budget_line": TOTAL, **{y: wide[y].sum() for y in years}}
    wide = pd.concat([wide, pd.DataFrame([total_row])], ignore_index=True)
    wide["total"] = wide[years].sum(axis=1)
    for column in [*years, "total"]:
        wide[column] = wide[column].astype("Int64")
    wide.columns = [str(c) for c in wide.columns]
    return wide


def line_shares(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per budget line: its total over all budget years and its share of the whole budget.

    Columns: budget_line, total_centimes, share_pct.
    """
    budget = lines[lines["kind"] == "budget"]
    totals = budget.groupby("budget_line", as_index=False)["amount_centimes"].sum().rename(
        columns={"amount_centimes": "total_centimes"})
    whole = int(totals["total_centimes"].sum()) if not totals.empty else None
    totals["share_pct"] = [percent(t, whole) for t in totals["total_centimes"]]
    return _line_order(totals).reset_index(drop=True)


def largest_line(shares: pd.DataFrame):
    """The row of a `line_shares` frame with the largest total (budget_line, total_centimes, share_pct)."""
    return shares.sort_values("total_centimes", ascending=False, kind="stable").iloc[0]


def peak_notes(lines: pd.DataFrame, notes: pd.DataFrame) -> pd.DataFrame:
    """The work plan's budget notes, each with the year(s) its line is highest, which it explains.

    One row per note of kind `budget note`: budget_line, peak_years (list of int), peak_centimes, note.
    """
    budget = lines[lines["kind"] == "budget"]
    rows = []
    for note in notes[notes["note_kind"] == "budget note"].itertuples(index=False):
        line = budget[budget["budget_line"] == note.budget_line]
        if line.empty:
            continue
        peak = int(line["amount_centimes"].max())
        years = sorted(int(y) for y in line.loc[line["amount_centimes"] == peak, "year"])
        rows.append({"budget_line": note.budget_line, "peak_years": years, "peak_centimes": peak, "note": note.note})
    return _line_order(pd.DataFrame(rows, columns=["budget_line", "peak_years", "peak_centimes", "note"])
                       ).reset_index(drop=True)


def line_descriptions(notes: pd.DataFrame) -> dict[str, str]:
    """What each budget line covers, in the work plan's words."""
    chosen = notes[notes["note_kind"] == "line description"]
    return dict(zip(chosen["budget_line"], chosen["note"]))


def in_kind_notes(notes: pd.DataFrame) -> list[str]:
    """The work plan's notes on in-kind support (GICHD's administrative support: no amount, not cash)."""
    return list(notes.loc[notes["note_kind"] == "in-kind support", "note"])


def budget_years(lines: pd.DataFrame) -> tuple[int, int] | None:
    """The first and last budget year on record, or None."""
    years = lines.loc[lines["kind"] == "budget", "year"]
    return None if years.empty else (int(years.min()), int(years.max()))


def total_for_year(totals: pd.DataFrame, year: int) -> int | None:
    """The total of `year` in a `yearly_totals` frame, in centimes; None when the year has none."""
    row = totals.loc[totals["year"] == year, "total_centimes"]
    return None if row.empty else int(row.iloc[0])


def plan_known_on(as_of: pd.Timestamp, plan_current_to: pd.Timestamp) -> bool:
    """Whether the work plan (current to `plan_current_to`) was published by `as_of`; True if unknown."""
    return pd.isna(plan_current_to) or pd.Timestamp(as_of) >= pd.Timestamp(plan_current_to)


# --- Actual expenditure ------------------------------------------------------------------------

def variance(lines: pd.DataFrame, threshold_pct: float, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per year and line with actual expenditure on record, for years up to that of `as_of`.

    Columns: year, budget_line, budget_centimes (<NA> where no budget), actual_centimes,
    variance_centimes (actual - budget), variance_pct (of the budget), beyond_threshold (True when
    |variance_pct| > threshold_pct, or when spending had no budget at all).
    """
    year = pd.Timestamp(as_of).year
    key = ["year", "budget_line"]
    actual = lines.loc[(lines["kind"] == "actual") & (lines["year"] <= year), [*key, "amount_centimes"]]
    budget = lines.loc[lines["kind"] == "budget", [*key, "amount_centimes"]]
    out = actual.rename(columns={"amount_centimes": "actual_centimes"}).merge(
        budget.rename(columns={"amount_centimes": "budget_centimes"}), on=key, how="left")
    out = out[[*key, "budget_centimes", "actual_centimes"]]
    out["budget_centimes"] = out["budget_centimes"].astype("Int64")
    out["actual_centimes"] = out["actual_centimes"].astype("int64")
    out["variance_centimes"] = (out["actual_centimes"] - out["budget_centimes"]).astype("Int64")
    out["variance_pct"] = [percent(v, b) if pd.notna(b) else None
                           for v, b in zip(out["variance_centimes"], out["budget_centimes"])]
    out["beyond_threshold"] = [
        bool(abs(p) > threshold_pct) if pd.notna(p) else bool(a != 0)
        for p, a in zip(out["variance_pct"], out["actual_centimes"])]
    return _line_order(out).sort_values("year", kind="stable").reset_index(drop=True)


def has_actuals(lines: pd.DataFrame, as_of: pd.Timestamp) -> bool:
    """Whether any actual expenditure is on record for a year up to that of `as_of`."""
    return bool(((lines["kind"] == "actual") & (lines["year"] <= pd.Timestamp(as_of).year)).any())


def beyond_count(variance_frame: pd.DataFrame) -> int:
    """How many year-and-line rows of a `variance` frame are beyond the threshold."""
    return int(variance_frame["beyond_threshold"].sum())


def variance_by_year(lines: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per year whose actual expenditure is on record for every budget line of that year.

    Columns: year, budget_centimes, actual_centimes, variance_centimes, variance_pct. Years with
    actuals for only some lines are left out: their totals would compare unlike with like.
    """
    per_line = variance(lines, 0, as_of)
    budget = lines[lines["kind"] == "budget"]
    rows = []
    for year, group in per_line.groupby("year"):
        budgeted = set(budget.loc[budget["year"] == year, "budget_line"])
        if not budgeted or not budgeted <= set(group["budget_line"]):
            continue
        b = int(budget.loc[budget["year"] == year, "amount_centimes"].sum())
        a = int(group["actual_centimes"].sum())
        rows.append({"year": int(year), "budget_centimes": b, "actual_centimes": a,
                     "variance_centimes": a - b, "variance_pct": percent(a - b, b)})
    return pd.DataFrame(rows, columns=["year", "budget_centimes", "actual_centimes", "variance_centimes",
                                       "variance_pct"])


# --- Contributions -----------------------------------------------------------------------------

def counted_contributions(contributions: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The contributions known on `as_of`: received on or before it, or with no received date (an
    undated record cannot be placed in time; the page says how many there are)."""
    received = pd.to_datetime(contributions["received_date"])
    return contributions[received.isna() | (received <= pd.Timestamp(as_of))].reset_index(drop=True)


def year_reference_day(year: int, as_of: pd.Timestamp) -> pd.Timestamp:
    """The day whose States Parties a budget year asks contributions of: 31 December of the year,
    or `as_of` itself for the year in progress."""
    return min(pd.Timestamp(year=int(year), month=12, day=31), pd.Timestamp(as_of))


def parties_in_year(facts: pd.DataFrame, year: int, as_of: pd.Timestamp) -> pd.DataFrame:
    """The States Parties on the year's reference day (`year_reference_day`): iso3, state_name, un_region."""
    status = state_status(facts, year_reference_day(year, as_of))
    return status.loc[status["status"] == "State Party", ["iso3", "state_name", "un_region"]].reset_index(drop=True)


def by_state_and_year(contributions: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """One row per State and year with contributions: iso3, state_name, year, amount_centimes, payments."""
    grouped = contributions.groupby(["iso3", "year"], as_index=False).agg(
        amount_centimes=("amount_centimes", "sum"), payments=("amount_centimes", "size"))
    grouped["amount_centimes"] = grouped["amount_centimes"].astype("int64")
    names = dict(zip(facts["iso3"], facts["state_name"]))
    grouped.insert(1, "state_name", grouped["iso3"].map(names).fillna(grouped["iso3"]))
    return grouped.sort_values(["year", "state_name"]).reset_index(drop=True)


def by_state_table(by_state_year: pd.DataFrame) -> pd.DataFrame:
    """The `by_state_and_year` rows as a table: one row per State, one column per year, and `total`.
    Values are integer centimes (<NA> where the State gave nothing that year)."""
    if by_state_year.empty:
        return pd.DataFrame(columns=["iso3", "state_name", "total"])
    wide = by_state_year.pivot_table(index=["iso3", "state_name"], columns="year", values="amount_centimes",
                                     aggfunc="sum").reset_index()
    years = [c for c in wide.columns if c not in ("iso3", "state_name")]
    wide["total"] = wide[years].sum(axis=1)
    for column in [*years, "total"]:
        wide[column] = wide[column].astype("Int64")
    wide.columns = [str(c) for c in wide.columns]
    return wide.sort_values(["total", "state_name"], ascending=[False, True]).reset_index(drop=True)


def contributors_per_year(contributions: pd.DataFrame, facts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per year with contributions: States contributing, how many of them were States
    Parties on the year's reference day, the number of States Parties then, and the share of States
    Parties that contributed.

    Columns: year, contributing_states, contributing_parties, states_parties, parties_share_pct.
    """
    rows = []
    for year in sorted(contributions["year"].unique()):
        givers = set(contributions.loc[contributions["year"] == year, "iso3"])
        parties = set(parties_in_year(facts, int(year), as_of)["iso3"])
        rows.append({"year": int(year), "contributing_states": len(givers),
                     "contributing_parties": len(givers & parties), "states_parties": len(parties),
                     "parties_share_pct": percent(len(givers & parties), len(parties))})
    return pd.DataFrame(rows, columns=["year", "contributing_states", "contributing_parties", "states_parties",
                                       "parties_share_pct"])


def funding_coverage(lines: pd.DataFrame, contributions: pd.DataFrame) -> pd.DataFrame:
    """One row per year with a budget or contributions: the budget, contributions received, their
    share of the budget (coverage) and what is left to fund.

    Columns: year, budget_centimes, contributions_centimes, coverage_pct, gap_centimes. A year with
    no contribution records has contributions <NA> (not imported: unknown, not zero); a year with
    no budget has budget, coverage and gap <NA>.
    """
    budget = lines[lines["kind"] == "budget"].groupby("year")["amount_centimes"].sum()
    received = contributions.groupby("year")["amount_centimes"].sum()
    years = sorted(set(budget.index) | set(received.index))
    out = pd.DataFrame({"year": [int(y) for y in years]})
    out["budget_centimes"] = pd.array([budget.get(y) for y in years], "Int64")
    out["contributions_centimes"] = pd.array([received.get(y) for y in years], "Int64")
    out["coverage_pct"] = [percent(c, b) if pd.notna(c) and pd.notna(b) else None
                           for c, b in zip(out["contributions_centimes"], out["budget_centimes"])]
    out["gap_centimes"] = (out["budget_centimes"] - out["contributions_centimes"]).astype("Int64")
    return out


def coverage_with_counts(coverage: pd.DataFrame, per_year: pd.DataFrame) -> pd.DataFrame:
    """`funding_coverage` with the `contributors_per_year` counts beside it (one row per year)."""
    return coverage.merge(per_year, on="year", how="left")


def non_contributors(contributions: pd.DataFrame, facts: pd.DataFrame, year: int,
                     as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per State Party (on the year's reference day) with no contribution for `year`, with
    its latest earlier contribution, for reminders.

    Columns: iso3, state_name, un_region, last_contribution_year (<NA> if none), last_contribution_centimes.
    """
    parties = parties_in_year(facts, year, as_of)
    givers = set(contributions.loc[contributions["year"] == year, "iso3"])
    missing = parties[~parties["iso3"].isin(givers)].copy()
    earlier = contributions[contributions["year"] < year]
    last_year = earlier.groupby("iso3")["year"].max()
    last = earlier.merge(last_year.rename("last").reset_index(), on="iso3")
    last = last[last["year"] == last["last"]].groupby("iso3")["amount_centimes"].sum()
    missing["last_contribution_year"] = pd.array([last_year.get(i) for i in missing["iso3"]], "Int64")
    missing["last_contribution_centimes"] = pd.array([last.get(i) for i in missing["iso3"]], "Int64")
    return missing.sort_values("state_name").reset_index(drop=True)


def undated_count(contributions: pd.DataFrame) -> int:
    """How many contribution records have no received date."""
    return int(pd.to_datetime(contributions["received_date"]).isna().sum())


def contribution_years(contributions: pd.DataFrame) -> list[int]:
    """The years with contribution records, latest first (the choices for the non-contributors list)."""
    return sorted({int(y) for y in contributions["year"]}, reverse=True)


# --- Files (downloads) -------------------------------------------------------------------------

def money_file(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for CSV/Excel files: each `*_centimes` column becomes `*_chf`, a plain Decimal amount."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        if str(column).endswith("_centimes"):
            out[str(column).removesuffix("_centimes") + "_chf"] = [chf(v) for v in frame[column]]
        else:
            out[column] = frame[column]
    return out
