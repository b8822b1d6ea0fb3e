"""The workbench by request type, the bootstrap, the procedural checks, the Group's entries and the
document: hand-made inputs, expected values worked out by hand (each comment says how)."""
from datetime import date

import docx
import pandas as pd
import pytest

from ccm_analytics.cli.main import main
from ccm_analytics.workbench import (
    assessment,
    bootstrap,
    checks,
    document,
    entries,
    screen,
)
from ccm_analytics.workbench.progress import Baseline, Reported

T = pd.Timestamp


def _progress(rows):
    """rows: [(year, amount)], all exact, national."""
    return pd.DataFrame({"year": [r[0] for r in rows], "amount": [float(r[1]) for r in rows],
                         "qualifier": ["exact"] * len(rows), "cumulative": [False] * len(rows),
                         "note": [None] * len(rows), "source": ["test"] * len(rows), "scope": ["national"] * len(rows)})


def _obligation(article=4, **kw):
    row = {"iso3": "XXX", "state_name": "Testland", "article": article, "status": "extension requested",
           "entry_into_force_date": T("2013-11-01"), "current_deadline": T("2023-11-01"), "completion_date": pd.NaT}
    row.update(kw)
    return row


def _request(**kw):
    row = {"request_no": 1, "meeting": "11MSP", "document": None, "decision": "decision not recorded",
           "extends_deadline": T("2023-11-01"), "requested_deadline": T("2028-11-01"), "source": "test",
           "submitted_date": T("2022-11-16"), "submitted_date_precision": "day", "meeting_date": T("2023-09-01"),
           "meeting_date_precision": "month", "request_type": None}
    row.update(kw)
    return row


def _reported(amount, day="2023-10-31"):
    return Reported(amount, amount, None, None, T(day), "day", None, "national", "test report", None)


# Testland: 100 km² reported remaining on 31 October 2023, 10 km² cleared in each of 2020-2022; request from
# 1 November 2023 to 1 November 2028 (1827 days = 5.002 years).
def _assess(request_type=None, type_override=None, **request):
    return assessment.assess(_obligation(), _request(request_type=request_type, **request), "area",
                             Baseline(120.0, 2019, "area"), _progress([(2020, 10), (2021, 10), (2022, 10)]),
                             T("2026-12-01"), reported=_reported(100.0), type_override=type_override)


def test_a_completion_request_weighs_years_needed_against_years_requested():
    a = _assess("completion")
    assert a.remaining.amount == 100.0 and a.remaining.as_at == T("2023-10-31")  # as reported, first
    assert a.subtraction.amount == pytest.approx(90.0)  # 120 - (10 + 10 + 10) by subtraction, the cross-check
    assert "10.00 km² more than the subtraction gives" in a.cross_check
    assert a.years_needed == pytest.approx(10.0)  # 100 / 10
    # 31 Oct 2023 -> 1 Nov 2028: 1828 days = 5.0048 years; 100 / 5.0048 = 19.98 a year; / 10 = 1.998
    assert a.ratio == pytest.approx(100 / (1828 / 365.25) / 10)
    assert assessment.verdict(a) == "The requested period needs 2.0 times the annual figure shown in 2020-2022."
    # Every resampled year is 10 km²: 5.0048 years of 10 = 50.05 < 100, never done
    assert a.futures == 0
    assert dict(screen.key_figures(a))["Finished by the requested deadline when the annual figures are resampled"] \
        == "in 0 of 1,000 resampled futures"


def test_an_interim_request_has_no_completion_verdict():
    a = _assess("interim")
    assert assessment.is_completion_test(a) is False
    assert assessment.verdict(a).startswith("An interim request: the test is what the period delivers")
    labels = dict(screen.key_figures(a))
    assert "Years needed at that rate" not in labels and "Required / demonstrated rate" not in labels
    assert labels["Years requested"] == "5.0 years (interim: no completion verdict)"
    plan = pd.DataFrame({"year": [2023, 2024, 2025, 2026, 2027], "planned": [1.0] * 5, "unit": ["km2"] * 5,
                         "budget": [1, 1, 1, 1, None]})
    covered = dict(assessment.interim_coverage(a, plan))
    # the period runs from 2023 (the deadline extended) to 2028 (the one requested): 2028 has no milestone
    assert covered[assessment.INTERIM_DELIVERABLES[0]] == "no: no milestone for 2028"
    assert covered[assessment.INTERIM_DELIVERABLES[2]] == "no: some years have no budget"


def test_a_request_after_new_contamination_is_weighed_and_says_so():
    a = _assess("new contamination")
    assert assessment.is_completion_test(a)
    assert assessment.verdict(a) == ("A request after new contamination: The requested period needs 2.0 times "
                                     "the annual figure shown in 2020-2022.")


def test_a_type_not_in_the_data_is_read_as_completion_until_the_group_enters_one():
    a = _assess(None)
    assert a.request_type is None and any("type is not in the data" in f for f in a.flags)
    b = _assess(None, type_override="interim")
    assert b.request_type == "interim" and b.request_type_entered
    assert screen.type_text(b) == "interim (entered by the Group, not in the data)"
    c = _assess("completion", type_override="interim")  # the data's type wins
    assert c.request_type == "completion" and not c.request_type_entered


