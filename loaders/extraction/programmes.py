"""Programme mentions: named policy instruments (action plans, policies, mechanisms, financing products, events).

`find_programmes(sentence)` returns the programme names of one sentence with their spans; numbers inside
a span are not facts (`loaders.extraction.extract` blocks them), so a span never reaches past its name.

Rules, from the most to the least certain (an overlap goes to the earlier rule, then to the longer span):

1. titles: `《…》` ending in a policy head (方案, 办法, 规划, 计划, 意见, 协议 …); `《焦点访谈》` is not one.
2. quoted names `“X”`, alone or in a group of adjacent quotes (`“揭榜挂帅”“赛马制”`):
   - `“A、B、C”四大攻坚战`: a numbered head after the quote is the name (the quote lists its parts);
   - a tail that only names the kind (`“揭榜挂帅”机制`, `“一区多园”建设模式`) is dropped: the name is X;
   - a head after the quote is part of the name, with a prefix that a verb opens
     (`实施科技企业“双倍增”“双迈进”行动` → 科技企业双倍增行动, 科技企业双迈进行动), zones excluded;
   - X alone counts when it ends in a head, is a known programme, has the shape of a numbered slogan
     (`一区一廊一会一室`, `三联系三服务`, `八大抓手`) or of a formula (`人才+项目+资本`), or is the
     object of a verb that ends the clause (`实行“…”，`); imagery (`“高速通道”`, `“入场券”`) is not;
   - a level word right before the quote belongs to the name (`省“万人计划”` → 省万人计划).
3. numbered and versioned names: `云江汇才40条、` (N条 followed by 、/等), `科技新政2.0版`.
4. unquoted names ending in a head (`programme_suffixes.csv`, whose `scope` says where a head may end a
   name): the start is found by scanning back to a verb (`programme_verbs.csv`), a delimiter, a
   conjunction joining two names, or a count/date; adverbs and opening verbs are stripped; generic
   bodies (科技优惠政策), counted kinds (30个双创大赛) and heads inside longer nouns (国家工程研究中心) fail.
5. known programme names (`programme_known.csv`): 科技特派员, 创新券, 揭榜挂帅 …

Word lists (generic tails and bodies, zones, level words, talent cues …) are in `programme_words.csv`.
Measured against tests/gold/*.programmes.csv with `python -m loaders.programme_scoring -v`.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba

from loaders.extraction import patterns as P
from loaders.extraction.paths import DATA_DIR

PROGRAMME_SUFFIXES_FILE = DATA_DIR / "programme_suffixes.csv"
PROGRAMME_VERBS_FILE = DATA_DIR / "programme_verbs.csv"
PROGRAMME_KNOWN_FILE = DATA_DIR / "programme_known.csv"
PROGRAMME_WORDS_FILE = DATA_DIR / "programme_words.csv"

PROGRAMME_TYPES = ("action_plan", "policy", "mechanism", "financing", "talent", "event", "other")
SCOPES = ("any", "verb", "quoted", "title")
VERB_KINDS = ("hard", "soft", "adverb")
WORD_KINDS = (
    "generic_tail", "generic_body", "zone", "region_prefix", "talent_cue", "head_blocker", "tail_follow", "not_prefix_end",
)

MAX_BODY = 22  # characters scanned back from a head for the start of an unquoted name
MAX_TAIL = 12  # characters after a quote searched for the head that completes it
MAX_PREFIX = 12  # characters of an unquoted prefix kept before a quoted name
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"

TITLE_RE = re.compile(r"《([^《》]{2,60})》")
QUOTED_RE = re.compile(r"“([^“”]{1,24})”")
QUOTE_MARKS_RE = re.compile(r"[“”\"'‘’\s]")
TRAILING_BRACKET_RE = re.compile(r"[（(][^（()）]*[)）]$")
CLAUSE_STOPS = "，,。；;：:！？!?（()）《》【】\n—-.．●■▲"
LIST_STOP = "、"
WORD_STOPS = "等的以在对从向把将被由为于与是"
SUBJECT_END = "市县区园局院厅"  # 我市 / 高教园 + a verb: the verb opens the name
NAME_CONJUNCTIONS = "和及"
QUOTES = "“”"
COUNT_END_RE = re.compile(
    rf"(?:[{CN_NUMERALS}]+(?:多|余)?(?:级|家|个|项|支|名|位|次|批|届|期|场|所|亿)|(?:全国|全省|我国|国内)?首[个单批家只例届])$"
)
NUMBER_END_RE = re.compile(r"\d+(?:\.\d+)?(?:多|余)?[万亿]?$")
LEADING_DATE_RE = re.compile(r"^(?:年度|年|月|日|底|末|届)*")
CLASSIFIERS = "个家项支名位次批期场所条"  # 30个双创大赛: a counted noun, not a name
COMMON_WORD_FREQ = 50  # a two-character jieba word ending in a one-character head (融会) is a word, not a head
NUMBERED_BIG_RE = re.compile(r"[二三四五六七八九十两百]+大")
NUMBERED_HEAD_TAIL_RE = re.compile(rf"^[{CN_NUMERALS}]+[大项]")
BIG_SLOGAN_RE = re.compile(r"^[二三四五六七八九十两百]+大[\u4e00-\u9fff]{2,4}$")
NUMBERED_RULES_RE = re.compile(r"(?P<num>\d{1,3})条(?=[、等和与及])")
VERSION_RE = re.compile(r"(?P<ver>\d{1,2}\.\d)(?P<ban>版)?(?![\d%％万亿元倍个家项])")
SLOGAN_NUMERALS = "一二三四五六七八九十双两多"
SLOGAN_PART_RE = re.compile(rf"[{SLOGAN_NUMERALS}][^{SLOGAN_NUMERALS}]{{1,3}}")
WORD_CHAR_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
CJK_START_RE = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class FoundProgramme:
    start: int
    end: int
    name: str
    programme_type: str
    rule: str = ""


@dataclass(frozen=True)
class Head:
    suffix: str
    programme_type: str
    scope: str


@dataclass(frozen=True)
class Anchor:
    start: int
    kind: str  # verb | clause | list | conj | count | limit
    verb_before: bool = False  # a count with a verb right before it (启动2020年产品智能化专项)
    counted: bool = False  # a count with a classifier (30个双创大赛): what follows is a kind of thing


# ---------------------------------------------------------------- data files


def _read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {missing}")
        rows = [(n, {k: (v or "").strip() for k, v in r.items() if k}) for n, r in enumerate(reader, start=2)]
    for lineno, row in rows:
        if not row[required[0]]:
            raise ValueError(f"{path}: row {lineno}: '{required[0]}' is empty")
    return rows


def _check(path: Path, lineno: int, column: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{path}: row {lineno}: {column} '{value}' is not one of {', '.join(allowed)}")


def read_heads(path: Path) -> tuple[Head, ...]:
    """Programme heads of a suffix file (suffix, programme_type, scope), longest first."""
    out = []
    for lineno, r in _read_rows(path, ("suffix", "programme_type", "scope")):
        _check(path, lineno, "programme_type", r["programme_type"], PROGRAMME_TYPES)
        _check(path, lineno, "scope", r["scope"], SCOPES)
        out.append(Head(r["suffix"], r["programme_type"], r["scope"]))
    return tuple(sorted(out, key=lambda h: -len(h.suffix)))


@lru_cache(maxsize=1)
def heads() -> tuple[Head, ...]:
    return read_heads(PROGRAMME_SUFFIXES_FILE)


@dataclass(frozen=True)
class Verb:
    word: str
    kind: str  # hard | soft | adverb
    quoted_object: bool
    opens_name: bool


def read_verbs(path: Path) -> dict[str, Verb]:
    """The verbs of a verb file (word, kind, quoted_object, opens_name), longest first."""
    out = []
    for lineno, r in _read_rows(path, ("word", "kind", "quoted_object", "opens_name")):
        _check(path, lineno, "kind", r["kind"], VERB_KINDS)
        for flag in ("quoted_object", "opens_name"):
            _check(path, lineno, flag, r[flag], ("", "1"))
        out.append(Verb(r["word"], r["kind"], r["quoted_object"] == "1", r["opens_name"] == "1"))
    return {v.word: v for v in sorted(out, key=lambda v: -len(v.word))}


@lru_cache(maxsize=1)
def verbs() -> dict[str, Verb]:
    return read_verbs(PROGRAMME_VERBS_FILE)


@lru_cache(maxsize=None)
def verb_words(kind: str, opens_name: bool | None = None, quoted_object: bool | None = None) -> tuple[str, ...]:
    return tuple(v.word for v in verbs().values() if v.kind == kind
                 and opens_name in (None, v.opens_name) and quoted_object in (None, v.quoted_object))


def read_known(path: Path) -> dict[str, str]:
    """name → programme_type of a known-programme file."""
    out: dict[str, str] = {}
    for lineno, r in _read_rows(path, ("name", "programme_type")):
        _check(path, lineno, "programme_type", r["programme_type"], PROGRAMME_TYPES)
        out[r["name"]] = r["programme_type"]
    return out


@lru_cache(maxsize=1)
def known_programmes() -> dict[str, str]:
    return read_known(PROGRAMME_KNOWN_FILE)


def read_words(path: Path) -> tuple[tuple[str, str, str], ...]:
    """(kind, word, programme_type) rows of a word file."""
    rows = []
    for lineno, r in _read_rows(path, ("kind", "word", "programme_type")):
        _check(path, lineno, "kind", r["kind"], WORD_KINDS)
        if r["programme_type"]:
            _check(path, lineno, "programme_type", r["programme_type"], PROGRAMME_TYPES)
        rows.append((r["kind"], r["word"], r["programme_type"]))
    return tuple(rows)


@lru_cache(maxsize=1)
def _word_rows() -> tuple[tuple[str, str, str], ...]:
    return read_words(PROGRAMME_WORDS_FILE)


@lru_cache(maxsize=None)
def words(kind: str) -> dict[str, str]:
    """word → programme_type ('' when none) of one kind in programme_words.csv, longest first."""
    if kind not in WORD_KINDS:
        raise KeyError(f"no word kind '{kind}' in {PROGRAMME_WORDS_FILE}")
    rows = sorted(((w, t) for k, w, t in _word_rows() if k == kind), key=lambda wt: -len(wt[0]))
    return dict(rows)


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    for head in heads():
        if len(head.suffix) > 1:
            tokenizer.add_word(head.suffix, freq=10)
    return tokenizer


# ---------------------------------------------------------------- public entry


def find_programmes(sentence: str) -> list[FoundProgramme]:
    candidates = [
        *_title_candidates(sentence),
        *_quoted_candidates(sentence),
        *_numbered_candidates(sentence),
        *_head_candidates(sentence),
        *_known_candidates(sentence),
    ]
    return _resolve(candidates)


RULE_PRIORITY = {"title": 0, "quoted": 1, "numbered": 2, "head": 3, "known": 4}


def _resolve(candidates: list[FoundProgramme]) -> list[FoundProgramme]:
    """Earlier rules first, then longer spans; a candidate overlapping an accepted one is dropped."""
    ranked = sorted(candidates, key=lambda p: (RULE_PRIORITY[p.rule], -(p.end - p.start), p.start))
    accepted: list[FoundProgramme] = []
    for p in ranked:
        if p.name and not any(p.start < q.end and q.start < p.end for q in accepted):
            accepted.append(p)
    return sorted(accepted, key=lambda p: p.start)


def programme_type(name: str) -> str:
    """The type a name's head gives it (talent schemes by their cue words), 'other' without a head."""
    known = known_programmes().get(clean(name))
    if known:
        return known
    head = head_of(name)
    return _talent(name, head.programme_type) if head else "other"


