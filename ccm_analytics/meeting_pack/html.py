"""The meeting pack as one self-contained HTML file: plotly.js and the world map inlined, every outside host
struck out, so nothing is fetched when it is opened from disk; sections and tables never split across a
printed page."""
from __future__ import annotations

import html

import pandas as pd
from plotly.offline import get_plotlyjs

from ccm_analytics.formats.section import Section, Table, numeric_columns, period_text
from ccm_analytics.formats.text import format_date
from ccm_analytics.meeting_pack.compose import Pack
from ccm_analytics.paths import STATIC_DIR
from ccm_analytics.workbench.brief import strip_outside_hosts

_NUM, _TOTAL, _EMPTY = ' class="num"', ' class="total"', ' class="empty"'
_STYLE = """
body{font-family:"Source Sans Pro",Arial,Helvetica,sans-serif;max-width:1000px;margin:2em auto;color:#222}
h1{font-size:1.6em} h2{border-bottom:2px solid #1f5f8b;padding-bottom:.2em;margin-top:1.6em;page-break-after:avoid}
h3{page-break-after:avoid}
table.data{border-collapse:collapse;margin:.5em 0 1em;page-break-inside:avoid}
table.data td,table.data th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
table.data td.num,table.data th.num{text-align:right} table.data tr.total td{font-weight:bold}
.src{color:#555;font-size:.9em} .empty{font-style:italic}
section,figure,.chart{page-break-inside:avoid}
"""


def table_html(table: Table) -> str:
    """A table with word headers, numbers right-aligned, a total row in bold."""
    frame = table.frame
    numeric = set(numeric_columns(frame))
    head = "".join(f'<th{_NUM if c in numeric else ""}>{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for i, row in enumerate(frame.itertuples(index=False)):
        cells = "".join(f'<td{_NUM if c in numeric else ""}>{html.escape(_text(v))}</td>'
                        for c, v in zip(frame.columns, row))
        total = table.total and i == len(frame) - 1
        rows.append(f'<tr{_TOTAL if total else ""}>{cells}</tr>')
    return (f"<h3>{html.escape(table.caption)}</h3><table class=\"data\"><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _text(value: object) -> str:
    return "unknown" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def section_html(number: int | None, section: Section) -> str:
    """One section: heading, sentences, chart, tables, sources."""
    heading = f"{number}. {section.heading}" if number else section.heading
    parts = [f"<section><h2>{html.escape(heading)}</h2>"]
    parts += [f'<p{_EMPTY if section.empty else ""}>{html.escape(s)}</p>' for s in section.sentences]
    if section.chart is not None:
        parts.append('<div class="chart">' + section.chart.to_html(
            full_html=False, include_plotlyjs=False, config={"displaylogo": False, "responsive": True}) + "</div>")
    parts += [table_html(t) for t in section.tables]
    if section.sources:
        parts.append(f'<p class="src">Sources: {html.escape("; ".join(section.sources))}.</p>')
    return "".join(parts) + "</section>"


def title(pack: Pack) -> str:
    return f"Convention on Cluster Munitions: implementation status, {format_date(pack.as_of)}"


def render_html(pack: Pack) -> str:
    """One self-contained HTML file: no request leaves the file when it is opened."""
    world = (STATIC_DIR / "world_110m.json").read_text(encoding="utf-8")
    body = "".join(section_html(i, s) for i, s in enumerate(pack.sections, start=1))
    body += section_html(None, pack.lap)
    # plotly.js names outside hosts (its CDN, map tiles) in code paths the pack never takes; struck out so
    # that the file names no host beyond itself (as the extension brief does).
    return strip_outside_hosts(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title(pack))}</title>
<style>{_STYLE}</style>
<script>window.PlotlyGeoAssets={{topojson:{{world_110m:{world}}}}};</script>
<script>{get_plotlyjs()}</script>
</head><body>
<h1>{html.escape(title(pack))}</h1>
<p>{html.escape(intro(pack))}</p>
{body}
</body></html>
""")


def intro(pack: Pack) -> str:
    """The line under the title: reference date, period, Meeting."""
    return (f"Prepared by the ISU for the Coordination Committee. Figures as of {format_date(pack.as_of)}; "
            f"the period is {period_text(pack.period.start, pack.period.end)}; requests are set against the "
            f"Meeting of States Parties of {format_date(pack.meeting, 'month')}.")
