"""Turn the research notes in ``../shared/data`` and the ISU work plan into the clean CSV files of ``data/``.

Run ``python -m ccm_analytics normalise [SHARED_DIR]``. The shipped ``data/`` files are its output,
checked in so that the app builds without ``../shared``; re-running it gives the same files.
Nothing is invented: a value the notes lack stays empty, and the raw wording is kept in a
``notes`` column where a value had to be read out of free text.
"""
from __future__ import annotations

import re
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.land_release import scope_of
from ccm_analytics.domain.partial_dates import parse_partial_date
from ccm_analytics.domain.states import states_frame
from ccm_analytics.domain.vocabularies import BUDGET_LINES, REQUEST_TYPES
from ccm_analytics.formats.money import parse_chf
from ccm_analytics.paths import DATA_DIR, DEFAULT_SHARED

# The facts were collected to September 2025 (shared/data/README.md: "Newest facts").
FACTS_CURRENT_TO = "2025-09"
_MONTH_YEAR = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{4})")
_DOC_SYMBOL = re.compile(r"CCM/MSP/\d{4}/\d+")


def _read(shared: Path, name: str) -> pd.DataFrame:
    raw = pd.read_csv(shared / "data" / name, dtype=object, keep_default_na=False)
    # Empty cells become None (not NaN) in object columns, so plain `if text:` tests hold.
    return raw.astype(object).map(lambda v: v or None).astype(object)


def _text(value: object) -> str | None:
    """The value if it is a non-empty text, else None (pandas may hand back NaN for empty cells)."""
    return value if isinstance(value, str) and value else None


def _join(parts) -> str | None:
    """The texts among `parts`, joined with "; ", or None."""
    return "; ".join(p for p in map(_text, parts) if p) or None


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _text(v) for k, v in r.items()} for r in frame.to_dict("records")]


def _split_date(frame: pd.DataFrame, column: str, text: pd.Series) -> None:
    """Add `column` and `column_precision` parsed from the leading date of each text."""
    parsed = text.map(parse_partial_date)
    frame[column] = parsed.map(lambda p: p[0].isoformat() if p[0] else None)
    frame[f"{column}_precision"] = parsed.map(lambda p: p[1])


def _meeting_month(text: str | None) -> str | None:
    """The last month named in a meeting's description, e.g. "10MSP (Aug-Sep 2022)" -> 2022-09."""
    if not isinstance(text, str):
        return None
    found = _MONTH_YEAR.findall(text.split(")")[0])  # later brackets speak of other events
    if not found:
        return None
    month, year = found[-1]
    return pd.Timestamp(f"{month} {year}").strftime("%Y-%m")


def treaty_events(shared: Path) -> pd.DataFrame:
    """One row per signature, deposit of an instrument or withdrawal."""
    raw = _read(shared, "treaty_status.csv")
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
    raw = _read(shared, "article3_stockpiles.csv")
    out = pd.DataFrame({"iso3": raw["iso3"]})
    out["stockpile_status"] = raw["stockpile_status"].map(
        lambda s: "destroyed" if s == "destroyed" else ("unknown" if s.startswith("unknown") else "no stockpile"))
    _split_date(out, "completion_date", raw["completion_date"])
    out["completion_note"] = raw["completion_date_basis"]
    out["munitions_destroyed"] = pd.to_numeric(raw["munitions_destroyed"]).astype("Int64")
    out["submunitions_destroyed"] = pd.to_numeric(raw["submunitions_destroyed"]).astype("Int64")
    out["quantities_note"] = raw["quantities_precision"]
    retained = raw["retained_for_training"].map(_retained)
    out["retained_munitions"] = pd.array([r[0] for r in retained], dtype="Int64")
    out["retained_submunitions"] = pd.array([r[1] for r in retained], dtype="Int64")
    out["retained_note"] = raw["retained_for_training"]
    out["source"] = raw["source"]
    out["notes"] = [_join(r) for r in zip(raw["stockpile_status"], raw["notes"])]
    return out


