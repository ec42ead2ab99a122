#!/usr/bin/env bash
# Every benchmark under bench/ prints its figures; none of them asserts timings.
set -euo pipefail
cd "$(dirname "$0")/.."
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
for script in bench/*.py; do
  echo "== $script"
  .venv/bin/python "$script"
done
