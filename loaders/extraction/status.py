"""Actual or target (FACTS.md §8): the innermost statement that decides it.

1. The clause: a target cue before the number (力争, 确保, 目标是, 预期, 到2025年), or a target named right
   after it (…达450家的主要目标).
2. Actual-stock words of the clause (截至, 目前, 现有, 已) keep a figure actual inside a plan part.
3. A year of its own after the report year that the document cannot yet report on (2025年，全区将… in a page
   of February 2025 about 2024; 今年 on such an untitled page) is a plan.
4. The innermost heading scope that states a status (二、2020年工作思路; 主要的预期目标是：).
5. A plan document (its title names only a plan) plans, except a figure dated before its year (its account
   of the year before); everything else reports.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extraction import patterns as P
from loaders.extraction import periods
from loaders.extraction.lexicon import cues

if TYPE_CHECKING:
    from loaders.extraction.discourse import Frame
    from loaders.extraction.extract import Figure, Paragraph


def decide(frame: "Frame", paragraph: "Paragraph", f: "Figure") -> str:
    prefix = f.prefix
    cue = last_target_cue(prefix)
    if cue is not None and not _past_year_after(prefix[cue:], frame):
        return "target"
    if P.TARGET_AFTER_RE.match(f.sentence.text[f.q.end:]):
        return "target"
    if any(c in f.sentence.text[f.clause_start:f.q.num_start] for c in cues("actual_stock")):
        return "actual"
    own = periods.clause_year(prefix) or paragraph.year or _calendar_year(prefix, frame)
    if own and frame.report_year and own > frame.report_year and frame.publication_year and own >= frame.publication_year:
        return "target"
    if own and frame.kind == "plan" and frame.report_year and own < frame.report_year:
        return "actual"  # 2023年，全省…: a plan document's account of the year before it
    for scope in reversed(frame.scopes_at(f.sentence.start + f.q.num_start)):
        if scope.status:
            return scope.status
    return "target" if frame.kind == "plan" else "actual"


def _calendar_year(prefix: str, frame: "Frame") -> int | None:
    """今年/明年 on an untitled page count from its date (a February 2018 report of 2017: 今年,…将新增 → 2018)."""
    if frame.titled or not P.CALENDAR_WORD_RE.search(prefix):
        return None
    return periods.relative_year(prefix, frame.publication_year)


def last_target_cue(prefix: str) -> int | None:
    """Where the last target cue of the text before the number ends (None when there is none)."""
    ends = [m.end() for m in P.TARGET_BY_YEAR_RE.finditer(prefix)] + [m.end() for m in P.PLAN_PERIOD_TARGET_RE.finditer(prefix)]
    ends += [prefix.rfind(c) + len(c) for c in cues("target") if c in prefix]
    return max(ends) if ends else None


def _past_year_after(text: str, frame: "Frame") -> bool:
    """A clause after the cue dates itself in a year already reported on (…2300户以上。记者获悉，2023年，…)."""
    year = periods.clause_year(text)
    return bool(year and frame.report_year and year <= frame.report_year and P.CLAUSE_DELIMITERS_RE.search(text))
