"""Meeting codes of the data in full (domain.meetings)."""
import pytest

from ccm_analytics.domain.meetings import meeting_name, meeting_text


@pytest.mark.parametrize("code, name", [
    ("9MSP", "Ninth Meeting of States Parties"),
    ("13MSP", "Thirteenth Meeting of States Parties"),
    ("2RC", "Second Review Conference"),
    ("2RC part two", "Second Review Conference, second part"),
    ("2RC (silent procedure)", "Second Review Conference, by silent procedure"),
    ("2RC period", "Second Review Conference, intersessional period"),
    ("1RC special", "First Review Conference (special)"),  # an unknown qualifier kept, in brackets
    ("Oslo", "Oslo"),  # not a code: as written
    ("25MSP", "25MSP"),  # beyond the ordinals the vocabulary knows
])
def test_meeting_name(code, name):
    assert meeting_name(code) == name


def test_meeting_text_adds_the_date_when_known():
    assert meeting_text("2RC part two", "September 2021") == "Second Review Conference, second part (September 2021)"
    assert meeting_text("13MSP", "unknown") == "Thirteenth Meeting of States Parties"
    assert meeting_text(None, "September 2021") == "unknown"
    assert meeting_text(float("nan")) == "unknown"
