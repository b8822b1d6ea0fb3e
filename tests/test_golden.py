"""Golden outputs: every page (x reference date), a few page variants and CLI commands still produce what
tests/golden/outputs.json recorded on the hand-made fixture database (see tests/golden/record.py for
what is recorded and what is normalised away). Re-record with `python tests/golden/record.py` only when a
change of output is intended, and review the diff of outputs.json."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("golden_record", Path(__file__).parent / "golden" / "record.py")
record = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(record)

GOLDEN = json.loads(record.OUTPUTS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def golden_db(tmp_path_factory):
    """The fixture database built by the CLI (build --data tests/fixture_data); CCM_DB points at it (restored
    afterwards)."""
    import os
    before = os.environ.get("CCM_DB")
    path = record.build_database(tmp_path_factory.mktemp("golden-db"))
    yield path
    if before is None:
        os.environ.pop("CCM_DB", None)
    else:
        os.environ["CCM_DB"] = before


def _first_difference(expected, actual, where="") -> str | None:
    """Where two JSON values first differ, with both sides (long texts: the first differing line)."""
    if type(expected) is not type(actual):
        return f"{where or '/'}: expected {type(expected).__name__} {expected!r:.300}, got {actual!r:.300}"
    if isinstance(expected, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                return f"{where}/{key}: missing (expected {expected[key]!r:.300})"
            if key not in expected:
                return f"{where}/{key}: unexpected {actual[key]!r:.300}"
            found = _first_difference(expected[key], actual[key], f"{where}/{key}")
            if found:
                return found
        return None
    if isinstance(expected, list):
        for i, (e, a) in enumerate(zip(expected, actual)):
            found = _first_difference(e, a, f"{where}[{i}]")
            if found:
                return found
        if len(expected) != len(actual):
            extra = expected[len(actual):] if len(expected) > len(actual) else actual[len(expected):]
            return (f"{where}: expected {len(expected)} items, got {len(actual)}; first extra "
                    f"{'expected' if len(expected) > len(actual) else 'actual'} item: {extra[0]!r:.500}")
        return None
    if expected != actual:
        if isinstance(expected, str) and ("\n" in expected or "\n" in actual):
            e_lines, a_lines = expected.split("\n"), actual.split("\n")
            for n, (e, a) in enumerate(zip(e_lines, a_lines)):
                if e != a:
                    return f"{where} line {n + 1}:\n  expected: {e[:500]}\n  actual:   {a[:500]}"
            return f"{where}: expected {len(e_lines)} lines, got {len(a_lines)}"
        return f"{where}: expected {expected!r:.500}, got {actual!r:.500}"
    return None


def test_the_recorded_cases_are_the_cases():
    assert sorted(GOLDEN) == sorted(record.case_keys()), "outputs.json is stale: re-run tests/golden/record.py"


def test_the_hard_coded_pages_are_what_app_py_registers(golden_db):
    assert sorted(record.PAGES) == sorted(tuple(p) for p in record.registered_pages())


@pytest.mark.parametrize("key", record.case_keys())
def test_golden(golden_db, key):
    assert key in GOLDEN, f"{key} not recorded: re-run tests/golden/record.py"
    actual = json.loads(json.dumps(record.compute(key), allow_nan=False))  # the same JSON round trip as outputs.json
    difference = _first_difference(GOLDEN[key], actual)
    assert difference is None, f"{key} differs from tests/golden/outputs.json at {difference}"
