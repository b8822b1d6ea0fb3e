"""The meeting pack's HTML file printed to PDF with Debian's headless Chromium (through Playwright)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

# Root needs --no-sandbox; the rest stop Chromium's own background traffic, which a closed network
# refuses (and which would spoil the browser tests' request logs, which use the same flags).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    """The path of Debian's Chromium, or None if it is not installed."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def chromium_available() -> bool:
    """Whether a PDF can be printed here (Debian's chromium is installed)."""
    return chromium_path() is not None


def render_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None) -> Path:
    """Print the HTML file to PDF; only file:, data: and about: requests are let through."""
    from playwright.sync_api import sync_playwright  # optional heavy dependency
    executable = chromium or chromium_path() or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "about:"))
                       else route.abort())
            page.goto(Path(html_path).resolve().as_uri(), wait_until="load")
            page.wait_for_function("() => document.querySelectorAll('.plot-container').length === "
                                   "document.querySelectorAll('.plotly-graph-div').length", timeout=30_000)
            page.pdf(path=str(pdf_path), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        finally:
            browser.close()
    return Path(pdf_path)
