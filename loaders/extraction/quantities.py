"""Find the quantities of one sentence: a number with its unit (or a rank), and its qualifier.

Not facts (FACTS.md section 5) are filtered here: numbers inside quoted names or a name's explanation,
ordinals (第二批, 十九届四中全会), the article 一 (一家企业), and any number without a unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from functools import lru_cache

from loaders.extraction import patterns as P
from loaders.extraction.paths import DATA_DIR
from loaders.extraction.ruledata import column
from loaders.extraction.lexicon import cue_values, cues
from loaders.extraction.numbers import NotANumber, parse_number
from loaders.extraction.units import base_value, load_unit_factors


SET_PHRASES_FILE = DATA_DIR / "numeral_set_phrases.csv"


@dataclass
class Quantity:
    num_start: int  # offsets of the number's own text, relative to the sentence
    num_end: int
    end: int  # end of the unit (and trailing qualifier)
    value: Decimal
    unit: str
    unit_base: str
    value_base: Decimal
    kind: str
    qualifier: str = "exact"
    rank_scope: str | None = None


def find_quantities(sentence: str, blocked: list[tuple[int, int]]) -> list[Quantity]:
    """Every quantity of a sentence, in text order, outside the blocked spans (names)."""
    from loaders.extraction import wordings

    ranked = [(0, q) for q in wordings.find(sentence, Quantity)] + [(1, q) for q in _ranks(sentence)]
    ranked += [(2, q) for q in _amounts(sentence)]
    ranked += [(3, q) for q in _index_values(sentence)]
    ranked = [(p, q) for p, q in ranked if not _inside(q.num_start, blocked)]
    ranked.sort(key=lambda pq: (pq[1].num_start, pq[0], -pq[1].end))
    found = [q for _, q in ranked]
    result: list[Quantity] = []
    for q in found:
        if result and q.num_start < result[-1].end:
            continue  # overlapping: the earlier (rank) reading wins
        result.append(q)
    return result


@lru_cache(maxsize=1)
def set_phrases() -> tuple[str, ...]:
    """Set phrases that contain a numeral (八项规定, 四个意识): names, never counts."""
    return tuple(column(SET_PHRASES_FILE, "phrase"))


@lru_cache(maxsize=None)
def _container_re(opener: str, closer: str) -> re.Pattern[str]:
    """A quoted name: opener, up to 40 characters without either quote, closer (built once per pair)."""
    return re.compile(re.escape(opener) + "[^" + re.escape(opener + closer) + "]{0,40}" + re.escape(closer))


def name_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of quoted names (“…”, 《…》), of the explanation in brackets right after one, and of set phrases."""
    spans: list[tuple[int, int]] = []
    for phrase in set_phrases():
        if phrase in sentence:
            spans += [(m.start(), m.end()) for m in P.literal_re(phrase).finditer(sentence)]
    for opener, closer in cue_values("name_container").items():
        if opener not in sentence:
            continue
        for m in _container_re(opener, closer).finditer(sentence):
            spans.append((m.start(), m.end()))
            rest = sentence[m.end():]
            if rest[:1] in P.PAREN_OPEN:
                close = min((rest.find(c) for c in P.PAREN_CLOSE if rest.find(c) > 0), default=-1)
                if close > 0:
                    spans.append((m.end(), m.end() + close + 1))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


INDEX_UNIT = ""  # FACTS §8: an index with no unit keeps unit and unit_base empty


def _index_values(sentence: str) -> list[Quantity]:
    """创新指数达到182.2, 得分为91.38: an index or score with no unit of its own (a unit after it wins)."""
    out = []
    for m in P.INDEX_VALUE_RE.finditer(sentence):
        value = parse_number(m["num"])
        out.append(Quantity(m.start("num"), m.end("num"), m.end("num"), value, INDEX_UNIT, INDEX_UNIT, value, "index"))
    return out


