"""Facts of the shipped data (data/), moved from the views, Universalization, profile, Explore and SQL console
tests: the real record's counts, dates and figures (shipped_con, shipped_db_path, on_shipped_db)."""
import json
from datetime import date

import pandas as pd
from pages_support import run_page

from ccm_analytics.country_profile import figures as country_profile_figures
from ccm_analytics.overview import figures as overview_figures
from ccm_analytics.sql_console.sandbox import run_query
from ccm_analytics.store import queries
from ccm_analytics.universalization import figures as universalization_figures


def test_explore_state_status_has_197_states(shipped_con, shipped_db_path):
    assert len(queries.table(shipped_con, "state_status")) == 197
    assert run_query("SELECT count(*) FROM states", db=shipped_db_path).rows == [(197,)]
    assert len(country_profile_figures.picker(shipped_con).options) == 197


def test_explore_known_figures(shipped_con):
    by_year = queries.table(shipped_con, "parties_by_year").set_index("year")
    assert by_year.loc[2008, "states_parties"] == 4  # Holy See, Ireland, Norway, Sierra Leone (3 Dec 2008)
    # 94 signatures by 31 December 2008 (treaty_events.csv), 4 of them ratified by then (IRL, NOR, SLE, VAT)
    assert by_year.loc[2008, "signatories_only"] == 90
    assert by_year.loc[2025, ["states_parties", "in_force", "withdrawals"]].tolist() == [112, 111, 1]
    lithuania = queries.state_status_at(shipped_con, pd.Timestamp("2025-03-06")).set_index("iso3").loc["LTU"]
    assert lithuania["status"] == "Withdrawn"
    assert lithuania["entry_into_force_date"] == pd.Timestamp("2011-09-01")
    assert shipped_con.execute("SELECT thirtieth_deposit()").fetchone()[0] == date(2010, 2, 16)
    # Lithuania's withdrawal took effect on 6 March 2025
    assert overview_figures.overview_figures(shipped_con, pd.Timestamp("2025-03-06")).counts["states_parties"] == 111


def test_explore_vanuatu_enters_into_force_on_1_march_2026(shipped_con):
    def counts(day):
        status = queries.state_status_at(shipped_con, pd.Timestamp(day))
        parties = status[status["status"] == "State Party"]
        return len(parties), int((~parties["in_force"].astype(bool)).sum())
    assert counts("2026-02-28")[1] == 1  # Vanuatu, in force 1 March 2026
    assert counts("2026-03-01") == (112, 0)
    vanuatu = queries.state_status_at(shipped_con, pd.Timestamp("2026-03-01")).set_index("iso3").loc["VUT"]
    assert vanuatu["entry_into_force_date"] == pd.Timestamp("2026-03-01")


def test_explore_obligation_statuses(shipped_con):
    at = lambda day: queries.obligation_deadlines_at(shipped_con, pd.Timestamp(day)).set_index(["iso3", "article"])  # noqa: E731
    late_2025 = at("2025-09-30")
    assert late_2025.loc[("PER", 3), "status"] == "completed"
    assert late_2025.loc[("PER", 3), "current_deadline"] == pd.Timestamp("2024-04-01")
    assert late_2025.loc[("BGR", 3), "extensions_granted"] == 3
    # LAO,4,1 granted 2025-08-01 (9MSP); LAO,4,2 (12MSP) has no recorded decision: on 30 September 2025 the
    # deadline has passed, on 31 July 2025 it had not.
    assert late_2025.loc[("LAO", 4), "status"] == "deadline passed, extension requested"
    assert at("2025-07-31").loc[("LAO", 4), "status"] == "extension requested"
    assert late_2025.loc[("GIN", 3), "status"] == "unknown"  # stockpiling not confirmed
    assert late_2025.loc[("SSD", 4), "status"] == "on track"
    assert ("CAN", 3) not in late_2025.index  # destroyed before entry into force
    assert ("GBR", 4) not in late_2025.index  # no remnants reported
    # Chad's deadline (1 October 2026) passes after the data end (September 2025): unknown, not overdue.
    assert at("2026-11-28").loc[("TCD", 4), "status"] == "unknown"
    assert at("2026-06-01").loc[("TCD", 4), "status"] == "due within 12 months"
    # Before its 10MSP decision (September 2022) Bulgaria's deadline was the 2RC one.
    assert at("2022-06-30").loc[("BGR", 3), "current_deadline"] == pd.Timestamp("2022-10-01")
    assert at("2022-06-30").loc[("BGR", 3), "status"] == "due within 12 months"


