"""The Article 3 and 4 deadline tracker: obligations, their extension requests and status on a date.

Pure functions of the frames they take; `as_of` is always an argument. The status comes from the
`obligation_deadlines_at` frame and the requests from `extension_requests_at` (SQL macros: the rules).
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.deadlines.obligations import DEADLINE_PASSED_REQUESTED
from ccm_analytics.domain.meetings import meeting_text
from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.formats.links import workbench_link
from ccm_analytics.formats.text import format_count, format_date, format_dates

ARTICLE_NAMES = {3: "Article 3 (stockpile destruction)", 4: "Article 4 (clearance)"}
NOT_RECORDED = "decision not recorded"
# Screen words for each status: a request without a recorded decision is never "overdue".
STATUS_LABELS = {
    "completed": "completed",
    DEADLINE_PASSED_REQUESTED: f"{DEADLINE_PASSED_REQUESTED} ({NOT_RECORDED})",
    "extension requested": f"extension requested ({NOT_RECORDED})",
    "overdue": "overdue",
    "due within 12 months": "due within 12 months",
    "on track": "on track",
    "unknown": "unknown",
}
NOT_YET_DECIDED = "not yet decided on the reference date"


PASSED_COLUMNS = ["iso3", "state_name", "article", "current_deadline", "current_deadline_precision", "status",
                  "pending_requests", "request_no", "submitted_date", "submitted_date_precision", "meeting",
                  "meeting_date", "meeting_date_precision", "requested_deadline", "requested_deadline_precision"]
NO_REQUEST = "no extension request in data"


def deadlines_passed_without_decision(obligations: pd.DataFrame, requests: pd.DataFrame,
                                      unconfirmed: set[tuple[str, int]], as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per Article 3 or 4 obligation of a State Party not completed on `as_of` whose current deadline
    (the last day it may stand for, by its precision) has passed: the deadline, the status and the latest
    request awaiting a recorded decision (`request_no` ... `requested_deadline`; empty where there is none, and
    `pending_requests` counts them). Oldest deadline first.

    `obligations` is the `obligation_deadlines_at` frame for `as_of`, `requests` the `requests_at` frame for the
    same date, `unconfirmed` the (iso3, article) pairs whose obligation the data do not confirm
    (`deadlines.unconfirmed_obligations`): those are listed only with a request pending.
    """
    as_of = pd.Timestamp(as_of)
    ob = obligations.copy()
    ob["article"] = ob["article"].astype(int)
    deadline_end = pd.to_datetime(pd.Series(
        [period_end(d, p) for d, p in zip(ob["current_deadline"], ob["current_deadline_precision"])],
        index=ob.index, dtype=object))
    confirmed = pd.Series([(i, a) not in unconfirmed for i, a in zip(ob["iso3"], ob["article"])], index=ob.index,
                          dtype=bool)
    keep = (ob["status"] != "completed") & (deadline_end < as_of) & (confirmed | (ob["pending_requests"] > 0))
    ob = ob[keep]
    pending = requests[requests["decision"] != "granted"].sort_values("request_no")
    # the whole row of the latest request (groupby().last() would mix in earlier requests' fields)
    latest = pending.drop_duplicates(["iso3", "article"], keep="last")[
        ["iso3", "article", "request_no", "submitted_date", "submitted_date_precision", "meeting", "meeting_date",
         "meeting_date_precision", "requested_deadline", "requested_deadline_precision"]]
    latest["article"] = latest["article"].astype(int)
    out = ob.merge(latest, on=["iso3", "article"], how="left")
    out["request_no"] = out["request_no"].astype("Int64")
    return out[PASSED_COLUMNS].sort_values(["current_deadline", "state_name", "article"]).reset_index(drop=True)


PASSED_SCREEN = {"state_name": "State", "article": "Article", "current_deadline": "Deadline", "status": "Status",
                 "pending_request": "Pending request", "meeting": "Meeting"}


