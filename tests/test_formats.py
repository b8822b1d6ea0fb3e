"""Screen and file formats: dates in UN style, CHF with ', partial dates."""
from datetime import date
from decimal import Decimal

import pandas as pd
import pytest

from ccm_analytics.domain.partial_dates import parse_partial_date, period_end
from ccm_analytics.formats.money import format_chf, parse_chf
from ccm_analytics.formats.text import format_count, format_date


def test_format_date():
    assert format_date(pd.Timestamp("2010-08-01")) == "1 August 2010"
    assert format_date(date(2023, 6, 1), "month") == "June 2023"
    assert format_date(date(2017, 1, 1), "year") == "2017"
    assert format_date(None) == "unknown" and format_date(pd.NaT) == "unknown"


def test_money():
    assert parse_chf("469'686") == Decimal("469686")
    assert parse_chf("341’405") == Decimal("341405")
    assert parse_chf("CHF 1'234.50") == Decimal("1234.50")
    with pytest.raises(ValueError):
        parse_chf("12,3,4x")
    assert format_chf(Decimal("2425799")) == "CHF 2'425'799"
    assert format_chf(Decimal("1234.5")) == "CHF 1'234.50"
    assert format_chf(None) == "unknown"
    assert format_count(1400) == "1'400"


def test_partial_dates():
    assert parse_partial_date("2023-06 (day not confirmed)") == (date(2023, 6, 1), "month")
    assert parse_partial_date("2017") == (date(2017, 1, 1), "year")
    assert parse_partial_date("2019-02-26 (Parts A/B)") == (date(2019, 2, 26), "day")
    assert parse_partial_date("undated (c.2016-2019)") == (None, None)
    assert parse_partial_date(None) == (None, None)
    assert period_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert period_end(date(2017, 1, 1), "year") == date(2017, 12, 31)
    assert period_end(date(2017, 3, 5), "day") == date(2017, 3, 5)