def test_explore_isu_budget_by_year(shipped_con):
    frame = shipped_con.execute("SELECT year, sum(amount_chf) FROM isu_budget WHERE kind = 'budget' GROUP BY year "
                                "ORDER BY year").fetchall()
    assert [(y, int(a)) for y, a in frame] == [(2021, 469686), (2022, 486194), (2023, 495057), (2024, 477724),
                                               (2025, 497138)]


def test_explore_signatories_and_states_not_signed(shipped_con):
    # Angola signed on 3 December 2008 and has not ratified; Algeria has not signed (treaty_events.csv).
    every = universalization_figures.figures(shipped_con, pd.Timestamp("2026-11-28")).every_state.set_index("iso3")
    assert every.loc["AGO", "signature_date"] == "3 December 2008"
    assert every.loc["AGO", "consent_date"] == "not ratified"
    assert every.loc["DZA", "signature_date"] == "not signed" and every.loc["DZA", "consent_date"] == "not ratified"
    assert "unknown" not in set(every["signature_date"]) | set(every["consent_date"])
    targets = universalization_figures.targets(shipped_con, pd.Timestamp("2026-11-28"))
    assert targets.others.set_index("iso3").loc["DZA", "consent_date"] == "not ratified"
    assert len(targets.signatories) == 12
    asia = universalization_figures.targets(shipped_con, pd.Timestamp("2026-11-28"), ("Asia",)).signatories
    assert set(asia["iso3"]) == {"CYP", "IDN"}


def test_explore_universalization_page_on_the_shipped_data(on_shipped_db):
    at = run_page("pages/universalization.py", {"as_of": "2025-03-05"})
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"States Parties": "112", "of which not yet in force": "0", "Signatories": "12",
                       "Not signatory": "73", "Withdrawn": "0"}
    at.date_input(key="widget_as_of").set_value(date(2025, 3, 6)).run()  # Lithuania's withdrawal takes effect
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["States Parties"] == "111" and metrics["Withdrawn"] == "1"
    frames = [d.value for d in at.dataframe]
    regions = next(f for f in frames if "share_party_percent" in f.columns and "un_subregion" not in f.columns)
    europe = regions.set_index("un_region").loc["Europe"]
    assert (europe["states_parties"], europe["withdrawn"]) == (33, 1)
    assert regions.set_index("un_region").loc["All States", "states"] == 197
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    status_map = next(s for s in specs if any(t["type"] == "choropleth" for t in s["data"]))
    shaped = sum(len(t["locations"]) for t in status_map["data"] if t["type"] == "choropleth")
    located = sum(len(t["text"]) for t in status_map["data"] if t["type"] == "scattergeo")
    assert (shaped, located) == (172, 25)  # no State is lost: 172 shapes + 25 points
    small = next(f for f in frames if "category" in f.columns and len(f) == 25)
    assert {"AND", "VAT", "MCO", "SMR", "LIE", "MLT", "MDV"} <= set(small["iso3"])


def test_explore_country_profile_page_on_the_shipped_data(on_shipped_db):
    at = run_page("pages/country_profile.py", {"iso3": "LAO"})
    values = dict(zip(at.dataframe[0].value["Item"], at.dataframe[0].value["Value"]))
    assert values["Instrument deposited (type)"] == "18 March 2009 (ratification)"
    assert values["Entry into force for the State (Article 17)"] == "1 August 2010"
    obligations = at.dataframe[1].value.set_index("Obligation")
    assert obligations.loc["Article 4: clearance of remnants", "Original deadline"] == "1 August 2020"
    at.date_input(key="widget_as_of").set_value(date(2026, 2, 28)).run()
    at.selectbox(key="widget_iso3").set_value("VUT").run()
    values = dict(zip(at.dataframe[0].value["Item"], at.dataframe[0].value["Value"]))
    assert values["Status on 28 February 2026"] == "State Party (not yet in force)"
    assert values["Entry into force for the State (Article 17)"] == "1 March 2026"


def test_explore_explore_page_on_the_shipped_data(on_shipped_db):
    at = run_page("pages/explore.py", {"as_of": "2025-03-06"})
    # the same figures as the Overview on that date: Lithuania's withdrawal took effect that day
    assert at.dataframe[0].value.values.tolist() == [["Not signatory", "73"], ["Signatory", "12"],
                                                     ["State Party", "111"], ["Withdrawn", "1"]]
