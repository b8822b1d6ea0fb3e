#!/usr/bin/env bash
# One command: set up everything the tests need (Python packages; Debian's chromium for the
# browser tests, when running as root) and run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium not found and not root: browser tests will be skipped (they fail under CI=true)" >&2
  fi
fi
exec .venv/bin/python -m pytest "$@"
