"""Which region a number is about: the document's, its section's, or one named at the start of the clause."""
from __future__ import annotations

import re

from loaders.extraction import patterns as P
from loaders.extraction import regions

PREFECTURE_SECTION_LEAD = 12  # a prefecture opens a section only when named at the paragraph's start
CLAUSE_LEAD_RE = re.compile(r"^[●■◆▲•·\s]*(?:截至目前|目前|其中|此外|同时)?[，,]?")


def section_region(paragraph: str, doc_region: str | None) -> str | None:
    """On a province-level (or national) page made of county sections, the county a paragraph speaks of:
    the first county-level region named in it, else the first prefecture-level one."""
    if doc_region is None or regions.level(doc_region) not in {"province", "country"}:
        return None
    found = [m for m in regions.find_mentions(paragraph, doc_region) if _below(m.code, doc_region)]
    for m in found:
        if regions.level(m.code) == "county":
            return m.code
    for m in found:
        if regions.level(m.code) == "prefecture" and m.start <= PREFECTURE_SECTION_LEAD:
            return m.code
    return None


def _below(code: str, outer: str) -> bool:
    return code != outer and regions.contains(outer, code)


def clause_region(text: str, pos: int, default: str | None) -> str | None:
    """A single region named as the clause's subject (瑞安排名全国…) wins over the default."""
    clause = text[P.clause_start(text, pos):pos]
    lead = CLAUSE_LEAD_RE.match(clause)
    offset = lead.end() if lead else 0
    for m in regions.find_mentions(clause, default):
        if m.start == offset and not clause[m.end:m.end + 1] in "、和及与":
            if default is None or regions.contains(default, m.code) or regions.level(default) in {"country"}:
                return m.code
        break
    return default
