"""Extraction: a Document's body → Observations (and programme mentions), with offsets into the body.

The document is walked paragraph by paragraph so that what a heading or an opening clause says
(a plan section, a year, a county section of a newspaper page) carries to the sentences under it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from loaders.extraction import patterns as P
from loaders.extraction import periods
from loaders.extraction.placing import clause_region, section_region
from loaders.extraction.indicators import map_phrase
from loaders.extraction.lexicon import cues
from loaders.extraction.measures import clean_phrase, contextual_phrase, indicator_phrase, is_cumulative, measure_of
from loaders.extraction.pairing import pair_respectively
from loaders.extraction.programmes import find_programmes, programme_region
from loaders.extraction.quantities import Quantity, find_quantities, name_spans
from loaders.extraction.records import Document, Observation, ProgrammeMention
from loaders.extraction.subjects import clause_subject, strip_subject

HEADING_MAX_CHARS = 30


@dataclass
class Context:
    """What the text so far says about the sentences that follow."""

    ref_year: int | None
    region_code: str | None
    status: str = "actual"
    section_year: int | None = None
    paragraph_year: int | None = None
    section_region: str | None = None
    carried_subject: str | None = None


@dataclass
class Sentence:
    start: int
    text: str
    quantities: list[Quantity] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)


def extract(doc: Document) -> tuple[list[Observation], list[ProgrammeMention]]:
    ctx = Context(ref_year=periods.reference_year(doc), region_code=doc.region_code)
    observations: list[Observation] = []
    mentions: list[ProgrammeMention] = []
    offset = 0
    for paragraph in doc.body.split("\n"):
        if paragraph.strip():
            _enter_paragraph(ctx, paragraph, doc)
            for sentence in split_sentences(paragraph, offset):
                programmes = find_programmes(sentence.text)
                mentions += [_mention(doc, ctx, sentence, p) for p in programmes]
                blocked = name_spans(sentence.text) + [(p.start, p.end) for p in programmes]
                observations += _sentence_observations(doc, ctx, sentence, blocked)
        offset += len(paragraph) + 1
    return observations, mentions


def split_sentences(paragraph: str, offset: int) -> list[Sentence]:
    return [Sentence(offset + m.start(), m.group()) for m in P.SENTENCE_RE.finditer(paragraph) if m.group().strip()]


def _enter_paragraph(ctx: Context, paragraph: str, doc: Document) -> None:
    ctx.paragraph_year = None
    ctx.carried_subject = None
    head = P.SENTENCE_RE.match(paragraph)
    first = head.group() if head else paragraph
    if P.HEADING_RE.match(paragraph) or len(paragraph.strip()) <= HEADING_MAX_CHARS:
        plan = any(c in first for c in cues("plan_heading"))
        summary = any(c in first for c in cues("summary_heading"))
        if plan != summary:  # a title naming both (2019年工作总结和2020年工作思路) opens neither
            ctx.status = "target" if plan else "actual"
        years = P.YEAR_RE.findall(first)
        if years and P.HEADING_RE.match(paragraph):
            ctx.section_year = int(years[0])
    section = section_region(paragraph, doc.region_code)
    if section:
        ctx.section_region = section


def _sentence_observations(doc: Document, ctx: Context, sentence: Sentence, blocked) -> list[Observation]:
    text = sentence.text
    quantities = find_quantities(text, blocked)
    if (year := periods.clause_year(text[: max(1, text.find("，"))])) and not quantities:
        ctx.paragraph_year = year
    phrases, measures = _phrases_and_measures(text, quantities)
    phrases, subjects = pair_respectively(text, quantities, phrases)
    subjects = _subjects(ctx, text, quantities, subjects, sentence_region(ctx))
    phrases = [_without_subject(p, s) for p, s in zip(phrases, subjects)]
    out = [_observation(doc, ctx, sentence, q, phrase, subject, measure)
           for q, phrase, subject, measure in zip(quantities, phrases, subjects, measures)]
    if quantities and (year := periods.clause_year(text[: quantities[0].num_start])):
        ctx.paragraph_year = year
    return out


def _without_subject(phrase: str, subject: str | None) -> str:
    """The phrase less its subject's name, unless only a function word would be left (国家高新区在全国排名)."""
    stripped = clean_phrase(strip_subject(phrase, subject))
    return stripped if len(stripped) >= 3 else phrase


def sentence_region(ctx: Context) -> str | None:
    return ctx.section_region or ctx.region_code