def head_of(name: str) -> Head | None:
    """The longest head the name ends with; a one-character head must be a word of its own (融会 has no 会)."""
    name = clean(name)
    for h in heads():
        if name.endswith(h.suffix) and len(name) > len(h.suffix):
            if len(h.suffix) > 1 or _own_word(name):
                return h
    return None


def _own_word(name: str) -> bool:
    """The last character is not the end of a common two-character word (融会, 信贷): 新春第一会, 投联贷, 负责制."""
    last = list(_tokenizer().cut(name))[-1]
    return len(last) != 2 or _tokenizer().FREQ.get(last, 0) < COMMON_WORD_FREQ


def clean(name: str) -> str:
    return QUOTE_MARKS_RE.sub("", name)


def _talent(name: str, kind: str) -> str:
    if kind in ("action_plan", "policy") and any(cue in name for cue in words("talent_cue")):
        return "talent"
    return kind


def _found(start: int, end: int, name: str, kind: str, rule: str) -> FoundProgramme:
    return FoundProgramme(start, end, clean(name), _talent(clean(name), kind), rule)


def _ends_with(text: str, vocabulary) -> str:
    return next((w for w in vocabulary if text.endswith(w)), "")


def _starts_with(text: str, pos: int, vocabulary) -> str:
    return next((w for w in vocabulary if text.startswith(w, pos)), "")


