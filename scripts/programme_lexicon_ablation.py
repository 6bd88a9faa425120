"""How much of the dev programme score rests on lexicon entries that are dev gold names.

The known-programme lexicon (loaders/extraction/data/programme_known.csv) must not become a copy of the dev gold.
This script scores the seeds and the dev set twice: with the lexicon as it is, and with every entry removed whose
name equals a dev gold name (after `normalise_name`, with or without a level word such as 省 / 国家 in front).
The second score estimates what the rules do on reports nobody has seen.

    python scripts/programme_lexicon_ablation.py
"""
from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loaders.extraction import programmes as PR  # noqa: E402
from loaders.programme_scoring import (  # noqa: E402
    gold_programme_files, normalise_name, read_gold_programmes, score_sets, scored_sets, summary_line,
)


def dev_gold_names() -> set[str]:
    """Normalised dev gold names, each also without its level word."""
    sets = scored_sets()
    if "dev" not in sets:
        raise SystemExit("no dev set ($SHARED_DIR/dev/gold) to ablate against")
    names: set[str] = set()
    for path in gold_programme_files(sets["dev"][1]).values():
        for g in read_gold_programmes(path):
            name = normalise_name(g.name)
            names |= {name, PR.LEVEL_PREFIX_RE.sub("", name)}
    return names


def write_ablated_lexicon(target: Path, banned: set[str]) -> list[str]:
    """Copy the known-programme file without the banned names; returns the names removed."""
    with PR.PROGRAMME_KNOWN_FILE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        fields = reader.fieldnames or []
    removed = [r["name"] for r in rows if normalise_name(r["name"]) in banned]
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(r for r in rows if r["name"] not in removed)
    return removed


def use_lexicon(path: Path) -> None:
    """Point the extractor at another known-programme file and drop every cached table built from the old one."""
    PR.PROGRAMME_KNOWN_FILE = path
    for value in vars(PR).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


def main() -> None:
    original = PR.PROGRAMME_KNOWN_FILE
    for name, score in score_sets().items():
        print("as is    ", summary_line(name, score))
    with tempfile.TemporaryDirectory() as tmp:
        ablated = Path(tmp) / "programme_known.csv"
        removed = write_ablated_lexicon(ablated, dev_gold_names())
        use_lexicon(ablated)
        try:
            for name, score in score_sets().items():
                print("ablated  ", summary_line(name, score))
        finally:
            use_lexicon(original)
    print(f"removed {len(removed)} lexicon entries equal to dev gold names: {'、'.join(removed)}")


if __name__ == "__main__":
    main()
