"""The workbench's reading of the data: the baseline as the treaty defines it, land release per year by
method and scope, what the State reports as remaining, and the demonstrated rate.

Conventions (the issue is silent on them; the page says them too):
- A year's figure is taken as known on the reference date only once that year is over
  (year < year of `as_of`).
- Article 4's demonstrated rate counts land cleared plus land reduced by technical survey (cancelled by
  non-technical survey is shown, never counted): the mean of the last three years with a figure.
- One scope per series (`series_scope`): Monitor and Mine Action Review figures are never mixed.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ccm_analytics.domain.land_release import RATE_SCOPES

RATE_YEARS = 3  # the demonstrated rate: mean of the last three years with a reported figure

# Per article: the measures the data give per year.
MEASURES: dict[int, dict[str, str]] = {
    3: {"munitions": "cluster munitions destroyed", "submunitions": "submunitions destroyed"},
    4: {"area": "land released (km², cleared plus reduced)", "submunitions": "submunitions destroyed"},
}
UNITS = {"munitions": "cluster munitions", "submunitions": "submunitions", "area": "km²"}
# Article 4 land release by method: (column, words).
METHODS = (("area_cleared_km2", "cleared"), ("area_reduced_km2", "reduced by technical survey"),
           ("area_cancelled_km2", "cancelled by non-technical survey"))


def text_or_none(value: object) -> str | None:
    """A non-empty text, or None (pandas hands back NaN for empty cells)."""
    return value if isinstance(value, str) and value else None


@dataclass
class Baseline:
    """Articles 3.4(d) / 4.6(d): the stock, or the area containing remnants, at entry into force, with what
    was discovered after."""
    amount: float | None  # None: not in the data
    year: int | None  # the year the figure speaks for; None where not stated
    description: str
    note: str | None = None
    source: str | None = None
    at_entry_into_force: bool = False  # True where the figure is dated within a year of entry into force
    discovered_later: str = "not in data"  # areas or stocks found after entry into force, by year


@dataclass
class Rate:
    rate: float | None  # mean per year; None without any reported year
    years: pd.DataFrame  # the years used: year, amount, qualifier
    note: str
    scope: str | None = None  # whose figures (Article 4), e.g. "national"


@dataclass
class Reported:
    """What the State (or the Monitor, Mine Action Review) last reported as remaining on the reference date."""
    amount: float | None  # total, else CHA plus SHA where given; None where nothing is reported
    cha: float | None
    sha: float | None
    total: float | None
    as_at: pd.Timestamp  # the date the figure speaks for (NaT if none)
    precision: str | None
    qualifier: str | None
    scope: str | None
    source: str | None
    source_url: str | None


def series_scope(scopes: pd.Series) -> str | None:
    """The one scope a State's series of yearly figures is read in (a rate never mixes scopes): the scope
    in `land_release.RATE_SCOPES` with the most figures, the earlier in that order on a tie."""
    counts = scopes.value_counts()
    return max(RATE_SCOPES, key=lambda s: (counts.get(s, 0), -RATE_SCOPES.index(s))) if len(counts) else None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def progress_by_year(article: int, iso3: str, measure: str, destruction_by_year: pd.DataFrame,
                     clearance_by_year: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per year with a figure for the State (years ended before `as_of` only): year, amount,
    qualifier, cumulative (True where the figure sums several years), note, source, scope and, for
    Article 4 area, cleared, reduced and cancelled (None where not reported). Article 4 area: amount is
    cleared plus reduced (a reduction not reported counts as none, and the qualifier says so)."""
    as_of = pd.Timestamp(as_of)
    if article == 3:
        rows = destruction_by_year[destruction_by_year["iso3"] == iso3]
        column = "munitions_destroyed" if measure == "munitions" else "submunitions_destroyed"
        out = pd.DataFrame({"year": rows["year"], "amount": rows[column],
                            "qualifier": "not stated", "cumulative": rows["cumulative"].fillna(False).astype(bool),
                            "note": rows["notes"], "source": rows["source"], "scope": None})
    else:
        present = (clearance_by_year[["area_cleared_km2", "area_reduced_km2"]].notna().any(axis=1) if measure == "area"
                   else clearance_by_year["submunitions_destroyed"].notna())
        rows = clearance_by_year[(clearance_by_year["iso3"] == iso3) & clearance_by_year["scope"].isin(RATE_SCOPES)
                                 & present & (clearance_by_year["year"] < as_of.year)]
        rows = rows[rows["scope"] == series_scope(rows["scope"])]
        if measure == "area":
            cleared = rows["area_cleared_km2"].map(_number)
            reduced = rows["area_reduced_km2"].map(_number)
            amount = [(c or 0.0) + (r or 0.0) for c, r in zip(cleared, reduced)]
            qualifier = rows["area_qualifier"]
        else:
            amount, qualifier = rows["submunitions_destroyed"], rows["submunitions_qualifier"]
        out = pd.DataFrame({"year": rows["year"], "amount": amount, "qualifier": qualifier, "cumulative": False,
                            "note": rows["notes"], "source": rows["source"], "scope": rows["scope"]})
        if measure == "area":
            out["cleared"] = list(rows["area_cleared_km2"].map(_number))
            out["reduced"] = list(rows["area_reduced_km2"].map(_number))
            out["cancelled"] = list(rows["area_cancelled_km2"].map(_number))
    out = out.dropna(subset=["amount"])
    out = out[out["year"] < as_of.year]
    out["amount"] = out["amount"].astype(float)
    out["year"] = out["year"].astype(int)
    out["qualifier"] = out["qualifier"].fillna("not stated")
    return out.sort_values("year").reset_index(drop=True)


