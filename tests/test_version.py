"""The extractor version changes with what shapes extraction (the loaders/extraction folder and the seeds it
reads), and only with that."""
from __future__ import annotations

import shutil

from loaders import version
from loaders.extraction.paths import PACKAGE_DIR, SEED_FILES, SEEDS_DIR


def _version_with(monkeypatch, tmp_path, edited: str) -> str:
    package, seeds = tmp_path / "extraction", tmp_path / "seeds"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SEEDS_DIR, seeds)
    if edited:
        target = seeds / edited if edited in SEED_FILES or edited.endswith(".yml") else package / edited
        target.write_bytes(target.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(version, "PACKAGE_DIR", package)
    monkeypatch.setattr(version, "SEEDS_DIR", seeds)
    version.extractor_version.cache_clear()
    try:
        return version.extractor_version()
    finally:
        version.extractor_version.cache_clear()


def test_extraction_code_data_and_seeds_change_the_version(monkeypatch, tmp_path) -> None:
    base = _version_with(monkeypatch, tmp_path / "a", "")
    assert _version_with(monkeypatch, tmp_path / "b", "quantities.py") != base
    assert _version_with(monkeypatch, tmp_path / "c", "data/cues.csv") != base
    assert _version_with(monkeypatch, tmp_path / "d", "unit_factors.csv") != base


def test_code_outside_the_extraction_folder_does_not(monkeypatch, tmp_path) -> None:
    base = _version_with(monkeypatch, tmp_path / "a", "")
    assert _version_with(monkeypatch, tmp_path / "b", "_seeds__regions.yml") == base
    assert version.extractor_version.__module__ == "loaders.version"  # lives outside the hashed folder
