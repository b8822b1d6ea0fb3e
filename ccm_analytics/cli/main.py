"""Command line: python -m ccm_analytics COMMAND ... (see --help)."""
from __future__ import annotations

import argparse
import io
import math
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd

from ccm_analytics.cli.analysis import add_command as add_analysis
from ccm_analytics.cli.data import add_commands
from ccm_analytics.cli.terminal import terminal_text
from ccm_analytics.domain.period import report_period
from ccm_analytics.meeting_pack.pack import write_pack
from ccm_analytics.paths import DATA_DIR, DOCS_DIR
from ccm_analytics.sources.normalise import DEFAULT_SHARED, normalise
from ccm_analytics.sql_console.sandbox import QueryError, run_query, write_csv
from ccm_analytics.store.build import connect_read_only
from ccm_analytics.store.demo import DemoRefused, build_demo_database
from ccm_analytics.store.imports.process import rebuild
from ccm_analytics.store.schema import data_dictionary_markdown


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if args.demo:

        try:
            path = build_demo_database(args.db, args.through or date.today())
        except DemoRefused as refused:
            print(terminal_text(f"error: {refused}"), file=sys.stderr)
            return 2
        print(f"built demonstration database {path} in {time.perf_counter() - started:.2f} s "
              f"(run the app on it with CCM_DB={path})")
        return 0
    path = rebuild(args.db, args.data or DATA_DIR)
    print(terminal_text(f"built {path} in {time.perf_counter() - started:.2f} s"))
    return 0


def positive_seconds(text: str) -> float:
    """--timeout: a finite number of seconds above 0 (argparse reports anything else in one line)."""
    try:
        value = float(text) if len(text) <= 20 else math.nan
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= 600):
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0 and at most 600, not {text[:20]!r}")
    return value


def positive_rows(text: str) -> int:
    """--max-rows: a whole number above 0."""
    if not (text.isdigit() and len(text) <= 9 and int(text) > 0):
        raise argparse.ArgumentTypeError(f"must be a whole number above 0 (at most 999999999), not {text[:20]!r}")
    return int(text)


def _sql(args: argparse.Namespace) -> int:
    try:
        result = run_query(args.query, db=args.db, timeout_s=args.timeout, max_rows=args.max_rows)
    except QueryError as refused:
        print(terminal_text(refused), file=sys.stderr)  # one line: "refused: ..." or "error: ..."
        return 2
    out = io.StringIO()
    write_csv(result, out)
    sys.stdout.write(terminal_text(out.getvalue()))
    for note in result.notes:
        print(f"note: {terminal_text(note)}", file=sys.stderr)
    if result.truncated:
        print(f"note: only the first {args.max_rows} rows were printed", file=sys.stderr)
    return 0


def _normalise(args: argparse.Namespace) -> int:
    for path in normalise(Path(args.shared or DEFAULT_SHARED)):
        print(terminal_text(path))
    return 0


def _docs(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(data_dictionary_markdown() + "\n", encoding="utf-8")
    print(out)
    return 0


def _pack(args: argparse.Namespace) -> int:

    as_of = pd.Timestamp(args.as_of)
    period = report_period(as_of, args.period, pd.Timestamp(args.since) if args.since else None)
    con = connect_read_only(args.db)
    try:
        written = write_pack(con, as_of, period, Path(args.out), pdf=not args.no_pdf, docx=not args.no_docx,
                             meeting=pd.Timestamp(args.meeting) if args.meeting else None,
                             progress=lambda step: print(f"... {step}", file=sys.stderr))
    finally:
        con.close()
    for path in written:
        print(terminal_text(path))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ccm_analytics", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the database from data/ (path: --db, $CCM_DB or data/ccm.duckdb)")
    b.add_argument("--db", type=Path)
    b.add_argument("--data", type=Path,
                   help="build from this folder of data files instead of data/ (e.g. tests/fixture_data)")
    b.add_argument("--demo", action="store_true",
                   help="build the demonstration database (generated records; default path data/ccm-demo.duckdb)")
    b.add_argument("--through", type=lambda t: __import__("datetime").date.fromisoformat(t),
                   help="with --demo: generate records up to this day (YYYY-MM-DD; default today)")
    b.set_defaults(run=_build)
    s = sub.add_parser("sql", help="run one read-only SELECT and print CSV")
    s.add_argument("query")
    s.add_argument("--db", type=Path)
    s.add_argument("--timeout", type=positive_seconds, default=10.0, help="stop the query after this many seconds (default 10)")
    s.add_argument("--max-rows", type=positive_rows, default=100_000, help="print at most this many rows (default 100000)")
    s.set_defaults(run=_sql)
    n = sub.add_parser("normalise", help="rewrite data/ from ../shared research notes")
    n.add_argument("shared", nargs="?")
    n.set_defaults(run=_normalise)
    k = sub.add_parser("pack", help="write the Coordination Committee meeting pack (HTML, PDF and Word)")
    k.add_argument("--as-of", required=True, help="reference date, YYYY-MM-DD")
    k.add_argument("--period", choices=["since", "progress report"], default="since",
                   help="'since' a date (--since, default one year before) or the Progress Report period "
                        "(1 July to 30 June, the latest ended by the reference date)")
    k.add_argument("--since", help="with --period since: the period's first day (default: one year before)")
    k.add_argument("--meeting", help="day of the next Meeting of States Parties (default: the next September)")
    k.add_argument("--out", required=True, help="file to write: .html (the PDF and .docx go beside it) or .docx alone")
    k.add_argument("--no-pdf", action="store_true", help="no PDF beside the HTML")
    k.add_argument("--no-docx", action="store_true", help="no Word file beside the HTML")
    k.add_argument("--db", type=Path)
    k.set_defaults(run=_pack)
    d = sub.add_parser("docs", help="write the data dictionary")
    d.add_argument("--out", default=str(DOCS_DIR / "data-dictionary.md"))
    d.set_defaults(run=_docs)
    add_commands(sub)  # import, template, undo, history
    add_analysis(sub)  # analysis: the workbench's draft analysis of one request
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
