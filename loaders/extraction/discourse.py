"""The discourse model: a document → its report year and kind, and the scopes its headings open.

- *Report year*: the year the document reports on (FACTS.md §8), distinct from the publication date: the
  year a title or the first lines attach to a summary word (`2023年科技进步报告`, `2022年工作综述`,
  `2024年成效与2025年目标` → 2023, 2022, 2024); a plan title's year (`2023年工作思路和主要预期目标`);
  else the latest year the body dates its figures with when that is before the publication year (a page
  published in 2020 about 2018); else the publication year.
- *Kind*: `plan` when the title names only a plan, `summary_and_plan` when it names both, else `report`.
- *Scopes*: a heading (一、 (一) 1. （1） —— and short unnumbered title lines) opens a scope that ends where
  the next heading of its level or a higher one begins. A scope may state a year, a status (plan vs.
  results) and nothing else; an inner scope wins over an outer one. A paragraph that opens with a plan
  lead (`主要的预期目标是：`) is a scope of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from loaders.extraction import patterns as P
from loaders.extraction.lexicon import cues
from loaders.extraction.records import Document

FIRST_LINES = 3
EARLY_MONTHS = 3
TITLE_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Scope:
    """What a heading (or a plan lead) says about the text from `start` to `end`."""

    start: int
    end: int
    level: int
    heading: str
    year: int | None = None
    status: str | None = None  # 'target' (a plan part), 'actual' (a results part) or None


@dataclass
class Frame:
    """The document as a whole: its report year, kind and scopes."""

    report_year: int | None
    publication_year: int | None
    kind: str
    titled: bool = False  # the report year comes from the title or first lines (not inferred from the body)
    title_plan_year: int | None = None  # 2020年工作目标 in the title
    scopes: list[Scope] = field(default_factory=list)
    _bounds: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _chains: list[tuple[Scope, ...]] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """The segments between scope boundaries and the scopes open in each, outermost first (a sweep)."""
        self._bounds = sorted({b for s in self.scopes for b in (s.start, s.end)})
        opening: dict[int, list[int]] = {}
        for i, scope in enumerate(self.scopes):
            opening.setdefault(scope.start, []).append(i)
        active: set[int] = set()
        for b in self._bounds:
            active = {i for i in active if self.scopes[i].end > b} | set(opening.get(b, []))
            self._chains.append(tuple(self.scopes[i] for i in sorted(active) if self.scopes[i].end > b))

    def scopes_at(self, pos: int) -> list[Scope]:
        """The scopes holding `pos`, outermost first (in the order of `scopes`): one look-up in the segments
        between scope boundaries, so a long document with many headings costs no scan per figure."""
        k = bisect_right(self._bounds, pos) - 1
        return list(self._chains[k]) if k >= 0 else []

    def now_year(self) -> int | None:
        """今年/全年 of a results part: the report year."""
        return self.report_year or self.publication_year

    def plan_year(self) -> int | None:
        """The year a plan part with no year of its own is about: the plan title's year, else the year
        after the report year when the document reports on a past year, else the report year."""
        if self.title_plan_year:
            return self.title_plan_year
        if self.kind == "plan" or self.report_year is None or self.publication_year is None:
            return self.report_year or self.publication_year
        return self.report_year + 1 if self.report_year < self.publication_year else self.report_year


def frame(doc: Document) -> Frame:
    publication = doc.published_on.year if doc.published_on else None
    title = TITLE_SPACE_RE.sub("", doc.title or "") or _title_line(doc.body)
    kind = report_kind(title)
    short_lines = [ln for ln in first_lines(doc.body) if len(ln) <= P.TITLE_LINE_MAX]
    year = titled_report_year(title) or titled_report_year("\n".join(short_lines))
    titled = year is not None
    if year is None:
        year = early_year_report(doc) or dated_report_year(doc.body, publication)
    plan_year = title_plan_year(title, kind)
    if year is None and plan_year:
        year = plan_start_year(title) or plan_year  # an undated plan: written before its period, else its horizon
    return Frame(report_year=year, publication_year=publication, kind=kind, scopes=find_scopes(doc.body),
                 titled=titled, title_plan_year=plan_year)


def plan_start_year(title: str) -> int | None:
    """The year a five-year plan is written in, the last of the period before (“十三五”规划 → 2015): the
    year its account of the past reports on."""
    m = P.PLAN_PERIOD_RE.search(title)
    return P.PLAN_PERIOD_FIRST_YEAR[m[1]] - 1 if m else None


def title_plan_year(title: str, kind: str) -> int | None:
    """The year a plan title sets its targets for: 2020年工作目标 → 2020, 行动计划（到2023年） → 2023, a
    “十四五”规划 → 2025 (the period's last year)."""
    if m := P.PLAN_YEAR_RE.search(title) or P.PLAN_HORIZON_RE.search(title):
        return int(m["year"])
    if kind == "plan" and (m := P.PLAN_PERIOD_RE.search(title)):
        return P.PLAN_PERIOD_FIRST_YEAR[m[1]] + 4
    return None


def _title_line(body: str) -> str:
    """A document without a title: its first line when that line is a title (short, no sentence ending)."""
    lines = first_lines(body)
    return lines[0] if lines and heading_level(lines[0]) == 0 else ""


def first_lines(body: str) -> list[str]:
    return [ln.strip() for ln in body.splitlines() if ln.strip()][:FIRST_LINES]


def report_kind(title: str) -> str:
    plan_match = P.PLAN_YEAR_RE.search(title)
    summary = bool(P.SUMMARY_WORD_RE.search(title)) or bool(plan_match and P.YEAR_RE.search(title[:plan_match.start()]))
    plan = bool(P.PLAN_WORD_RE.search(title))
    if plan and summary:
        return "summary_and_plan"
    return "plan" if plan else "report"


def titled_report_year(text: str) -> int | None:
    """The year a title attaches to a summary word, else to a plan word (a plan document)."""
    if m := P.SUMMARY_YEAR_RE.search(text):
        return int(m["year"])
    if m := P.PLAN_YEAR_RE.search(text):
        earlier = P.YEAR_RE.findall(text[:m.start()])
        return int(earlier[-1]) if earlier else int(m["year"])  # 2015年科技工作及2016年工作思路 → 2015
    return None


def early_year_report(doc: Document) -> int | None:
    """A page published in the first quarter that speaks mostly of the previous year reports on that year."""
    if doc.published_on is None or doc.published_precision == "year" or doc.published_on.month > EARLY_MONTHS:
        return None
    year = doc.published_on.year
    mentions = [int(y) for y in P.YEAR_RE.findall(doc.body)]
    if mentions.count(year - 1) >= 2 and mentions.count(year - 1) >= mentions.count(year):
        return year - 1
    return None


def dated_report_year(body: str, publication: int | None) -> int | None:
    """The latest year that dates the body's figures (not a comparison base, not after publication), unless
    the body speaks of the present (今年, 截至目前, 1-9月), which is the publication year."""
    body = P.BOOK_TITLE_RE.sub("", body)  # 《2016年第一季度…报告》 names a report, it dates no figure
    years = [int(m["year"]) for m in P.DATED_YEAR_RE.finditer(body) if not _is_comparison(body, m)]
    if publication is not None and P.PRESENT_TIME_RE.search(body):
        return publication
    if publication is not None:
        years = [y for y in years if y <= publication]
        return max(years) if years and max(years) < publication else publication
    return max(set(years), key=years.count) if years else None


def _is_comparison(body: str, m: re.Match[str]) -> bool:
    before = body[max(0, m.start() - 2):m.start()]
    if before in ("截至", "截止"):
        return False
    return before.endswith(P.COMPARISON_LEADS) or body.startswith(P.COMPARISON_TAILS, m.end())


def find_scopes(body: str) -> list[Scope]:
    """Every heading's scope, in text order."""
    lines = _lines(body)
    scopes: list[Scope] = []
    for i, (start, text) in enumerate(lines):
        level = heading_level(text)
        if level is None:
            if lead := _plan_lead(text):
                scopes.append(Scope(start, start + len(text), 9, lead, heading_year(lead), "target"))
            continue
        end = next((s for s, t in lines[i + 1:] if (lv := heading_level(t)) is not None and lv <= level), len(body))
        if level == len(P.HEADING_MARKERS):
            end = start + len(text)  # a bullet (●, ——) is an item: its scope is its own line
        elif level == 0:
            end = next((s for s, t in lines[i + 1:] if heading_level(t) in (None, 0)), len(body))  # a title line
            # scopes the headings and bullets right under it, not the prose after them
        heading = heading_text(text)
        scopes.append(Scope(start, end, level, heading, heading_year(heading), heading_status(heading)))
    return scopes


def _lines(body: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in body.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def heading_level(line: str) -> int | None:
    """1 for 一、, 2 for (一), 3 for 1., 4 for (1), 5 for ——; 0 for a short unnumbered title line."""
    text = line.strip()
    for level, pattern in enumerate(P.HEADING_MARKERS, start=1):
        if pattern.match(text):
            return level
    if len(text) <= P.TITLE_LINE_MAX and not text.endswith(P.SENTENCE_ENDINGS) and P.CJK_CHAR_RE.search(text):
        return 0
    return None


def heading_text(line: str) -> str:
    """The heading itself: the line up to its first full stop or colon."""
    m = P.HEADING_TEXT_RE.match(line.strip())
    return m.group() if m else line.strip()


def heading_status(heading: str) -> str | None:
    plan_match = P.PLAN_YEAR_RE.search(heading)
    if plan_match and P.YEAR_RE.search(heading[:plan_match.start()]):
        return None  # 2015年科技工作及2016年工作思路: a results part and a plan part
    plan = bool(P.PLAN_WORD_RE.search(heading)) or any(c in heading for c in cues("plan_heading"))
    summary = bool(P.SUMMARY_WORD_RE.search(heading)) or any(c in heading for c in cues("summary_heading"))
    if plan and summary:
        return None  # 2019年工作总结和2020年工作思路: each part decides
    if plan:
        return "target"
    return "actual" if summary else None


def _plan_lead(line: str) -> str | None:
    m = P.PLAN_LEAD_RE.match(line.strip())
    return m.group() if m else None


def heading_year(text: str) -> int | None:
    years = P.HEADING_YEAR_RE.findall(text)
    return int(years[0]) if years else None
