"""Catalogue coverage floors: the share of extracted observations that map to a catalogue indicator.

Measured with `python scripts/indicator_coverage.py` (per corpus). The floors guard against regressions of
the catalogue and the mapper; the dev and wild corpora are read from the shared folder beside the clone
(skipped when it is absent).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from loaders.config import DEFAULT_CORPUS_DIR, shared_dir
from loaders.indicator_coverage import coverage

FLOORS = {"seeds": 0.72, "dev": 0.62, "wild": 0.58}


def test_seed_corpus_coverage_floor() -> None:
    result = coverage("seeds", DEFAULT_CORPUS_DIR)
    print(result.line(), result.unmapped.most_common(10))
    assert result.n_observations > 200
    assert result.share >= FLOORS["seeds"]


@pytest.mark.parametrize("name", ["dev", "wild"])
def test_shared_corpus_coverage_floor(name: str) -> None:
    docs = shared_dir() / name / "docs"
    if not docs.is_dir():
        pytest.skip(f"{docs} is absent")
    result = coverage(name, docs)
    print(result.line())
    assert result.share >= FLOORS[name]


def test_coverage_counts_unmapped_phrases(tmp_path: Path) -> None:
    """A phrase the catalogue does not know is counted as unmapped, never dropped."""
    (tmp_path / "a.txt").write_text("2023年，全县新增高新技术企业12家，新建乡村振兴示范点3个。", encoding="utf-8")
    result = coverage("tmp", tmp_path)
    assert (result.n_observations, result.n_mapped) == (2, 1)
    assert sum(result.unmapped.values()) == 1
