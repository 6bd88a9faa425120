"""The seeds' corpus, ../shared/dev/docs and ../shared/wild/docs built together (135 real documents):
`python -m loaders build` publishes a warehouse holding every document, whatever the extractor makes of
them, and every landed row that is not in the marts is explained in marts.review_quarantine.
The reports are read from ../shared at run time and copied into the test's temporary folder only."""
from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from loaders.config import DEFAULT_CORPUS_DIR, PROJECT_ROOT, shared_dir

SOURCES = (DEFAULT_CORPUS_DIR, shared_dir() / "dev" / "docs", shared_dir() / "wild" / "docs")
pytestmark = pytest.mark.skipif(not all(s.is_dir() for s in SOURCES), reason=f"no shared reports at {shared_dir()}")


def combined_corpus(target: Path) -> tuple[Path, int]:
    """Plain copies of every document of SOURCES in one folder, with their manifests merged."""
    target.mkdir()
    rows: list[dict[str, str]] = []
    columns: list[str] = []
    for source in SOURCES:
        for path in sorted(source.iterdir()):
            if path.name == "manifest.csv":
                with path.open(encoding="utf-8-sig", newline="") as fh:
                    reader = csv.DictReader(fh)
                    columns = columns or list(reader.fieldnames or [])
                    rows += list(reader)
            elif path.is_file() and not path.name.startswith("."):
                assert not (target / path.name).exists(), f"two sources hold {path.name}"
                shutil.copyfile(path, target / path.name)  # a regular file, even if the source is a link
    with (target / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return target, sum(1 for p in target.iterdir() if p.name != "manifest.csv")


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> tuple[Path, int, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("real")
    corpus, n_files = combined_corpus(root / "corpus")
    warehouse = root / "warehouse" / "kjfacts.duckdb"
    out = subprocess.run([sys.executable, "-m", "loaders", "build"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         env={**os.environ, "CORPUS_DIR": str(corpus), "WAREHOUSE_PATH": str(warehouse)}, timeout=1800)
    return warehouse, n_files, out


def rows(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_real_reports_build_and_publish_every_document(build) -> None:
    warehouse, n_files, out = build
    assert out.returncode == 0, out.stderr[-5000:]
    assert n_files == 135
    assert rows(warehouse, "select count(*) from marts.dim_document") == [(135,)]
    assert rows(warehouse, "select count(*) from marts.fct_indicator_observation")[0][0] > 1000


def test_every_held_back_row_is_explained_in_review_quarantine(build) -> None:
    warehouse, _, out = build
    assert out.returncode == 0, out.stderr[-5000:]
    unexplained = rows(warehouse, """
        select 'observation', observation_id from raw.observations
        where observation_id not in (select observation_id from marts.fct_indicator_observation)
          and observation_id not in (select row_id from marts.review_quarantine where action = 'held_back')
        union all
        select 'mention', mention_id from raw.programme_mentions
        where mention_id not in (select mention_id from marts.fct_programme_mention)
          and mention_id not in (select row_id from marts.review_quarantine where action = 'held_back')""")
    assert unexplained == []
    explained = rows(warehouse, """
        select count(*) from marts.review_quarantine q
        where q.action = 'held_back' and q.row_kind = 'observation'
          and (q.sentence is null or q.reason is null or q.rule is null or q.source_file is null)""")
    assert explained == [(0,)]
    assert "quarantined (marts.review_quarantine)" in out.stderr


def test_a_span_shared_by_several_regions_keeps_one_fact_each(build) -> None:
    """甲县、乙区增速居前两位 gives one rank row per region on the same span (FACTS.md section 8): none is held back."""
    warehouse, _, out = build
    assert out.returncode == 0, out.stderr[-5000:]
    shared = rows(warehouse, """
        select count(*) from (
            select document_id, char_start, char_end, measure from marts.fct_indicator_observation
            group by all having count(distinct coalesce(region_code, '') || '|' || coalesce(subject, '')) > 1)""")
    assert shared[0][0] >= 5
