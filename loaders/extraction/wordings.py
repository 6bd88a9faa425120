"""Quantities of the harder wordings (FACTS.md §8), each a finder of its own; `quantities.find_quantities`
merges them with the plain ones (a number and a unit from the unit table).

- ranges: `增长6%－6.5%`, `3至5家` → the lower bound `more_than`, the upper `less_than`;
- listed bare numbers: `分别29.92、29.64、30.75亿元` → each number takes the unit written after the last;
- money without 元: `产值27.6亿` after a money word (投入, 资金, 产值 …) → 亿元;
- thresholds in words: `首超千亿元`, `突破三千亿元`, `首破百亿元大关` → 1000 亿元 etc., `more_than`;
- rank changes: `提升11位`, `前移3位`, `下降2位` → a difference in rank;
- groups of ranks: `居前两位`, `排前三位`, `居后两位` → rank N, `less_than` (one row per listed item: extract);
- superlatives: `产值最高`, `增长最快`, `之首`, `居首` → rank 1 with the word as unit;
- fractions in words: `压减三分之一` → −33.3333 %, `压缩一半` → −50 %, `增长6成` → 60 %, `超七成行业` → a 70 % share.
"""
from __future__ import annotations

import re
from decimal import Decimal

from loaders.extraction import patterns as P
from loaders.extraction.lexicon import cues
from loaders.extraction.numbers import NotANumber, parse_number
from loaders.extraction.units import base_value, load_unit_factors


def find(sentence: str, quantity_cls) -> list:
    """Every quantity of the harder wordings in a sentence (unordered, may overlap plain ones)."""
    out = []
    for finder in (_ranges, _listed, _bare_money, _word_thresholds, _rank_changes, _rank_groups, _superlatives,
                   _fractions):
        out += finder(sentence, quantity_cls)
    return out


def make_quantity(cls, start, end, span_end, value, unit, qualifier="exact", kind=None):
    """A quantity of `value` in `unit`, converted to its base unit by the unit table."""
    factor = load_unit_factors().get(unit)
    base_unit = factor.unit_base if factor else unit
    base = base_value(value, factor.factor) if factor else value
    q = cls(start, end, span_end, value, unit, base_unit, base, kind or (factor.kind if factor else "count"))
    q.qualifier = qualifier
    return q


def _ranges(sentence: str, cls) -> list:
    out = []
    for m in P.RANGE_RE.finditer(sentence):
        unit = m["unit"]
        if unit not in load_unit_factors() or (m["unit1"] and m["unit1"] != unit):
            continue
        try:
            low, high = parse_number(m["low"]), parse_number(m["high"])
        except NotANumber:
            continue
        if low >= high:
            continue
        out.append(make_quantity(cls, m.start("low"), m.end("low"), m.end("low"), low, unit, "more_than"))
        out.append(make_quantity(cls, m.start("high"), m.end("high"), m.end(), high, unit, "less_than"))
    return out


def _listed(sentence: str, cls) -> list:
    out = []
    for m in P.LISTED_NUMBERS_RE.finditer(sentence):
        unit = m["unit"]
        if unit not in load_unit_factors():
            continue
        for n in P.ARABIC_NUMBER_RE.finditer(m["list"]):
            start = m.start("list") + n.start()
            out.append(make_quantity(cls, start, start + len(n.group()), start + len(n.group()), parse_number(n.group()), unit))
    return out


def _bare_money(sentence: str, cls) -> list:
    out = []
    for m in P.BARE_MONEY_RE.finditer(sentence):
        lead = sentence[P.clause_start(sentence, m.start()):m.start()]
        if not any(w in lead for w in cues("money_word")):
            continue
        q = make_quantity(cls, m.start("num"), m.end("num"), m.end(), parse_number(m["num"]), m["unit"] + "元")
        q.unit = m["unit"]
        q.qualifier = _more(m["more"], sentence[:m.start()])
        out.append(q)
    return out


def _more(more: str | None, before: str) -> str:
    if more:
        return "more_than"
    for cue, value in (("超过", "more_than"), ("超", "more_than"), ("突破", "more_than"), ("近", "nearly"), ("约", "approx")):
        if before.endswith(cue):
            return value
    return "exact"


def _word_thresholds(sentence: str, cls) -> list:
    out = []
    for m in P.WORD_THRESHOLD_RE.finditer(sentence):
        value = parse_number(m["num"]) if m["num"] else Decimal(1)
        scale = {"十": 10, "百": 100, "千": 1000}[m["scale"]]
        q = make_quantity(cls, m.start("scale") - len(m["num"] or ""), m.end("scale"), m.end("unit"), value * scale, "亿" + "元")
        q.unit = "亿元"
        q.qualifier = "exact" if m.group().startswith("达") and "以上" not in m.group() else "more_than"
        out.append(q)
    return out


def _rank_changes(sentence: str, cls) -> list:
    out = []
    for m in P.RANK_CHANGE_RE.finditer(sentence):
        try:
            value = parse_number(m["num"])
        except NotANumber:
            continue
        q = cls(m.start("num"), m.end("num"), m.end(), value, (m["ge"] or "") + m["unit"], "rank", value, "rank_change")
        out.append(q)
    return out


def _rank_groups(sentence: str, cls) -> list:
    out = []
    for m in P.RANK_GROUP_RE.finditer(sentence):
        try:
            value = parse_number(m["num"])
        except NotANumber:
            continue
        unit = m["unit"] or "前"
        q = cls(m.start("num"), m.end("num"), m.end(), value, unit, "rank", value, "rank")
        q.qualifier = "less_than"
        q.rank_scope = _scope(sentence[:m.start()]) + ("（倒数）" if m["side"] == "后" else "")
        out.append(q)
    return out


def _superlatives(sentence: str, cls) -> list:
    out = []
    for m in P.SUPERLATIVE_RE.finditer(sentence):
        if P.COUNTED_GROUP_TAIL_RE.search(sentence[P.clause_start(sentence, m.start()):m.start()]):
            continue  # 8个行业增速最高: the group's, not one region's or item's rank 1
        q = cls(m.start("word"), m.end("word"), m.end("word"), Decimal(1), m["word"], "rank", Decimal(1), "rank")
        out.append(q)
    return out


def _scope(lead: str) -> str:
    m = P.GROUP_SCOPE_RE.search(lead)
    return m.group(1) if m else ""


def _fractions(sentence: str, cls) -> list:
    out = []
    for m in P.FRACTION_RE.finditer(sentence):
        try:
            if m["half"]:
                value, unit = Decimal(50), "%"
            elif m["cheng"]:
                value, unit = parse_number(m["cheng"]), "成"
            else:
                value, unit = Decimal(str(round(float(parse_number(m["num"])) / float(parse_number(m["den"])) * 100, 4))), "%"
        except (NotANumber, ZeroDivisionError):
            continue
        q = make_quantity(cls, m.start("frac"), m.end("frac"), m.end(), value, unit)
        q.qualifier = "more_than" if m["more"] == "以上" or m["lead"] in ("超", "超过") else (
            "nearly" if m["lead"] in ("近", "将近", "接近") else "approx" if m["more"] == "左右" else "exact")
        out.append(q)
    return out
