"""The Coordination Committee meeting pack: every section's figures, chart and sentence for one date.

`build_pack` gathers the sections (all computed for `as_of`, so a past meeting's pack can be
rebuilt); `render_html` writes one self-contained HTML file (plotly.js and the world map inlined,
nothing fetched when opened from disk); `render_pdf` prints that file with headless Chromium.
"""
from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import plotly.graph_objects as go

from ccm_analytics.article7 import figures as article7_page
from ccm_analytics.article7.status import annual_reports, initial_reports
from ccm_analytics.article7.transparency import (
    Article7Figures,
    article7_figures,
    completeness_text,
)
from ccm_analytics.article9 import figures as article9_figures
from ccm_analytics.article9 import measures as article9_measures
from ccm_analytics.deadlines.obligations import PENDING_STATUSES, upcoming_deadlines
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats import geo
from ccm_analytics.formats.money import format_chf
from ccm_analytics.formats.text import format_count, format_date, format_dates
from ccm_analytics.overview import figures as overview_figures
from ccm_analytics.paths import STATIC_DIR
from ccm_analytics.spending import analysis
from ccm_analytics.spending import figures as spending_figures
from ccm_analytics.spending.budget import budget_for_year
from ccm_analytics.store import queries
from ccm_analytics.universalization import charts as universalization_charts
from ccm_analytics.universalization import figures as universalization_figures
from ccm_analytics.universalization import parties_chart
from ccm_analytics.universalization.analysis import (
    headline_counts,
    parties_by_year,
    status_for_map,
)
from ccm_analytics.workbench.brief import strip_outside_hosts

# Root needs --no-sandbox; the rest stop Chromium's own background traffic, which a closed network
# refuses (and which would spoil the browser tests' request logs, which use the same flags).
# What the pack reads: the union of its sections' pages (their lineage).
READS = tuple(dict.fromkeys(universalization_figures.READS + overview_figures.READS + article7_page.READS
                            + article9_figures.READS + spending_figures.READS))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Section:
    title: str
    sentences: list[str]
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)  # (caption, display frame)
    figures: list[go.Figure] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # data files


@dataclass
class Pack:
    as_of: pd.Timestamp
    since: pd.Timestamp
    sections: list[Section]
    current_to: dict[str, str]  # data file -> "September 2025"
    source_rows: pd.DataFrame


def _names(frame: pd.DataFrame, date_column: str) -> str:
    return "; ".join(f"{r.state_name} ({format_date(getattr(r, date_column))})" for r in frame.itertuples())


def _plural(n: int, one: str, many: str) -> str:
    return f"{format_count(n)} {one if n == 1 else many}"


def universalization_section(facts: pd.DataFrame, status: pd.DataFrame, before: pd.DataFrame,
                             as_of: pd.Timestamp, since: pd.Timestamp) -> Section:
    """Counts on `as_of`, and who joined or left after `since`."""
    now, then = headline_counts(status), headline_counts(before)
    joined = status[(status["consent_date"] > since) & (status["consent_date"] <= as_of)].sort_values("consent_date")
    left = status[(status["withdrawal_date"] > since) & (status["withdrawal_date"] <= as_of)]
    sentences = [
        f"On {format_date(as_of)} the Convention has {_plural(now['states_parties'], 'State Party', 'States Parties')}"
        f" ({format_count(now['in_force'])} for which it is in force) and {_plural(now['signatories'], 'Signatory', 'Signatories')};"
        f" {format_count(now['not_party'])} States are not party.",
        f"{_plural(len(joined), 'State', 'States')} joined since {format_date(since)}"
        + (f": {_names(joined, 'consent_date')}." if len(joined) else "."),
    ]
    if len(left):
        sentences.append(f"{_plural(len(left), 'withdrawal', 'withdrawals')} took effect since {format_date(since)}: "
                         f"{_names(left, 'withdrawal_date')}.")
    change = pd.DataFrame({
        "": ["States Parties", "Convention in force for", "Signatories", "States not party"],
        format_date(since): [then["states_parties"], then["in_force"], then["signatories"], then["not_party"]],
        format_date(as_of): [now["states_parties"], now["in_force"], now["signatories"], now["not_party"]]})
    on_map = geo.map_iso3()
    mapped = status_for_map(status)
    shapes, _ = geo.split_by_map(mapped, on_map)
    status_map = universalization_charts.status_map(shapes, geo.off_map_points(mapped, on_map), as_of)
    return Section("Universalization", sentences, [("Status counts", change)],
                   [status_map, parties_chart.parties_over_time(parties_by_year(facts, as_of), as_of)], ["treaty_events.csv"])


