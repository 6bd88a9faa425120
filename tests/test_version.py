"""The extractor version changes with what shapes extraction, and only with that."""
from __future__ import annotations

from loaders import version
from loaders.config import DATA_DIR


def _version_with(monkeypatch, tmp_path, edited: str) -> str:
    package = tmp_path / "loaders"
    data = package / "data"
    data.mkdir(parents=True)
    for path in version.PACKAGE_DIR.glob("*.py"):
        (package / path.name).write_bytes(path.read_bytes())
    for path in DATA_DIR.glob("*"):
        if path.is_file():
            (data / path.name).write_bytes(path.read_bytes())
    if edited:
        target = package / edited if edited.endswith(".py") else data / edited
        target.write_bytes(target.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(version, "PACKAGE_DIR", package)
    monkeypatch.setattr(version, "DATA_DIR", data)
    version.extractor_version.cache_clear()
    try:
        return version.extractor_version()
    finally:
        version.extractor_version.cache_clear()


def test_extraction_code_and_data_change_the_version(monkeypatch, tmp_path) -> None:
    base = _version_with(monkeypatch, tmp_path / "a", "")
    assert _version_with(monkeypatch, tmp_path / "b", "quantities.py") != base
    assert _version_with(monkeypatch, tmp_path / "c", "cues.csv") != base


def test_cli_and_quality_code_do_not(monkeypatch, tmp_path) -> None:
    base = _version_with(monkeypatch, tmp_path / "a", "")
    assert _version_with(monkeypatch, tmp_path / "b", "commands.py") == base
    assert _version_with(monkeypatch, tmp_path / "c", "quality.py") == base
