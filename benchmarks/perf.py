"""Performance benchmark of the dashboard: build, queries, pages, memory, and (optionally) load.

    python -m benchmarks.perf                      # real volume: build from data/, queries, pages, memory
    python -m benchmarks.perf --scales 1,10,100    # also synthetic 10x and 100x files (benchmarks/out/)
    python -m benchmarks.perf --scales 1 --load 10 --load-seconds 30   # plus 1 and 10 concurrent sessions

Every figure is also given as a ratio to a floor measured in the same run: for page times, a bare
Streamlit page showing one plotly chart of a small frame (benchmarks/floor_page.py); for query
times, a bare DuckDB `SELECT count(*)` over the table the query reads.

Each scale is measured in a fresh child process (`measure` subcommand), so that its peak memory
(ru_maxrss) is its own. Page times run under streamlit.testing AppTest, in that process:
- cold: Streamlit's caches cleared (st.cache_data, st.cache_resource, so a new DuckDB connection
  too), Python modules already imported: what the first visitor sees after the cache expired;
- warm: the median of reruns of the same page with the caches filled.
Not collected by pytest (pytest.ini: testpaths = tests); tests/test_benchmark_smoke.py runs its
cheapest parts on a one-entity synthetic file.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from ccm_analytics.navigation import PAGES
from ccm_analytics.store import build, db, schema

APP = PROJECT_DIR / "app.py"
FLOOR_PAGE = Path(__file__).resolve().parent / "floor_page.py"
OUT_DIR = Path(__file__).resolve().parent / "out"

# The table each public view mostly reads: its count(*) is the floor of the view's query time.
QUERY_FLOOR_TABLE = {"isu_budget": "budget_lines", "contributions": "contribution_records"}
DEFAULT_FLOOR_TABLE = "treaty_events"  # state_facts, and so every dated view, is built from it

# Targets from the issue (ratios to the floors measured in the same run).
TARGETS = {1: {"warm_ratio": 3.0, "cold_s": 2.0}, 100: {"warm_ratio": 10.0, "memory_mib": 1024}}


@dataclass
class Timing:
    name: str
    seconds: float
    floor_seconds: float
    rows: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor_seconds if self.floor_seconds else float("nan")


def median_time(fn, repeat: int) -> tuple[float, object]:
    """Median wall time of `repeat` calls of fn() after one untimed call; and the last result."""
    result = fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


# --- queries -------------------------------------------------------------------------------------

def query_cases(con: duckdb.DuckDBPyConnection, as_of: date) -> list[tuple[str, str, list, str]]:
    """(name, SQL, parameters, floor table): each public view, the dated macros the pages call,
    and, in a synthetic file, the task-level clearance table summed by year."""
    cases = [(v.name, f"SELECT * FROM {v.name}", [], QUERY_FLOOR_TABLE.get(v.name, DEFAULT_FLOOR_TABLE))
             for v in schema.VIEWS if v.public]
    cases += [("state_status_at(as_of)", "SELECT * FROM state_status_at(?::DATE)", [as_of], DEFAULT_FLOOR_TABLE),
              ("obligation_deadlines_at(as_of)", "SELECT * FROM obligation_deadlines_at(?::DATE)", [as_of],
               DEFAULT_FLOOR_TABLE)]
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "clearance_tasks" in tables:
        cases.append(("clearance_tasks by year (synthetic)",
                      "SELECT year, count(*) AS tasks, sum(area_cleared_km2) AS km2, "
                      "sum(submunitions_destroyed) AS submunitions FROM clearance_tasks GROUP BY year ORDER BY year",
                      [], "clearance_tasks"))
    return cases


def measure_queries(db_path: Path, as_of: date, repeat: int = 7) -> list[Timing]:
    """Median time of each query case, fetched whole as a DataFrame, against its count(*) floor."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        floors: dict[str, float] = {}
        out = []
        for name, sql, params, floor_table in query_cases(con, as_of):
            if floor_table not in floors:
                floors[floor_table], _ = median_time(
                    lambda t=floor_table: con.execute(f"SELECT count(*) FROM {t}").fetchall(), repeat)
            seconds, frame = median_time(lambda s=sql, p=params: db.fetch_df(con, s, p), repeat)
            out.append(Timing(name, seconds, floors[floor_table], rows=len(frame), extra={"floor": floor_table}))
        return out
    finally:
        con.close()


