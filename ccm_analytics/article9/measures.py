"""Article 9 national implementation measures: the status last reported for each State Party on a
date, counts and shares by status and region, and the published totals beside the app's count.

A record speaks from a date: a specific law from the end of the year it was adopted; any other
status from the date it was reported (end of its month or year); a record without a date from the
date the data are current to. Before that date the State's status reads "unknown".
"""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.partial_dates import period_end
from ccm_analytics.domain.treaty import state_status
from ccm_analytics.formats.text import format_date, format_percent

STATUSES = ("specific legislation adopted", "existing law deemed sufficient", "legislation in progress",
            "none reported", "unknown")
SPECIFIC = "specific legislation adopted"
SHORT_LABELS = dict(zip(STATUSES, ("Specific legislation", "Existing law sufficient", "Legislation in progress",
                                   "None reported", "Unknown")))


def _speaks_from(row, current_to: pd.Timestamp) -> pd.Timestamp:
    if row.status == SPECIFIC and pd.notna(row.year_of_law):
        return pd.Timestamp(year=int(row.year_of_law), month=12, day=31)
    if pd.notna(row.reported_date):
        return pd.Timestamp(period_end(row.reported_date, row.reported_date_precision))
    return pd.Timestamp(current_to)


def measures_status(status: pd.DataFrame, measures: pd.DataFrame, as_of: pd.Timestamp,
                    current_to: pd.Timestamp) -> pd.DataFrame:
    """One row per State Party on `as_of`: iso3, state_name, un_region, status (one of STATUSES),
    record ("on record", "no record in data" or "record speaks for a later date"), year_of_law,
    reported_date (+ precision), measure_summary, confidence, source.

    `status` is a state_status frame for `as_of`, `measures` the article9_measures table."""
    as_of = pd.Timestamp(as_of)
    parties = status.loc[status["status"] == "State Party", ["iso3", "state_name", "un_region"]]
    m = measures.copy()
    m["reported_date"] = pd.to_datetime(m["reported_date"])
    m["speaks_from"] = [_speaks_from(r, current_to) for r in m.itertuples(index=False)]
    out = parties.merge(m, on="iso3", how="left")
    known = out["speaks_from"].notna() & (out["speaks_from"] <= as_of)
    out["record"] = ["on record" if k else ("no record in data" if pd.isna(s) else "record speaks for a later date")
                     for k, s in zip(known, out["speaks_from"])]
    for column in ("status", "year_of_law", "measure_summary", "confidence", "reported_date",
                   "reported_date_precision", "source", "notes"):
        out[column] = out[column].where(known)
    out["status"] = out["status"].fillna("unknown")
    out["year_of_law"] = pd.array(out["year_of_law"], dtype="Int64")
    return out.drop(columns=["speaks_from"]).sort_values(
        "state_name", key=lambda s: s.str.normalize("NFKD")).reset_index(drop=True)


