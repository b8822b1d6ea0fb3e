"""Whose figure a clearance (land release) row is: the vocabulary of `article4_clearance_by_year.scope`.

Monitor and Mine Action Review figures differ in method, a single operator's figure covers part of a
country and an all-UXO total is not specific to cluster munition remnants: a rate of progress uses
one scope only, and only a scope in `RATE_SCOPES`.
"""
from __future__ import annotations

SCOPES: dict[str, str] = {
    "national": "the State's own figure (or its mine action centre's, all operators)",
    "Monitor": "the Landmine and Cluster Munition Monitor's figure for the State",
    "Mine Action Review": "Mine Action Review's figure for the State",
    "operator": "one operator's figure: part of the State's clearance only",
    "not CMR-specific": "a total for all unexploded ordnance, not cluster munition remnants alone",
    "global (Monitor)": "the Monitor's total over all States and other areas",
    "global (Mine Action Review)": "Mine Action Review's total over all States and other areas",
}
RATE_SCOPES = ("national", "Monitor", "Mine Action Review")
GLOBAL_SCOPES = ("global (Monitor)", "global (Mine Action Review)")


def scope_of(text: str) -> str:
    """The scope in `SCOPES` that a source's wording names (e.g. "national (Monitor) - before EIF" -> Monitor)."""
    wording = text.strip()
    rules = (("global total reported by Monitor", "global (Monitor)"),
             ("global total reported by Mine Action Review", "global (Mine Action Review)"),
             ("all UXO", "not CMR-specific"), ("operator", "operator"),
             ("national (Monitor)", "Monitor"), ("national (Mine Action Review)", "Mine Action Review"),
             ("national", "national"))
    for start, scope in rules:
        if wording.startswith(start):
            return scope
    raise ValueError(f"clearance scope {text!r}: not a known wording (add it to land_release.scope_of)")
