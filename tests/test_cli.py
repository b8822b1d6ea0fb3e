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
    # the fixture's isu_budget.csv: 2021,Salaries,340000,budget; amounts print with their two decimals
    assert out.stdout == "year,budget_line,amount_chf,kind\n2021,Salaries,340000.00,budget\n"


def test_sql_formats_dates_booleans_and_nulls(db_path):
    out = _cli("sql", "SELECT iso3, consent_date, in_force, withdrawal_date FROM state_status "
               "WHERE iso3 IN ('AUT', 'LTU', 'USA') ORDER BY iso3", db=db_path)
    # fixture: AUT ratified 15 Jun 2009 (in force); LTU ratified 24 Mar 2011 and its withdrawal took effect on
    # 6 Mar 2025 (no longer in force); USA has no event (empty dates, false)
    assert out.stdout.splitlines() == ["iso3,consent_date,in_force,withdrawal_date", "AUT,2009-06-15,true,",
                                       "LTU,2011-03-24,false,2025-03-06", "USA,,false,"]


def test_parties_by_year(db_path):
    out = _cli("sql", "SELECT * FROM parties_by_year", db=db_path)
    lines = out.stdout.splitlines()
    assert lines[0] == "year,states_parties,in_force,signatories_only,new_parties,withdrawals"
    # At 31 December of each year, from the fixture's treaty events (tests/fixture_data/README.md):
    # 2008: 35 signatures of 3 Dec 2008, no instrument yet. 2009: 30 instruments (26 on 15 Jun, LAO, DEU, NOR,
    # IRL the 30th on 1 Dec), none in force before 1 June 2010; 5 signatories left (GBR, LTU, BGR, PER, IDN).
    # 2010: GBR (in force 1 Nov 2010). 2011: LTU, BGR (in force 1 Sep, 1 Oct 2011). 2012: PER (in force only
    # 1 Mar 2013). 2013: TCD accedes (in force 1 Sep 2013). 2023: SSD accedes 3 Aug (in force 1 Feb 2024).
    # 2025: LTU's withdrawal takes effect on 6 March. IDN stays a signatory throughout.
    assert lines[1:19] == [
        "2008,0,0,35,0,0", "2009,30,0,5,30,0", "2010,31,31,4,1,0", "2011,33,33,2,2,0", "2012,34,33,1,1,0",
        "2013,35,35,1,1,0", *(f"{y},35,35,1,0,0" for y in range(2014, 2023)), "2023,36,35,1,1,0",
        "2024,36,36,1,0,0", "2025,35,35,1,0,1"]


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