# ---------------------------------------------------------------- 1. titles


def _title_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    for m in TITLE_RE.finditer(sentence):
        name = clean(m[1])
        head = head_of(TRAILING_BRACKET_RE.sub("", name))
        if head:
            out.append(_found(m.start(), m.end(), name, head.programme_type, "title"))
    return out


# ---------------------------------------------------------------- 2. quoted names


def _quote_groups(sentence: str) -> list[list[re.Match[str]]]:
    """Quotes that follow each other directly (or with 、 between) form a group sharing what follows."""
    groups: list[list[re.Match[str]]] = []
    for m in QUOTED_RE.finditer(sentence):
        if groups and sentence[groups[-1][-1].end(): m.start()] in ("", LIST_STOP):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _quoted_candidates(sentence: str) -> list[FoundProgramme]:
    out: list[FoundProgramme] = []
    for group in _quote_groups(sentence):
        end = group[-1].end()
        numbered = _numbered_tail(sentence, end)
        if numbered:
            out.append(numbered)
            continue
        generic = _generic_tail(sentence, end)
        tail = None if generic else _head_tail(sentence, end)
        if tail and not all(_complete(m[1]) for m in group):
            out += _distribute(sentence, group, tail)
        else:
            out += _alone(sentence, group, generic)
    return out