def table_rows(db_path: Path) -> dict[str, int]:
    """Rows per base table."""
    from benchmarks.synthetic import row_counts
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return row_counts(con)
    finally:
        con.close()


# --- pages ---------------------------------------------------------------------------------------

def _clear_streamlit_caches() -> None:
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()


def _check(at, what: str) -> None:
    if at.exception:
        raise RuntimeError(f"{what} raised: {[e.value for e in at.exception]}")


def measure_floor_page(repeat: int = 5) -> tuple[float, float]:
    """(cold, warm) seconds of the bare page: one plotly chart of a 19-row frame."""
    from streamlit.testing.v1 import AppTest
    AppTest.from_file(str(FLOOR_PAGE), default_timeout=120).run()  # imports, untimed
    _clear_streamlit_caches()
    at = AppTest.from_file(str(FLOOR_PAGE), default_timeout=120)
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    _check(at, "floor page")
    warm, _ = median_time(at.run, repeat)
    return cold, warm


def measure_page(spec, repeat: int = 5, timeout: float = 300) -> tuple[float, float]:
    """(cold, warm) seconds of one page of the app under AppTest (see module docstring)."""
    from streamlit.testing.v1 import AppTest
    _clear_streamlit_caches()
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    default = spec.url_path == ""
    if not default:
        at.run()  # switch_page needs one run first; that run is the default page's
        _check(at, "default page")
        _clear_streamlit_caches()
        at.switch_page(spec.script)
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    _check(at, spec.title)
    warm, _ = median_time(at.run, repeat)
    _check(at, spec.title)
    return cold, warm


def measure_pages(repeat: int = 5) -> tuple[tuple[float, float], list[dict]]:
    """The floor page and every page in ccm_analytics.navigation.PAGES (whatever exists now)."""
    from streamlit.testing.v1 import AppTest
    floor = measure_floor_page(repeat)
    AppTest.from_file(str(APP), default_timeout=300).run()  # import the app's modules, untimed
    rows = []
    for spec in PAGES:
        cold, warm = measure_page(spec, repeat)
        rows.append({"page": spec.title, "script": spec.script, "cold_s": cold, "warm_s": warm,
                     "cold_ratio": cold / floor[0], "warm_ratio": warm / floor[1]})
    return floor, rows


def peak_memory_mib() -> float:
    """Peak resident memory of this process so far (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(db_path: Path, as_of: date, repeat: int = 5) -> dict:
    """Everything measured in one process on one database file (CCM_DB is set to it here)."""
    os.environ["CCM_DB"] = str(db_path)
    queries_ = measure_queries(db_path, as_of, repeat=max(repeat, 5))
    floor, pages = measure_pages(repeat)
    return {
        "db": str(db_path), "as_of": as_of.isoformat(), "rows": table_rows(db_path),
        "queries": [{"name": q.name, "seconds": q.seconds, "floor_s": q.floor_seconds, "ratio": q.ratio,
                     "rows": q.rows, "floor_table": q.extra["floor"]} for q in queries_],
        "floor_page": {"cold_s": floor[0], "warm_s": floor[1]},
        "pages": pages,
        "peak_memory_mib": peak_memory_mib(),
    }


# --- driving the scales ----------------------------------------------------------------------------

def build_for_scale(scale: int, out_dir: Path = OUT_DIR) -> tuple[Path, float, str]:
    """(file, seconds, what): the real database from data/ for scale 1, else a synthetic file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if scale == 1:
        started = time.perf_counter()
        path = build.build_database(out_dir / "real.duckdb")
        return path, time.perf_counter() - started, "build from data/ (store.build.build_database)"
    from benchmarks.synthetic import timed_build
    path = out_dir / f"synthetic-{scale}x.duckdb"
    seconds, _ = timed_build(path, scale)
    return path, seconds, "generate synthetic file (DuckDB SQL, benchmarks/synthetic.py)"


