"""Validating a file's rows against the schema declaration before anything is written.

`validate(kind, raw, context)` checks every cell and returns every problem (file row and column),
not only the first: required columns and values, types, dates that exist and fall in a plausible
range, non-negative quantities, allowed values, known ISO codes, references (an extension request
for a State with that obligation), duplicates within the file and against the database (by the
table's key), and formula-like text (`=`, `+`, `-`, `@` at the start), which is refused.

Rows come out normalised as text (ISO dates, plain decimals, true/false), the form in which an
accepted import is kept and replayed.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

import pandas as pd

from ccm_analytics.domain.land_release import GLOBAL_SCOPES
from ccm_analytics.domain.problems import Problem
from ccm_analytics.store.imports.files import RawTable
from ccm_analytics.store.imports.kinds import EXAMPLE, ImportKind

EARLIEST = date(1990, 1, 1)  # the oldest fact on record is a 2004 stockpile destruction
FUTURE_YEARS = 20  # deadlines requested or granted lie at most this far ahead
MAX_TEXT = 4000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_THOUSANDS = ("'", "’", " ", "\u00a0", "\u202f")
_DECIMAL_TYPE = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")
_INTEGER_MAX = {"INTEGER": 2**31 - 1, "BIGINT": 2**63 - 1}
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


@dataclass(frozen=True)
class Context:
    """What validation compares the file with: today's date and the database's current rows."""

    today: date
    known_iso3: frozenset[str]
    existing: pd.DataFrame  # the table's current rows, every value as text (None for NULL)
    obligations: frozenset[tuple[str, str]] = frozenset()  # (iso3, article) with an Article 3 or 4 obligation
    replace: bool = False  # rows whose key is in the database replace those rows


@dataclass
class Validation:
    """The outcome: normalised rows to write, every problem, and what the rows would change."""

    kind: str
    rows: pd.DataFrame  # the rows to write (new or changed), table columns, text values
    problems: list[Problem] = field(default_factory=list)
    file_rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # row, key, column, old, new

    @property
    def ok(self) -> bool:
        return not self.problems


def normal_name(name: str) -> str:
    """A column name as written in a file, in the schema's form ("Event date " -> "event_date")."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _future_limit(today: date) -> date:
    return date(today.year + FUTURE_YEARS, 12, 31)


def _check_text(value: str, allowed: tuple[str, ...] | None) -> tuple[str | None, str | None]:
    if value.startswith(FORMULA_STARTS):
        return None, (f"{value[:30]!r} starts with {value[0]!r}, which spreadsheet programs run as a formula; "
                      "reword it so it does not start with = + - or @.")
    if len(value) > MAX_TEXT:
        return None, f"text of {len(value):,} characters; at most {MAX_TEXT:,}."
    if allowed:
        match = next((a for a in allowed if a.lower() == value.lower()), None)
        if match is None:
            return None, f"{value!r} is not one of: {', '.join(allowed)}."
        return match, None
    return value, None


def _plain_number(value: str, delimiter: str) -> str:
    text = value
    for sep in _THOUSANDS:
        text = text.replace(sep, "")
    if delimiter == ";" and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # decimal comma, as European spreadsheets write it
    return text


def _check_integer(value: str, column: str, sql_type: str, kind: ImportKind, context: Context,
                   delimiter: str) -> tuple[str | None, str | None]:
    text = _plain_number(value, delimiter)
    if re.fullmatch(r"-\d+", text):
        return None, f"{value!r} is negative; quantities and years cannot be."
    if not re.fullmatch(r"\d+", text):
        return None, f"{value!r} is not a whole number."
    number = int(text)
    if number > _INTEGER_MAX[sql_type]:
        return None, f"{value!r} is too large."
    if column == "year" or column.endswith("_year") or column == "year_of_law":
        last = context.today.year + (FUTURE_YEARS if column in kind.future_dates else 0)
        if not EARLIEST.year <= number <= last:
            return None, f"year {number} is outside {EARLIEST.year}-{last}."
    if column == "article" and kind.allowed.get("article") and text not in kind.allowed["article"]:
        return None, f"{value!r} is not one of: {', '.join(kind.allowed['article'])}."
    return str(number), None


def _check_decimal(value: str, precision: int, scale: int, delimiter: str) -> tuple[str | None, str | None]:
    text = _plain_number(value.removeprefix("CHF").strip(), delimiter)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, f"{value!r} is not a number (write e.g. 1234.50)."
    if not number.is_finite():
        return None, f"{value!r} is not a number."
    if number < 0:
        return None, f"{value!r} is negative; amounts and quantities cannot be."
    if -number.as_tuple().exponent > scale and number != number.quantize(Decimal(1).scaleb(-scale)):
        return None, f"{value!r} has more than {scale} decimal places."
    quantized = number.quantize(Decimal(1).scaleb(-scale))
    if len(str(int(quantized))) > precision - scale:
        return None, f"{value!r} is too large."
    return format(quantized, "f"), None


