"""The one cache of page figures: by function object, database file and arguments."""
import pandas as pd

from ccm_analytics import ui

CALLS: list[tuple] = []


def _counted(con, as_of, region=None):
    CALLS.append((as_of, region))
    return {"as_of": as_of, "rows": con.execute("SELECT count(*) FROM states").fetchone()[0]}


def _other(con, as_of, region=None):
    CALLS.append(("other", as_of))
    return "other"


def test_figures_are_computed_once_per_function_and_arguments(db_path):
    CALLS.clear()
    day = pd.Timestamp("2019-03-01")
    first = ui.figures(_counted, day)
    assert first == {"as_of": day, "rows": 39} and CALLS == [(day, None)]  # the fixture's 39 States (states.csv)
    assert ui.figures(_counted, day) is first  # the same object again: nothing recomputed
    assert len(CALLS) == 1
    ui.figures(_counted, day, "Africa")  # other arguments: computed
    ui.figures(_other, day)  # another function with the same arguments: computed, never confused
    assert CALLS == [(day, None), (day, "Africa"), ("other", day)]
    assert ui.figures(_other, day) == "other" and len(CALLS) == 3