def deadlines_section(obligations: pd.DataFrame, initial: pd.DataFrame, in_force: int,
                      as_of: pd.Timestamp) -> Section:
    """Deadlines in the next 12 and 24 months, and extension requests whose decision is not recorded."""
    within_24 = upcoming_deadlines(obligations, initial, in_force, as_of, months=24)
    within_12 = upcoming_deadlines(obligations, initial, in_force, as_of, months=12)
    pending = obligations[obligations["status"].isin(PENDING_STATUSES)]
    art = within_24[within_24["deadline"].str.startswith("Article 3") | within_24["deadline"].str.startswith("Article 4")]
    sentences = [
        f"{_plural(len(within_12), 'deadline falls', 'deadlines fall')} due in the 12 months after "
        f"{format_date(as_of)}, {format_count(len(within_24))} in 24 months"
        f" ({format_count(len(art))} under Articles 3 and 4).",
        f"{_plural(len(pending), 'extension request awaits', 'extension requests await')} a recorded decision"
        + (f": {'; '.join(f'{r.state_name} (Article {r.article})' for r in pending.itertuples())}." if len(pending) else "."),
    ]
    counts = obligations.groupby(["article", "status"]).size().rename("States Parties").reset_index()
    tables = [("Deadlines due in the next 24 months", format_dates(within_24, ["due_date"]).drop(columns="iso3")),
              ("Article 3 and 4 obligations by status", counts)]
    figure = go.Figure(go.Bar(x=counts["status"] + " (Art. " + counts["article"].astype(str) + ")",
                              y=counts["States Parties"], marker_color="#1f5f8b"))
    figure.update_layout(title="Article 3 and 4 obligations by status", height=340, margin=dict(t=50, b=80))
    return Section("Deadlines and extension requests", sentences, tables, [figure],
                   ["article3_stockpiles.csv", "article4_clearance.csv", "extension_requests.csv"])


def transparency_section(figures: Article7Figures, as_of: pd.Timestamp, current_to: pd.Timestamp) -> Section:
    """Initial and annual transparency reports by status; reports overdue by record named."""
    initial = figures.initial_counts.rename(columns={"reports": "States Parties"})
    initial = initial[initial["States Parties"] > 0]
    overdue = figures.initial[figures.initial["status"] == "overdue"]
    sentences = [
        f"Initial reports of the {_plural(len(figures.initial), 'State Party', 'States Parties')} on "
        f"{format_date(as_of)}: " + ", ".join(f"{format_count(n)} {s}" for s, n in initial.itertuples(index=False)) + ".",
        f"{_plural(len(overdue), 'initial report is', 'initial reports are')} overdue by record"
        + (f": {'; '.join(overdue['state_name'])}." if len(overdue) else "."),
        f"Annual reports: the data hold {completeness_text(figures.with_record, figures.state_years_due)}; "
        f"{_plural(len(figures.reminders), 'report is', 'reports are')} overdue by record in all.",
    ]
    if figures.after_data:
        sentences.append(f"The records are current to {format_date(current_to)}: whether a report came in after that "
                         "date is not known, so no report is called overdue after it.")
    figure = go.Figure(go.Bar(x=initial["status"], y=initial["States Parties"], marker_color="#1f5f8b"))
    figure.update_layout(title="Initial transparency reports (Article 7) by status", height=320, margin=dict(t=50))
    tables = [("Initial reports by status", initial)]
    if len(figures.reminders):
        tables.append(("Reports overdue by record", format_dates(
            figures.reminders[["state_name", "report", "due_date"]], ["due_date"])))
    return Section("Transparency reports (Article 7)", sentences, tables, [figure], ["article7_reports.csv"])


def measures_section(measures: pd.DataFrame, as_of: pd.Timestamp) -> Section:
    """National implementation measures (Article 9) of the States Parties, by status."""
    counts = article9_measures.counts_by_status(measures)
    table = pd.DataFrame({"status": counts["status"], "States Parties": counts["states"]})
    unknown = int(counts.loc[counts["status"] == "unknown", "states"].sum())
    sentences = [article9_measures.shares_text(counts).replace("the reference date", format_date(as_of)),
                 f"For {_plural(unknown, 'State Party', 'States Parties')} the data record no status: shown as unknown."]
    figure = go.Figure(go.Bar(x=table["status"], y=table["States Parties"], marker_color="#1f5f8b"))
    figure.update_layout(title="National implementation measures (Article 9)", height=320, margin=dict(t=50))
    return Section("National implementation measures (Article 9)", sentences, [("States Parties by status", table)],
                   [figure], ["article9_measures.csv"])


