"""Indicators carried across clauses (FACTS.md §8 'Which indicator').

A number without its own noun (增长, 增速, 总额, 完成率, 排名, 均居, 占…) takes the indicator of the figure it
qualifies: the last figure of the paragraph with an indicator of its own (the *anchor*), or, for the first
figure of a sentence whose noun stands in an earlier clause without a number (技术交易额再创历史新高，总额达
70亿元), that clause's noun. A rank of a growth or completion rate keeps the underlying indicator.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.extraction import patterns as P
from loaders.extraction import regions
from loaders.extraction.indicators import indicator_start
from loaders.extraction.measures import FLOW_VERBS_RE, clean_phrase

if TYPE_CHECKING:
    from loaders.extraction.extract import Figure, Paragraph


def carry_indicators(paragraph: "Paragraph", figures: list["Figure"]) -> None:
    after_compared = False
    for f in figures:
        if f.compared:
            after_compared = True
            continue  # 高于营收(24.0%): the other figure of a comparison keeps its own noun and is no anchor
        if after_compared and f.measure == "difference" and paragraph.anchor:
            f.phrase, after_compared = paragraph.anchor.phrase, False  # …(24.0%)20.5个百分点: the anchor's gap
            continue
        after_compared = False
        f.phrase = without_row_name(f.phrase, paragraph.region)
        own = own_noun(f.phrase, paragraph.region)
        if own and f.measure == "difference" and P.COMPARED_TO_RE.match(f.phrase) and paragraph.anchor:
            f.phrase = paragraph.anchor.phrase  # 高于营收(24.0%)20.5个百分点: a gap of the anchor's figure
            continue
        if own:
            if f.phrase.startswith("占") and paragraph.anchor and f.measure == "share":
                f.phrase = paragraph.anchor.phrase + f.phrase
            else:
                f.phrase = completed_head(f.phrase, paragraph.anchor.phrase if paragraph.anchor else "")
                paragraph.anchor = f
            continue
        if f.subject and f.measure == "rank":
            f.phrase = f.subject + "排名"  # 国家高新区在全国排名第89位: the subject is what is ranked
            paragraph.anchor = f
        elif (not paragraph.anchor or paragraph.anchor.sentence is not f.sentence) and (noun := earlier_noun(f)) \
                and (not paragraph.anchor or own_noun(noun, paragraph.region)):
            f.phrase = noun  # 在…排名中，重庆从第98位升至第79位: the sentence's own noun before an earlier sentence's
            paragraph.anchor = f
        elif paragraph.anchor:
            f.phrase = carried_phrase(f.phrase, paragraph.anchor.phrase, f.sentence.text[f.clause_start:f.q.num_start])


MAX_HEAD = 6
MIN_OVERLAP = 2


def completed_head(phrase: str, anchor: str) -> str:
    """A short phrase that repeats the end of the anchor's noun and adds a measure of it (全社会R&D投入5.06亿元，
    投入强度0.6% → 全社会R&D投入强度): the anchor's noun with the added word."""
    if not anchor or len(phrase) > MAX_HEAD:
        return phrase
    noun = FLOW_VERBS_RE.sub("", anchor)
    if noun != anchor and phrase.startswith(noun):
        return phrase  # 新增创新平台2113个，总数达4083个 → 创新平台总数: the stock already holds the noun, not the flow verb
    if anchor.endswith(phrase):
        return anchor  # …投入强度2.1%，居全市第二: the rank repeats the completed noun's tail
    for k in range(min(len(phrase) - 1, len(anchor)), MIN_OVERLAP - 1, -1):
        if anchor.endswith(phrase[:k]) and len(anchor) > k:
            return anchor + phrase[k:]
    return phrase


def carried_phrase(phrase: str, anchor: str, lead: str = "") -> str:
    """The anchor's indicator for a number without a noun of its own, keeping the flow verb the number states
    (…研发平台96个（新增15个）→ 新增研发平台; 比上年度新增184家 → 新增 + the anchor), or the anchor's noun without its
    flow verb when the number is a stock (新认定…1106家，累计培育4765家)."""
    if level := P.LEVEL_ONLY_RE.match(phrase or ""):
        return at_level(anchor, level.group(1))
    verb = P.OWN_FLOW_VERB_RE.search(phrase or "")
    if verb:
        return verb.group() + FLOW_VERBS_RE.sub("", anchor)
    if P.OWN_STOCK_WORD_RE.search(lead or phrase or ""):
        return FLOW_VERBS_RE.sub("", anchor) or anchor  # 新认定省科技型中小企业1106家，累计培育4765家: the stock's noun
    return anchor


