"""The benchmarks (benchmarks/, not collected) still work: their cheapest parts, on a one-entity synthetic file
and (validation) on 100 rows of each import kind.

Behaviour only, never timing: the synthetic file is marked, has the real schema plus its one task table,
and the query measurement returns every view with the right row counts.
"""
import duckdb
import pytest

from benchmarks import load, perf, synthetic, validation
from ccm_analytics.store import schema
from ccm_analytics.store.imports.kinds import KINDS

TINY = synthetic.SyntheticSize(entities=1, first_year=2020, last_year=2024, clearance_tasks=10, budget_lines=1)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "tiny.duckdb"
    counts = synthetic.build_synthetic(path, TINY, "tiny")
    return path, counts


def _columns(con, table):
    return con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                       [table]).fetchall()


def test_synthetic_file_is_marked_and_has_the_real_schema(tiny_db, shipped_db_path):
    # The benchmark builds on the shipped data/ (benchmarks.synthetic), so it is compared with their build.
    path, counts = tiny_db
    real = duckdb.connect(str(shipped_db_path), read_only=True)
    con = duckdb.connect(str(path), read_only=True)
    try:
        assert dict(con.execute("SELECT key, value FROM build_info").fetchall())["kind"] == "synthetic benchmark"
        for obj in (*schema.TABLES, *schema.VIEWS):
            assert _columns(con, obj.name) == _columns(real, obj.name), obj.name
        # one entity on top of the real States (synthetic.REAL_ENTITIES); its rows all say they are synthetic
        assert counts["states"] == real.execute("SELECT count(*) FROM states").fetchone()[0] + 1 \
            == synthetic.REAL_ENTITIES + 1
        assert con.execute("SELECT state_name FROM states WHERE iso3 = 'S000000'").fetchone() == ("Synthetic State 0",)
        assert con.execute("SELECT DISTINCT source FROM treaty_events WHERE iso3 = 'S000000'").fetchall() == [
            ("synthetic benchmark",)]
        # entity 0 is a State Party with remnants: the 10 tasks are its, and the by-year table holds their sums
        assert counts["clearance_tasks"] == 10
        tasks = con.execute("SELECT count(DISTINCT iso3), sum(area_cleared_km2), sum(submunitions_destroyed) "
                            "FROM clearance_tasks").fetchone()
        by_year = con.execute("SELECT sum(area_cleared_km2), sum(submunitions_destroyed) FROM "
                              "article4_clearance_by_year WHERE iso3 = 'S000000'").fetchone()
        assert tasks[0] == 1 and (tasks[1], tasks[2]) == by_year
        years = con.execute("SELECT min(year), max(year) FROM clearance_tasks").fetchone()
        assert TINY.first_year <= years[0] <= years[1] <= TINY.last_year
    finally:
        con.close()
        real.close()


def test_query_measurement_covers_every_public_view(tiny_db):
    path, _ = tiny_db
    timings = perf.measure_queries(path, perf.date(2026, 11, 28), repeat=1)
    names = [t.name for t in timings]
    assert names[:len([v for v in schema.VIEWS if v.public])] == [v.name for v in schema.VIEWS if v.public]
    assert "clearance_tasks by year (synthetic)" in names
    con = duckdb.connect(str(path), read_only=True)
    try:
        for t in timings:
            if t.name in {v.name for v in schema.VIEWS}:
                assert t.rows == con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0], t.name
            assert t.seconds > 0 and t.floor_seconds > 0
    finally:
        con.close()


def test_scale_sizes():
    size = synthetic.size_for_scale(100)
    assert size.clearance_tasks >= 1_000_000  # the floor for 100x
    assert size.entities + synthetic.REAL_ENTITIES == 100 * synthetic.REAL_ENTITIES
    assert synthetic.size_for_scale(10).first_year == 1995 and size.first_year == 1980
    with pytest.raises(ValueError):
        synthetic.size_for_scale(1)


def test_percentile_nearest_rank():
    assert load.percentile(list(range(1, 21)), 95) == 19  # rank ceil(20 * 0.95) = 19
    assert load.percentile([5, 1, 3], 50) == 3  # rank ceil(1.5) = 2 of [1, 3, 5]
    assert load.percentile([], 95) is None


def test_load_refuses_other_hosts():
    with pytest.raises(ValueError):
        load.load_phase("http://example.org:8501", 1, 0.1, paths=[""])


def test_validation_benchmark_runs_on_100_rows_of_every_kind(db_path, capsys):
    records = validation.measure((100,), db_path)
    assert [r["kind"] for r in records] == list(KINDS) and {r["rows"] for r in records} == {100}
    assert all(r["rows_read"] == 100 and r["seconds"] > 0 for r in records)  # every row of every file was read
    # the generated rows are valid where the key lets 100 rows differ (Article 4 progress: State and year)
    assert next(r for r in records if r["kind"] == "article4_progress")["problems"] == 0
    table = validation.markdown_table(records).splitlines()
    assert table[0] == "| kind | 100 rows: s | s/1k | problems at the largest |" and len(table) == 2 + len(KINDS)
    assert validation.main(["--rows", "100", "--kinds", "article5", "--database", str(db_path)]) == 0
    assert capsys.readouterr().out.startswith("| kind | 100 rows: s | s/1k |")
