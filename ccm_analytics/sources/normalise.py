"""Turn the research notes in ``../shared/data`` and the ISU work plan into the clean CSV files of ``data/``.

Run ``python -m ccm_analytics normalise [SHARED_DIR]``. The shipped ``data/`` files are its output,
checked in so that the app builds without ``../shared``; re-running it gives the same files.
Nothing is invented: a value the notes lack stays empty, and the raw wording is kept in a
``notes`` column where a value had to be read out of free text.
"""
from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.land_release import scope_of
from ccm_analytics.domain.states import states_frame
from ccm_analytics.domain.vocabularies import REQUEST_TYPES
from ccm_analytics.paths import DATA_DIR, DEFAULT_SHARED
from ccm_analytics.sources.budget import isu_budget
from ccm_analytics.sources.notes import (
    joined,
    meeting_month_of,
    qualifier_of,
    read_notes,
    records_of,
    split_date,
    text_of,
)
from ccm_analytics.sources.reports import (
    aggregates,
    article7_reports,
    article9_measures,
)

# The facts were collected to September 2025 (shared/data/README.md: "Newest facts").
FACTS_CURRENT_TO = "2025-09"
_DOC_SYMBOL = re.compile(r"CCM/MSP/\d{4}/\d+")


def treaty_events(shared: Path) -> pd.DataFrame:
    """One row per signature, deposit of an instrument or withdrawal."""
    raw = read_notes(shared, "treaty_status.csv")
    rows = []
    for r in raw.astype(object).where(raw.notna(), None).itertuples():
        if r.signature_date:
            rows.append((r.iso3, "signature", r.signature_date, r.source))
        if r.consent_date:
            rows.append((r.iso3, r.consent_type, r.consent_date, r.source))
        if r.withdrawal_date:
            rows.append((r.iso3, "withdrawal", r.withdrawal_date, r.source))
    return pd.DataFrame(rows, columns=["iso3", "event_type", "event_date", "source"])


def _retained(text: str | None) -> tuple[int | None, int | None]:
    """Munitions and submunitions retained under Article 3.6, where the note states both plainly."""
    if not isinstance(text, str):
        return None, None
    if re.match(r"^\s*(none|no live CM)", text, re.I):
        return 0, 0
    m = re.match(r"^\s*([\d,]+) CM; ([\d,]+) submunitions", text)
    if m:
        return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))
    return None, None


def article3_stockpiles(shared: Path) -> pd.DataFrame:
    """One row per State Party that held, or may have held, cluster munition stockpiles."""
    raw = read_notes(shared, "article3_stockpiles.csv")
    out = pd.DataFrame({"iso3": raw["iso3"]})
    out["stockpile_status"] = raw["stockpile_status"].map(
        lambda s: "destroyed" if s == "destroyed" else ("unknown" if s.startswith("unknown") else "no stockpile"))
    split_date(out, "completion_date", raw["completion_date"])
    out["completion_note"] = raw["completion_date_basis"]
    out["munitions_destroyed"] = pd.to_numeric(raw["munitions_destroyed"]).astype("Int64")
    out["submunitions_destroyed"] = pd.to_numeric(raw["submunitions_destroyed"]).astype("Int64")
    out["quantities_note"] = raw["quantities_precision"]
    retained = raw["retained_for_training"].map(_retained)
    out["retained_munitions"] = pd.array([r[0] for r in retained], dtype="Int64")
    out["retained_submunitions"] = pd.array([r[1] for r in retained], dtype="Int64")
    out["retained_note"] = raw["retained_for_training"]
    out["source"] = raw["source"]
    out["notes"] = [joined(r) for r in zip(raw["stockpile_status"], raw["notes"])]
    return out


def article3_destruction_by_year(shared: Path) -> pd.DataFrame:
    raw = read_notes(shared, "article3_destruction_by_year.csv")
    out = raw[["iso3", "year", "munitions_destroyed", "submunitions_destroyed"]].copy()
    # South Africa's 2012 figure sums everything destroyed before September 2012.
    out["cumulative"] = raw["notes"].fillna("").str.contains("cumulative")
    out["source"], out["notes"] = raw["source"], raw["notes"]
    return out


