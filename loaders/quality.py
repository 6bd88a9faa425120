"""Data-quality checks on a warehouse file: run the catalogue (loaders/data/checks.yml) with Great
Expectations, keep the results in the warehouse (marts.dq_results, marts.dq_failing_observations,
fct_indicator_observation.quality_flags; see loaders.checks.store) and the Data Docs next to it
(`<warehouse dir>/gx_docs/index.html`).

    report = run_checks(path)
    print(report.render())
    if report.blocking_failures: ...   # names of failed blocking checks
"""
from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from loaders.checks import store
from loaders.checks.catalogue import load_catalogue
from loaders.checks.gx_run import Outcome, run_gx
from loaders.tables import render

DOCS_DIRNAME = "gx_docs"
GX_SITE_ENTRIES = ("index.html", "static", "expectations", "validations")


@dataclass(frozen=True)
class QualityReport:
    run_id: str
    run_at: datetime
    warehouse: Path
    outcomes: tuple[Outcome, ...]
    docs_index: Path | None
    seconds: float

    @property
    def blocking_failures(self) -> list[str]:
        """Names of the blocking checks that failed or could not run."""
        return [o.check.name for o in self.outcomes if o.check.blocking and not o.success]

    @property
    def warnings(self) -> list[str]:
        return [o.check.name for o in self.outcomes if not o.check.blocking and not o.success]

    def render(self) -> str:
        rows = [(o.check.name, o.check.family, o.check.severity, _verdict(o), o.n_failing, _example(o))
                for o in self.outcomes]
        head = (f"data-quality checks on {self.warehouse.name}: run {self.run_id}, "
                f"{len(self.outcomes)} checks in {self.seconds:.1f} s")
        table = render(("check", "family", "severity", "result", "failing", "first failure"), rows, max_width=70)
        verdict = (f"blocking checks failed: {', '.join(self.blocking_failures)}" if self.blocking_failures
                   else "all blocking checks passed")
        lines = [head, table, verdict]
        if self.warnings:
            lines.append(f"warnings (flagged, not blocking): {', '.join(self.warnings)}")
        if self.docs_index:
            lines.append(f"Data Docs: {self.docs_index}")
        return "\n".join(lines)


def run_checks(warehouse: Path, only: Sequence[str] | None = None, write_docs: bool = True,
               run_at: datetime | None = None) -> QualityReport:
    """Run the catalogue's checks (or those named in `only`) on a warehouse file and keep the results in it."""
    started = time.monotonic()
    warehouse = Path(warehouse).resolve()
    if not warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    catalogue = load_catalogue()
    checks = [catalogue.get(name) for name in only] if only else list(catalogue.checks)
    with duckdb.connect(str(warehouse)) as con:
        run_id = store.run_id_for(con, catalogue.digest, [c.name for c in checks])
    docs_dir = _fresh_docs_dir(warehouse) if write_docs else None
    run_at = run_at or datetime.now(timezone.utc).replace(tzinfo=None)
    outcomes = run_gx(warehouse, catalogue, checks, docs_dir, run_name=run_id, run_time=run_at)
    with duckdb.connect(str(warehouse)) as con:
        store.write_run(con, run_id, run_at, outcomes)
    docs_index = docs_dir / "index.html" if docs_dir and (docs_dir / "index.html").is_file() else None
    return QualityReport(run_id, run_at, warehouse, tuple(outcomes), docs_index, time.monotonic() - started)


def docs_dir_for(warehouse: Path) -> Path:
    """Where a warehouse's Data Docs go: `gx_docs/` in the warehouse file's directory."""
    return Path(warehouse).resolve().parent / DOCS_DIRNAME


def _fresh_docs_dir(warehouse: Path) -> Path:
    """The Data Docs directory, emptied of the previous run's site (only what GX writes there)."""
    docs_dir = docs_dir_for(warehouse)
    for name in GX_SITE_ENTRIES:
        entry = docs_dir / name
        if entry.is_dir():
            shutil.rmtree(entry)
        elif entry.is_file():
            entry.unlink()
    docs_dir.mkdir(parents=True, exist_ok=True)
    return docs_dir


def _verdict(outcome: Outcome) -> str:
    if outcome.error:
        return "ERROR"
    return "pass" if outcome.success else "FAIL"


def _example(outcome: Outcome) -> str:
    if outcome.error:
        return outcome.error.splitlines()[0]
    details = [r.detail or r.observation_id or "" for r in outcome.failing]
    return details[0] if details else ""
