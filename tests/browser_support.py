"""Headless-browser harness: run the Streamlit app and load its pages in Debian's Chromium."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ccm_analytics.meeting_pack.pack import CHROMIUM_ARGS, chromium_path

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}

# Runs in the page before any of its scripts: counts DOM mutations so Python can tell
# when rendering has gone quiet (plotly and lazy components draw after the script run ends).
_INIT_JS = """
window.__mutations = 0;
new MutationObserver(() => { window.__mutations++; })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

# One snapshot of what the page is doing; the run is over when the script state is
# notRunning, nothing is loading and nothing changes for a while.
_STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const visible = s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0);
  return {
    script: app && app.getAttribute('data-test-script-state'),
    connection: app && app.getAttribute('data-test-connection-state'),
    busy: visible('[data-testid="stStatusWidget"]') || visible('[data-testid="stSpinner"]')
          || visible('[data-testid="stSkeleton"]') || visible('[data-testid="stAppSkeleton"]'),
    mutations: window.__mutations,
  };
}"""

# Error boxes: st.error and exceptions both render stAlertContentError (an exception's
# stException sits inside one); keep only outermost matches so each error counts once.
_ERRORS_JS = """() => {
  const els = [...document.querySelectorAll(
    '[data-testid="stAlertContentError"], [data-testid="stException"]')];
  return els.filter(e => !els.some(o => o !== e && o.contains(e))).map(e => e.innerText.trim());
}"""

# Country shapes plotly drew: one path.choroplethlocation per located value, with an empty
# or missing "d" when the map's topojson never loaded.
_SHAPES_JS = """() => [...document.querySelectorAll('path.choroplethlocation')]
  .filter(p => (p.getAttribute('d') || '').length > 2).length"""


@dataclass
class PageResult:
    """What one page load showed: requests, errors, text, shapes drawn, timing."""

    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    text: str = ""
    map_shapes: int = 0
    seconds: float = 0.0
    screenshot: str | None = None


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def start_streamlit(app_path, port: int | None = None, env: dict | None = None,
                    timeout: float = 60):
    """Serve the app as users do (scripts/serve.py) on 127.0.0.1:port (env added to os.environ);
    yield the base URL."""
    app_path = Path(app_path).resolve()
    port = port or free_port()
    cmd = [sys.executable, str(app_path.parent / "scripts" / "serve.py"), "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1"]
    log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
    # Own process group, so that stopping it also stops anything Streamlit started.
    proc = subprocess.Popen(cmd, cwd=app_path.parent, env={**os.environ, **(env or {})},
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{_tail(log.name)}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200 and r.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit not healthy after {timeout}s:\n{_tail(log.name)}")
            time.sleep(0.25)
        yield base
    finally:
        _stop_group(proc)
        log.close()
        os.unlink(log.name)


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop a process group: SIGTERM, then SIGKILL if it lingers."""
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(path: str, n: int = 3000) -> str:
    """Return the end of a log file."""
    return Path(path).read_text(errors="replace")[-n:]


def find_chromium() -> str | None:
    """Return the path of Debian's Chromium, or None if it is not installed."""
    return chromium_path()


def require_chromium() -> str:
    """Return Chromium's path; skip the test if it is missing, but fail under CI=true."""
    path = find_chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path, what = None, "the playwright Python package"
    else:
        what = "Chromium (apt-get install chromium)"
    if path is None:
        msg = f"browser test needs {what}, which is not installed"
        # CI must never pass by skipping the browser checks.
        if os.environ.get("CI") == "true":
            pytest.fail(f"{msg} (CI=true: a missing browser is a failure)", pytrace=False)
        pytest.skip(msg)
    return path


@contextlib.contextmanager
def launch_browser(executable: str | None = None):
    """Yield a headless Playwright Browser on Debian's Chromium, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable or find_chromium(),
                                    args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def load_page(url: str, timeout: float = 60, browser=None, screenshot: str | None = None,
              settle: float = 1.0) -> PageResult:
    """Open url, wait until Streamlit has run and drawn, and report (own browser if none given)."""
    if browser is None:
        with launch_browser() as own:
            return load_page(url, timeout, own, screenshot, settle)
    start = time.monotonic()
    result = PageResult(url=url)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(_INIT_JS)
        inflight: set = set()
        page.on("request", lambda r: (result.requests.append(r.url), inflight.add(r)))
        page.on("requestfinished", lambda r: inflight.discard(r))
        page.on("requestfailed", lambda r: inflight.discard(r))
        page.on("websocket", lambda ws: result.requests.append(ws.url))
        page.goto(url, timeout=timeout * 1000)
        _wait_until_idle(page, inflight, start + timeout, settle)
        result.errors = page.evaluate(_ERRORS_JS)
        main = page.query_selector('[data-testid="stMain"]') or page.query_selector("body")
        result.text = main.inner_text().strip()
        result.map_shapes = page.evaluate(_SHAPES_JS)
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)
            result.screenshot = screenshot
    finally:
        context.close()
    result.seconds = round(time.monotonic() - start, 2)
    return result


def _wait_until_idle(page, inflight: set, deadline: float, settle: float) -> None:
    """Poll until the script has run, nothing loads and the DOM is unchanged for `settle` s."""
    quiet_since, last_mutations, state = None, None, {}
    while time.monotonic() < deadline:
        state = page.evaluate(_STATE_JS)
        # "initial" before the first run, "running" during it; "notRunning" after
        # (also after an exception). Lazy components and plotly draw only after that.
        idle = (state["script"] == "notRunning" and state["connection"] == "CONNECTED"
                and not state["busy"] and not inflight
                and state["mutations"] == last_mutations)
        last_mutations = state["mutations"]
        if not idle:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settle:
            return
        page.wait_for_timeout(100)  # also lets Playwright deliver request events
    raise TimeoutError(f"page never settled: {page.url} state={state} "
                       f"inflight={[r.url for r in inflight]}")


def assert_no_outside_requests(urls) -> None:
    """Fail if any URL goes beyond this machine (only localhost, data:, blob:, about:blank pass)."""
    outside = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or url == "about:blank":
            continue
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS:
            continue
        outside.append(url)
    assert not outside, f"requests beyond localhost: {sorted(set(outside))}"


def assert_no_errors(result: PageResult) -> None:
    """Fail if the page shows an error box or exception."""
    assert not result.errors, f"{result.url} shows errors: {result.errors}"


def assert_map_drawn(result: PageResult, minimum: int = 100) -> None:
    """Fail unless plotly drew more than `minimum` country shapes on the page."""
    assert result.map_shapes > minimum, (
        f"{result.url}: plotly drew {result.map_shapes} country shapes (want > {minimum}); "
        "is topojsonURL '/app/static/' set and static/world_110m.json served?")