# Article 3 extensions are written as one free-text list per State in the notes; transcribed
# here one request a row, keeping the wording. (State, granted deadline, meeting, month decided, submitted)
_ARTICLE3_EXTENSIONS = [
    ("BGR", "2021-04-01", "9MSP", "2019-09", None, "9MSP Sep 2019, 18 months"),
    ("BGR", "2022-10", "2RC (silent procedure)", "2021-03", None,
     "day not confirmed; decided under 2RC by silent procedure, Feb-Mar 2021"),
    ("BGR", "2023-12-31", "10MSP", "2022-09", None, "10MSP Aug-Sep 2022, 15 months"),
    ("PER", "2024-04-01", "2RC (silent procedure)", "2021-03", "2020-03",
     "request Mar 2020, revised May 2020; decided under 2RC by silent procedure, Feb-Mar 2021"),
]


def extension_requests(shared: Path) -> pd.DataFrame:
    """One row per extension request under Article 3 or 4."""
    rows = []
    stock = read_notes(shared, "article3_stockpiles.csv").set_index("iso3")
    for number, (iso3, granted, meeting, meeting_month, submitted, note) in enumerate(_ARTICLE3_EXTENSIONS):
        request_no = sum(1 for e in _ARTICLE3_EXTENSIONS[:number] if e[0] == iso3) + 1
        rows.append(dict(iso3=iso3, article=3, request_no=request_no, submitted=submitted, meeting=meeting,
                         meeting_month=meeting_month, document=None, requested=None, granted=granted,
                         source=stock.loc[iso3, "source"], notes=note))
    clearance = read_notes(shared, "article4_clearance.csv")
    for r in records_of(clearance):
        for n in range(1, 5):
            meeting_text = r[f"ext{n}_meeting"]
            if not (r[f"ext{n}_submitted"] or meeting_text):
                continue
            doc = _DOC_SYMBOL.search(meeting_text or "")
            rows.append(dict(
                iso3=r["iso3"], article=4, request_no=n, submitted=r[f"ext{n}_submitted"],
                meeting=(meeting_text or "").split(" (")[0] or None, meeting_month=meeting_month_of(meeting_text),
                document=doc.group(0) if doc else None, requested=r[f"ext{n}_requested_deadline"],
                granted=r[f"ext{n}_granted_deadline"], source=r["source"],
                notes=joined((
                    f"submitted: {r[f'ext{n}_submitted']}" if r[f"ext{n}_submitted"] and len(r[f"ext{n}_submitted"]) > 10 else None,
                    f"meeting: {meeting_text}" if meeting_text else None,
                    f"requested: {r[f'ext{n}_requested_deadline']}" if r[f"ext{n}_requested_deadline"] and len(r[f"ext{n}_requested_deadline"]) > 10 else None,
                ))))
    raw = pd.DataFrame(rows)
    out = raw[["iso3", "article", "request_no"]].copy()
    split_date(out, "submitted_date", raw["submitted"])
    out["meeting"] = raw["meeting"]
    split_date(out, "meeting_date", raw["meeting_month"])
    out["document"] = raw["document"]
    split_date(out, "requested_deadline", raw["requested"])
    split_date(out, "granted_deadline", raw["granted"])
    types = _request_types(shared)
    keys = list(zip(out["iso3"], out["article"].astype(int), out["request_no"].astype(int)))
    for column in ("request_type", "request_type_basis", "request_type_source"):
        out[column] = [types.get(k, {}).get(column) for k in keys]
    out["source"], out["notes"] = raw["source"], raw["notes"]
    return out


