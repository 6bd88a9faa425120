"""Run dbt in-process against a given warehouse file."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from loaders.config import PROJECT_ROOT


class DbtFailed(RuntimeError):
    pass


@contextmanager
def warehouse_env(path: Path) -> Iterator[None]:
    """Point $WAREHOUSE_PATH (read by profiles.yml) at `path` for the duration."""
    old = os.environ.get("WAREHOUSE_PATH")
    os.environ["WAREHOUSE_PATH"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("WAREHOUSE_PATH", None)
        else:
            os.environ["WAREHOUSE_PATH"] = old


def run_dbt(args: list[str], warehouse: Path, quiet: bool = False) -> None:
    """`dbt <args>` on the project, writing to `warehouse`; raises DbtFailed naming the failed nodes."""
    from dbt.cli.main import dbtRunner

    base = ["--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT)]
    flags = ["--quiet"] if quiet else []
    with warehouse_env(warehouse):
        result = dbtRunner().invoke(flags + args + base)
    if not result.success:
        failed = _failed_nodes(result.result)
        detail = f": {', '.join(failed)}" if failed else f" ({result.exception})" if result.exception else ""
        raise DbtFailed(f"dbt {' '.join(args)} failed{detail}")


def _failed_nodes(results) -> list[str]:
    names = []
    for r in getattr(results, "results", None) or []:
        if str(getattr(r, "status", "")).lower() in {"error", "fail", "runtime error"}:
            names.append(f"{r.node.name} ({r.message})" if getattr(r, "message", None) else r.node.name)
    return names
