"""The workbench's texts and tables for the screen, the brief and the document (words, never colours)."""
from __future__ import annotations

import pandas as pd

from ccm_analytics.formats.text import format_date
from ccm_analytics.workbench import bootstrap, checks
from ccm_analytics.workbench.assessment import (
    Assessment,
    interim_coverage,
    is_completion_test,
    verdict,
)
from ccm_analytics.workbench.progress import UNITS, text_or_none
from ccm_analytics.workbench.projection import project_completion, years_between


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
    return f"{value:.2f} times"


def yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def limit_text(a: Assessment) -> str:
    """The limit check in one line, e.g. "Within the limit of 5 years under Article 4 (up to ...)."."""
    return checks.limit_sentence(a.article, a.limit_years, a.within_limit, a.limit_date, a.years_requested)


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


def type_text(a: Assessment) -> str:
    if a.request_type is None:
        return "not in data (read as a completion request)"
    if a.request_type_entered:
        return f"{a.request_type} (entered by the Group, not in the data)"
    req = a.request or {}
    basis = text_or_none(req.get("request_type_basis"))
    source = text_or_none(req.get("request_type_source"))
    return a.request_type + (f": {basis}" if basis else "") + (f" (source: {source})" if source else "")


def remaining_text(a: Assessment) -> str:
    r = a.reported
    if r.amount is None:
        return "not in data"
    parts = [f"CHA {format_amount(r.cha, 'area')}", f"SHA {format_amount(r.sha, 'area')}"]
    if r.total is not None:
        parts.append(f"total {format_amount(r.total, 'area')}")
    return (", ".join(parts) + f" at {format_date(r.as_at, r.precision or 'day')}"
            + (f"; {r.qualifier}" if r.qualifier else "") + f" ({r.scope or 'scope unknown'}; {r.source or 'source unknown'})")


def key_figures(a: Assessment) -> list[tuple[str, str]]:
    """(label, text) pairs shown on the page, in the brief and the document."""
    return request_pairs(a) + evidence_pairs(a) + verdict_pairs(a)


def request_pairs(a: Assessment) -> list[tuple[str, str]]:
    """The request and the obligation's dates."""
    req = a.request or {}
    requested = format_date(a.requested_deadline) + (" (entered by the Group, not in the data)"
                                                     if a.requested_deadline_entered else "")
    return [
        ("State", f"{a.state_name} ({a.iso3})"),
        ("Article", f"Article {a.article}"),
        ("Extension request", f"request {req['request_no']}, meeting {text_or_none(req.get('meeting')) or 'unknown'}, "
         f"document {text_or_none(req.get('document')) or 'unknown'}; {req.get('decision')}" if req else "none on record"),
        ("Request type", type_text(a) if req else "no request"),
        ("Status on the reference date", a.status),
        ("Entry into force", format_date(a.entry_into_force)),
        ("Current deadline", format_date(a.current_deadline)),
        ("Deadline the request extends", format_date(a.extends_deadline)),
        ("Requested deadline", requested),
        ("Completion recorded", format_date(a.completion_date)),
    ]


def evidence_pairs(a: Assessment) -> list[tuple[str, str]]:
    """Baseline, remaining (as reported first), the rate and, for a completion request, the years."""
    rate_scope = f"; {a.rate.scope} figures" if a.rate.scope and a.rate.scope not in a.rate.note else ""
    pairs = [
        ("Baseline (treaty)", f"{format_amount(a.baseline.amount, a.measure)}: {a.baseline.description}"
         + (f" ({a.baseline.year})" if a.baseline.year else "") + (f"; {a.baseline.note}" if a.baseline.note else "")
         + (f"; source: {a.baseline.source}" if a.baseline.source else "")),
        ("Discovered after entry into force", a.baseline.discovered_later),
        ("Remaining, as reported", remaining_text(a) if a.measure == "area" else "not in data"),
        ("Remaining by subtraction (cross-check)", f"{format_amount(a.subtraction.amount, a.measure)}"
         + (f" at {format_date(a.subtraction.as_at)}" if pd.notna(a.subtraction.as_at) else "")
         + f" ({a.subtraction.note}); {a.cross_check}"),
        ("Demonstrated annual rate", f"{_per_year(a.rate.rate, a.measure)} ({a.rate.note}{rate_scope})"),
    ]
    if is_completion_test(a):
        pairs += [
            ("Years needed at that rate", format_years(a.years_needed)),
            ("Projected completion at that rate", f"{format_date(a.projected_completion)}; "
             f"{compare_to_deadline(a.projected_completion, a.requested_deadline)}"),
            ("Years requested", format_years(a.years_requested) + " (from the deadline extended to the requested one)"),
            ("Required annual rate", f"{_per_year(a.required_rate, a.measure)} (to finish by the requested deadline)"),
            ("Required / demonstrated rate", format_ratio(a.ratio)),
            ("Finished by the requested deadline when the annual figures are resampled",
             bootstrap.futures_text(a.futures)),
        ]
    elif a.status == "completed":
        pairs.append(("Years needed at that rate", "none: completion is recorded"))
    else:
        pairs.append(("Years requested", format_years(a.years_requested)
                      + " (interim: no completion verdict)"))
    return pairs


