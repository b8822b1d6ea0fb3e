"""The console's child process: checks and runs one query under hard memory and CPU limits.

Started by `sandbox.run_query` as `python -m ccm_analytics.sql_console.worker`; reads a pickled request
on stdin, writes a pickled reply on stdout. It imports duckdb and the checks only, so it starts in a
fraction of a second. Whatever DuckDB does (list builders ignore `memory_limit` and `interrupt()`), the
address-space limit (RLIMIT_AS) and the parent's hard kill at the time limit bound it.
"""
from __future__ import annotations

import pickle
import resource
import sys
import threading
from datetime import datetime

import duckdb

from ccm_analytics.sql_console.checks import (
    QueryError,
    QueryRefused,
    check_statement,
    connect,
    first_line,
    refuse,
)

# The result travels back through a pipe and then to a browser: bounded well below Streamlit's message size.
MAX_RESULT_BYTES = 50 * 1024 * 1024
_FETCH_CHUNK = 2_000


def set_limits(memory_bytes: int, cpu_seconds: int) -> None:
    """Hard limits on this process: address space and CPU time (the kernel enforces them)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _value_size(value: object) -> int:
    return len(value) if isinstance(value, (str, bytes)) else 16


def _plain(value: object) -> object:
    """Values the parent and the files can hold: times with a time zone as ISO text (openpyxl and the
    date formatting refuse them)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat(sep=" ")
    return value


def unique_names(names: list[str]) -> tuple[list[str], list[str]]:
    """Column names made unique (a, a_2, a_3) and a note per renamed column: a result keeps every column."""
    seen: set[str] = set(names)
    counts: dict[str, int] = {}
    out, notes = [], []
    for name in names:
        if name not in counts:
            counts[name] = 1
            out.append(name)
            continue
        number = counts[name] + 1
        while f"{name}_{number}" in seen:
            number += 1
        counts[name] = number
        new = f"{name}_{number}"
        seen.add(new)
        out.append(new)
        notes.append(f"two columns are called {name}: the second is shown as {new}")
    return out, notes


def execute(request: dict) -> dict:
    """Run the request's query; a reply with columns/types/rows/truncated/notes, or an error message."""
    timeout_s, max_rows = request["timeout_s"], request["max_rows"]
    stopped = threading.Event()
    con = connect(request["path"], request["temp_dir"], request["temp_cap"])

    def stop() -> None:
        stopped.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, stop)  # the check runs within the limit too
    timer.daemon = True
    timer.start()
    try:
        check_statement(con, request["sql"])
        cursor = con.execute(request["sql"])
        names, notes = unique_names([d[0] for d in cursor.description])
        types = [str(d[1]) for d in cursor.description]
        rows: list[tuple] = []
        size = 0
        while len(rows) <= max_rows:
            chunk = cursor.fetchmany(min(_FETCH_CHUNK, max_rows + 1 - len(rows)))
            if not chunk:
                break
            for row in chunk:
                rows.append(tuple(_plain(v) for v in row))
                size += sum(_value_size(v) for v in row)
            if size > MAX_RESULT_BYTES:
                raise refuse(f"the result is too large (more than {MAX_RESULT_BYTES // 2**20} MB); "
                             "add a WHERE or LIMIT, or select fewer columns")
        return {"columns": names, "types": types, "rows": rows[:max_rows], "truncated": len(rows) > max_rows,
                "notes": notes}
    except QueryError as problem:
        return {"error": str(problem), "refused": isinstance(problem, QueryRefused)}
    except duckdb.Error as error:
        if stopped.is_set() or isinstance(error, duckdb.InterruptException):
            return {"timeout": True}
        if isinstance(error, duckdb.OutOfMemoryException):
            return {"memory": True}
        return {"error": f"error: {first_line(error)}", "refused": False}
    except MemoryError:
        return {"memory": True}
    except (OverflowError, ValueError) as error:  # e.g. an interval beyond Python's timedelta
        return {"error": f"error: a value of the result cannot be shown here ({first_line(error)})", "refused": False}
    finally:
        timer.cancel()
        con.close()


def main() -> None:
    request = pickle.load(sys.stdin.buffer)
    set_limits(request["memory_bytes"], request["cpu_seconds"])
    try:
        reply = execute(request)
    except MemoryError:
        reply = {"memory": True}
    try:
        data = pickle.dumps(reply)
    except MemoryError:
        data = pickle.dumps({"memory": True})
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
