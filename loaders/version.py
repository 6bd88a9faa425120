"""The extractor's version: a hash of its code, its data files and the seeds it reads.

A document is extracted again when its sha256 or this version changes, so a rule change reaches
every document on the next `dbt build` while an unchanged corpus is not extracted twice.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

from loaders.config import DATA_DIR, SEEDS_DIR

PACKAGE_DIR = DATA_DIR.parent
# Modules that do not shape what is extracted: editing them must not force a full re-extraction.
NOT_EXTRACTION = frozenset({
    "__init__", "__main__", "cli", "commands", "config", "dbt_runner", "gx_compat", "programme_scoring",
    "publish", "quality", "scoring", "tables", "version",
})


@lru_cache(maxsize=1)
def extractor_version() -> str:
    digest = hashlib.sha256()
    code = [p for p in sorted(PACKAGE_DIR.glob("*.py")) if p.stem not in NOT_EXTRACTION]
    files = code + sorted(DATA_DIR.glob("*")) + sorted(SEEDS_DIR.glob("*.csv"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
