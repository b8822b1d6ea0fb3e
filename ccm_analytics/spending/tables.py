"""Screen versions of the `spending` frames: CHF 469'686, 4.0%, "unknown", column names in words.

Files (downloads) use `spending.money_file` instead: plain numbers, no formatting.
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.formats.money import chf, format_chf
from ccm_analytics.formats.text import UNKNOWN, format_count, format_percent
from ccm_analytics.spending.analysis import TOTAL

FIRST_YEAR = "first year of the plan"  # a change from the year before where the plan has no year before


def money(centimes: object) -> str:
    """CHF 469'686 for integer centimes; "unknown" when missing."""
    return format_chf(chf(centimes))


def signed_money(centimes: object) -> str:
    """+CHF 13'757 / −CHF 10'000 / CHF 0 for a change in centimes; "unknown" when missing."""
    if centimes is None or pd.isna(centimes):
        return UNKNOWN
    text = format_chf(chf(abs(int(centimes))))
    return text if int(centimes) == 0 else ("+" if int(centimes) > 0 else "−") + text


def pct(value: object, signed: bool = False) -> str:
    """4.0 % (or +4.0 % when `signed`, −4.0 % with the minus sign, as in −CHF 10'000); "unknown" when missing."""
    return format_percent(value, signed=signed)


def years_of(table: pd.DataFrame) -> list[str]:
    return [c for c in table.columns if c.isdigit()]


def budget_screen(table: pd.DataFrame, descriptions: dict[str, str]) -> pd.DataFrame:
    """A `spending.budget_table` for the screen, with what each line covers."""
    out = pd.DataFrame({"Budget line": table["budget_line"]})
    for year in years_of(table):
        out[year] = [money(v) for v in table[year]]
    out["Five years"] = [money(v) for v in table["total"]]
    out["What it covers (work plan)"] = [descriptions.get(line, "") for line in table["budget_line"]]
    return out


