"""Load: N concurrent sessions against the app on 127.0.0.1, for a bounded time.

Each session is a client speaking Streamlit's own websocket protocol (`/_stcore/stream`,
protobuf BackMsg / ForwardMsg from the installed streamlit package), as the browser does: it asks
for a page run (`rerun_script` with the page's URL path) and waits for `script_finished`. A page
time is the time from the request to `script_finished`: the server's share of a page view (running
the script and streaming every element), without the browser's drawing. Each session walks through
every page of ccm_analytics.navigation.PAGES in turn, as a user clicking through them, until the
phase's time is up (every loop is bounded by that deadline and a per-page timeout).

Errors counted: a page that raises (an exception element), shows st.error, is not found, fails to
compile, times out, or a dropped connection. Only 127.0.0.1 is contacted.
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
PAGE_TIMEOUT_S = 120.0
MIN_ELEMENTS = 3  # a page that draws fewer (title, "data as of", sources) did not really run


@dataclass
class LoadResult:
    sessions: int
    seconds: float
    times: list[float] = field(default_factory=list)  # seconds per page run
    by_page: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        return {"sessions": self.sessions, "seconds": self.seconds, "page_runs": len(self.times),
                "median_s": statistics.median(self.times) if self.times else None,
                "p95_s": percentile(self.times, 95), "max_s": max(self.times) if self.times else None,
                "errors": len(self.errors), "error_samples": self.errors[:5],
                "by_page_median_s": {p: statistics.median(t) for p, t in self.by_page.items() if t}}


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile by the nearest-rank method (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))  # ceil(n * q / 100)
    return ordered[int(rank) - 1]


def _require_local(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load runs against this machine only (127.0.0.1), not {host}")


def _errors_in(msg) -> list[str]:
    """Error texts a ForwardMsg carries (exception elements, st.error alerts, page not found)."""
    from streamlit.proto.Alert_pb2 import Alert
    kind = msg.WhichOneof("type")
    if kind == "page_not_found":
        return [f"page not found: {msg.page_not_found.page_name}"]
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        which = element.WhichOneof("type")
        if which == "exception":
            return [f"exception: {element.exception.type}: {element.exception.message[:200]}"]
        if which == "alert" and element.alert.format == Alert.ERROR:
            return [f"st.error: {element.alert.body[:200]}"]
    return []


async def run_page(ws, url_path: str, query_string: str = "") -> tuple[float, list[str]]:
    """Ask for one page run on an open websocket; (seconds until script_finished, errors)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    request = BackMsg()
    request.rerun_script.query_string = query_string
    request.rerun_script.page_name = url_path
    request.rerun_script.page_script_hash = ""
    errors: list[str] = []
    elements = 0
    started = time.perf_counter()
    await ws.send(request.SerializeToString())
    deadline = time.monotonic() + PAGE_TIMEOUT_S
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return time.perf_counter() - started, errors + [f"timeout after {PAGE_TIMEOUT_S:.0f} s on /{url_path}"]
        raw = await asyncio.wait_for(ws.recv(), remaining)
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        errors += _errors_in(msg)
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            elements += 1
        if msg.WhichOneof("type") == "script_finished":
            status = msg.script_finished
            if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                errors.append(f"compile error on /{url_path}")
            elif elements < MIN_ELEMENTS:
                errors.append(f"/{url_path} drew {elements} elements (fewer than {MIN_ELEMENTS})")
            return time.perf_counter() - started, errors


async def _session(ws_url: str, paths: list[str], deadline: float, result: LoadResult, offset: int,
                   query_string: str) -> None:
    from websockets.asyncio.client import connect
    try:
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30,
                           ping_interval=None) as ws:
            i = offset
            while time.monotonic() < deadline:
                path = paths[i % len(paths)]
                i += 1
                seconds, errors = await run_page(ws, path, query_string)
                result.times.append(seconds)
                result.by_page.setdefault(path or "(default)", []).append(seconds)
                result.errors += errors
    except Exception as exc:  # a dropped connection or protocol error is an error of the run
        result.errors.append(f"session failed: {type(exc).__name__}: {exc}")


async def _phase(base_url: str, sessions: int, seconds: float, paths: list[str], query_string: str) -> LoadResult:
    ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    result = LoadResult(sessions=sessions, seconds=seconds)
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(_session(ws_url, paths, deadline, result, k, query_string) for k in range(sessions)))
    return result


def load_phase(base_url: str, sessions: int, seconds: float, paths: list[str] | None = None,
               query_string: str = "") -> LoadResult:
    """Run `sessions` concurrent sessions for `seconds` against the app at base_url (127.0.0.1 only)."""
    from ccm_analytics.navigation import page_url_paths
    _require_local(base_url)
    return asyncio.run(_phase(base_url, sessions, seconds, paths if paths is not None else page_url_paths(),
                              query_string))


def run_load(db_path: Path, sessions: int, seconds: float, url: str | None = None) -> dict:
    """Warm every page once, then 1 session and `sessions` concurrent sessions, `seconds` each."""
    import contextlib
    sys.path.insert(0, str(PROJECT_DIR / "tests"))
    from browser_support import (
        start_streamlit,  # the test suite's helper: 127.0.0.1, own process group
    )

    server = contextlib.nullcontext(url) if url else start_streamlit(PROJECT_DIR / "app.py",
                                                                     env={"CCM_DB": str(db_path)})
    with server as base:
        _require_local(base)
        warm = asyncio.run(_first_visits(base))
        single = load_phase(base, 1, seconds)
        many = load_phase(base, sessions, seconds)
    return {"url": base, "db": "the running app's own database" if url else str(db_path), "first_visit_s": warm,
            "single": single.summary(), "concurrent": many.summary()}


async def _first_visits(base_url: str) -> dict[str, float]:
    """One run of each page on a fresh server (cold caches): seconds per page."""
    from websockets.asyncio.client import connect

    from ccm_analytics.navigation import page_url_paths
    ws_url = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    out = {}
    async with connect(ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=30, ping_interval=None) as ws:
        for path in page_url_paths():
            seconds, errors = await run_page(ws, path)
            if errors:
                raise RuntimeError(f"/{path}: {errors}")
            out[path or "(default)"] = seconds
    return out


def format_load(load: dict) -> list[str]:
    """The load tables, in Markdown."""
    s, c = load["single"], load["concurrent"]

    def ms(v):
        return "" if v is None else f"{v * 1000:.0f}"
    lines = ["## Load: concurrent sessions (websocket clients, request to script_finished, ms)", "",
             f"App at {load['url']} on {load['db']}; each phase {s['seconds']:.0f} s; every session cycles "
             "through all pages.", "",
             "| sessions | page runs | median | 95th percentile | max | errors |", "|---:|---:|---:|---:|---:|---:|",
             f"| 1 | {s['page_runs']} | {ms(s['median_s'])} | {ms(s['p95_s'])} | {ms(s['max_s'])} | {s['errors']} |",
             f"| {c['sessions']} | {c['page_runs']} | {ms(c['median_s'])} | {ms(c['p95_s'])} | {ms(c['max_s'])} | "
             f"{c['errors']} |", "",
             "First visit of each page on the fresh server (cold caches), ms: "
             + ", ".join(f"{p} {ms(v)}" for p, v in load["first_visit_s"].items())]
    if c["error_samples"] or s["error_samples"]:
        lines += ["", "Errors (samples): " + "; ".join(s["error_samples"] + c["error_samples"])]
    return lines
