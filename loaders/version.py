"""The extractor's version: a hash of exactly the `loaders/extraction/` folder (code and lexicons) and the
seeds it reads.

A document is extracted again when its sha256 or this version changes, so a rule change reaches
every document on the next `dbt build` while an unchanged corpus is not extracted twice. Editing the
CLI, the checks or the publishing code (outside `loaders/extraction/`) does not change it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from loaders.extraction.paths import PACKAGE_DIR, SEED_FILES, SEEDS_DIR


def _files() -> list[Path]:
    """Every file of the extraction folder (code and data), then the seeds it reads."""
    package = [p for p in sorted(PACKAGE_DIR.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    return package + [SEEDS_DIR / name for name in SEED_FILES]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    digest = hashlib.sha256()
    for path in _files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
