#!/usr/bin/env bash
# The whole test suite: lint, then pytest with every database test run on SQLite AND PostgreSQL,
# and the browser tests in Debian's Chromium. Under CI=true nothing may be skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
echo "== ruff check and format"
$BIN/ruff check .
$BIN/ruff format --check .
echo "== catalogs"
$BIN/pybabel compile -d tourney/translations -D messages >/dev/null
echo "== import contract between the layers (tests/unit/test_layers.py)"
$BIN/pytest -q -n 0 -p no:cacheprovider tests/unit/test_layers.py
echo "== pytest: databases sqlite + postgresql (${TEST_DATABASE_URL%%\?*}), browser: /usr/bin/chromium"
$BIN/pytest -n 2 --dist loadgroup -p no:cacheprovider --deselect tests/unit/test_layers.py "$@"
