#!/usr/bin/env bash
# Every test: pytest (unit tests, extraction golden files, gold scoring), which also builds real
# warehouses with `dbt build` (dbt tests included) and runs the Great Expectations checks on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m pytest "$@"
