"""Accessibility audit of one loaded page: axe-core (vendored), truncated labels, sideways overflow."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from browser_support import _INIT_JS, _wait_until_idle

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}

# Labels that must show in full: headings, buttons (download buttons included), tabs, metric labels
# and values, expander titles. An element truncates when its text is wider than its box (scrollWidth
# > clientWidth) and it hides the rest; one pixel of slack for sub-pixel rounding.
_TRUNCATED_JS = """() => {
  const sel = 'h1, h2, h3, h4, h5, h6, button, [role="tab"], [data-testid="stMetricLabel"],'
            + ' [data-testid="stMetricValue"], [data-testid="stExpander"] summary';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!el.getClientRects().length || el.closest('[data-testid="stSidebar"][aria-expanded="false"]')) continue;
    for (const e of [el, ...el.querySelectorAll('*')]) {
      const style = getComputedStyle(e);
      const hides = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (hides && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && e.innerText.trim()) {
        out.push(el.tagName.toLowerCase() + ': ' + el.innerText.trim().slice(0, 80));
        break;
      }
    }
  }
  return [...new Set(out)];
}"""

# Sideways scrolling of the page itself (a table or chart scrolling inside its own box is fine).
_OVERFLOW_JS = """() => {
  const d = document.documentElement, main = document.querySelector('[data-testid="stMain"]');
  return Math.max(d.scrollWidth - d.clientWidth, main ? main.scrollWidth - main.clientWidth : 0);
}"""

_AXE_RUN_JS = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                 targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@dataclass
class Audit:
    """What one page showed at one viewport."""

    url: str
    viewport: str
    violations: list[dict] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    overflow: int = 0
    seconds: float = 0.0

    @property
    def serious(self) -> list[dict]:
        """The serious and critical axe violations."""
        return [v for v in self.violations if v["impact"] in ("serious", "critical")]


def audit_page(browser, url: str, viewport: str, screenshot: str | None = None, timeout: float = 90) -> Audit:
    """Open url at the named viewport, wait until drawn, run axe and the label and overflow checks."""
    start = time.monotonic()
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.add_init_script(_INIT_JS)
        inflight: set = set()
        page.on("request", lambda r: inflight.add(r))
        page.on("requestfinished", lambda r: inflight.discard(r))
        page.on("requestfailed", lambda r: inflight.discard(r))
        page.goto(url, timeout=timeout * 1000)
        _wait_until_idle(page, inflight, start + timeout, 1.0)
        page.add_script_tag(path=str(AXE_JS))
        result = Audit(url, viewport, violations=page.evaluate(_AXE_RUN_JS),
                       truncated=page.evaluate(_TRUNCATED_JS), overflow=page.evaluate(_OVERFLOW_JS))
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)
    finally:
        context.close()
    result.seconds = round(time.monotonic() - start, 2)
    return result