def baseline(article: int, iso3: str, measure: str, stockpiles: pd.DataFrame, remaining_reports: pd.DataFrame,
             entry_into_force: pd.Timestamp) -> Baseline:
    """The treaty's baseline where the data hold it. Article 3: the stock at entry into force is not held
    apart from later finds; the data give the total destroyed, later finds included. Article 4: the area
    the State (or the Monitor) first reported (`article4_remaining`), counted as at entry into force only
    when dated within a year of it."""
    if article == 3:
        row = stockpiles[stockpiles["iso3"] == iso3]
        column = "munitions_destroyed" if measure == "munitions" else "submunitions_destroyed"
        if row.empty or pd.isna(row.iloc[0][column]):
            return Baseline(None, None, f"stockpile at entry into force ({UNITS[measure]}): not in data")
        r = row.iloc[0]
        return Baseline(float(r[column]), None, f"stockpile destroyed in all ({UNITS[measure]}): the stock at "
                        "entry into force and stocks discovered after it together (the data do not separate them)",
                        text_or_none(r["quantities_note"]), text_or_none(r["source"]),
                        discovered_later="not in data (included in the total, not separated)")
    if measure != "area":
        return Baseline(None, None, "submunitions at entry into force: not in data")
    rows = remaining_reports[remaining_reports["iso3"] == iso3].sort_values("as_of_date")
    rows = _with_area(rows)
    if rows.empty:
        return Baseline(None, None, "area containing cluster munition remnants at entry into force: not in data")
    first = rows.iloc[0].to_dict()
    day = pd.Timestamp(first["as_of_date"])
    near = pd.notna(entry_into_force) and abs((day - pd.Timestamp(entry_into_force)).days) <= 366
    what = ("area containing cluster munition remnants at entry into force (km²)" if near else
            "earliest area reported (km²); the data give none at entry into force")
    return Baseline(_area(first), day.year, what, text_or_none(first.get("qualifier")),
                    text_or_none(first.get("source")), at_entry_into_force=near)


def _with_area(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows that give an area (an empty frame keeps its columns)."""
    keep = pd.Series([_area(r) is not None for r in rows.to_dict("records")], index=rows.index, dtype=bool)
    return rows.loc[keep]


def _area(row: dict) -> float | None:
    """A reported area: the total where given, else CHA plus SHA (those given); None if neither."""
    total = _number(row.get("total_km2"))
    if total is not None:
        return total
    parts = [v for v in (_number(row.get("cha_km2")), _number(row.get("sha_km2"))) if v is not None]
    return sum(parts) if parts else None


def reported_remaining(iso3: str, remaining_reports: pd.DataFrame, as_of: pd.Timestamp) -> Reported:
    """The latest figure of what remains dated on or before `as_of` (the Group reads it first)."""
    rows = remaining_reports[(remaining_reports["iso3"] == iso3)
                             & (pd.to_datetime(remaining_reports["as_of_date"]) <= pd.Timestamp(as_of))]
    rows = _with_area(rows).sort_values("as_of_date")
    if rows.empty:
        return Reported(None, None, None, None, pd.NaT, None, None, None, None, None)
    r = rows.iloc[-1].to_dict()
    return Reported(_area(r), _number(r.get("cha_km2")), _number(r.get("sha_km2")), _number(r.get("total_km2")),
                    pd.Timestamp(r["as_of_date"]), text_or_none(r.get("as_of_date_precision")),
                    text_or_none(r.get("qualifier")), text_or_none(r.get("scope")), text_or_none(r.get("source")),
                    text_or_none(r.get("source_url")))


def demonstrated_rate(progress: pd.DataFrame, years: int = RATE_YEARS) -> Rate:
    """The mean of the last `years` years with a reported (single-year) figure.

    With fewer such years, the mean of those there are, and the note says so; with none, rate None.
    """
    usable = progress[~progress["cumulative"].astype(bool)].sort_values("year")
    used = usable.tail(years)[["year", "amount", "qualifier"]].reset_index(drop=True)
    scope = None
    if "scope" in progress and progress["scope"].notna().any():
        scope = progress["scope"].dropna().iloc[0]
    if used.empty:
        return Rate(None, used, "no year with a reported figure: no demonstrated rate", scope)
    rate = float(used["amount"].mean())
    listed = ", ".join(f"{y} ({q})" for y, q in zip(used["year"], used["qualifier"]))
    whose = f"; {scope} figures" if scope else ""
    if len(used) < years:
        note = (f"only {len(used)} year{'s' if len(used) > 1 else ''} with a reported figure "
                f"(fewer than {years}): mean of {listed}{whose}")
    else:
        note = f"mean of the last {years} years with a reported figure: {listed}{whose}"
    return Rate(rate, used, note, scope)


def missing_years(progress: pd.DataFrame, first_year: int | None, last_year: int | None) -> list[int]:
    """Years from `first_year` to `last_year` (inclusive) without a single-year figure."""
    if first_year is None or last_year is None or last_year < first_year:
        return []
    have = set(progress.loc[~progress["cumulative"].astype(bool), "year"])
    return [y for y in range(first_year, last_year + 1) if y not in have]


def year_ranges(years: list[int]) -> str:
    """2010-2015, 2018, 2020-2021."""
    out, run = [], []
    for y in sorted(years):
        if run and y == run[-1] + 1:
            run.append(y)
        else:
            if run:
                out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
            run = [y]
    if run:
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(out)
