"""Programme mentions: named policy instruments (action plans, policies, mechanisms, financing products, events)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from loaders.config import DATA_DIR

PROGRAMME_SUFFIXES_FILE = DATA_DIR / "programme_suffixes.csv"
QUOTED_RE = re.compile(r"“([^“”]{1,30})”")
TITLE_RE = re.compile(r"《([^《》]{2,60})》")
NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9“”·•+、]"


@dataclass(frozen=True)
class FoundProgramme:
    start: int
    end: int
    name: str
    programme_type: str


@lru_cache(maxsize=1)
def suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, programme_type), longest first, from programme_suffixes.csv."""
    with PROGRAMME_SUFFIXES_FILE.open(encoding="utf-8", newline="") as fh:
        rows = [(r["suffix"], r["programme_type"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _suffix_re() -> re.Pattern[str]:
    alternation = "|".join(re.escape(s) for s, _ in suffixes())
    return re.compile(rf"(?P<name>(?:“[^“”]{{1,20}}”|[\u4e00-\u9fffA-Za-z0-9·•+]){{2,16}}?(?:{alternation}))")


def programme_type(name: str) -> str:
    for suffix, kind in suffixes():
        if name.endswith(suffix):
            return kind
    return "other"


def find_programmes(sentence: str) -> list[FoundProgramme]:
    found: list[FoundProgramme] = []
    for m in TITLE_RE.finditer(sentence):
        found.append(FoundProgramme(m.start(), m.end(), _clean(m[1]), "policy"))
    for m in QUOTED_RE.finditer(sentence):
        start, end = m.start(), m.end()
        tail = re.match(r"[\u4e00-\u9fff]{0,6}?(?:" + "|".join(re.escape(s) for s, _ in suffixes()) + ")", sentence[end:])
        if tail:
            end += tail.end()
        name = _clean(sentence[start:end])
        found.append(FoundProgramme(start, end, name, programme_type(name)))
    return _non_overlapping(found)


def _clean(name: str) -> str:
    return re.sub(r"[“”\"'\s]", "", name)


def _non_overlapping(found: list[FoundProgramme]) -> list[FoundProgramme]:
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[FoundProgramme] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return out