def budget_section(lines: pd.DataFrame, contributions: pd.DataFrame, in_kind: list[str],
                   as_of: pd.Timestamp) -> Section:
    """The ISU budget for the year of `as_of` (or the latest budget year on record) and the
    contributions received for it, where the ISU has imported them."""
    year, total = budget_for_year(lines, as_of.year)
    if year is None:
        return Section("ISU budget and contributions", ["No ISU budget is on record for this year."], sources=["isu_budget.csv"])
    chosen = lines[(lines["year"] == year) & (lines["kind"] == "budget")]
    table = pd.DataFrame({"Budget line": chosen["budget_line"],
                          "CHF": [format_chf(c / 100, currency=False) for c in chosen["amount_centimes"]]})
    sentences = [f"The ISU budget for {year} is {format_chf(total / 100)}"
                 + ("." if year == as_of.year else f" (no budget is on record for {as_of.year}; {year} is the latest year).")]
    received = analysis.counted_contributions(contributions, as_of)
    coverage = analysis.funding_coverage(lines, received)
    this_year = coverage[coverage["year"] == as_of.year]
    if this_year.empty or pd.isna(this_year["contributions_centimes"].iloc[0]):
        sentences.append(f"No contribution for {as_of.year} is on record (contributions are not public; "
                         "the ISU imports its own records).")
    else:
        row = this_year.iloc[0]
        givers = received.loc[received["year"] == as_of.year, "iso3"].nunique()
        share = "" if pd.isna(row["coverage_pct"]) else f", {row['coverage_pct']:.1f}% of the year's budget"
        sentences.append(f"Contributions received for {as_of.year}: {format_chf(row['contributions_centimes'] / 100)}"
                         f" from {_plural(givers, 'State', 'States')}{share}.")
    sentences += [f"GICHD in-kind support (not cash): {note}" for note in in_kind]
    figure = go.Figure(go.Bar(x=chosen["budget_line"], y=chosen["amount_centimes"] / 100, marker_color="#1f5f8b"))
    figure.update_layout(title=f"ISU budget {year} by line (CHF)", height=320, margin=dict(t=50))
    return Section("ISU budget and contributions", sentences, [(f"Budget {year}", table)], [figure], ["isu_budget.csv"])


def build_pack(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, since: pd.Timestamp,
               progress: Callable[[str], None] = lambda _: None) -> Pack:
    """Every section for `as_of`, with changes since `since`."""
    as_of, since = pd.Timestamp(as_of), pd.Timestamp(since)
    progress("reading the database")
    sources = queries.data_sources(con)
    status = queries.state_status_at(con, as_of)
    facts = state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))
    obligations = queries.obligation_deadlines_at(con, as_of)
    reports_to = queries.current_to(con, "article7_reports")
    article7 = article7_figures(initial_reports(con, as_of), annual_reports(con, as_of), status,
                                queries.table(con, "article7_reports"), as_of, reports_to)
    progress("universalization")
    sections = [universalization_section(facts, status, queries.state_status_at(con, since), as_of, since)]
    progress("deadlines")
    sections.append(deadlines_section(obligations, article7.initial, headline_counts(status)["in_force"], as_of))
    progress("transparency reports")
    sections.append(transparency_section(article7, as_of, reports_to))
    progress("national measures")
    measures = article9_measures.measures_status(status, queries.table(con, "article9_measures"), as_of,
                                                 queries.current_to(con, "article9_measures"))
    sections.append(measures_section(measures, as_of))
    progress("budget and contributions")
    sections.append(budget_section(queries.budget_lines(con), queries.contributions(con),
                                   analysis.in_kind_notes(queries.table(con, "isu_budget_notes")), as_of))
    used = sorted({f for s in sections for f in s.sources})
    rows = sources[sources["file"].isin(used)]
    current_to = {r.file: format_date(r.current_to, r.current_to_precision) for r in rows.itertuples()}
    return Pack(as_of, since, sections, current_to, rows)