def at_level(anchor: str, level: str) -> str:
    """The anchor's noun at another level: its own level word replaced (新备案国家级众创空间 → 新备案省级众创空间), else the
    level put before the catalogue noun that ends it (累计实施研发项目 → 累计实施国家研发项目)."""
    if P.LEVEL_WORD_RE.search(anchor):
        return P.LEVEL_WORD_RE.sub(level, anchor, count=1)
    start = indicator_start(anchor)
    return anchor[:start] + level + anchor[start:]


def without_row_name(phrase: str, context: str | None = None) -> str:
    """各县区新增省级科技特派员为南康区 → 各县区新增省级科技特派员: the row's region after 为/是 is not the indicator."""
    m = P.ROW_NAME_TAIL_RE.search(phrase or "")
    if m and _only_regions(m["name"], context):
        return phrase[:m.start()]
    return phrase


def own_noun(phrase: str, context: str | None = None) -> str:
    """What is left of a phrase once measure, scope and filler words are gone ('' when it names only a
    measure: 年度任务完成率, 全市排名, 同比增长, 总额)."""
    bare = (phrase or "").strip("(（为是")
    if P.LEVEL_ONLY_RE.match(bare):
        return ""  # 其中国家42项、省级295项: a level of the anchor's noun, no noun of its own
    row_like = P.ROW_LIKE_RE.match(bare) and not P.ZONE_CLASS_RE.match(bare)  # 省级高新区 is a class of zones, no row
    if bare and (_only_regions(bare, context) or row_like or P.ROW_SET_RE.match(bare)):
        return ""  # 武清区(611家): a table's row name, the indicator is the table's
    rest = P.MEASURE_ONLY_RE.sub("", _without_regions(phrase or "", context))
    return rest if len(rest) >= 2 else ""


def _without_regions(phrase: str, context: str | None = None) -> str:
    """The phrase less the regions it names (其中甲县、乙区增速居前: what is ranked is not the regions)."""
    for mention in sorted(regions.find_mentions(phrase, context), key=lambda m: -m.start):
        phrase = phrase[:mention.start] + phrase[mention.end:]
    return phrase


def _only_regions(text: str, context: str | None = None) -> bool:
    """The text names regions and nothing else (鼓楼区、台江区、仓山区均)."""
    text = P.REGION_LIST_FILLER_RE.sub("", text)
    if regions.surface_cover(text) < len(text) - 1:
        return False  # region names cannot make up the text (most phrases): no segmentation needed
    mentions = regions.find_mentions(text, context)
    return bool(mentions) and sum(m.end - m.start for m in mentions) >= len(text) - 1


def earlier_noun(f: "Figure") -> str:
    """The noun of the clause before the number's, when that clause states no number (技术交易额再创历史新高)."""
    text = f.sentence.text
    if f.clause_start == 0:
        return ""
    previous_start = P.clause_start(text, f.clause_start - 1)
    clause = P.ENUMERATOR_RE.sub("", text[previous_start:f.clause_start - 1])
    if m := P.BARE_VALUE_END_RE.search(clause):
        clause = clause[:m.start()]  # 创新指数达到182.2，列全省第3位: an index without a unit, the rank is of its noun
    if P.ARABIC_NUMBER_RE.search(P.YEAR_RE.sub("", clause)):
        return ""
    noun = clean_phrase(P.PREDICATE_CUT_RE.split(clean_phrase(clause))[0])
    if noun.endswith(P.AUXILIARY_ENDINGS) or _only_regions(noun) or P.VIEWPOINT_CLAUSE_RE.search(noun):
        return ""  # 河北省将保持…, 江西省保持…: a region and its auxiliary, no noun
    return noun if len(noun) >= 2 else ""
