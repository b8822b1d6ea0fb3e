"""The workbench's picker: which obligations and requests it offers, and in what order."""
from __future__ import annotations

import pandas as pd

from ccm_analytics.domain.land_release import RATE_SCOPES


def workbench_choices(obligations: pd.DataFrame, requests: pd.DataFrame,
                      with_progress: set[tuple[str, int]] = frozenset()) -> pd.DataFrame:
    """One row per obligation for the workbench's picker, States alphabetically then by article: iso3,
    article, label ("Germany, Article 4: deadline passed, extension requested"), has_request, pending
    (a request whose decision is not recorded), has_progress (`with_progress`, (iso3, article) pairs)."""
    out = obligations[["iso3", "state_name", "article", "status"]].copy()
    out["article"] = out["article"].astype(int)
    keys = set(zip(requests["iso3"], requests["article"]))
    pending = set(zip(requests.loc[requests["decision"] != "granted", "iso3"],
                      requests.loc[requests["decision"] != "granted", "article"]))
    out["has_request"] = [(i, a) in keys for i, a in zip(out["iso3"], out["article"])]
    out["pending"] = [(i, a) in pending for i, a in zip(out["iso3"], out["article"])]
    out["label"] = [f"{n}, Article {a}: {s}" for n, a, s in zip(out["state_name"], out["article"], out["status"])]
    out["has_progress"] = [(i, a) in with_progress for i, a in zip(out["iso3"], out["article"])]
    return out.sort_values(["state_name", "article"]).reset_index(drop=True)


def default_choice(choices: pd.DataFrame) -> str | None:
    """The choice the page opens on: the first (alphabetically) with a request awaiting a recorded decision
    and progress figures, else the first with a request, else the first."""
    if choices.empty:
        return None
    for mask in (choices["pending"] & choices["has_progress"], choices["has_request"]):
        if mask.any():
            row = choices[mask].iloc[0]
            return f"{row['iso3']}-{int(row['article'])}"
    return f"{choices['iso3'].iloc[0]}-{int(choices['article'].iloc[0])}"


def requests_of(requests: pd.DataFrame, iso3: str, article: int) -> list[dict]:
    """The requests of one obligation as dicts, latest first."""
    rows = requests[(requests["iso3"] == iso3) & (requests["article"] == article)]
    return rows.sort_values("request_no", ascending=False).to_dict("records")


def obligation_of(obligations: pd.DataFrame, iso3: str, article: int) -> dict:
    """One obligation row as a dict."""
    return obligations[(obligations["iso3"] == iso3) & (obligations["article"] == article)].iloc[0].to_dict()


def choice_labels(choices: pd.DataFrame) -> dict[str, str]:
    """{"LAO-4": "Lao People's Democratic Republic, Article 4: deadline passed, extension requested", ...}."""
    return {f"{i}-{int(a)}": label for i, a, label in zip(choices["iso3"], choices["article"], choices["label"])}


def parse_choice(key: str) -> tuple[str, int]:
    """"LAO-4" -> ("LAO", 4)."""
    iso3, article = key.split("-")
    return iso3, int(article)


def choice_key(iso3: str, article: int) -> str:
    """("LAO", 4) -> "LAO-4"."""
    return f"{iso3}-{int(article)}"


def with_progress(destruction_by_year: pd.DataFrame, clearance_by_year: pd.DataFrame) -> set[tuple[str, int]]:
    """(iso3, article) pairs with at least one progress figure per year in the data."""
    return ({(i, 3) for i in destruction_by_year["iso3"].dropna()}
            | {(i, 4) for i in clearance_by_year.loc[clearance_by_year["scope"].isin(RATE_SCOPES), "iso3"].dropna()})


def url_choice(params: dict, labels: dict[str, str], requests: dict[str, list[dict]],
               default: str | None) -> tuple[str | None, int | None]:
    """The choice and request number a URL (?iso3=LAO&article=4&request=2) names, where they exist; else
    the default choice and its latest request (a request number the choice lacks falls back to its latest)."""
    iso3 = str(params.get("iso3", "")).upper()
    article = str(params.get("article", ""))
    key = f"{iso3}-{article}" if article in ("3", "4") else ""
    if key not in labels:
        key = default
    numbers = [int(r["request_no"]) for r in requests.get(key, [])]
    wanted = str(params.get("request", ""))
    number = int(wanted) if wanted.isdigit() and int(wanted) in numbers else (numbers[0] if numbers else None)
    return key, number


def url_params(key: str, request_no: int | None) -> dict[str, str]:
    """The URL parameters of a choice: {"iso3": "LAO", "article": "4", "request": "2"}."""
    iso3, article = parse_choice(key)
    return {"iso3": iso3, "article": str(article), **({"request": str(request_no)} if request_no is not None else {})}