def test_bootstrap_on_a_hand_made_series():
    # Every draw is 2: 2.5 years give 2 + 2 + 0.5 x 2 = 5, so 5 remaining is met in every future, 5.01 in none.
    assert bootstrap.futures_meeting_deadline([2, 2, 2, 2], 5.0, 2.5) == 1000
    assert bootstrap.futures_meeting_deadline([2, 2, 2, 2], 5.01, 2.5) == 0
    # Draws from {1, 3, 5} over 2 years: 6 of the 9 equally likely pairs sum to 6 or more (1+5, 5+1, 3+3, 3+5,
    # 5+3, 5+5), so about 667 of 1,000 (binomial sd 15); the seed makes the count the same on every run.
    count = bootstrap.futures_meeting_deadline([1, 3, 5], 6.0, 2.0)
    assert 607 <= count <= 727
    assert bootstrap.futures_meeting_deadline([1, 3, 5], 6.0, 2.0) == count
    assert bootstrap.futures_meeting_deadline([1, 3], 6.0, 2.0) is None  # fewer than 3 years reported
    assert bootstrap.futures_text(412) == "in 412 of 1,000 resampled futures"


@pytest.mark.parametrize("submitted, precision, meeting, meeting_precision, expected", [
    # Iraq: 16 Nov 2022, meeting September 2023; 1 Sep 2023 less nine months = 1 Dec 2022: met
    (T("2022-11-16"), "day", T("2023-09-01"), "month", "met"),
    # 15 Dec 2022: after 1 Dec 2022, before 30 Dec 2022 (30 Sep 2023 less nine months): depends on the day
    (T("2022-12-15"), "day", T("2023-09-01"), "month", "unclear"),
    (T("2023-01-05"), "day", T("2023-09-01"), "month", "not met"),  # after 30 Dec 2022 whatever the day
    # Germany's second request: submitted "2024" (year), meeting September 2024: even 1 January 2024 is late
    (T("2024-01-01"), "year", T("2024-09-01"), "month", "not met"),
    (T("2024-01-01"), "year", None, None, "not in data"),
])
def test_nine_months_notice(submitted, precision, meeting, meeting_precision, expected):
    result, sentence = checks.nine_months(submitted, precision, meeting, meeting_precision)
    assert result == expected
    if expected == "not in data":
        assert sentence == "Nine months' notice: not in data (the date of the meeting is not in the data)."


def test_exceptional_circumstances_for_a_second_article_3_request_only():
    assert checks.exceptional_circumstances(3, 2)[0] is True
    assert checks.exceptional_circumstances(3, 3)[0] is True
    assert checks.exceptional_circumstances(3, 1)[0] is False
    assert checks.exceptional_circumstances(4, 2)[0] is False
    a = assessment.assess(_obligation(article=3), _request(request_no=2), "munitions", Baseline(100.0, None, "s"),
                          _progress([(2021, 10)]), T("2026-12-01"))
    assert a.exceptional[0]
    assert "Please set out the exceptional circumstances that justify a further request (Article 3.3)." \
        in assessment.questions(a)


def test_the_limit_check_is_one_line_in_words():
    a = _assess("completion")
    assert screen.limit_text(a) == "Within the limit of 5 years under Article 4 (up to 1 November 2028)."


def test_entries_round_trip_and_a_file_for_another_request_loads_nothing():
    saved = entries.Entries("DEU", 4, 2, date(2030, 8, 1), "interim", {"reasons": "survey of Wittstock"},
                            "year,unit,planned\n2026,km2,1\n")
    data = entries.entries_json(saved)
    loaded, message = entries.read_entries(data, "DEU", 4, 2)
    assert loaded == saved and message == "Entries loaded."
    nothing, message = entries.read_entries(data, "LAO", 4, 2)
    assert nothing is None
    assert message == "Nothing loaded: the file was made for DEU, Article 4, request 2, not for the request shown."
    assert entries.read_entries(b"not json", "DEU", 4, 2)[0] is None


def test_questions_name_the_gaps():
    a = assessment.assess(_obligation(), _request(), "area", Baseline(None, None, "none"),
                          _progress([(2019, 1), (2022, 1)]), T("2023-06-01"))
    asked = assessment.questions(a)
    assert "The request does not give the area containing cluster munition remnants at entry into force." in asked
    # entry into force 2013; figures for 2019 and 2022 only, the reference year 2023 not over
    assert "No clearance figures are reported for 2013-2018, 2020-2021." in asked


def test_the_cli_writes_an_interim_analysis_of_germany_with_a_draft_decision(db_path, tmp_path):
    out = tmp_path / "x.docx"
    assert main(["analysis", "DEU", "4", "--as-of", "2026-12-01", "--db", str(db_path), "--out", str(out)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    # DEU,4,2 (12MSP, granted 2030-08-01) is typed "interim" in the fixture's extension_requests.csv, with
    # request_type_basis and request_type_source "fixture"
    assert "An interim request" in text and "Draft decision" in text
    assert "an interim extension of its deadline" in text and "until 1 August 2030" in text
    assert "each 30 April" in text and "Questions to the requesting State" in text
    cells = {c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells}
    assert "interim: fixture (source: fixture)" in cells


def test_the_html_document_escapes_what_the_group_typed():
    a = _assess("completion")
    html = document.html_text(document.blocks(a, {"reasons": "<script>x</script>"}, None, None,
                                              pd.DataFrame({"file": ["a.csv"]}), "September 2025"))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
