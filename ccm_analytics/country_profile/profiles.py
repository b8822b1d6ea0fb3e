"""Country profile: one State's treaty status, Article 3 and 4 obligations, extension requests,
Article 7 reports and Article 9 measures, as screen tables (text) with source and "data as of".

Pure functions of the frames the page reads. Every value is text in the users' language; what the
sources do not say reads "unknown", what they record as absent reads "none recorded" (or what the
absence means: "not signed", "not ratified").
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.article7.reports import SUBMITTED_UNDATED
from ccm_analytics.domain.meetings import meeting_text
from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.domain.treaty import annual_report_due
from ccm_analytics.formats.text import UNKNOWN, format_count, format_date
from ccm_analytics.store import schema
from ccm_analytics.universalization.analysis import (
    map_categories,
    missing_consent_text,
    missing_signature_text,
    missing_withdrawal_text,
)

NONE_RECORDED = "none recorded"
TREATY_FILE = schema.table("treaty_events").data_file
ARTICLE_FILES = {3: schema.table("article3_stockpiles").data_file, 4: schema.table("article4_clearance").data_file}
EXTENSIONS_FILE = schema.table("extension_requests").data_file
REPORTS_FILE = schema.table("article7_reports").data_file
MEASURES_FILE = schema.table("article9_measures").data_file
ARTICLE_NAMES = {3: "Article 3: stockpile destruction", 4: "Article 4: clearance of remnants"}
ROW_COLUMNS = ["item", "value", "source", "data_as_of"]
NO_LAW_STATUSES = ("legislation in progress", "none reported")
NO_ANNUAL_RECORDS = ("No annual report record for this State is public in the data; a missing record is "
                     "not a missing report.")


def _text(value: object) -> str:
    """A value for the screen: "unknown" for missing or empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == "":
        return UNKNOWN
    return str(value)


def _date(value: object, precision: object = "day") -> str:
    return format_date(value, precision if isinstance(precision, str) else "day")


def _one(frame: pd.DataFrame, iso3: str) -> pd.Series | None:
    chosen = frame[frame["iso3"] == iso3]
    return None if chosen.empty else chosen.iloc[0]


def current_to_texts(sources: pd.DataFrame) -> dict[str, str]:
    """Data file -> the date its facts are current to, as screen text ("September 2025"), from `data_sources`."""
    return {r.file: format_date(r.current_to, r.current_to_precision) for r in sources.itertuples(index=False)}


def status_label(status: pd.DataFrame, iso3: str) -> str:
    """The State's status in a `state_status` frame, State Parties split into in force or not yet."""
    chosen = status[status["iso3"] == iso3]
    return UNKNOWN if chosen.empty else str(map_categories(chosen).iloc[0])


def state_options(states: pd.DataFrame) -> list[str]:
    """ISO3 codes of the `states` table, ordered by name, for a State picker."""
    return list(states.sort_values("state_name", key=lambda s: s.str.normalize("NFKD"))["iso3"])


