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
   - a title loses its issuer (`市政府关于…` → `关于…`), a forwarding notice names what it forwards, and a
     title made of heads only (`《行动方案》`) is a back-reference, not a name.
3. numbered and versioned names: `云江汇才40条、` (N条 followed by 、/等), `科技新政2.0版`, `…十条措施`;
   frames (`以X建设为主抓手`, `“X”一条主线`) and shapes (`五倍增、五提高`).
4. unquoted names ending in a head (`programme_suffixes.csv`, whose `scope` says where a head may end a
   name): the start is found by scanning back to a verb (`programme_verbs.csv`), a delimiter, a
   conjunction joining two names, or a count/date; adverbs and opening verbs are stripped; generic
   bodies (科技优惠政策), counted kinds (30个双创大赛) and heads inside longer nouns (国家工程研究中心) fail.
   Parallel items before the body share its head (`人才强市、创新强市首位战略`, `蓝天、碧水、净土保卫战`);
   a numeral counting them starts the name instead (`定点、定人、定时三定工作法` → 三定工作法).
5. known programme names (`programme_known.csv`): well-known national programmes (创新驱动发展战略, 河长制 …),
   provincial families (八八战略, 鲲鹏行动 …) and schemes without a head (科技特派员, 创新券, 揭榜挂帅), with
   their `level`; a short one (双创) counts only inside quotes, a level word before one belongs to it.
6. issuing level and region (`issuing_level`, `programme_region`): 国家/中央 → 100000, 省/省级/全省 → the
   province of the context, 市 → its city, a region's full name opening the name → that region, a known
   provincial family → its province when the context lies in it; else the section's or document's region.