def article3_destruction_by_year(shared: Path) -> pd.DataFrame:
    raw = _read(shared, "article3_destruction_by_year.csv")
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
    stock = _read(shared, "article3_stockpiles.csv").set_index("iso3")
    for number, (iso3, granted, meeting, meeting_month, submitted, note) in enumerate(_ARTICLE3_EXTENSIONS):
        request_no = sum(1 for e in _ARTICLE3_EXTENSIONS[:number] if e[0] == iso3) + 1
        rows.append(dict(iso3=iso3, article=3, request_no=request_no, submitted=submitted, meeting=meeting,
                         meeting_month=meeting_month, document=None, requested=None, granted=granted,
                         source=stock.loc[iso3, "source"], notes=note))
    clearance = _read(shared, "article4_clearance.csv")
    for r in _records(clearance):
        for n in range(1, 5):
            meeting_text = r[f"ext{n}_meeting"]
            if not (r[f"ext{n}_submitted"] or meeting_text):
                continue
            doc = _DOC_SYMBOL.search(meeting_text or "")
            rows.append(dict(
                iso3=r["iso3"], article=4, request_no=n, submitted=r[f"ext{n}_submitted"],
                meeting=(meeting_text or "").split(" (")[0] or None, meeting_month=_meeting_month(meeting_text),
                document=doc.group(0) if doc else None, requested=r[f"ext{n}_requested_deadline"],
                granted=r[f"ext{n}_granted_deadline"], source=r["source"],
                notes=_join((
                    f"submitted: {r[f'ext{n}_submitted']}" if r[f"ext{n}_submitted"] and len(r[f"ext{n}_submitted"]) > 10 else None,
                    f"meeting: {meeting_text}" if meeting_text else None,
                    f"requested: {r[f'ext{n}_requested_deadline']}" if r[f"ext{n}_requested_deadline"] and len(r[f"ext{n}_requested_deadline"]) > 10 else None,
                ))))
    raw = pd.DataFrame(rows)
    out = raw[["iso3", "article", "request_no"]].copy()
    _split_date(out, "submitted_date", raw["submitted"])
    out["meeting"] = raw["meeting"]
    _split_date(out, "meeting_date", raw["meeting_month"])
    out["document"] = raw["document"]
    _split_date(out, "requested_deadline", raw["requested"])
    _split_date(out, "granted_deadline", raw["granted"])
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
    for r in _records(_read(shared, "extension_request_types.csv")):
        if r["request_type"] not in REQUEST_TYPES:
            raise ValueError(f"extension_request_types.csv: request type {r['request_type']!r} is not one of "
                             f"{', '.join(REQUEST_TYPES)}")
        source = _join((r["source"], r["source_date"], r["source_url"]))
        out[(r["iso3"], int(r["article"]), int(r["request_no"]))] = dict(
            request_type=r["request_type"], request_type_basis=r["basis"], request_type_source=source)
    return out


def _article4_obligation(status: str, notes: object) -> str:
    """yes, no or unconfirmed: did the State have remnants to clear when the Convention bound it?"""
    if status.startswith("no cluster munition remnants"):
        return "no"
    if "pre-ratification" in (_text(notes) or ""):
        return "no"  # remnants destroyed before the State joined (Congo, 2011)
    if status == "completed (before 2019)":
        return "unconfirmed"  # listed as completed; whether before or after entry into force is not said
    return "yes"


