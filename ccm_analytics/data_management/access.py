"""Who may write, and how often they may try: the passphrase throttle and the access log of the Data page.

Pure apart from the log file: the Streamlit side (ui/admin.py) passes the clock, the session and the address.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ccm_analytics.store.imports.process import imports_dir

# After the n-th wrong passphrase in a row, the next attempt is refused for BASE * 2**(n-1) seconds, at most
# MAX: 2, 4, 8 ... 256, then 300 s. Refusing until a time (never sleeping) keeps other sessions unaffected.
BASE_DELAY_SECONDS = 2.0
MAX_DELAY_SECONDS = 300.0
# Counts are forgotten an hour after their last failure; at most this many are kept (memory stays bounded).
FORGET_AFTER_SECONDS = 3600.0
MAX_TRACKED = 10_000
# An administrator session ends after this long without a rerun of the Data page.
IDLE_SECONDS = 30 * 60
ACCESS_LOG = "admin_access.jsonl"


def delay_after(failures: int) -> float:
    """Seconds an attempt is refused after `failures` wrong passphrases in a row (0 for none)."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2.0 ** min(failures - 1, 30))


@dataclass
class _Count:
    failures: int
    refuse_until: float
    last: float


class Throttle:
    """Wrong passphrases counted per key (a session, a client address): an attempt under any of its keys
    is refused until the latest `refuse_until` of them. Thread-safe: one instance serves every session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, _Count] = {}

    def wait_seconds(self, keys: list[str], now: float) -> float:
        """How long an attempt under `keys` must still wait (0 if it may go ahead)."""
        with self._lock:
            until = max((self._counts[k].refuse_until for k in keys if k in self._counts), default=now)
        return max(0.0, until - now)

    def failed(self, keys: list[str], now: float) -> float:
        """Count a wrong passphrase under each key; the seconds until the next attempt is allowed."""
        with self._lock:
            self._forget(now)
            wait = 0.0
            for k in keys:
                count = self._counts.get(k) or _Count(0, now, now)
                count.failures += 1
                count.last = now
                count.refuse_until = now + delay_after(count.failures)
                self._counts[k] = count
                wait = max(wait, count.refuse_until - now)
            return wait

    def succeeded(self, keys: list[str]) -> None:
        """A right passphrase: the counts of its keys start again."""
        with self._lock:
            for k in keys:
                self._counts.pop(k, None)

    def _forget(self, now: float) -> None:
        for k in [k for k, c in self._counts.items() if now - c.last > FORGET_AFTER_SECONDS]:
            del self._counts[k]
        while len(self._counts) >= MAX_TRACKED:  # the oldest go first
            del self._counts[min(self._counts, key=lambda k: self._counts[k].last)]


THROTTLE = Throttle()  # the process's one throttle: every session of this server shares it


def throttle_keys(session: str, address: str | None) -> list[str]:
    """The keys an attempt counts under: its session, and its client address when one is known."""
    return [f"session:{session}"] + ([f"address:{address}"] if address else [])


def access_log_path(root: Path | None = None) -> Path:
    """The access log: admin_access.jsonl in the imports folder, beside the import log."""
    return (root or imports_dir()) / ACCESS_LOG


def log_attempt(event: str, address: str | None, when: datetime | None = None, root: Path | None = None) -> None:
    """Append one line: the UTC time, the client address ("unknown" if none) and what happened; never the
    passphrase given."""
    path = access_log_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (when or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M:%S")
    line = json.dumps({"logged_at": stamp, "address": address or "unknown", "event": event}, ensure_ascii=False)
    with open(path, "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def read_access_log(root: Path | None = None) -> list[dict]:
    """Every line of the access log, oldest first."""
    path = access_log_path(root)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