def deadlines_passed_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """A `deadlines_passed_without_decision` frame as screen text (iso3 kept for the profile link): dates
    "1 August 2010", the request as "request 2, submitted 2025, requested 1 August 2030" (or "no extension
    request in data"), its meeting in full, "Thirteenth Meeting of States Parties (September 2025)"."""
    out = frame.copy()
    out["current_deadline"] = [format_date(d, p) for d, p in zip(out["current_deadline"],
                                                                 out["current_deadline_precision"])]
    out["article"] = out["article"].map(ARTICLE_NAMES)
    out["status"] = out["status"].map(STATUS_LABELS)
    texts, meetings = [], []
    for r in out.itertuples(index=False):
        if pd.isna(r.request_no):
            texts.append(NO_REQUEST)
            meetings.append(None)
            continue
        text = (f"request {int(r.request_no)}, submitted {format_date(r.submitted_date, r.submitted_date_precision)}, "
                f"requested {format_date(r.requested_deadline, r.requested_deadline_precision)}")
        earlier = int(r.pending_requests) - 1
        if earlier > 0:
            text += f" ({earlier} earlier request{'s' if earlier > 1 else ''} without a recorded decision)"
        texts.append(text)
        meetings.append(meeting_text(r.meeting, format_date(r.meeting_date, r.meeting_date_precision)))
    out["pending_request"] = texts
    out["meeting"] = meetings
    return out[["iso3", *PASSED_SCREEN]].rename(columns=PASSED_SCREEN)


def _request_text(row) -> str:
    parts = [f"request {int(row.request_no)}"]
    parts.append(f"submitted {format_date(row.submitted_date, row.submitted_date_precision)}")
    name = meeting_text(row.meeting)
    parts.append("meeting unknown" if name == "unknown" else f"for the {name}")
    parts.append(f"requested {format_date(row.requested_deadline, row.requested_deadline_precision)}")
    if row.decision == "granted":
        parts.append(f"granted {format_date(row.granted_deadline, row.granted_deadline_precision)}")
    else:
        parts.append(row.decision)
    return ", ".join(parts)


def tracker(obligations: pd.DataFrame, requests: pd.DataFrame, stockpiles: pd.DataFrame,
            states: pd.DataFrame) -> pd.DataFrame:
    """One row per obligation of an `obligation_deadlines_at` frame, for the tracker page.

    `requests` is the `requests_at` frame for the same date, `stockpiles` the article3_stockpiles
    table (munitions retained under Article 3.6), `states` the states table (region).
    """
    out = obligations.copy()
    out["article"] = out["article"].astype(int)
    out = out.merge(states[["iso3", "un_region"]], on="iso3", how="left")
    texts = {key: "; ".join(_request_text(r) for r in group.itertuples(index=False))
             for key, group in requests.groupby(["iso3", "article"])}
    out["extension_requests"] = [texts.get((i, a), "") for i, a in zip(out["iso3"], out["article"])]
    retained = stockpiles.set_index("iso3")
    art3 = out["article"] == 3
    for column in ("retained_munitions", "retained_submunitions", "retained_note"):
        out[column] = out["iso3"].map(retained[column]).where(art3)
    out["status_text"] = out["status"].map(STATUS_LABELS)
    columns = ["iso3", "state_name", "un_region", "article", "entry_into_force_date", "original_deadline",
               "extensions_granted", "pending_requests", "extension_requests", "current_deadline",
               "current_deadline_precision", "completion_date", "completion_date_precision", "completed_by",
               "retained_munitions", "retained_submunitions", "retained_note", "status", "status_text"]
    return out[columns].sort_values(["state_name", "article"]).reset_index(drop=True)


def filter_tracker(frame: pd.DataFrame, articles: list[int] | None = None, statuses: list[str] | None = None,
                   regions: list[str] | None = None) -> pd.DataFrame:
    """The rows of a `tracker` (or requests) frame matching every filter given (None or [] = all)."""
    keep = pd.Series(True, index=frame.index)
    if articles:
        keep &= frame["article"].isin(articles)
    if statuses and "status" in frame:
        keep &= frame["status"].isin(statuses)
    if regions and "un_region" in frame:
        keep &= frame["un_region"].isin(regions)
    return frame[keep].reset_index(drop=True)


def requests_for(requests: pd.DataFrame, tracker_rows: pd.DataFrame) -> pd.DataFrame:
    """The requests of the obligations listed in `tracker_rows` (a filtered `tracker` frame)."""
    keys = set(zip(tracker_rows["iso3"], tracker_rows["article"]))
    mask = [(i, a) in keys for i, a in zip(requests["iso3"], requests["article"])]
    columns = ["iso3", "state_name", "article", "request_no", "submitted_date", "submitted_date_precision",
               "meeting", "meeting_date", "meeting_date_precision", "document", "extends_deadline",
               "extends_deadline_precision", "requested_deadline", "requested_deadline_precision",
               "decision", "granted_deadline", "granted_deadline_precision", "source"]
    return requests.loc[mask, columns].reset_index(drop=True)


