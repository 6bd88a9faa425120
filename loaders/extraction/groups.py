"""One rank, several rows (FACTS.md §8): `甲县、乙区增速居前两位` and `排前三位的为A、B和C` give one rank row per
listed region (or subject); `项目数、资金数均居全省第2` and `…27人、…5个，均居全省第3` give one rank row per
indicator. The copies share the number's offsets and differ by `item`.
"""
from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING

from loaders.extraction import patterns as P
from loaders.extraction import regions
from loaders.extraction.measures import clean_phrase

if TYPE_CHECKING:
    from loaders.extraction.extract import Figure

ITEM_SPLIT_RE = re.compile(r"[、和及与]")
NAME_JOINERS = ("、", "、及", "、和", "、与", "、和及与")
MIN_ITEMS = 2


def expand(figures: list["Figure"], region: str | None, anchor: "Figure | None" = None) -> list["Figure"]:
    out: list[Figure] = []
    for i, f in enumerate(figures):
        each_level = f.measure == "level" and P.EACH_LEVEL_RE.search(f.prefix[f.clause_start:])
        copies = _respective_scope_rows(f) if f.measure == "rank" else []
        copies = copies or (_group_rows(f, region) if f.measure == "rank" or each_level else [])
        copies = copies or (_each_rows(f, figures[:i]) if f.measure == "rank" else [])
        copies = copies or _counted_list_rows(f)
        if copies and f.item is None and anchor is not None:
            for row in copies:
                if row.item and not row.item[0].isdigit():
                    row.phrase = _indicator_of(row, anchor)
        out += copies or [f]
    return out


def _indicator_of(row: "Figure", anchor: "Figure") -> str:
    """A listed region's or subject's rank row: the phrase less the listed names, else the paragraph's anchor."""
    from loaders.extraction.carrying import own_noun

    phrase = row.phrase
    for mention in sorted(regions.find_mentions(phrase, row.region), key=lambda m: -m.start):
        phrase = phrase[:mention.start] + phrase[mention.end:]
    phrase = clean_phrase(P.GROUP_TAIL_WORDS_RE.sub("", phrase))
    return phrase if own_noun(phrase) else anchor.phrase


def _group_rows(f: "Figure", region: str | None) -> list["Figure"]:
    """居前两位 / 排前三位的为…: one row per listed region."""
    text = f.sentence.text
    before = text[f.clause_start:f.q.num_start]
    if f.q.qualifier != "less_than" or f.measure != "rank":
        shared = P.SHARED_RANK_RE.search(before) or P.EACH_LEVEL_RE.search(before)
        if not shared:
            return []
        before = before[:shared.start()]
    after = P.GROUP_AFTER_RE.match(text[f.q.end:])
    names = _region_items(before, region)
    if len(names) < MIN_ITEMS and after:
        listed = P.CLAUSE_DELIMITER_RE.split(after["items"])[0]  # …为甲市、乙市和丙州，其中，甲市达…: the list ends at the comma
        names = _region_items(listed, region) or [(n, None) for n in _name_items(after["items"], int(f.q.value))]
    if len(names) < MIN_ITEMS:
        return []
    rows = []
    for name, code in names:
        row = copy.copy(f)
        row.item = name
        if code:
            row.region = code
        else:
            row.subject = name
        rows.append(row)
    return rows


def _region_items(text: str, region: str | None) -> list[tuple[str, str | None]]:
    mentions = regions.find_mentions(text, region)
    if len(mentions) < MIN_ITEMS:
        return []
    joined = all(P.ITEM_JOIN_RE.fullmatch(text[a.end:b.start].strip()) for a, b in zip(mentions, mentions[1:]))
    return [(m.surface, m.code) for m in mentions] if joined else []


def _name_items(text: str, count: int = 0) -> list[str]:
    """The listed names; when a split at every joiner gives more names than the group holds (前三位的是甲、乙及丙和丁产业),
    the split at fewer joiners that gives exactly `count` (丙和丁产业 is one name)."""
    head = P.GROUP_TAIL_RE.split(text)[0]
    for joiners in NAME_JOINERS:
        items = [clean_phrase(i) for i in re.split(f"[{joiners}]", head)]
        if len(items) == count:
            break
    else:
        items = [clean_phrase(i) for i in ITEM_SPLIT_RE.split(head)]
    return [i for i in items if 2 <= len(i) <= 16]


def _each_rows(f: "Figure", earlier: list["Figure"]) -> list["Figure"]:
    """均居全省第3 after several figures or several listed indicators: one rank row per indicator."""
    text = f.sentence.text
    lead = text[f.clause_start:f.q.num_start]
    if not P.EACH_RE.search(lead):
        return _listed_indicator_rows(f, lead)
    listed = [clean_phrase(i) for i in ITEM_SPLIT_RE.split(P.EACH_RE.split(lead)[0]) if clean_phrase(i)]
    if len(listed) >= MIN_ITEMS:
        same = [e for e in earlier if e.measure != "rank" and e.sentence is f.sentence]
        phrases = [_measured_item(item, same) for item in listed]
    else:
        phrases = [e.phrase for e in earlier if e.measure != "rank" and e.sentence is f.sentence]
    if len(phrases) < MIN_ITEMS:
        return []
    rows = []
    for k, phrase in enumerate(phrases):
        row = copy.copy(f)
        row.phrase, row.item = phrase, f"{k}:{phrase}"
        rows.append(row)
    return rows


