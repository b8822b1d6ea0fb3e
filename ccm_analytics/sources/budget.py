"""Normalising the ISU 2021-2025 Work Plan and Budget: its lines by year, and its notes."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ccm_analytics.domain.vocabularies import BUDGET_LINES
from ccm_analytics.formats.money import parse_chf


def isu_budget(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 2021-2025 budget, one row per line and year, and the work plan's notes on each line."""
    text = (shared / "seed" / "isu-work-plan-2021-2025.txt").read_text(encoding="utf-8")
    table = text[text.index("ISU 2021 TO 2025 BUDGET"):text.index("IV. Budget Notes")]
    years = [int(y) for y in re.search(r"COST\s+((?:\d{4}\s+){5})", table).group(1).split()]
    labels = ["SALARIES", "SOCIAL CHARGES", "COMMUNICATION", "TRAVEL", "OTHER IMPLEMENTATION", "TOTAL"]
    amount = re.compile(r"\d{1,3}(?:['’]\d{3})+")
    rows, descriptions, totals = [], [], {}
    for i, label in enumerate(labels):
        start = table.index(label)
        end = table.index(labels[i + 1]) if i + 1 < len(labels) else table.index("ADMINISTRATIVE")
        chunk = table[start:end]
        amounts = [parse_chf(a) for a in amount.findall(chunk)[:5]]
        if len(amounts) != 5:
            raise ValueError(f"budget line {label!r}: expected 5 yearly amounts, found {len(amounts)}")
        if label == "TOTAL":
            totals = dict(zip(years, amounts))
            continue
        line = BUDGET_LINES[i]
        rows += [(year, line, value) for year, value in zip(years, amounts)]
        last = list(amount.finditer(chunk))[4]
        descriptions.append((line, "line description", " ".join(chunk[last.end():].split()) or None))
    budget = pd.DataFrame(rows, columns=["year", "budget_line", "amount_chf"])
    for year, total in totals.items():  # the seed's printed totals check our reading of the lines
        computed = sum(budget.loc[budget["year"] == year, "amount_chf"], Decimal(0))
        if computed != total:
            raise ValueError(f"budget {year}: lines sum to {computed}, the work plan prints {total}")
    budget["kind"] = "budget"
    budget["source"] = "ISU 2021-2025 Work Plan and Budget (Second Review Conference, Lausanne, 2020)"
    notes_text = text[text.index("IV. Budget Notes"):text.index("V. Assumptions")]
    numbered = re.split(r"\n\s*\d\.\s+", notes_text)[1:]
    for note in numbered:
        note = " ".join(note.split())
        line = ("Communication" if note.startswith("Communication") else
                "Travel" if "flights" in note else
                "Other implementation support costs" if "other implementation support" in note.lower() else None)
        descriptions.append((line, "budget note", note))
    admin = " ".join(table[table.index("ADMINISTRATIVE"):].split())
    descriptions.append((None, "in-kind support",
                         "Administrative expenses: GICHD in-kind support every year (no amount). "
                         + admin[admin.index("Covering"):]))
    notes = pd.DataFrame(descriptions, columns=["budget_line", "note_kind", "note"])
    notes["source"] = budget["source"].iloc[0]
    return budget, notes
