"""Golden outputs of the app and the CLI on the hand-made fixture (tests/fixture_data); first recorded on the
shipped data before the restructure of ccm_analytics/, re-recorded on the fixture since.

Run `python tests/golden/record.py` from the project directory to (re)write tests/golden/outputs.json;
tests/test_golden.py recomputes every case with the functions below and compares.

Nothing here imports ccm_analytics: pages run through AppTest on app.py (st.navigation), the CLI through
`python -m ccm_analytics` in a subprocess, and the page list is hard-coded (it must not follow
ccm_analytics/navigation.py around; test_golden.py checks it against what app.py registers).

What is normalised away or not recorded, because it is not a function of the data and the reference date:
- Streamlit widget ids, element ids, media-file URLs of download buttons: never read (labels, keys, values only).
- plotly figures: only the data traces' type/name/x/y/z/locations/text (layout, templates, uids dropped);
  base64 typed arrays ("bdata") are decoded to lists so that a change of integer width is not a difference.
- NaN in chart data (e.g. empty heat-map cells) is recorded as the string "NaN" (JSON has no NaN).
- meeting pack HTML: the contents of every <script> element (inlined plotly.js and the figures) are
  removed, and the random plotly div ids (uuid4) are replaced by "plotly-div-N" in order of appearance.
  The PDF is not written (--no-pdf: it needs Chromium and is slow).
- The build's `built_at` time is never shown by what is recorded here (checked: no page or CLI output below
  carries it); any "built_at" text would be replaced by a placeholder anyway (_scrub).
- Views that read `current_date` (state_status, obligation_deadlines, article7_status, parties_by_year's
  current year) are only recorded through their dated macros or with `year < 2026`. Pages that show "today"
  information: the country profile's "Status today" row (state_status, current_date) is replaced by the
  placeholder "<today>" (_scrub_profile); the SQL console's placeholder query is not run.
  Checked by recording under TZ=Pacific/Kiritimati (a different calendar day) and diffing.
"""
from __future__ import annotations

import base64
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
OUTPUTS = Path(__file__).resolve().parent / "outputs.json"
APP = str(PROJECT_DIR / "app.py")  # AppTest resolves relative paths against the calling file

# The 14 page scripts and their URL paths ("" = default page), as registered by app.py.
PAGES: tuple[tuple[str, str], ...] = (
    ("pages/overview.py", ""),
    ("pages/universalization.py", "universalization"),
    ("pages/country_profile.py", "profile"),
    ("pages/meeting_pack.py", "meeting-pack"),
    ("pages/lausanne.py", "lausanne"),
    ("pages/spending.py", "spending"),
    ("pages/explore.py", "explore"),
    ("pages/sql_console.py", "sql"),
    ("pages/article7.py", "article7"),
    ("pages/article9.py", "article9"),
    ("pages/article5.py", "article5"),
    ("pages/deadlines.py", "deadlines"),
    ("pages/workbench.py", "extension-workbench"),
    ("pages/data.py", "data"),
)
DATES = ("2015-06-18", "2022-09-30", "2025-09-30", "2026-12-01")

# Extra variants: name -> (script, query params, selectbox picks {key: value})
VARIANTS: dict[str, tuple[str, dict[str, str], dict[str, str]]] = {
    "profile-LAO": ("pages/country_profile.py", {"iso3": "LAO"}, {}),
    "profile-DEU": ("pages/country_profile.py", {"iso3": "DEU"}, {}),
    "workbench-LAO-4": ("pages/workbench.py", {}, {"wb_obligation": "LAO-4"}),
    "workbench-DEU-4": ("pages/workbench.py", {}, {"wb_obligation": "DEU-4"}),
    "workbench-TCD-4": ("pages/workbench.py", {}, {"wb_obligation": "TCD-4"}),
    "explore-isu_budget": ("pages/explore.py", {"view": "isu_budget", "group": "year", "agg": "sum",
                                                "measure": "amount_chf", "chart": "bar"}, {}),
}

CLI_CASES: dict[str, list[str]] = {
    "sql-parties_by_year": ["sql", "SELECT * FROM parties_by_year WHERE year < 2026"],
    "sql-obligation_deadlines_at": ["sql", "SELECT * FROM obligation_deadlines_at(DATE '2026-12-01')"],
    "sql-article7_status_at": ["sql", "SELECT * FROM article7_status_at(DATE '2024-12-31')"],
    "template-contributions": ["template", "contributions", "--describe"],
    "pack-2025-09-30": ["pack", "--as-of", "2025-09-30", "--since", "2025-03-01", "--out", "{tmp}/pack.html",
                        "--no-pdf", "--no-docx"],
}


