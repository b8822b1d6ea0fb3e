"""The Article 7 page's reporting rates on the shipped records (issue 13): far fewer than half of the States
Parties owing a report have a record in any year, so no rate is drawn, and the page says why."""
from pages_support import run_page


def test_no_rate_is_drawn_over_a_handful_of_records(db_path):
    at = run_page("pages/article7.py", {"as_of": "2025-09-30"})
    table = next(d.value for d in at.dataframe if "At all (share of those with a record)" in d.value.columns)
    # Each row against its own counts (the shipped records may grow; the rule is what is tested here).
    few = table["With a record"] * 2 < table["States Parties owing a report"]
    assert few.any()  # 2011: 5 records of 50 States Parties owing a report (September 2025 data)
    assert set(table.loc[few, "At all (share of those with a record)"]) == {"no rate"}
    assert set(table.loc[few, "On time (share of those with a record)"]) == {"no rate"}
    for row in table[few].itertuples(index=False):
        assert row.Note == (f"{row[3]} of {row[2]} States Parties owing a report have a record: fewer than half, "
                            "so no rate")
    assert all(t.endswith("with a record)") for t in table.loc[~few, "At all (share of those with a record)"])
    charts = [e.proto.spec for e in at.get("plotly_chart")]
    if few.all():
        assert not any("Annual reporting rate" in spec for spec in charts)
        assert any("No year has a rate" in c.value for c in at.caption)
    else:
        assert any("Annual reporting rate" in spec for spec in charts)
