"""The demonstration database (`python -m ccm_analytics build --demo`): the real data plus generated
records for what is not public, for training and screenshots.

Generated: an annual (and, where no real record exists, initial) Article 7 record for every report
owed up to the demo date; contributions received; actual expenditure for the budget years ended.
Every generated row has source = 'DEMONSTRATION DATA', the file's build_info says kind =
'demonstration' (every page then shows a banner), and it is written to its own file, never to the
real database. Deterministic: the same demo date gives the same rows (fixed seed).
"""
from __future__ import annotations

import os
import random
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from ccm_analytics.domain.treaty import initial_report_due
from ccm_analytics.paths import DATA_DIR
from ccm_analytics.store import queries
from ccm_analytics.store.build import build_database
from ccm_analytics.store.db import DEFAULT_DB

DEMO_DB = DATA_DIR / "ccm-demo.duckdb"
DEMO_SOURCE = "DEMONSTRATION DATA"
SEED = 2008_12_03  # the Convention opened for signature on 3 December 2008
# Share of reports a State submits on time / late (the rest stays outstanding), by diligence group.
DILIGENCE = ((0.85, 0.12), (0.55, 0.30), (0.20, 0.35))
CONTRIBUTION_STEPS_CHF = (2_000, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000)


class DemoRefused(ValueError):
    """The demo would overwrite a real database."""


def _record(iso3, report_type, year, submitted, record, record_date, text) -> dict:
    return {"iso3": iso3, "report_type": report_type, "reporting_year": year,
            "submitted_date": submitted, "submitted_date_precision": "day" if submitted is not None else None,
            "record": record, "record_date": record_date, "record_date_precision": "day",
            "status_text": text, "source": DEMO_SOURCE, "notes": "generated for demonstration"}


def _outcome(rng: random.Random, diligence: tuple[float, float], due: pd.Timestamp, through: pd.Timestamp):
    """(submitted date or None): on time, late, or not (yet) submitted by `through`."""
    draw = rng.random()
    if draw < diligence[0]:
        day = due - pd.Timedelta(days=rng.randint(0, 75))
    elif draw < diligence[0] + diligence[1]:
        day = due + pd.Timedelta(days=rng.randint(1, 240))
    else:
        return None
    return day if day <= through else None


