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
    # The fixture on 28 November 2026 (data current to 30 September 2025), 11 obligations:
    # completed 6: Article 3 AUT (8 Nov 2010), BGR (15 Mar 2021, within its extension to 1 Apr 2021), GBR
    #   (December 2013), PER (date not in the data, completed by 30 Sep 2025); Article 4 HRV (10 Jul 2019), MOZ
    #   (unconfirmed obligation, completed by 31 Dec 2018);
    #   ESP destroyed before entry into force and NOR had no stockpile: no obligation.
    # deadline passed, extension requested 1: LAO (extended to 1 Aug 2025; LAO,4,2 has no recorded decision).
    # overdue 1: TCD (extended to 1 Oct 2024, passed before the data end, no further request, no completion).
    # on track 2: DEU (extended to 1 Aug 2030 at 12MSP), SSD (EIF 1 Feb 2024 + 10 years = 1 Feb 2034).
    # unknown 1: SEN (stockpiling not confirmed). None "extension requested": LAO's deadline has passed.
    assert (got.counts["completed"], got.counts["deadline passed, extension requested"],
            got.counts["extension requested"], got.counts["overdue"], got.counts["on track"],
            got.counts["unknown"]) == (6, 1, 0, 1, 2, 1)
    assert len(got.table) == 11
    nothing = deadlines_figures.tracker_view(con, T("2026-11-28"), (3,), ("on track",), ())
    assert nothing.empty and nothing.timeline is None and nothing.requests_table is None  # DEU's and SSD's are Article 4
    some = deadlines_figures.tracker_view(con, T("2026-11-28"), (4,), ("on track",), ())
    assert not some.empty and len(some.table) == 2  # DEU and SSD


# --- ui: files of a computed result, and a rerun that recomputes nothing ---------------------------------


def _count_calls(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def counted(*args):
        calls.append(args[1:])
        return original(*args)
    monkeypatch.setattr(module, name, counted)
    return calls


