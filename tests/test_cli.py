"""The command line: build, and sql printing exact CSV or a one-line refusal."""
import os
import subprocess
import sys

import pytest
from conftest import PROJECT_DIR


def _cli(*args, db):
    return subprocess.run([sys.executable, "-m", "ccm_analytics", *args], cwd=PROJECT_DIR, capture_output=True,
                          text=True, env={**os.environ, "CCM_DB": str(db)}, timeout=120)


def test_sql_prints_exact_csv(db_path):
    out = _cli("sql", "SELECT year, budget_line, amount_chf, kind FROM isu_budget WHERE year = 2021 "
               "AND budget_line = 'Salaries'", db=db_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "year,budget_line,amount_chf,kind\n2021,Salaries,341405.00,budget\n"


def test_sql_formats_dates_booleans_and_nulls(db_path):
    out = _cli("sql", "SELECT iso3, consent_date, in_force, withdrawal_date FROM state_status "
               "WHERE iso3 IN ('AUT', 'LTU', 'AGO') ORDER BY iso3", db=db_path)
    assert out.stdout.splitlines() == ["iso3,consent_date,in_force,withdrawal_date", "AGO,,false,",
                                       "AUT,2009-04-02,true,", "LTU,2011-03-24,false,2025-03-06"]


def test_parties_by_year(db_path):
    out = _cli("sql", "SELECT * FROM parties_by_year", db=db_path)
    lines = out.stdout.splitlines()
    assert lines[0] == "year,states_parties,in_force,signatories_only,new_parties,withdrawals"
    assert lines[1] == "2008,4,0,90,4,0"


def test_refused_query_fails_with_one_line(db_path):
    out = _cli("sql", "DROP TABLE states", db=db_path)
    assert out.returncode != 0 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "SELECT" in out.stderr


def test_build_into_a_new_path(tmp_path):
    target = tmp_path / "x.duckdb"
    out = _cli("build", "--db", str(target), db=target)
    assert out.returncode == 0 and target.exists() and "built" in out.stdout


def test_build_demo_into_a_new_path(tmp_path):
    target = tmp_path / "demo.duckdb"
    out = _cli("build", "--demo", "--db", str(target), "--through", "2025-06-30", db=tmp_path / "unused.duckdb")
    assert out.returncode == 0, out.stderr
    assert target.exists() and "demonstration" in out.stdout
    assert not (tmp_path / "unused.duckdb").exists()  # $CCM_DB is not where the demo goes


def test_build_demo_refuses_a_real_database(db_path):
    out = _cli("build", "--demo", "--db", str(db_path), db=db_path)
    assert out.returncode == 2 and "not a demonstration database" in out.stderr


# --- issue 17: limits and terminal output -------------------------------------------------------

@pytest.mark.parametrize("flag,value", [("--timeout", "0"), ("--timeout", "-1"), ("--timeout", "nan"),
                                        ("--timeout", "inf"), ("--timeout", "1e400"), ("--max-rows", "0"),
                                        ("--max-rows", "-5"), ("--max-rows", "1.5"), ("--max-rows", "1e9")])
def test_sql_limits_refuse_non_positive_and_non_finite(flag, value):
    import argparse

    from ccm_analytics.cli.main import positive_rows, positive_seconds
    with pytest.raises(argparse.ArgumentTypeError):
        (positive_seconds if flag == "--timeout" else positive_rows)(value)


def test_terminal_text_escapes_control_characters():
    from ccm_analytics.cli.terminal import terminal_text
    assert terminal_text("a\x1b[2Jb\x07c\td\ne\x00\x9b") == "a\\x1b[2Jb\\x07c\td\ne\\x00\\x9b"


def test_sql_prints_control_characters_escaped(db_path):
    out = subprocess.run([sys.executable, "-m", "ccm_analytics", "sql", "SELECT chr(27) || '[2J' AS x"],
                         cwd=PROJECT_DIR, capture_output=True, text=True, env={**os.environ, "CCM_DB": str(db_path)},
                         timeout=120)
    assert out.returncode == 0 and out.stdout == "x\n\\x1b[2J\n"
    bad = subprocess.run([sys.executable, "-m", "ccm_analytics", "sql", "--timeout", "nan", "SELECT 1"],
                         cwd=PROJECT_DIR, capture_output=True, text=True, env={**os.environ, "CCM_DB": str(db_path)},
                         timeout=120)
    assert bad.returncode == 2 and "above 0" in bad.stderr and "Traceback" not in bad.stderr
