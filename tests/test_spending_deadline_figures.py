"""The Budget and Article 3/4 deadlines pages' computed results (computed_spending, computed_deadlines):
the same frames, texts and figures as the analyses the pages used to call directly, the same file
bytes as ui.download_buttons, and a rerun that recomputes nothing."""

import oracles
import pandas as pd
import plotly.io
import pytest
from conftest import PROJECT_DIR

from ccm_analytics.deadlines import extensions
from ccm_analytics.deadlines import figures as deadlines_figures
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.spending import figures as spending_figures
from ccm_analytics.store import queries
from ccm_analytics.store.build import connect_read_only

T = pd.Timestamp
APP = str(PROJECT_DIR / "app.py")


def _same_figure(a, b) -> None:
    assert plotly.io.to_json(a, validate=False) == plotly.io.to_json(b, validate=False)


def _facts(con):
    return state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))


# --- Budget and contributions ------------------------------------------------------------------------

@pytest.fixture()
def money_con(money_db):
    connection = connect_read_only(money_db)
    yield connection
    connection.close()


def test_budget_before_the_plan_and_in_a_year_without_budget(con):
    got = spending_figures.page(con, T("2011-01-01")).budget
    assert got.plan_known is False  # the work plan was adopted in November 2020
    assert got.year_total is None  # no budget for 2011: the page says "none on record"


def test_contributions_on_record_but_none_received_yet(money_con):
    got = spending_figures.page(money_con, T("2024-03-01"))
    assert got.contributions is not None and got.contributions.years == [2025]  # only NOR's undated record
    got = spending_figures.page(money_con, T("2011-01-01"))
    assert got.contributions.years == [2025] and got.has_actuals is False  # 2024 not yet spent in 2011


# --- Article 3 and 4 deadlines -------------------------------------------------------------------------

def _direct_tracker(con, as_of):
    states = queries.table(con, "states")
    requests = oracles.requests_at(queries.table(con, "extension_requests"), _facts(con), as_of)
    rows = extensions.tracker(queries.obligation_deadlines_at(con, as_of), requests,
                              queries.table(con, "article3_stockpiles"), states)
    return rows, requests


def test_deadlines_view_counts_on_the_reference_date(con):
    got = deadlines_figures.tracker_view(con, T("2026-11-28"))
    # As tests/test_deadline_pages.py: 35 completed; 7 requests without a recorded decision, every one past its
    # obligation's deadline (AFG, CHL, DEU, LAO, LBN, MRT, SOM: rows of extension_requests.csv without a
    # granted_deadline); 2 on track (South Sudan; Iraq, IRQ,4,1 granted 2028-11-01); 2 unknown (Guinea, Chad).
    assert (got.counts["completed"], got.counts["deadline passed, extension requested"],
            got.counts["extension requested"], got.counts["on track"], got.counts["unknown"]) == (35, 7, 0, 2, 2)
    assert len(got.table) == 46
    nothing = deadlines_figures.tracker_view(con, T("2026-11-28"), (3,), ("on track",), ())
    assert nothing.empty and nothing.timeline is None and nothing.requests_table is None  # South Sudan's is Article 4


# --- ui: files of a computed result, and a rerun that recomputes nothing ---------------------------------


def _count_calls(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args):
        calls.append(args[1:])
        return original(*args)
    monkeypatch.setattr(module, name, counted)
    return calls


