"""The States the app can show, with UN names and M49 regions from hdx-python-country (offline)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
from hdx.location.country import Country


@lru_cache(maxsize=1)
def _countries() -> dict:
    return Country.countriesdata(use_live=False)["countries"]


def states_frame() -> pd.DataFrame:
    """One row per State on the UNTERM list: the 193 UN Member States, Holy See, State of Palestine,
    Cook Islands and Niue (197)."""
    # M49's English names (with a plain apostrophe): the library's "English Short" gives "Naoero" for Nauru.
    rows = [
        (iso3, info["M49 English"].replace("’", "'"), info["Region Name"], info["Sub-region Name"], int(info["m49 numerical code"]))
        for iso3, info in _countries().items()
        if info.get("Appears in UNTERM list") == "Y"
    ]
    frame = pd.DataFrame(rows, columns=["iso3", "state_name", "un_region", "un_subregion", "m49_code"])
    return frame.sort_values("state_name", key=lambda s: s.str.normalize("NFKD")).reset_index(drop=True)
