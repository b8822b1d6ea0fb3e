"""Every public view and column is documented, in the catalogue and in docs/data-dictionary.md."""
from conftest import PROJECT_DIR

from ccm_analytics.store.schema import TABLES, VIEWS, data_dictionary_markdown

CONTRACT = {
    "state_status": ["iso3", "state_name", "un_region", "un_subregion", "signature_date", "consent_date",
                     "consent_type", "entry_into_force_date", "withdrawal_date", "status", "in_force"],
    "parties_by_year": ["year", "states_parties", "in_force", "signatories_only", "new_parties", "withdrawals"],
    "obligation_deadlines": ["iso3", "article", "original_deadline", "current_deadline", "extensions_granted",
                             "completion_date", "status"],
    "isu_budget": ["year", "budget_line", "amount_chf", "kind"],
}


def test_views_match_their_declaration_and_are_commented(con):
    for view in VIEWS:
        rows = con.execute("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ? "
                           "ORDER BY column_index", [view.name]).fetchall()
        assert [r[0] for r in rows] == [c.name for c in view.columns], view.name
        assert all(r[1] for r in rows), f"undocumented column in {view.name}"
    for name, columns in CONTRACT.items():
        declared = [c.name for c in next(v for v in VIEWS if v.name == name).columns]
        assert declared[:len(columns)] == columns


def test_every_table_column_is_commented(con):
    for t in TABLES:
        rows = con.execute("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ?",
                           [t.name]).fetchall()
        assert rows and all(r[1] for r in rows), t.name


def test_data_dictionary_is_current():
    shipped = (PROJECT_DIR / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert shipped == data_dictionary_markdown() + "\n", "run: python -m ccm_analytics docs"


def test_every_module_path_the_readme_names_exists():
    """`ccm_analytics/spending/analysis.py`, `store/macros.py`, `tests/oracles.py`, `pages/x.py`: each exists
    (a path written from inside the package, e.g. `spending/charts.py`, is looked up there too)."""
    import re

    from conftest import PROJECT_DIR
    text = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[\w.]+/)+[\w.]+\.py|ccm_analytics/(?:[\w]+/)+)`", text))
    missing = [p for p in sorted(named) if not any((base / p).exists() for base in
                                                   (PROJECT_DIR, PROJECT_DIR / "ccm_analytics"))]
    assert not missing, missing
