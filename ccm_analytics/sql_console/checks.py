"""The console's statement check and sandboxed connection (imported by the child process: duckdb only).

1. The statement: exactly one, of type SELECT (WITH ... SELECT, FROM ..., DESCRIBE, SUMMARIZE
   included). CREATE [TEMP] ..., INSERT, COPY, ATTACH, SET, PRAGMA, INSTALL, LOAD, EXPORT ... are
   refused before anything runs; so is a statement type DuckDB's Python API does not know.
2. Its parse tree (DuckDB's own parser, `json_serialize_sql`): every table function must be on an
   allow-list; file readers, `query()` / `query_table()`, settings and the environment, a path in FROM
   and the catalogue views that show server paths (`duckdb_databases`, `duckdb_settings`,
   `pragma_database_list`, `pg_catalog.*`) are refused by name; list and string builders (`range`,
   `generate_series`, `repeat`, `list_resize`, `lpad`, ...) with literal sizes beyond MAX_ELEMENTS are
   refused before DuckDB materialises them; a tree nested too deep for the check is refused.
3. The connection: an in-memory DuckDB with the database file ATTACHed READ_ONLY, external access off,
   extensions off, memory and thread limits, spill files in a per-query directory with a size cap,
   configuration locked.
"""
from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

import duckdb

MEMORY_LIMIT = "1GB"
THREADS = 2
ALIAS = "ccm"  # the database file's name inside the sandbox
MAX_ELEMENTS = 1_000_000  # the longest list or string a literal size may ask a builder for
MAX_QUERY_CHARS = 20_000

_STATEMENT_REASONS = {
    "CREATE": "creating tables, views or macros is not allowed",
    "INSERT": "changing the database is not allowed",
    "UPDATE": "changing the database is not allowed",
    "DELETE": "changing the database is not allowed",
    "DROP": "changing the database is not allowed",
    "ALTER": "changing the database is not allowed",
    "MERGE_INTO": "changing the database is not allowed",
    "TRANSACTION": "transactions are not allowed",
    "COPY": "reading or writing files is not allowed",
    "COPY_DATABASE": "reading or writing files is not allowed",
    "EXPORT": "writing files is not allowed",
    "ATTACH": "attaching databases is not allowed",
    "DETACH": "detaching databases is not allowed",
    "SET": "changing settings is not allowed",
    "VARIABLE_SET": "changing settings is not allowed",
    "PRAGMA": "PRAGMA statements are not allowed (they change or reveal settings)",
    "MULTI": "PIVOT and other multi-part statements are not allowed; use GROUP BY",
    "LOAD": "installing or loading extensions is not allowed",
    "EXTENSION": "installing or loading extensions is not allowed",
    "CALL": "calling procedures is not allowed",
}

# Table functions a query may use: generators, the catalogue of tables and columns, JSON over values.
# The database's own table macros (state_status_at, ...) are added per connection.
ALLOWED_TABLE_FUNCTIONS = frozenset({
    "range", "generate_series", "unnest", "json_each", "json_tree", "histogram", "histogram_values",
    "duckdb_columns", "duckdb_tables", "duckdb_views", "duckdb_functions", "duckdb_types",
    "duckdb_schemas", "duckdb_constraints", "duckdb_indexes", "duckdb_keywords",
})
_FILE_FUNCTION_PREFIXES = ("read_", "parquet_", "iceberg_", "delta_")
_FILE_FUNCTIONS = frozenset({"glob", "sniff_csv", "read_blob", "read_text", "read_duckdb", "seq_scan"})
_STATEMENT_FUNCTIONS = frozenset({"query", "query_table", "json_execute_serialized_sql"})
_SETTING_FUNCTIONS = frozenset({"getenv", "current_setting"})
_SIDE_EFFECT_FUNCTIONS = frozenset({"write_log", "enable_profile", "disable_profile", "add_parquet_key",
                                    "nextval", "setval", "currval"})
_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".json", ".ndjson", ".jsonl", ".duckdb", ".db",
                  ".gz", ".zst", ".xlsx", ".arrow")
# Catalogue views parse as plain tables but wrap table functions that show paths, settings, the user.
_CATALOGUE_PREFIXES = ("duckdb_", "pragma_")
_CATALOGUE_SCHEMAS = frozenset({"pg_catalog"})
# Builders whose size comes from an argument: scalar range/generate_series (stop, or stop - start),
# repeat (count), list/array resize and pads (length).
_SIZE_ARGUMENTS = {"range": None, "generate_series": None, "repeat": 1, "list_resize": 1, "array_resize": 1,
                   "lpad": 1, "rpad": 1, "list_repeat": 1}


class QueryError(Exception):
    """A query that did not run to the end; the message says why in one plain line."""


class QueryRefused(QueryError):
    """A query the console will not run (message starts with "refused:")."""


