"""The workbench's "Download brief": one self-contained HTML file for one extension request.

It opens from disk with no network: plotly.js is inlined once, and every address of an outside
host that plotly's bundle and output carry (CDN, map tiles, fonts, licence links) is removed, so
that the file names no host but the XML namespaces browsers need to draw SVG (which are names,
never fetched).
"""
from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from ccm_analytics.formats.text import format_date
from ccm_analytics.workbench.screen import progress_screen

# XML namespace names: identifiers SVG drawing needs, never requested from the network.
XML_NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/xmlns/",
                  "http://www.w3.org/1999/xhtml", "http://www.w3.org/XML/1998/namespace")
_NAMESPACE_ALT = "|".join(re.escape(n.removeprefix("http://")) for n in XML_NAMESPACES)
# scheme://host (or //host at the start of a quoted string), except the namespaces above.
OUTSIDE_HOST = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?!(?:" + _NAMESPACE_ALT + r"))[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"(?::\d+)?")
_PLOTLY_CONFIG = {"displaylogo": False,
                  "plotlyServerURL": "", "topojsonURL": "", "responsive": True}


def strip_outside_hosts(text: str) -> str:
    """`text` with every scheme://host (and protocol-relative //host) removed, the path kept, so that
    nothing can be fetched from another machine; XML namespace names are kept."""
    return OUTSIDE_HOST.sub("", text)


def outside_hosts(text: str) -> list[str]:
    """The outside addresses (scheme://host) `text` still names."""
    return sorted(set(OUTSIDE_HOST.findall(text)))


def _figure_div(fig: go.Figure) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False, config=_PLOTLY_CONFIG)


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape('' if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v))}</td>"
                                    for v in row) + "</tr>" for row in frame.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _facts(pairs: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in pairs) + "</dl>"


_STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:70rem;color:#222;
line-height:1.4;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;
text-align:left;vertical-align:top}th{background:#f2f2f2}dl{display:grid;grid-template-columns:max-content auto;
gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}.caption{color:#555;font-size:.9rem}ul.flags li{margin:.2rem 0}
"""


def brief_html(a, figures: list[go.Figure], key_figures: list[tuple[str, str]], scenario: list[tuple[str, str]],
               plan_table: pd.DataFrame | None, sources: pd.DataFrame, current_to_text: str) -> str:
    """The brief for one request (a `workbench.Assessment`): key figures, charts, progress, flags, scenario,
    work plan comparison and sources, with the reference date and the date the data are current to."""
    req = a.request or {}
    title = (f"{a.state_name}: Article {a.article} extension request"
             + (f" {req.get('request_no')}" if req else " (none on record)"))
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style>",
        # plotly.js once, inline: the file works offline.
        f"<script type='text/javascript'>{get_plotlyjs()}</script></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class='caption'>Figures as of <strong>{html.escape(format_date(a.as_of))}</strong> · data current to "
        f"{html.escape(current_to_text)}. Prepared with the CCM implementation analytics workbench for the "
        "Analysis Group. What the sources do not say reads \"unknown\".</p>",
        "<h2>Key figures</h2>", _facts(key_figures),
        "<h2>Data completeness</h2>",
        "<ul class='flags'>" + "".join(f"<li>{html.escape(f)}</li>" for f in a.flags) + "</ul>"
        if a.flags else "<p>No gap found.</p>",
        "<h2>Progress per year (as reported)</h2>",
        _table(progress_screen(a)) if not a.progress.empty
        else "<p>No progress figure per year in the data.</p>",
    ]
    parts += [_figure_div(f) for f in figures if f is not None]
    parts += ["<h2>Scenario</h2>", _facts(scenario) if scenario else "<p>No scenario entered.</p>"]
    if plan_table is not None and not plan_table.empty:
        parts += ["<h2>Work plan against reported progress</h2>", _table(plan_table)]
    src = sources.copy()
    if "current_to" in src:
        src["current_to"] = [format_date(d, p) for d, p in zip(src["current_to"], src.get("current_to_precision", "day"))]
    src = src.drop(columns=[c for c in ("current_to_precision",) if c in src])
    row_sources = sorted({s for s in [a.baseline.source, req.get("source"), *a.progress["source"].dropna()] if s})
    parts += ["<h2>Sources</h2>", "<p>Data files:</p>", _table(src),
              "<p>Sources of the rows used:</p>",
              "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in row_sources) + "</ul>",
              "</body></html>"]
    return strip_outside_hosts("\n".join(parts))
