"""AppTest of the Universalization and Country profile pages, and the profile links on the Overview."""
import json
from datetime import date

from conftest import PROJECT_DIR
from pages_support import run_page
from streamlit.testing.v1 import AppTest

APP = str(PROJECT_DIR / "app.py")
UNIVERSALIZATION = "pages/universalization.py"
PROFILE = "pages/country_profile.py"


def _page(script, query=None) -> AppTest:
    return run_page(script, query)


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def _param(at, key):
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def _frames(at):
    return [d.value for d in at.dataframe]


def test_universalization_moves_with_the_date(db_path):
    at = _page(UNIVERSALIZATION, {"as_of": "2025-03-05"})
    # the fixture's 36 States Parties (SSD in force since 1 February 2024), IDN signed only, USA and VUT (not
    # yet acceded) not signatories
    assert _metrics(at) == {"States Parties": "36", "of which not yet in force": "0", "Signatories": "1",
                            "Not signatory": "2", "Withdrawn": "0"}
    at.date_input(key="widget_as_of").set_value(date(2025, 3, 6)).run()  # Lithuania's withdrawal takes effect
    assert not at.exception
    assert _metrics(at)["States Parties"] == "35" and _metrics(at)["Withdrawn"] == "1"
    assert _param(at, "as_of") == "2025-03-06"
    regions = next(f for f in _frames(at) if "share_party_percent" in f.columns and "un_subregion" not in f.columns)
    europe = regions.set_index("un_region").loc["Europe"]
    # 18 European States in states.csv, all Parties but LTU
    assert (europe["states"], europe["states_parties"], europe["withdrawn"]) == (18, 17, 1)
    assert regions.set_index("un_region").loc["All States", "states"] == 39


def test_universalization_vanuatu_entry_into_force(db_path):
    # VUT acceded on 10 September 2026: a State Party from that day, in force on 1 March 2027 (Article 17(2))
    before = _page(UNIVERSALIZATION, {"as_of": "2027-02-28"})
    assert _metrics(before)["of which not yet in force"] == "1" and _metrics(before)["States Parties"] == "36"
    after = _page(UNIVERSALIZATION, {"as_of": "2027-03-01"})
    assert _metrics(after)["of which not yet in force"] == "0" and _metrics(after)["States Parties"] == "36"
    assert _metrics(_page(UNIVERSALIZATION, {"as_of": "2026-09-09"}))["States Parties"] == "35"


def test_map_is_an_offline_iso3_choropleth_and_keeps_small_states(db_path):
    at = _page(UNIVERSALIZATION, {"as_of": "2025-03-06"})
    charts = [e for e in at.get("plotly_chart")]
    specs = [json.loads(c.proto.spec) for c in charts]
    status_map = next(s for s in specs if any(t["type"] == "choropleth" for t in s["data"]))
    config = json.loads(charts[specs.index(status_map)].proto.config)
    assert config["topojsonURL"] == "/app/static/"
    choropleths = [t for t in status_map["data"] if t["type"] == "choropleth"]
    assert {t["locationmode"] for t in choropleths} == {"ISO-3"}
    withdrawn = next(t for t in choropleths if t["name"] == "Withdrawn")
    assert list(withdrawn["locations"]) == ["LTU"]
    points = [t for t in status_map["data"] if t["type"] == "scattergeo"]
    located = sum(len(t["text"]) for t in points)  # lat and lon may be sent base64-encoded
    shaped = sum(len(t["locations"]) for t in choropleths)
    # no State is lost: of the fixture's 39, the map has no shape for Malta (static/world_110m.json), a point
    assert (shaped, located) == (38, 1)
    small = next(f for f in _frames(at) if "category" in f.columns and len(f) == 1)
    assert small["iso3"].tolist() == ["MLT"]


def test_targets_filter_links_and_downloads(db_path):
    at = _page(UNIVERSALIZATION, {"as_of": "2026-11-28"})
    headings = " ".join(m.value for m in at.markdown)
    # IDN signed only; USA has no event and LTU has withdrawn (VUT acceded on 10 September 2026)
    assert "Signatories that have not ratified (1)" in headings
    assert "States not party that have not signed, or have withdrawn (2)" in headings
    at.multiselect(key="target_regions").set_value(["Asia"]).run()
    assert not at.exception
    headings = " ".join(m.value for m in at.markdown)
    assert "Signatories that have not ratified (1)" in headings  # Indonesia (JPN and LAO are Parties)
    assert "States not party that have not signed, or have withdrawn (0)" in headings
    signatories = next(f for f in _frames(at) if "years_since_signature" in f.columns)
    assert set(signatories["un_region"]) == {"Asia"}
    indonesia = signatories.set_index("iso3").loc["IDN"]
    assert indonesia["years_since_signature"] == 17  # signed 3 December 2008; 18 years on 3 December 2026
    assert indonesia["profile"] == "profile?iso3=IDN&as_of=2026-11-28"
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("Download CSV") == labels.count("Download Excel") >= 5


def test_profile_opens_from_the_url_and_follows_the_picker(db_path):
    at = _page(PROFILE, {"iso3": "LAO"})
    header = at.dataframe[0].value
    values = dict(zip(header["Item"], header["Value"]))
    assert values["Instrument deposited (type)"] == "18 March 2009 (ratification)"
    # among the first 30 (IRL's was the 30th, 1 December 2009): in force 1 June 2010; Article 4: + 10 years
    assert values["Entry into force for the State (Article 17)"] == "1 June 2010"
    obligations = at.dataframe[1].value.set_index("Obligation")
    assert obligations.loc["Article 4: clearance of remnants", "Original deadline"] == "1 June 2020"
    at.date_input(key="widget_as_of").set_value(date(2027, 2, 28)).run()
    at.selectbox(key="widget_iso3").set_value("VUT").run()
    assert not at.exception
    assert _param(at, "iso3") == "VUT" and _param(at, "as_of") == "2027-02-28"
    values = dict(zip(at.dataframe[0].value["Item"], at.dataframe[0].value["Value"]))
    assert values["Status on 28 February 2027"] == "State Party (not yet in force)"
    assert values["Entry into force for the State (Article 17)"] == "1 March 2027"  # acceded 10 September 2026
    for table in at.dataframe[:-1]:  # unknown values read "unknown", never blank (a source page may be absent;
        # the last table is the Data sources expander's)
        text = table.value.drop(columns=["Source page"], errors="ignore")
        assert text.map(lambda v: isinstance(v, str) and v.strip() != "").all().all()


def test_profile_of_lithuania_after_its_withdrawal(db_path):
    at = _page(PROFILE, {"iso3": "LTU", "as_of": "2025-03-06"})
    values = dict(zip(at.dataframe[0].value["Item"], at.dataframe[0].value["Value"]))
    assert values["Status on 6 March 2025"] == "Withdrawn"
    assert values["Withdrawal took effect (Article 20)"] == "6 March 2025"
    obligations = at.dataframe[1].value
    assert len(obligations) == 2 and obligations["Status"].str.startswith("not applicable").all()  # Articles 3, 4


def test_overview_deadlines_link_to_profiles(db_path):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["as_of"] = "2025-03-06"
    at.run()
    assert not at.exception
    deadlines = next(f for f in _frames(at) if "deadline" in f.columns)
    lao = deadlines[deadlines["iso3"] == "LAO"]
    assert lao["profile"].tolist() == ["profile?iso3=LAO&as_of=2025-03-06"]
