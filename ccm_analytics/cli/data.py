"""Command line of data management: import, template, undo, history (registered by cli.py)."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ccm_analytics.cli.terminal import terminal_text
from ccm_analytics.store.imports.kinds import KINDS, kind, template_markdown
from ccm_analytics.store.imports.process import (
    current_user,
    history,
    import_file,
    imports_dir,
    report_lines,
    undo,
    write_template,
)


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as error:
        print(terminal_text(f"error: cannot read {path}: {error.strerror}"), file=sys.stderr)
        return 2
    try:
        outcome = import_file(args.kind, path.name, content, who=_who(), today=date.today(),
                              replace=args.replace, dry_run=args.dry_run, database=args.db)
    except RuntimeError as refused:  # busy (Busy), or the database cannot be rebuilt: nothing written
        print(terminal_text(f"error: {refused}"), file=sys.stderr)
        return 2
    lines = report_lines(outcome)
    print(terminal_text("\n".join(lines)), file=sys.stdout if outcome.ok else sys.stderr)
    return 0 if outcome.ok else 1


def _template(args: argparse.Namespace) -> int:
    out = Path(args.out or f"{args.kind}_template.csv")
    write_template(args.kind, out)
    print(out)
    if args.describe:
        print(template_markdown(kind(args.kind)))
    return 0


def _undo(args: argparse.Namespace) -> int:
    try:
        print(terminal_text(undo(who=_who(), database=args.db)))
    except RuntimeError as refused:
        print(terminal_text(f"error: {refused}"), file=sys.stderr)
        return 2
    return 0


def _history(args: argparse.Namespace) -> int:
    frame = history(imports_dir(args.db))
    if frame.empty:
        print("No imports yet.")
        return 0
    sys.stdout.write(terminal_text(frame.to_csv(index=False, lineterminator="\n")))  # file names from uploads
    return 0


def _who() -> str:
    return current_user()


def add_commands(sub) -> None:
    """Add import, template, undo and history to the main parser's subcommands."""
    kinds = sorted(KINDS)
    i = sub.add_parser("import", help="validate a CSV or .xlsx file and add its rows (all or nothing)")
    i.add_argument("kind", choices=kinds, metavar="KIND", help=", ".join(kinds))
    i.add_argument("file")
    i.add_argument("--dry-run", action="store_true", help="validate and report only; write nothing")
    i.add_argument("--replace", action="store_true", help="rows whose key is already in the database replace them")
    i.add_argument("--db", type=Path)
    i.set_defaults(run=_import)
    t = sub.add_parser("template", help="write a template file (CSV, or .xlsx if --out ends so) for a kind")
    t.add_argument("kind", choices=kinds, metavar="KIND", help=", ".join(kinds))
    t.add_argument("--out")
    t.add_argument("--describe", action="store_true", help="also print what each column holds")
    t.set_defaults(run=_template)
    u = sub.add_parser("undo", help="withdraw the last import and rebuild the database")
    u.add_argument("--db", type=Path)
    u.set_defaults(run=_undo)
    h = sub.add_parser("history", help="list imports and undos (CSV)")
    h.add_argument("--db", type=Path)
    h.set_defaults(run=_history)
