"""Every number accounted for (issue 9 part 5, FACTS.md section 8).

Each numeric span of a document body — Arabic numerals, or Chinese numerals that count something — is
  * `observation`: overlapped by the number of an extracted observation;
  * `programme`: inside a programme mention (1234科创行动);
  * `non_fact`: matched by a rule of `data/number_reasons.csv` that names the specific reason
    (date, document number, enumerator, ordinal, class threshold, phone, page furniture ...);
  * `unaccounted`: none of these. Those are listed in `marts.review_unaccounted_numbers`; they are what the
    extractor misses (or what no rule explains yet), and no catch-all reason may hide them.

Two parts kept apart: `find_numbers` says where the numbers are, `reasons_of` says why a number is not a
fact. `account_document` combines them with a document's observations and programme mentions.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from loaders.extraction import patterns as P
from loaders.extraction.paths import DATA_DIR, SEEDS_DIR
from loaders.extraction.ruledata import RuleDataError, column, read_rows
from loaders.extraction.records import Document, NumberAccount, Observation, ProgrammeMention
from loaders.extraction.traditional import simplified

REASONS_FILE = DATA_DIR / "number_reasons.csv"
REASON_COLUMNS = ("reason", "pattern", "note")
REASONS = frozenset({
    "date", "year", "time_of_day", "plan_period", "document_number", "enumerator", "footnote", "ordinal",
    "class_threshold", "plan_structure", "quoted_name", "award", "anniversary", "duration", "article",
    "code_or_version", "address", "phone", "page_furniture", "table_reference", "age_group", "set_phrase",
    "place_name",
})
ACCOUNTED_AS = ("observation", "programme", "non_fact", "unaccounted")
PLACEHOLDERS = {"{Y}": r"(?:19|20)\d{2}"}
# A rule must not explain a bare figure: each probe is a plain statement of a fact.
CATCH_ALL_PROBES = ("新增企业25家", "增长12.5%", "25", "投入三十亿元", "达到1500人")

ARABIC_SPAN_RE = re.compile(r"\d+(?:[.,]\d+)*")
CHINESE_RUN_RE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
CHINESE_DIGIT_RE = re.compile(r"[零〇一二两三四五六七八九十]")
LONE_CLASSIFIERS = ("个月", "季度", "周年", "方面", "大", "类", "级", "等", "年", "月", "日", "成", "番", "连", "是",
                    "轮", "代", "届", "批", "星")
LONE_BEFORE = ("第", "（", "(")
LONE_AFTER = ("、", "）", ")")
UNIT_FILE = SEEDS_DIR / "unit_factors.csv"
PATTERN_CONTEXT = 3  # characters either side of an unaccounted number in its pattern


class NumberReasonsError(RuleDataError):
    """A bad row of data/number_reasons.csv (file:line, what, value)."""


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ReasonRule:
    reason: str
    pattern: re.Pattern[str]
    note: str
    line_no: int


@dataclass
class Accounting:
    """The accounting of one or more documents: counts by status and by reason, and the unaccounted rows."""

    numbers: list[NumberAccount]

    @property
    def n_numbers(self) -> int:
        return len(self.numbers)

    def count(self, accounted_as: str) -> int:
        return sum(1 for n in self.numbers if n.accounted_as == accounted_as)

    @property
    def share_accounted(self) -> float:
        return 1.0 - self.count("unaccounted") / self.n_numbers if self.numbers else 1.0

    def by_reason(self) -> Counter[str]:
        return Counter(n.reason for n in self.numbers if n.accounted_as == "non_fact")

    def unaccounted(self) -> list[NumberAccount]:
        return [n for n in self.numbers if n.accounted_as == "unaccounted"]


# ---------------------------------------------------------------- the finder


def find_numbers(text: str) -> list[NumberSpan]:
    """Every numeric span of a text, in order: Arabic numerals (2,213 / 1.6 / 2021), and Chinese numerals
    that are several characters long (二十五, 十三五) or stand before a unit or classifier (三家, 两个, 四大)."""
    spans = [NumberSpan(m.start(), m.end(), m.group()) for m in ARABIC_SPAN_RE.finditer(text)]
    spans += [NumberSpan(m.start(), m.end(), m.group()) for m in _chinese_numerals(text)]
    return sorted(spans, key=lambda s: s.start)


def _chinese_numerals(text: str) -> list[re.Match[str]]:
    out = []
    for m in CHINESE_RUN_RE.finditer(text):
        run = m.group()
        if not CHINESE_DIGIT_RE.search(run):
            continue  # 万 / 亿 after an Arabic number (1.6亿), 百姓, 千方百计
        if len(run) == 1 and not _counts_something(text, m.start(), m.end()):
            continue  # 统一, 一流, 进一步: a word, not a number
        out.append(m)
    return out


def _counts_something(text: str, start: int, end: int) -> bool:
    """A lone Chinese numeral is a number before a unit or classifier (三家), after 第 (第二批), or as a
    heading or list number (三、 （二）)."""
    return (text.startswith(_classifiers(), end) or text[start - 1: start] in LONE_BEFORE
            or text[end: end + 1] in LONE_AFTER)


@lru_cache(maxsize=1)
def _classifiers() -> tuple[str, ...]:
    """Units of the unit table written in Chinese, and the classifiers an ordinal or a name takes."""
    units = {unit for unit in column(UNIT_FILE, "unit") if P.CJK_CHAR_RE.match(unit[:1])}
    units -= WORD_INITIAL_UNITS
    return tuple(sorted(units | set(LONE_CLASSIFIERS), key=len, reverse=True))


# Units that also begin common words (统一部署, 一部分): a lone 一 before them is not counted as a number.
WORD_INITIAL_UNITS = frozenset({"部", "头", "分", "成", "前", "最高", "最快", "最多", "最大", "之首", "岁"})


# ---------------------------------------------------------------- the reasons


@lru_cache(maxsize=1)
def load_rules() -> tuple[ReasonRule, ...]:
    """The rules of data/number_reasons.csv, validated: a known reason, a compiling pattern, a note, and
    a pattern that does not explain a plain statement of a fact (no catch-all)."""
    rows = read_rows(REASONS_FILE, REASON_COLUMNS, NumberReasonsError, exact=True)
    return tuple(_rule(line_no, row) for line_no, row in rows)


def _rule(line_no: int, row: dict[str, str]) -> ReasonRule:
    where = f"{REASONS_FILE}:{line_no}"
    reason, source, note = (row.get("reason") or "").strip(), row.get("pattern") or "", (row.get("note") or "").strip()
    if reason not in REASONS:
        raise NumberReasonsError(f"{where}: unknown reason {reason!r} (one of {', '.join(sorted(REASONS))})")
    if not source.strip() or not note:
        raise NumberReasonsError(f"{where}: pattern and note are required")
    for placeholder, value in PLACEHOLDERS.items():
        source = source.replace(placeholder, value)
    try:
        pattern = re.compile(source)
    except re.error as exc:
        raise NumberReasonsError(f"{where}: bad pattern {row['pattern']!r}: {exc}") from None
    for probe in CATCH_ALL_PROBES:
        for m in pattern.finditer(probe):
            if any(ch.isdigit() or CHINESE_DIGIT_RE.match(ch) for ch in m.group()):
                raise NumberReasonsError(f"{where}: pattern explains the plain fact {probe!r} (a catch-all)")
    return ReasonRule(reason, pattern, note, line_no)


@lru_cache(maxsize=1)
def _name_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Names from other data that hold a numeral: region names (七台河, 三门峡, 十堰) and the extractor's
    set phrases (data/numeral_set_phrases.csv: 八项规定, 四个意识)."""
    from loaders.extraction.quantities import set_phrases
    from loaders.extraction.regions import load_regions

    places = {n for r in load_regions().values() for n in (r.name_zh, r.short_name_zh)
              if len(n) >= 2 and CHINESE_DIGIT_RE.search(n)}
    out = []
    for reason, names in (("place_name", places), ("set_phrase", set(set_phrases()))):
        if names:
            out.append((reason, re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))))
    return tuple(out)