def run_child(db_path: Path, as_of: date, repeat: int) -> dict:
    """Run `measure` in a fresh Python process and return its JSON."""
    out = db_path.with_suffix(".json")
    cmd = [sys.executable, "-m", "benchmarks.perf", "measure", "--db", str(db_path), "--as-of", as_of.isoformat(),
           "--repeat", str(repeat), "--json", str(out)]
    subprocess.run(cmd, cwd=PROJECT_DIR, check=True, env={**os.environ, "CCM_DB": str(db_path)})
    return json.loads(out.read_text())


def format_report(results: dict[int, dict], load: dict | None = None) -> str:
    """The tables, in Markdown."""
    scales = sorted(results)
    lines = ["# CCM analytics benchmark", "",
             f"Machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; duckdb {duckdb.__version__}; "
             f"reference date {results[scales[0]]['as_of']}.", "",
             "Other work on the machine slows every figure alike; the ratios to floors measured in the same "
             "process, minutes apart, are the comparable figures. 1-minute load average before/after each "
             "scale's measurements: " + "; ".join(
                 f"{s}x {results[s]['loadavg'][0]:.1f}/{results[s]['loadavg'][1]:.1f}" for s in scales
                 if "loadavg" in results[s]) + ".", "",
             "## Build", "", "| scale | what | seconds | rows (largest table) |", "|---|---|---:|---|"]
    for s in scales:
        r = results[s]
        largest = max(r["rows"].items(), key=lambda kv: kv[1])
        lines.append(f"| {s}x | {r['build_what']} | {r['build_s']:.2f} | {largest[0]}: {largest[1]:,} |")
    lines += ["", "## Queries (median, fetched whole as a DataFrame)", "",
              "| query | " + " | ".join(f"{s}x ms (ratio to floor)" for s in scales) + " |",
              "|---|" + "---:|" * len(scales)]
    names = []
    for s in scales:
        names += [q["name"] for q in results[s]["queries"] if q["name"] not in names]
    for name in names:
        cells = []
        for s in scales:
            q = next((q for q in results[s]["queries"] if q["name"] == name), None)
            cells.append("" if q is None else f"{q['seconds'] * 1000:.1f} ({q['ratio']:.0f}x), {q['rows']:,} rows")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    floor_cells = []
    for s in scales:
        floors = {q["floor_table"]: q["floor_s"] for q in results[s]["queries"]}
        floor_cells.append(", ".join(f"{t} {v * 1000:.2f}" for t, v in floors.items()))
    lines.append("| floor: `SELECT count(*)` (ms) | " + " | ".join(floor_cells) + " |")
    lines += ["", "## Pages under AppTest (seconds; ratio to the bare page)", "",
              "| page | " + " | ".join(f"{s}x cold | {s}x warm" for s in scales) + " |",
              "|---|" + "---:|---:|" * len(scales)]
    lines.append("| *floor: bare page, one plotly chart* | " + " | ".join(
        f"{results[s]['floor_page']['cold_s']:.3f} | {results[s]['floor_page']['warm_s']:.3f}" for s in scales) + " |")
    for page in [p["page"] for p in results[scales[0]]["pages"]]:
        cells = []
        for s in scales:
            p = next(p for p in results[s]["pages"] if p["page"] == page)
            cells.append(f"{p['cold_s']:.3f} ({p['cold_ratio']:.1f}x) | {p['warm_s']:.3f} ({p['warm_ratio']:.1f}x)")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines += ["", "## Peak memory of the measuring process", "", "| scale | MiB |", "|---|---:|"]
    lines += [f"| {s}x | {results[s]['peak_memory_mib']:.0f} |" for s in scales]
    lines += ["", "## Targets", ""] + check_targets(results)
    if load:
        from benchmarks.load import format_load
        lines += ["", *format_load(load)]
    return "\n".join(lines)


