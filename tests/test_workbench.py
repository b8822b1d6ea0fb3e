"""The workbench's arithmetic on hand-made frames, with the expected values worked out by hand."""
import math

import pandas as pd
import pytest

from ccm_analytics.workbench import assessment, progress, projection, screen
from ccm_analytics.workbench.progress import Baseline

T = pd.Timestamp


def _progress(rows, cumulative=()):
    """rows: [(year, amount, qualifier)]"""
    return pd.DataFrame({"year": [r[0] for r in rows], "amount": [float(r[1]) for r in rows],
                         "qualifier": [r[2] for r in rows], "cumulative": [r[0] in cumulative for r in rows],
                         "note": [None] * len(rows), "source": ["test"] * len(rows)},
                        columns=["year", "amount", "qualifier", "cumulative", "note", "source"])


# --- demonstrated rate ----------------------------------------------------------------------------------

def test_rate_is_the_mean_of_the_last_three_years_with_a_figure():
    p = _progress([(2018, 10, "exact"), (2019, 20, "approx"), (2021, 30, "exact"), (2022, 40, "lower bound")])
    rate = progress.demonstrated_rate(p)
    assert rate.rate == pytest.approx(30.0)  # (20 + 30 + 40) / 3; 2020 has no figure and is skipped
    assert rate.years["year"].tolist() == [2019, 2021, 2022]
    assert "2019 (approx), 2021 (exact), 2022 (lower bound)" in rate.note


def test_rate_from_a_single_year_says_so():
    rate = progress.demonstrated_rate(_progress([(2015, 8.78, "exact")]))
    assert rate.rate == pytest.approx(8.78)
    assert rate.note.startswith("only 1 year with a reported figure (fewer than 3)")


def test_zero_progress_no_figures_gives_no_rate():
    rate = progress.demonstrated_rate(_progress([]))
    assert rate.rate is None and rate.years.empty and "no demonstrated rate" in rate.note


def test_cumulative_figures_are_left_out_of_the_rate():
    p = _progress([(2012, 139, "not stated"), (2019, 5, "not stated"), (2020, 160, "not stated")], cumulative={2012})
    rate = progress.demonstrated_rate(p)
    assert rate.rate == pytest.approx(82.5)  # (5 + 160) / 2, the 2012 cumulative figure left out
    assert rate.years["year"].tolist() == [2019, 2020]


def test_a_rate_of_zero():
    p = _progress([(2020, 0, "exact"), (2021, 0, "exact"), (2022, 0, "exact")])
    rate = progress.demonstrated_rate(p)
    assert rate.rate == 0.0
    assert projection.years_needed(10.0, rate.rate) == math.inf
    assert pd.isna(projection.project_completion(10.0, T("2022-12-31"), rate.rate))
    assert projection.rate_ratio(5.0, rate.rate) == math.inf
    assert screen.format_years(projection.years_needed(10.0, 0.0)) == "never at this rate"


# --- what remains, years, rates ------------------------------------------------------------------------

def test_remaining_subtracts_the_years_after_the_baseline():
    base = Baseline(100.0, 2020, "area")
    p = _progress([(2019, 50, "exact"), (2020, 5, "exact"), (2021, 10, "exact"), (2022, 20, "approx")])
    left = projection.subtracted(base, p, completed=False, entry_into_force=T("2010-08-01"))
    assert left.amount == pytest.approx(70.0)  # 100 - (10 + 20): 2019 and 2020 are in the baseline already
    assert left.as_at == T("2022-12-31")


def test_remaining_article3_stock_less_everything_reported():
    base = Baseline(2012.0, None, "stock")
    p = _progress([(2019, 5, "n"), (2020, 160, "n"), (2021, 296, "n"), (2022, 542, "n")])
    left = projection.subtracted(base, p, completed=False, entry_into_force=T("2013-03-01"))
    assert left.amount == pytest.approx(1009.0)  # 2012 - (5 + 160 + 296 + 542) = 2012 - 1003
    assert left.as_at == T("2022-12-31")


def test_remaining_without_baseline_is_unknown_and_after_completion_zero():
    p = _progress([(2021, 1, "exact")])
    assert projection.subtracted(Baseline(None, None, "none"), p, False, T("2010-08-01")).amount is None
    assert projection.subtracted(Baseline(5.0, 2020, "a"), p, True, T("2010-08-01")).amount == 0.0