def reason_spans(line: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) of every rule match in one line of text, in rule order (data rules first)."""
    found = [(m.start(), m.end(), rule.reason) for rule in load_rules() for m in rule.pattern.finditer(line)]
    for reason, pattern in _name_rules():
        found += [(m.start(), m.end(), reason) for m in pattern.finditer(line)]
    return found


def reasons_of(text: str, spans: list[NumberSpan]) -> list[str | None]:
    """For each span, the reason of the first rule whose match (within the span's line) covers it, else None."""
    out: list[str | None] = []
    cache: dict[int, tuple[int, list[tuple[int, int, str]]]] = {}
    for span in spans:
        line_start = text.rfind("\n", 0, span.start) + 1
        if line_start not in cache:
            line_end = text.find("\n", span.start)
            cache[line_start] = (line_start, reason_spans(text[line_start: None if line_end < 0 else line_end]))
        offset, matches = cache[line_start]
        a, b = span.start - offset, span.end - offset
        out.append(next((reason for start, end, reason in matches if start <= a and b <= end), None))
    return out


# ---------------------------------------------------------------- one document


def account_document(doc: Document, observations: list[Observation],
                     mentions: list[ProgrammeMention]) -> list[NumberAccount]:
    """Every numeric span of the body with what accounts for it (observation > programme > non-fact reason)."""
    text = simplified(doc.body)
    spans = find_numbers(text)
    reasons = reasons_of(text, spans)
    observed = Intervals.of((o.char_start, o.char_end) for o in observations)
    programmes = Intervals.of((m.char_start, m.char_end) for m in mentions)
    out = []
    for span, reason in zip(spans, reasons):
        if observed.overlaps(span.start, span.end):
            accounted_as = "observation"
        elif programmes.overlaps(span.start, span.end):
            accounted_as = "programme"
        else:
            accounted_as = "non_fact" if reason else "unaccounted"
        out.append(NumberAccount(
            document_id=doc.document_id, char_start=span.start, char_end=span.end,
            number_text=doc.body[span.start: span.end],
            accounted_as=accounted_as, reason=reason, sentence=_sentence(doc.body, span.start),
        ))
    return out


@dataclass(frozen=True)
class Intervals:
    """Half-open intervals [a, b) sorted by start, with the running maximum of their ends: whether one overlaps
    a span is a binary search (a number of a long document against its thousands of facts: no scan of them all)."""

    starts: tuple[int, ...]
    max_ends: tuple[int, ...]  # max_ends[i]: the largest end of the first i + 1 intervals

    @classmethod
    def of(cls, intervals: Iterable[tuple[int, int]]) -> Intervals:
        ordered = sorted(intervals)
        return cls(tuple(a for a, _ in ordered), tuple(accumulate((b for _, b in ordered), max)))

    def overlaps(self, start: int, end: int) -> bool:
        """True when some interval [a, b) has a < end and start < b."""
        before_end = bisect_left(self.starts, end)  # the intervals with a < end
        return before_end > 0 and self.max_ends[before_end - 1] > start


def _sentence(body: str, pos: int) -> str:
    line_start = body.rfind("\n", 0, pos) + 1
    line_end = body.find("\n", pos)
    line = body[line_start: None if line_end < 0 else line_end]
    for m in P.SENTENCE_RE.finditer(line):
        if m.start() <= pos - line_start < m.end():
            return m.group().strip()
    return line.strip()


def pattern_of(number: NumberAccount, body: str) -> str:
    """The shape of a number in its context, for grouping: digits → N, a few characters either side (增长N%)."""
    left = body[max(0, number.char_start - PATTERN_CONTEXT): number.char_start]
    right = body[number.char_end: number.char_end + PATTERN_CONTEXT]
    return _shape(left) + "N" + _shape(right)


def _shape(text: str) -> str:
    text = text.replace("\n", "⏎")
    return CHINESE_DIGIT_RE.sub("n", ARABIC_SPAN_RE.sub("N", text))


# ---------------------------------------------------------------- a corpus folder, without building


def account_corpus(folder, progress: bool = False) -> tuple[Accounting, dict[str, str]]:
    """Read, extract and account every readable document of a corpus folder (manifest honoured, nothing
    written); returns the accounting and each document's body by id (for patterns and context)."""
    import sys

    from loaders.corpus import list_files, read_document, read_manifest
    from loaders.extraction.extract import extract
    from loaders.readers import UnreadableDocument

    manifest = read_manifest(folder)
    numbers: list[NumberAccount] = []
    bodies: dict[str, str] = {}
    files = list_files(folder)
    for n, path in enumerate(files, start=1):
        try:
            doc = read_document(path, manifest.get(path.name))
        except UnreadableDocument:
            continue
        observations, mentions = extract(doc)
        numbers += account_document(doc, observations, mentions)
        bodies[doc.document_id] = doc.body
        if progress:
            print(f"\r{folder.name}: {n}/{len(files)}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return Accounting(numbers), bodies


def top_patterns(accounting: Accounting, bodies: dict[str, str], limit: int = 20) -> list[tuple[str, int]]:
    """The commonest shapes of the unaccounted numbers (增长N%, N家企业 ...)."""
    counts = Counter(pattern_of(n, bodies[n.document_id]) for n in accounting.unaccounted())
    return counts.most_common(limit)
