"""Every palette of formats.palette stays apart under colour-vision deficiency (CIEDE2000 >= 6)."""
import itertools

import pytest
from colour_distance import ciede2000, distance, lab

from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.formats import palette
from ccm_analytics.spending.charts import LINE_COLOURS
from ccm_analytics.universalization.charts import REGION_COLOURS

MINIMUM = 6.0
PALETTES = {
    "categorical": dict(enumerate(palette.CATEGORICAL)),
    "regions": palette.REGIONS,
    "budget lines": palette.categorical(BUDGET_LINES),
    "treaty status": palette.TREATY_STATUS,
    "article 7 status": palette.ARTICLE7_STATUS,
    "article 9 status": palette.ARTICLE9_STATUS,
    "deadline shades": palette.DEADLINE_SHADES,
    "land release": palette.LAND_RELEASE,
}


def test_ciede2000_matches_published_pairs():
    """Sharma, Wu & Dalal (2005), table 1, pairs 1, 3 and 17: ΔE00 2.0425, 1.0000, 27.1492."""
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
    assert ciede2000((50, -1.3802, -84.2814), (50, 0, -82.7485)) == pytest.approx(1.0, abs=1e-4)
    assert ciede2000((50, 2.5, 0), (73, 25, -18)) == pytest.approx(27.1492, abs=1e-4)


def test_simulation_merges_red_and_green_but_not_blue_and_yellow():
    """Machado's deutan matrix makes pure red and green close and leaves white white (its rows sum to 1)."""
    assert distance("#ff0000", "#00ff00", "normal") > 80
    assert distance("#ff0000", "#00ff00", "deutan") < distance("#ff0000", "#00ff00", "normal") / 2
    assert lab("#ffffff", "deutan")[0] == pytest.approx(100, abs=0.1)
    assert distance("#0000ff", "#ffff00", "deutan") > 60


def test_the_old_region_colours_were_too_close():
    """The issue's finding, so that the check can fail: Africa #8c6d31 / Asia #b5651d under protan 3.8."""
    assert distance("#8c6d31", "#b5651d", "protan") < MINIMUM


@pytest.mark.parametrize("vision", ["normal", "protan", "deutan"])
@pytest.mark.parametrize("name", list(PALETTES))
def test_every_pair_is_apart(name, vision):
    """Each pair of distinct colours of the palette: ΔE00 >= 6 as seen with `vision`."""
    colours = sorted(set(c.lower() for c in PALETTES[name].values()))
    close = [(a, b, round(distance(a, b, vision), 1)) for a, b in itertools.combinations(colours, 2)
             if distance(a, b, vision) < MINIMUM]
    assert not close, f"{name} under {vision}: pairs under ΔE {MINIMUM}: {close}"


def test_charts_take_their_colours_from_the_palette():
    """The region and budget-line charts use the tested palettes, not colours of their own."""
    assert REGION_COLOURS == palette.REGIONS
    assert LINE_COLOURS == palette.categorical(BUDGET_LINES)
