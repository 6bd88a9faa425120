"""Which region a number is about: the document's, its section's, or one named at the start of the clause."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.extraction import patterns as P
from loaders.extraction import regions

PREFECTURE_SECTION_LEAD = 12  # a prefecture opens a section only when named at the paragraph's start
CLAUSE_LEAD_RE = re.compile(r"^[●■◆▲•·\s]*(?:截至目前|目前|其中|此外|同时)?[，,]?")


SECTION_RESET = "reset"


def section_region(paragraph: str, doc_region: str | None) -> str | None:
    """On a province-level (or national) page made of county sections, the region a paragraph opens a section
    for: a county or prefecture named at the paragraph's head, as its subject (not in a list 鄂州、仙桃, not a
    zone's or organisation's name 景县高新区, not a news dateline 新华网昆明8月24日电). A paragraph that opens
    with the page's own region (全省, 我省, 浙江省) ends the section: `SECTION_RESET`. None: no change."""
    if doc_region is None or regions.level(doc_region) not in {"province", "country"}:
        return None
    text = P.DATELINE_RE.sub(lambda m: " " * len(m.group()), paragraph)
    lead = P.SECTION_LEAD_RE.match(text)
    head = text[lead.end() if lead else 0:]
    if P.OWN_PAGE_LEAD_RE.match(head):
        return SECTION_RESET
    found = regions.find_mentions(head[:PREFECTURE_SECTION_LEAD + 12], doc_region)
    for i, m in enumerate(found):
        if m.start > PREFECTURE_SECTION_LEAD:
            break
        if m.code == doc_region:
            return SECTION_RESET
        rest = head[m.end:]
        listed = bool(rest) and rest[0] in P.LIST_DELIMITERS + ",，" and i + 1 < len(found) and found[i + 1].start == m.end + 1
        in_list = bool(rest) and rest[0] in P.LIST_DELIMITERS
        examples = bool(P.EXAMPLES_THEN_COUNT_RE.search(rest))  # 会上，甲市科技局、乙大学等6家单位…: a list of examples
        if _below(m.code, doc_region) and not listed and not in_list and not examples and not P.ZONE_AFTER_RE.match(rest):
            return m.code
        break
    return None


def national_paragraph(paragraph: str, doc_region: str | None, previous_national: bool) -> bool:
    """A paragraph about the nation on a lower region's page: it opens with national bodies announcing something
    (11月18日，中国科学院、中国工程院公布…), or goes on (此外，…) from such a paragraph, and names neither the
    page's region nor 全市/我县."""
    if doc_region is None or doc_region == regions.COUNTRY_CODE:
        return False
    opens = P.NATIONAL_PARAGRAPH_LEAD_RE.match(paragraph) or (previous_national and P.CONTINUATION_LEAD_RE.match(paragraph))
    if not opens or P.OWN_REGION_WORD_RE.search(paragraph):
        return False
    return not any(regions.contains(doc_region, m.code) for m in regions.find_mentions(paragraph, doc_region))


def _below(code: str, outer: str) -> bool:
    return code != outer and regions.contains(outer, code)


@lru_cache(maxsize=8192)  # the clauses before a number are asked about again for every later number
def clause_region(text: str, pos: int, default: str | None) -> str | None:
    """A single region named as the clause's subject (瑞安排名全国…) wins over the default."""
    clause = text[P.clause_start(text, pos):pos]
    lead = CLAUSE_LEAD_RE.match(clause)
    offset = lead.end() if lead else 0
    if not regions.may_start_at(clause, offset):
        return default  # no region name where the subject would stand: no segmentation needed
    for m in regions.find_mentions(clause, default):
        if P.EXAMPLES_THEN_COUNT_RE.search(clause[m.end:]):
            break  # 紫云县蓝莓科技示范园区等5个省级园区: the region names an example, the count is the page's
        if m.start == offset and not clause[m.end:m.end + 1] in "、和及与":
            if default is None or regions.contains(default, m.code) or regions.level(default) in {"country"}:
                return m.code
        break
    return default


