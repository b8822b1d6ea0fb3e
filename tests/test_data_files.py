"""The shipped data: provenance for every file, the 197 States, the budget as the work plan prints it."""
from decimal import Decimal

import pandas as pd
from conftest import PROJECT_DIR

from ccm_analytics.sources.normalise import DEFAULT_SHARED, normalise
from ccm_analytics.store.schema import TABLES

DATA = PROJECT_DIR / "data"


def test_every_data_file_has_provenance():
    provenance = pd.read_csv(DATA / "provenance.csv")
    declared = {t.data_file for t in TABLES if t.data_file and t.data_file != "provenance.csv"}
    assert declared <= set(provenance["file"])
    for row in provenance.itertuples():
        assert (DATA / row.file).exists(), row.file
        assert isinstance(row.source, str) and row.source.strip(), row.file
        assert isinstance(row.accessed, str) and row.accessed.strip(), row.file
        if row.file != "states.csv":  # a reference list, versioned by its library, not dated facts
            assert isinstance(row.current_to, str) and row.current_to_precision in ("day", "month", "year"), row.file


def test_every_row_keeps_its_source():
    for t in TABLES:
        if t.data_file and "source" in {c.name for c in t.columns}:
            frame = pd.read_csv(DATA / t.data_file)
            assert frame["source"].notna().all(), t.data_file


def test_states_are_the_197():
    states = pd.read_csv(DATA / "states.csv", keep_default_na=False)
    assert len(states) == 197 and states["iso3"].is_unique
    assert {"VAT", "PSE", "COK", "NIU", "NAM"} <= set(states["iso3"])  # NAM: Namibia, not a missing value
    by_code = states.set_index("iso3")
    assert by_code.loc["NER", "un_subregion"] == "Sub-Saharan Africa"
    assert by_code.loc["NRU", "state_name"] == "Nauru"  # not the library's "Naoero"
    assert by_code.loc["CIV", "state_name"] == "Côte d'Ivoire"


def test_treaty_events_use_known_states():
    states = set(pd.read_csv(DATA / "states.csv", keep_default_na=False)["iso3"])
    events = pd.read_csv(DATA / "treaty_events.csv", keep_default_na=False)
    assert set(events["iso3"]) <= states


def test_budget_lines_sum_to_the_work_plan():
    budget = pd.read_csv(DATA / "isu_budget.csv", dtype={"amount_chf": str})
    amounts = budget["amount_chf"].map(Decimal)
    by_year = amounts.groupby(budget["year"]).sum()
    assert by_year.to_dict() == {2021: Decimal(469686), 2022: Decimal(486194), 2023: Decimal(495057),
                                 2024: Decimal(477724), 2025: Decimal(497138)}
    assert sum(amounts) == Decimal(2425799)
    assert set(budget["budget_line"]) == {"Salaries", "Social charges", "Communication", "Travel",
                                          "Other implementation support costs"}


def test_normalise_reproduces_the_shipped_files(tmp_path):
    if not (DEFAULT_SHARED / "data").exists():
        import pytest
        pytest.skip("../shared/data is not beside the project")
    for path in normalise(DEFAULT_SHARED, tmp_path):
        assert path.read_text(encoding="utf-8") == (DATA / path.name).read_text(encoding="utf-8"), path.name
