"""The Analysis Group's workbench: is an extension request no longer than strictly necessary?

From the reported baseline and progress per year: what remains, the demonstrated annual rate, the
years needed at that rate against the years requested, the rate the request requires, the treaty's
limit on one extension (Article 3(5): 4 years; Article 4(5): 5 years), a scenario projection and
data-completeness flags. Pure functions of their arguments; nothing is made up where the data are
silent: a missing figure is None and shown as "unknown".

Conventions (the issue is silent on them; the page says them too):
- A year's figure is taken as known on the reference date only once that year is over
  (year < year of `as_of`).
- The remaining stock or area is dated 31 December of the last year it accounts for; projections
  start there and add each calendar year's amount in turn.
- Years between dates are days / 365.25.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ccm_analytics.domain.land_release import RATE_SCOPES
from ccm_analytics.domain.treaty import EXTENSION_LIMIT_YEARS

RATE_YEARS = 3  # the demonstrated rate: mean of the last three years with a reported figure
MAX_PROJECTION_YEARS = 200  # beyond this a projection reads "not at this rate"
DAYS_PER_YEAR = 365.25

# Per article: the measures the data give per year, and where each one's baseline comes from.
MEASURES: dict[int, dict[str, str]] = {
    3: {"munitions": "cluster munitions destroyed", "submunitions": "submunitions destroyed"},
    4: {"area": "area cleared (km²)", "submunitions": "submunitions destroyed"},
}
UNITS = {"munitions": "cluster munitions", "submunitions": "submunitions", "area": "km²"}


def _text(value: object) -> str | None:
    """A non-empty text, or None (pandas hands back NaN for empty cells)."""
    return value if isinstance(value, str) and value else None


@dataclass
class Baseline:
    amount: float | None  # None: not in the data
    year: int | None  # the year the figure speaks for (Article 4 area); None where not stated
    description: str
    note: str | None = None
    source: str | None = None


@dataclass
class Rate:
    rate: float | None  # mean per year; None without any reported year
    years: pd.DataFrame  # the years used: year, amount, qualifier
    note: str


@dataclass
class Remaining:
    amount: float | None
    as_at: pd.Timestamp  # 31 December of the last year accounted for (NaT if unknown)
    note: str


# --- reading the data ---------------------------------------------------------------------------------

def progress_by_year(article: int, iso3: str, measure: str, destruction_by_year: pd.DataFrame,
                     clearance_by_year: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per year with a figure for the State (years ended before `as_of` only):
    year, amount, qualifier, cumulative (True where the figure sums several years), note, source."""
    as_of = pd.Timestamp(as_of)
    if article == 3:
        rows = destruction_by_year[destruction_by_year["iso3"] == iso3]
        column = "munitions_destroyed" if measure == "munitions" else "submunitions_destroyed"
        out = pd.DataFrame({"year": rows["year"], "amount": rows[column],
                            "qualifier": "not stated", "cumulative": rows["cumulative"].fillna(False).astype(bool),
                            "note": rows["notes"], "source": rows["source"]})
    else:
        amount, qualifier = (("area_cleared_km2", "area_qualifier") if measure == "area"
                             else ("submunitions_destroyed", "submunitions_qualifier"))
        rows = clearance_by_year[(clearance_by_year["iso3"] == iso3) & clearance_by_year["scope"].isin(RATE_SCOPES)
                                 & clearance_by_year[amount].notna() & (clearance_by_year["year"] < as_of.year)]
        rows = rows[rows["scope"] == series_scope(rows["scope"])]
        out = pd.DataFrame({"year": rows["year"], "amount": rows[amount], "qualifier": rows[qualifier],
                            "cumulative": False, "note": rows["notes"], "source": rows["source"]})
    out = out.dropna(subset=["amount"])
    out = out[out["year"] < as_of.year]
    out["amount"] = out["amount"].astype(float)
    out["year"] = out["year"].astype(int)
    out["qualifier"] = out["qualifier"].fillna("not stated")
    return out.sort_values("year").reset_index(drop=True)


