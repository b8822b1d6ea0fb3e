"""How often the requested deadline is met when the reported annual figures are resampled.

A simple bootstrap: each resampled future draws, for every year from the remaining figure's date to the
requested deadline, one of the reported annual figures (with replacement, equal chances), and counts
whether their sum reaches what remains. Seeded, so the same inputs give the same count.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

FUTURES = 1000
SEED = 20100801  # the Convention's entry into force: any fixed seed would do
MIN_YEARS = 3  # fewer reported years say too little about the spread


def futures_meeting_deadline(annual: list[float], remaining_amount: float | None, years: float | None,
                             futures: int = FUTURES, seed: int = SEED) -> int | None:
    """In how many of `futures` resampled futures the work remaining is done within `years` (a part-year
    counts as that share of a drawn year); None with fewer than MIN_YEARS figures or unknown inputs."""
    if remaining_amount is None or years is None or len(annual) < MIN_YEARS:
        return None
    if remaining_amount <= 0:
        return futures
    if years <= 0:
        return 0
    whole = math.floor(years)
    part = years - whole
    rng = np.random.default_rng(seed)
    draws = rng.choice(np.asarray(annual, dtype=float), size=(futures, whole + 1), replace=True)
    weights = np.array([1.0] * whole + [part])
    done = draws @ weights
    return int((done >= remaining_amount - 1e-9).sum())


def futures_text(count: int | None, futures: int = FUTURES) -> str:
    """ "in 412 of 1,000 resampled futures" or why there is no count."""
    if count is None:
        return (f"not computed (fewer than {MIN_YEARS} years reported, or what remains or the requested deadline "
                "unknown)")
    return f"in {count:,} of {futures:,} resampled futures"


def annual_figures(progress: pd.DataFrame) -> list[float]:
    """The single-year figures a bootstrap draws from."""
    return [float(v) for v in progress.loc[~progress["cumulative"].astype(bool), "amount"]]
