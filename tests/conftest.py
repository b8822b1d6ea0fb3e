"""Shared fixtures: a database built from the shipped data/ into a temporary folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ccm_analytics.store.build import build_database, connect_read_only

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> Path:
    """The real database, built once per test session from data/ (never the user's data/ccm.duckdb)."""
    path = build_database(tmp_path_factory.mktemp("db") / "ccm.duckdb")
    os.environ["CCM_DB"] = str(path)  # pages and subprocesses read the same file
    return path


@pytest.fixture()
def con(db_path):
    connection = connect_read_only(db_path)
    yield connection
    connection.close()