def _request_types(shared: Path) -> dict[tuple[str, int, int], dict]:
    """{(iso3, article, request_no): request_type, its basis and source} from extension_request_types.csv;
    a request absent from that file has no type (not in the data)."""
    out = {}
    for r in records_of(read_notes(shared, "extension_request_types.csv")):
        if r["request_type"] not in REQUEST_TYPES:
            raise ValueError(f"extension_request_types.csv: request type {r['request_type']!r} is not one of "
                             f"{', '.join(REQUEST_TYPES)}")
        source = joined((r["source"], r["source_date"], r["source_url"]))
        out[(r["iso3"], int(r["article"]), int(r["request_no"]))] = dict(
            request_type=r["request_type"], request_type_basis=r["basis"], request_type_source=source)
    return out


def _article4_obligation(status: str, notes: object) -> str:
    """yes, no or unconfirmed: did the State have remnants to clear when the Convention bound it?"""
    if status.startswith("no cluster munition remnants"):
        return "no"
    if "pre-ratification" in (text_of(notes) or ""):
        return "no"  # remnants destroyed before the State joined (Congo, 2011)
    if status == "completed (before 2019)":
        return "unconfirmed"  # listed as completed; whether before or after entry into force is not said
    return "yes"


def article4_clearance(shared: Path) -> pd.DataFrame:
    """One row per State Party reported with cluster munition remnants (Article 4)."""
    raw = read_notes(shared, "article4_clearance.csv")
    out = pd.DataFrame({"iso3": raw["iso3"]})
    out["obligation"] = [_article4_obligation(s, n) for s, n in zip(raw["status"], raw["notes"])]
    out["clearance_status"] = raw["status"]
    split_date(out, "completion_date", raw["completion_declared_date"])
    # "completed (before 2019)" bounds the completion without dating it.
    out["completed_by"] = raw["status"].map(lambda s: "2018-12-31" if s == "completed (before 2019)" else None)
    out["contaminated_area_km2"] = raw["contaminated_area_km2"]
    out["contaminated_area_year"] = raw["contaminated_area_year"]
    out["contaminated_area_note"] = raw["contaminated_area_note"]
    out["area_cleared_summary"] = raw["area_cleared_summary"]
    out["source"] = raw["source"]
    out["notes"] = [joined(x for x in r if text_of(x) and len(x) > 10)
                    for r in zip(raw["completion_declared_date"], raw["current_deadline_known"], raw["notes"])]
    return out


def article4_clearance_by_year(shared: Path) -> pd.DataFrame:
    """One row per State (or global total, iso3 empty), year and scope (whose figure it is) of land release."""
    raw = read_notes(shared, "article4_clearance_by_year.csv")
    out = raw[["iso3", "year", "area_cleared_km2", "area_qualifier", "area_reduced_km2", "area_cancelled_km2",
               "submunitions_destroyed", "submunitions_qualifier"]].copy()
    out["iso3"] = out["iso3"].replace("ALL", None)
    out["scope"] = raw["scope"].map(scope_of)
    out["scope_note"] = raw["scope"]
    out["area_qualifier"] = out["area_qualifier"].map(qualifier_of)
    out["submunitions_qualifier"] = out["submunitions_qualifier"].map(qualifier_of)
    out["source"], out["source_url"], out["source_date"] = raw["source"], raw["source_url"], raw["source_date"]
    out["notes"] = [joined((q, n)) for q, n in zip(raw["area_qualifier"].where(raw["area_qualifier"].fillna("").str.len() > 12),
                                    raw["notes"])]
    return out


def article4_remaining(shared: Path) -> pd.DataFrame:
    """One row per figure of remaining contamination a State (or the Monitor, Mine Action Review) reported at a date."""
    raw = read_notes(shared, "article4_remaining.csv")
    out = pd.DataFrame({"iso3": raw["iso3"]})
    split_date(out, "as_of_date", raw["as_of_date"])
    # The precision column sometimes says more ("day (initial report submission; ...)"): kept in the notes.
    stated = raw["as_of_precision"].str.split(" ", n=1).str[0]
    if not stated.eq(out["as_of_date_precision"]).all():
        raise ValueError("article4_remaining.csv: as_of_precision disagrees with the as_of_date written")
    for column in ("cha_km2", "sha_km2", "total_km2", "qualifier", "scope", "source", "source_url", "source_date"):
        out[column] = raw[column]
    out["notes"] = [joined((p.split(" ", 1)[1].strip("()") if " " in p else None, n))
                    for p, n in zip(raw["as_of_precision"], raw["notes"])]
    return out