def refuse(reason: str) -> QueryRefused:
    return QueryRefused(f"refused: {reason}")


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def connect(path: str, temp_dir: str | None = None, temp_cap: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the database file, read-only, that cannot reach files, extensions or its own settings."""
    con = duckdb.connect(":memory:", config={
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "allow_community_extensions": False,
        "memory_limit": MEMORY_LIMIT,
        "threads": THREADS,
    })
    try:
        con.execute(f"ATTACH ? AS {ALIAS} (READ_ONLY)", [str(path)])
        con.execute(f"USE {ALIAS}")
        con.execute("DETACH memory")  # no writable catalogue left (CREATE TEMP is refused by type)
        if temp_dir:  # spill files in the query's own directory, bounded, removed by the parent
            con.execute(f"SET temp_directory = '{temp_dir.replace(chr(39), chr(39) * 2)}'")
            con.execute(f"SET max_temp_directory_size = '{temp_cap}'")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _table_macros(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' "
                       "AND database_name = ?", [ALIAS]).fetchall()
    return {r[0] for r in rows}


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but exactly one SELECT (WITH ... SELECT included) that touches no file or setting."""
    if len(sql) > MAX_QUERY_CHARS:
        raise refuse(f"the query is longer than {MAX_QUERY_CHARS:,} characters".replace(",", "'"))
    try:
        statements = con.extract_statements(sql)
        kinds = [s.type.name for s in statements]
    except duckdb.Error as error:
        raise QueryError(f"the query does not parse: {first_line(error)}") from None
    except ValueError:  # a statement type the Python API has no name for (UPDATE EXTENSIONS)
        raise refuse("this kind of statement is not allowed (only SELECT queries run here)") from None
    if not statements:
        raise refuse("there is no query")
    if len(statements) != 1:
        raise refuse(f"one statement only, found {len(statements)}")
    if kinds[0] != "SELECT":
        reason = _STATEMENT_REASONS.get(kinds[0], f"{kinds[0]} statements are not allowed")
        raise refuse(f"{reason} (only SELECT queries run here)")
    try:
        tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
        if tree.get("error"):
            raise refuse("this form of query cannot be checked; write it as a plain SELECT (e.g. GROUP BY, not PIVOT)")
        _check_tree(tree["statements"], ALLOWED_TABLE_FUNCTIONS | _table_macros(con))
    except RecursionError:
        raise refuse("the query is nested too deeply to be checked; write it with fewer levels") from None


def _check_function(name: str) -> None:
    name = name.lower()
    if name in _FILE_FUNCTIONS or name.startswith(_FILE_FUNCTION_PREFIXES):
        raise refuse("reading files is not allowed")
    if name in _STATEMENT_FUNCTIONS:
        raise refuse(f"{name}() is not allowed: name the view or table in FROM")
    if name in _SETTING_FUNCTIONS:
        raise refuse("reading settings or the environment is not allowed")
    if name in _SIDE_EFFECT_FUNCTIONS:
        raise refuse(f"the function {name}() is not allowed")


def _literal(node: object) -> Decimal | None:
    """The number a constant argument holds (None for anything else)."""
    if not isinstance(node, dict):
        return None
    expression = node.get("expression", node)
    if not isinstance(expression, dict) or expression.get("class") != "CONSTANT":
        return None
    literal = expression.get("literal") or {}
    text = str(literal.get("text", expression.get("value", "")))
    if len(text) > 40:  # a literal this long is out of any range
        return Decimal("1e40")
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        return None


def _check_size(name: str, arguments: list) -> None:
    """Refuse a builder whose literal size arguments ask for more than MAX_ELEMENTS elements."""
    numbers = [_literal(a) for a in arguments]
    position = _SIZE_ARGUMENTS[name]
    if position is None:  # range(stop) / range(start, stop[, step])
        known = [n for n in numbers[:3]]
        if len(known) == 1 and known[0] is not None:
            size = known[0]
        elif len(known) >= 2 and known[0] is not None and known[1] is not None:
            step = known[2] if len(known) == 3 and known[2] not in (None, 0) else Decimal(1)
            size = (known[1] - known[0]) / abs(step)
        else:
            return
    elif len(numbers) > position and numbers[position] is not None:
        size = numbers[position]
    else:
        return
    if abs(size) > MAX_ELEMENTS:
        raise refuse(f"{name}() may build at most {MAX_ELEMENTS:,} elements here".replace(",", "'"))


def _check_tree(node: object, table_functions: frozenset[str] | set[str], in_from: bool = False) -> None:
    """Walk a parse tree from json_serialize_sql: every function and every table referenced.

    `in_from`: the node is the call of a table function (range() in FROM streams its rows: no size cap)."""
    if isinstance(node, list):
        for item in node:
            _check_tree(item, table_functions)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "TABLE_FUNCTION":
        name = str((node.get("function") or {}).get("function_name", "")).lower()
        _check_function(name)
        if name not in table_functions:
            raise refuse(f"the table function {name}() is not allowed")
    elif node.get("type") == "BASE_TABLE":
        table = str(node.get("table_name", ""))
        if any(ch in table for ch in "/\\:*?") or table.lower().endswith(_FILE_SUFFIXES):
            raise refuse("reading files is not allowed")
        if str(node.get("catalog_name") or ALIAS) not in (ALIAS, "system"):
            raise refuse("only this database's views and tables can be queried")
        schema_name = str(node.get("schema_name") or "").lower()
        if schema_name in _CATALOGUE_SCHEMAS or (
                table.lower().startswith(_CATALOGUE_PREFIXES) and table.lower() not in table_functions):
            raise refuse(f"the catalogue view {table} is not allowed")
    elif node.get("class") == "FUNCTION" and not in_from:
        name = str(node.get("function_name", "")).lower()
        if name in _SIZE_ARGUMENTS:
            _check_size(name, node.get("arguments") or node.get("children") or [])
    if "function_name" in node:
        _check_function(str(node["function_name"]))
    for key, value in node.items():
        _check_tree(value, table_functions, in_from=key == "function" and node.get("type") == "TABLE_FUNCTION")
