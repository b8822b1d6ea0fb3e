#!/usr/bin/env bash
# One command: set up, build the embedded DuckDB database if missing or built from other data, and serve on 8501.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -c 'from ccm_analytics.store.build import ensure_current_database as e; print("database:", e())'
exec .venv/bin/python scripts/serve.py --server.address "${CCM_ADDRESS:-127.0.0.1}" --server.port "${CCM_PORT:-8501}" "$@"