def test_years_needed_and_required_rate():
    assert projection.years_needed(70.0, 30.0) == pytest.approx(7 / 3)
    assert projection.years_needed(0.0, 0.0) == 0.0
    assert projection.years_needed(None, 3.0) is None
    # 31 Dec 2023 -> 1 Nov 2028: 366 + 365 + 365 + 365 days to 31 Dec 2027, then 306 days = 1767 days;
    # 1767 / 365.25 = 4.8378 years; 200 / 4.8378 = 41.34 km² a year (Iraq's figures).
    assert projection.required_rate(200.0, T("2023-12-31"), T("2028-11-01")) == pytest.approx(41.341, abs=1e-3)
    assert projection.required_rate(200.0, T("2023-12-31"), pd.NaT) is None
    assert projection.rate_ratio(41.341, 8.78) == pytest.approx(4.7086, abs=1e-3)
    # 1 Nov 2023 -> 1 Nov 2028: five years with two 29 Februaries = 1827 days = 5.002 years
    assert projection.years_between(T("2023-11-01"), T("2028-11-01")) == pytest.approx(1827 / 365.25)


# --- the treaty's limit ------------------------------------------------------------------------------------

@pytest.mark.parametrize("article, extends, requested, expected", [
    (4, "2023-11-01", "2028-11-01", True),   # exactly 5 years
    (4, "2023-11-01", "2028-11-02", False),  # a request longer than the limit
    (3, "2021-03-01", "2025-03-01", True),   # exactly 4 years
    (3, "2021-03-01", "2026-03-01", False),  # 5 years under Article 3
    (4, "2023-11-01", None, None),           # requested deadline unknown
])
def test_within_limit(article, extends, requested, expected):
    requested = T(requested) if requested else pd.NaT
    assert projection.within_limit(T(extends), requested, article) is expected


# --- projections --------------------------------------------------------------------------------------------

def test_projection_flat_rate():
    # 10 left at 31 Dec 2022, 5 a year: 5 in 2023, 5 in 2024: done on 31 December 2024
    assert projection.project_completion(10.0, T("2022-12-31"), 5.0) == T("2024-12-31")
    # 4 a year: 8 by the end of 2024, the last 2 take half of 2025: day round(0.5 * 365) = 182 of 2025 = 1 July
    assert projection.project_completion(10.0, T("2022-12-31"), 4.0) == T("2025-07-01")
    assert projection.project_completion(0.0, T("2022-12-31"), 4.0) == T("2022-12-31")  # nothing left
    assert pd.isna(projection.project_completion(None, T("2022-12-31"), 4.0))


def test_projection_rate_per_year_then_the_last_rate_goes_on():
    # 2023: 2, 2024: 3 (5 done), 2025: 3 more (8), 2026: needs 2 of 3: day round(2/3 * 365) = 243 = 31 August
    assert projection.project_completion(10.0, T("2022-12-31"), {2023: 2.0, 2024: 3.0}) == T("2026-08-31")
    assert pd.isna(projection.project_completion(10.0, T("2022-12-31"), {2023: 2.0, 2024: 0.0}))  # stops at 2


def test_missing_years_and_ranges():
    p = _progress([(2016, 1, "e"), (2017, 1, "e"), (2019, 1, "e"), (2022, 1, "e")])
    gaps = progress.missing_years(p, 2014, 2024)
    assert gaps == [2014, 2015, 2018, 2020, 2021, 2023, 2024]
    assert progress.year_ranges(gaps) == "2014-2015, 2018, 2020-2021, 2023-2024"


# --- the whole assessment ---------------------------------------------------------------------------------

def _obligation(**kw):
    row = {"iso3": "XXX", "state_name": "Testland", "article": 4, "status": "extension requested",
           "entry_into_force_date": T("2013-11-01"), "current_deadline": T("2023-11-01"), "completion_date": pd.NaT}
    row.update(kw)
    return row


def _request(**kw):
    row = {"request_no": 1, "meeting": "11MSP", "document": None, "decision": "decision not recorded",
           "extends_deadline": T("2023-11-01"), "requested_deadline": T("2028-11-01"), "source": "test"}
    row.update(kw)
    return row