def header(iso3: str, status_today: pd.DataFrame, status_at: pd.DataFrame, events: pd.DataFrame,
           as_of: pd.Timestamp, current_to: dict[str, str]) -> pd.DataFrame:
    """Rows item, value, source, data_as_of: status today and on `as_of`, signature, deposit and its
    type, entry into force and withdrawal as recorded. `status_today` is the `state_status` view,
    `status_at` a `state_status_at(as_of)` frame, `events` the `treaty_events` table and `current_to`
    maps a data file to the date its facts are current to, as text."""
    as_of = pd.Timestamp(as_of)
    facts = _one(status_today, iso3)
    mine = events[events["iso3"] == iso3]
    when = current_to.get(TREATY_FILE, UNKNOWN)

    def source(kinds: tuple[str, ...]) -> str:
        found = mine[mine["event_type"].isin(kinds)]["source"].dropna().unique()
        return f"{'; '.join(found)} ({TREATY_FILE})" if len(found) else TREATY_FILE

    all_kinds = ("signature", "ratification", "acceptance", "accession", "withdrawal")
    deposit_kinds = ("ratification", "acceptance", "accession")
    if facts is None:
        signature = deposit = entry = withdrawal = UNKNOWN
    else:
        # An empty date the record explains reads as what it means ("not signed", "not ratified"), not "unknown".
        kind = facts["consent_type"] if isinstance(facts["consent_type"], str) else None
        signature = (_date(facts["signature_date"]) if pd.notna(facts["signature_date"])
                     else missing_signature_text(facts["status"], kind))
        deposit = (f"{_date(facts['consent_date'])} ({facts['consent_type']})" if pd.notna(facts["consent_date"])
                   else missing_consent_text(facts["status"]))
        if pd.notna(facts["entry_into_force_date"]):
            entry = _date(facts["entry_into_force_date"])
        elif pd.notna(facts["consent_date"]):
            entry = UNKNOWN
        else:
            entry = "not applicable (no instrument deposited)"
        withdrawal = (_date(facts["withdrawal_date"]) if pd.notna(facts["withdrawal_date"])
                      else missing_withdrawal_text(facts["status"]))
    rows = [
        ("Status today", status_label(status_today, iso3), source(all_kinds), when),
        (f"Status on {format_date(as_of)}", status_label(status_at, iso3), source(all_kinds), when),
        ("Signature", signature, source(("signature",)), when),
        ("Instrument deposited (type)", deposit, source(deposit_kinds), when),
        ("Entry into force for the State (Article 17)", entry, source(deposit_kinds), when),
        ("Withdrawal took effect (Article 20)", withdrawal, source(("withdrawal",)), when),
    ]
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


def is_party(status_at: pd.DataFrame, iso3: str) -> bool:
    """True if the State is a State Party in a `state_status_at` frame."""
    row = _one(status_at, iso3)
    return row is not None and row["status"] == "State Party"


def obligations(iso3: str, deadlines: pd.DataFrame, stockpiles: pd.DataFrame, clearance: pd.DataFrame,
                party: bool, as_of: pd.Timestamp, current_to: dict[str, str]) -> pd.DataFrame:
    """One row per article (3 and 4): status on `as_of`, original and current deadline, extensions
    granted and pending, completion, what the sources say, source and data as of.

    `deadlines` is an `obligation_deadlines_at(as_of)` frame; `stockpiles` and `clearance` the
    `article3_stockpiles` and `article4_clearance` tables; `party`: State Party on `as_of`."""
    as_of = pd.Timestamp(as_of)
    rows = []
    for article, table in ((3, stockpiles), (4, clearance)):
        row = deadlines[(deadlines["iso3"] == iso3) & (deadlines["article"] == article)]
        recorded = _one(table, iso3)
        words = UNKNOWN
        if recorded is not None:
            words = (recorded["stockpile_status"] if article == 3
                     else f"remnants: {recorded['obligation']}; {recorded['clearance_status']}")
            if article == 3 and isinstance(recorded.get("completion_note"), str):
                words += f" ({recorded['completion_note']})"
        source = f"{recorded['source']} ({ARTICLE_FILES[article]})" if recorded is not None else ARTICLE_FILES[article]
        out = {"article": ARTICLE_NAMES[article], "status": UNKNOWN, "original_deadline": "not applicable",
               "current_deadline": "not applicable", "extensions_granted": "not applicable",
               "pending_requests": "not applicable", "completion": NONE_RECORDED, "in_the_sources": words,
               "source": source, "data_as_of": current_to.get(ARTICLE_FILES[article], UNKNOWN)}
        if not row.empty:
            r = row.iloc[0]
            out.update(status=_text(r["status"]), original_deadline=_date(r["original_deadline"]),
                       current_deadline=_date(r["current_deadline"], r["current_deadline_precision"]),
                       extensions_granted=format_count(r["extensions_granted"]),
                       pending_requests=format_count(r["pending_requests"]))
            if pd.notna(r["completion_date"]):
                out["completion"] = _date(r["completion_date"], r["completion_date_precision"])
            elif r["status"] == "completed":
                out["completion"] = "completed (date unknown)"
        elif not party:
            out["status"] = f"not applicable: not a State Party on {format_date(as_of)}"
            out["completion"] = "not applicable"
        elif recorded is None:
            out["status"] = ("no obligation on record: no stockpile reported" if article == 3
                             else "no obligation on record: no remnants reported")
            out["in_the_sources"] = NONE_RECORDED
        else:
            out["status"] = ("no deadline: stockpile destroyed before entry into force, or none held"
                             if article == 3 else "no deadline: no remnants under its jurisdiction or control")
            if article == 3 and pd.notna(recorded["completion_date"]):
                out["completion"] = _date(recorded["completion_date"], recorded["completion_date_precision"])
        rows.append(out)
    return pd.DataFrame(rows)