def article7_records(status: pd.DataFrame, owed: pd.DataFrame, real: pd.DataFrame, through: pd.Timestamp,
                     seed: int = SEED) -> pd.DataFrame:
    """Generated Article 7 records up to `through` for the reports without a real record.

    `status` is a state_status frame for `through`, `owed` the `article7_status_at(through)` rows (the
    reports owed: the SQL rule), `real` the article7_reports table."""
    rng, through = random.Random(seed), pd.Timestamp(through)
    groups = {iso3: DILIGENCE[rng.randrange(len(DILIGENCE))] for iso3 in sorted(status["iso3"])}
    rows = []
    parties = status[(status["status"] == "State Party") & status["entry_into_force_date"].notna()].sort_values("iso3")
    have_initial = set(real.loc[real["report_type"] == "initial", "iso3"])
    for s in parties.itertuples(index=False):
        due = initial_report_due(s.entry_into_force_date)
        if s.iso3 in have_initial or due > through:
            continue
        day = _outcome(rng, groups[s.iso3], due, through)
        rows.append(_record(s.iso3, "initial", None, day, "submitted" if day is not None else "outstanding",
                            day if day is not None else through, "submitted" if day is not None else "not submitted"))
    real_annual = real[(real["report_type"] == "annual") & real["reporting_year"].notna()]
    have_annual = set(zip(real_annual["iso3"], real_annual["reporting_year"].astype(int)))
    # A real listing without a year ("none submitted since ...") speaks for every report due before it.
    blanket = real[(real["report_type"] == "annual") & real["reporting_year"].isna() & (real["record"] == "outstanding")]
    listed_until = pd.to_datetime(blanket["record_date"]).groupby(blanket["iso3"]).max().to_dict()
    owed = owed[owed["report_type"] == "annual"].astype({"reporting_year": "int64"})
    owed = owed.sort_values(["iso3", "reporting_year"])
    for o in owed.itertuples(index=False):
        if (o.iso3, o.reporting_year) in have_annual or o.due_date > through \
                or o.due_date < listed_until.get(o.iso3, pd.NaT):
            continue
        day = _outcome(rng, groups[o.iso3], o.due_date, through)
        rows.append(_record(o.iso3, "annual", o.reporting_year, day, "submitted" if day is not None else "outstanding",
                            day if day is not None else through, "submitted" if day is not None else "not submitted"))
    columns = ["iso3", "report_type", "reporting_year", "submitted_date", "submitted_date_precision", "record",
               "record_date", "record_date_precision", "status_text", "source", "notes"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["reporting_year"] = pd.array(frame["reporting_year"], dtype="Int64")
    for column in ("submitted_date", "record_date"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def contributions(status: pd.DataFrame, through: pd.Timestamp, first_year: int = 2021, seed: int = SEED) -> pd.DataFrame:
    """Generated contributions received from States Parties, first_year up to `through`."""
    rng, through = random.Random(seed + 1), pd.Timestamp(through)
    parties = sorted(status.loc[status["status"] == "State Party", "iso3"])
    rows = []
    for year in range(first_year, through.year + 1):
        last_day = min(through, pd.Timestamp(year=year, month=12, day=31))
        days = (last_day - pd.Timestamp(year=year, month=1, day=1)).days
        for iso3 in sorted(rng.sample(parties, k=min(len(parties), rng.randint(18, 30)))):
            for n in range(1, 3 if rng.random() < 0.1 else 2):
                amount = Decimal(rng.choice(CONTRIBUTION_STEPS_CHF))
                received = pd.Timestamp(year=year, month=1, day=1) + pd.Timedelta(days=rng.randint(0, days))
                rows.append({"iso3": iso3, "year": year, "amount_chf": f"{amount:.2f}", "received_date": received.date(),
                             "payment_ref": f"DEMO-{year}-{iso3}-{n}", "source": DEMO_SOURCE,
                             "notes": "generated for demonstration"})
    return pd.DataFrame(rows, columns=["iso3", "year", "amount_chf", "received_date", "payment_ref", "source", "notes"])


def actual_expenditure(budget: pd.DataFrame, through: pd.Timestamp, seed: int = SEED) -> pd.DataFrame:
    """Generated actual expenditure (80-105% of each budget line) for the budget years ended by `through`.

    `budget` is queries.budget_lines (amounts in integer centimes)."""
    rng, through = random.Random(seed + 2), pd.Timestamp(through)
    lines = budget[(budget["kind"] == "budget") & (budget["year"] < through.year)].sort_values(["year", "budget_line"])
    rows = []
    for line in lines.itertuples(index=False):
        centimes = int(line.amount_centimes) * rng.randint(800, 1050) // 1000
        rows.append({"year": int(line.year), "budget_line": line.budget_line,
                     "amount_chf": f"{Decimal(centimes) / 100:.2f}", "kind": "actual", "source": DEMO_SOURCE})
    return pd.DataFrame(rows, columns=["year", "budget_line", "amount_chf", "kind", "source"])


def _refuse_real(target: Path) -> None:
    if target.resolve() == DEFAULT_DB.resolve():
        raise DemoRefused(f"the demonstration database may not be written to the real database {target}")
    if target.exists():
        con = duckdb.connect(str(target), read_only=True)
        try:
            kind = con.execute("SELECT value FROM build_info WHERE key = 'kind'").fetchone()
        except duckdb.Error:
            kind = None
        finally:
            con.close()
        if kind is None or kind[0] != "demonstration":
            raise DemoRefused(f"{target} is not a demonstration database: not overwritten")


def build_demo_database(target: Path | None, through: pd.Timestamp, data_dir: Path = DATA_DIR) -> Path:
    """Build the real database plus generated records into `target` (default data/ccm-demo.duckdb)."""
    target = Path(target or DEMO_DB)
    _refuse_real(target)
    through = pd.Timestamp(through)
    building = target.with_name(f".{target.name}.demo-building")
    build_database(building, data_dir)
    try:
        con = duckdb.connect(str(building))
        try:
            status = queries.state_status_at(con, through)
            generated = {
                "article7_reports": article7_records(status, queries.article7_status_at(con, through),
                                                     queries.table(con, "article7_reports"), through),
                "contribution_records": contributions(status, through),
                "budget_lines": actual_expenditure(queries.budget_lines(con), through),
            }
            for name, frame in generated.items():
                con.register("generated", frame)
                con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM generated")
                con.unregister("generated")
            con.execute("UPDATE build_info SET value = 'demonstration' WHERE key = 'kind'")
            con.execute("INSERT INTO build_info VALUES ('demo_data_through', ?)", [through.date().isoformat()])
            # The generated report records speak up to the demo date: so does their file.
            con.execute("UPDATE data_sources SET current_to = ?, current_to_precision = 'day', "
                        "source = source || '; DEMONSTRATION DATA generated up to ' || ? "
                        "WHERE file = 'article7_reports.csv'",
                        [through.date(), through.date().isoformat()])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(building, target)
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)
    return target
