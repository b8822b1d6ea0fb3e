"""Command line: python -m ccm_analytics COMMAND ... (see --help)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from .imports import rebuild  # data/ plus every accepted import, the old file kept as a backup
    started = time.perf_counter()
    path = rebuild(args.db)
    print(f"built {path} in {time.perf_counter() - started:.2f} s")
    return 0


def _sql(args: argparse.Namespace) -> int:
    from .sql_console import QueryRefused, run_query, write_csv
    try:
        result = run_query(args.query, db=args.db)
    except QueryRefused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    write_csv(result, sys.stdout)
    return 0


def _normalise(args: argparse.Namespace) -> int:
    from .normalise import DEFAULT_SHARED, normalise
    for path in normalise(Path(args.shared or DEFAULT_SHARED)):
        print(path)
    return 0


def _docs(args: argparse.Namespace) -> int:
    from .schema import data_dictionary_markdown
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(data_dictionary_markdown() + "\n", encoding="utf-8")
    print(out)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ccm_analytics", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the database from data/ (path: --db, $CCM_DB or data/ccm.duckdb)")
    b.add_argument("--db", type=Path)
    b.set_defaults(run=_build)
    s = sub.add_parser("sql", help="run one read-only SELECT and print CSV")
    s.add_argument("query")
    s.add_argument("--db", type=Path)
    s.set_defaults(run=_sql)
    n = sub.add_parser("normalise", help="rewrite data/ from ../shared research notes")
    n.add_argument("shared", nargs="?")
    n.set_defaults(run=_normalise)
    d = sub.add_parser("docs", help="write the data dictionary")
    d.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs" / "data-dictionary.md"))
    d.set_defaults(run=_docs)
    from .import_cli import add_commands
    add_commands(sub)  # import, template, undo, history
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