def figure_region(doc, paragraph, f) -> str | None:
    """The region a figure is about: a region named at the head of its list item (滨海新区(3487家)、武清区
    (611家)), else the clause's subject region, else 全省/我省 for the province, else the section's or the
    document's."""
    default = paragraph.region or doc.region_code
    text = f.sentence.text
    item = item_region(text, f.q.num_start, doc.region_code)
    if item:
        return item
    if named := subject_region(f.subject, default):
        f.subject = None  # 章贡区、南康区…分别为32家、28家: a listed region is the region, not a subject
        return named
    region = sentence_region(text, f.q.num_start, default)
    if f.measure == "rank" and region != default and _ranks_within(region, f.q.rank_scope, default):
        return default  # 全省海外工程师评价得分位列全省第一: the page's region ranked within the province
    return region


def subject_region(subject: str | None, default: str | None) -> str | None:
    """The region a subject is when it is nothing but a region's name inside the default region."""
    if not subject:
        return None
    found = regions.find_mentions(subject, default)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(subject):
        return None
    code = found[0].code
    return code if default is None or (regions.contains(default, code) and code != default) else None


SCOPE_LEVELS = {"全省": "province", "全国": "country"}


def _ranks_within(region: str | None, scope: str | None, default: str | None) -> bool:
    """A rank whose field is `region` itself (a province ranked 全省第一) is the rank of the default region in it."""
    level = SCOPE_LEVELS.get(scope or "")
    return bool(region and default and level and regions.level(region) == level and regions.contains(region, default))


def sentence_region(text: str, pos: int, default: str | None) -> str | None:
    """The region the clauses of a sentence up to `pos` speak of: a clause that opens with a region (其中泰兴市
    …最高，达420亿元), with 全省/我省, or with a national body (中国科学院共有院士860人，外籍院士129人) carries it
    to the clauses after it."""
    current = default
    starts = P.clause_starts(text, pos)
    for start in starts:
        clause = P.ENUMERATOR_RE.sub("", text[start:pos])
        if P.NATIONAL_LEAD_RE.match(clause):
            current = regions.COUNTRY_CODE
        elif P.OWN_REGION_LEAD_RE.match(clause) or P.ROW_SET_LEAD_RE.match(clause):
            current = default  # …，全市已在上海建成“科技飞地”近10家 / …，其余县(市、区)在…: back to the section's own region
        elif default and PROVINCE_LEAD_RE.match(clause) and regions.province_of(default):
            current = regions.province_of(default)
        elif (named := clause_region(text, pos if start == starts[-1] else P.clause_end(text, start), default)) != default:
            current = named
    return current


PROVINCE_LEAD_RE = re.compile(r"^[●■◆▲•·\s]*(?:截至目前|目前|其中|此外|同时|\d{4}年)?[，,]?(?:全省|我省)(?!排名|排位|第|前|首|位居|居)")
ITEM_START_CHARS = "、，,；;：:是为)）"  # …北辰区(24家)宝坻区(23家): a bracketed count ends an item too


def item_region(text: str, pos: int, default: str | None) -> str | None:
    """A region that heads the list item holding the number and is followed only by the number (南开区386家,
    西青区(550家)): a table or ranking flattened into prose."""
    start = max(text.rfind(c, 0, pos) for c in ITEM_START_CHARS) + 1
    item = text[start:pos]
    if start > 0 and text[start - 1] == "、" and _bare_region_before(text, start - 1, default):
        return None  # 乐清、瑞安2个省级高新区: the regions together, counted as one figure
    if not regions.may_start_at(item, 0):
        return None  # no region name heads the item: no segmentation needed
    for m in regions.find_mentions(item, default):
        rest = item[m.end:]
        if m.start == 0 and P.ITEM_GAP_RE.fullmatch(rest) and (default is None or regions.contains(default, m.code) or default == m.code):
            return m.code
        break
    return None


def _bare_region_before(text: str, end: int, default: str | None) -> bool:
    """The list item ending at `end` is a region name and nothing else (乐清 in 乐清、瑞安2个)."""
    start = max(text.rfind(c, 0, end) for c in ITEM_START_CHARS) + 1
    item = P.ITEM_LEAD_RE.sub("", text[start:end].strip())  # 力争乐清、瑞安2个…: a cue before the first region
    found = regions.find_mentions(item, default)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(item)