def article4_clearance(shared: Path) -> pd.DataFrame:
    """One row per State Party reported with cluster munition remnants (Article 4)."""
    raw = _read(shared, "article4_clearance.csv")
    out = pd.DataFrame({"iso3": raw["iso3"]})
    out["obligation"] = [_article4_obligation(s, n) for s, n in zip(raw["status"], raw["notes"])]
    out["clearance_status"] = raw["status"]
    _split_date(out, "completion_date", raw["completion_declared_date"])
    # "completed (before 2019)" bounds the completion without dating it.
    out["completed_by"] = raw["status"].map(lambda s: "2018-12-31" if s == "completed (before 2019)" else None)
    out["contaminated_area_km2"] = raw["contaminated_area_km2"]
    out["contaminated_area_year"] = raw["contaminated_area_year"]
    out["contaminated_area_note"] = raw["contaminated_area_note"]
    out["area_cleared_summary"] = raw["area_cleared_summary"]
    out["source"] = raw["source"]
    out["notes"] = [_join(x for x in r if _text(x) and len(x) > 10)
                    for r in zip(raw["completion_declared_date"], raw["current_deadline_known"], raw["notes"])]
    return out


def article4_clearance_by_year(shared: Path) -> pd.DataFrame:
    """One row per State (or global total, iso3 empty), year and scope (whose figure it is) of land release."""
    raw = _read(shared, "article4_clearance_by_year.csv")
    out = raw[["iso3", "year", "area_cleared_km2", "area_qualifier", "area_reduced_km2", "area_cancelled_km2",
               "submunitions_destroyed", "submunitions_qualifier"]].copy()
    out["iso3"] = out["iso3"].replace("ALL", None)
    out["scope"] = raw["scope"].map(scope_of)
    out["scope_note"] = raw["scope"]
    out["area_qualifier"] = out["area_qualifier"].map(_qualifier)
    out["submunitions_qualifier"] = out["submunitions_qualifier"].map(_qualifier)
    out["source"], out["source_url"], out["source_date"] = raw["source"], raw["source_url"], raw["source_date"]
    out["notes"] = [_join((q, n)) for q, n in zip(raw["area_qualifier"].where(raw["area_qualifier"].fillna("").str.len() > 12),
                                    raw["notes"])]
    return out


def article4_remaining(shared: Path) -> pd.DataFrame:
    """One row per figure of remaining contamination a State (or the Monitor, Mine Action Review) reported at a date."""
    raw = _read(shared, "article4_remaining.csv")
    out = pd.DataFrame({"iso3": raw["iso3"]})
    _split_date(out, "as_of_date", raw["as_of_date"])
    # The precision column sometimes says more ("day (initial report submission; ...)"): kept in the notes.
    stated = raw["as_of_precision"].str.split(" ", n=1).str[0]
    if not stated.eq(out["as_of_date_precision"]).all():
        raise ValueError("article4_remaining.csv: as_of_precision disagrees with the as_of_date written")
    for column in ("cha_km2", "sha_km2", "total_km2", "qualifier", "scope", "source", "source_url", "source_date"):
        out[column] = raw[column]
    out["notes"] = [_join((p.split(" ", 1)[1].strip("()") if " " in p else None, n))
                    for p, n in zip(raw["as_of_precision"], raw["notes"])]
    return out


def _qualifier(text: str | None) -> str | None:
    """exact, approx or lower bound: the first word(s) of the notes' qualifier."""
    if not isinstance(text, str):
        return None
    for q in ("exact", "approx", "lower bound"):
        if text.startswith(q):
            return q
    return None


# The complete published lists of overdue initial reports (shared/data README, "Changes of 1 December
# 2026"): each names every State Party whose initial report was overdue on one day, known exactly or
# only to lie in a window. `marker` is the wording of the list's rows' notes; `deduced` are members
# the README deduces from the list's per-year counts, absent from the accessible excerpt.
COMPLETE_LISTS = (
    dict(list_id="CMC 2015", marker="list had 18 states", listed_from="2015-06-18", listed_to="2015-06-18",
         states=18, deduced=("TUN", "TGO", "KNA"),
         window="stated: 'as of 18 June 2015' (from the UN website)"),
    dict(list_id="ISU 13", marker="13 states listed", listed_from="2018-07-01", listed_to="2019-06-11",
         states=13, deduced=(),
         window="undated; between 1 July 2018 (Benin, due 30 June 2018, is listed) and 11 June 2019 "
                "(Tunisia, listed, reported on 12 June 2019)"),
    dict(list_id="ISU 9", marker="9 states listed", listed_from="2021-09-21", listed_to="2022-08-29",
         states=9, deduced=(),
         window="undated; between 21 September 2021 (cites the Lausanne Action Plan) and 29 August 2022 "
                "(speaks of the adapted form 'after its adoption at the Tenth Meeting', 30 August 2022)"),
)