def check_targets(results: dict[int, dict]) -> list[str]:
    """One line per target of the issue: met or not, with the figure."""
    out = []
    if 1 in results:
        for p in results[1]["pages"]:
            ok = p["warm_ratio"] <= TARGETS[1]["warm_ratio"] and p["cold_s"] < TARGETS[1]["cold_s"]
            out.append(f"- 1x {p['page']}: warm {p['warm_ratio']:.1f}x floor (target <= 3), cold "
                       f"{p['cold_s']:.2f} s (target < 2): {'met' if ok else 'NOT MET'}")
    if 100 in results:
        r = results[100]
        for p in r["pages"]:
            ok = p["warm_ratio"] <= TARGETS[100]["warm_ratio"]
            out.append(f"- 100x {p['page']}: warm {p['warm_ratio']:.1f}x floor (target <= 10): "
                       f"{'met' if ok else 'NOT MET'}")
        ok = r["peak_memory_mib"] < TARGETS[100]["memory_mib"]
        out.append(f"- 100x peak memory {r['peak_memory_mib']:.0f} MiB (target < 1024): {'met' if ok else 'NOT MET'}")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.perf", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command")
    m = sub.add_parser("measure", help="(internal) measure one database file in this process")
    m.add_argument("--db", type=Path, required=True)
    m.add_argument("--as-of", type=date.fromisoformat, default=date.today())
    m.add_argument("--repeat", type=int, default=5)
    m.add_argument("--json", type=Path, required=True)
    p.add_argument("--scales", default="1", help="comma-separated: 1 (real data), 10, 100 (synthetic)")
    p.add_argument("--as-of", type=date.fromisoformat, default=date.today(), help="reference date (default today)")
    p.add_argument("--repeat", type=int, default=9, help="warm reruns per page (median)")
    p.add_argument("--load", type=int, default=0, help="also run N concurrent sessions against a local app")
    p.add_argument("--load-seconds", type=float, default=30.0, help="duration of each load phase (bounded)")
    p.add_argument("--load-scale", type=int, default=1, help="which scale's database the load phase serves")
    p.add_argument("--url", help="use this running app (http://127.0.0.1:PORT) instead of starting one")
    p.add_argument("--out", type=Path, default=OUT_DIR, help="where database files and reports go")
    args = p.parse_args(argv)

    if args.command == "measure":
        result = measure(args.db, args.as_of, args.repeat)
        args.json.write_text(json.dumps(result, indent=1))
        return 0

    results: dict[int, dict] = {}
    paths: dict[int, Path] = {}
    for scale in [int(s) for s in args.scales.split(",")]:
        path, build_s, what = build_for_scale(scale, args.out)
        print(f"[{scale}x] {what}: {build_s:.2f} s -> {path}", file=sys.stderr)
        load_before = os.getloadavg()[0]
        result = run_child(path, args.as_of, args.repeat)
        result.update(build_s=build_s, build_what=what, loadavg=(load_before, os.getloadavg()[0]))
        results[scale], paths[scale] = result, path
    load = None
    if args.load:
        from benchmarks.load import run_load
        db_path = paths.get(args.load_scale) or build_for_scale(args.load_scale, args.out)[0]
        load = run_load(db_path, args.load, args.load_seconds, url=args.url)
    report = format_report(results, load)
    (args.out / "report.md").write_text(report + "\n")
    (args.out / "results.json").write_text(json.dumps({"scales": results, "load": load}, indent=1, default=str))
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