def series_scope(scopes: pd.Series) -> str | None:
    """The one scope a State's series of yearly figures is read in (a rate never mixes scopes): the scope
    in `land_release.RATE_SCOPES` with the most figures, the earlier in that order on a tie."""
    counts = scopes.value_counts()
    return max(RATE_SCOPES, key=lambda s: (counts.get(s, 0), -RATE_SCOPES.index(s))) if len(counts) else None


def baseline(article: int, iso3: str, measure: str, stockpiles: pd.DataFrame, clearance: pd.DataFrame) -> Baseline:
    """The stock (Article 3: cluster munitions or submunitions destroyed in all, found since entry into force
    included) or the contaminated area (Article 4: latest area reported, with its year), where known."""
    if article == 3:
        row = stockpiles[stockpiles["iso3"] == iso3]
        column = "munitions_destroyed" if measure == "munitions" else "submunitions_destroyed"
        if row.empty or pd.isna(row.iloc[0][column]):
            return Baseline(None, None, f"stockpile ({UNITS[measure]}): not in the data")
        r = row.iloc[0]
        return Baseline(float(r[column]), None, f"stockpile destroyed in all ({UNITS[measure]}), "
                        "stocks found after entry into force included", _text(r["quantities_note"]), _text(r["source"]))
    row = clearance[clearance["iso3"] == iso3]
    if measure != "area":
        return Baseline(None, None, "submunitions remaining: not in the data (no baseline is reported)")
    if row.empty or pd.isna(row.iloc[0]["contaminated_area_km2"]):
        return Baseline(None, None, "contaminated area: not in the data",
                        None if row.empty else _text(row.iloc[0]["contaminated_area_note"]),
                        None if row.empty else _text(row.iloc[0]["source"]))
    r = row.iloc[0]
    year = None if pd.isna(r["contaminated_area_year"]) else int(r["contaminated_area_year"])
    return Baseline(float(r["contaminated_area_km2"]), year, "contaminated area reported (km²)",
                    _text(r["contaminated_area_note"]), _text(r["source"]))


# --- the arithmetic -----------------------------------------------------------------------------------

def demonstrated_rate(progress: pd.DataFrame, years: int = RATE_YEARS) -> Rate:
    """The mean of the last `years` years with a reported (single-year) figure.

    With fewer such years, the mean of those there are, and the note says so; with none, rate None.
    """
    usable = progress[~progress["cumulative"].astype(bool)].sort_values("year")
    used = usable.tail(years)[["year", "amount", "qualifier"]].reset_index(drop=True)
    if used.empty:
        return Rate(None, used, "no year with a reported figure: no demonstrated rate")
    rate = float(used["amount"].mean())
    listed = ", ".join(f"{y} ({q})" for y, q in zip(used["year"], used["qualifier"]))
    if len(used) < years:
        note = (f"only {len(used)} year{'s' if len(used) > 1 else ''} with a reported figure "
                f"(fewer than {years}): mean of {listed}")
    else:
        note = f"mean of the last {years} years with a reported figure: {listed}"
    return Rate(rate, used, note)


def remaining(base: Baseline, progress: pd.DataFrame, completed: bool, entry_into_force: pd.Timestamp) -> Remaining:
    """What remains: zero once completion is recorded; else the baseline less the amounts reported
    after it (Article 4: years after the area's year; Article 3: every reported figure, as the stock is
    the total ever held), dated 31 December of the last year accounted for."""
    if completed:
        return Remaining(0.0, pd.NaT, "completion recorded: nothing remains")
    if base.amount is None:
        return Remaining(None, pd.NaT, "unknown: no baseline in the data")
    after = progress if base.year is None else progress[progress["year"] > base.year]
    start_year = base.year if base.year is not None else (pd.Timestamp(entry_into_force).year - 1
                                                         if pd.notna(entry_into_force) else None)
    last_year = max([y for y in [start_year, *after["year"].tolist()] if y is not None], default=None)
    amount = base.amount - float(after["amount"].sum())
    note = (f"baseline {base.amount:g} less {float(after['amount'].sum()):g} reported in "
            f"{len(after)} year{'s' if len(after) != 1 else ''} after it")
    if amount < 0:
        note += "; the reported amounts exceed the baseline (figures from different sources)"
        amount = 0.0
    as_at = pd.Timestamp(year=last_year, month=12, day=31) if last_year is not None else pd.NaT
    return Remaining(amount, as_at, note)


