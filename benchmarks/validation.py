"""Benchmark: validation time of an import against file size, for every import kind.

    python -m benchmarks.validation                    # 1,000, 10,000 and 50,000 rows of each kind
    python -m benchmarks.validation --rows 100         # any sizes (the smoke test uses 100)

Each file is a kind's template row repeated: its State cycles over the States of the database, its year
(or request number) over a range, its source is numbered, so that rows differ as real ones do; keys repeat
past a few thousand rows, which validation reports as problems (counted in the table: finding them is part
of the work). What is timed is `process.check` on the CSV bytes: reading, every column and row check, the
comparison with the database; it writes nothing. Linear growth shows as a flat "s per 1k rows" column.
Not collected by pytest (pytest.ini: testpaths = tests); tests/test_benchmark_smoke.py runs it on 100 rows.
"""
from __future__ import annotations

import argparse
import io
import os
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from ccm_analytics.store import db
from ccm_analytics.store.imports import process
from ccm_analytics.store.imports.kinds import KINDS, ImportKind, template_rows

DEFAULT_ROWS = (1_000, 10_000, 50_000)
YEARS = 16  # years cycle over 2010..2025


def known_states(database: Path) -> list[str]:
    """The ISO3 codes of the database's States, in order."""
    con = db.open_snapshot(database)
    try:
        return [r[0] for r in con.execute("SELECT iso3 FROM states ORDER BY iso3").fetchall()]
    finally:
        con.close()


def synthetic_csv(k: ImportKind, rows: int, states: list[str]) -> bytes:
    """`rows` rows of kind `k` as CSV bytes, varied as the module docstring says."""
    example = template_rows(k).iloc[0].to_dict()
    n = len(states)
    frame = pd.DataFrame([example] * rows)
    index = pd.RangeIndex(rows)
    if "iso3" in frame:
        frame["iso3"] = [states[i % n] for i in index]
    for column in frame.columns:
        if column in ("year", "reporting_year"):
            frame[column] = [str(2010 + (i // n) % YEARS) for i in index]
    if "request_no" in frame:
        frame["request_no"] = [str(1 + (i // n) % 9) for i in index]
    frame["source"] = [f"benchmark row {i}" for i in index]
    out = io.StringIO()
    frame.to_csv(out, index=False)
    return out.getvalue().encode("utf-8")


def measure(rows_list: tuple[int, ...], database: Path, kinds: list[str] | None = None) -> list[dict]:
    """One record per kind and size: rows, bytes, seconds, seconds per 1,000 rows, problems found."""
    states = known_states(database)
    records = []
    for name in kinds or list(KINDS):
        for rows in rows_list:
            content = synthetic_csv(KINDS[name], rows, states)
            start = time.perf_counter()
            report = process.check(name, f"{name}.csv", content, today=date.today(), database=database)
            seconds = time.perf_counter() - start
            records.append({"kind": name, "rows": rows, "bytes": len(content), "seconds": seconds,
                            "per_1k": seconds / rows * 1000, "problems": len(report.problems),
                            "rows_read": report.file_rows})
    return records


def markdown_table(records: list[dict]) -> str:
    """Kinds as rows; per size, seconds and seconds per 1,000 rows."""
    sizes = sorted({r["rows"] for r in records})
    head = "| kind | " + " | ".join(f"{s:,} rows: s | s/1k" for s in sizes) + " | problems at the largest |"
    lines = [head, "|---|" + "---|---|" * len(sizes) + "---|"]
    for kind in dict.fromkeys(r["kind"] for r in records):
        mine = {r["rows"]: r for r in records if r["kind"] == kind}
        cells = " | ".join(f"{mine[s]['seconds']:.2f} | {mine[s]['per_1k']:.3f}" for s in sizes)
        lines.append(f"| {kind} | {cells} | {mine[sizes[-1]]['problems']:,} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", default=",".join(map(str, DEFAULT_ROWS)), help="sizes, comma-separated")
    parser.add_argument("--kinds", default="", help="kinds, comma-separated (default: every kind)")
    parser.add_argument("--database", type=Path, default=None, help="database to check against (default $CCM_DB)")
    args = parser.parse_args(argv)
    rows_list = tuple(int(r) for r in args.rows.split(",") if r)
    # the 5 MB upload limit is the door's; here the sizes are what is measured
    os.environ.setdefault("CCM_IMPORT_MAX_BYTES", str(200 * 1024 * 1024))
    records = measure(rows_list, Path(args.database or db.database_path()), [k for k in args.kinds.split(",") if k])
    print(markdown_table(records))
    largest = max(rows_list)
    over_5mb = [r["kind"] for r in records if r["rows"] == largest and r["bytes"] > 5 * 1024 * 1024]
    print(f"\nFile sizes at {largest:,} rows: " + ", ".join(f"{r['kind']} {r['bytes'] / 1024 / 1024:.1f} MB"
                                                    for r in records if r["rows"] == largest) + ".")
    if over_5mb:
        print(f"Over the 5 MB upload limit (measured anyway): {', '.join(over_5mb)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
