"""Running a page the way a browser would: the app's navigation, a link's query, then the page."""
from __future__ import annotations

from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest

APP = str(PROJECT_DIR / "app.py")


def run_page(script: str, query: dict[str, str] | None = None, timeout: float = 120) -> AppTest:
    """`script` (e.g. "pages/spending.py") run under app.py with `query` in the URL, asserted to render."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