def _complete(item: str) -> bool:
    """A quoted item that names a programme by itself: it has a head, is known, or ends in a version."""
    version = VERSION_RE.search(item)
    head = head_of(item)
    strong = head is not None and head.scope in ("any", "quoted")
    return strong or clean(item) in known_programmes() or bool(version and item.endswith(version[0]))


def _numbered_tail(sentence: str, end: int) -> FoundProgramme | None:
    """`“A、B、C、D”四大攻坚战`: the numbered head names the programme, the quote lists its parts."""
    if not NUMBERED_HEAD_TAIL_RE.match(sentence[end:]):
        return None
    tail = _head_tail(sentence, end)
    return _found(end, end + len(tail[0]), tail[0], tail[1].programme_type, "quoted") if tail else None


def _generic_tail(sentence: str, end: int) -> tuple[str, str] | None:
    """(tail, type) when the words after a quote only say what kind of thing it is (机制, 建设模式, 改革)."""
    for tail, kind in words("generic_tail").items():
        if sentence.startswith(tail, end) and _closes_name(sentence, end + len(tail)):
            return tail, kind
    return None


def _head_tail(sentence: str, end: int) -> tuple[str, Head] | None:
    """The longest run of words after a quote that ends in a head and closes the name: `行动体系`, `新超越计划`."""
    opening = _starts_with(sentence, end, verbs())
    if opening and not verbs()[opening].opens_name:
        return None  # “完善”构建科技创新平台体系: a verb opens a new clause
    best = None
    for k in range(1, MAX_TAIL + 1):
        if end + k > len(sentence) or _is_stop(sentence[end + k - 1]):
            break
        text = sentence[end:end + k]
        head = next((h for h in heads() if text.endswith(h.suffix) and h.scope != "title"), None)
        if head and _closes_name(sentence, end + k):
            best = (text, head)
    return best


