"""Normalising the notes on transparency reports (Article 7) and national measures (Article 9)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.partial_dates import parse_partial_date
from ccm_analytics.sources.notes import (
    MONTH_YEAR,
    joined,
    read_notes,
    records_of,
    split_date,
    text_of,
)

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
        out.loc[rows, "notes"] = [joined((n, f"list date: {spec['window']}")) for n in raw.loc[rows, "notes"]]
        template = out[rows].iloc[0]
        for iso3 in spec["deduced"]:
            added.append(dict(template, iso3=iso3, state_name=None, notes=joined((
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
    raw = read_notes(shared, "article7_reporting.csv")
    raw = _complete_list_rows(raw[raw["record_type"] != "aggregate"])
    rows = []
    for r in records_of(raw):
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
    split_date(out, "submitted_date", frame["submitted_date"])
    out["record"] = frame["record"]
    record_dates = frame["record_date"].map(
        lambda t: pd.Timestamp(t).strftime("%Y-%m") if text_of(t) and MONTH_YEAR.match(t) else t)
    split_date(out, "record_date", record_dates)
    out["list_id"], out["listed_to"] = frame["list_id"], frame["listed_to"]
    out["status_text"] = frame["status"]
    out["source"], out["source_url"], out["source_date"] = frame["source"], frame["source_url"], frame["source_date"]
    out["notes"] = [joined((n, d if not parse_partial_date(d)[0] else None)) for n, d in zip(frame["notes"], frame["record_date"])]
    return out


def aggregates(shared: Path, name: str, value_column: str) -> pd.DataFrame:
    """Published totals (all States Parties) with their dates."""
    raw = read_notes(shared, name)
    raw = raw[raw["record_type"] == "aggregate"]
    date_col = "as_of_date" if "as_of_date" in raw else "as_of"
    out = pd.DataFrame({"metric": raw["metric"] if "metric" in raw else raw["measure_summary"],
                        "value": raw[value_column] if value_column in raw else None})
    split_date(out, "as_of_date", raw[date_col])
    out["source"] = raw["source"].values
    out["notes"] = [joined((n, d if not parse_partial_date(d)[0] else None)) for n, d in zip(raw["notes"], raw[date_col])]
    return out.reset_index(drop=True)


def article9_measures(shared: Path) -> pd.DataFrame:
    """One row per State's reported national implementation measures (Article 9)."""
    raw = read_notes(shared, "article9_measures.csv")
    raw = raw[raw["record_type"] == "state"]
    out = raw[["iso3", "status", "year_of_law", "measure_summary", "confidence"]].copy()
    split_date(out, "reported_date", raw["as_of"])
    out["source"], out["notes"] = raw["source"], raw["notes"]
    return out.reset_index(drop=True)
