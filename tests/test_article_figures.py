"""The Article 7 and Article 9 pages' computed results (computed_article7/9) hold what the direct
analyses give; the Article 7 heatmap's grid, filled without a loop, worked out by hand."""
import pandas as pd

from ccm_analytics.article7 import charts
from ccm_analytics.article7.reports import ANNUAL_STATUSES

T = pd.Timestamp


def test_annual_heatmap_grid():
    annual = pd.DataFrame({
        "state_name": ["beta", "Alpha", "Alpha", "beta", "Alpha"],
        "reporting_year": [2020, 2020, 2021, 2022, 2021],
        "status": ["missing", "submitted on time", "unknown", "not yet due", "submitted late"],
    })
    fig = charts.annual_heatmap(annual)
    heat = fig.data[0]
    code = {s: i for i, s in enumerate(ANNUAL_STATUSES)}
    # Rows sorted case-insensitively, reversed: beta above Alpha; columns 2020, 2021, 2022.
    assert list(heat.y) == ["beta", "Alpha"]
    assert list(heat.x) == ["2020", "2021", "2022"]
    # Alpha 2021 appears twice: the last row ("submitted late") wins. Pairs without a row stay blank.
    assert [list(r) for r in heat.text] == [["missing", "", "not yet due"],
                                            ["submitted on time", "submitted late", ""]]
    z = [[None if pd.isna(v) else v for v in r] for r in heat.z]
    assert z == [[code["missing"], None, code["not yet due"]],
                 [code["submitted on time"], code["submitted late"], None]]


