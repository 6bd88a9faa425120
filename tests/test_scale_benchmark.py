"""benchmarks/run.py builds its corpora at run time: distinct copies with one figure changed, manifest rows kept."""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import sys
from pathlib import Path

from loaders.config import PROJECT_ROOT
from loaders.corpus import read_manifest


def _run_module():
    spec = importlib.util.spec_from_file_location("scale_run", PROJECT_ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["scale_run"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_copies_are_distinct_same_length_and_keep_their_manifest_rows(tmp_path: Path) -> None:
    run = _run_module()
    sources = run.source_folders()
    n = 3 * sum(1 for f in sources for _ in f.glob("*.txt"))  # three rounds over every source document
    chars = run.make_corpus(tmp_path, n)
    files = sorted(tmp_path.glob("*.txt"))
    assert len(files) == n and chars == sum(len(p.read_text(encoding="utf-8")) for p in files)
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in files}) == n
    originals = {p.name: p.read_text(encoding="utf-8") for f in sources for p in f.glob("*.txt")}
    for p in files[:50]:
        original = originals[p.name.split("_", 1)[1]]
        copy = p.read_text(encoding="utf-8")
        assert len(copy) == len(original) and sum(a != b for a, b in zip(copy, original)) == 1
    manifest = read_manifest(tmp_path)  # validates every row (regions, dates, files present)
    assert set(manifest) == {p.name for p in files}
    with (tmp_path / "manifest.csv").open(encoding="utf-8") as fh:
        assert all(row["file"].startswith("s") for row in csv.DictReader(fh))