def shares_screen(long: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Each line's share of each year's budget and of the whole period (`budget_long`, `line_shares`)."""
    out = pd.DataFrame({"Budget line": shares["budget_line"]})
    for year in sorted(long["year"].unique()):
        rows = long[long["year"] == year].set_index("budget_line")["share_pct"]
        out[str(year)] = [pct(rows.get(line)) for line in shares["budget_line"]]
    out["Five years"] = [pct(v) for v in shares["share_pct"]]
    return out


def change_screen(long: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Change of each line and of the total from the year before: +CHF 13'757 (+4.0 %)."""
    years = sorted(long["year"].unique())[1:]
    lines = list(dict.fromkeys(long["budget_line"]))
    out = pd.DataFrame({"Budget line": [*lines, TOTAL]})
    for year in years:
        rows = long[long["year"] == year].set_index("budget_line")
        total = totals[totals["year"] == year].iloc[0]
        cells = [_change(rows.loc[line, "change_centimes"], rows.loc[line, "change_pct"]) if line in rows.index
                 else UNKNOWN for line in lines]
        out[str(year)] = [*cells, _change(total["change_centimes"], total["change_pct"])]
    return out


def _change(centimes: object, percent: object) -> str:
    if centimes is None or pd.isna(centimes):
        return UNKNOWN
    return f"{signed_money(centimes)} ({pct(percent, signed=True)})"


def change_from_year_before(year: int, first_year: int, centimes: object, percent: object) -> str:
    """A total's change from the year before for the screen: "+CHF 13'757 (+4.0 %)"; "first year of the
    plan" for the plan's first year, which has no year before (known absence, not "unknown")."""
    if year == first_year:
        return FIRST_YEAR
    return _change(centimes, percent)


def totals_screen(totals: pd.DataFrame) -> pd.DataFrame:
    """The yearly totals (`spending.yearly_totals`) for the screen; the first year's change reads
    "first year of the plan"."""
    first_year = totals["year"].min() if len(totals) else None
    return pd.DataFrame({"Year": totals["year"].astype(str), "Budget": [money(v) for v in totals["total_centimes"]],
                         "Change from the year before": [
                             change_from_year_before(y, first_year, c, p)
                             for y, c, p in zip(totals["year"], totals["change_centimes"], totals["change_pct"])]})


def variance_screen(variance: pd.DataFrame) -> pd.DataFrame:
    """A `spending.variance` frame for the screen; the threshold column says which way it is exceeded."""
    def beyond(flag: bool, v: object) -> str:
        if not flag:
            return "no"
        if v is None or pd.isna(v):
            return "yes: spending without a budget"
        return "yes: over budget" if v > 0 else "yes: under budget"
    return pd.DataFrame({
        "Year": variance["year"].astype(str), "Budget line": variance["budget_line"],
        "Budget": [money(v) for v in variance["budget_centimes"]],
        "Actual": [money(v) for v in variance["actual_centimes"]],
        "Actual − budget": [signed_money(v) for v in variance["variance_centimes"]],
        "Actual − budget (%)": [pct(v, signed=True) for v in variance["variance_pct"]],
        "Beyond threshold": [beyond(f, v) for f, v in zip(variance["beyond_threshold"], variance["variance_centimes"])],
    })


def variance_year_screen(by_year: pd.DataFrame) -> pd.DataFrame:
    """A `spending.variance_by_year` frame for the screen."""
    return pd.DataFrame({
        "Year": by_year["year"].astype(str), "Budget": [money(v) for v in by_year["budget_centimes"]],
        "Actual": [money(v) for v in by_year["actual_centimes"]],
        "Actual − budget": [signed_money(v) for v in by_year["variance_centimes"]],
        "Actual − budget (%)": [pct(v, signed=True) for v in by_year["variance_pct"]]})


def coverage_screen(coverage: pd.DataFrame, per_year: pd.DataFrame) -> pd.DataFrame:
    """Funding coverage per year with the number of States contributing (`funding_coverage`, `contributors_per_year`)."""
    counts = per_year.set_index("year")
    def count(year: int, column: str) -> str:
        return format_count(counts.loc[year, column]) if year in counts.index else UNKNOWN
    return pd.DataFrame({
        "Budget year": coverage["year"].astype(str),
        "Budget": [money(v) for v in coverage["budget_centimes"]],
        "Contributions received": [money(v) for v in coverage["contributions_centimes"]],
        "Coverage": [pct(v) for v in coverage["coverage_pct"]],
        "Still to fund": [f"none (surplus {money(-v)})" if pd.notna(v) and v < 0 else money(v)
                          for v in coverage["gap_centimes"]],
        "States contributing": [count(y, "contributing_states") for y in coverage["year"]],
        "of which States Parties": [count(y, "contributing_parties") for y in coverage["year"]],
        "States Parties": [count(y, "states_parties") for y in coverage["year"]],
    })


def by_state_screen(table: pd.DataFrame) -> pd.DataFrame:
    """A `spending.by_state_table` for the screen: "none" where a State gave nothing that year."""
    out = pd.DataFrame({"State": table["state_name"]})
    for year in years_of(table):
        out[year] = [money(v) if pd.notna(v) else "none" for v in table[year]]
    out["Total"] = [money(v) for v in table["total"]]
    return out


def non_contributors_screen(missing: pd.DataFrame) -> pd.DataFrame:
    """A `spending.non_contributors` frame for the screen."""
    return pd.DataFrame({
        "State Party": missing["state_name"], "Region": missing["un_region"],
        "Last contribution for": [str(int(y)) if pd.notna(y) else "none on record"
                                  for y in missing["last_contribution_year"]],
        "Amount then": [money(v) if pd.notna(v) else "" for v in missing["last_contribution_centimes"]]})


def year_list(years: list[int]) -> str:
    """2021; 2021 and 2025; 2021, 2023 and 2025."""
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def peak_text(row: object) -> str:
    """One budget note with the peak it explains (a row of `spending.peak_notes`), as Markdown."""
    return (f"**{row.budget_line}**: highest in {year_list(row.peak_years)} ({money(row.peak_centimes)}). "
            f"Work plan note: *{row.note}*")


def undated_text(count: int) -> str:
    """The note on contribution records without a received date."""
    if count == 1:
        return "1 contribution record has no received date: it is counted whatever the reference date."
    return f"{format_count(count)} contribution records have no received date: they are counted whatever the reference date."
