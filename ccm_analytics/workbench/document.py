"""The Group's "Analysis and draft decision" of one request: an editable .docx (python-docx) and a
self-contained .html, both from one list of blocks. No outside address, no script, no image."""
from __future__ import annotations

import html
import io

import docx
import pandas as pd

from ccm_analytics.formats.text import format_date
from ccm_analytics.workbench import assessment as wa
from ccm_analytics.workbench import screen
from ccm_analytics.workbench.entries import TEXTS

Block = tuple[str, object]  # ("h1" | "h2" | "p" | "list", text or list of texts) or ("table", DataFrame)


def _plan_milestones(a: wa.Assessment, plan: pd.DataFrame | None) -> list[str]:
    if plan is None or plan.empty:
        return ["[milestones per year: no work plan loaded; the Group adds them from the request]"]
    unit = {"km2": "km²"}.get(plan["unit"].iloc[0], plan["unit"].iloc[0])
    return [f"{int(r.year)}: {r.planned:,.2f} {unit}".replace(",", "'") for r in plan.itertuples(index=False)]


def draft_decision(a: wa.Assessment, plan: pd.DataFrame | None) -> list[Block]:
    """The skeleton of the decision the Group edits: deadline granted, milestones, reporting each 30 April."""
    req = a.request or {}
    meeting = req.get("meeting") or "[meeting]"
    granted = format_date(a.requested_deadline) if pd.notna(a.requested_deadline) else "[deadline]"
    what = "destroy all stockpiled cluster munitions (Article 3)" if a.article == 3 else \
        "clear and destroy all cluster munition remnants (Article 4)"
    kind = {"interim": "an interim extension", "new contamination": "an extension for newly found contamination"}.get(
        a.request_type or "", "an extension")
    return [("h2", "Draft decision"),
            ("p", f"The {meeting}, having considered the request of {a.state_name} for {kind} of its deadline to "
                  f"{what}, and the analysis of the request, decides to grant the request for an extension until "
                  f"{granted}."),
            ("p", "The Meeting notes the following milestones per year in the work plan:"),
            ("list", _plan_milestones(a, plan)),
            ("p", f"The Meeting requests {a.state_name} to report, each 30 April in its annual transparency report "
                  "under Article 7, on progress against these milestones"
                  + (" and on the results of the survey, with an evidence-based estimate and a costed plan to "
                     "completion" if a.request_type == "interim" else "") + ".")]


def blocks(a: wa.Assessment, texts: dict[str, str], plan: pd.DataFrame | None, plan_table: pd.DataFrame | None,
           sources: pd.DataFrame, current_to_text: str) -> list[Block]:
    """The document's content: the sections of the analysis, sources, the draft decision and questions."""
    req = a.request or {}
    title = f"{a.state_name}: analysis of the Article {a.article} extension request" + (
        f" {int(req['request_no'])}" if req else " (none on record)")
    out: list[Block] = [
        ("h1", title),
        ("p", f"Draft analysis of the Analysis Group, figures as of {format_date(a.as_of)}; data as of "
              f"{current_to_text}. What the data lack reads \"not in data\" or \"unknown\"."),
        ("h2", "Request"), ("table", screen.pairs_frame(screen.request_pairs(a))),
        ("h2", "Assessment"), ("p", wa.verdict(a)), ("p", screen.limit_text(a)),
        ("h2", "Procedural checks"), ("list", [a.nine_months[1], a.exceptional[1], screen.limit_text(a)]),
        ("h2", "Baseline, remaining and rate"), ("table", screen.pairs_frame(screen.evidence_pairs(a))),
        ("h2", "Land release per year" if a.article == 4 else "Destruction per year"),
        ("table", screen.progress_screen(a)) if not a.progress.empty else ("p", "No figure per year in the data."),
        ("p", f"The demonstrated rate: {a.rate.note}."),
    ]
    if a.request_type == "interim":
        out += [("h2", "What the interim period must deliver"),
                ("table", screen.interim_table(a, plan))]
    if plan_table is not None and not plan_table.empty:
        out += [("h2", "Work plan against reported progress"), ("table", plan_table)]
    out += [("h2", "Track record"),
            ("table", screen.track_record(a)) if a.earlier else ("p", "No earlier request under this article.")]
    for key, heading in TEXTS:
        out += [("h2", f"{heading} (from the request)"),
                ("p", texts.get(key) or "[not yet entered by the Group]")]
    out += [("h2", "Data completeness"), ("list", a.flags or ["No gap found."])]
    out += draft_decision(a, plan)
    out += [("h2", "Questions to the requesting State"), ("list", wa.questions(a, plan, texts) or ["None."])]
    src = sources.copy()
    if "current_to" in src:
        src["current_to"] = [format_date(d, p) for d, p in zip(src["current_to"], src.get("current_to_precision", "day"))]
    src = src.drop(columns=[c for c in ("current_to_precision", "source_url") if c in src])
    row_sources = sorted({s for s in [a.baseline.source, a.reported.source, req.get("source"),
                                      req.get("request_type_source"), *a.progress["source"].dropna()]
                          if isinstance(s, str) and s})
    out += [("h2", "Sources"), ("table", src.astype(str)), ("p", "Sources of the rows used:"), ("list", row_sources)]
    return out


def docx_bytes(content: list[Block]) -> bytes:
    """The blocks as an editable Word document."""
    d = docx.Document()
    for kind, value in content:
        if kind == "h1":
            d.add_heading(str(value), level=1)
        elif kind == "h2":
            d.add_heading(str(value), level=2)
        elif kind == "p":
            d.add_paragraph(str(value))
        elif kind == "list":
            for item in value:
                d.add_paragraph(str(item), style="List Bullet")
        elif kind == "table":
            frame = value
            table = d.add_table(rows=1, cols=len(frame.columns))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, frame.columns):
                cell.text = str(name)
            for row in frame.itertuples(index=False):
                for cell, v in zip(table.add_row().cells, row):
                    cell.text = "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


_STYLE = ("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222;line-height:1.4;"
          "padding:0 1rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #999;"
          "padding:.2rem .5rem;text-align:left;vertical-align:top}th{background:#eee}")


def html_text(content: list[Block]) -> str:
    """The blocks as one self-contained HTML page (every text escaped)."""
    e = html.escape
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             f"<title>{e(str(content[0][1]))}</title><style>{_STYLE}</style></head><body>"]
    for kind, value in content:
        if kind in ("h1", "h2", "p"):
            parts.append(f"<{kind}>{e(str(value))}</{kind}>")
        elif kind == "list":
            parts.append("<ul>" + "".join(f"<li>{e(str(i))}</li>" for i in value) + "</ul>")
        elif kind == "table":
            head = "".join(f"<th>{e(str(c))}</th>" for c in value.columns)
            body = "".join("<tr>" + "".join(f"<td>{e('' if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))}</td>"
                                            for v in row) + "</tr>" for row in value.itertuples(index=False))
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)