def years_between(start: pd.Timestamp, end: pd.Timestamp) -> float | None:
    """Years from `start` to `end` (days / 365.25); None if either is unknown."""
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        return None
    return (pd.Timestamp(end) - pd.Timestamp(start)).days / DAYS_PER_YEAR


def years_needed(remaining_amount: float | None, rate: float | None) -> float | None:
    """Years to finish `remaining_amount` at `rate` a year: 0 if nothing remains, inf at a zero rate,
    None if either is unknown."""
    if remaining_amount is None or rate is None:
        return None
    if remaining_amount <= 0:
        return 0.0
    if rate <= 0:
        return float("inf")
    return remaining_amount / rate


def required_rate(remaining_amount: float | None, start: pd.Timestamp, deadline: pd.Timestamp) -> float | None:
    """The annual rate that finishes `remaining_amount` between `start` and `deadline` (None if unknown
    or if the deadline is not after the start)."""
    span = years_between(start, deadline)
    if remaining_amount is None or span is None:
        return None
    if remaining_amount <= 0:
        return 0.0
    if span <= 0:
        return None
    return remaining_amount / span


def rate_ratio(required: float | None, demonstrated: float | None) -> float | None:
    """Required rate / demonstrated rate (inf where nothing was demonstrated but work remains)."""
    if required is None or demonstrated is None:
        return None
    if demonstrated <= 0:
        return float("inf") if required > 0 else None
    return required / demonstrated


def extension_limit_date(extends: pd.Timestamp, article: int) -> pd.Timestamp:
    """The latest deadline one extension may set: the deadline it extends plus 4 (Article 3) or 5 years."""
    if extends is None or pd.isna(extends):
        return pd.NaT
    return pd.Timestamp(extends) + pd.DateOffset(years=EXTENSION_LIMIT_YEARS[article])


def within_limit(extends: pd.Timestamp, requested: pd.Timestamp, article: int) -> bool | None:
    """Whether the period requested is within the treaty's limit for one extension; None if unknown."""
    if requested is None or pd.isna(requested) or extends is None or pd.isna(extends):
        return None
    return pd.Timestamp(requested) <= extension_limit_date(extends, article)


def project_completion(remaining_amount: float | None, start: pd.Timestamp,
                       rates: float | dict[int, float] | None) -> pd.Timestamp:
    """The day the remaining work is done, going calendar year by calendar year from `start`.

    `rates` is one annual rate for every year, or {year: rate}; after the last year given the last rate
    goes on. Within a year work is spread evenly. NaT if unknown or never (a zero rate from then on, or
    more than MAX_PROJECTION_YEARS years).
    """
    if remaining_amount is None or rates is None or start is None or pd.isna(start):
        return pd.NaT
    start = pd.Timestamp(start)
    if remaining_amount <= 0:
        return start
    per_year = rates if isinstance(rates, dict) else {}
    flat = None if isinstance(rates, dict) else float(rates)
    last_given = max(per_year) if per_year else None
    done = 0.0
    # The first part-year runs from the day after `start` to 31 December of its year.
    year = start.year if (start.month, start.day) != (12, 31) else start.year + 1
    for _ in range(MAX_PROJECTION_YEARS + 1):
        if flat is not None:
            rate = flat
        else:
            rate = per_year.get(year, per_year[last_given] if year > last_given else 0.0)
        year_start = max(pd.Timestamp(year=year, month=1, day=1), start + pd.Timedelta(days=1))
        year_end = pd.Timestamp(year=year, month=12, day=31)
        share = ((year_end - year_start).days + 1) / ((year_end - pd.Timestamp(year=year, month=1, day=1)).days + 1)
        amount = rate * share
        if amount > 0 and done + amount >= remaining_amount:
            fraction = (remaining_amount - done) / amount
            days = (year_end - year_start).days + 1
            return (year_start + pd.Timedelta(days=round(fraction * days) - 1)).normalize()
        done += amount
        if flat is not None and flat <= 0:
            return pd.NaT
        if flat is None and year >= last_given and per_year[last_given] <= 0:
            return pd.NaT
        year += 1
    return pd.NaT


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


