"""The cached results of the Universalization and Country profile pages (computed_universalization,
computed_profile) hold exactly what the pages computed directly from the analyses before."""
import io

import openpyxl
import pandas as pd
import pytest

from ccm_analytics.country_profile import figures as country_profile_figures
from ccm_analytics.country_profile import profiles
from ccm_analytics.domain.treaty import state_facts
from ccm_analytics.formats import downloads, geo
from ccm_analytics.formats.links import with_profile_links
from ccm_analytics.overview.figures import current_to
from ccm_analytics.store import queries
from ccm_analytics.universalization import analysis as uz
from ccm_analytics.universalization import charts
from ccm_analytics.universalization import figures as universalization_figures

DATES = [pd.Timestamp("2010-12-31"), pd.Timestamp("2025-03-06"), pd.Timestamp("2026-11-28")]


def _sheets(xlsx: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _same_files(made: universalization_figures.Download, frame, stem, as_of, sources, current_to_text):
    assert made.stem == stem
    assert made.csv == downloads.csv_bytes(frame)
    assert _sheets(made.xlsx) == _sheets(downloads.xlsx_bytes(frame, sources, as_of, current_to_text))


@pytest.mark.parametrize("as_of", DATES, ids=str)
def test_universalization_figures_are_the_direct_analyses(con, as_of):
    made = universalization_figures.figures(con, as_of)
    status = uz.status_for_map(queries.state_status_at(con, as_of))
    facts = state_facts(queries.table(con, "states"), queries.table(con, "treaty_events"))
    on_map = geo.map_iso3()
    shapes, _ = geo.split_by_map(status, on_map)
    points = geo.off_map_points(status, on_map)
    assert made.states_parties == uz.headline_counts(status)["states_parties"]
    assert made.by_category == uz.category_counts(status)
    assert made.status_map.to_json() == charts.status_map(shapes, points, as_of).to_json()
    pd.testing.assert_frame_equal(made.off_map, with_profile_links(uz.state_list(points, dates=False), as_of))
    every = uz.state_list(uz.event_dates_as_text(status))
    pd.testing.assert_frame_equal(made.every_state, with_profile_links(every, as_of))
    expected_over_time = charts.parties_over_time_by_region(uz.parties_over_time_by_region(facts, as_of),
                                                            uz.milestones(facts, as_of), as_of)
    assert made.parties_over_time.to_json() == expected_over_time.to_json()
    by_year = uz.new_parties_by_year(facts, as_of)
    pd.testing.assert_frame_equal(made.by_year, by_year)
    assert made.new_parties.to_json() == charts.new_parties_per_year(by_year, as_of).to_json()
    pd.testing.assert_frame_equal(made.regions, uz.region_counts(status))
    pd.testing.assert_frame_equal(made.subregions, uz.region_counts(status, ("un_region", "un_subregion")))
    assert made.region_names == uz.region_names(status)
    sources = queries.table(con, "data_sources")
    chosen = sources[sources["file"] == "treaty_events.csv"]
    text = universalization_figures.current_to_text(sources, ["treaty_events.csv"])
    for files, frame, stem in [(made.status_download, status, "state_status"),
                               (made.by_year_download, by_year, "new_parties_by_year"),
                               (made.regions_download, made.regions, "regions"),
                               (made.subregions_download, made.subregions, "subregions")]:
        _same_files(files, frame, stem, as_of, chosen, text)


@pytest.mark.parametrize("regions", [(), ("Asia",), ("Africa", "Europe")], ids=str)
def test_universalization_targets_are_the_direct_analyses(con, regions):
    as_of = pd.Timestamp("2026-11-28")
    made = universalization_figures.targets(con, as_of, regions)
    target_frame = uz.targets(uz.status_for_map(queries.state_status_at(con, as_of)), as_of, list(regions))
    pd.testing.assert_frame_equal(made.signatories, with_profile_links(uz.signatory_targets(target_frame), as_of))
    others = uz.event_dates_as_text(uz.non_signatory_targets(target_frame))
    pd.testing.assert_frame_equal(made.others, with_profile_links(others, as_of))
    sources = queries.table(con, "data_sources")
    _same_files(made.download, target_frame, "targets", as_of, sources[sources["file"] == "treaty_events.csv"],
                universalization_figures.current_to_text(sources, ["treaty_events.csv"]))
    if regions:
        assert set(made.signatories["un_region"]) <= set(regions) and len(made.signatories) > 0


def test_current_to_text_groups_files_by_date():
    sources = pd.DataFrame({"file": ["a.csv", "b.csv", "c.csv", "d.csv"],
                            "current_to": pd.to_datetime(["2025-09-01", "2020-11-01", "2025-09-01", "2024-01-01"]),
                            "current_to_precision": ["month", "month", "month", "year"]})
    # a and c share September 2025 (the latest first), then b; d is not asked for
    assert universalization_figures.current_to_text(sources, ["a.csv", "b.csv", "c.csv"]) == \
        "September 2025 (a.csv, c.csv); November 2020 (b.csv)"
    assert universalization_figures.current_to_text(sources, ["x.csv"]) == "unknown"


@pytest.mark.parametrize("iso3, as_of", [("LAO", "2026-11-28"), ("LTU", "2025-03-06"), ("VUT", "2026-02-28"),
                                         ("USA", "2026-11-28"), ("BIH", "2019-06-01")])
def test_profile_is_the_direct_analyses(con, iso3, as_of):
    as_of = pd.Timestamp(as_of)
    made = country_profile_figures.profile(con, as_of, iso3)
    states = queries.table(con, "states")
    status_at = queries.state_status_at(con, as_of)
    texts = profiles.current_to_texts(queries.table(con, "data_sources"))
    records = queries.table(con, "article7_reports")
    assert made.name == profiles.state_name(states, iso3)
    expected = {
        "header": profiles.header(iso3, queries.table(con, "state_status"), status_at,
                                  queries.table(con, "treaty_events"), as_of, texts),
        "obligations": profiles.obligations(iso3, queries.obligation_deadlines_at(con, as_of),
                                            queries.table(con, "article3_stockpiles"),
                                            queries.table(con, "article4_clearance"),
                                            profiles.is_party(status_at, iso3), as_of, texts),
        "extensions": profiles.extension_history(iso3, queries.extension_decisions(con), as_of, texts),
        "initial_report": profiles.initial_report(iso3, status_at, records, as_of,
                                                  current_to(con, "article7_reports.csv"), texts),
        "annual_reports": profiles.annual_reports(iso3, records, as_of, texts),
        "article9": profiles.article9(iso3, queries.table(con, "article9_measures"), texts),
    }
    for field, rows in expected.items():
        got = getattr(made, field)
        if rows.empty and field in ("extensions", "annual_reports"):
            assert got.empty  # the page shows a sentence instead of a table
        else:
            pd.testing.assert_frame_equal(got, profiles.labelled(rows))


def test_profile_picker_lists_every_state(con):
    made = country_profile_figures.picker(con)
    states = queries.table(con, "states")
    assert made.options == profiles.state_options(states) and made.names == profiles.state_names(states)
    assert len(made.options) == 197 and made.names["LAO"] == profiles.state_name(states, "LAO")


def test_known_absence_in_the_shipped_status_table(con):
    # Angola signed on 3 December 2008 and has not ratified; Algeria has not signed (treaty_events.csv).
    every = universalization_figures.figures(con, pd.Timestamp("2026-11-28")).every_state.set_index("iso3")
    assert every.loc["AGO", "signature_date"] == "3 December 2008"
    assert every.loc["AGO", "consent_date"] == "not ratified"
    assert every.loc["DZA", "signature_date"] == "not signed" and every.loc["DZA", "consent_date"] == "not ratified"
    assert "unknown" not in set(every["signature_date"]) | set(every["consent_date"])
    others = universalization_figures.targets(con, pd.Timestamp("2026-11-28")).others.set_index("iso3")
    assert others.loc["DZA", "consent_date"] == "not ratified"
