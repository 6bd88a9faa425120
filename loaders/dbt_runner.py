"""Run dbt (a subprocess, so that no DuckDB connection outlives it) against a given warehouse file."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

from loaders.config import PROJECT_ROOT
from loaders.publish import lock_conflict


class DbtFailed(RuntimeError):
    pass


def dbt_executable() -> str:
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def run_dbt(args: list[str], warehouse: Path, quiet: bool = False, corpus: Path | None = None,
            on_line: Callable[[str], None] | None = None) -> str:
    """`dbt <args>` on the project writing to `warehouse` (reading `corpus`, default $CORPUS_DIR);
    returns its output, raises DbtFailed with the errors. `on_line` sees every line (e.g. for a progress bar)."""
    env = dict(os.environ, WAREHOUSE_PATH=str(warehouse), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    if corpus is not None:
        env["CORPUS_DIR"] = str(corpus)
    cmd = [dbt_executable(), *args, "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT)]
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if on_line is not None:
            on_line(line)
        if not quiet:
            print(line, end="", file=sys.stderr, flush=True)
    if proc.wait() != 0:
        lock = lock_conflict("".join(lines))
        if lock:
            raise DbtFailed(f"dbt {' '.join(args)} could not start: {lock}")
        errors = [ln.strip() for ln in lines if "ERROR" in ln or "FAIL " in ln or "Error" in ln
                  or "kjfacts:" in ln][:30]
        raise DbtFailed(f"dbt {' '.join(args)} failed (exit {proc.returncode}):\n" + "\n".join(errors or lines[-20:]))
    return "".join(lines)
