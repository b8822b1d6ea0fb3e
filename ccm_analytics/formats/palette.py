"""The app's colours, one place: every chart takes its colours from here.

Categorical series (regions, budget lines, anything without an order) use the Okabe–Ito palette
(Okabe & Ito, "Color Universal Design", 2008), chosen to stay apart under protanopia and deuteranopia.
The status palettes predate it and were already distinguishable under simulation; they are kept so
that a status has the same colour on every page. tests/test_palette.py checks every pair of every
palette here: CIEDE2000 distance >= 6 with normal vision and under Machado (2009) protan and deutan
simulation.
"""
from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000",
}
# Categorical order: yellow left out (too pale for bars and lines on white); the first five are the
# five whose closest pair is furthest apart under simulation.
CATEGORICAL = tuple(OKABE_ITO[n] for n in ("orange", "sky blue", "bluish green", "blue", "vermillion",
                                           "reddish purple"))

PRIMARY = "#1f5f8b"  # a single series: the dark blue of "State Party" and "submitted on time"
PALE = "#7fb2d6"  # its lighter companion (not yet in force, extensions granted)
AMBER = "#e0a526"
ALERT = "#b03a2e"  # withdrawn, missing, the reference-date line
NEUTRAL = "#c8c8c8"  # "other", "not signatory", context bars
DARK = "#333333"  # outlines and marks
SEQUENTIAL = [[0.0, "#deebf7"], [1.0, "#08306b"]]  # one quantity from low to high (Blues)

TREATY_STATUS = {"State Party": PRIMARY, "in force": PRIMARY, "not yet in force": PALE,
                 "Signatory": AMBER, "Not signatory": NEUTRAL, "Withdrawn": ALERT}

REGIONS = dict(zip(("Africa", "Americas", "Asia", "Europe", "Oceania"), CATEGORICAL))

ARTICLE7_STATUS = {
    "submitted on time": PRIMARY,
    "submitted late": PALE,
    "submitted, date unknown": OKABE_ITO["reddish purple"],  # was lavender: 3.2 from "late" under deutan
    "missing": ALERT,
    "overdue": ALERT,  # the same meaning as "missing", on the rates chart
    "no record in data": "#f0f0f0",
    "not yet due": "#f6e3b4",  # pale amber: not the white of "not owed"
    "unknown": NEUTRAL,
}

ARTICLE9_STATUS = {
    "specific legislation adopted": PRIMARY,
    "existing law deemed sufficient": PALE,
    "legislation in progress": AMBER,
    "none reported": ALERT,
    "unknown": "#a6a6a6",
    "not a State Party": "#eeeeee",
}

DEADLINE_SHADES = {"original": PRIMARY, "extension": PALE, "requested": AMBER, "completion": "#222222",
                   "reported": PRIMARY, "plan": AMBER, "projection": PALE, "required": ALERT}

# Land released per year by method (the workbench): cleared and reduced count in the rate, cancelled does not.
LAND_RELEASE = {"cleared": PRIMARY, "reduced by technical survey": "#5b8fb9",
                "cancelled by non-technical survey": "#666666"}


def categorical(names) -> dict[str, str]:
    """A colour per name, in the categorical order (cycling after six)."""
    return {name: CATEGORICAL[i % len(CATEGORICAL)] for i, name in enumerate(names)}
