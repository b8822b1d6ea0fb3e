"""Vocabularies the whole app shares: each a fact typed once."""
from __future__ import annotations

# The ISU budget lines, in the order the 2021-2025 Work Plan and Budget prints them.
BUDGET_LINES = ("Salaries", "Social charges", "Communication", "Travel", "Other implementation support costs")
# How exact a reported figure is.
QUALIFIERS = ("exact", "approx", "lower bound")
# What an extension request asks for (Articles 3.3 and 4.5): time to finish, an interim period (survey
# or time-bound, to come back with an evidence-based plan), or time for contamination found after a
# declared completion.
REQUEST_TYPES = ("completion", "interim", "new contamination")