def _amounts(sentence: str) -> list[Quantity]:
    factors = load_unit_factors()
    out: list[Quantity] = []
    for m in P.quantity_re().finditer(sentence):
        num = m["num"]
        if _not_a_count(sentence, m, num):
            continue
        try:
            value = parse_number(num)
        except NotANumber:
            continue
        unit = m["unit"] + (m["paren"] or "")
        factor = factors[m["unit"]]
        kind = "rank_change" if factor.kind == "rank" else factor.kind
        if sentence[max(0, m.start() - 1):m.start()] == "前" and kind == "percent":
            out.append(_percentile(sentence, m, value))
            continue
        q = Quantity(m.start("num"), m.end("num"), m.end(), value, unit, factor.unit_base,
                     base_value(value, factor.factor), kind)
        q.qualifier, q.end = _qualifier(sentence, q.num_start, m.end(), m["more"])
        out.append(q)
    return out


def _not_a_count(sentence: str, m: re.Match[str], num: str) -> bool:
    """The article 一, ordinals of sessions (十九届四中全会), numbers glued to Latin text or dashes."""
    if num in {"一", "零", "〇"} or INVALID_CHINESE_RE.search(num):
        return True
    if not num[0].isdigit() and load_unit_factors()[m["unit"]].kind not in CHINESE_NUMERAL_KINDS:
        return True
    before = sentence[max(0, m.start() - 1):m.start()]
    if before and (before.isascii() and (before.isalnum() or before in "-+/.@_")):
        return True
    if not num[0].isdigit() and sentence[m.start():m.end()].startswith(cues("numeral_adverb")):
        return True  # 工作任务十分艰巨: an adverb, not ten points
    if not num[0].isdigit() and (before == "第" or m["unit"] == "期"):
        return True  # 第二批, 二期工程: ordinals
    if m["unit"] in {"批", "届", "期"} and before in {"前", "首", "后"}:
        return True  # 前三批: the first batches, an ordinal group
    kind, after = load_unit_factors()[m["unit"]].kind, sentence[m.end():]
    if kind == "currency" and P.CLASS_THRESHOLD_AFTER_RE.match(after):
        return True  # 营业收入超1亿元的高新技术企业: a threshold in a class name
    if kind in {"currency", "count"} and P.BRACKET_THRESHOLD_AFTER_RE.match(after):
        return True  # 规上工业企业（营收2000万元以上）达221家: the bracket defines the class
    if m["unit"] == "位" and P.DIGIT_COUNT_AFTER_RE.match(after):
        return True  # 保持两位数增长: the number of digits
    if m["unit"] in {"届", "次", "期"} and (P.ORDINAL_SESSION_RE.match(after) or P.ORDINAL_PREFIX_RE.search(sentence[:m.start()])):
        return True
    return False


INVALID_CHINESE_RE = re.compile(r"[一二两三四五六七八九]{2}")
CHINESE_NUMERAL_KINDS = {"count", "rank"}


def _percentile(sentence: str, m: re.Match[str], value: Decimal) -> Quantity:
    q = Quantity(m.start("num"), m.end("num"), m.end(), value, "前%", "%", value, "rank")
    q.rank_scope = _rank_scope(sentence[:m.start() - 1])
    return q


def _qualifier(sentence: str, num_start: int, end: int, more: str | None) -> tuple[str, int]:
    """The qualifier of a number and the end of its span (a trailing 以上/左右 belongs to it)."""
    after_values = cue_values("qualifier_after")
    if more:
        return after_values[more], end
    for cue in cues("qualifier_after"):
        if cue not in {"多", "余"} and sentence.startswith(cue, end):
            return after_values[cue], end + len(cue)
    before = sentence[:num_start]
    for cue in cues("qualifier_before"):
        if before.endswith(cue):
            if cue.startswith("近") and sentence[num_start:].startswith(("年", "两年", "三年")):
                continue
            return cue_values("qualifier_before")[cue], end
    return "exact", end