def verdict_pairs(a: Assessment) -> list[tuple[str, str]]:
    """The assessment sentence and the procedural checks, in words."""
    return [("Assessment", verdict(a)), ("Treaty limit", limit_text(a)),
              ("Nine months' notice (Article 4.6)", a.nine_months[1]),
              ("Exceptional circumstances (Article 3.3)", a.exceptional[1])]


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
    if a.remaining.amount is None:
        return pd.NaT, "what remains is unknown: no projection"
    day = project_completion(a.remaining.amount, a.remaining.as_at, rates)
    return day, compare_to_deadline(day, a.requested_deadline)


def requested_known(request: dict | None) -> bool:
    """True where the request's requested deadline is in the data."""
    return request is not None and request.get("requested_deadline") is not None \
        and pd.notna(request.get("requested_deadline"))


def pairs_frame(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """(label, text) pairs as a two-column table for the screen."""
    return pd.DataFrame(pairs, columns=["Item", "Value"])


def _km(v) -> str:
    return "not reported" if v is None or pd.isna(v) else format_amount(v, "area").removesuffix(" km²")


def progress_screen(a: Assessment) -> pd.DataFrame:
    """The progress per year as screen text, by method for Article 4 area, the years in the rate marked."""
    used = set(a.rate.years["year"])
    p = a.progress
    out = pd.DataFrame({"Year": p["year"].astype(str)})
    if a.measure == "area" and "cleared" in p:
        out["Cleared (km²)"] = [_km(v) for v in p["cleared"]]
        out["Reduced by technical survey (km²)"] = [_km(v) for v in p["reduced"]]
        out["Cancelled by non-technical survey (km²)"] = [_km(v) for v in p["cancelled"]]
        out["Released, cleared plus reduced (km²)"] = [_km(v) for v in p["amount"]]
    else:
        out[f"Amount ({a.unit})"] = [format_amount(v, a.measure).removesuffix(" " + a.unit) for v in p["amount"]]
    out["Qualifier"] = list(p["qualifier"] + p["cumulative"].map({True: " (sums several years)", False: ""}))
    out["In the rate"] = ["yes" if y in used else "no" for y in p["year"]]
    out["Whose figure"] = list(p["scope"].fillna("not stated")) if "scope" in p else "not stated"
    out["Note"] = list(p["note"].fillna(""))
    out["Source"] = list(p["source"].fillna("unknown"))
    return out


def track_record(a: Assessment) -> pd.DataFrame:
    """The State's earlier requests under the article: requested, granted, type, decision."""
    rows = [{"Request": str(int(r["request_no"])), "Meeting": text_or_none(r.get("meeting")) or "unknown",
             "Requested deadline": format_date(r.get("requested_deadline"), r.get("requested_deadline_precision") or "day"),
             "Granted deadline": format_date(r.get("granted_deadline"), r.get("granted_deadline_precision") or "day"),
             "Type": text_or_none(r.get("request_type")) or "not in data", "Decision": r.get("decision") or "unknown",
             "Plan's milestones against what was reported": "not in data"}
            for r in a.earlier]
    return pd.DataFrame(rows, columns=["Request", "Meeting", "Requested deadline", "Granted deadline", "Type",
                                       "Decision", "Plan's milestones against what was reported"])


def interim_table(a: Assessment, plan: pd.DataFrame | None) -> pd.DataFrame:
    """What an interim period must deliver and whether the work plan covers it, as a table."""
    return pd.DataFrame(interim_coverage(a, plan), columns=["Deliverable", "Covered by the work plan"])


def scenario_pairs(a: Assessment, rates: float | dict[int, float] | None, projected: pd.Timestamp,
                   comparison: str) -> list[tuple[str, str]]:
    """The scenario in words: the rates entered, the projected completion and its comparison."""
    if isinstance(rates, dict):
        entered = "; ".join(f"{y}: {format_amount(r, a.measure)}" for y, r in rates.items()) or "none"
    else:
        entered = f"{format_amount(rates, a.measure)} every year"
    return [("Planned rate", entered), ("Counted from", format_date(a.remaining.as_at)),
            ("Projected completion", format_date(projected)), ("Against the requested deadline", comparison)]


def numbers(a: Assessment, scenario_rows: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """The assessment as a tidy table for the CSV: section, item, value, unit, note (ISO dates)."""
    iso = lambda d: "" if d is None or pd.isna(d) else pd.Timestamp(d).date().isoformat()
    num = lambda x: "" if x is None else ("inf" if x == float("inf") else round(float(x), 6))
    req = a.request or {}
    rows = [
        ("request", "State", a.state_name, "", a.iso3), ("request", "article", a.article, "", ""),
        ("request", "request number", req.get("request_no", ""), "", ""),
        ("request", "request type", a.request_type or "", "", "entered by the Group" if a.request_type_entered else ""),
        ("request", "document", text_or_none(req.get("document")) or "", "", ""),
        ("request", "meeting", text_or_none(req.get("meeting")) or "", "", ""),
        ("request", "decision", req.get("decision", ""), "", ""),
        ("deadlines", "reference date", iso(a.as_of), "date", ""), ("deadlines", "status", a.status, "", ""),
        ("deadlines", "entry into force", iso(a.entry_into_force), "date", ""),
        ("deadlines", "current deadline", iso(a.current_deadline), "date", ""),
        ("deadlines", "deadline the request extends", iso(a.extends_deadline), "date", ""),
        ("deadlines", "requested deadline", iso(a.requested_deadline), "date",
         "entered on the page, not in the data" if a.requested_deadline_entered else ""),
        ("deadlines", "completion", iso(a.completion_date), "date", ""),
        ("deadlines", "years requested", num(a.years_requested), "years", "deadline extended to requested deadline"),
        ("deadlines", "treaty limit for one extension", a.limit_years, "years", ""),
        ("deadlines", "latest deadline within the limit", iso(a.limit_date), "date", ""),
        ("deadlines", "within the limit", yes_no(a.within_limit), "", ""),
        ("checks", "nine months' notice", a.nine_months[0], "", a.nine_months[1]),
        ("checks", "exceptional circumstances needed", yes_no(a.exceptional[0]), "", a.exceptional[1]),
        ("baseline", a.baseline.description, num(a.baseline.amount), a.unit, a.baseline.note or ""),
        ("baseline", "baseline year", a.baseline.year or "", "", ""),
        ("remaining", "remaining as reported", num(a.reported.amount), a.unit, a.reported.source or ""),
        ("remaining", "remaining as reported, date", iso(a.reported.as_at), "date", a.reported.precision or ""),
        ("remaining", "remaining by subtraction", num(a.subtraction.amount), a.unit, a.subtraction.note),
        ("remaining", "remaining used", num(a.remaining.amount), a.unit, a.remaining.note),
        ("remaining", "remaining used, date", iso(a.remaining.as_at), "date", ""),
        ("rate", "demonstrated annual rate", num(a.rate.rate), f"{a.unit} per year", a.rate.note),
        ("rate", "years needed at that rate", num(a.years_needed), "years", ""),
        ("rate", "projected completion at that rate", iso(a.projected_completion), "date", ""),
        ("rate", "required annual rate", num(a.required_rate), f"{a.unit} per year", "to finish by the requested deadline"),
        ("rate", "required / demonstrated", num(a.ratio), "ratio", ""),
        ("rate", "resampled futures finishing by the requested deadline", "" if a.futures is None else a.futures,
         f"of {bootstrap.FUTURES}", f"seed {bootstrap.SEED}"),
    ]
    rows += [("progress", str(r.year), num(r.amount), a.unit, r.qualifier + (" (cumulative)" if r.cumulative else ""))
             for r in a.progress.itertuples(index=False)]
    rows += [("flags", f"flag {i + 1}", text, "", "") for i, text in enumerate(a.flags)]
    rows += [("scenario", item, value, "", "") for item, value in (scenario_rows or [])]
    return pd.DataFrame(rows, columns=["section", "item", "value", "unit", "note"])