def _hdx_version() -> str:
    return version("hdx-python-country")


def provenance() -> pd.DataFrame:
    """One row per data file: where its facts come from and the date they are current to."""
    monitor = "Landmine and Cluster Munition Monitor (ICBL-CMC), Cluster Munition Monitor 2010-2024"
    isu = "CCM Implementation Support Unit (clusterconvention.org)"
    rows = [
        ("states.csv", "States the app can show: UN Member States, Holy See, State of Palestine, Cook Islands, Niue",
         "UN Statistics Division (M49 regions); UN Terminology Database (UNTERM names)",
         "Standard country or area codes for statistical use (M49); UNTERM country names "
         f"(as packaged in hdx-python-country {_hdx_version()})", None,
         "A reference list, not dated facts: it changes with the pinned hdx-python-country version."),
        ("treaty_events.csv", "Signatures, deposits of instruments and withdrawals",
         "United Nations Treaty Collection, chapter XXVI-6 (with a 2014 copy of its status page); " + monitor + "; " + isu,
         "Multilateral Treaties Deposited with the Secretary-General", FACTS_CURRENT_TO,
         "Guinea-Bissau's signature: 4 Dec 2008 (UN) vs 3 Dec 2008 (later Monitor editions): file keeps 4 Dec."),
        ("article3_stockpiles.csv", "Article 3 stockpile destruction per State Party", monitor + "; " + isu,
         "Monitor country profiles; ISU declarations of completion", FACTS_CURRENT_TO,
         "Bulgaria: 6,862 / 186,349 kept (6,905 / 190,919 is the total ever held)."),
        ("article3_destruction_by_year.csv", "Stockpiled munitions destroyed per State and year", monitor,
         "Monitor country profiles", FACTS_CURRENT_TO, "Only the years the sources give."),
        ("extension_requests.csv", "Article 3 and 4 deadline extension requests",
         isu + " extension request pages, 9th to 13th Meetings of States Parties; Mine Action Review; " + monitor,
         "CCM/MSP documents", FACTS_CURRENT_TO,
         "A granted deadline is filled only where the decision is confirmed; decisions of the 12th and 13th "
         "Meetings are mostly not recorded."),
        ("article4_clearance.csv", "Article 4 clearance per State Party",
         "Mine Action Review, Clearing Cluster Munition Remnants; " + monitor + "; " + isu,
         "Mine Action Review annual reports", FACTS_CURRENT_TO, None),
        ("article4_clearance_by_year.csv", "Land released (cleared, reduced, cancelled) and submunitions destroyed per year",
         "Mine Action Review; " + monitor, "Monitor profiles; Mine Action Review", FACTS_CURRENT_TO,
         "One row per scope: Monitor and Mine Action Review figures differ in method and are never mixed in a rate; "
         "global totals (iso3 empty) may include non-States Parties."),
        ("article4_remaining.csv", "Remaining contamination reported at a date (confirmed and suspected hazardous area)",
         monitor + "; Mine Action Review; " + isu + "; States' own reports and statements",
         "Monitor profiles; Mine Action Review; extension requests", FACTS_CURRENT_TO,
         "Some Lao PDR figures are areas confirmed to date, not what remains: their qualifier says so."),
        ("article7_reports.csv", "Records about transparency reports (Article 7)",
         monitor + "; Cluster Munition Coalition transparency update (18 Jun 2015); " + isu + " transparency page",
         "Monitor country profiles", FACTS_CURRENT_TO,
         "Per-State, per-year annual report records are mostly not public: a missing record is not a missing report. "
         "Three complete lists of overdue initial reports (18 June 2015; the ISU's lists of 13 and of 9) also "
         "say who had submitted by their date."),
        ("article7_aggregates.csv", "Published totals on transparency reporting",
         "HRW/CMC statements; Cluster Munition Monitor; ISU transparency page", None, FACTS_CURRENT_TO, None),
        ("article9_measures.csv", "National implementation measures (Article 9)", monitor, "Monitor country profiles",
         FACTS_CURRENT_TO, "Colombia's Law 1604: 21 Dec 2012 (official journal) vs 12 Dec 2012 (Monitor)."),
        ("article9_aggregates.csv", "Published totals on national implementation measures",
         "Human Rights Watch; " + isu, None, FACTS_CURRENT_TO, None),
        ("isu_budget.csv", "ISU budget 2021-2025 by line and year",
         "ISU 2021-2025 Work Plan and Budget, Second Review Conference (Lausanne, 23-27 November 2020), item 8(i)",
         "CCM/CONF/2020 work plan", "2020-11", "Yearly and five-year totals are computed from the lines."),
        ("isu_budget_notes.csv", "The work plan's notes on budget lines", "ISU 2021-2025 Work Plan and Budget",
         None, "2020-11", "GICHD's in-kind support has no amount."),
    ]
    frame = pd.DataFrame(rows, columns=["file", "title", "source", "publication", "current_to", "notes"])
    frame["source_url"] = frame["file"].map(_PUBLICATION_URLS)
    frame["accessed"] = "collected September 2025, completed December 2026"
    split_date(frame, "current_to", frame["current_to"])
    return frame[["file", "title", "source", "source_url", "publication", "accessed", "current_to",
                  "current_to_precision", "notes"]]


