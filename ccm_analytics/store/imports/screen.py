"""What the Data page and the command line show of imports: outcomes as lines, templates, the log for
the screen, the passphrase comparison. Re-exported by process.py."""
from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.problems import Problem
from ccm_analytics.formats.text import format_date
from ccm_analytics.store.imports.folder import Stored, history, imports_dir, stored
from ccm_analytics.store.imports.kinds import kind as get_kind
from ccm_analytics.store.imports.kinds import template_markdown, template_rows


def report_lines(outcome) -> list[str]:
    """The outcome as lines for the terminal: the message, then every problem."""
    return [outcome.message] + [f"  {p}" for p in outcome.problems]


def write_template(kind_name: str, out: Path) -> Path:
    """Write a kind's template: a CSV (or .xlsx) with every column and an example row, and its notes."""
    k = get_kind(kind_name)
    frame = template_rows(k)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        with pd.ExcelWriter(out, engine="openpyxl") as writer:
            frame.to_excel(writer, sheet_name=k.name[:31], index=False)
            pd.DataFrame({"notes": template_markdown(k).splitlines()}).to_excel(writer, sheet_name="notes",
                                                                               index=False)
    else:
        frame.to_csv(out, index=False, encoding="utf-8")
    return out


# ---------------------------------------------------------------- for the Data page

def passphrase_matches(given: str | None, configured: str | None) -> bool:
    """True if an administrator passphrase is configured and `given` is it (constant-time compare)."""
    if not configured or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def already_imported(kind_name: str, content: bytes, database: Path | None = None) -> Stored | None:
    """The accepted import of the same kind with the same bytes, if there is one."""
    sha = hashlib.sha256(content).hexdigest()
    return next((s for s in stored(imports_dir(database)) if s.meta["sha256"] == sha
                 and s.meta["kind"] == kind_name), None)


def last_import(database: Path | None = None) -> Stored | None:
    """The import an undo would withdraw."""
    accepted = stored(imports_dir(database))
    return accepted[-1] if accepted else None


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The validation report as a table: file row, column, problem."""
    return pd.DataFrame([{"row": p.row, "column": p.column, "problem": p.message} for p in problems],
                        columns=["row", "column", "problem"]).astype({"row": "Int64"})


def history_for_screen(database: Path | None = None) -> pd.DataFrame:
    """The import log, newest first, with headings and dates for the screen."""
    log = history(imports_dir(database)).iloc[::-1].reset_index(drop=True)
    when = pd.to_datetime(log["logged_at"])
    out = pd.DataFrame({
        "when (UTC)": [f"{format_date(t)} {t:%H:%M}" for t in when],
        "who": log["who"], "action": log["action"], "import": log["import_id"], "kind": log["kind"],
        "file": log["file_name"], "rows added": log["rows_added"], "rows changed": log["rows_changed"],
        "result": log["result"], "undone": ["yes" if u else "" for u in log["undone"]], "message": log["message"]})
    return out


def template_csv_bytes(kind_name: str) -> bytes:
    """A kind's template as CSV bytes (UTF-8): every column, one example row to replace."""
    return template_rows(get_kind(kind_name)).to_csv(index=False).encode("utf-8")


def template_notes(kind_name: str) -> str:
    """What each column of a kind's file holds, in Markdown (without the title)."""
    return template_markdown(get_kind(kind_name)).split("\n", 2)[2]