def test_assessment_of_a_request():
    a = assessment.assess(_obligation(), _request(), "area", Baseline(200.0, 2023, "area"),
                  _progress([(2015, 8.78, "exact")]), T("2026-11-28"))
    assert a.remaining.amount == 200.0 and a.remaining.as_at == T("2023-12-31")
    assert a.years_needed == pytest.approx(200 / 8.78)  # 22.78 years
    assert a.years_requested == pytest.approx(1827 / 365.25)
    assert a.within_limit is True and a.limit_date == T("2028-11-01")
    assert screen.format_ratio(a.ratio) == "4.71 times"
    assert any("Fewer than 3 years" in f for f in a.flags)
    assert any("2016-2025" in f for f in a.flags)  # missing years since entry into force
    day, text = screen.scenario(a, 50.0)  # 200 at 50 a year from 31 Dec 2023: 4 years, 31 December 2027
    assert day == T("2027-12-31")
    assert text == "0.8 years before the requested deadline"  # 306 days = 0.84 years


def test_assessment_when_completion_is_already_declared():
    a = assessment.assess(_obligation(status="completed", completion_date=T("2023-09-01")), _request(decision="granted"),
                  "area", Baseline(2.24, 2020, "area"), _progress([(2017, 0.27, "exact")]), T("2026-11-28"))
    assert a.remaining.amount == 0.0
    assert pd.isna(a.projected_completion) and a.required_rate is None
    assert screen.scenario(a, 1.0) == (pd.NaT, "completion is recorded: nothing to project")
    assert dict(screen.key_figures(a))["Years needed at that rate"] == "none: completion is recorded"


def test_assessment_with_a_request_longer_than_the_limit_and_an_entered_deadline():
    a = assessment.assess(_obligation(), _request(requested_deadline=pd.NaT), "area", Baseline(10.0, 2023, "area"),
                  _progress([]), T("2026-11-28"), requested_override=T("2030-01-01"))
    assert a.requested_deadline_entered and a.within_limit is False  # 1 Nov 2023 + 5 years = 1 Nov 2028
    assert screen.limit_text(a) == ("Longer than the limit of 5 years under Article 4: 6.2 years requested, "
                                    "the limit ends on 1 November 2028.")  # 1 Nov 2023 to 1 Jan 2030: 2253 days
    assert any("entered on this page" in f for f in a.flags)
    assert a.rate.rate is None and a.years_needed is None and a.ratio is None
    numbers = screen.numbers(a)
    assert numbers.loc[numbers["item"] == "requested deadline", "value"].item() == "2030-01-01"


# --- one scope per series ------------------------------------------------------------------------------

def _clearance(rows):
    """article4_clearance_by_year rows: (iso3, year, area cleared, scope)."""
    return pd.DataFrame([{"iso3": i, "year": y, "area_cleared_km2": a, "area_qualifier": "exact",
                          "area_reduced_km2": None, "area_cancelled_km2": None,
                          "submunitions_destroyed": None, "submunitions_qualifier": None, "scope": s,
                          "notes": None, "source": f"{s} {y}"} for i, y, a, s in rows])


def test_a_series_keeps_one_scope_and_never_an_operator_or_all_uxo_figure():
    clearance = _clearance([
        ("AAA", 2018, 5.0, "Monitor"), ("AAA", 2019, 6.0, "Monitor"),
        ("AAA", 2019, 9.0, "Mine Action Review"),  # the same year by another method: not mixed in
        ("AAA", 2020, 50.0, "not CMR-specific"), ("AAA", 2021, 1.0, "operator"),
        ("AAA", 2022, 7.0, "Monitor"), ("BBB", 2019, 3.0, "Monitor"),
    ])
    series = progress.progress_by_year(4, "AAA", "area", None, clearance, T("2023-06-30"))
    # Monitor has 3 years with a figure (2018, 2019, 2022), Mine Action Review 1: the series is Monitor's.
    assert series["year"].tolist() == [2018, 2019, 2022]
    assert series["amount"].tolist() == [5.0, 6.0, 7.0]
    assert progress.demonstrated_rate(series).rate == pytest.approx(6.0)  # (5 + 6 + 7) / 3


def test_series_scope_prefers_national_on_a_tie():
    assert progress.series_scope(pd.Series(["Mine Action Review", "national"])) == "national"
    assert progress.series_scope(pd.Series(["Mine Action Review", "Mine Action Review", "national"])) == "Mine Action Review"
    assert progress.series_scope(pd.Series([], dtype=object)) is None