def _measured_item(item: str, same: list["Figure"]) -> str:
    """总量和增速均居全省第二 after 技术合同成交额56.2亿元，增长31.5%: a listed measure word ranks the figure of
    the sentence it measures (总量 the level, 增速 the growth, 增量 the flow), under that figure's indicator."""
    if item not in P.MEASURE_ITEMS or not same:
        return item
    wanted = P.MEASURE_ITEMS[item]
    fitting = [e for e in same if e.measure == wanted] or [e for e in same if e.measure == "level"] or same
    if item in P.FLOW_ITEMS:
        fitting = [e for e in fitting if e.phrase.startswith(P.FLOW_ITEMS[item])] or fitting
    elif wanted == "level" and len(fitting) > 1:
        fitting = [e for e in fitting if "总" in e.phrase or "累计" in e.phrase] or fitting
    return fitting[0].phrase or item


MAX_LISTED_INDICATOR = 10
RISE_VERBS = ("跃居", "跃升至", "升至")


def _listed_indicator_rows(f: "Figure", lead: str) -> list["Figure"]:
    """登记数量和成交总额全省排名第一, 总产量、商品量、调出量始终位居全国第一: several short nouns listed as the
    clause's subject share one rank (one row each), as with 均居. Regions listed so are the group rule's."""
    m = P.LISTED_RANK_LEAD_RE.match(lead)
    if not m or any(v in lead for v in RISE_VERBS):
        return []
    items = [clean_phrase(i) for i in ITEM_SPLIT_RE.split(m["items"])]
    if len(items) < MIN_ITEMS or not all(2 <= len(i) <= MAX_LISTED_INDICATOR for i in items):
        return []
    if any(regions.find_mentions(i, f.region) for i in items):
        return []
    rows = []
    for k, phrase in enumerate(items):
        row = copy.copy(f)
        row.phrase, row.item = phrase, f"{k}:{phrase}"
        rows.append(row)
    return rows


def _counted_list_rows(f: "Figure") -> list["Figure"]:
    """A、B、…和H 8个行业增速最高，均超1倍: a bare 均 clause after a clause that lists exactly as many names as it
    counts gives one row per name: the name as its indicator, or, for listed regions, the region."""
    text = f.sentence.text
    if f.clause_start == 0 or not P.BARE_EACH_LEAD_RE.match(text[f.clause_start:f.q.num_start]):
        return []
    m = P.COUNTED_LIST_RE.match(text[P.clause_start(text, f.clause_start - 1):f.clause_start - 1])
    if not m:
        return []
    from loaders.extraction.numbers import NotANumber, parse_number
    try:
        count = int(parse_number(m["n"]))
    except NotANumber:
        return []
    places = _region_items(m["items"], f.region)
    names = [(name, code) for name, code in places] if len(places) == count else [(n, None) for n in _name_items(m["items"], count)]
    if len(names) != count or count < MIN_ITEMS:
        return []
    rows = []
    for k, (name, code) in enumerate(names):
        row = copy.copy(f)
        row.item = f"{k}:{name}"
        if code:
            row.region = code  # 甲区、乙区和丙县3个区…均超20%: each region's own figure, of the carried indicator
        else:
            row.phrase = name
        rows.append(row)
    return rows


def _respective_scope_rows(f: "Figure") -> list["Figure"]:
    """高新区、南开区、西青区、武清区入库数分别居滨海新区、中心城区、环城四区、外围五区四大板块首位: as many names as
    scopes, the last name followed by the indicator; one rank row per name (a region, else a subject), each
    within its own scope."""
    text = f.sentence.text
    lead = text[f.clause_start:f.q.num_start]
    m = P.RESPECTIVE_SCOPES_RE.search(lead)
    if not m:
        return []
    scopes = _split_items(m["scopes"])
    items = _split_items(lead[:m.start()], len(scopes))
    if len(items) != len(scopes) or len(items) < MIN_ITEMS:
        return []
    last = regions.find_mentions(items[-1], f.region)
    if not last or last[0].start != 0:
        return []
    indicator = clean_phrase(items[-1][last[0].end:])
    rows = []
    for k, (name, scope) in enumerate(zip([*items[:-1], last[0].surface], scopes)):
        row = copy.copy(f)
        row.item, row.phrase = f"{k}:{name}", indicator or f.phrase
        row.q = copy.copy(f.q)
        row.q.rank_scope = scope
        found = regions.find_mentions(name, f.region)
        if len(found) == 1 and found[0].surface == name:
            row.region = found[0].code
        else:
            row.subject = name
        rows.append(row)
    return rows


def _split_items(text: str, count: int = 0) -> list[str]:
    """A list split at 、 first, and at 和及与 too only when that is needed to reach `count` items (和平区 is one)."""
    for joiners in NAME_JOINERS:
        items = [i.strip() for i in re.split(f"[{joiners}]", text) if i.strip()]
        if (count and len(items) == count) or (not count and len(items) >= MIN_ITEMS):
            return items
    return items