# The home page of each file's main publication (the rows carry their own pages where the notes give one).
_UNTC = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-6&chapter=26"
_MONITOR = "https://www.the-monitor.org"
_ISU = "https://www.clusterconvention.org"
_MAR = "https://www.mineactionreview.org"
_PUBLICATION_URLS = {
    "treaty_events.csv": _UNTC, "article3_stockpiles.csv": _MONITOR, "article3_destruction_by_year.csv": _MONITOR,
    "extension_requests.csv": _ISU, "article4_clearance.csv": _MAR, "article4_clearance_by_year.csv": _MAR,
    "article4_remaining.csv": _MONITOR, "article7_reports.csv": _MONITOR, "article7_aggregates.csv": _ISU,
    "article9_measures.csv": _MONITOR, "article9_aggregates.csv": _ISU, "isu_budget.csv": _ISU,
    "isu_budget_notes.csv": _ISU,
}


def normalise(shared: Path = DEFAULT_SHARED, out_dir: Path = DATA_DIR) -> list[Path]:
    """Write every data file; return their paths."""
    budget, budget_notes = isu_budget(shared)
    frames = {
        "states.csv": states_frame(),
        "treaty_events.csv": treaty_events(shared),
        "article3_stockpiles.csv": article3_stockpiles(shared),
        "article3_destruction_by_year.csv": article3_destruction_by_year(shared),
        "extension_requests.csv": extension_requests(shared),
        "article4_clearance.csv": article4_clearance(shared),
        "article4_clearance_by_year.csv": article4_clearance_by_year(shared),
        "article4_remaining.csv": article4_remaining(shared),
        "article7_reports.csv": article7_reports(shared),
        "article7_aggregates.csv": aggregates(shared, "article7_reporting.csv", "value"),
        "article9_measures.csv": article9_measures(shared),
        "article9_aggregates.csv": aggregates(shared, "article9_measures.csv", "value"),
        "isu_budget.csv": budget,
        "isu_budget_notes.csv": budget_notes,
        "provenance.csv": provenance(),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in frames.items():
        path = out_dir / name
        frame.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    return paths
