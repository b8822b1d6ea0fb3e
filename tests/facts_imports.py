"""Facts of the shipped data/ moved here from the imports group's modules (test_cli, test_data_age,
test_import_processes): the real record, not the rules."""
from datetime import date

from conftest import PROJECT_DIR
from streamlit.testing.v1 import AppTest


def test_imports_isu_budget_2021_salaries(shipped_con):
    # from test_cli.test_sql_prints_exact_csv
    assert shipped_con.execute("SELECT year, budget_line, CAST(amount_chf AS VARCHAR), kind FROM isu_budget "
                               "WHERE year = 2021 AND budget_line = 'Salaries'").fetchall() == [
        (2021, "Salaries", "341405.00", "budget")]


def test_imports_austria_lithuania_angola_status(shipped_con):
    # from test_cli.test_sql_formats_dates_booleans_and_nulls: Austria ratified on 2 April 2009; Lithuania
    # ratified on 24 March 2011 and its withdrawal took effect on 6 March 2025; Angola has no instrument
    assert shipped_con.execute("SELECT iso3, consent_date, in_force, withdrawal_date FROM state_status "
                               "WHERE iso3 IN ('AUT', 'LTU', 'AGO') ORDER BY iso3").fetchall() == [
        ("AGO", None, False, None), ("AUT", date(2009, 4, 2), True, None),
        ("LTU", date(2011, 3, 24), False, date(2025, 3, 6))]


def test_imports_parties_at_the_end_of_2008(shipped_con):
    # from test_cli.test_parties_by_year: 4 instruments deposited at the signing in December 2008, 90 other
    # signatories
    assert shipped_con.execute("SELECT * FROM parties_by_year WHERE year = 2008").fetchall() == [(2008, 4, 0, 90, 4, 0)]


def test_imports_the_states_list_has_197_states(shipped_con):
    # from test_import_processes.test_readers_see_old_or_new_data_while_imports_run
    assert shipped_con.execute("SELECT count(*) FROM state_status").fetchone() == (197,)


def test_imports_universalization_page_says_the_treaty_events_are_current_to_september_2025(on_shipped_db):
    # from test_data_age.test_universalization_page_warns_of_old_data: the shipped treaty events are current
    # to September 2025, known to the month (so to 30 September): 14 months before 1 December 2026
    at = AppTest.from_file(str(PROJECT_DIR / "app.py"), default_timeout=120)
    at.query_params["as_of"] = "2026-12-01"
    at.run()
    at.switch_page("pages/universalization.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.warning if "later reports and decisions are not included" in w.value] == [(
        "These figures use data current to September 2025, 14 months before the reference date: "
        "later reports and decisions are not included.")]
