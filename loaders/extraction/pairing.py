"""分别: several indicators or subjects paired in order with several numbers."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.extraction import patterns as P
from loaders.extraction import regions
from loaders.extraction.paths import DATA_DIR
from loaders.extraction.ruledata import column
from loaders.extraction.measures import GROWTH_WORDS_RE, clean_phrase
from loaders.extraction.quantities import Quantity

RESPECTIVELY = "分别"
LIST_SPLIT_RE = re.compile(r"[、和及与]")
SUBJECT_SUFFIXES_FILE = DATA_DIR / "subject_suffixes.csv"


@lru_cache(maxsize=1)
def subject_suffixes() -> tuple[str, ...]:
    return tuple(sorted(column(SUBJECT_SUFFIXES_FILE, "suffix"), key=len, reverse=True))


def pair_respectively(text: str, qs: list[Quantity], phrases: list[str]) -> tuple[list[str], list[str | None]]:
    """New phrases and subjects for the quantities that a 分别 list pairs up, in order."""
    phrases = list(phrases)
    subjects: list[str | None] = [None] * len(qs)
    pos = text.find(RESPECTIVELY)
    while pos >= 0:
        group = _group_after(text, qs, pos)
        if len(group) >= 2:
            _pair(text, qs, pos, group, phrases, subjects)
        pos = text.find(RESPECTIVELY, pos + 1)
    return phrases, subjects


def _group_after(text: str, qs: list[Quantity], pos: int) -> list[int]:
    """Indexes of the quantities listed right after 分别 (joined only by 、和及与)."""
    group: list[int] = []
    for i, q in enumerate(qs):
        if q.num_start < pos:
            continue
        if group and not re.fullmatch(r"[、和及与\s]*", text[qs[group[-1]].end:q.num_start]):
            break
        if not group and P.CLAUSE_DELIMITER_RE.search(text[pos:q.num_start]):
            break
        group.append(i)
    return group


def _pair(text: str, qs: list[Quantity], pos: int, group: list[int], phrases: list[str], subjects: list[str | None]) -> None:
    start = P.clause_start(text, pos)
    lead = text[start:pos]
    items = [i for i in LIST_SPLIT_RE.split(lead) if i.strip()]
    n = len(group)
    if len(items) == n:
        names, common = _split_subjects(items)
        for k, i in enumerate(group):
            if common:
                subjects[i], phrases[i] = names[k], common
            else:
                phrases[i] = clean_phrase(items[k]) or phrases[i]
        return
    listed = _listed_before(text, start, lead, n)
    if len(listed) == n:
        noun = clean_phrase(lead)
        for k, i in enumerate(group):
            if noun and not regions.find_mentions(listed[k]):
                phrases[i] = listed[k] + noun  # …领域还有电子信息、先进制造，成交额分别为…: each field's 成交额
            else:
                subjects[i] = listed[k]  # 增速排前三位的是甲区、乙区和丙县，分别达28.3%、…: the list of the clause before
                phrases[i] = noun or phrases[i]
        return
    earlier = [i for i, q in enumerate(qs) if q.end <= start]
    if len(earlier) >= n:
        noun = clean_phrase(lead)
        noun = "" if GROWTH_WORDS_RE.fullmatch(noun) or noun in {"同比", "均"} else noun
        for k, i in enumerate(group):
            base = re.sub(r"^(?:新增|培育|引进|全年新增)", "", phrases[earlier[-n + k]])
            phrases[i] = base + noun if noun and noun not in base else base


def _listed_before(text: str, start: int, lead: str = "", count: int = 0) -> list[str]:
    """The names the clause before `start` ends on after 是/为/还有 (…排前三位的是甲区、乙区和丙县), when the 分别
    clause names nothing itself or only a bare noun (成交额分别为…)."""
    bare = bool(lead) and bool(P.BARE_NOUN_RE.fullmatch(lead)) and not P.LIST_SPLIT_CHARS_RE.search(lead)
    if start == 0 or not (text[start:].startswith(RESPECTIVELY) or bare):
        return []
    previous = text[P.clause_start(text, start - 1):start - 1]
    m = P.LIST_AFTER_COPULA_RE.search(previous)
    if not m:
        return []
    names = [clean_phrase(i) for i in LIST_SPLIT_RE.split(m["items"])]
    if count and len(names) != count:  # 新能源与高效节能 is one name when splitting at 、 alone gives the count
        names = [clean_phrase(i) for i in m["items"].split("、")]
    return names if all(2 <= len(n) <= MAX_LISTED_NAME for n in names) else []


def _split_subjects(items: list[str]) -> tuple[list[str], str]:
    """['中国眼谷', '中国基因药谷新入驻企业'] → subjects and the common indicator, when the items are places;
    ['高校', '科研院所技术合同成交额'] → the same when the last item ends in a catalogue indicator."""
    first = items[0].strip()
    if not first.endswith(subject_suffixes()):
        return _split_at_indicator(items)
    last = items[-1]
    for suffix in subject_suffixes():
        cut = last.find(suffix)
        if cut > 0:
            head, common = last[: cut + len(suffix)], last[cut + len(suffix):]
            if common:
                return [i.strip() for i in items[:-1]] + [head], clean_phrase(common)
    return [], ""


MAX_LISTED_NAME = 8


def _split_at_indicator(items: list[str]) -> tuple[list[str], str]:
    """The last item is a short name followed by an indicator the catalogue knows (科研院所|技术合同成交额): the
    names are the subjects and the indicator is common to all of them."""
    from loaders.extraction.indicators import indicator_start

    last = items[-1].strip()
    cut = indicator_start(last)
    names = [i.strip() for i in items[:-1]] + [last[:cut]] if cut else []
    if not cut or not all(2 <= len(n) <= MAX_LISTED_NAME for n in names):
        return [], ""
    return names, clean_phrase(last[cut:])