# --- the whole assessment for one request --------------------------------------------------------------

@dataclass
class Assessment:
    iso3: str
    state_name: str
    article: int
    measure: str
    unit: str
    as_of: pd.Timestamp
    status: str
    entry_into_force: pd.Timestamp
    current_deadline: pd.Timestamp
    completion_date: pd.Timestamp
    request: dict | None  # the request's row (requests_at), None where the State made none
    extends_deadline: pd.Timestamp
    requested_deadline: pd.Timestamp
    requested_deadline_entered: bool  # True where the page's user entered it (not in the data)
    baseline: Baseline
    progress: pd.DataFrame
    rate: Rate
    remaining: Remaining
    years_requested: float | None
    years_needed: float | None
    projected_completion: pd.Timestamp  # at the demonstrated rate
    required_rate: float | None
    ratio: float | None
    limit_years: int
    limit_date: pd.Timestamp
    within_limit: bool | None
    flags: list[str] = field(default_factory=list)


def assess(obligation: dict, request: dict | None, measure: str, base: Baseline, progress: pd.DataFrame,
           as_of: pd.Timestamp, requested_override: pd.Timestamp | None = None) -> Assessment:
    """Everything the workbench shows for one obligation (a row of `obligation_deadlines_at` as a dict)
    and one of its requests (a row of `extensions.requests_at`, or None)."""
    as_of = pd.Timestamp(as_of)
    article = int(obligation["article"])
    completion = obligation.get("completion_date")
    completed = obligation["status"] == "completed"
    eif = pd.Timestamp(obligation["entry_into_force_date"])
    extends = pd.Timestamp(request["extends_deadline"]) if request else pd.Timestamp(obligation["current_deadline"])
    recorded = request.get("requested_deadline") if request else None
    entered = False
    requested = pd.NaT if recorded is None or pd.isna(recorded) else pd.Timestamp(recorded)
    if pd.isna(requested) and requested_override is not None and pd.notna(requested_override):
        requested, entered = pd.Timestamp(requested_override), True
    rate = demonstrated_rate(progress)
    left = remaining(base, progress, completed, eif)
    needed = years_needed(left.amount, rate.rate)
    projected = project_completion(left.amount, left.as_at, rate.rate) if not completed else pd.NaT
    required = required_rate(left.amount, left.as_at, requested) if not completed else None
    flags = _flags(article, base, progress, rate, left, eif, completion, completed, as_of, request, entered)
    return Assessment(
        iso3=obligation["iso3"], state_name=obligation["state_name"], article=article, measure=measure,
        unit=UNITS[measure], as_of=as_of, status=obligation["status"], entry_into_force=eif,
        current_deadline=pd.Timestamp(obligation["current_deadline"]),
        completion_date=pd.NaT if completion is None or pd.isna(completion) else pd.Timestamp(completion),
        request=request, extends_deadline=extends, requested_deadline=requested, requested_deadline_entered=entered,
        baseline=base, progress=progress, rate=rate, remaining=left,
        years_requested=years_between(extends, requested), years_needed=needed, projected_completion=projected,
        required_rate=required, ratio=rate_ratio(required, rate.rate), limit_years=EXTENSION_LIMIT_YEARS[article],
        limit_date=extension_limit_date(extends, article), within_limit=within_limit(extends, requested, article),
        flags=flags)