def _ranks(sentence: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in P.RANK_RE.finditer(sentence):
        after = sentence[m.end():]
        if not m["unit"] and any(after.startswith(b) for b in cues("rank_blocker")):
            continue
        lead = _clause_prefix(sentence, m.start())
        has_context = any(c in lead for c in cues("rank_context")) or bool(P.RANK_FROM_TAIL_RE.match(after))
        if not (has_context or (m["unit"] and "排" in lead)):
            continue
        try:
            value = parse_number(m["num"])
        except NotANumber:
            continue
        unit = m["unit"] or "第"
        q = Quantity(m.start("num"), m.end("num"), m.end(), value, unit, "rank", value, "rank")
        q.rank_scope = _rank_scope(lead)
        out.append(q)
    out += _top_ranks(sentence)
    out += _top_n(sentence)
    out += [_percentile_rank(sentence, m) for m in P.PERCENTILE_RE.finditer(sentence) if m["unit"] != "%"]
    out += _places(P.BRACKETED_RANK_RE, sentence)  # 前50%(84名): the place in brackets after a percentile rank
    out += _places(P.POSITION_RANK_RE, sentence)  # 排名上升至26位: a ranking word, a verb of change, no 第
    return out


def _places(pattern: re.Pattern[str], sentence: str) -> list[Quantity]:
    """A rank for each place (`num` and its 名/位 `unit`) the pattern finds, with the scope of its clause."""
    out = []
    for m in pattern.finditer(sentence):
        value = parse_number(m["num"])
        q = Quantity(m.start("num"), m.end("num"), m.end("unit"), value, m["unit"], "rank", value, "rank")
        q.rank_scope = _rank_scope(_clause_prefix(sentence, m.start()))
        out.append(q)
    return out


def _top_ranks(sentence: str) -> list[Quantity]:
    out = []
    for m in P.TOP_RANK_RE.finditer(sentence):
        start = m.start("unit") - 1
        q = Quantity(start, start + 1, m.end(), Decimal(1), m["unit"], "rank", Decimal(1), "rank")
        q.rank_scope = _rank_scope(m["lead"])
        out.append(q)
    return out


def _top_n(sentence: str) -> list[Quantity]:
    out = []
    for m in P.TOP_N_RE.finditer(sentence):
        lead = _clause_prefix(sentence, m.start())
        if P.CJK_CHAR_RE.match(sentence[m.end():m.end() + 1]) or not any(c in lead for c in cues("rank_context")):
            continue  # 世界500强企业: a kind of company, not the region's rank
        value = parse_number(m["num"])
        q = Quantity(m.start("num"), m.end("num"), m.end(), value, "强", "rank", value, "rank")
        q.rank_scope = _rank_scope(_clause_prefix(sentence, m.start()))
        out.append(q)
    return out


def _percentile_rank(sentence: str, m: re.Match[str]) -> Quantity:
    value = parse_number(m["num"])
    q = Quantity(m.start("num"), m.end("num"), m.end(), value, m["unit"], "rank", value, "rank")
    q.qualifier = "exact"
    q.rank_scope = _rank_scope(_clause_prefix(sentence, m.start()))
    return q


def _clause_prefix(sentence: str, pos: int) -> str:
    return sentence[P.clause_start(sentence, pos):pos]


RANK_SCOPE_RE = re.compile(r"(全[省国市区县球][^第前首]{0,6}?|[^，,。；;、]{1,12}?各[县市区][^第前首]{0,8}|地市|国家高新区)(?=(?:排名|排行|中|内|范围)?(?:第|前|首|$))")


def _rank_scope(lead: str) -> str | None:
    """The field ranked in, as written: 全省, 全国, 温州各县（市、区）."""
    tail = re.split(r"(?:位居|名列|位列|跃居|跃升至|上升到|排名|居|列)", lead)[-1]
    for text in (tail, lead):
        m = RANK_SCOPE_RE.search(text)
        if m:
            return m.group(1)
    return None
