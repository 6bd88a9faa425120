"""The README's example query runs on a built warehouse and honours what it says: one measure, no conflicts;
and the main command's output is concise (no dbt log, no jieba start-up lines) unless --verbose."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from loaders.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _query_of_the_readme() -> str:
    block = next(b for b in PYTHON_BLOCK.findall(README) if "fct_indicator_year" in b)
    return re.search(r'con\.sql\("""(.*?)"""\)', block, re.S).group(1)


def test_readme_query_filters_one_measure_and_no_conflicts(built_warehouse: Path) -> None:
    sql = _query_of_the_readme()
    assert "measure = 'level'" in sql and "has_conflict" in sql
    with duckdb.connect(str(built_warehouse), read_only=True) as con:
        rows = con.execute(sql).fetchall()
        expected = con.execute("select count(*) from marts.fct_indicator_year where measure = 'level' and not has_conflict").fetchone()[0]
    assert rows and len(rows) == expected
    assert not any(unit in ("%", "pp", "rank") for *_, unit, _n in rows)


def test_readme_says_to_use_the_venv_and_links_the_contract_inside_the_repository() -> None:
    assert ".venv/bin/python -m loaders" in README and "First ten minutes" in README
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (PROJECT_ROOT / target).exists(), target
    assert "docs/data-contract.md" in README and "../shared" not in README


def test_build_prints_a_concise_summary(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(DEFAULT_CORPUS_DIR / "004_16a8480c3cf0a410.txt", corpus / "004_16a8480c3cf0a410.txt")
    env = dict(os.environ, CORPUS_DIR=str(corpus), WAREHOUSE_PATH=str(tmp_path / "w.duckdb"))
    proc = subprocess.run([sys.executable, "-m", "loaders", "build"], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    everything = proc.stdout + proc.stderr
    assert "Building prefix dict" not in everything and "Loading model cost" not in everything
    assert "START sql" not in everything and "Running with dbt" not in everything, "dbt's log only with --verbose"
    assert "dbt build: Done. PASS=" in proc.stderr
    assert "fct_indicator_year" in proc.stdout and "raw " not in proc.stdout
    assert len(everything.splitlines()) < 90
