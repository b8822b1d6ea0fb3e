"""Import templates and download files: columns from schema.py, plain numbers, ISO dates, a sources sheet."""
import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from ccm_analytics.formats import downloads
from ccm_analytics.store.imports import templates


def test_template_columns_follow_the_schema():
    assert list(templates.template_frame("contributions").columns) == [
        "iso3", "year", "amount_chf", "received_date", "payment_ref", "source", "notes"]
    assert list(templates.template_frame("budget_actuals").columns) == ["year", "budget_line", "amount_chf", "source"]
    assert templates.template_frame("contributions").empty
    described = templates.template_columns("budget_actuals").set_index("column")
    assert described.loc["year", "required"] == "yes" and described.loc["source", "required"] == "no"
    assert "Other implementation support costs" in described.loc["budget_line", "format"]
    assert described["description"].str.len().gt(0).all()
    with pytest.raises(ValueError, match="unknown template kind"):
        templates.template_frame("pledges")


def test_template_files():
    assert templates.template_csv("budget_actuals") == b"year,budget_line,amount_chf,source\n"
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx("contributions")))
    assert book.sheetnames == ["data", "columns"]
    assert [c.value for c in book["data"][1]] == ["iso3", "year", "amount_chf", "received_date", "payment_ref",
                                                  "source", "notes"]
    assert book["columns"].max_row == 8  # header + one row per column


FRAME = pd.DataFrame({"year": [2021, 2022], "amount_chf": [Decimal("469686.00"), Decimal("1234.50")],
                      "received_date": pd.to_datetime(["2021-03-01", None]), "peak_years": [[2021, 2025], [2023]]})


def test_csv_holds_plain_numbers_and_iso_dates():
    text = downloads.csv_bytes(FRAME).decode("utf-8")
    assert text.splitlines() == ["year,amount_chf,received_date,peak_years", "2021,469686.00,2021-03-01,2021; 2025",
                                 "2022,1234.50,,2023"]


def test_xlsx_has_numbers_and_a_sources_sheet():
    sources = pd.DataFrame({"file": ["isu_budget.csv"], "source": ["ISU work plan"]})
    book = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(FRAME, sources, pd.Timestamp("2026-11-28"),
                                                                  "November 2020 (isu_budget.csv)")))
    assert book.sheetnames == ["data", "sources"]
    assert book["data"]["B2"].value == 469686 and book["data"]["B2"].data_type == "n"
    assert book["data"]["C2"].value == datetime(2021, 3, 1) and book["data"]["C2"].number_format == "YYYY-MM-DD"
    values = [[c.value for c in row] for row in book["sources"].iter_rows()]
    assert ["reference_date", "2026-11-28"] in values and ["data_current_to", "November 2020 (isu_budget.csv)"] in values
    assert ["isu_budget.csv", "ISU work plan"] in values


def test_file_names_carry_the_reference_date():
    assert downloads.file_name("isu_budget", pd.Timestamp("2026-11-28"), "csv") == "isu_budget_2026-11-28.csv"
