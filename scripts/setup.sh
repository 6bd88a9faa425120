#!/usr/bin/env bash
# Create .venv (Python 3.11) and install the project with its pinned dependencies. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv with $("$PYTHON" --version)" >&2
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "installing dependencies (pyproject.toml)" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  .venv/bin/python -m pip install --quiet -e ".[test,seed]"
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# Test support (not a project dependency): DuckDB 1.4 in its own small venv, so the tests can check that
# DuckDB 1.x readers open the published warehouse and do not block a build (tests/test_publish.py,
# tests/test_dq_build.py). Override the interpreter with DUCKDB1_PYTHON.
if [ ! -x .venv-duckdb1/bin/python ] || ! .venv-duckdb1/bin/python -c 'import duckdb, sys; sys.exit(not duckdb.__version__.startswith("1.4"))' 2>/dev/null; then
  echo "installing DuckDB 1.4 into .venv-duckdb1 (for the DuckDB 1.x reader tests)" >&2
  "$PYTHON" -m venv .venv-duckdb1
  .venv-duckdb1/bin/python -m pip install --quiet 'duckdb==1.4.*'
fi