def _table_html(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, classes="data", na_rep="unknown")


def render_html(pack: Pack) -> str:
    """One self-contained HTML file: no request leaves the file when it is opened."""
    from plotly.offline import get_plotlyjs
    world = (STATIC_DIR / "world_110m.json").read_text(encoding="utf-8")
    parts = []
    for number, section in enumerate(pack.sections, start=1):
        parts.append(f"<section><h2>{number}. {html.escape(section.title)}</h2>")
        parts += [f"<p>{html.escape(s)}</p>" for s in section.sentences]
        for figure in section.figures:
            parts.append(figure.to_html(full_html=False, include_plotlyjs=False,
                                        config={"displaylogo": False, "responsive": True}))
        for caption, frame in section.tables:
            parts.append(f"<h3>{html.escape(caption)}</h3>{_table_html(frame)}")
        files = ", ".join(f"{f} (current to {pack.current_to.get(f, 'unknown')})" for f in section.sources)
        parts.append(f'<p class="src">Data: {html.escape(files)}.</p></section>')
    sources = pack.source_rows[["file", "title", "source", "publication"]].fillna("")
    title = f"Convention on Cluster Munitions: implementation status, {format_date(pack.as_of)}"
    # plotly.js names outside hosts (its CDN, map tile servers) in code paths the pack never takes;
    # they are struck out so that the file names no host beyond itself (as the extension brief does).
    return strip_outside_hosts(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body{{font-family:"Source Sans Pro",Arial,Helvetica,sans-serif;max-width:1000px;margin:2em auto;color:#222}}
h1{{font-size:1.6em}} h2{{border-bottom:2px solid #1f5f8b;padding-bottom:.2em;margin-top:1.6em}}
table.data{{border-collapse:collapse;margin:.5em 0 1em}} table.data td,table.data th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}
.src{{color:#555;font-size:.9em}} section{{page-break-inside:auto}} @media print{{h2{{page-break-before:auto}}}}
</style>
<script>window.PlotlyGeoAssets={{topojson:{{world_110m:{world}}}}};</script>
<script>{get_plotlyjs()}</script>
</head><body>
<h1>{html.escape(title)}</h1>
<p>Prepared by the ISU for the Coordination Committee. Figures as of <b>{format_date(pack.as_of)}</b>;
changes since {format_date(pack.since)}. Data current to: {html.escape('; '.join(sorted(set(pack.current_to.values()))))}.</p>
{''.join(parts)}
<section><h2>Sources</h2>{_table_html(sources)}</section>
</body></html>
""")


def render_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None) -> Path:
    """Print the HTML file to PDF with Debian's headless Chromium (through Playwright)."""
    from playwright.sync_api import sync_playwright
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


def write_pack(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, since: pd.Timestamp, out: Path,
               pdf: bool = True, progress: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Write the HTML pack to `out` (and a PDF beside it); return the files written."""
    out = Path(out)
    pack = build_pack(con, as_of, since, progress)
    progress("writing HTML")
    out.write_text(render_html(pack), encoding="utf-8")
    written = [out]
    if pdf:
        progress("printing PDF")
        written.append(render_pdf(out, out.with_suffix(".pdf")))
    return written


def default_since(as_of: pd.Timestamp) -> pd.Timestamp:
    """The comparison date when none is given: one year before `as_of`."""
    return pd.Timestamp(as_of) - pd.DateOffset(years=1)


def pack_summary_json(pack: Pack) -> str:
    """Every section's sentences, for a quick look or a test."""
    return json.dumps({s.title: s.sentences for s in pack.sections}, indent=2, ensure_ascii=False)


def pack_files(con: duckdb.DuckDBPyConnection, as_of: pd.Timestamp, since: pd.Timestamp, pdf: bool = True,
               progress: Callable[[str], None] = lambda _: None) -> dict[str, bytes]:
    """The pack's files as {file name: content}, named for the reference date (for a download button)."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"ccm-implementation-status_{pd.Timestamp(as_of).date().isoformat()}.html"
        return {path.name: path.read_bytes() for path in write_pack(con, as_of, since, out, pdf, progress)}


def chromium_path() -> str | None:
    """The path of Debian's Chromium, or None if it is not installed."""
    import os
    import shutil
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def chromium_available() -> bool:
    """Whether a PDF can be printed here (Debian's chromium is installed)."""
    return chromium_path() is not None