def page_name(script: str) -> str:
    return Path(script).stem


def case_keys() -> list[str]:
    """Every recorded key: app:pages (the navigation, in order), page:<name>@<date>, variant:<name>@<date>, cli:<name>."""
    keys = [f"page:{page_name(s)}@{d}" for s, _ in PAGES for d in DATES]
    keys += [f"variant:{v}@{d}" for v in VARIANTS for d in DATES]
    keys += [f"cli:{c}" for c in CLI_CASES]
    return ["app:pages", *keys]


# --- environment ---------------------------------------------------------------------------------------

def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT_DIR) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_cli(args: list[str], cwd: Path | str = PROJECT_DIR) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "ccm_analytics", *args], cwd=cwd, env=_env(),
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"python -m ccm_analytics {args} failed ({result.returncode}):\n{result.stderr}")
    return result


FIXTURE_DATA = PROJECT_DIR / "tests" / "fixture_data"


def build_database(directory: Path | str) -> Path:
    """Build the hand-made fixture (tests/fixture_data) into `directory` and point CCM_DB at it."""
    path = Path(directory) / "ccm.duckdb"
    run_cli(["build", "--db", str(path), "--data", str(FIXTURE_DATA)])
    os.environ["CCM_DB"] = str(path)  # AppTest runs in this process; subprocesses inherit it
    return path


# --- normalisation -------------------------------------------------------------------------------------

def _scrub(text: str) -> str:
    return re.sub(r"(built_at\W{0,4})[0-9][0-9:\-. T+]*", r"\1<built_at>", text)


def _plain(value):
    """A JSON-friendly, deterministic form of a widget value."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def frame_csv(df) -> str:
    import pandas as pd
    keep_index = not isinstance(df.index, pd.RangeIndex)
    text = df.astype(str).to_csv(index=keep_index, lineterminator="\n")
    return _scrub(text)


def _decode(value):
    """plotly's base64 typed arrays ({"dtype", "bdata", "shape"}) as plain lists."""
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        import numpy as np
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
        return array.tolist()
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    return value


TRACE_FIELDS = ("type", "name", "x", "y", "z", "locations", "text")


def plotly_traces(spec: str) -> list[dict]:
    figure = json.loads(spec)
    return [{k: _decode(t[k]) for k in TRACE_FIELDS if k in t} for t in figure.get("data", [])]


TEXT_TYPES = {"title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success",
              "text", "code", "latex", "exception", "toast"}
WIDGETS = {"selectbox", "radio", "multiselect", "select_slider", "date_input", "time_input", "text_input",
           "text_area", "number_input", "checkbox", "toggle", "slider", "button", "file_uploader",
           "color_picker", "chat_input", "button_group"}


def describe(node) -> list:
    """The elements under `node` in page order, each a small dict of what the user sees."""
    out: list = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", type(child).__name__)
        entry: dict | None = None
        if kind in TEXT_TYPES:
            value = getattr(child, "value", None)
            if kind == "exception":
                value = getattr(child, "message", value)
            entry = {kind: _scrub(str(value))}
        elif kind == "metric":
            entry = {"metric": [child.label, child.value, _plain(getattr(child, "delta", None))]}
        elif kind in ("dataframe", "table"):
            entry = {kind: frame_csv(child.value)}
        elif kind == "download_button":
            entry = {"download_button": child.proto.label}
        elif kind in WIDGETS:
            entry = {kind: {"label": getattr(child, "label", None), "key": getattr(child, "key", None)}}
            if hasattr(child, "options"):
                entry[kind]["options"] = _plain(list(child.options))
            if kind not in ("button", "file_uploader"):
                try:
                    entry[kind]["value"] = _plain(child.value)
                except Exception as error:  # noqa: BLE001 - record, do not fail the description
                    entry[kind]["value"] = f"<{type(error).__name__}>"
        elif kind == "plotly_chart":
            entry = {"plotly_chart": plotly_traces(child.proto.spec)}
        elif kind in ("expander", "tab"):
            entry = {kind: getattr(child, "label", None)}
        elif kind in ("flex_container", "column", "form", "main", "sidebar", "vertical", "horizontal",
                      "tab_container", "event"):
            entry = None  # layout only: its children follow in order
        else:
            entry = {"other": kind}
        if entry is not None:
            out.append(entry)
        out.extend(describe(child))
    return out


