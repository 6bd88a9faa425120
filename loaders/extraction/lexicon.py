"""Cue words the extractor reads from `loaders/extraction/data/cues.csv` (one loader for the one file)."""
from __future__ import annotations

from functools import lru_cache

from loaders.extraction.paths import DATA_DIR
from loaders.extraction.ruledata import bad, read_rows

CUES_FILE = DATA_DIR / "cues.csv"


@lru_cache(maxsize=1)
def _cue_rows() -> tuple[tuple[str, str, str], ...]:
    rows = []
    for line_no, r in read_rows(CUES_FILE, ("role", "cue", "value")):
        if not r["role"] or not r["cue"]:
            raise bad(CUES_FILE, line_no, "role and cue (both required)", f"{r['role']},{r['cue']}")
        rows.append((r["role"], r["cue"], r["value"]))
    return tuple(rows)


@lru_cache(maxsize=None)
def cues(role: str) -> tuple[str, ...]:
    """The cue words of one role, longest first (so that 同比增长 wins over 增长)."""
    words = {cue for r, cue, _ in _cue_rows() if r == role}
    if not words:
        raise KeyError(f"no cue words with role '{role}' in {CUES_FILE}")
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=None)
def cue_values(role: str) -> dict[str, str]:
    """cue → value for roles that carry one (qualifiers, name containers)."""
    return {cue: value for r, cue, value in _cue_rows() if r == role}