def _flags(article, base, progress, rate, left, eif, completion, completed, as_of, request, entered) -> list[str]:
    flags = []
    if base.amount is None:
        flags.append(f"Baseline missing: {base.description}.")
    elif base.year is not None and base.year >= as_of.year:
        flags.append(f"The baseline is for {base.year}, a year not over on the reference date.")
    first = pd.Timestamp(eif).year if pd.notna(eif) else None
    end_year = as_of.year - 1
    if completed and completion is not None and pd.notna(completion):
        end_year = min(end_year, pd.Timestamp(completion).year)
    gaps = missing_years(progress, first, end_year)
    if gaps:
        flags.append(f"No figure for {len(gaps)} year{'s' if len(gaps) > 1 else ''} since entry into force: "
                     f"{year_ranges(gaps)}.")
    if progress.empty:
        flags.append("No progress figure per year in the data.")
    elif len(rate.years) < RATE_YEARS:
        flags.append(f"Fewer than {RATE_YEARS} years with a reported figure: the rate uses "
                     f"{len(rate.years)}.")
    for row in progress.itertuples(index=False):
        if row.qualifier in ("approx", "lower bound"):
            flags.append(f"{row.year}: figure is {'approximate' if row.qualifier == 'approx' else 'a lower bound'}.")
        if row.cumulative:
            flags.append(f"{row.year}: figure sums several years; left out of the rate.")
        if isinstance(row.note, str) and row.note:
            flags.append(f"{row.year}: {row.note}.")
    if left.amount is not None and not completed and pd.notna(left.as_at):
        from_year = (base.year + 1) if base.year is not None else first
        inside = missing_years(progress, from_year, pd.Timestamp(left.as_at).year)
        if inside:
            flags.append(f"What remains is at most the figure shown: the amounts of {year_ranges(inside)} "
                         "(no figure) are not subtracted.")
        since = list(range(pd.Timestamp(left.as_at).year + 1, as_of.year))
        if since:
            flags.append(f"What remains is dated {pd.Timestamp(left.as_at).day} December "
                         f"{pd.Timestamp(left.as_at).year}: no figure for {year_ranges(since)}.")
    if request is None:
        flags.append("No extension request on record for this obligation on the reference date.")
    elif entered:
        flags.append("The requested deadline is not in the data: the one shown was entered on this page.")
    elif request.get("requested_deadline") is None or pd.isna(request.get("requested_deadline")):
        flags.append("The requested deadline is not in the data.")
    if request is not None and request.get("decision") != "granted":
        flags.append(f"Decision on the request: {request.get('decision')}.")
    return flags