def _complete_list_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """The listing rows of `raw` dated by their list (the window's first and last day), with the deduced
    members added; every list must then hold the number of States it says it names."""
    listings = raw["record_type"] == "initial_report_overdue_listing"
    out = raw.copy()
    out["list_id"], out["listed_to"] = None, None
    added = []
    for spec in COMPLETE_LISTS:
        rows = listings & raw["notes"].fillna("").str.startswith(spec["marker"])
        out.loc[rows, ["list_id", "as_of_date", "listed_to"]] = (spec["list_id"], spec["listed_from"], spec["listed_to"])
        out.loc[rows, "notes"] = [_join((n, f"list date: {spec['window']}")) for n in raw.loc[rows, "notes"]]
        template = out[rows].iloc[0]
        for iso3 in spec["deduced"]:
            added.append(dict(template, iso3=iso3, state_name=None, notes=_join((
                "not in the accessible excerpt of the list: deduced from its per-year counts "
                "(shared/data README)", f"list date: {spec['window']}"))))
        members = int(rows.sum()) + len(spec["deduced"])
        if members != spec["states"]:
            raise ValueError(f"{spec['list_id']}: {members} States found, the list names {spec['states']}")
    if (listings & out["list_id"].isna()).any():
        raise ValueError("article7_reporting.csv: an overdue listing that belongs to no known complete list")
    return pd.concat([out, pd.DataFrame(added)], ignore_index=True)


def article7_reports(shared: Path) -> pd.DataFrame:
    """One row per record about a State's transparency report: a submission or a listing as outstanding."""
    raw = _read(shared, "article7_reporting.csv")
    raw = _complete_list_rows(raw[raw["record_type"] != "aggregate"])
    rows = []
    for r in _records(raw):
        status = r["status"] or ""
        record_date = r["as_of_date"]
        if r["record_type"] == "initial_report_overdue_listing":
            record = "outstanding"
        elif status.startswith("not submitted as of") or status.startswith("none submitted"):
            record = "outstanding"
            record_date = record_date or status.removeprefix("not submitted as of ")
        elif status.startswith("submitted") or status.startswith("last report submitted"):
            record = "submitted"
        elif status.startswith("annual reports submitted in"):
            for year in re.findall(r"\d{4}", status):  # one submission a year, reporting year not stated
                rows.append(dict(r, submitted_date=year, record="submitted", record_date=record_date, status=status))
            continue
        else:
            record = "unclear"
        rows.append(dict(r, record=record, record_date=record_date, status=status or None))
    frame = pd.DataFrame(rows)
    out = frame[["iso3", "report_type", "reporting_year"]].copy()
    _split_date(out, "submitted_date", frame["submitted_date"])
    out["record"] = frame["record"]
    record_dates = frame["record_date"].map(
        lambda t: pd.Timestamp(t).strftime("%Y-%m") if _text(t) and _MONTH_YEAR.match(t) else t)
    _split_date(out, "record_date", record_dates)
    out["list_id"], out["listed_to"] = frame["list_id"], frame["listed_to"]
    out["status_text"] = frame["status"]
    out["source"], out["source_url"], out["source_date"] = frame["source"], frame["source_url"], frame["source_date"]
    out["notes"] = [_join((n, d if not parse_partial_date(d)[0] else None)) for n, d in zip(frame["notes"], frame["record_date"])]
    return out