def _closes_name(sentence: str, pos: int) -> bool:
    """Nothing that continues the noun follows: the sentence ends, a stop follows, or a generic word (建设)."""
    if pos >= len(sentence) or _is_stop(sentence[pos]) or sentence[pos].isspace():
        return True
    return bool(_starts_with(sentence, pos, words("tail_follow")) or _starts_with(sentence, pos, verbs()))


def _is_stop(ch: str) -> bool:
    return (ch in CLAUSE_STOPS or ch in LIST_STOP or ch in WORD_STOPS or ch in NAME_CONJUNCTIONS
            or ch in QUOTES or ch.isdigit())


def _distribute(sentence: str, group: list[re.Match[str]], tail: tuple[str, Head]) -> list[FoundProgramme]:
    """Each quoted item of a group takes the shared prefix and the head after the group."""
    text, head = tail
    start, prefix = _quoted_prefix(sentence, group[0].start(), opened_only=False)
    end = group[-1].end() + len(text)
    out = []
    for i, m in enumerate(group):
        span_start = start if i == 0 else m.start()
        span_end = end if i == len(group) - 1 else m.end()
        out.append(_found(span_start, span_end, prefix + m[1] + text, head.programme_type, "quoted"))
    return out


def _quoted_prefix(sentence: str, quote_start: int, opened_only: bool) -> tuple[int, str]:
    """(start, words) before a quote that belong to its name: what a verb opens, else a level word."""
    anchor = _anchor_for(sentence, quote_start)
    start, opened = _strip_leading(sentence, anchor)
    prefix = clean(sentence[start:quote_start])
    stops = {**words("zone"), **words("not_prefix_end")}
    if (anchor.kind == "verb" or opened) and 0 < len(prefix) <= MAX_PREFIX and not _ends_with(prefix, stops) \
            and not any(c in prefix for c in NAME_CONJUNCTIONS + LIST_STOP):
        return start, prefix
    if opened_only:
        return quote_start, ""
    level = _ends_with(sentence[:quote_start], words("region_prefix"))
    return quote_start - len(level), level


def _alone(sentence: str, group: list[re.Match[str]], generic: tuple[str, str] | None) -> list[FoundProgramme]:
    """Each quoted item by itself (a generic tail after the group is dropped from the names)."""
    out = []
    after = group[-1].end() + (len(generic[0]) if generic else 0)
    for i, m in enumerate(group):
        kind = _standalone_type(sentence, group, m, generic)
        if kind is None:
            continue
        start, prefix = _alone_prefix(sentence, m) if i == 0 else (m.start(), "")
        end = after if i == len(group) - 1 else m.end()
        out.append(_found(start, end, prefix + m[1], kind, "quoted"))
    return out


def _alone_prefix(sentence: str, m: re.Match[str]) -> tuple[int, str]:
    """A named item (科技创新“六大工程”) keeps what a verb opens before it; any item keeps a level word."""
    if head_of(m[1]) and clean(m[1]) not in known_programmes():
        start, prefix = _quoted_prefix(sentence, m.start(), opened_only=True)
        if prefix:
            return start, prefix
    level = _ends_with(sentence[:m.start()], words("region_prefix"))
    return m.start() - len(level), level


def _standalone_type(sentence: str, group: list[re.Match[str]], m: re.Match[str],
                     generic: tuple[str, str] | None) -> str | None:
    """The type of a quoted item, or None when the quote is not a programme."""
    item = clean(m[1])
    if item in known_programmes():
        return known_programmes()[item]
    head = head_of(item)
    if head:
        return head.programme_type
    if is_formula(item):
        return "mechanism"
    if generic:
        return generic[1]
    if _complete(item) or is_slogan(item) or _object_of_verb(sentence, group):
        return "other"
    return None