def numbers(a: Assessment, scenario_rows: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """The assessment as a tidy table for the CSV: section, item, value, unit, note (ISO dates)."""
    iso = lambda d: "" if d is None or pd.isna(d) else pd.Timestamp(d).date().isoformat()  # noqa: E731
    num = lambda x: "" if x is None else ("inf" if x == float("inf") else round(float(x), 6))  # noqa: E731
    req = a.request or {}
    rows = [
        ("request", "State", a.state_name, "", a.iso3),
        ("request", "article", a.article, "", ""),
        ("request", "request number", req.get("request_no", ""), "", ""),
        ("request", "document", _text(req.get("document")) or "", "", ""),
        ("request", "meeting", _text(req.get("meeting")) or "", "", ""),
        ("request", "decision", req.get("decision", ""), "", ""),
        ("deadlines", "reference date", iso(a.as_of), "date", ""),
        ("deadlines", "status", a.status, "", ""),
        ("deadlines", "entry into force", iso(a.entry_into_force), "date", ""),
        ("deadlines", "current deadline", iso(a.current_deadline), "date", ""),
        ("deadlines", "deadline the request extends", iso(a.extends_deadline), "date", ""),
        ("deadlines", "requested deadline", iso(a.requested_deadline), "date",
         "entered on the page, not in the data" if a.requested_deadline_entered else ""),
        ("deadlines", "completion", iso(a.completion_date), "date", ""),
        ("deadlines", "years requested", num(a.years_requested), "years", "deadline extended to requested deadline"),
        ("deadlines", "treaty limit for one extension", a.limit_years, "years", ""),
        ("deadlines", "latest deadline within the limit", iso(a.limit_date), "date", ""),
        ("deadlines", "within the limit", "" if a.within_limit is None else a.within_limit, "", ""),
        ("baseline", a.baseline.description, num(a.baseline.amount), a.unit, a.baseline.note or ""),
        ("baseline", "baseline year", a.baseline.year or "", "", ""),
        ("remaining", "remaining", num(a.remaining.amount), a.unit, a.remaining.note),
        ("remaining", "remaining as at", iso(a.remaining.as_at), "date", ""),
        ("rate", "demonstrated annual rate", num(a.rate.rate), f"{a.unit} per year", a.rate.note),
        ("rate", "years needed at that rate", num(a.years_needed), "years", ""),
        ("rate", "projected completion at that rate", iso(a.projected_completion), "date", ""),
        ("rate", "required annual rate", num(a.required_rate), f"{a.unit} per year",
         "to finish by the requested deadline"),
        ("rate", "required / demonstrated", num(a.ratio), "ratio", ""),
    ]
    rows += [("progress", str(r.year), num(r.amount), a.unit, r.qualifier + (" (cumulative)" if r.cumulative else ""))
             for r in a.progress.itertuples(index=False)]
    rows += [("flags", f"flag {i + 1}", text, "", "") for i, text in enumerate(a.flags)]
    rows += [("scenario", item, value, "", "") for item, value in (scenario_rows or [])]
    return pd.DataFrame(rows, columns=["section", "item", "value", "unit", "note"])


# --- screen text ------------------------------------------------------------------------------------------

def format_amount(value: float | None, measure: str) -> str:
    """1'321.10 km², 6'862 cluster munitions, or "unknown"."""
    if value is None or pd.isna(value):
        return "unknown"
    if value == float("inf"):
        return "never at this rate"
    text = f"{value:,.2f}" if measure == "area" else f"{value:,.0f}"
    return text.replace(",", "'") + " " + UNITS[measure]


def _per_year(value: float | None, measure: str) -> str:
    text = format_amount(value, measure)
    return text if value is None or pd.isna(value) or value == float("inf") else f"{text} a year"


def format_years(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    if value == float("inf"):
        return "never at this rate"
    return f"{value:.1f} years"


def format_ratio(value: float | None) -> str:
    if value is None or pd.isna(value):
        return "unknown"
    if value == float("inf"):
        return "no work demonstrated"
    return f"{value:.2f} ×"


def limit_text(a: Assessment) -> str:
    """Whether the period requested is within the treaty's limit for one extension, in words."""
    from ccm_analytics.formats.text import format_date
    limit = f"{a.limit_years} years (Article {a.article}), i.e. up to {format_date(a.limit_date)}"
    if a.within_limit is None:
        return f"Within the limit of {limit}: unknown (the requested deadline is not known)."
    if a.within_limit:
        return f"The period requested ({format_years(a.years_requested)}) is within the limit of {limit}."
    return f"The period requested ({format_years(a.years_requested)}) is longer than the limit of {limit}."


def compare_to_deadline(day: pd.Timestamp, deadline: pd.Timestamp) -> str:
    """ "1.3 years before the requested deadline", "0.5 years after ...", or what is unknown."""
    if day is None or pd.isna(day):
        return "no completion projected at this rate"
    if deadline is None or pd.isna(deadline):
        return "the requested deadline is unknown"
    gap = years_between(day, deadline)
    if abs(gap) < 1 / 365.25:
        return "on the requested deadline"
    return f"{abs(gap):.1f} years {'before' if gap > 0 else 'after'} the requested deadline"


def key_figures(a: Assessment) -> list[tuple[str, str]]:
    """(label, text) pairs shown on the page and in the brief."""
    from ccm_analytics.formats.text import format_date
    req = a.request or {}
    requested = format_date(a.requested_deadline) + (" (entered on the page, not in the data)"
                                                     if a.requested_deadline_entered else "")
    return [
        ("State", f"{a.state_name} ({a.iso3})"),
        ("Article", f"Article {a.article}"),
        ("Extension request", f"request {req['request_no']}, meeting {_text(req.get('meeting')) or 'unknown'}, "
         f"document {_text(req.get('document')) or 'unknown'}; {req.get('decision')}" if req else "none on record"),
        ("Status on the reference date", a.status),
        ("Entry into force", format_date(a.entry_into_force)),
        ("Current deadline", format_date(a.current_deadline)),
        ("Deadline the request extends", format_date(a.extends_deadline)),
        ("Requested deadline", requested),
        ("Completion recorded", format_date(a.completion_date)),
        ("Baseline", f"{format_amount(a.baseline.amount, a.measure)}: {a.baseline.description}"
         + (f" ({a.baseline.year})" if a.baseline.year else "") + (f"; {a.baseline.note}" if a.baseline.note else "")),
        ("What remains", f"{format_amount(a.remaining.amount, a.measure)}"
         + (f" at {format_date(a.remaining.as_at)}" if pd.notna(a.remaining.as_at) else "") + f" ({a.remaining.note})"),
        ("Demonstrated annual rate", f"{_per_year(a.rate.rate, a.measure)} ({a.rate.note})"),
        ("Years needed at that rate", "none: completion is recorded" if a.status == "completed"
         else format_years(a.years_needed)),
        ("Projected completion at that rate", f"{format_date(a.projected_completion)}; "
         f"{compare_to_deadline(a.projected_completion, a.requested_deadline)}"),
        ("Years requested", format_years(a.years_requested) + " (from the deadline extended to the requested one)"),
        ("Required annual rate", f"{_per_year(a.required_rate, a.measure)} (to finish by the requested deadline)"),
        ("Required / demonstrated rate", format_ratio(a.ratio)),
        ("Treaty limit", limit_text(a)),
    ]


def scenario_years(a: Assessment, horizon: int = 5) -> list[int]:
    """The calendar years a per-year scenario asks rates for: from the year after the remaining figure's
    date to the requested deadline's year (or `horizon` years on where it is unknown)."""
    if pd.isna(a.remaining.as_at):
        return []
    first = pd.Timestamp(a.remaining.as_at).year + 1
    last = pd.Timestamp(a.requested_deadline).year if pd.notna(a.requested_deadline) else first + horizon - 1
    return list(range(first, max(first, last) + 1))


def scenario(a: Assessment, rates: float | dict[int, float] | None) -> tuple[pd.Timestamp, str]:
    """The projected completion date for a planned rate (one a year, or per year) and its comparison
    with the requested deadline."""
    if a.status == "completed":
        return pd.NaT, "completion is recorded: nothing to project"
    day = project_completion(a.remaining.amount, a.remaining.as_at, rates)
    if a.remaining.amount is None:
        return pd.NaT, "what remains is unknown: no projection"
    return day, compare_to_deadline(day, a.requested_deadline)


def requested_known(request: dict | None) -> bool:
    """True where the request's requested deadline is in the data."""
    return request is not None and request.get("requested_deadline") is not None \
        and pd.notna(request.get("requested_deadline"))


def pairs_frame(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """(label, text) pairs as a two-column table for the screen."""
    return pd.DataFrame(pairs, columns=["", "value"]).set_index("")


def progress_screen(a: Assessment) -> pd.DataFrame:
    """The progress per year as screen text, with the years the demonstrated rate uses marked."""
    used = set(a.rate.years["year"])
    return pd.DataFrame({
        "Year": a.progress["year"].astype(str),
        f"Amount ({a.unit})": [format_amount(v, a.measure).removesuffix(" " + a.unit) for v in a.progress["amount"]],
        "Qualifier": a.progress["qualifier"] + a.progress["cumulative"].map({True: " (sums several years)",
                                                                              False: ""}),
        "In the rate": ["yes" if y in used else "no" for y in a.progress["year"]],
        "Note": a.progress["note"].fillna(""),
        "Source": a.progress["source"].fillna("unknown"),
    })


def scenario_pairs(a: Assessment, rates: float | dict[int, float] | None, projected: pd.Timestamp,
                   comparison: str) -> list[tuple[str, str]]:
    """The scenario in words: the rates entered, the projected completion and its comparison."""
    from ccm_analytics.formats.text import format_date
    if isinstance(rates, dict):
        entered = "; ".join(f"{y}: {format_amount(r, a.measure)}" for y, r in rates.items()) or "none"
    else:
        entered = f"{format_amount(rates, a.measure)} every year"
    return [("Planned rate", entered),
            ("Counted from", format_date(a.remaining.as_at)),
            ("Projected completion", format_date(projected)),
            ("Against the requested deadline", comparison)]
