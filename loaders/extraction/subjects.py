"""Subjects narrower than a region: a zone, park, lab, fund or enterprise that a clause speaks of.

A name ending in a subject suffix (`loaders/extraction/data/subject_suffixes.csv`) that opens a clause and is followed by a
predicate (`subject_predicate` cues) is the subject of that clause and of the clauses after it in the same
sentence (`自创区实现高新技术产业投资增速19.9%，技术交易额增速144.9%`). Abbreviations such as 自创区 are
expanded with the document's prefecture (`loaders/extraction/data/subject_aliases.csv`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.extraction import patterns as P
from loaders.extraction import regions
from loaders.extraction.paths import DATA_DIR
from loaders.extraction.ruledata import read_rows
from loaders.extraction.lexicon import cues
from loaders.extraction.pairing import subject_suffixes

SUBJECT_ALIASES_FILE = DATA_DIR / "subject_aliases.csv"
CLAUSE_LEAD_RE = re.compile(r"^[●■◆▲•·\s]*(?:其中|此外|同时|今年以来|目前|截至目前|全市|我市)?[，,]?")
QUOTED_LEAD_RE = re.compile(r"^(?:如|例如)?“([^“”]{2,20})”")


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {r["alias"]: r["canonical"] for _, r in read_rows(SUBJECT_ALIASES_FILE, ("alias", "canonical"))}


@lru_cache(maxsize=1)
def _name_re() -> re.Pattern[str]:
    suffixes = "|".join(re.escape(s) for s in subject_suffixes())
    return re.compile(rf"^(?P<name>[{P.CJK}A-Za-z0-9()（）·•—\-]{{0,18}}?(?:{suffixes}))")


def clause_subject(clause: str, region_code: str | None) -> str | None:
    """The subject a clause opens with, or None."""
    lead = CLAUSE_LEAD_RE.match(clause)
    text = clause[lead.end() if lead else 0:]
    if m := QUOTED_LEAD_RE.match(text):
        if text[m.end():m.end() + 1] in "以在获":
            return m[1]
    m = _name_re().match(text)
    if not m or P.COUNTED_NAME_RE.search(m["name"]):
        return None
    rest = text[m.end():]
    if not rest.startswith(cues("subject_predicate")):
        return None
    return expand(m["name"], region_code)


def expand(name: str, region_code: str | None) -> str:
    """自创区 → 温州国家自主创新示范区 in a document of 温州 (or of one of its counties)."""
    template = _aliases().get(name)
    if not template:
        return name
    prefecture = _prefecture_short_name(region_code)
    return template.replace("{prefecture}", prefecture) if prefecture else name


def _prefecture_short_name(region_code: str | None) -> str | None:
    if not region_code:
        return None
    for code in [region_code, *regions.ancestors(region_code)]:
        if regions.level(code) == "prefecture":
            return regions.region(code).short_name_zh
    return None


def strip_subject(phrase: str, subject: str | None) -> str:
    """国科大温州研究院新引进国内顶尖创新团队 → 新引进国内顶尖创新团队 when the subject is 国科大温州研究院."""
    if not subject or not phrase:
        return phrase
    for name in {subject, *(a for a, c in _aliases().items() if subject.endswith(c.replace("{prefecture}", "")))}:
        if phrase.startswith(name) and len(phrase) > len(name):
            return phrase[len(name):]
    return phrase
