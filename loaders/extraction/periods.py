"""Periods: which year (and which span of it) a figure is about."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from typing import TYPE_CHECKING

from loaders.extraction import patterns as P
from loaders.extraction.records import Document

if TYPE_CHECKING:
    from loaders.extraction.discourse import Frame
    from loaders.extraction.extract import Figure, Paragraph

TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?:度)?(?:工作)?(?:总结|回顾|报告)")
EARLY_MONTHS = 3


@dataclass(frozen=True)
class Period:
    year: int | None
    start: date | None
    end: date | None


def reference_year(doc: Document) -> int | None:
    """The year a document reports on: a work summary's year, else its publication year (a report
    published in the first quarter that speaks of the previous year reports on that year)."""
    if doc.title and (m := TITLE_YEAR_RE.search(doc.title)):
        return int(m[1])
    if doc.published_on is None:
        years = [int(y) for y in P.YEAR_RE.findall(doc.body)]
        return max(set(years), key=years.count) if years else None
    year = doc.published_on.year
    if doc.published_precision != "year" and doc.published_on.month <= EARLY_MONTHS:
        mentions = [int(y) for y in P.YEAR_RE.findall(doc.body)]
        if mentions.count(year - 1) >= 2 and mentions.count(year - 1) >= mentions.count(year):
            return year - 1
    return year


def figure_year(frame: "Frame", paragraph: "Paragraph", f: "Figure") -> int | None:
    """The nearest statement of time that governs the number: its clause (2018年, 到2025年, 去年, 截至目前),
    then the paragraph's dated figures, then the innermost heading scope with a year, then the report year
    (for a plan part, the plan's year)."""
    prefix = f.prefix
    if f.status == "target" and (m := P.TARGET_BY_YEAR_RE.search(prefix)):
        return int(m[1])
    if f.status == "target" and (end := plan_period_end(prefix)):
        return end
    near = near_year(prefix)
    if near:
        return near
    year = stated_year(prefix, f.sentence.text[f.clause_start:f.q.num_start])
    if year is None and f.status == "actual":
        year = past_plan_period_end(prefix, frame.now_year())  # “十三五”时期，全市…累计达到86亿元 → 2020
    if year is None and paragraph.carried_year and not P.RELATIVE_YEAR_RE.search(prefix):
        year = paragraph.carried_year  # 2023年全社会R&D投入239.06亿元；R&D投入强度1.96%: the year runs on over ；
    if year is None and P.AS_OF_NOW_LEAD_RE.search(prefix):
        year = frame.publication_year
    if year is None and f.status == "actual" and paragraph.inherited_year and not _scope_year(frame, f):
        year = paragraph.inherited_year  # 截至2021年底，全省有效高企2055家。¶ 营收超1亿元的高企487家…
    if year is None:
        base = _scope_year(frame, f) or (frame.plan_year() if f.status == "target" else frame.now_year())
        scoped = _scope_year(frame, f)
        reference = base if frame.titled or scoped else (paragraph.year or base)
        if not (frame.titled or scoped or paragraph.year) and P.CALENDAR_WORD_RE.search(prefix):
            reference = frame.publication_year or base  # a news page's 去年/今年 count from its date, not from
            # the year its figures were found to date (published 2024-11: 去年 → 2023)
        year = relative_year(prefix, reference) or scoped or paragraph.year or base
    if (end := from_plan_end(f.sentence.text[f.clause_start:f.q.num_start])) is not None:
        return end  # 由“十三五”末的2.82%提高至3.47%: the from-value is of the plan period's last year
    if year and _is_from_value(f):
        # 由全省第7上升到全省第4位, 从每月70元提高到88元: the first value is the previous year's; over five years
        # (五年来…由43.3%提高到58.9%) it is the year before the period's start; over a stated range (2018-2022年，
        # …由6590家增至2万家) it is the range's first year
        span = P.YEAR_RANGE_RE.search(f.sentence.text[:f.q.num_start])
        year = int(span["first"]) if span else year - (PLAN_SPAN if P.FIVE_YEAR_SPAN_RE.search(paragraph.text) else 1)
    return year


PLAN_SPAN = 5
ASIDE_FILL = "□"


def from_plan_end(lead: str) -> int | None:
    """由“十三五”末的X → 2020: a from-value dated by the end of a five-year plan."""
    m = P.FROM_PLAN_END_RE.search(lead)
    return P.PLAN_PERIOD_FIRST_YEAR[m["n"]] + PLAN_SPAN - 1 if m else None


def inherited_year(previous: "Paragraph | None", text: str) -> int | None:
    """The as-of year a paragraph takes from the one before it: that paragraph opened with 截至YYYY年底 and this
    one, whose first sentence states no time, goes on with the same stock-taking (a later sentence that dates
    itself keeps its own year). One paragraph only: a heading, or a statement of time, ends it."""
    first = P.SENTENCE_RE.match(text.strip())
    if previous is None or not first or P.TIME_STATED_RE.search(first.group()) or P.HEADING_RE.match(text.strip()):
        return None
    m = P.AS_OF_PARAGRAPH_LEAD_RE.match(previous.text)
    return int(m[1]) if m else None


def near_year(prefix: str) -> int | None:
    """A year written right before the number (由2017年929家, 从2012年的全国第28位, 提高到2021年的第21位),
    unless it is a comparison base (较2017年增长100%)."""
    m = P.NEAR_YEAR_RE.search(prefix)
    if not m or prefix[:m.start()].endswith(P.BASE_YEAR_LEADS):
        return None
    return int(m["year"])


def plan_period_end(prefix: str) -> int | None:
    """到“十四五”末期 → 2025: the last year of the five-year plan a target is set for."""
    found = [m for m in P.PLAN_PERIOD_RE.finditer(prefix) if "以来" not in m.group() and "时期" not in m.group()]
    return P.PLAN_PERIOD_FIRST_YEAR[found[-1][1]] + 4 if found else None


def past_plan_period_end(prefix: str, now: int | None) -> int | None:
    """The last year of a five-year plan period the text names as a span (“十三五”时期, 十二五期间), when that
    period is over by `now`: what was achieved in it is dated by its end."""
    found = [m for m in P.PLAN_PERIOD_RE.finditer(prefix) if "时期" in m.group() or "期间" in m.group()]
    if not found:
        return None
    end = P.PLAN_PERIOD_FIRST_YEAR[found[-1][1]] + PLAN_SPAN - 1
    return end if now is not None and end <= now else None


def _scope_year(frame: "Frame", f: "Figure") -> int | None:
    for scope in reversed(frame.scopes_at(f.sentence.start + f.q.num_start)):
        if scope.year:
            return scope.year
    return None


def _is_from_value(f: "Figure") -> bool:
    lead = f.sentence.text[f.clause_start: f.q.num_start]
    return ("由" in lead or "从" in lead) and bool(P.FROM_TO_RE.match(f.sentence.text[f.q.end:]))


@lru_cache(maxsize=16384)  # a sentence's prefix is read for each of its figures and for the sentence
def stated_year(prefix: str, own_clause: str = "") -> int | None:
    """The last explicit year of the text before the number that dates a figure: one opening a clause (2019年…)
    or one right after a region's name (湖州2020年“创新指数”达到182.2), or one written right before an earlier figure (提高到2021年的第21位，提升7位; not the from-year of 由2017年929家
    增长到3605家, which dates only its own figure). Not a year at or before the
    comparison base of the number's own clause (2017年新增3家，较2017年增长100%: the growth is of a later year), nor one
    inside a title or an aside (《…方案(2024—2026年)》, （来宾高新区2015年3月获批）)."""
    prefix = P.ASIDE_RE.sub(lambda m: ASIDE_FILL * len(m.group()), prefix)
    found = [(m.start(), int(m[1])) for m in P.CLAUSE_YEAR_RE.finditer(prefix)]
    found += [(m.start(), int(m["year"])) for m in P.YEAR_BEFORE_NUMBER_RE.finditer(prefix)
              if not prefix[:m.start()].endswith(P.BASE_YEAR_LEADS + P.FROM_YEAR_LEADS)]
    found += _region_years(prefix)
    found += [(m.start(), int(m["last"])) for m in P.YEAR_RANGE_RE.finditer(prefix)]  # 2006年至2018年，…: the span's end
    if not found:
        return None
    year = max(found)[1]
    bases = [int(m["year"]) for m in P.BASE_YEAR_RE.finditer(own_clause)]
    return None if bases and year <= max(bases) else year


REGION_NAME_SPAN = 12


def _region_years(prefix: str) -> list[tuple[int, int]]:
    """Years written right after a region's name (湖州2020年…, 浙江省2021年…): that region's year."""
    from loaders.extraction import regions

    out = []
    for m in P.DATING_YEAR_RE.finditer(prefix):
        lead = prefix[max(0, m.start() - REGION_NAME_SPAN):m.start()]
        mentions = regions.find_mentions(lead)
        if mentions and mentions[-1].end == len(lead):
            out.append((m.start(), int(m["year"])))
    return out


def opening_end(sentence: str) -> int:
    """Where a sentence's opening clause ends: the first clause, or the second after an attribution
    (宋德雄介绍，2023年，…; 据了解，…)."""
    end = P.clause_end(sentence, 1)
    if P.ATTRIBUTION_CLAUSE_RE.match(sentence[:end].strip()) and end < len(sentence):
        return P.clause_end(sentence, end + 1)
    return end


def clause_year(prefix: str) -> int | None:
    """An explicit year that opens a clause before the number (2019年…, 到2022年底…)."""
    years = [int(m[1]) for m in P.CLAUSE_YEAR_RE.finditer(prefix)]
    return years[-1] if years else None


def relative_year(prefix: str, ref_year: int | None) -> int | None:
    if ref_year is None:
        return None
    found = P.RELATIVE_YEAR_RE.findall(prefix)
    if not found:
        return None
    word = found[-1]
    return {"去年": ref_year - 1, "前年": ref_year - 2, "明年": ref_year + 1}.get(word, ref_year)


def period_bounds(year: int | None, prefix: str, cumulative: bool) -> Period:
    """Start and end dates: a year, 上半年, 一季度, 1-5月; a stock has no start and ends at its as-of date."""
    if year is None:
        return Period(None, None, None)
    end_month = 12
    if m := P.AS_OF_RE.search(prefix):
        end_month = int(m[2])
    elif m := P.MONTH_RANGE_RE.search(prefix):
        end_month = int(m[1])
    elif "上半年" in prefix:
        end_month = 6
    elif "一季度" in prefix:
        end_month = 3
    end_month = min(max(end_month, 1), 12)
    end = date(year, end_month, calendar.monthrange(year, end_month)[1])
    return Period(year, None if cumulative else date(year, 1, 1), end)


def distribute_years(figures: list["Figure"]) -> None:
    """2015-2018年…分别29.92、29.64、33.57、30.75亿元: a list as long as a year range pairs with its years in order."""
    if not figures:
        return
    text = figures[0].sentence.text
    for m in P.YEAR_RANGE_RE.finditer(text):
        first, last = int(m["first"]), int(m["last"])
        for group in _listed_groups([f for f in figures if f.q.num_start > m.end()]):
            if len(group) == last - first + 1:
                for k, f in enumerate(group):
                    f.year = first + k


def _listed_groups(figures: list["Figure"]) -> list[list["Figure"]]:
    groups: list[list[Figure]] = []
    for f in figures:
        joined = groups and P.LIST_JOIN_RE.fullmatch(f.sentence.text[groups[-1][-1].q.end:f.q.num_start])
        if joined:
            groups[-1].append(f)
        else:
            groups.append([f])
    return groups
