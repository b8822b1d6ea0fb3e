"""Shared fixtures: the hand-made fixture database (tests/fixture_data, built like data/), and the app
served on it. The shipped data/ are built only for tests/test_data_facts.py (`shipped_db_path`)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from browser_support import launch_browser, require_chromium, start_streamlit

from ccm_analytics.store.build import build_database, connect_read_only

PROJECT_DIR = Path(__file__).resolve().parent.parent


FIXTURE_DATA = PROJECT_DIR / "tests" / "fixture_data"


def no_imports(con) -> None:
    """Replay nothing: a test database never picks up imports kept beside it."""


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    """The hand-made fixture database (tests/fixture_data/README.md), built once per test session through
    the same build as data/ (never the user's data/ccm.duckdb)."""
    path = build_database(tmp_path_factory.mktemp("db") / "ccm.duckdb", FIXTURE_DATA, replay=no_imports)
    os.environ["CCM_DB"] = str(path)  # pages and subprocesses read the same file
    return path


@pytest.fixture(scope="session")
def shipped_db_path(tmp_path_factory) -> Path:
    """The database built from the shipped data/: only tests/test_data_facts.py asserts its facts."""
    return build_database(tmp_path_factory.mktemp("shipped") / "ccm.duckdb", replay=no_imports)


@pytest.fixture()
def shipped_con(shipped_db_path):
    connection = connect_read_only(shipped_db_path)
    yield connection
    connection.close()


@pytest.fixture()
def on_shipped_db(shipped_db_path, monkeypatch):
    """Pages (AppTest, in this process) and subprocesses read the shipped database for this test."""
    monkeypatch.setenv("CCM_DB", str(shipped_db_path))
    return shipped_db_path


@pytest.fixture()
def con(db_path):
    connection = connect_read_only(db_path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def money_db(db_path, tmp_path_factory):
    """A copy of the real database with hand-made contributions and actual expenditure (never shipped)."""
    path = tmp_path_factory.mktemp("money") / "ccm.duckdb"
    shutil.copy(db_path, path)
    con = duckdb.connect(str(path))
    con.execute("""INSERT INTO contribution_records VALUES
        ('CHE', 2024, 100000.00, DATE '2024-03-15', 'P1', 'test', NULL),
        ('CHE', 2024,  50000.50, DATE '2024-09-01', 'P2', 'test', NULL),
        ('AUT', 2024,  20000.00, DATE '2024-05-10', NULL, 'test', NULL),
        ('IDN', 2024,   1000.00, DATE '2024-06-01', NULL, 'test', NULL),
        ('FRA', 2025,  30000.00, DATE '2025-02-01', NULL, 'test', NULL),
        ('NOR', 2025,  40000.00, NULL, NULL, 'test', NULL)""")
    con.execute("""INSERT INTO budget_lines VALUES
        (2024, 'Salaries', 350000, 'actual', 'test'),
        (2024, 'Communication', 15000, 'actual', 'test')""")
    con.execute("CHECKPOINT")
    con.close()
    return path


# --- the app served and one headless Chromium, for the browser tests (one of each per test module) ---

APP = PROJECT_DIR / "app.py"


@pytest.fixture(scope="module")
def app_url(db_path):
    """Start the app once for this module, on the test database (conftest's db_path)."""
    require_chromium()  # skip (or fail under CI) before paying for a server start
    with start_streamlit(APP, env={"CCM_DB": str(db_path)}) as url:
        yield url


@pytest.fixture(scope="module")
def browser(app_url):
    """One headless Chromium for all pages of this module."""
    with launch_browser(require_chromium()) as b:
        yield b