def is_slogan(item: str) -> bool:
    """Numbered slogans: 八大抓手; three numbered parts or more (一区一廊一会一室, 一核两带三区); two parts
    with the same numeral other than 一 (三联系三服务, 双尖双领; 一区一廊 names two places, 四梁八柱 is imagery)."""
    text = item.replace(LIST_STOP, "")
    if BIG_SLOGAN_RE.match(text):
        return True
    parts = SLOGAN_PART_RE.findall(text)
    if "".join(parts) != text or len(parts) < 2:
        return False
    same_numeral = len({p[0] for p in parts}) == 1
    return len(parts) >= 3 or (same_numeral and parts[0][0] != "一")


def is_formula(item: str) -> bool:
    """`人才+项目+资本`: two or more named parts joined by +."""
    parts = item.split("+")
    return len(parts) >= 2 and all(len(p) >= 2 and CJK_START_RE.match(p) for p in parts)


def _object_of_verb(sentence: str, group: list[re.Match[str]]) -> bool:
    """`实行“…”，` / `推动高新区“进等升位”，`: the quote is what a verb acts on and ends the clause."""
    before = sentence[:group[0].start()]
    before = before[: len(before) - len(_ends_with(before, words("zone")))]
    after = sentence[group[-1].end():].lstrip()
    closes = not after or after[0] in CLAUSE_STOPS or after[0] == LIST_STOP
    takes_quote = verb_words("hard", quoted_object=True) + verb_words("soft", quoted_object=True)
    return closes and bool(_ends_with(before, takes_quote))


# ---------------------------------------------------------------- 3. numbered and versioned names


def _numbered_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    for regex, suffix in ((NUMBERED_RULES_RE, "条"), (VERSION_RE, "")):
        for m in regex.finditer(sentence):
            if _inside_quote(sentence, m.start()):
                continue
            anchor = _anchor_for(sentence, m.start())
            start, opened = _strip_leading(sentence, anchor)
            body = clean(sentence[start:m.start()])
            if (anchor.kind in ("verb", "list") or opened) and len(body) >= 2 and not _generic_body(body):
                name = body + m[1] + suffix
                kind = "policy" if suffix else programme_type(body)
                out.append(_found(start, m.end(), name, kind, "numbered"))
    return out


# ---------------------------------------------------------------- 4. unquoted names ending in a head


def _head_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    seen: set[int] = set()
    for head in heads():
        if head.scope not in ("any", "verb"):
            continue
        if head.suffix not in sentence:
            continue
        for m in P.literal_re(head.suffix).finditer(sentence):
            if m.end() in seen or _inside_quote(sentence, m.start()) or not _head_ends(sentence, m.end()):
                continue
            found = _unquoted_name(sentence, m.start(), m.end(), head)
            if found:
                seen.add(m.end())
                out.append(found)
    return out


def _head_ends(sentence: str, end: int) -> bool:
    return _word_end(sentence, end) and not _starts_with(sentence, end, words("head_blocker"))


def _unquoted_name(sentence: str, head_start: int, end: int, head: Head) -> FoundProgramme | None:
    """The name ending at `end`; a verb that leaves only a generic body was inside it (人才引进实施办法)."""
    body_end = _digits_before(sentence, head_start)
    anchor = _anchor_for(sentence, body_end)
    found = _name_from(sentence, anchor, body_end, head_start, end, head)
    verb = _ends_with(sentence[:anchor.start], verb_words("hard")) if anchor.kind == "verb" else ""
    inner = clean(sentence[anchor.start:head_start])
    preceded = sentence[:anchor.start - len(verb)]
    if found is None and verb and inner and _generic_body(inner) and not _ends_with(preceded, verbs()):
        found = _name_from(sentence, _anchor_for(sentence, anchor.start - len(verb)), body_end, head_start, end, head)
    return found


