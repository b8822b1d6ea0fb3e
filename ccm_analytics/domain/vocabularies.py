"""Vocabularies the whole app shares: each a fact typed once."""
from __future__ import annotations

# The ISU budget lines, in the order the 2021-2025 Work Plan and Budget prints them.
BUDGET_LINES = ("Salaries", "Social charges", "Communication", "Travel", "Other implementation support costs")
# How exact a reported figure is.
QUALIFIERS = ("exact", "approx", "lower bound")
