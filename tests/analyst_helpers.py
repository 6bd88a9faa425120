"""Helpers of the analysts' tests (charts, report, export, notebook): run a CLI command on a warehouse."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from loaders.config import PROJECT_ROOT


def run_cli(warehouse: Path, *args: str, cwd: Path = PROJECT_ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, WAREHOUSE_PATH=str(warehouse))
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, cwd=cwd, env=env)


def in_ci() -> bool:
    """CI (CI=true) must run the browser and BI tests: there a missing tool fails instead of skipping."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