7. genre rules added for reports of other regions (each with golden cases in tests/golden/programmes.csv):
   awards won (荣获…省科技进步一等奖 → 省科技进步奖), titled projects (《…》项目), battle verbs inside plan names
   (打赢…保卫战三年行动), macro policy stances (积极的财政政策), conversion campaigns (“煤改电”), chief systems
   (链长制), reforms named by parallel items (A、B、C联动改革), the programme a title implements (《关于贯彻落实X的
   实施意见》 → X too, inside the title's span), siblings in a 、-list of programmes, counted talent titles with their
   kind (80名农业科技特派员), a clause's subject followed by its predicate (…战略扎实推进); negatives: descriptive
   mechanisms (…转化机制, …发展机制), a policy described by its aim (促进…政策), a meeting cited for its 精神, money
   granted (500万元…资金), classes of levels (省级以上…).

Word lists (generic tails and bodies, zones, level words, talent cues …) are in `programme_words.csv`.
Measured against tests/gold/*.programmes.csv with `python -m loaders.programme_scoring -v`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jieba

from loaders.extraction import patterns as P
from loaders.extraction import regions
from loaders.extraction.affixes import first_prefix, first_suffix
from loaders.extraction.segments import TokenEnds, last_token
from loaders.extraction.ruledata import RuleDataError, read_rows
from loaders.extraction.paths import DATA_DIR

PROGRAMME_SUFFIXES_FILE = DATA_DIR / "programme_suffixes.csv"
PROGRAMME_VERBS_FILE = DATA_DIR / "programme_verbs.csv"
PROGRAMME_KNOWN_FILE = DATA_DIR / "programme_known.csv"
PROGRAMME_WORDS_FILE = DATA_DIR / "programme_words.csv"

PROGRAMME_TYPES = ("action_plan", "policy", "mechanism", "financing", "talent", "event", "other")
SCOPES = ("any", "verb", "quoted", "title", "level", "list")
VERB_KINDS = ("hard", "soft", "adverb")
WORD_KINDS = (
    "generic_tail", "generic_body", "zone", "region_prefix", "talent_cue", "head_blocker", "tail_follow", "not_prefix_end",
    "description_end", "not_kind",
)

MAX_BODY = 22  # characters scanned back from a head for the start of an unquoted name
MAX_TAIL = 12  # characters after a quote searched for the head that completes it
MAX_PREFIX = 12  # characters of an unquoted prefix kept before a quoted name
MAX_TOPIC = 3  # characters of a clause-opening topic kept before a quoted name with a head (教科人“三位一体”集成改革)
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"

TITLE_RE = re.compile(r"《([^《》]{2,60})》")
QUOTED_RE = re.compile(r"“([^“”]{1,24})”")
QUOTE_MARKS_RE = re.compile(r"[“”\"'‘’\s]")
TRAILING_BRACKET_RE = re.compile(r"[（(][^（()）]*[)）]$")
CLAUSE_STOPS = "，,。；;：:！？!?（()）《》【】\n—-.．●■▲"
LIST_STOP = "、"
WORD_STOPS = "等的以在对从向把将被由为于与是了并"
SUBJECT_OWNERS = "我本该"  # 我市 / 本省 / 该区: the text's own region speaking, not an issuing level
SUBJECT_END = "省市县区园局院厅国"  # 我市 / 高教园 + a verb: the verb opens the name
NAME_CONJUNCTIONS = "和及"
QUOTES = "“”"
COUNT_END_RE = re.compile(
    rf"(?:[{CN_NUMERALS}]+(?:多|余)?(?:级|家|个|项|支|名|位|次|批|届|期|场|所|亿)|(?:全国|全省|我国|国内)?首[个单批家只例届])$"
)
NUMBER_END_RE = re.compile(r"\d+(?:\.\d+)?(?:多|余)?[万亿]?$")
LEADING_DATE_RE = re.compile(r"^(?:年度|年|月|日|底|末|届)*")
ENUMERATOR_RE = re.compile(r"^[一二三四五六七八九十]+是")  # 四是国家科技计划: an enumerator opens the clause
YEAR_RANGE_RE = re.compile(r"\d{4}\s*[-—–~至到]\s*\d{4}年?")  # …实施方案(2024—2026年): a time-bound plan
ISSUER_RE = re.compile(r"^[\u4e00-\u9fff]{1,16}?(?:政府|办公厅|办公室|委员会|局|厅|委|部|院)(?=关于)")
FORWARD_RE = re.compile(r"^关于(?:印发|转发)(?P<inner>.+)的通知$")  # 关于转发X的通知 → X
PARALLEL_ITEM_LENGTHS = (4, 3, 2)
COUNT_NUMERALS = {2: "两二双", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}  # 人才强市、创新强市首位战略; 蓝天、碧水、净土保卫战
MIN_SPLIT_BODY = 3  # 世界青年科学家峰会云江科创大会 splits; 中非合作论坛北京峰会 does not
PLAN_HEADS = ("方案", "工作方案", "实施方案")
STRATEGY_HEADS = ("战略",)
DEMONSTRATIVES = "该此本这其"
NOMINAL_INNER = ("实施", "管理", "实施管理")  # 人才引进实施办法: the verb before them belongs to the name
SUBJECT_IN_BODY_RE = re.compile(r"我[国省市县区]|本[省市县区]")  # 金华市考核组来我市作专项考核: a clause
PERIOD_NAME_RE = re.compile(r"^十[一二三四五六七八九]五$")
PERIOD_FOLLOW_RE = re.compile(r"(?:末期?|期间|时期|以来|初期?|中期)")  # 较“十二五”末: a time, not a plan
NOT_IN_BODY = ("以上", "关于")
OWN_SCOPES = ("全国", "全省", "全市", "全县", "全区", "我国", "我省", "我市", "我县", "我区", "本省", "本市", "本县", "本区")
QUANTIFIERS = ("各类", "各项", "多项", "一批", "一系列", "新一轮", "新一批")  # 获各类科技贴息贷款: a quantifier opens, never names
PREPOSITIONS = "与或向在对从把将被由于"  # 我代表省人民政府向大会: a body never ends in one
PLUS_PLANS = ("互联网+", "人工智能+", "数字+", "标准+")
OWN_NAME_HEADS = ("新政",)  # 科技新政, 人才新政: the head names a package even after a generic body
FUNDING_PLAN_ENDS = ("科技计划", "研发计划", "研发攻关计划", "科研计划")  # 省级重点研发计划: a funding programme of projects
PURPOSE_OPENERS = ("促进", "鼓励", "支持", "加快", "推动")
PILOT_HEAD = "试点"
GRANT_HEAD = "资金"  # 设立2亿元科技成果转化引导基金 names a fund; 争取500万元产业发展资金 is an amount of money
FINANCING_CUES = ("证券化", "融资", "贷款", "信贷", "基金", "保险", "债券")  # 技术产权证券化试点: a pilot of a financing tool
LEVEL_PROGRAMME_HEADS = ("计划",)  # 省级科技计划, 国家科技计划: a level's programme even with a generic body
BATTLE_VERBS = ("打赢", "打好", "打响")  # 打赢蓝天保卫战三年行动计划: the battle verb names the plan's aim
MIN_BARE_KNOWN = 3
FRAME_RE = re.compile(  # 以创新舟山建设为主抓手, 以“党建统领科技创新”为主线: the frame names a programme
    r"以(?:“(?P<q>[^“”]{2,24})”|(?P<x>[^“”，,。；;：:！？!?、以为]{2,20}?))(?:建设)?为(?:主抓手|总抓手|统领|主线|主基调|总基调)")
QUOTED_FRAME_RE = re.compile(r"“(?P<q>[^“”]{2,24})”(?:一条|这条)?(?:主线|主基调|总基调)")  # “党建统领科技创新”一条主线
NOT_FRAMED_RE = re.compile(r"(?:思想|精神|讲话|要求|部署|理念|指示)$")  # 以…思想为统领: guidance, not a programme
TARGET_WORDS = "倍增|翻番|提升|提高|突破|跨越"
TARGET_SLOGAN_RE = re.compile(rf"^[二三四五六七八九十两]个?(?:{TARGET_WORDS})$")  # “四个倍增”
TARGET_LIST_RE = re.compile(rf"(?:[二三四五六七八九十两](?:{TARGET_WORDS})、)+[二三四五六七八九十两](?:{TARGET_WORDS})")  # 五倍增、五提高
NUMBERED_MEASURES_RE = re.compile(r"(?P<num>[一二三四五六七八九十]{1,3}|\d{1,3})条(?:措施|举措|意见)")  # 大众创业万众创新十条措施
STRONG_PLACE = r"(?:科技|人才|制造业?|质量|教育|文化|知识产权|数字|交通|海洋|农业|工业|创新)强(?:国|省|市|县|区)"
STRONG_PLACE_RE = re.compile(rf"^{STRONG_PLACE}$")  # “科技强市”
EVENT_POSITIONS = "上中后"  # 科技工作会上获悉: an event head followed by a position still ends the name  # a known name this short counts only inside quotes (“双创”, not 双创生态)
CLASSIFIERS = "个家项支名位次批期场所条"  # 30个双创大赛: a counted noun, not a name
COMMON_WORD_FREQ = 50  # a two-character jieba word ending in a one-character head (融会) is a word, not a head
NUMBERED_BIG_RE = re.compile(r"[二三四五六七八九十两百]+大")
NUMBERED_HEAD_TAIL_RE = re.compile(rf"^[{CN_NUMERALS}]+[大项]")
BIG_SLOGAN_RE = re.compile(r"^[二三四五六七八九十两百]+[大项][\u4e00-\u9fff]{2,4}$")  # 八大抓手, 八项重点工作 (not 四个意识)
NUMBERED_RULES_RE = re.compile(r"(?P<num>\d{1,3})条(?=[、等和与及])")
VERSION_RE = re.compile(r"(?P<ver>\d{1,2}\.\d)(?P<ban>版)?(?![\d%％万亿元倍个家项])")
SLOGAN_NUMERALS = "一二三四五六七八九十双两多"
SLOGAN_PART_RE = re.compile(rf"[{SLOGAN_NUMERALS}][^{SLOGAN_NUMERALS}]{{1,3}}")
WORD_CHAR_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
CJK_START_RE = re.compile(r"[\u4e00-\u9fff]")
NATIONAL = "national"
NATIONAL_CODE = "100000"
PROVINCE_CODE_RE = re.compile(r"^\d{2}0000$")
LEVEL_PREFIX_RE = re.compile(r"^(?:国家级|国家|全国|中央|国务院|省级|全省|省|市级|全市|市|县级|全县|县)")
DESIGNATION_LEVEL_RE = re.compile(r"^(?:国家级|国家|全国|省级|省)")  # 国家级特色产业基地 (not 县域科创基地)
NATIONAL_NAME_RE = re.compile(r"^(?:国家|全国|中央|国务院)")  # 国家级引才计划, 中央引导地方科技发展资金
PROVINCIAL_NAME_RE = re.compile(r"^(?:省级|全省|省)(?!市)")  # 省万人计划, 省级海外工程师 (省市一体化: both)
CITY_NAME_RE = re.compile(r"^(?:市级|全市|市)(?!县|场|民)")  # 市科投基金 (not 市场准入…, 市民…)
NATIONAL_BEFORE_RE = re.compile(r"(?:国家级?|全国|中央)(?:首批|第[一二三四五六七八九十]+批)?、?$")  # 国家首批创新型县（市）
PROVINCIAL_BEFORE_RE = re.compile(r"(?:省级?|全省)(?:对市|首批|第[一二三四五六七八九十]+批)?$")  # 省对市五倍增, 全省首批…
REGION_NAME_END_RE = re.compile(r"[省市县区州盟旗]")
MAX_REGION_NAME = 8


@dataclass(frozen=True)
class FoundProgramme:
    start: int
    end: int
    name: str
    programme_type: str
    rule: str = ""
    level: str = ""  # who issues it: national | province | city | a province code (known family) | ''


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


class ProgrammeDataError(RuleDataError):
    """A bad row of a programme lexicon (file:line, column, value)."""


def _read_rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    rows = [(n, {k: v.strip() for k, v in r.items()}) for n, r in read_rows(path, required, ProgrammeDataError)]
    for lineno, row in rows:
        if not row[required[0]]:
            raise ProgrammeDataError(f"{path}:{lineno}: '{required[0]}' is empty")
    return rows


def _check(path: Path, lineno: int, column: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ProgrammeDataError(f"{path}:{lineno}: {column} '{value}' is not one of {', '.join(allowed)}")


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


@dataclass(frozen=True)
class Known:
    programme_type: str
    level: str  # '' | national | a province code (a provincial family)


def read_known(path: Path) -> dict[str, Known]:
    """name → Known of a known-programme file (columns name, programme_type, optional level)."""
    out: dict[str, Known] = {}
    for lineno, r in _read_rows(path, ("name", "programme_type")):
        _check(path, lineno, "programme_type", r["programme_type"], PROGRAMME_TYPES)
        level = r.get("level", "")
        if level and level != NATIONAL and not PROVINCE_CODE_RE.match(level):
            raise ProgrammeDataError(f"{path}:{lineno}: level '{level}' is not empty, '{NATIONAL}' or a province code")
        out[r["name"]] = Known(r["programme_type"], level)
    return out


@lru_cache(maxsize=1)
def _known() -> dict[str, Known]:
    return read_known(PROGRAMME_KNOWN_FILE)


@lru_cache(maxsize=1)
def known_programmes() -> dict[str, str]:
    """name → programme_type of the known programmes."""
    return {name: k.programme_type for name, k in _known().items()}


def known_level(name: str) -> str:
    """The level of a known programme named by `name` without its level word (省万人计划 → 万人计划)."""
    bare = LEVEL_PREFIX_RE.sub("", clean(name))
    known = _known().get(clean(name)) or _known().get(bare)
    if known:
        return known.level
    national = bool(first_prefix(clean(name), 0, _national_long_names()))
    return NATIONAL if national else ""  # 粮食安全省长责任制考核


@lru_cache(maxsize=1)
def _national_long_names() -> tuple[str, ...]:
    return tuple(k for k, v in _known().items() if v.level == NATIONAL and len(k) > 3)


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
        *_frame_candidates(sentence),
        *_numbered_candidates(sentence),
        *_award_candidates(sentence),
        *_shape_candidates(sentence),
        *_head_candidates(sentence),
        *_known_candidates(sentence),
    ]
    accepted = _resolve(candidates)
    accepted = sorted(accepted + _siblings(sentence, accepted) + _implemented(sentence, accepted), key=lambda p: p.start)
    return [replace(p, level=issuing_level(sentence, p)) for p in accepted]


def _implemented(sentence: str, accepted: list[FoundProgramme]) -> list[FoundProgramme]:
    """`《关于贯彻落实省政府…十条措施的实施意见》`: the programme a title implements is named too (inside the title's span)."""
    out = []
    for title in (p for p in accepted if p.rule == "title"):
        m = P.PROGRAMME_IMPLEMENTING_TITLE_RE.search(sentence, title.start + 1, title.end - 1)
        if m:
            inner = [replace(p, start=p.start + m.start("inner"), end=p.end + m.start("inner"), rule="implemented")
                     for p in find_programmes(m["inner"]) if p.rule != "title"]
            out += [p for p in inner if p.end - p.start < title.end - title.start]
    return out


def _siblings(sentence: str, accepted: list[FoundProgramme]) -> list[FoundProgramme]:
    """`推进西部开发、东北振兴、中部崛起`: an item of a 、-list whose other items are mostly programmes is one too."""
    out = []
    if len(accepted) < 2 or sentence.count(LIST_STOP) < 2:
        return out  # fewer than two named items, or no clause with three items: no list to read (most sentences)
    for clause_start, clause_end in _clauses(sentence):
        items = _list_items(sentence, clause_start, clause_end)
        named = [p for p in accepted if any(p.start == a and p.end == b for a, b in items)]
        if len(items) < 3 or len(named) < 2 or 2 * len(named) < len(items):
            continue
        kind = Counter(p.programme_type for p in named).most_common(1)[0][0]
        for a, b in items:
            text = sentence[a:b]
            if not any(p.start < b and a < p.end for p in accepted) and _sibling_item(text):
                out.append(FoundProgramme(a, b, clean(text), kind, "sibling"))
    return out


def _clauses(sentence: str) -> list[tuple[int, int]]:
    bounds = [0] + [i + 1 for i, ch in enumerate(sentence) if ch in CLAUSE_STOPS] + [len(sentence) + 1]
    return [(a, b - 1) for a, b in zip(bounds, bounds[1:]) if b - 1 > a]


def _list_items(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the 、-separated items of a clause; the first loses the verbs and adverbs opening it."""
    spans, pos = [], start
    for part in sentence[start:end].split(LIST_STOP):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    if len(spans) < 2:
        return []
    first_start, opened = spans[0][0], True
    while opened:
        opened = _starts_with(sentence, first_start, verbs())
        first_start += len(opened)
    last_end = spans[-1][1] - (1 if sentence[spans[-1][1] - 1:spans[-1][1]] == "等" else 0)
    return [(first_start, spans[0][1]), *spans[1:-1], (spans[-1][0], last_end)]


def _sibling_item(text: str) -> bool:
    return 2 <= len(text) <= MAX_SIBLING and all("\u4e00" <= ch <= "\u9fff" for ch in text) and not _generic_body(text)


MAX_SIBLING = 8  # characters of a list item taken as a programme because its neighbours are
RULE_PRIORITY = {"title": 0, "quoted": 1, "frame": 2, "numbered": 3, "award": 3, "shape": 4, "head": 5, "known": 6}


def _resolve(candidates: list[FoundProgramme]) -> list[FoundProgramme]:
    """Earlier rules first, then longer spans; a candidate overlapping an accepted one is dropped."""
    known = [p for p in candidates if p.rule == "known"]
    candidates = [p for p in candidates if not _inside_known(p, known)]
    ranked = sorted(candidates, key=lambda p: (RULE_PRIORITY[p.rule], -(p.end - p.start), p.start))
    accepted: list[FoundProgramme] = []
    for p in ranked:
        if p.name and not any(p.start < q.end and q.start < p.end for q in accepted):
            accepted.append(p)
    return sorted(accepted, key=lambda p: p.start)


def _inside_known(p: FoundProgramme, known: list[FoundProgramme]) -> bool:
    """An unquoted name inside a longer known one (驱动发展战略 in 创新驱动发展战略) is a fragment of it."""
    return p.rule in ("head", "numbered") and any(
        k.start <= p.start and p.end <= k.end and (k.end - k.start) > (p.end - p.start) for k in known)


def programme_type(name: str) -> str:
    """The type a name's head gives it (talent schemes by their cue words), 'other' without a head."""
    head = head_of(TRAILING_BRACKET_RE.sub("", clean(name)))
    return type_of(clean(name), head.programme_type if head else "other")


def type_of(name: str, kind: str) -> str:
    """The type of a name whose head gives `kind`: a known name's type (with or without its level word), else
    talent schemes by their cue words, time-bound plans, the “X+” plans."""
    known = known_programmes().get(name) or known_programmes().get(LEVEL_PREFIX_RE.sub("", name))
    if not known and kind == "action_plan" and name.endswith(FUNDING_PLAN_ENDS):
        return "other"  # 市级科技计划, 国家重点研发计划: it funds projects, it is not a campaign
    if not known and kind == "mechanism" and _known_talent_body(name):
        return "talent"  # 科技特派员制度: the rule set of a talent scheme
    if not known and name.endswith(PILOT_HEAD) and any(cue in name for cue in FINANCING_CUES):
        return "financing"
    return known or _plan_type(name, _formula_type(name, _talent(name, kind)))


def _known_talent_body(name: str) -> bool:
    head = head_of(name)
    body = LEVEL_PREFIX_RE.sub("", name[: len(name) - len(head.suffix)]) if head else ""
    return known_programmes().get(body) == "talent"


def head_of(name: str) -> Head | None:
    """The longest head the name ends with; a one-character head must be a word of its own (融会 has no 会)."""
    name = clean(name)
    for h in _heads_ending(name):
        if len(name) > len(h.suffix):
            if len(h.suffix) > 1 or _own_word(name):
                return h
    return None


def _own_word(name: str, strict: bool = False) -> bool:
    """The last character is not the end of a common two-character word (融会, 信贷): 新春第一会, 投联贷, 负责制.
    `strict` (an unquoted head): a token of its own (入库制; not 机制, 创制, 科技体制)."""
    last = last_token(_tokenizer(), name)
    if strict:
        return len(last) == 1
    return len(last) != 2 or _tokenizer().FREQ.get(last, 0) < COMMON_WORD_FREQ


def clean(name: str) -> str:
    return QUOTE_MARKS_RE.sub("", name)


def _talent(name: str, kind: str) -> str:
    """An action plan or policy about talent is a talent scheme; a strategy (人才强市战略) stays a policy."""
    if kind in ("action_plan", "policy") and not name.endswith(STRATEGY_HEADS) and any(cue in name for cue in words("talent_cue")):
        return "talent"
    return kind


def _found(start: int, end: int, name: str, kind: str, rule: str) -> FoundProgramme:
    """A candidate; a known name (with or without its level word) keeps its known type."""
    name = clean(name)
    return FoundProgramme(start, end, name, kind if rule == "known" else type_of(name, kind), rule)


def _formula_type(name: str, kind: str) -> str:
    """互联网+政务服务, 人工智能+: the national “X+” action plans."""
    return "action_plan" if name.startswith(PLUS_PLANS) else kind


def _ends_with(text: str, vocabulary) -> str:
    return first_suffix(text, vocabulary)


def _starts_with(text: str, pos: int, vocabulary) -> str:
    return first_prefix(text, pos, vocabulary)


@lru_cache(maxsize=1)
def _head_index() -> tuple[dict[str, list[Head]], tuple[int, ...], dict[int, int]]:
    """Suffix → the heads with it (in order), the suffixes' lengths (longest first), each head's place in heads()."""
    by_suffix: dict[str, list[Head]] = {}
    for h in heads():
        by_suffix.setdefault(h.suffix, []).append(h)
    order = {id(h): i for i, h in enumerate(heads())}
    return by_suffix, tuple(sorted({len(s) for s in by_suffix}, reverse=True)), order


def _heads_ending(text: str) -> list[Head]:
    """The heads `text` ends with, in the order of heads() (what a scan of heads() with endswith finds)."""
    by_suffix, lengths, order = _head_index()
    found = [h for size in lengths if size <= len(text) for h in by_suffix.get(text[len(text) - size:], ())]
    return found if len(found) < 2 else sorted(found, key=lambda h: order[id(h)])


# ---------------------------------------------------------------- 1. titles


def _title_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    for m in TITLE_RE.finditer(sentence):
        name = title_name(m[1])
        head = head_of(TRAILING_BRACKET_RE.sub("", name))
        if head and not _only_heads(name):
            out.append(_found(m.start(), m.end(), name, head.programme_type, "title"))
        elif not head and P.PROGRAMME_TITLED_PROJECT_RE.match(sentence, m.end()) and len(name) >= 4:
            out.append(_found(m.start(), m.end(), name, "other", "title"))  # 《…技术集成与示范》项目
    return out


def title_name(title: str) -> str:
    """A title without its issuer (市政府关于… → 关于…); a forwarding notice names what it forwards."""
    name = ISSUER_RE.sub("", clean(title))
    forwarded = FORWARD_RE.match(name)
    return forwarded["inner"] if forwarded and head_of(forwarded["inner"]) else name


def _only_heads(name: str) -> bool:
    """《行动方案》, 《方案》: a short back-reference made of heads only, not a name."""
    rest = name
    while head := head_of(rest) or next((h for h in heads() if rest == h.suffix), None):
        rest = rest[: len(rest) - len(head.suffix)]
    return not rest or _generic_body(rest)


def _plan_type(name: str, kind: str) -> str:
    """A 方案 with a period (…实施方案(2024—2026年)) or of an action (…行动工作方案) is an action plan."""
    bare = TRAILING_BRACKET_RE.sub("", name)
    if kind == "policy" and bare.endswith(PLAN_HEADS) and (YEAR_RANGE_RE.search(name) or "行动" in bare):
        return "action_plan"
    return kind


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
    known = clean(item) in known_programmes() and not PERIOD_NAME_RE.match(clean(item))  # “十四五”规划
    return strong or known or bool(version and item.endswith(version[0]))


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
        head = next((h for h in _heads_ending(text) if h.scope != "title"), None)
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
    """(start, words) before a quote that belong to its name: what a verb opens, else a level word or region."""
    anchor = _anchor_for(sentence, quote_start)
    start, opened = _strip_leading(sentence, anchor)
    prefix = clean(sentence[start:quote_start])
    stops = {**words("zone"), **words("not_prefix_end")}
    raw = sentence[start:quote_start]  # 依托“中国眼谷”项目探索“…”: another quote and a verb lie between
    if (anchor.kind == "verb" or opened) and 0 < len(prefix) <= MAX_PREFIX and not _ends_with(prefix, stops) \
            and not any(c in prefix for c in NAME_CONJUNCTIONS + LIST_STOP) \
            and not (any(q in raw for q in QUOTES) and _ends_with(prefix, verb_words("hard") + verb_words("soft", opens_name=False))):
        return start, prefix
    if not opened_only and anchor.kind == "clause" and _clause_topic(prefix):
        return start, prefix  # ；教科人“三位一体”集成改革: a short topic opening the clause names whose reform it is
    if opened_only:
        return quote_start, ""
    level = level_before(sentence, quote_start)
    return quote_start - len(level), level


def _clause_topic(prefix: str) -> bool:
    """A noun of two or three characters opening a clause before a quote: not a subject (我市, 本区), a region or
    level word, a zone, a verb or a generic word."""
    if not 2 <= len(prefix) <= MAX_TOPIC or prefix[-1] in SUBJECT_END or SUBJECT_IN_BODY_RE.search(prefix):
        return False
    if prefix in regions.full_names() or _ends_with(prefix, {**words("zone"), **words("region_prefix")}):
        return False
    return not _starts_with(prefix, 0, verbs()) and not _generic_body(prefix) and CJK_START_RE.match(prefix) is not None


def level_before(sentence: str, pos: int) -> str:
    """A level word (省, 国家级) or a region's full name (云南省“金种子”…) right before `pos`."""
    for k in range(MAX_REGION_NAME, 1, -1):
        if sentence[max(0, pos - k):pos] in regions.full_names() and pos - k >= 0:
            return sentence[pos - k:pos]
    level = _ends_with(sentence[:pos], words("region_prefix"))
    owner = sentence[max(0, pos - len(level) - 1):pos - len(level)]
    return "" if level and owner and owner in SUBJECT_OWNERS else level  # 我市“…”: the subject, not a level word


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
    head = head_of(m[1])
    if head and head.scope != "quoted" and clean(m[1]) not in known_programmes():
        start, prefix = _quoted_prefix(sentence, m.start(), opened_only=True)  # not 发展“晋江经验”, 完善科技“三大体系”
        if prefix:
            return start, prefix
    who = P.PROGRAMME_BENEFICIARY_RE.search(sentence[:m.start()]) if P.PROGRAMME_ALLOWANCE_RE.search(m[1]) else None
    if who:
        return who.start("who"), who["who"]  # 残疾人“两项补贴”: the allowance is named by whom it is for
    level = level_before(sentence, m.start())
    return m.start() - len(level), level


def _standalone_type(sentence: str, group: list[re.Match[str]], m: re.Match[str],
                     generic: tuple[str, str] | None) -> str | None:
    """The type of a quoted item, or None when the quote is not a programme."""
    item = clean(m[1])
    if PERIOD_NAME_RE.match(item) and PERIOD_FOLLOW_RE.match(sentence, m.end()):
        return None  # 较“十二五”末: a time
    if item in known_programmes():
        short = len(item) < MIN_BARE_KNOWN and not (_closes_name(sentence, m.end()) or _generic_tail(sentence, m.end()))
        return None if short else known_programmes()[item]  # “双创”工作, not “双碳”产业
    head = head_of(item)
    if head and (head.scope != "level" or DESIGNATION_LEVEL_RE.match(item)):
        return head.programme_type
    if is_formula(item):
        return "mechanism"
    if generic:
        return generic[1]
    if BIG_SLOGAN_RE.match(item) and P.PROGRAMME_ALLOWANCE_RE.search(item):
        return "policy"  # “两项补贴”: allowances are a policy, not a campaign
    if BIG_SLOGAN_RE.match(item) or TARGET_SLOGAN_RE.match(item) or STRONG_PLACE_RE.match(item):
        return "action_plan"  # 八大抓手, 八项重点工作, 四个倍增: numbered tasks; “科技强市”
    if P.PROGRAMME_CONVERSION_RE.fullmatch(item):
        return "action_plan"  # “油改气”: a conversion campaign
    if _object_of_verb(sentence, group) and P.PROGRAMME_OBJECT_FOLLOW_RE.match(sentence, group[-1].end()):
        return "action_plan"  # 实施“百校千企”项目12个: the projects of a campaign
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
    closes = not after or after[0] in CLAUSE_STOPS or after[0] == LIST_STOP or bool(P.PROGRAMME_OBJECT_FOLLOW_RE.match(after))
    takes_quote = verb_words("hard", quoted_object=True) + verb_words("soft", quoted_object=True)
    return closes and bool(_ends_with(before, takes_quote))


# ---------------------------------------------------------------- 3. numbered and versioned names


def _numbered_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    for regex, suffix in ((NUMBERED_RULES_RE, "条"), (VERSION_RE, ""), (NUMBERED_MEASURES_RE, "")):
        for m in regex.finditer(sentence):
            if _inside_quote(sentence, m.start()):
                continue
            anchor = _anchor_for(sentence, m.start())
            start, opened = _strip_leading(sentence, anchor)
            body = clean(sentence[start:m.start()])
            if (anchor.kind in ("verb", "list") or opened) and len(body) >= 2 and not _generic_body(body):
                name = body + (m[0] if regex is NUMBERED_MEASURES_RE else m[1] + suffix)
                kind = "policy" if suffix or regex is NUMBERED_MEASURES_RE else programme_type(body)
                out.append(_found(start, m.end(), name, kind, "numbered"))
    return out


def _award_candidates(sentence: str) -> list[FoundProgramme]:
    """An award won (荣获2019年省科学技术进步二等奖 → 省科学技术进步奖): the prize without its grade."""
    out = []
    for m in P.PROGRAMME_AWARD_RE.finditer(sentence):
        body = m["name"]
        if _inside_quote(sentence, m.start()) or _generic_body(LEVEL_PREFIX_RE.sub("", body)):
            continue
        out.append(_found(m.start("name"), m.end(), body + "奖", "other", "award"))
    return out


# ---------------------------------------------------------------- 4. unquoted names ending in a head


def _head_candidates(sentence: str) -> list[FoundProgramme]:
    out = []
    seen: set[int] = set()
    if not P.any_of_re(_scanned_suffixes()).search(sentence):
        return out  # no head in the sentence (most sentences)
    for head in heads():
        if head.scope not in SCANNED_SCOPES:
            continue
        if head.suffix not in sentence:
            continue
        for m in P.literal_re(head.suffix).finditer(sentence):
            if m.end() in seen or _inside_quote(sentence, m.start()) or not _head_ends(sentence, m.end(), head):
                continue
            found = _unquoted_name(sentence, m.start(), m.end(), head)
            if found:
                seen.add(m.end())
                out.append(found)
    return out


SCANNED_SCOPES = ("any", "verb", "level", "list")  # the head scopes `_head_candidates` scans for (one list for both)


@lru_cache(maxsize=1)
def _scanned_suffixes() -> tuple[str, ...]:
    """The suffixes of the heads that `_head_candidates` scans for."""
    return tuple(h.suffix for h in heads() if h.scope in SCANNED_SCOPES)


def _head_ends(sentence: str, end: int, head: Head) -> bool:
    """The head ends a word and, when one character long, is a word of its own (入库制, not 机制 / 创制)."""
    if len(head.suffix) == 1 and not _own_word(sentence[:end], strict=True):
        return False
    if head.programme_type == "event" and sentence[end:end + 1] in EVENT_POSITIONS and end < len(sentence):
        return True
    return _word_end(sentence, end) and not _starts_with(sentence, end, words("head_blocker"))


def _unquoted_name(sentence: str, head_start: int, end: int, head: Head) -> FoundProgramme | None:
    """The name ending at `end`; a verb that leaves only a generic body was inside it (人才引进实施办法)."""
    body_end = _digits_before(sentence, head_start)
    anchor = _anchor_for(sentence, body_end)
    found = _name_from(sentence, anchor, body_end, head_start, end, head)
    verb = _ends_with(sentence[:anchor.start], verb_words("hard")) if anchor.kind == "verb" else ""
    inner = clean(sentence[anchor.start:head_start])
    preceded = sentence[:anchor.start - len(verb)]
    if found is None and verb and inner in NOMINAL_INNER and not _ends_with(preceded, verbs()):
        found = _name_from(sentence, _anchor_for(sentence, anchor.start - len(verb)), body_end, head_start, end, head)
    if found and verb in BATTLE_VERBS and P.PROGRAMME_BATTLE_RE.search(sentence, found.start, head_start):
        start = found.start - len(verb) if found.start == anchor.start else found.start
        found = _found(start, end, sentence[start:end], head.programme_type, "head")  # 打赢…翻身仗三年行动
    return found


def _name_from(sentence: str, anchor: Anchor, body_end: int, head_start: int, end: int,
               head: Head) -> FoundProgramme | None:
    start, opened = _strip_leading(sentence, anchor)
    if _subject_of_clause(sentence, anchor, start, end):
        start = anchor.start  # 创新驱动发展战略深入实施: the name is the clause's subject
    granted = anchor.kind == "count" and head.suffix.endswith(GRANT_HEAD) and P.PROGRAMME_AMOUNT_UNIT_RE.match(sentence, anchor.start)
    if anchor.counted or granted:
        return None  # 30个双创大赛: a counted kind of thing; 争取500万元产业发展资金: money granted
    start = _numbered_start(sentence, start, body_end, anchor)
    if head.programme_type == "event":
        start = _after_inner_event(sentence, start, body_end)
    parallel_start = _parallel_start(sentence, start, anchor, head_start)
    listed, start = parallel_start < anchor.start, parallel_start
    body = clean(sentence[start:head_start])
    designated = _has_level(sentence, start, body) or (anchor.kind == "verb" and "国家" in body)  # 创建呼包鄂国家…示范区
    opened = opened or (anchor.kind == "clause" and _predicate_after(sentence, end))  # 乡村振兴战略有力实施
    if not _acceptable(body, anchor, opened, head) or (head.scope == "level" and not designated):
        return None
    if head.scope == "list" and not listed:
        return None  # 深化医疗、医保、医药联动改革 names a reform; 深化财税体制改革 does not
    return _found(start, end, sentence[start:end], head.programme_type, "head")


def _predicate_after(sentence: str, end: int) -> bool:
    """An adverb and a verb right after a name (扎实推进, 有力实施): the name is the subject of its clause."""
    adverb = _starts_with(sentence, end, verb_words("adverb"))
    return bool(adverb) and bool(_starts_with(sentence, end + len(adverb), verbs()))


def _subject_of_clause(sentence: str, anchor: Anchor, start: int, end: int) -> bool:
    """A clause opening with a verb that can start a name (创新, 建设) whose name is followed by the clause's own
    predicate (深入实施, 取得): the verb is part of the name, not its predicate."""
    first = _starts_with(sentence, anchor.start, verb_words("soft", opens_name=True))
    if anchor.kind != "clause" or not first or start != anchor.start + len(first):
        return False
    predicate = verb_words("adverb") + verb_words("hard") + verb_words("soft")
    return bool(_starts_with(sentence, end, predicate))


def _has_level(sentence: str, start: int, body: str) -> bool:
    """A designation names its level: 国家级特色产业基地, 全省首批…集聚区."""
    return bool(DESIGNATION_LEVEL_RE.match(body) or PROVINCIAL_BEFORE_RE.search(sentence[:start])
                or NATIONAL_BEFORE_RE.search(sentence[:start]))


def _parallel_start(sentence: str, start: int, anchor: Anchor, head_start: int) -> int:
    """`人才强市、创新强市首位战略`, `蓝天、碧水、净土保卫战`: parallel items listed before the body share its head;
    `定点、定人、定时三定工作法`: a numeral counting the items starts the name."""
    if anchor.kind != "list":
        return start
    body = sentence[anchor.start:head_start]
    for size in PARALLEL_ITEM_LENGTHS:
        m = re.search(rf"((?:[\u4e00-\u9fff]{{{size}}}、)+)$", sentence[:anchor.start])
        items = m[1].rstrip(LIST_STOP).split(LIST_STOP) if m else []
        if m and _parallel(items, body, size) and _opens_list(sentence, m.start(1)):
            numeral = body[size:size + 1]
            counted = bool(numeral) and numeral in COUNT_NUMERALS.get(len(items) + 1, "")
            return anchor.start + size if counted else m.start(1)
    return start


def _parallel(items: list[str], body: str, size: int) -> bool:
    """Items of one length that the body's first chunk mirrors: a shared first or last character, or three
    parts or more of one length (简政放权、放管结合、优化服务改革)."""
    chunk = body[:size]
    if len(body) == size and len(items) > 1:
        return True  # three parts or more of one length, verbs or not
    if len(body) < size or _starts_with(body, 0, verb_words("hard") + verb_words("soft", opens_name=False)):
        return False  # 围绕一个中心、实施两大行动: a verb opens a new clause
    return any(chunk[0] == it[0] or chunk[-1] == it[-1] for it in items)


def _opens_list(sentence: str, pos: int) -> bool:
    """The list starts a clause or follows a verb or adverb."""
    before = sentence[:pos]
    return not before or not WORD_CHAR_RE.match(before[-1]) or bool(_ends_with(before, verbs()))


def _acceptable(body: str, anchor: Anchor, opened: bool, head: Head) -> bool:
    generic = _generic_body(body) and not (head.suffix in OWN_NAME_HEADS and len(body) <= 2)  # not 一揽子科技新政
    leveled = head.suffix in LEVEL_PROGRAMME_HEADS and LEVEL_PREFIX_RE.sub("", body) not in ("", body)
    generic = generic and not leveled
    if anchor.kind == "limit" or len(body) < 2 or body[-1] in NAME_CONJUNCTIONS + PREPOSITIONS or generic:
        return False
    if any(h.suffix == body for h in heads()) or body[0] in DEMONSTRATIVES or SUBJECT_IN_BODY_RE.search(body):
        return False  # 行动计划 is a head, not a name; 该平台兑现…政策 is a clause
    if any(word in body for word in NOT_IN_BODY):
        return False  # 省级以上领军人才: a class of levels; 习近平总书记关于科技特派员…: a topic, not a name
    if _ends_with(body + head.suffix, words("description_end")):
        return False  # 健全科技成果转化机制: how a field works, not a named instrument
    if head.programme_type == "policy" and _starts_with(body, 0, PURPOSE_OPENERS):
        return False  # 出台促进居民消费政策: a policy described by its aim
    return head.scope in ("any", "list") or anchor.kind in ("verb", "list", "conj") or opened or anchor.verb_before


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
            rest = body_end - (pos + len(h.suffix))
            if pos > start and _word_end(sentence, pos + len(h.suffix)) and rest >= MIN_SPLIT_BODY:
                start = pos + len(h.suffix)
    return start


def _digits_before(sentence: str, pos: int) -> int:
    """`人才住房保障369计划`: digits right before a head belong to the name (not a count)."""
    i = pos
    while i > 0 and sentence[i - 1].isdigit():
        i -= 1
    return i if 0 < i < pos and "\u4e00" <= sentence[i - 1] <= "\u9fff" else pos


def _anchor_for(sentence: str, end: int) -> Anchor:
    """Where a name ending at `end` starts; across quotes (深化“三服务”暨…行动) only when a verb or a list
    mark opens it."""
    anchor = _scan_start(sentence, end)
    if anchor.kind == "clause" and anchor.start > 0 and sentence[anchor.start - 1] in QUOTES:
        through = _scan_start(sentence, end, through_quotes=True)
        if through.kind in ("verb", "list"):  # 、“卡脖子”技术攻关“揭榜挂帅”项目评估立项和验收方案、
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
    subject = bool(rest) and (rest[-1] in SUBJECT_END or _ends_in_region_name(rest))  # 我市 / 高教园 / 江苏 + a verb
    return subject and not verbs()[soft].opens_name


def _ends_in_region_name(text: str) -> bool:
    """`江苏深入实施…`: a region's name (full or short) right before the verb is its subject."""
    return any(regions.candidate_codes(text[-k:]) for k in (2, 3) if len(text) >= k and text[-k] not in CN_NUMERALS)


def _single_token(sentence: str, pos: int) -> bool:
    ends = _token_ends(sentence)
    return (pos == 0 or pos in ends) and pos + 1 in ends


def _ends_with_head(text: str) -> bool:
    text = text.rstrip("”")
    return any(h.scope != "title" for h in _heads_ending(text))


def _strip_leading(sentence: str, anchor: Anchor) -> tuple[int, bool]:
    """(start, opened): skip what opens a name but is not part of it.

    After a hard verb only a completing verb (修改完善三定方案); elsewhere adverbs and opening verbs
    (深入实施企业研发后补助政策), and after a count its classifier or date word (20支科创子基金).
    """
    start = anchor.start
    if anchor.kind == "count":
        start += len(amount[0]) if (amount := P.PROGRAMME_AMOUNT_UNIT_RE.match(sentence, start)) else 0
        start += len(LEADING_DATE_RE.match(sentence[start:])[0])
        start += 1 if sentence[start:start + 1] in CLASSIFIERS else 0
    if anchor.kind == "verb":
        start += len(_starts_with(sentence, start, QUANTIFIERS))
        return start + len(_starts_with(sentence, start, verb_words("soft", opens_name=False))), True
    start += len(enumerator[0]) if (enumerator := ENUMERATOR_RE.match(sentence[start:])) else 0
    scope = _starts_with(sentence, start, OWN_SCOPES)  # 全县深化科技特派员制度: the subject and its verb open the clause
    if scope and _starts_with(sentence, start + len(scope), verb_words("adverb") + verb_words("soft")):
        start += len(scope)
    start += len(_starts_with(sentence, start, QUANTIFIERS))
    while adverb := _starts_with(sentence, start, verb_words("adverb")):
        start += len(adverb)
    closing = _starts_with(sentence, start, verb_words("soft", opens_name=False))
    opened = bool(closing)
    while closing:  # 探索建立“…”, 深入实施企业研发后补助政策
        start += len(closing)
        closing = _starts_with(sentence, start, verb_words("soft", opens_name=False))
    if not opened and (first := _starts_with(sentence, start, verb_words("soft", opens_name=True))):
        start, opened = start + len(first), True  # 深化科技特派员制度, but 实施创新驱动引领工程 keeps 创新
        start += len(_starts_with(sentence, start, verb_words("soft", opens_name=False)))  # 深化拓展“三争”行动
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
def _token_ends(sentence: str) -> TokenEnds:
    return TokenEnds(_tokenizer(), sentence)  # segments only the blocks asked about


def _inside_quote(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    return before.count("“") > before.count("”") or before.count("《") > before.count("》")


# ---------------------------------------------------------------- 5. known names


def _known_candidates(sentence: str) -> list[FoundProgramme]:
    """Known names standing as words; a level word before one belongs to it (省级海外工程师)."""
    out = []
    if not P.any_of_re(_known_names()).search(sentence):
        return out  # no known name in the sentence (most sentences)
    for name, kind in known_programmes().items():
        if name not in sentence:
            continue
        for m in P.literal_re(name).finditer(sentence):
            if _stands_alone(sentence, m.start(), m.end()):
                level = _ends_with(sentence[:m.start()], words("region_prefix")) or _counted_kind(sentence, m.start(), kind)
                out.append(_found(m.start() - len(level), m.end(), level + name, kind, "known"))
    return out


@lru_cache(maxsize=1)
def _known_names() -> tuple[str, ...]:
    return tuple(known_programmes())


def _counted_kind(sentence: str, start: int, kind: str) -> str:
    """`选派80名农业科技特派员`: a counted talent title keeps the kind written before it (not 优秀, 骨干)."""
    m = P.PROGRAMME_COUNTED_KIND_RE.search(sentence[:start]) if kind == "talent" else None
    return m["kind"] if m and m["kind"] not in words("not_kind") else ""


def _stands_alone(sentence: str, start: int, end: int) -> bool:
    """A short known name only inside quotes (“双创”, not 双创生态); a longer one at word boundaries."""
    quoted = sentence[start - 1:start] == "“" and sentence[end:end + 1] == "”"
    if PERIOD_NAME_RE.match(sentence[start:end]) and PERIOD_FOLLOW_RE.match(sentence, end + quoted):
        return False
    if end - start < MIN_BARE_KNOWN:  # “双创”工作, not “双碳”产业
        return quoted and (_closes_name(sentence, end + 1) or bool(_generic_tail(sentence, end + 1)))
    if quoted:
        return True
    ends = _token_ends(sentence)
    return (start == 0 or start in ends or not WORD_CHAR_RE.match(sentence[start - 1])) and _word_end(sentence, end)


# ---------------------------------------------------------------- 6. issuing level and region


PROVINCE = "province"
CITY = "city"


def issuing_level(sentence: str, p: FoundProgramme) -> str:
    """Who issues the programme: a level word in or right before the name, else the level of a known family."""
    before = sentence[:p.start]
    if NATIONAL_NAME_RE.match(p.name) or NATIONAL_BEFORE_RE.search(before):
        return NATIONAL
    if PROVINCIAL_NAME_RE.match(p.name) or PROVINCIAL_BEFORE_RE.search(before):
        return PROVINCE
    if CITY_NAME_RE.match(p.name):
        return CITY
    if P.PROGRAMME_PROVINCE_ISSUER_RE.search(before):
        return PROVINCE  # 省政府大力推进X
    if P.PROGRAMME_CITY_ISSUER_RE.search(before):
        return CITY  # 市政府出台的X
    return known_level(p.name)


def programme_region(p: FoundProgramme, context_code: str | None) -> str | None:
    """The region of the issuing level: 100000 for the state, the province or city of the context for 省/市,
    a region named at the start of the name (天津市雏鹰企业评价), a known provincial family's province
    when the context lies in it; else the context (the section's or document's region)."""
    if p.level == NATIONAL:
        return NATIONAL_CODE
    named = _named_region(p.name, context_code)
    if named or context_code not in regions.load_regions():
        return named or context_code
    if p.level == PROVINCE:
        return regions.province_of(context_code) or context_code
    if p.level == CITY:
        return regions.local_scope(context_code) or context_code
    if PROVINCE_CODE_RE.match(p.level) and regions.contains(p.level, context_code):
        return p.level
    return context_code


def _named_region(name: str, context_code: str | None) -> str | None:
    """The region whose full name opens the programme name (云南省“金种子”…, 隆尧县…若干措施)."""
    for k in range(MAX_REGION_NAME, 1, -1):
        prefix = name[:k]
        if REGION_NAME_END_RE.fullmatch(prefix[-1]) and prefix in regions.full_names():
            return regions.resolve(prefix, context_code)
    return None


# ---------------------------------------------------------------- 3b. frames and shapes


def _frame_candidates(sentence: str) -> list[FoundProgramme]:
    """`以X为主抓手 / 统领 / 主线`, `“X”一条主线`: what frames the work is a programme (not guidance: 以…思想为统领;
    not an activity: 以加速…建设为主抓手)."""
    out = []
    for regex in (FRAME_RE, QUOTED_FRAME_RE):
        for m in regex.finditer(sentence):
            group = "q" if m["q"] else "x"
            name = clean(m[group])
            activity = _starts_with(name, 0, verb_words("hard") + verb_words("soft", opens_name=False) + verb_words("adverb"))
            if len(name) >= 3 and not activity and not _generic_body(name) and not NOT_FRAMED_RE.search(name):
                out.append(_found(m.start(group), m.end(group), name, programme_type(name), "frame"))
    return out


def _shape_candidates(sentence: str) -> list[FoundProgramme]:
    """Names known by their shape: target lists (五倍增、五提高)."""
    out = []
    for regex, kind in ((TARGET_LIST_RE, "other"), (P.PROGRAMME_POLICY_STANCE_RE, "policy"),
                        (P.PROGRAMME_CHIEF_SYSTEM_RE, "mechanism")):
        for m in regex.finditer(sentence):
            if not _inside_quote(sentence, m.start()):
                out.append(_found(m.start(), m.end(), m[0], kind, "shape"))
    return out