def _subjects(ctx: Context, text: str, quantities: list[Quantity], paired: list[str | None], region: str | None) -> list[str | None]:
    """Each quantity's subject: one paired by 分别, else the last subject a clause before it opened with
    (carried over a ；into the next sentence of the paragraph)."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in P.CLAUSE_DELIMITERS]
    opened = [(start, clause_subject(text[start:], region)) for start in starts]
    out: list[str | None] = []
    for q, pair in zip(quantities, paired):
        current = ctx.carried_subject
        for start, subject in opened:
            if start <= q.num_start and subject:
                current = subject
        out.append(pair or current)
    last = [subject for start, subject in opened if subject]
    ctx.carried_subject = (last[-1] if last else ctx.carried_subject) if text.rstrip().endswith(("；", ";")) else None
    return out


def _phrases_and_measures(text: str, quantities: list[Quantity]) -> tuple[list[str], list[tuple[str, int]]]:
    """Each quantity's measure, and its indicator phrase completed from the one before it."""
    phrases: list[str] = []
    measures: list[tuple[str, int]] = []
    floor = 0
    for q in quantities:
        start = P.clause_start(text, q.num_start)
        measure = measure_of(q, text[start: q.num_start])
        raw = indicator_phrase(text, q, floor)
        cumulative = is_cumulative(text[start: q.end])
        phrases.append(contextual_phrase(raw, measure[0], phrases[-1] if phrases else None, q.rank_scope, cumulative))
        measures.append(measure)
        floor = q.end
    return phrases, measures


def _observation(doc: Document, ctx: Context, sentence: Sentence, q: Quantity, phrase: str,
                 subject: str | None, measure_sign: tuple[str, int]) -> Observation:
    text = sentence.text
    prefix = text[: q.num_start]
    clause = text[P.clause_start(text, q.num_start): q.end]
    measure, sign = measure_sign
    status = _status(ctx, prefix)
    year = _year(ctx, prefix, status)
    if year and measure == "rank" and _is_from_rank(text, q):
        year -= 1  # 由全省第7上升到全省第4位: the first rank is the previous year's
    cumulative = is_cumulative(clause) and measure == "level"
    period = periods.period_bounds(year, prefix, cumulative)
    region = clause_region(text, q.num_start, ctx.section_region or ctx.region_code) 
    return Observation(
        document_id=doc.document_id, region_code=region, subject=subject,
        indicator_code=map_phrase(phrase, q.unit_base if measure == "level" else None) if phrase else None, indicator_phrase=phrase,
        measure=measure, status=status, period_year=period.year,
        period_start=period.start, period_end=period.end, is_cumulative=cumulative,
        qualifier=q.qualifier, value=float(q.value) * sign, unit=q.unit,
        value_base=float(q.value_base) * sign, unit_base=q.unit_base, rank_scope=q.rank_scope,
        sentence=text.strip(), char_start=sentence.start + q.num_start, char_end=sentence.start + q.num_end,
    )


def _is_from_rank(text: str, q: Quantity) -> bool:
    lead = text[P.clause_start(text, q.num_start): q.num_start]
    return ("由" in lead or "从" in lead) and bool(P.FROM_TO_RE.match(text[q.end:]))


def _status(ctx: Context, prefix: str) -> str:
    if ctx.status == "target" or P.TARGET_BY_YEAR_RE.search(prefix):
        return "target"
    return "target" if any(c in prefix for c in cues("target")) else "actual"


def _year(ctx: Context, prefix: str, status: str) -> int | None:
    if status == "target" and (m := P.TARGET_BY_YEAR_RE.search(prefix)):
        return int(m[1])
    explicit = periods.clause_year(prefix)
    if explicit:
        return explicit
    relative = periods.relative_year(prefix, ctx.section_year or ctx.ref_year)
    year = relative or ctx.paragraph_year or ctx.section_year or ctx.ref_year
    return year


def _mention(doc: Document, ctx: Context, sentence: Sentence, p) -> ProgrammeMention:
    return ProgrammeMention(
        document_id=doc.document_id, name_zh=p.name, programme_type=p.programme_type,
        region_code=programme_region(p, ctx.section_region or ctx.region_code), sentence=sentence.text.strip(),
        char_start=sentence.start + p.start, char_end=sentence.start + p.end,
    )


def extract_text(text: str, region: str | None = None, published_on: str | None = None,
                 title: str | None = None, document_id: str = "snippet") -> list[Observation]:
    """Facts of a piece of text (a sentence or a page) as if it were a document of `region`, published on `published_on`."""
    from loaders.corpus import parse_published_on
    from loaders.extraction.regions import resolve
    from loaders.extraction.textnorm import normalise

    published = parse_published_on(published_on) if published_on else None
    doc = Document(
        document_id=document_id, source_file=f"{document_id}.txt", sha256="", body=normalise(text), title=title,
        publisher=None, region_code=resolve(region) if region else None,
        published_on=published.day if published else None, published_precision=published.precision if published else None,
    )
    return extract(doc)[0]
