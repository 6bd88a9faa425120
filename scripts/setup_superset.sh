#!/usr/bin/env bash
# Create (once) a separate venv with Apache Superset and its DuckDB driver, keyed on the hash of
# scripts/superset-requirements.txt; print its path. The venv lives outside the clone by default
# ($SUPERSET_VENV, else ~/.cache/kjfacts/venv-superset-<hash>) so that fresh clones on one machine share it.
# Installing takes several minutes the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
key=$(sha256sum scripts/superset-requirements.txt | cut -c1-12)
venv="${SUPERSET_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/kjfacts/venv-superset-$key}"
if [ ! -f "$venv/.installed" ]; then
  echo "installing Apache Superset into $venv (several minutes, once)" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip >/dev/null 2>&1 || true
  "$venv/bin/python" -m pip install --quiet -r scripts/superset-requirements.txt >&2
  touch "$venv/.installed"
fi
echo "$venv"
