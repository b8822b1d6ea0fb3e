"""The Analysis Group's workbench: one extension request assessed as Articles 3.4 / 4.6 ask.

By request type: a completion request is weighed by the years needed at the demonstrated rate against
the years requested (and a bootstrap where three years are reported); an interim request by what its
period must deliver; a request after new contamination by both the new area and the rate. Pure
functions of their arguments; nothing is made up where the data are silent: a missing figure is None and
shown as "unknown" or "not in data".
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ccm_analytics.domain.treaty import EXTENSION_LIMIT_YEARS
from ccm_analytics.domain.vocabularies import REQUEST_TYPES
from ccm_analytics.workbench import bootstrap, checks
from ccm_analytics.workbench.progress import (
    RATE_YEARS,
    UNITS,
    Baseline,
    Rate,
    Reported,
    demonstrated_rate,
    missing_years,
    text_or_none,
    year_ranges,
)
from ccm_analytics.workbench.projection import (
    Remaining,
    difference_text,
    extension_limit_date,
    project_completion,
    rate_ratio,
    required_rate,
    subtracted,
    within_limit,
    years_between,
    years_needed,
)

# What an interim period must deliver (the Group's reading of Article 4.6 for a time-bound request).
INTERIM_DELIVERABLES = ("the survey still to be done, finished within the period",
                        "an evidence-based estimate of the area that remains",
                        "a costed work plan to completion, for the next request")


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
    request: dict | None  # the request's row (extension_requests_at), None where the State made none
    request_type: str | None  # completion, interim, new contamination; None where neither data nor user say
    request_type_entered: bool  # True where the Group entered it (not in the data)
    extends_deadline: pd.Timestamp
    requested_deadline: pd.Timestamp
    requested_deadline_entered: bool  # True where the page's user entered it (not in the data)
    baseline: Baseline
    progress: pd.DataFrame
    rate: Rate
    reported: Reported  # what the State reports as remaining (read first)
    subtraction: Remaining  # the cross-check
    remaining: Remaining  # what the arithmetic uses: the reported figure where there is one
    cross_check: str
    years_requested: float | None
    years_needed: float | None
    projected_completion: pd.Timestamp
    required_rate: float | None
    ratio: float | None
    futures: int | None  # bootstrap: futures finishing by the requested deadline, of bootstrap.FUTURES
    limit_years: int
    limit_date: pd.Timestamp
    within_limit: bool | None
    nine_months: tuple[str, str]
    exceptional: tuple[bool, str]
    earlier: list[dict]  # the State's earlier requests under the article
    flags: list[str] = field(default_factory=list)


def completed_on(obligation: dict) -> bool:
    return obligation["status"] == "completed"


def assess(obligation: dict, request: dict | None, measure: str, base: Baseline, progress: pd.DataFrame,
           as_of: pd.Timestamp, requested_override: pd.Timestamp | None = None, reported: Reported | None = None,
           type_override: str | None = None, earlier: list[dict] | None = None) -> Assessment:
    """The assessment of one request (`request` None: the obligation's figures alone).

    `reported`: the latest remaining figure (progress.reported_remaining), None for none; the arithmetic
    uses it where given, else the subtraction. `type_override`: the type the Group picked where the data
    have none (ignored where they have one).
    """
    as_of = pd.Timestamp(as_of)
    article = int(obligation["article"])
    eif = pd.Timestamp(obligation["entry_into_force_date"]) if pd.notna(obligation["entry_into_force_date"]) else pd.NaT
    completion = obligation.get("completion_date")
    completed = completed_on(obligation)
    reported = reported or Reported(None, None, None, None, pd.NaT, None, None, None, None, None)
    data_type = text_or_none((request or {}).get("request_type"))
    rtype = data_type or (type_override if type_override in REQUEST_TYPES else None)
    type_entered = data_type is None and rtype is not None
    extends = pd.Timestamp(request["extends_deadline"]) if request else pd.NaT
    requested = pd.NaT
    entered = False
    if request is not None and pd.notna(request.get("requested_deadline")):
        requested = pd.Timestamp(request["requested_deadline"])
    elif requested_override is not None and pd.notna(requested_override):
        requested, entered = pd.Timestamp(requested_override), True
    rate = demonstrated_rate(progress)
    sub = subtracted(base, progress, completed, eif)
    if completed:
        left = sub
    elif reported.amount is not None and measure == "area":
        left = Remaining(reported.amount, reported.as_at, "as reported" + (f" ({reported.scope})" if reported.scope else ""))
    else:
        left = sub
    cross = (difference_text(reported.amount, sub.amount, UNITS[measure]) if measure == "area" and not completed
             else "no remaining figure is reported for this measure: the subtraction is the only figure")
    needed = years_needed(left.amount, rate.rate)
    projected = project_completion(left.amount, left.as_at, rate.rate) if not completed else pd.NaT
    required = required_rate(left.amount, left.as_at, requested) if not completed else None
    span = years_between(left.as_at, requested)
    futures = None if completed else bootstrap.futures_meeting_deadline(bootstrap.annual_figures(progress),
                                                                        left.amount, span)
    request_no = int(request["request_no"]) if request else None
    a = Assessment(
        iso3=obligation["iso3"], state_name=obligation["state_name"], article=article, measure=measure,
        unit=UNITS[measure], as_of=as_of, status=obligation["status"], entry_into_force=eif,
        current_deadline=pd.Timestamp(obligation["current_deadline"]),
        completion_date=pd.NaT if completion is None or pd.isna(completion) else pd.Timestamp(completion),
        request=request, request_type=rtype, request_type_entered=type_entered,
        extends_deadline=extends, requested_deadline=requested, requested_deadline_entered=entered,
        baseline=base, progress=progress, rate=rate, reported=reported, subtraction=sub, remaining=left,
        cross_check=cross, years_requested=years_between(extends, requested), years_needed=needed,
        projected_completion=projected, required_rate=required, ratio=rate_ratio(required, rate.rate),
        futures=futures, limit_years=EXTENSION_LIMIT_YEARS[article],
        limit_date=extension_limit_date(extends, article), within_limit=within_limit(extends, requested, article),
        nine_months=checks.nine_months(*((request.get("submitted_date"), request.get("submitted_date_precision"),
                                          request.get("meeting_date"), request.get("meeting_date_precision"))
                                         if request else (None, None, None, None))),
        exceptional=checks.exceptional_circumstances(article, request_no),
        earlier=list(earlier or []))
    a.flags = _flags(a, completed, as_of)
    return a


def is_completion_test(a: Assessment) -> bool:
    """Whether the years-needed-against-years-requested test applies (never to an interim request)."""
    return a.request_type != "interim" and a.status != "completed"


def verdict(a: Assessment) -> str:
    """The assessment in one sentence, by request type."""
    if a.status == "completed":
        return "Completion is recorded: there is nothing left to weigh."
    if a.request_type == "interim":
        return ("An interim request: the test is what the period delivers (" + "; ".join(INTERIM_DELIVERABLES)
                + "), not a completion date.")
    rate_years = year_ranges(a.rate.years["year"].tolist()) if not a.rate.years.empty else "no year"
    if a.ratio is None:
        return "The requested period cannot be weighed against the rate shown: " + (
            "no annual figure is reported." if a.rate.rate is None else "what remains or the requested deadline is unknown.")
    if a.ratio == float("inf"):
        return f"The requested period needs work where none is shown in {rate_years}."
    lead = "A request after new contamination: " if a.request_type == "new contamination" else ""
    if a.ratio <= 1:
        return (f"{lead}The annual figures shown in {rate_years} would finish the work by the requested deadline "
                f"(the period needs {a.ratio:.2f} times the rate shown).")
    return f"{lead}The requested period needs {a.ratio:.1f} times the annual figure shown in {rate_years}."


def _flags(a: Assessment, completed: bool, as_of: pd.Timestamp) -> list[str]:
    flags = []
    base, progress, rate, left = a.baseline, a.progress, a.rate, a.remaining
    if base.amount is None:
        flags.append(f"Baseline missing: {base.description}.")
    elif a.article == 4 and not base.at_entry_into_force:
        flags.append(f"No area at entry into force in the data: the earliest area reported is for {base.year}.")
    first = pd.Timestamp(a.entry_into_force).year if pd.notna(a.entry_into_force) else None
    end_year = as_of.year - 1
    if completed and pd.notna(a.completion_date):
        end_year = min(end_year, pd.Timestamp(a.completion_date).year)
    gaps = missing_years(progress, first, end_year)
    if gaps:
        flags.append(f"No figure for {len(gaps)} year{'s' if len(gaps) > 1 else ''} since entry into force: "
                     f"{year_ranges(gaps)}.")
    if progress.empty:
        flags.append("No progress figure per year in the data.")
    elif len(rate.years) < RATE_YEARS:
        flags.append(f"Fewer than {RATE_YEARS} years with a reported figure: the rate uses {len(rate.years)}.")
    for row in progress.itertuples(index=False):
        if row.qualifier in ("approx", "lower bound"):
            flags.append(f"{row.year}: figure is {'approximate' if row.qualifier == 'approx' else 'a lower bound'}.")
        if row.cumulative:
            flags.append(f"{row.year}: figure sums several years; left out of the rate.")
        if isinstance(row.note, str) and row.note:
            flags.append(f"{row.year}: {row.note}.")
    if a.measure == "area" and a.reported.amount is None and not completed:
        flags.append("No remaining area reported on the reference date: what remains is the subtraction.")
    if left.amount is not None and not completed and pd.notna(left.as_at):
        since = list(range(pd.Timestamp(left.as_at).year + 1, as_of.year))
        if since:
            flags.append(f"What remains is dated {pd.Timestamp(left.as_at).day} "
                         f"{pd.Timestamp(left.as_at).month_name()} {pd.Timestamp(left.as_at).year}: "
                         f"nothing later for {year_ranges(since)}.")
    if a.request is None:
        flags.append("No extension request on record for this obligation on the reference date.")
    elif a.requested_deadline_entered:
        flags.append("The requested deadline is not in the data: the one shown was entered on this page.")
    elif pd.isna(a.requested_deadline):
        flags.append("The requested deadline is not in the data.")
    if a.request is not None and a.request_type is None:
        flags.append("The request's type is not in the data: read as a completion request until the Group picks one.")
    elif a.request_type_entered:
        flags.append(f"The request's type ({a.request_type}) was entered by the Group, not in the data.")
    if a.request is not None and a.request.get("decision") != "granted":
        flags.append(f"Decision on the request: {a.request.get('decision')}.")
    return flags


def questions(a: Assessment, plan: pd.DataFrame | None = None, texts: dict[str, str] | None = None) -> list[str]:
    """Questions to the requesting State, one per gap the data or the request leave."""
    out = []
    if a.article == 4 and (a.baseline.amount is None or not a.baseline.at_entry_into_force):
        out.append("The request does not give the area containing cluster munition remnants at entry into force.")
    if a.article == 3 and a.baseline.amount is None:
        out.append("The request does not give the stockpile at entry into force.")
    if a.measure == "area" and a.reported.amount is None and a.status != "completed":
        out.append("Please give the confirmed and suspected hazardous area that remains, with its date.")
    elif a.reported.amount is not None and (a.reported.cha is None or a.reported.sha is None):
        out.append("Please give what remains split into confirmed and suspected hazardous area.")
    first = pd.Timestamp(a.entry_into_force).year if pd.notna(a.entry_into_force) else None
    gaps = missing_years(a.progress, first, a.as_of.year - 1)
    if gaps:
        out.append(f"No clearance figures are reported for {year_ranges(gaps)}." if a.article == 4 else
                   f"No destruction figures are reported for {year_ranges(gaps)}.")
    if a.article == 4 and "reduced" in a.progress and a.progress["reduced"].isna().all() and not a.progress.empty:
        out.append("Please give the land reduced by technical survey and cancelled by non-technical survey each year.")
    if a.request is not None and pd.isna(a.requested_deadline):
        out.append("Please confirm the deadline requested.")
    if plan is None or plan.empty:
        out.append("Please give an annual work plan with milestones and budget for each year of the period requested.")
    elif plan["budget"].isna().any():
        out.append("The work plan does not give a budget for every year.")
    if a.exceptional[0] and not (texts or {}).get("reasons"):
        out.append("Please set out the exceptional circumstances that justify a further request (Article 3.3).")
    for key, words in (("means", "the financial and technical means available and required"),
                       ("implications", "the humanitarian, social, economic and environmental implications")):
        if not (texts or {}).get(key):
            out.append(f"Please set out {words}.")
    return out


def interim_coverage(a: Assessment, plan: pd.DataFrame | None) -> list[tuple[str, str]]:
    """(what the interim period must deliver, whether the work plan covers it) in words."""
    if plan is None or plan.empty:
        return [(d, "no work plan loaded") for d in INTERIM_DELIVERABLES]
    first = pd.Timestamp(a.extends_deadline).year if pd.notna(a.extends_deadline) else None
    last = pd.Timestamp(a.requested_deadline).year if pd.notna(a.requested_deadline) else None
    years = set(plan["year"].astype(int))
    wanted = set(range(first, last + 1)) if first and last else set()
    gaps = sorted(wanted - years)
    covers = ("yes: the plan has a milestone for every year of the period" if wanted and not gaps else
              f"no: no milestone for {year_ranges(gaps)}" if gaps else "unknown: the period's years are not known")
    costed = "yes: every year has a budget" if plan["budget"].notna().all() else "no: some years have no budget"
    return [(INTERIM_DELIVERABLES[0], covers), (INTERIM_DELIVERABLES[1], "not in data: the Group reads the request"),
            (INTERIM_DELIVERABLES[2], costed)]