def _name_from(sentence: str, anchor: Anchor, body_end: int, head_start: int, end: int,
               head: Head) -> FoundProgramme | None:
    start, opened = _strip_leading(sentence, anchor)
    if anchor.counted:
        return None  # 30个双创大赛: a counted kind of thing
    start = _numbered_start(sentence, start, body_end, anchor)
    if head.programme_type == "event":
        start = _after_inner_event(sentence, start, body_end)
    body = clean(sentence[start:head_start])
    if not _acceptable(body, anchor, opened, head):
        return None
    return _found(start, end, sentence[start:end], head.programme_type, "head")


def _acceptable(body: str, anchor: Anchor, opened: bool, head: Head) -> bool:
    if anchor.kind == "limit" or len(body) < 2 or body[-1] in NAME_CONJUNCTIONS + "与或" or _generic_body(body):
        return False
    if any(h.suffix == body for h in heads()):
        return False  # 行动计划 is a head, not a name
    return head.scope == "any" or anchor.kind in ("verb", "list", "conj") or opened or anchor.verb_before


def _numbered_start(sentence: str, start: int, body_end: int, anchor: Anchor) -> int:
    """`智能装备、生命健康两大主导产业培育方案`, `自创区八大专项攻坚行动`: the name starts at the numbered head."""
    big = NUMBERED_BIG_RE.search(sentence, start, body_end)
    if big and big.start() > start:
        if anchor.kind == "list" or _ends_with(sentence[start:big.start()], words("zone")):
            return big.start()
    return start


def _after_inner_event(sentence: str, start: int, body_end: int) -> int:
    """`世界青年科学家峰会云江科创大会`: an event named inside the body ends before this one starts."""
    for h in heads():
        if h.programme_type == "event" and h.scope == "any":
            pos = sentence.rfind(h.suffix, start, body_end)
            if pos > start and _word_end(sentence, pos + len(h.suffix)) and pos + len(h.suffix) < body_end:
                start = pos + len(h.suffix)
    return start


def _digits_before(sentence: str, pos: int) -> int:
    """`人才住房保障369计划`: digits right before a head belong to the name (not a count)."""
    i = pos
    while i > 0 and sentence[i - 1].isdigit():
        i -= 1
    return i if 0 < i < pos and "\u4e00" <= sentence[i - 1] <= "\u9fff" else pos


def _anchor_for(sentence: str, end: int) -> Anchor:
    """Where a name ending at `end` starts; across quotes (深化“三服务”暨…行动) only when a verb opens it."""
    anchor = _scan_start(sentence, end)
    if anchor.kind == "clause" and anchor.start > 0 and sentence[anchor.start - 1] in QUOTES:
        through = _scan_start(sentence, end, through_quotes=True)
        if through.kind == "verb":
            return through
    return _count_anchor(sentence, anchor) if anchor.kind == "count" else anchor


def _count_anchor(sentence: str, anchor: Anchor) -> Anchor:
    """Whether a verb comes right before the count, and whether a classifier follows it."""
    window_start = max(0, anchor.start - 8)
    chinese = COUNT_END_RE.search(sentence[window_start:anchor.start])
    arabic = NUMBER_END_RE.search(sentence[:anchor.start])
    count_start = window_start + chinese.start() if chinese else arabic.start() if arabic else anchor.start
    verb_before = bool(_ends_with(sentence[:count_start], verb_words("hard") + verb_words("soft")))
    follows = sentence[anchor.start:anchor.start + 1]
    counted = (follows in CLASSIFIERS) or bool(chinese and chinese[0][-1] in CLASSIFIERS and "首" not in chinese[0])
    return Anchor(anchor.start, "count", verb_before, counted)


def _scan_start(sentence: str, end: int, through_quotes: bool = False) -> Anchor:
    """Walk back from `end` to where a name can start: after a verb, a delimiter, a conjunction or a count."""
    floor = max(0, end - MAX_BODY)
    i = end
    while i > 0:
        if i <= floor:
            return Anchor(i, "limit")
        if through_quotes and sentence[i - 1] in QUOTES:
            i -= 1
            continue
        kind = _stop_kind(sentence, i)
        if kind:
            return Anchor(i, kind)
        i -= 1
    return Anchor(0, "clause")


