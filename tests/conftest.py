"""Shared fixtures: one `dbt build` of the embedded corpus and the project's seeds into a temporary
warehouse per test session (`dbt_build`, `built_warehouse`)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from loaders.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT
from loaders.dbt_runner import dbt_executable


@dataclass(frozen=True)
class DbtBuild:
    """What one `dbt build` left behind: the warehouse, dbt's target folder, its exit status and output."""

    warehouse: Path
    target_dir: Path
    returncode: int
    output: str = field(repr=False)

    @property
    def manifest(self) -> dict:
        return _read_json(self.target_dir / "manifest.json", self.output)

    @property
    def run_results(self) -> dict:
        return _read_json(self.target_dir / "run_results.json", self.output)

    def errors(self) -> list[str]:
        """The output lines that report a failure, for assertion messages."""
        marks = ("ERROR", "FAIL ", "Error", "error:")
        return [line.strip() for line in self.output.splitlines() if any(m in line for m in marks)]


def run_dbt_command(args: list[str], warehouse: Path, work_dir: Path,
                    corpus: Path = DEFAULT_CORPUS_DIR) -> subprocess.CompletedProcess:
    """`dbt <args>` on the project against `warehouse`, with the corpus (default: the embedded one) and dbt's
    target and log folders under `work_dir`, so that it never touches the project's own target/ or warehouse."""
    env = dict(
        os.environ,
        WAREHOUSE_PATH=str(warehouse),
        CORPUS_DIR=str(corpus),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    cmd = [
        dbt_executable(), *args,
        "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT),
        "--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs"),
    ]
    return subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def dbt_build(tmp_path_factory: pytest.TempPathFactory) -> DbtBuild:
    """One `dbt build` (landing, seeds, models, data and unit tests) into a fresh temporary warehouse."""
    work_dir = tmp_path_factory.mktemp("dbt_build")
    warehouse = work_dir / "kjfacts.duckdb"
    proc = run_dbt_command(["build"], warehouse, work_dir)
    return DbtBuild(warehouse, work_dir / "target", proc.returncode, proc.stdout + proc.stderr)


@pytest.fixture(scope="session")
def built_warehouse(dbt_build: DbtBuild) -> Path:
    """The DuckDB file of a successful `dbt build` of the embedded corpus; fails the test otherwise."""
    if dbt_build.returncode != 0 or not dbt_build.warehouse.exists():
        detail = "\n".join(dbt_build.errors()[:30]) or dbt_build.output[-3000:]
        pytest.fail(f"dbt build into {dbt_build.warehouse} failed (exit {dbt_build.returncode}):\n{detail}")
    return dbt_build.warehouse


def _read_json(path: Path, output: str) -> dict:
    if not path.exists():
        pytest.fail(f"dbt wrote no {path.name} in {path.parent}; its output ended:\n{output[-3000:]}")
    return json.loads(path.read_text(encoding="utf-8"))