def _scrub_profile(items: list) -> list:
    """The profile header's 'Status today' row reads the state_status view (current_date): its value becomes
    the placeholder "<today>"; the rest of the row (source, data as of) is kept."""
    import csv
    cleaned = []
    for item in items:
        text = item.get("dataframe") if isinstance(item, dict) else None
        if text and "Status today" in text:
            rows = list(csv.reader(io.StringIO(text)))
            rows = [[row[0], "<today>", *row[2:]] if row and row[0] == "Status today" else row for row in rows]
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            item = {"dataframe": buffer.getvalue()}
        cleaned.append(item)
    return cleaned


# --- pages ---------------------------------------------------------------------------------------------

def render_page(script: str, as_of: str, query: dict[str, str] | None = None,
                select: dict[str, str] | None = None) -> dict:
    from streamlit.testing.v1 import AppTest
    cwd = os.getcwd()
    os.chdir(PROJECT_DIR)  # app.py registers the pages by paths relative to the project
    try:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["as_of"] = as_of
        for key, value in (query or {}).items():
            at.query_params[key] = value
        at.run()
        at.switch_page(script).run()
        result: dict = {}
        for key, value in (select or {}).items():
            box = at.selectbox(key=key)
            if value not in box.options and value not in [str(o) for o in box.options]:
                try:
                    box.select(value).run()
                except Exception as error:  # noqa: BLE001 - the option does not exist on this date
                    result["select"] = f"{key}={value}: not selectable ({type(error).__name__})"
                    continue
            else:
                box.select(value).run()
            result["select"] = f"{key}={value}"
        result["main"] = describe(at.main)
        result["sidebar"] = describe(at.sidebar)
        result["exceptions"] = [_scrub(str(e.value)) for e in at.exception]
        if page_name(script) == "country_profile":
            result["main"] = _scrub_profile(result["main"])
        return result
    finally:
        os.chdir(cwd)


def registered_pages() -> list[tuple[str, str]]:
    """(script relative to the project, url_path) of every page app.py registers, read by running app.py
    under AppTest (AppTest's private `_registered_pages`: used only to check PAGES, never to find pages)."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(APP, default_timeout=120).run()
    return [(Path(p["script_path"]).resolve().relative_to(PROJECT_DIR).as_posix(), p["url_pathname"])
            for p in at._registered_pages.values()]


# --- CLI -----------------------------------------------------------------------------------------------

def _strip_pack(html: str) -> str:
    html = re.sub(r"(<script\b[^>]*>).*?(</script>)", r"\1\2", html, flags=re.S | re.I)
    ids: dict[str, str] = {}

    def rename(match: re.Match) -> str:
        return ids.setdefault(match.group(0), f"plotly-div-{len(ids) + 1}")
    html = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", rename, html)
    return _scrub(html)


def run_cli_case(name: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        args = [a.replace("{tmp}", tmp) for a in CLI_CASES[name]]
        result = run_cli(args, cwd=tmp)  # files written to the current directory land in tmp
        stdout = result.stdout.replace(tmp, "<tmp>")
        files = {}
        for path in sorted(Path(tmp).rglob("*")):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                files[path.relative_to(tmp).as_posix()] = _strip_pack(text) if path.suffix == ".html" else _scrub(text)
        return {"stdout": _scrub(stdout), "files": files}


# --- cases ---------------------------------------------------------------------------------------------

def _finite(value):
    """NaN and infinities as the strings "NaN", "Infinity", "-Infinity": outputs.json stays strict JSON and
    NaN compares equal to itself."""
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def compute(key: str):
    """The recorded value of one case, JSON-ready (the database must be built: build_database)."""
    return _finite(_compute(key))


def _compute(key: str):
    kind, _, rest = key.partition(":")
    if key == "app:pages":
        return [list(page) for page in registered_pages()]
    if kind == "cli":
        return run_cli_case(rest)
    name, _, as_of = rest.partition("@")
    if kind == "page":
        script = next(s for s, _ in PAGES if page_name(s) == name)
        return render_page(script, as_of)
    script, query, select = VARIANTS[name]
    return render_page(script, as_of, query, select)


def dumps(outputs: dict) -> str:
    return json.dumps(outputs, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def record(path: Path = OUTPUTS) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        build_database(tmp)
        outputs = {key: compute(key) for key in case_keys()}
    path.write_text(dumps(outputs), encoding="utf-8")
    return outputs


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUTS
    record(target)
    print(f"wrote {target}")
