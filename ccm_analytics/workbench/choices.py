"""The workbench's picker: which obligations and requests it offers, and in what order."""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.land_release import RATE_SCOPES


def workbench_choices(obligations: pd.DataFrame, requests: pd.DataFrame,
                      with_progress: set[tuple[str, int]] = frozenset()) -> pd.DataFrame:
    """One row per obligation for the workbench's picker: iso3, article, label, has_request; those with a
    request whose decision is not recorded first, those with progress figures per year (`with_progress`,
    (iso3, article) pairs) next, then the other requests, then by name."""
    out = obligations[["iso3", "state_name", "article", "status"]].copy()
    out["article"] = out["article"].astype(int)
    keys = set(zip(requests["iso3"], requests["article"]))
    pending = set(zip(requests.loc[requests["decision"] != "granted", "iso3"],
                      requests.loc[requests["decision"] != "granted", "article"]))
    out["has_request"] = [(i, a) in keys for i, a in zip(out["iso3"], out["article"])]
    out["pending"] = [(i, a) in pending for i, a in zip(out["iso3"], out["article"])]
    out["label"] = [f"{n}, Article {a}" + (" (extension request)" if h else "")
                    for n, a, h in zip(out["state_name"], out["article"], out["has_request"])]
    out["has_progress"] = [(i, a) in with_progress for i, a in zip(out["iso3"], out["article"])]
    out = out.sort_values(["pending", "has_progress", "has_request", "state_name", "article"],
                          ascending=[False, False, False, True, True])
    return out.reset_index(drop=True)


def requests_of(requests: pd.DataFrame, iso3: str, article: int) -> list[dict]:
    """The requests of one obligation as dicts, latest first."""
    rows = requests[(requests["iso3"] == iso3) & (requests["article"] == article)]
    return rows.sort_values("request_no", ascending=False).to_dict("records")


def obligation_of(obligations: pd.DataFrame, iso3: str, article: int) -> dict:
    """One obligation row as a dict."""
    return obligations[(obligations["iso3"] == iso3) & (obligations["article"] == article)].iloc[0].to_dict()


def choice_labels(choices: pd.DataFrame) -> dict[str, str]:
    """{"LAO-4": "Lao People's Democratic Republic, Article 4 (extension request)", ...} for the picker."""
    return {f"{i}-{int(a)}": label for i, a, label in zip(choices["iso3"], choices["article"], choices["label"])}


def parse_choice(key: str) -> tuple[str, int]:
    """"LAO-4" -> ("LAO", 4)."""
    iso3, article = key.split("-")
    return iso3, int(article)


def with_progress(destruction_by_year: pd.DataFrame, clearance_by_year: pd.DataFrame) -> set[tuple[str, int]]:
    """(iso3, article) pairs with at least one progress figure per year in the data."""
    return ({(i, 3) for i in destruction_by_year["iso3"].dropna()}
            | {(i, 4) for i in clearance_by_year.loc[clearance_by_year["scope"].isin(RATE_SCOPES), "iso3"].dropna()})
