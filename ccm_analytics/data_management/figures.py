"""What the Data page reads: the tables users keep current by import."""
from __future__ import annotations

from ccm_analytics.store.imports.kinds import KINDS

READS = tuple(dict.fromkeys(k.table for k in KINDS.values()))  # the page's lineage
