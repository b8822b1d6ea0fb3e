"""The Group's entries on one request (requested deadline, type, texts, work plan), saved to a small JSON
file and loaded again, so that a draft can be taken up over several weeks."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from ccm_analytics.domain.vocabularies import REQUEST_TYPES

FORMAT = "ccm-workbench-entries/1"
# The texts the Group types or pastes from the request: (key, heading).
TEXTS = (("reasons", "Reasons and impeding circumstances"),
         ("means", "Financial and technical means available and required"),
         ("implications", "Humanitarian, social, economic and environmental implications"))
MAX_BYTES = 1_000_000


@dataclass
class Entries:
    iso3: str
    article: int
    request_no: int | None
    requested_deadline: date | None = None
    request_type: str | None = None
    texts: dict[str, str] = field(default_factory=dict)
    plan_csv: str = ""  # the work plan file's text, as loaded


def entries_json(e: Entries) -> bytes:
    """The entries as a JSON file's bytes."""
    data = asdict(e)
    data["requested_deadline"] = e.requested_deadline.isoformat() if e.requested_deadline else None
    return json.dumps({"format": FORMAT, **data}, ensure_ascii=False, indent=1).encode("utf-8")


def read_entries(data: bytes, iso3: str, article: int, request_no: int | None) -> tuple[Entries | None, str]:
    """(entries, message): the entries of a file made for this request, else None and why nothing was loaded."""
    if len(data) > MAX_BYTES:
        return None, "Nothing loaded: the file is larger than an entries file can be."
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None, "Nothing loaded: the file is not a workbench entries file (not JSON)."
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None, "Nothing loaded: the file is not a workbench entries file."
    made_for = (raw.get("iso3"), raw.get("article"), raw.get("request_no"))
    if made_for != (iso3, article, request_no):
        return None, (f"Nothing loaded: the file was made for {made_for[0]}, Article {made_for[1]}, request "
                      f"{made_for[2] if made_for[2] is not None else 'none'}, not for the request shown.")
    try:
        deadline = date.fromisoformat(raw["requested_deadline"]) if raw.get("requested_deadline") else None
    except (TypeError, ValueError):
        return None, "Nothing loaded: the requested deadline in the file is not a date."
    rtype = raw.get("request_type")
    texts = raw.get("texts") or {}
    if rtype not in (None, *REQUEST_TYPES) or not isinstance(texts, dict) \
            or not isinstance(raw.get("plan_csv", ""), str):
        return None, "Nothing loaded: the file's entries are not in the expected form."
    known = {k for k, _ in TEXTS}
    return Entries(iso3, article, request_no, deadline, rtype,
                   {k: str(v) for k, v in texts.items() if k in known}, raw.get("plan_csv") or ""), \
        "Entries loaded."
