"""What a quantity measures: its measure (level, growth, share, …), sign, stock flag and indicator phrase."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from loaders.extraction import stockflow
from loaders.extraction import patterns as P
from loaders.extraction.lexicon import cues
from loaders.extraction.quantities import Quantity

if TYPE_CHECKING:
    from loaders.extraction.extract import Figure

MEASURE_BY_KIND = {"rank": "rank", "rank_change": "difference", "pp": "difference"}
PERCENT_ROLES = ("growth_up", "growth_down", "share", "completion")
LEADING_FILLER_RE = re.compile(
    r"^(?:[●■◆▲•·\-—\s]|其中|此外|同时|并|且|全年|今年以来|今年|去年|上半年|下半年|一季度|前三季度|1[-—至到~]\d{1,2}月份?|\d{1,2}月份|"
    r"(?:19|20)\d{2}年(?:上半年|底|末|度)?|全市|我市|全区|我区|全县|我县|本市|全省|目前|已经|已|共计|共|"
    r"累计|实现|完成了?|达到|达|为|现有|分别为|分别|均|获得?|拥有|建成|建有|截至\S{0,6}?月底|的)+"
)
TRAILING_FILLER_RE = re.compile(r"(?:达到|达|为|至|超过|超|逾|突破|近|约|将近|预计|共|分别为|分别|有|的|了|是|从|由)+$")


def measure_of(q: Quantity, prefix: str) -> tuple[str, int]:
    """The measure of a quantity and the sign its value takes (下降 and 低于 give −1)."""
    if q.kind in MEASURE_BY_KIND:
        measure = MEASURE_BY_KIND[q.kind]
        sign = -1 if measure == "difference" and _last_role(prefix, ("difference_up", "difference_down")) == "difference_down" else 1
        return measure, sign
    if q.kind == "multiple":
        growth = _last_role(prefix, ("growth_up", "growth_down")) or P.MULTIPLE_OF_RE.search(prefix)
        return ("growth", 1) if growth else ("level", 1)
    if q.kind != "percent":
        if m := P.DIFFERENCE_LEAD_RE.search(prefix):
            return "difference", -1 if (m["down"] or m["down2"] or m["down3"]) else 1
        return "level", 1
    role = _last_role(prefix, PERCENT_ROLES + ("index_level",))
    if role == "index_level" or (P.CHANGE_TO_RE.search(prefix) and _last_role(prefix, ("index_level",))):
        return "level", 1  # 指数达到63.2%, 关税总水平由9.8%降至7.5%: an index or a level written in percent
    if P.CHANGE_TO_RE.search(prefix):
        return "share", 1  # 提高到58.5%: the rate it reached
    if role == "growth_down":
        return "growth", -1
    if role == "growth_up":
        return "growth", 1
    if role == "completion":
        return "completion", 1
    return "share", 1


def clause_measure(q: Quantity, sentence: str, clause_start: int) -> tuple[str, int]:
    """The measure of a quantity read from its own clause, or from more of the sentence where its clause
    names none: a share under 分别 (增速排前三位的是…，分别为82.8%、…) and a bare 均 clause (…8个行业增速最高，
    均超1倍) take the measure the words before say."""
    lead = sentence[clause_start:q.num_start]
    measure, sign = measure_of(q, lead)
    if measure == "share" and "分别" in lead:
        return measure_of(q, sentence[:q.num_start])
    if clause_start > 0 and P.BARE_EACH_LEAD_RE.match(lead):
        return measure_of(q, sentence[P.clause_start(sentence, clause_start - 1):q.num_start])
    return measure, sign


def _last_role(text: str, roles: tuple[str, ...]) -> str | None:
    """The role of the cue that ends nearest to the end of `text` (longest on ties)."""
    best: tuple[int, int, str] | None = None
    for role in roles:
        for cue in cues(role):
            pos = text.rfind(cue)
            if pos >= 0:
                key = (pos + len(cue), len(cue), role)
                if best is None or key[:2] > best[:2]:
                    best = key
    return best[2] if best else None


def is_cumulative(clause: str) -> bool:
    """The clause reads as a stock (the one stock/flow decision, `stockflow.reading`)."""
    return stockflow.reading(clause) == "stock"


def clean_phrase(text: str) -> str:
    text = text.strip(" 　，,、；;：:“”\"'（）()")
    text = LEADING_FILLER_RE.sub("", text)
    text = TRAILING_FILLER_RE.sub("", text)
    return text.strip(" 　，,、；;：:")


def indicator_phrase(sentence: str, q: Quantity, floor: int) -> str:
    """The indicator as the text words it: the words before the number in its clause,
    completed by the noun after the unit when the number precedes its noun (新增179家省高成长科技型中小企业)."""
    start = P.clause_start(sentence, q.num_start, floor)
    raw_before = P.BRACKET_NOTE_RE.sub("", sentence[start:q.num_start])
    before = clean_phrase(_strip_qualifier(raw_before))
    after = _noun_after(sentence, q)
    counted_after = NAME_LIST_RE.search(raw_before) or SET_NAME_END_RE.search(raw_before) or _names_a_subject(before)
    if after and (raw_before.endswith(LIST_ENDINGS) or counted_after):
        return clean_phrase(after)  # 奔腾激光等21家企业入驻: the examples name members, the noun after counts them
    if after and raw_before.endswith(MODIFIER_ENDINGS) and not _time_or_change(raw_before, after):
        return clean_phrase(before + ("的" if raw_before.endswith("的") else "") + after)  # 需要复审的12家高新技术企业
    short_or_verb = len(before) <= 4 or VERB_RESULT_RE.sub("", before).endswith(tuple(VERB_ENDINGS))
    if after and short_or_verb and not CHANGE_AFTER_RE.match(after):
        verb = _strip_qualifier(raw_before).strip()
        verb = LEADING_FILLER_RE.sub("", verb) if len(before) > 0 else ""
        return clean_phrase(verb + after) or after
    return before


LIST_ENDINGS = ("等", "、", "和", "及", "与", "分", "为")  # 分两批组织推荐, 金融机构为1059户企业提供…: the noun after  # 各县(市、区)和19个市级部门: the number counts the noun after it
MODIFIER_ENDINGS = ("的", "了", "以")  # 以16万吨碳排放配额作为质押物: the noun after is what the number counts  # 研究提出了18项培育措施, 需要复审的12家企业: the noun after is what is counted


SET_NAME_END_RE = re.compile(rf"[一二两三四五六七八九十]大[{P.CJK}]{{1,6}}$")  # 五大产业13个细分领域: a set's name, then a count
VERB_RESULT_RE = re.compile(r"(?:到|了|出)$")  # 征集到9家企业: the verb with its result complement
TIME_MODIFIER_RE = re.compile(r"(?:年|月|末|底|期)的$")  # 从2018年的126家: the 的 dates the number, it does not modify a noun
CHANGE_AFTER_RE = re.compile(r"^(?:(?:增加|增长|提高|提升|上升|下降|减少|降低)(?:到|至|为)|增至|降至|升至|达到|达|为)")


def _time_or_change(raw_before: str, after: str) -> bool:
    """…从2018年的126家增加到…: neither a modifier of a counted noun nor a noun after the number."""
    return bool(TIME_MODIFIER_RE.search(raw_before) or CHANGE_AFTER_RE.match(after))


def _names_a_subject(before: str) -> bool:
    """The words before the number are a lab's, park's or company's name (太湖实验室3家研究院…): the number counts
    the noun after it, and the name is the subject."""
    from loaders.extraction.pairing import subject_suffixes

    return bool(before) and before.endswith(tuple(subject_suffixes()))


NAME_LIST_RE = re.compile(rf"[{P.CJK}]{{1,8}}(?:、[{P.CJK}]{{1,8}})*(?:[、和及与][{P.CJK}]{{1,8}})$")
VERB_ENDINGS = ("新增", "培育", "引进", "引育", "实施", "帮助", "建立", "建成", "新建", "组织", "推荐", "吸引",
                "集聚", "培训", "邀请", "签订", "发放", "设立", "征集", "引导", "洽谈引进", "调整", "完成", "提供", "选派", "招引",
                "扶持", "遴选", "命名", "建设", "组建", "创建", "打造", "布局", "获批", "批准", "认定", "备案", "支持")
# 新遴选扶持55个人才团队, 新评估命名54家新型研发机构, 新批准建设15家农业科技园区: a verb of selection, recognition or
# building before the number counts the noun after it


def _strip_qualifier(text: str) -> str:
    for cue in cues("qualifier_before"):
        if text.endswith(cue):
            return text[: -len(cue)]
    return text


def _noun_after(sentence: str, q: Quantity) -> str:
    end = P.clause_end(sentence, q.end, items=True)
    tail = P.ARABIC_NUMBER_RE.split(P.RANGE_TAIL_RE.sub("", sentence[q.end:end]))[0]
    if not tail or tail[0] in "（(" or P.GROUP_LIST_LEAD_RE.match(tail):
        return ""
    return tail.strip()


GENERIC_HEADS = ("总金额", "总规模", "总数", "总量", "总额", "金额", "规模", "数量", "总计", "累计", "合计")
FLOW_VERBS_RE = re.compile(r"^(?:全[市省区县]|我[市省区县])?(?:全年)?(?:新增|新招引|新引进|新认定|培育|引进|引育|新建|创成|新批)")
RANK_WORDS_RE = re.compile(
    r"(?:[，,、]?(?:在|于)?(?:全省|全国|全市|全区|全县|各县[^第]{0,8}|城市)?(?:跃居|位居|位列|名列|并列|居|列|为|进入)?"
    r"(?:全省|全国|全市|全区|全县)?(?:新增量|增量|总量|数量|增幅|提升幅度)?(?:全省|全国|全市)?[第前]?)$"
)
RANK_FIELD_RE = re.compile(r"(?:稳|始终|继续|仍|均|也|并)?(?:位居|位列|名列|跃居|稳居|居于|居|列)[^居列，,、]*$")
FROM_YEAR_TAIL_RE = re.compile(
    rf"(?<=[{P.CJK}])(?:从|由|自)(?:(?:19|20)\d{{2}}年(?:底|末)?|[“\"]?十[一二三四五六七]五[”\"]?(?:末|期末)|[一二两三四五六七八九十\d]{{1,2}}年前|上年|去年|前年|年初)的?(?:全[国省市区])?$"
)
FROM_TO_PHRASE_RE = re.compile(
    r"^(?:位|名)?(?:上升|提升|跃升|攀升|提高|前进|前移|下降|回落|增长|增加|降低|减少|降|增|升)(?:到|至|为)?了?"
    r"(?:(?:19|20)\d{2}年(?:底|末)?的?)?(?:全[国省市区])?$"
)
GROWTH_WORDS_RE = re.compile(r"(?:(?:比|较)(?:上年|去年)(?:同期)?)?(?:同比)?(?:分别)?(?:大幅)?(?:增长率|增长|增速|增幅|下降|提高|上升|减少|降低)(?:达到|达|为)?$")


def contextual_phrase(phrase: str, measure: str, previous: str | None, rank_scope: str | None, cumulative: bool) -> str:
    """Complete a phrase that only names the measure (增长, 占…, 全省第, 总数, 累计) with the indicator
    the sentence has just spoken of: `新增高新技术企业550家、全省第二` ranks 新增高新技术企业."""
    if measure == "rank":
        phrase = RANK_WORDS_RE.sub("", phrase)
        if rank_scope and phrase.endswith(rank_scope):
            phrase = RANK_WORDS_RE.sub("", phrase[: -len(rank_scope)])
        phrase = RANK_FIELD_RE.sub("", phrase)  # …稳居发展中国家首位: after the verb comes the field ranked in
    elif measure == "growth":
        phrase = GROWTH_WORDS_RE.sub("", phrase)
    elif measure == "difference" and _last_role(phrase, ("difference_up", "difference_down")):
        return previous or phrase
    phrase = FROM_YEAR_TAIL_RE.sub("", phrase.strip("，,、 ()（）%"))  # 区域创新能力从2015年的全国第25位: no part of the noun
    if FROM_TO_PHRASE_RE.match(phrase):
        phrase = ""  # 由全省第7上升到全省第4位, 从每月70元提高到88元: the second value is of the same indicator
    if not previous:
        return phrase
    if measure == "share" and phrase.startswith("占"):
        return previous + phrase
    if phrase in GENERIC_HEADS or not phrase or phrase in {"同比", "分别", "排名"}:
        base = FLOW_VERBS_RE.sub("", previous) if (cumulative or phrase) else previous
        return base + ("" if phrase in {"", "累计", "同比", "分别", "排名"} else phrase)
    return phrase


def measures_and_phrases(figures: list["Figure"]) -> None:
    """Each figure's measure, sign and indicator phrase as its clause words them (a range's upper bound keeps
    the lower bound's noun; a percent compared in brackets is a growth of the bracket's noun)."""
    floor, previous = 0, None
    for f in figures:
        text = f.sentence.text
        f.measure, f.sign = clause_measure(f.q, text, f.clause_start)
        raw = indicator_phrase(text, f.q, floor)
        f.phrase = contextual_phrase(raw, f.measure, previous, f.q.rank_scope, is_cumulative(f.clause))
        if previous is not None and P.RANGE_JOIN_RE.match(text[floor:f.q.num_start]):
            f.phrase = previous  # 30亿元至75亿元: the upper bound is of the lower bound's indicator
        if f.q.kind == "percent" and (m := P.COMPARED_BRACKET_RE.search(text[f.clause_start: f.q.num_start])):
            f.measure, f.sign, f.phrase, f.compared = "growth", 1, clean_phrase(m["noun"]), True
        previous, floor = f.phrase, f.q.end