def timeline_rows(tracker_rows: pd.DataFrame, requests: pd.DataFrame) -> pd.DataFrame:
    """One row per obligation for the timeline chart: label, entry into force, original and current
    deadline, completion, and the latest deadline requested without a recorded decision (if any)."""
    pending = requests[requests["decision"] != "granted"].dropna(subset=["requested_deadline"])
    pending = pending.groupby(["iso3", "article"])["requested_deadline"].max()
    out = tracker_rows[["iso3", "state_name", "article", "entry_into_force_date", "original_deadline",
                        "current_deadline", "completion_date", "status"]].copy()
    out["requested_deadline"] = [pending.get((i, a), pd.NaT) for i, a in zip(out["iso3"], out["article"])]
    out["requested_deadline"] = pd.to_datetime(out["requested_deadline"])
    out["label"] = [f"{n} · Art. {a}" for n, a in zip(out["state_name"], out["article"])]
    return out.sort_values(["current_deadline", "label"], ascending=[False, True]).reset_index(drop=True)


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Obligations per status (every status, zero included), in the rule's order."""
    counts = frame["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUS_LABELS}


TRACKER_SCREEN = {"state_name": "State Party", "un_region": "Region", "article": "Article",
                  "entry_into_force_date": "Entry into force", "original_deadline": "Original deadline",
                  "extensions_granted": "Extensions granted", "extension_requests": "Extension requests",
                  "current_deadline": "Current deadline", "completion_date": "Completion",
                  "retained_munitions": "Retained (Art. 3.6): munitions",
                  "retained_submunitions": "Retained (Art. 3.6): submunitions", "status_text": "Status"}
WORKBENCH_COLUMN = "Workbench"  # the link column of `tracker_screen`
REQUESTS_SCREEN = {"state_name": "State Party", "article": "Article", "request_no": "Request",
                   "submitted_date": "Submitted", "meeting": "Meeting", "meeting_date": "Meeting date",
                   "document": "Document", "extends_deadline": "Deadline extended",
                   "requested_deadline": "Requested deadline", "decision": "Decision",
                   "granted_deadline": "Granted deadline"}


def tracker_screen(frame: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """A `tracker` frame as screen text: dates "1 August 2010", "unknown" for missing; a last column links
    each obligation to the extension request workbench."""
    out = format_dates(frame, ["entry_into_force_date", "original_deadline", "current_deadline", "completion_date"])
    # Completed, the date not in the data: say by when it is known to have been.
    out["completion_date"] = [f"by {format_date(b)}" if pd.isna(c) and pd.notna(b) else text
                              for c, b, text in zip(frame["completion_date"], frame["completed_by"], out["completion_date"])]
    for column in ("retained_munitions", "retained_submunitions"):
        out[column] = [format_count(v) if a == 3 else "" for v, a in zip(out[column], out["article"])]
    out["extension_requests"] = out["extension_requests"].replace("", "none")
    out["workbench"] = [workbench_link(i, a, as_of) for i, a in zip(out["iso3"], out["article"])]
    return out[[*TRACKER_SCREEN, "workbench"]].rename(columns={**TRACKER_SCREEN, "workbench": WORKBENCH_COLUMN})


def requests_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """A `requests_for` frame as screen text."""
    out = format_dates(frame, ["submitted_date", "meeting_date", "extends_deadline", "requested_deadline",
                               "granted_deadline"])
    out["granted_deadline"] = [g if d == "granted" else d for g, d in zip(out["granted_deadline"], out["decision"])]
    out["meeting"] = [meeting_text(m) for m in frame["meeting"]]
    out["document"] = out["document"].fillna("unknown")
    return out[list(REQUESTS_SCREEN)].rename(columns=REQUESTS_SCREEN)


def tracker_file(frame: pd.DataFrame) -> pd.DataFrame:
    """A `tracker` frame for CSV/Excel: ISO dates, plain numbers, status as in the data (the requests
    themselves go in their own file, with ISO dates)."""
    return frame.drop(columns=["status_text", "extension_requests"])


def region_options(frame: pd.DataFrame) -> list[str]:
    """The UN regions present in a `tracker` frame, sorted."""
    return sorted(frame["un_region"].dropna().unique())