def aggregates(shared: Path, name: str, value_column: str) -> pd.DataFrame:
    """Published totals (all States Parties) with their dates."""
    raw = _read(shared, name)
    raw = raw[raw["record_type"] == "aggregate"]
    date_col = "as_of_date" if "as_of_date" in raw else "as_of"
    out = pd.DataFrame({"metric": raw["metric"] if "metric" in raw else raw["measure_summary"],
                        "value": raw[value_column] if value_column in raw else None})
    _split_date(out, "as_of_date", raw[date_col])
    out["source"] = raw["source"].values
    out["notes"] = [_join((n, d if not parse_partial_date(d)[0] else None)) for n, d in zip(raw["notes"], raw[date_col])]
    return out.reset_index(drop=True)


def article9_measures(shared: Path) -> pd.DataFrame:
    """One row per State's reported national implementation measures (Article 9)."""
    raw = _read(shared, "article9_measures.csv")
    raw = raw[raw["record_type"] == "state"]
    out = raw[["iso3", "status", "year_of_law", "measure_summary", "confidence"]].copy()
    _split_date(out, "reported_date", raw["as_of"])
    out["source"], out["notes"] = raw["source"], raw["notes"]
    return out.reset_index(drop=True)


def isu_budget(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 2021-2025 budget, one row per line and year, and the work plan's notes on each line."""
    text = (shared / "seed" / "isu-work-plan-2021-2025.txt").read_text(encoding="utf-8")
    table = text[text.index("ISU 2021 TO 2025 BUDGET"):text.index("IV. Budget Notes")]
    years = [int(y) for y in re.search(r"COST\s+((?:\d{4}\s+){5})", table).group(1).split()]
    labels = ["SALARIES", "SOCIAL CHARGES", "COMMUNICATION", "TRAVEL", "OTHER IMPLEMENTATION", "TOTAL"]
    amount = re.compile(r"\d{1,3}(?:['’]\d{3})+")
    rows, descriptions, totals = [], [], {}
    for i, label in enumerate(labels):
        start = table.index(label)
        end = table.index(labels[i + 1]) if i + 1 < len(labels) else table.index("ADMINISTRATIVE")
        chunk = table[start:end]
        amounts = [parse_chf(a) for a in amount.findall(chunk)[:5]]
        if len(amounts) != 5:
            raise ValueError(f"budget line {label!r}: expected 5 yearly amounts, found {len(amounts)}")
        if label == "TOTAL":
            totals = dict(zip(years, amounts))
            continue
        line = BUDGET_LINES[i]
        rows += [(year, line, value) for year, value in zip(years, amounts)]
        last = list(amount.finditer(chunk))[4]
        descriptions.append((line, "line description", " ".join(chunk[last.end():].split()) or None))
    budget = pd.DataFrame(rows, columns=["year", "budget_line", "amount_chf"])
    for year, total in totals.items():  # the seed's printed totals check our reading of the lines
        computed = sum(budget.loc[budget["year"] == year, "amount_chf"], Decimal(0))
        if computed != total:
            raise ValueError(f"budget {year}: lines sum to {computed}, the work plan prints {total}")
    budget["kind"] = "budget"
    budget["source"] = "ISU 2021-2025 Work Plan and Budget (Second Review Conference, Lausanne, 2020)"
    notes_text = text[text.index("IV. Budget Notes"):text.index("V. Assumptions")]
    numbered = re.split(r"\n\s*\d\.\s+", notes_text)[1:]
    for note in numbered:
        note = " ".join(note.split())
        line = ("Communication" if note.startswith("Communication") else
                "Travel" if "flights" in note else
                "Other implementation support costs" if "other implementation support" in note.lower() else None)
        descriptions.append((line, "budget note", note))
    admin = " ".join(table[table.index("ADMINISTRATIVE"):].split())
    descriptions.append((None, "in-kind support",
                         "Administrative expenses: GICHD in-kind support every year (no amount). "
                         + admin[admin.index("Covering"):]))
    notes = pd.DataFrame(descriptions, columns=["budget_line", "note_kind", "note"])
    notes["source"] = budget["source"].iloc[0]
    return budget, notes


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
    _split_date(frame, "current_to", frame["current_to"])
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
