"""A real BI tool: Apache Superset, installed in its own venv (scripts/setup_superset.sh), connects to the
published warehouse read-only and answers SQL through its REST API while `python -m loaders build` refreshes
the file, then sees the refreshed data (scripts/superset_check.py). Skipped only when the package cannot be
installed on this machine (the reason is printed)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from loaders.config import PROJECT_ROOT


@pytest.fixture(scope="module")
def superset_venv() -> str:
    proc = subprocess.run(["bash", str(PROJECT_ROOT / "scripts" / "setup_superset.sh")], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"Apache Superset could not be installed (scripts/setup_superset.sh exit {proc.returncode}):\n"
                    f"{proc.stderr[-1500:]}")
    return proc.stdout.strip().splitlines()[-1]


def test_superset_queries_the_warehouse_read_only_during_a_refresh(superset_venv: str) -> None:
    proc = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "superset_check.py"), "--superset-venv", superset_venv],
                          capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=1500)
    assert proc.stdout.strip(), proc.stderr[-3000:]
    verdict = json.loads(proc.stdout[proc.stdout.index("{"):])
    assert verdict["errors"] == [], verdict["errors"]
    assert verdict["before"]["n_documents"] == 3, "the first build holds the three-document corpus"
    assert len(verdict["during"]) >= 2, "Superset answered while the refresh ran"
    assert all(q["n_documents"] in (3, 5) for q in verdict["during"]), "never a half-built warehouse"
    assert verdict["after"]["n_documents"] == 5, "a query after the refresh sees the new file"
    assert proc.returncode == 0 and verdict["ok"]