def _check_date(value: str, column: str, has_precision: bool, kind: ImportKind,
                context: Context) -> tuple[str | None, str | None, str | None]:
    """(ISO date, precision implied by the form, problem)."""
    implied = "day"
    if has_precision and re.fullmatch(r"\d{4}-\d{2}", value):
        value, implied = value + "-01", "month"
    elif has_precision and re.fullmatch(r"\d{4}", value):
        value, implied = value + "-01-01", "year"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        form = "YYYY-MM-DD (or YYYY-MM, YYYY)" if has_precision else "YYYY-MM-DD"
        return None, None, f"{value!r} is not a date written {form}, e.g. 2025-04-30."
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None, None, f"{value} does not exist."
    last = _future_limit(context.today) if column in kind.future_dates else context.today
    if not EARLIEST <= day <= last:
        return None, None, (f"{value} is outside the plausible range {EARLIEST.isoformat()} to {last.isoformat()}"
                            + (" (a date in the future)" if day > context.today else "") + ".")
    return day.isoformat(), implied, None


def _check_boolean(value: str) -> tuple[str | None, str | None]:
    low = value.lower()
    if low in _TRUE:
        return "true", None
    if low in _FALSE:
        return "false", None
    return None, f"{value!r} is not true or false."


def _header(kind: ImportKind, raw: RawTable) -> tuple[dict[str, int], list[Problem]]:
    """Position of each known column in the file, and the header's problems."""
    problems: list[Problem] = []
    known = {c.name for c in kind.schema_table.columns}
    positions: dict[str, int] = {}
    for i, name in enumerate(raw.header):
        column = normal_name(name)
        if not column:
            problems.append(Problem(1, None, f"column {i + 1} has no name."))
        elif column not in known:
            problems.append(Problem(1, name, f"unknown column {name!r}; the columns of {kind.name} are: "
                                    f"{', '.join(c.name for c in kind.columns)}."))
        elif column in positions:
            problems.append(Problem(1, name, f"column {column!r} appears twice."))
        else:
            positions[column] = i
    missing = [c.name for c in kind.columns if c.required and c.name not in positions]
    if missing:
        problems.append(Problem(1, None, f"missing required column(s): {', '.join(missing)}."))
    return positions, problems


def _key_text(row: Mapping[str, object], key: tuple[str, ...]) -> str:
    """ "iso3 = LAO, year = 2024" of a row (a dict: a pd.Series per row made duplicate-heavy files slow)."""
    return ", ".join(f"{k} = {row[k] if row[k] is not None else '(empty)'}" for k in key)


def validate(kind: ImportKind, raw: RawTable, context: Context) -> Validation:
    """Every problem of the file for this kind, and the normalised rows it would write."""
    table = kind.schema_table
    names = [c.name for c in table.columns]
    result = Validation(kind.name, pd.DataFrame(columns=names), list(raw.problems), len(raw.rows))
    if not raw.header:
        return result
    positions, problems = _header(kind, raw)
    result.problems += problems
    if not raw.rows:
        result.problems.append(Problem(None, None, "The file has column names but no rows."))
        return result
    records: list[dict[str, str | None]] = []
    for number, cells in enumerate(raw.rows, start=2):
        record: dict[str, str | None] = {}
        for column in table.columns:
            name = column.name
            value = cells[positions[name]] if name in positions else None
            if name in kind.fixed:
                if value is not None and value.lower() != kind.fixed[name]:
                    result.problems.append(Problem(number, name, f"must be {kind.fixed[name]!r} for {kind.name} "
                                                   "(or leave the column out)."))
                record[name] = kind.fixed[name]
                continue
            if value is None:
                if column.required:
                    result.problems.append(Problem(number, name, "a value is required."))
                record[name] = None
                continue
            problem = None
            sql_type = column.type
            decimal = _DECIMAL_TYPE.fullmatch(sql_type)
            if sql_type == "VARCHAR":
                value, problem = _check_text(value, kind.allowed.get(name))
                if problem is None and name == "source" and EXAMPLE in value:
                    value, problem = None, "this is the template's example row: replace or delete it."
            elif sql_type in _INTEGER_MAX:
                value, problem = _check_integer(value, name, sql_type, kind, context, raw.delimiter)
            elif decimal:
                value, problem = _check_decimal(value, int(decimal[1]), int(decimal[2]), raw.delimiter)
            elif sql_type == "DATE":
                has_precision = f"{name}_precision" in names
                value, implied, problem = _check_date(value, name, has_precision, kind, context)
                if problem is None and has_precision:
                    record[f"__implied_{name}"] = implied
            elif sql_type == "BOOLEAN":
                value, problem = _check_boolean(value)
            if problem:
                result.problems.append(Problem(number, name, problem))
            record[name] = value
        records.append(record)
    frame = pd.DataFrame(records)
    frame = _settle_precisions(frame, names, result.problems)
    frame = frame.reindex(columns=names).astype(object).where(frame.reindex(columns=names).notna(), None)
    frame.attrs["file_rows"] = list(range(2, len(frame) + 2))
    result.problems += _reference_problems(kind, frame, context)
    reported = {(p.row, p.column) for p in result.problems}
    for rule in kind.rules:  # extra rules (e.g. money): a cell already refused is not reported twice
        result.problems += [p for p in rule(frame.copy(), context) if (p.row, p.column) not in reported]
    _compare(kind, frame, context, result)
    result.problems.sort(key=lambda p: (p.row or 0, p.column or ""))
    return result


