#!/usr/bin/env bash
# The main command: set up, then build the warehouse from the corpus and print what it holds.
#   CORPUS_DIR      corpus folder   (default: corpus/)
#   WAREHOUSE_PATH  DuckDB file     (default: warehouse/kjfacts.duckdb)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m loaders build "$@"
