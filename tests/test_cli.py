"""The command-line interface: every command is documented, and `extract` shows a person one document's facts."""
from __future__ import annotations

import subprocess
import sys

import pytest

from loaders.cli import COMMANDS
from loaders.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env)


def test_help_lists_every_command() -> None:
    out = _run("--help")
    assert out.returncode == 0
    for name in COMMANDS:
        assert name in out.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name: str) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| `{name}" in readme, f"README's command table lacks `{name}`"


def test_extract_prints_a_table_of_facts() -> None:
    out = _run("extract", str(DEFAULT_CORPUS_DIR / "003_64103cb557f1b4ba.txt"), "--region", "温州市", "--published-on", "2020-03-09")
    assert out.returncode == 0, out.stderr
    assert "新增高新技术企业" in out.stdout and "550" in out.stdout
    count_line = next(line for line in out.stdout.splitlines() if line.endswith(" facts"))
    assert int(count_line.split()[0]) > 100


def test_extract_names_a_missing_file() -> None:
    out = _run("extract", "no/such/report.txt")
    assert out.returncode == 2
    assert "no/such/report.txt" in out.stderr


def test_summary_without_a_warehouse_says_what_to_do(tmp_path) -> None:
    import os

    env = dict(os.environ, WAREHOUSE_PATH=str(tmp_path / "none.duckdb"))
    out = _run("summary", env=env)
    assert out.returncode == 2
    assert "none.duckdb" in out.stderr and "build" in out.stderr