def extension_history(iso3: str, decisions: pd.DataFrame, as_of: pd.Timestamp,
                      current_to: dict[str, str]) -> pd.DataFrame:
    """One row per extension request of the State (`extension_decisions` frame: the requests with
    known_from and decided_by), with what stood on `as_of`: not yet submitted, granted, decision
    pending (granted later) or decision not recorded."""
    as_of = pd.Timestamp(as_of)
    mine = decisions[decisions["iso3"] == iso3].sort_values(["article", "request_no"])
    rows = []
    for r in mine.itertuples(index=False):
        if pd.notna(r.known_from) and pd.Timestamp(r.known_from) > as_of:
            standing = "not yet submitted on the reference date"
        elif pd.notna(r.granted_deadline) and pd.notna(r.decided_by) and pd.Timestamp(r.decided_by) <= as_of:
            standing = "granted"
        elif pd.notna(r.granted_deadline):
            standing = "pending on the reference date (granted later)"
        else:
            standing = "decision not recorded"
        rows.append({
            "article": f"Article {int(r.article)}", "request": f"{int(r.request_no)}",
            "submitted": _date(r.submitted_date, r.submitted_date_precision), "meeting": meeting_text(r.meeting),
            "meeting_date": _date(r.meeting_date, r.meeting_date_precision), "document": _text(r.document),
            "requested_deadline": _date(r.requested_deadline, r.requested_deadline_precision),
            "granted_deadline": (_date(r.granted_deadline, r.granted_deadline_precision)
                                 if pd.notna(r.granted_deadline) else "not recorded"),
            "on_reference_date": standing, "source": _text(r.source),
            "data_as_of": current_to.get(EXTENSIONS_FILE, UNKNOWN)})
    return pd.DataFrame(rows, columns=["article", "request", "submitted", "meeting", "meeting_date", "document",
                                       "requested_deadline", "granted_deadline", "on_reference_date", "source",
                                       "data_as_of"])


def initial_report(iso3: str, status_at: pd.DataFrame, initial: pd.DataFrame, records: pd.DataFrame,
                   as_of: pd.Timestamp, current_to: dict[str, str]) -> pd.DataFrame:
    """Rows item, value, source, data_as_of for the Article 7 initial report on `as_of`: due date,
    submission and status (`initial` is `article7.status.initial_reports` for the date: the SQL rule)."""
    when = current_to.get(REPORTS_FILE, UNKNOWN)
    if not is_party(status_at, iso3):
        return pd.DataFrame([("Initial report (Article 7(1))",
                              f"not applicable: not a State Party on {format_date(as_of)}", REPORTS_FILE, when)],
                            columns=ROW_COLUMNS)
    r = initial[initial["iso3"] == iso3].iloc[0]
    source = f"{r['source']} ({REPORTS_FILE})" if isinstance(r["source"], str) else REPORTS_FILE
    link = source_url(records, iso3, "initial", r["source"])
    late = r["days_late"]
    submitted = _date(r["submitted_date"], r["submitted_date_precision"])
    if r["status"] == SUBMITTED_UNDATED and pd.isna(r["submitted_date"]):
        submitted = f"by {format_date(r['submitted_by'])} (the day is not in the data)"
    rows = [
        ("Initial report due (180 days after entry into force)", _date(r["due_date"]), "Article 7(1)", when, None),
        ("Initial report submitted", submitted, source, when, link),
        ("Initial report status", _text(r["status"]), source, when, link),
    ]
    if late is not None and not pd.isna(late):
        rows.append(("Days late", format_count(late), source, when, link))
    return pd.DataFrame(rows, columns=[*ROW_COLUMNS, "source_url"])


def source_url(records: pd.DataFrame, iso3: str, report_type: str, source: object) -> str | None:
    """The address of the page of the State's record with that `source`, where the record gives one."""
    mine = records[(records["iso3"] == iso3) & (records["report_type"] == report_type)
                   & (records["source"] == source) & records["source_url"].notna()]
    return None if mine.empty else str(mine["source_url"].iloc[0])