def _stop_kind(sentence: str, i: int) -> str | None:
    ch = sentence[i - 1]
    if ch in CLAUSE_STOPS or ch in QUOTES or ch.isspace():
        return "clause"
    if ch == LIST_STOP:
        return "list"
    if ch.isdigit() or COUNT_END_RE.search(sentence[max(0, i - 8):i]):
        return "count"
    if ch in WORD_STOPS and _single_token(sentence, i - 1):
        return "word"
    if ch in NAME_CONJUNCTIONS and _single_token(sentence, i - 1) and _ends_with_head(sentence[: i - 1]):
        return "conj"
    return "verb" if _verb_ends_at(sentence, i) else None


def _verb_ends_at(sentence: str, i: int) -> bool:
    """A hard verb ends at i, or a soft verb that an adverb or a subject (我市, 高教园) puts before."""
    before = sentence[:i]
    if _ends_with(before, verb_words("hard")):
        return True
    soft = _ends_with(before, verb_words("soft"))
    if not soft:
        return False
    rest = before[: len(before) - len(soft)]
    adverb = _ends_with(rest, verb_words("adverb"))
    if adverb:  # 大力实施 stops the scan; 制定全面加强… does not (制定 is the verb)
        return not _ends_with(rest[: len(rest) - len(adverb)], verb_words("hard"))
    return bool(rest) and rest[-1] in SUBJECT_END and not verbs()[soft].opens_name


def _single_token(sentence: str, pos: int) -> bool:
    ends = _token_ends(sentence)
    return (pos == 0 or pos in ends) and pos + 1 in ends


def _ends_with_head(text: str) -> bool:
    text = text.rstrip("”")
    return any(text.endswith(h.suffix) for h in heads() if h.scope != "title")


def _strip_leading(sentence: str, anchor: Anchor) -> tuple[int, bool]:
    """(start, opened): skip what opens a name but is not part of it.

    After a hard verb only a completing verb (修改完善三定方案); elsewhere adverbs and opening verbs
    (深入实施企业研发后补助政策), and after a count its classifier or date word (20支科创子基金).
    """
    start = anchor.start
    if anchor.kind == "count":
        start += len(LEADING_DATE_RE.match(sentence[start:])[0])
        start += 1 if sentence[start:start + 1] in CLASSIFIERS else 0
    if anchor.kind == "verb":
        return start + len(_starts_with(sentence, start, verb_words("soft", opens_name=False))), True
    while adverb := _starts_with(sentence, start, verb_words("adverb")):
        start += len(adverb)
    closing = _starts_with(sentence, start, verb_words("soft", opens_name=False))
    opened = bool(closing)
    while closing:  # 探索建立“…”, 深入实施企业研发后补助政策
        start += len(closing)
        closing = _starts_with(sentence, start, verb_words("soft", opens_name=False))
    if not opened and (first := _starts_with(sentence, start, verb_words("soft", opens_name=True))):
        start, opened = start + len(first), True  # 深化科技特派员制度, but 实施创新驱动引领工程 keeps 创新
    return start, opened


def _generic_body(body: str) -> bool:
    """The body is made of generic words only (科技优惠, 绩效, 科技创新): no name of its own."""
    generic = words("generic_body")
    reachable = {0}
    for i in range(len(body)):
        if i in reachable:
            reachable |= {i + len(w) for w in generic if body.startswith(w, i)}
    return len(body) in reachable


def _word_end(sentence: str, end: int) -> bool:
    """A head ends a word: the text ends, a non-word character follows, or jieba puts a boundary there."""
    if end >= len(sentence) or not WORD_CHAR_RE.match(sentence[end]):
        return True
    return end in _token_ends(sentence)


@lru_cache(maxsize=512)
def _token_ends(sentence: str) -> frozenset[int]:
    return frozenset(end for _, _, end in _tokenizer().tokenize(sentence))


def _inside_quote(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


# ---------------------------------------------------------------- 5. known names


def _known_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    for name, kind in known_programmes().items():
        if name in sentence:
            out += [_found(m.start(), m.end(), name, kind, "known") for m in P.literal_re(name).finditer(sentence)]
    return out