def counts_by_status(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per status (all five): States Parties and share of all States Parties."""
    counts = frame["status"].value_counts()
    total = len(frame)
    out = pd.DataFrame({"status": list(STATUSES), "states": [int(counts.get(s, 0)) for s in STATUSES]})
    out["share"] = out["states"] / total if total else float("nan")
    return out


def shares_text(counts: pd.DataFrame) -> str:
    """ "Of 112 States Parties: specific legislation adopted 20 per cent, ..." from counts_by_status."""
    total = int(counts["states"].sum())
    if not total:
        return "No State Party on the reference date."
    parts = ", ".join(f"{s} {format_percent(v * 100, digits=0, in_text=True)}" for s, v in zip(counts["status"], counts["share"]))
    return f"Of {total} States Parties on the reference date: {parts}."


def counts_by_region(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per region and status (all five): States Parties, and their share of the region's."""
    rows = []
    for region, group in frame.groupby("un_region"):
        for row in counts_by_status(group).itertuples(index=False):
            rows.append({"un_region": region, "status": row.status, "states": row.states, "share": row.share})
    return pd.DataFrame(rows, columns=["un_region", "status", "states", "share"])


def region_table(by_region: pd.DataFrame) -> pd.DataFrame:
    """Screen table: regions as rows, one "n (share)" column per status, and the total."""
    text = by_region.assign(cell=[f"{n} ({format_percent(s * 100, digits=0)})" for n, s in zip(by_region["states"], by_region["share"])])
    # reindex, not [...]: before the first State Party (e.g. on 1 January 2008) there is no region at all
    table = text.pivot(index="un_region", columns="status", values="cell").reindex(columns=list(STATUSES))
    table["States Parties"] = by_region.groupby("un_region")["states"].sum()
    totals = by_region.groupby("status")["states"].sum()
    total = int(totals.sum())
    table.loc["All regions"] = [f"{int(totals.get(s, 0))} ({format_percent(totals.get(s, 0) / total * 100, digits=0)})" if total else "0"
                                for s in STATUSES] + [total]
    return table.reset_index().rename(columns={"un_region": "Region"})


def published_beside_app(aggregates: pd.DataFrame, facts: pd.DataFrame, measures: pd.DataFrame,
                         current_to: pd.Timestamp) -> pd.DataFrame:
    """Each published total with the app's own count for the same date: States Parties on that date
    and, of them, those whose record shows specific legislation adopted by then (empty if undated).

    `facts` is a treaty.state_facts frame, `measures` the article9_measures table."""
    rows = []
    for a in aggregates.itertuples(index=False):
        day = period_end(a.as_of_date, a.as_of_date_precision) if pd.notna(a.as_of_date) else None
        parties = specific = pd.NA
        if day is not None:
            on_day = state_status(facts, pd.Timestamp(day))
            frame = measures_status(on_day, measures, pd.Timestamp(day), current_to)
            parties = int(len(frame))
            specific = int((frame["status"] == SPECIFIC).sum())
        rows.append({"metric": a.metric, "value": a.value, "as_of_date": a.as_of_date,
                     "as_of_date_precision": a.as_of_date_precision, "source": a.source,
                     "app_states_parties": parties, "app_specific_legislation": specific})
    out = pd.DataFrame(rows, columns=["metric", "value", "as_of_date", "as_of_date_precision", "source",
                                      "app_states_parties", "app_specific_legislation"])
    for column in ("app_states_parties", "app_specific_legislation"):
        out[column] = pd.array(out[column], dtype="Int64")
    return out


def published_table(compared: pd.DataFrame) -> pd.DataFrame:
    """Screen table of published_beside_app."""
    count = lambda v: "unknown" if pd.isna(v) else str(int(v))  # noqa: E731
    return pd.DataFrame({
        "Published": [m if pd.isna(v) else f"{m}: {v}" for m, v in zip(compared["metric"], compared["value"])],
        "As of": [format_date(d, p if isinstance(p, str) else "day")
                  for d, p in zip(compared["as_of_date"], compared["as_of_date_precision"])],
        "App: States Parties on that date": [count(v) for v in compared["app_states_parties"]],
        "App: specific legislation on record by then": [count(v) for v in compared["app_specific_legislation"]],
        "Source": compared["source"],
    })


def state_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Screen table: one row per State Party."""
    return pd.DataFrame({
        "State Party": frame["state_name"], "Region": frame["un_region"], "Status (as last reported)": frame["status"],
        "Year of law": [str(int(y)) if pd.notna(y) else ("not applicable" if s in ("none reported", "legislation in progress") else "unknown")
                        for y, s in zip(frame["year_of_law"], frame["status"])],
        "Last reported": [format_date(d, p if isinstance(p, str) else "day") for d, p in
                          zip(frame["reported_date"], frame["reported_date_precision"])],
        "Measures": frame["measure_summary"].fillna(""), "Confidence": frame["confidence"].fillna("unknown"),
        "Record": frame["record"], "Source": frame["source"].fillna("no record in data")})


def download_table(frame: pd.DataFrame) -> pd.DataFrame:
    """File table: ISO dates, plain numbers."""
    return frame[["iso3", "state_name", "un_region", "status", "year_of_law", "reported_date",
                  "reported_date_precision", "measure_summary", "confidence", "record", "source"]]


def map_frame(all_states: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Every State for the map: its Article 9 status if a State Party, else "not a State Party"."""
    out = all_states[["iso3", "state_name"]].merge(frame[["iso3", "status"]], on="iso3", how="left")
    out["status"] = out["status"].fillna("not a State Party")
    return out