def annual_reports(iso3: str, records: pd.DataFrame, as_of: pd.Timestamp, current_to: dict[str, str]) -> pd.DataFrame:
    """One row per annual report record of the State known on `as_of` (by its submission or record
    date; undated records are kept): year covered, due date, submitted, record, status in the
    source's words, source, data as of. Empty when no record is public."""
    as_of = pd.Timestamp(as_of)
    mine = records[(records["iso3"] == iso3) & (records["report_type"] == "annual")]
    rows = []
    for r in mine.sort_values(["reporting_year", "submitted_date"], na_position="last").itertuples(index=False):
        known = period_end(r.submitted_date, r.submitted_date_precision) or period_end(r.record_date,
                                                                                       r.record_date_precision)
        if known is not None and pd.Timestamp(known) > as_of:
            continue
        year = r.reporting_year
        rows.append({
            "calendar_year": UNKNOWN if pd.isna(year) else str(int(year)),
            "due": UNKNOWN if pd.isna(year) else format_date(annual_report_due(int(year))),
            "submitted": _date(r.submitted_date, r.submitted_date_precision), "record": _text(r.record),
            "record_date": _date(r.record_date, r.record_date_precision), "in_the_source": _text(r.status_text),
            "source": _text(r.source), "source_url": _text(r.source_url),
            "data_as_of": current_to.get(REPORTS_FILE, UNKNOWN)})
    return pd.DataFrame(rows, columns=["calendar_year", "due", "submitted", "record", "record_date",
                                       "in_the_source", "source", "source_url", "data_as_of"])


def article9(iso3: str, measures: pd.DataFrame, current_to: dict[str, str]) -> pd.DataFrame:
    """Rows item, value, source, data_as_of for the State's national implementation measures."""
    when = current_to.get(MEASURES_FILE, UNKNOWN)
    r = _one(measures, iso3)
    if r is None:
        return pd.DataFrame([("Article 9 status", UNKNOWN, MEASURES_FILE, when)], columns=ROW_COLUMNS)
    source = f"{r['source']} ({MEASURES_FILE})" if isinstance(r["source"], str) else MEASURES_FILE
    rows = [
        ("Article 9 status", _text(r["status"]), source, when),
        ("Year of the law", str(int(r["year_of_law"])) if pd.notna(r["year_of_law"]) else
         (NONE_RECORDED if r["status"] in NO_LAW_STATUSES else UNKNOWN), source, when),
        ("Measures in the sources' words", _text(r["measure_summary"]), source, when),
        ("Confidence", _text(r["confidence"]), source, when),
        ("Last reported", _date(r["reported_date"], r["reported_date_precision"]), source, when),
    ]
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


def state_name(states: pd.DataFrame, iso3: str) -> str:
    """The State's short name in the `states` table (the code itself if unknown)."""
    row = _one(states, iso3)
    return iso3 if row is None else str(row["state_name"])


def state_names(states: pd.DataFrame) -> dict[str, str]:
    """ISO3 -> short name, from the `states` table."""
    return dict(zip(states["iso3"], states["state_name"]))


LABELS = {
    "item": "Item", "value": "Value", "source": "Source", "data_as_of": "Data as of",
    "article": "Obligation", "status": "Status", "original_deadline": "Original deadline",
    "current_deadline": "Current deadline", "extensions_granted": "Extensions granted",
    "pending_requests": "Requests pending", "completion": "Completion", "in_the_sources": "In the sources' words",
    "request": "Request", "submitted": "Submitted", "meeting": "Meeting", "meeting_date": "Meeting date",
    "document": "Document", "requested_deadline": "Deadline requested", "granted_deadline": "Deadline granted",
    "on_reference_date": "On the reference date", "calendar_year": "Year covered", "due": "Due",
    "record": "Record", "record_date": "Record dated", "in_the_source": "In the source's words",
    "source_url": "Source page",
}


def labelled(rows: pd.DataFrame) -> pd.DataFrame:
    """A profile frame with the column labels the screen shows."""
    return rows.rename(columns=LABELS)
