"""Where things are: project root, corpus folder, warehouse file (env: CORPUS_DIR, WAREHOUSE_PATH)."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_CORPUS_DIR = PROJECT_ROOT / "corpus"
DEFAULT_WAREHOUSE_PATH = PROJECT_ROOT / "warehouse" / "kjfacts.duckdb"
GOLD_DIR = PROJECT_ROOT / "tests" / "gold"
DEFAULT_SHARED_DIR = PROJECT_ROOT.parent / "shared"


def reference_corpora() -> dict[str, tuple[Path, Path | None]]:
    """name → (documents folder, gold folder or None): the seeds (embedded corpus, project gold), and from the
    shared folder the dev set (with gold) and the wild set (no gold), where present."""
    shared = shared_dir()
    corpora: dict[str, tuple[Path, Path | None]] = {"seeds": (DEFAULT_CORPUS_DIR, GOLD_DIR)}
    if (shared / "dev" / "docs").is_dir():
        corpora["dev"] = (shared / "dev" / "docs", shared / "dev" / "gold")
    if (shared / "wild" / "docs").is_dir():
        corpora["wild"] = (shared / "wild" / "docs", None)
    return corpora


def corpus_dir() -> Path:
    """The corpus folder: $CORPUS_DIR, else the embedded `corpus/`."""
    return Path(os.environ.get("CORPUS_DIR") or DEFAULT_CORPUS_DIR).resolve()


def warehouse_path() -> Path:
    """The published DuckDB file: $WAREHOUSE_PATH, else `warehouse/kjfacts.duckdb`."""
    return Path(os.environ.get("WAREHOUSE_PATH") or DEFAULT_WAREHOUSE_PATH).resolve()


def shared_dir() -> Path:
    """The shared data folder (corpus/, gold/, dev/, wild/): $SHARED_DIR, else `<project root>/../shared`."""
    return Path(os.environ.get("SHARED_DIR") or DEFAULT_SHARED_DIR).resolve()
