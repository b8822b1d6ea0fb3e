"""`python -m ccm_analytics analysis ISO3 ARTICLE ... --out FILE.docx|FILE.html`: the workbench's draft
analysis and draft decision of one extension request, from the command line."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.vocabularies import REQUEST_TYPES
from ccm_analytics.store import provenance, queries
from ccm_analytics.store.build import connect_read_only
from ccm_analytics.workbench import choices, document
from ccm_analytics.workbench import figures as workbench

TYPES = {t.replace(" ", "-"): t for t in REQUEST_TYPES}  # new-contamination on the command line


def add_command(sub) -> None:
    """Register the `analysis` command."""
    a = sub.add_parser("analysis", help="write the draft analysis and draft decision of one extension request "
                                        "(.docx or .html)")
    a.add_argument("iso3", help="requesting State, ISO 3166-1 alpha-3 (e.g. DEU)")
    a.add_argument("article", type=int, choices=(3, 4))
    a.add_argument("--request", type=int, help="request number (default: the State's latest on the reference date)")
    a.add_argument("--requested", type=date.fromisoformat,
                   help="requested deadline, YYYY-MM-DD (used only where the data lack it)")
    a.add_argument("--type", choices=sorted(TYPES), help="request type (used only where the data lack it)")
    a.add_argument("--plan", type=Path, help="work plan CSV (the workbench's template)")
    a.add_argument("--measure", help="area or submunitions (Article 4), munitions or submunitions (Article 3)")
    a.add_argument("--as-of", type=date.fromisoformat, default=date.today(), help="reference date (default today)")
    a.add_argument("--out", type=Path, required=True, help="file to write: .docx or .html")
    a.add_argument("--db", type=Path)
    a.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    suffix = args.out.suffix.lower()
    if suffix not in (".docx", ".html"):
        print("error: --out must end in .docx or .html", file=sys.stderr)
        return 2
    as_of = pd.Timestamp(args.as_of)
    iso3 = args.iso3.upper()
    measure = args.measure or ("area" if args.article == 4 else "munitions")
    con = connect_read_only(args.db)
    try:
        picks = workbench.choices(con, as_of)
        key = choices.choice_key(iso3, args.article)
        if key not in picks.labels:
            print(f"error: {iso3} has no Article {args.article} obligation on {args.as_of.isoformat()}", file=sys.stderr)
            return 2
        numbers = [int(r["request_no"]) for r in picks.requests.get(key, [])]
        number = args.request if args.request is not None else (numbers[0] if numbers else None)
        if number is not None and number not in numbers:
            print(f"error: {iso3} has no Article {args.article} request {number} on {args.as_of.isoformat()} "
                  f"(known: {', '.join(map(str, numbers)) or 'none'})", file=sys.stderr)
            return 2
        plan_data = args.plan.read_bytes() if args.plan else None
        reads = provenance.files_read(workbench.READS)
        all_sources = queries.table(con, "data_sources")
        sources = all_sources[all_sources["file"].isin(reads)].reset_index(drop=True)
        current_to = provenance.current_to_text(all_sources, reads)
        blocks = workbench.analysis_document(con, as_of, iso3, args.article, number, measure, args.requested,
                                             TYPES.get(args.type), (), plan_data, sources, current_to)
    finally:
        con.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".docx":
        args.out.write_bytes(document.docx_bytes(blocks))
    else:
        args.out.write_text(document.html_text(blocks), encoding="utf-8")
    print(args.out)
    return 0