def _settle_precisions(frame: pd.DataFrame, names: list[str], problems: list[Problem]) -> pd.DataFrame:
    """Fill a date's precision from its form (2023-06 = month) and check a stated precision agrees."""
    for column in [c for c in frame.columns if c.startswith("__implied_")]:
        date_col = column.removeprefix("__implied_")
        precision_col = f"{date_col}_precision"
        # the column is rebuilt as a list and set once: frame.loc[i, ...] = per row copies it (quadratic)
        settled = list(frame.get(precision_col, [None] * len(frame)))
        for i, (stated, implied, day) in enumerate(zip(list(settled), frame[column], frame[date_col])):
            if day is None or implied is None or implied != implied:
                continue
            if stated is None or stated != stated:
                settled[i] = implied
            elif implied != "day" and stated != implied:
                problems.append(Problem(i + 2, precision_col, f"{stated!r} disagrees with the date written "
                                        f"as a {implied}."))
            elif stated == "month" and not day.endswith("-01"):
                problems.append(Problem(i + 2, date_col, "a date of precision month is written as the first "
                                        "day of its month (or as YYYY-MM)."))
            elif stated == "year" and not day.endswith("-01-01"):
                problems.append(Problem(i + 2, date_col, "a date of precision year is written as 1 January "
                                        "(or as YYYY)."))
        frame[precision_col] = pd.Series(settled, index=frame.index, dtype=object)
        frame = frame.drop(columns=[column])
    return frame


def _reference_problems(kind: ImportKind, frame: pd.DataFrame, context: Context) -> list[Problem]:
    problems = []
    upper = list(frame["iso3"]) if "iso3" in frame else None  # set once at the end (see _settle_precisions)
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        values = row._asdict()
        iso3 = values.get("iso3")
        if iso3 is not None and iso3.upper() not in context.known_iso3:
            problems.append(Problem(i, "iso3", f"{iso3!r} is not a known ISO 3166-1 alpha-3 code of a State "
                                    "(see the states table)."))
        elif iso3 is not None and iso3 != iso3.upper():
            upper[i - 2] = iso3.upper()
        if "obligation" in kind.checks and iso3 is not None and values.get("article") is not None:
            if (iso3.upper(), values["article"]) not in context.obligations:
                problems.append(Problem(i, "article", f"{iso3.upper()} has no Article {values['article']} "
                                        "obligation on record (article3 or article4 data): record the "
                                        "obligation first."))
        if (kind.table == "article4_clearance_by_year" and iso3 is None
                and values.get("scope") is not None and values["scope"] not in GLOBAL_SCOPES):
            problems.append(Problem(i, "iso3", "a State's figure needs the State's ISO code "
                                    "(leave iso3 empty only for a global total)."))
    if upper is not None:
        frame["iso3"] = pd.Series(upper, index=frame.index, dtype=object)
    return problems


def _compare(kind: ImportKind, frame: pd.DataFrame, context: Context, result: Validation) -> None:
    """Duplicates within the file and against the database; counts of rows added, changed, unchanged."""
    compared = [c.name for c in kind.schema_table.columns if c.name != "source"]
    key = list(kind.key) or compared  # a table without a key: the whole row is its identity
    existing = context.existing.reindex(columns=compared).astype(object)
    existing = existing.where(existing.notna(), None)
    by_key = {tuple(r[k] for k in key): r for r in existing.to_dict("records")}
    seen: dict[tuple, int] = {}
    keep, changes = [], []
    faulty = {p.row for p in result.problems}  # rows already refused: comparing them would only add noise
    for i, row in enumerate(frame.to_dict("records")):
        number = i + 2
        if number in faulty:
            continue
        identity = tuple(row[k] for k in key)
        if identity in seen:
            result.problems.append(Problem(number, ", ".join(kind.key) or None,
                                           f"duplicate: same {'key' if kind.key else 'values'} as row "
                                           f"{seen[identity]} ({_key_text(row, tuple(key[:4]))})."))
            continue
        seen[identity] = number
        old = by_key.get(identity)
        if old is None:
            result.added += 1
            keep.append(i)
            continue
        differing = [c for c in compared if old.get(c) != row.get(c)]
        if not differing:
            result.unchanged += 1
            continue
        if not context.replace:
            result.problems.append(Problem(number, ", ".join(kind.key), "already in the database with other "
                                           f"values ({_key_text(row, kind.key)}: "
                                           f"{', '.join(differing)} differ). To change it, import with "
                                           "'replace existing rows'."))
            continue
        result.changed += 1
        keep.append(i)
        changes += [{"row": number, "key": _key_text(row, kind.key), "column": c,
                     "old": old.get(c), "new": row.get(c)} for c in differing]
    result.rows = frame.iloc[keep].reset_index(drop=True)
    result.rows.attrs["file_rows"] = [k + 2 for k in keep]
    result.changes = pd.DataFrame(changes, columns=["row", "key", "column", "old", "new"])
