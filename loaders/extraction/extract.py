"""Extraction: a Document's body → Observations (and programme mentions), with offsets into the body.

The orchestrator holds no rules. It builds the document's discourse frame (report year, kind, heading
scopes: `discourse`), walks paragraphs → sentences, finds the quantities of each sentence, keeps one
`Figure` per number and lets each decision module fill its fields once, in order:
measure and sign (`measures`), stock or flow (`stocks`), the indicator as worded and carried across
clauses (`measures`, `pairing`, `carrying`), subject (`subjects`), year (`periods`), status (`status`)
and region (`placing`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from loaders.extraction import carrying, discourse, groups, periods, status, tables
from loaders.extraction import patterns as P
from loaders.extraction.indicators import read_indicator
from loaders.extraction.measures import clean_phrase, measures_and_phrases
from loaders.extraction.pairing import pair_respectively
from loaders.extraction.placing import SECTION_RESET, figure_region, national_paragraph, section_region
from loaders.extraction.regions import COUNTRY_CODE
from loaders.extraction.programmes import find_programmes, programme_region
from loaders.extraction.quantities import Quantity, find_quantities, name_spans
from loaders.extraction.records import Document, Observation, ProgrammeMention, stable_id
from loaders.extraction.subjects import clause_subject, strip_subject


@dataclass
class Sentence:
    start: int
    text: str


@dataclass
class Figure:
    """One number and every decision about it (made once, by the module named in the field's comment)."""

    q: Quantity
    sentence: Sentence
    clause_start: int
    measure: str = "level"  # measures.clause_measure
    sign: int = 1
    cumulative: bool = False  # indicators.read_indicator: one stock/flow decision gives both
    indicator_code: str | None = None  # indicators.read_indicator
    phrase: str = ""  # measures / pairing / carrying
    subject: str | None = None  # subjects / pairing
    year: int | None = None  # periods
    status: str = "actual"  # status
    region: str | None = None  # placing
    item: str | None = None  # groups: which listed region or indicator a copy of a shared rank is for
    compared: bool = False  # the figure a comparison names in brackets (高于营收(24.0%)…): not the paragraph's anchor
    time_words: str = ""  # tables: the header's time (2014年上半年), which the row itself does not repeat

    @property
    def prefix(self) -> str:
        return self.sentence.text[: self.q.num_start]

    @property
    def clause(self) -> str:
        return self.sentence.text[self.clause_start: self.q.end]


@dataclass
class Paragraph:
    """What the text so far in this paragraph says about the figures that follow."""

    start: int
    text: str
    year: int | None = None  # the year of its dated figures
    region: str | None = None
    subject: str | None = None  # carried over a ；
    carried_year: int | None = None  # the stated year of a sentence that ends with ；: it runs on into the next
    inherited_year: int | None = None  # periods.inherited_year: the as-of year of the paragraph before
    anchor: Figure | None = None  # the last figure with an indicator of its own
    figures: list[Figure] = field(default_factory=list)


def extract(doc: Document) -> tuple[list[Observation], list[ProgrammeMention]]:
    _, figures, mentions = extract_figures(doc)
    return [_observation(doc, f) for f in figures], mentions


def extract_figures(doc: Document) -> tuple[discourse.Frame, list[Figure], list[ProgrammeMention]]:
    """The discourse frame, every figure with its decisions, and the programme mentions of a document."""
    frame = discourse.frame(doc)
    figures: list[Figure] = []
    mentions: list[ProgrammeMention] = []
    section: str | None = None
    previous: Paragraph | None = None
    national = False
    for paragraph in paragraphs(doc.body):
        paragraph.inherited_year = periods.inherited_year(previous, paragraph.text)
        previous = paragraph
        opened = section_region(paragraph.text, doc.region_code)
        section = None if opened == SECTION_RESET else (opened or section)
        national = national_paragraph(paragraph.text, doc.region_code, national)
        paragraph.region = COUNTRY_CODE if national else (section or doc.region_code)
        for sentence in split_sentences(paragraph.text, paragraph.start):
            programmes = find_programmes(sentence.text)
            mentions += [_mention(doc, paragraph, sentence, p) for p in programmes]
            blocked = name_spans(sentence.text) + [(p.start, p.end) for p in programmes]
            figures += sentence_figures(doc, frame, paragraph, sentence, blocked)
    table_cells = tables.table_figures(doc, frame)
    for f in table_cells:
        _read_indicator(f)
    return frame, figures + table_cells, mentions


def paragraphs(body: str) -> list[Paragraph]:
    out, offset = [], 0
    for line in body.split("\n"):
        if line.strip():
            out.append(Paragraph(offset, line))
        offset += len(line) + 1
    return out


def split_sentences(paragraph: str, offset: int) -> list[Sentence]:
    return [Sentence(offset + m.start(), m.group()) for m in P.SENTENCE_RE.finditer(paragraph) if m.group().strip()]


def sentence_figures(doc: Document, frame: discourse.Frame, paragraph: Paragraph, sentence: Sentence,
                     blocked: list[tuple[int, int]]) -> list[Figure]:
    text = sentence.text
    figures = [Figure(q, sentence, P.clause_start(text, q.num_start)) for q in find_quantities(text, blocked)]
    if not figures and (year := periods.clause_year(text[: periods.opening_end(text)])):
        paragraph.year = year
    measures_and_phrases(figures)
    _pairs_and_subjects(doc, paragraph, figures)
    carrying.carry_indicators(paragraph, figures)
    for f in figures:
        f.status = status.decide(frame, paragraph, f)
        f.year = periods.figure_year(frame, paragraph, f)
        f.region = figure_region(doc, paragraph, f)
    periods.distribute_years(figures)
    figures = groups.expand(figures, doc.region_code, paragraph.anchor)
    for f in figures:
        _read_indicator(f)
    if figures and (year := periods.clause_year(text[: figures[0].q.num_start])):
        paragraph.year = year
    carried = periods.stated_year(text) or paragraph.carried_year
    paragraph.carried_year = carried if text.rstrip().endswith(("；", ";")) else None
    paragraph.figures += figures
    return figures


def _pairs_and_subjects(doc: Document, paragraph: Paragraph, figures: list[Figure]) -> None:
    if not figures:
        return
    text = figures[0].sentence.text
    phrases, paired = pair_respectively(text, [f.q for f in figures], [f.phrase for f in figures])
    region = paragraph.region or doc.region_code
    starts = P.clause_starts(text)
    opened = [(start, clause_subject(text[start:], region)) for start in starts]
    for f, phrase, pair in zip(figures, phrases, paired):
        current = paragraph.subject
        for start, subject in opened:
            if start <= f.q.num_start and subject:
                current = subject
        f.subject = pair or current
        f.phrase = _without_subject(phrase, f.subject)
    last = [subject for _, subject in opened if subject]
    carried = last[-1] if last else paragraph.subject
    paragraph.subject = carried if text.rstrip().endswith(("；", ";")) else None


def _without_subject(phrase: str, subject: str | None) -> str:
    """The phrase less its subject's name, unless only a function word would be left (国家高新区在全国排名)."""
    stripped = clean_phrase(strip_subject(phrase, subject))
    return stripped if len(stripped) >= 3 else phrase


def _read_indicator(f: Figure) -> None:
    """The indicator code and the stock flag of a figure with its final phrase, from one stock/flow decision."""
    reading = read_indicator(f.phrase, f.clause, f.q.unit_base if f.measure == "level" else None, f.measure)
    f.indicator_code, f.cumulative = reading.indicator_code, reading.is_cumulative


def _observation(doc: Document, f: Figure) -> Observation:
    q = f.q
    code = f.indicator_code
    period = periods.period_bounds(f.year, f.time_words + f.prefix, f.cumulative)
    return Observation(
        document_id=doc.document_id, region_code=f.region, subject=f.subject, indicator_code=code,
        indicator_phrase=f.phrase, measure=f.measure, status=f.status, period_year=period.year,
        period_start=period.start, period_end=period.end, is_cumulative=f.cumulative,
        qualifier=q.qualifier, value=float(q.value) * f.sign, unit=q.unit,
        value_base=float(q.value_base) * f.sign, unit_base=q.unit_base, rank_scope=q.rank_scope,
        sentence=f.sentence.text.strip(), char_start=f.sentence.start + q.num_start,
        char_end=f.sentence.start + q.num_end,
        observation_id=stable_id(doc.document_id, f.sentence.start + q.num_start, f.sentence.start + q.num_end,
                                 f.measure, f.item) if f.item else "",
    )


def _mention(doc: Document, paragraph: Paragraph, sentence: Sentence, p) -> ProgrammeMention:
    return ProgrammeMention(
        document_id=doc.document_id, name_zh=p.name, programme_type=p.programme_type,
        region_code=programme_region(p, paragraph.region or doc.region_code), sentence=sentence.text.strip(),
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
