"""Regular expressions of the extractor, as named constants (the unit alternation is built from the unit table)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

CJK = "\u3400-\u9fff\uf900-\ufaff"  # the one definition of a CJK character (Ext-A, unified, compatibility)
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】…⋯—·•"
ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
CHINESE_NUMBER = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*(?:[万亿][零〇一二两三四五六七八九十百千]*)?"
NUMERAL = rf"(?:{ARABIC_NUMBER}|{CHINESE_NUMBER})"
ARABIC_NUMBER_RE = re.compile(ARABIC_NUMBER)

SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")
CLAUSE_DELIMITERS = "，,；;。：:！？!?\n"
CLAUSE_DELIMITER_RE = re.compile(f"[{re.escape(CLAUSE_DELIMITERS)}]")
LIST_DELIMITERS = "、和及与"


@lru_cache(maxsize=None)
def literal_re(text: str) -> re.Pattern[str]:
    """`text` as a compiled literal pattern, built once per distinct lexicon entry (not per sentence)."""
    return re.compile(re.escape(text))


@lru_cache(maxsize=64)
def any_of_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of a lexicon's literal entries, built once: `any_of_re(words).search(text)` says whether
    any entry occurs in the text (a pre-filter before a scan of the entries)."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def clause_start(sentence: str, pos: int, floor: int = 0) -> int:
    """Start of the clause holding `pos`: after the last clause delimiter, and not before `floor`."""
    if pos < 0:  # str.rfind's reading of a negative end
        return max(max(sentence.rfind(d, 0, pos) for d in CLAUSE_DELIMITERS) + 1, floor)
    ends = _delimiter_offsets(sentence)
    k = bisect_left(ends, pos)
    return max(ends[k - 1] + 1 if k else 0, floor)


@lru_cache(maxsize=4096)
def _delimiter_offsets(sentence: str) -> tuple[int, ...]:
    """Offsets of the clause delimiters (single characters) of a sentence, in order: computed once per sentence."""
    return tuple(m.start() for m in CLAUSE_DELIMITER_RE.finditer(sentence))


def clause_starts(sentence: str, pos: int | None = None) -> tuple[int, ...]:
    """0 and the offset after each clause delimiter of the sentence, in order (up to `pos` when given): the
    starts of its clauses, from the delimiters found once per sentence."""
    starts = (0, *(d + 1 for d in _delimiter_offsets(sentence)))
    return starts if pos is None else starts[: bisect_right(starts, pos)]


CLAUSE_OR_ITEM_DELIMITER_RE = re.compile(f"[{re.escape(CLAUSE_DELIMITERS)}、]")


def clause_end(sentence: str, pos: int, items: bool = False) -> int:
    """End of the clause holding `pos` (the next clause delimiter, or the end); with items=True a list item's
    end (、) too. The one definition: every caller asks this."""
    m = (CLAUSE_OR_ITEM_DELIMITER_RE if items else CLAUSE_DELIMITER_RE).search(sentence, pos)
    return m.start() if m else len(sentence)


YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
CLAUSE_YEAR_RE = re.compile(
    r"(?:^|(?<=[，,；;。：:●■\s]))(?:力争|确保|争取|到|至|截至|截止|在|于)?((?:19|20)\d{2})年(?:底|末|度)?"
)
TARGET_BY_YEAR_RE = re.compile(
    r"(?:^|(?<=[，,；;。：:\s●■“”]))(?:[^，,；;。：:\s]{0,8}?(?:力争|确保|争取|计划|预计|将|要|努力)(?:到|至|于)|到|至|"
    r"于(?!(?:19|20)\d{2}年\d{1,2}月\d{1,2}日))((?:19|20)\d{2})年(?:底|末)?"
)  # not a bare 于 before a full date (于2021年8月4日正式开园: when it happened, not a plan's horizon)
# Five-year plan periods: 十三五 2016–2020, 十四五 2021–2025 (到“十四五”末 → 2025).
PLAN_PERIOD_RE = re.compile(r"(?:到|至|于)?[“\"]?十([一二三四五六七])五[”\"]?(?:末期|期末|末|时期|期间|以来)?")
PLAN_PERIOD_FIRST_YEAR = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026, "六": 2031, "七": 2036}
CALENDAR_WORD_RE = re.compile(r"(?:去年|前年|今年|明年)(?!同期)")  # relative to a date; 全年, 上半年 are of the report year
RELATIVE_YEAR_RE = re.compile(r"(去年|前年|今年|明年|全年|上半年|下半年|一季度|二季度|三季度|1-\d{1,2}月|1至\d{1,2}月)")
AS_OF_RE = re.compile(r"(?:截至|截止到?|到)(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:底|末)")
MONTH_RANGE_RE = re.compile(r"1[-—~至到](\d{1,2})月")
RANK_RE = re.compile(rf"第(?P<num>{NUMERAL})(?P<unit>位|名)?")
DIGIT_COUNT_AFTER_RE = re.compile(r"^数(?!学|据|字|码|名)")  # 两位数增长: a count of digits, not two people
# the first place of a from-to (由第15位上升至第8位, 从2018年的第98位升至…): a rank without a ranking word before it
RANK_FROM_TAIL_RE = re.compile(r"^(?:位|名)?(?:上升|提升|跃升|攀升|升|下降|降|回落|前移|前进|后退|提高)(?:至|到)")
TOP_RANK_RE = re.compile(r"(?P<lead>(?:位居|居|列|名列|位列|跃居)[^，,。；;]{0,30}?)首(?P<unit>位)")  # 分别居甲、乙、丙、丁四大板块首位
PERCENTILE_RE = re.compile(rf"前(?P<num>{ARABIC_NUMBER})(?P<unit>%|名|位)")
# a place without 第 after a ranking word and its verb: 全国排名上升至26位, 位次提升到12名
POSITION_RANK_RE = re.compile(
    rf"(?:排名|排位|位次|名次)(?:[^，,。；;\d第]{{0,4}}?)(?:上升至|上升到|提升至|提升到|升至|跃升至|跃居|前移至|下降至|下降到|降至|回落至|为|居)"
    rf"(?P<num>\d{{1,3}})(?P<unit>位|名)(?![{CJK}]*?(?:专家|院士|人才|科学家|教授|企业家|选手))")
# an index or score written without a unit (FACTS §8: unit and unit_base stay empty): 创新指数达到182.2
INDEX_VALUE_RE = re.compile(
    rf"(?:指数|综合得分|得分|评分)(?:值)?[”\"]?(?:为|达到|达|是|升至|提高到|提升至|上升至|增至|提高至)(?P<num>{ARABIC_NUMBER})"
    rf"(?![\d.%‰]|\s*(?:[{CJK}]|[A-Za-z]))")
BRACKETED_RANK_RE = re.compile(rf"(?<=%)[(（](?P<num>{ARABIC_NUMBER})(?P<unit>名|位)[)）]")
TOP_N_RE = re.compile(rf"(?P<num>{ARABIC_NUMBER})(?P<unit>强)")
ORDINAL_SESSION_RE = re.compile(r"^(?:历次|各次)?(?:[零〇一二两三四五六七八九十]+(?:次|中)|中全会|全会|会议|次会议|人大|政协|委员会|代表大会|人民代表大会|党代会)")
ORDINAL_PREFIX_RE = re.compile(r"(?:党的|政协|人大|第)$")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、])")
CJK_CHAR_RE = re.compile(rf"[{CJK}]")
FROM_TO_RE = re.compile(r"^(?:位|名)?(?:上升|提升|跃升|提高|下降|增长|增加|降低|减少|降|增|升)(?:到|至|为)")
PAREN_OPEN = "（("
PAREN_CLOSE = "）)"


BARE_MONEY_UNITS = frozenset({"亿", "万"})  # yuan only after a money word (wordings._bare_money), never by themselves


@lru_cache(maxsize=1)
def quantity_re() -> re.Pattern[str]:
    """A number, an optional 多/余, and a unit from the unit table (longest unit first)."""
    from loaders.extraction.units import load_unit_factors

    units = sorted(
        (u for u, f in load_unit_factors().items() if (f.kind != "rank" or u.endswith("次")) and u not in BARE_MONEY_UNITS),
        key=lambda u: (-len(u), u),
    )
    alternation = "|".join(re.escape(u) for u in units)
    return re.compile(
        rf"(?P<num>{NUMERAL})(?P<more>多|余)?(?P<unit>{alternation})(?P<paren>[(（][次个人项件][)）])?"
    )

# The discourse model (discourse.py): report words, headings, plan leads.
SUMMARY_WORDS = r"(?:总结|回顾|综述|报告|公报|成绩单|成效|工作情况|发展情况|进展|工作动态|指标情况|完成情况|情况通报|评价情况|亮点)"  # 公报: 2020年…统计公报
PLAN_WORDS = r"(?:(?:工作思路|总体思路|工作计划|工作打算|工作安排|工作要点|预期目标|主要目标|工作目标|目标任务|发展目标|规划|行动方案|行动计划|实施方案)(?!责任|考核|完成))"
SUMMARY_WORD_RE = re.compile(SUMMARY_WORDS)
PLAN_WORD_RE = re.compile(PLAN_WORDS)
NOT_ANOTHER_YEAR = r"(?:(?!(?:19|20)\d{2}年)[^，。；\n]){0,16}?"
SUMMARY_YEAR_RE = re.compile(rf"(?P<year>(?:19|20)\d{{2}})年(?:度)?{NOT_ANOTHER_YEAR}{SUMMARY_WORDS}")
PLAN_YEAR_RE = re.compile(rf"(?P<year>(?:19|20)\d{{2}})年(?:度)?{NOT_ANOTHER_YEAR}{PLAN_WORDS}")
# a plan title that states its horizon after the plan word: 科技创新行动计划（到2023年…） → 2023
PLAN_HORIZON_RE = re.compile(rf"{PLAN_WORDS}[（(“\"]?(?:到|至)(?P<year>(?:19|20)\d{{2}})年")
DATED_YEAR_RE = re.compile(r"(?:(?:19|20)\d{2}[-—～~至到])?(?P<year>(?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)(?=[^。；;\n]*?[\d亿万])")
PRESENT_TIME_RE = re.compile(r"(?<![0-9年])(?:今年|全年|截至目前|截止目前|目前|1[-—至~]\d{1,2}月|上半年|前三季度)")
HEADING_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年(?!\d{1,2}月\d{1,2}日)(?!\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")
COMPARISON_LEADS = ("较", "比", "与", "从", "由", "自", "同", "于", "是", "到", "至", "争", "保", "计划")
COMPARISON_TAILS = ("以来", "起", "至今", "的基础", "相比", "同期", "水平")
HEADING_MARKERS = (
    re.compile(r"^[一二三四五六七八九十]+[、.．]"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"^\d{1,2}[、.．](?!\d)"),
    re.compile(r"^[（(]\d{1,2}[）)]"),
    re.compile(r"^(?:——|—|[●■◆▲])"),
)
TITLE_LINE_MAX = 40
SENTENCE_ENDINGS = ("。", "；", ";", "！", "？", "，", ",", "：", ":")
HEADING_TEXT_RE = re.compile(r"^[^。；;：:！？]{1,60}")
PLAN_LEAD_RE = re.compile(r"^[^。；;]{0,30}?(?:预期目标|主要目标|目标任务|工作目标|发展目标)[^。；;，,]{0,6}?(?:是|为|如下)?[:：]")
BOOK_TITLE_RE = re.compile(r"《[^《》\n]{0,80}》")
TARGET_AFTER_RE = re.compile(r"^[^，,。；;]{0,12}?的(?:主要|总体|发展|奋斗)?目标")
DATELINE_RE = re.compile(rf"(?:新华网|新华社|中新网|人民网|央视网|本报|本网)?[{CJK}]{{2,4}}\d{{1,2}}月\d{{1,2}}日(?:电|讯)")
AS_OF_NOW_RE = re.compile(r"(?:截至|截止)(?:目前|今年\d{0,2}月?底?)|^(?:[，,]?)(?:目前|现有|至今)")
ITEM_GAP_RE = re.compile(r"[（(]?(?:共|达|有|为)?")
MEASURE_ONLY_RE = re.compile(
    r"(?:年度|全年|累计)?(?:任务|目标)?完成率|完成(?:全年|年度)?(?:目标|任务)(?:的)?|年均|增速|增幅|增长率?|同比|累计|占比|比重|"
    r"排名|排位|位次|总额|总量|总数|总规模|均|分别|提升幅度|提升|幅度|居|位居|位列|名列|列|全省|全市|全国|全区|全县|"
    r"[达为是在于与及和、，,（）()\s]|较上年|上年|去年|比|保持|实现|排|率|(?:是|较|比|与|相当于)?(?:19|20)\d{2}年(?:底|末)?的?|前移|上升|后移|进位|跃升|"
    r"(?:位|名)?的(?:区|县|市)|^(?:全年|年度)?(?:目标|任务)$|^(?:以上|以下|左右)$|^(?:入选|申报|认定|获批|立项)?数$|较上一轮|上一轮|增加(?!值)|去年同期|同期|相比|\d+年来|首次|大关|的|"
    r"(?:较|比)?[“\"]?十[一二三四五六七]五[”\"]?(?:末|期末|初)?|上一?年度|新增|净增|"
    r"新?(?:培育|认定|引进|引育|备案|入库)|市州|设区市|地级市|县市区|县区|区县|"
    r"提高|降低|下降|减少|回落|增至|到|目前|(?:全国|全省|全市)?平均水平|远远|高于|低于|高出|低出|低$"  # 比上年降低, 比全国平均水平低
)
ITEM_LEAD_RE = re.compile(r"^[●■◆▲•·\s]*(?:其中|此外|同时|目前|力争|确保|争取|推动|支持|全市|全省)*")
EXAMPLES_THEN_COUNT_RE = re.compile(r"^[^，,；;。]{2,40}?等(?:\d|[一二两三四五六七八九十]|$)")  # …园区等5个: examples, then the count
LIST_AFTER_COPULA_RE = re.compile(r"(?:的是|的为|依次是|依次为|分别是|还有|主要有|包括)(?P<items>[^，,；;。：:]{2,60})$")  # …排前三位的是甲、乙和丙, 占比较大的领域还有甲、乙
# a bare noun before 分别 (…还有甲、乙、丙，成交额分别为…): what each listed name has
LIST_SPLIT_CHARS_RE = re.compile(r"[、和及与]")
BARE_NOUN_RE = re.compile(rf"[{CJK}A-Za-z&]{{2,8}}")
AUXILIARY_ENDINGS = ("将", "要", "已", "也", "还", "会", "仍")
BARE_VALUE_END_RE = re.compile(r"(?:达到|达|为)\d+(?:\.\d+)?$")  # a clause ending on a value with no unit (指数达到182.2)
OWN_STOCK_WORD_RE = re.compile(r"累计|总数|总量|共有")  # a number without a noun of its own that counts a stock
OWN_FLOW_VERB_RE = re.compile(r"新增|净增")  # the flow a number without a noun of its own states (比上年新增95家)
# A list item that names only the level of what the anchor counts (…研发项目413项，其中国家42项、省级295项; 国家级众创空间1家、
# 省级2家): the anchor's noun at that level.
LEVEL_WORD = r"(?:国家级|国家|省部级|省级|自治区级|市级|县级|区级)"
LEVEL_ONLY_RE = re.compile(rf"^(?:其中)?({LEVEL_WORD}(?:及以上|以上)?)$")
LEVEL_WORD_RE = re.compile(LEVEL_WORD)
COMPARED_TO_RE = re.compile(r"^(?:高于|低于|快于|慢于|超出|领先)")
PREDICATE_CUT_RE = re.compile(r"呈(?!贡)|再创|创历史|实现|保持|持续|稳步|首破|首次|突破|大幅|快速|继续|呈现|同比|较上年|迈上|跃上|取得")
# 江西省8个国家级高新区实现…: a count of zones, not one zone's name (the number counts them; no subject)
COUNTED_NAME_RE = re.compile(r"(?:\d+|[两三四五六七八九十]+)(?:个|家|所|座|批)")
# A clause with no noun for the figures after it: one that only says from which angle they are read (从地区分布看,
# 分行业来看, 按领域分, 总体来看, 数据显示, 据统计), or a ranking of what an earlier sentence spoke of (增速排前三位的是甲、乙,
# 增速居前两位).
VIEWPOINT_CLAUSE_RE = re.compile(
    r"^(?:从|分|按|就)[^，,。；]{0,10}?(?:看|来看|而言|分|划分)$|^(?:总体|总的|具体|整体|综合)(?:来)?看$|(?:数据|统计)显示$|^据统计$"
    r"|的是|(?:居|排|列)(?:前|后|第|首)")
PLAN_PERIOD_TARGET_RE = re.compile(r"(?:到|至)[“\"]?十[一二三四五六七]五[”\"]?(?:末期|期末|末)")
ENUMERATOR_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d)|[●■◆▲•·—-]+)\s*")

# Harder wordings (wordings.py).
RANGE_RE = re.compile(
    rf"(?P<low>{ARABIC_NUMBER})(?P<unit1>%|[{CJK}]{{1,3}})?[-－—~～至到](?P<high>{ARABIC_NUMBER})(?P<unit>%|家|个|项|人|亿元|万元|元|件|所|支|户|次|名)"
)
# Between the lower and the upper bound of a range (30亿元至75亿元): the upper bound is of the same indicator.
RANGE_JOIN_RE = re.compile(rf"^(?:%|[{CJK}]{{1,3}})?[-－—~～至到]$")
# A list of what a group rank holds, right after it (排前三位的是甲、乙及丙): items, not the indicator's noun.
GROUP_LIST_LEAD_RE = re.compile(r"^(?:位|名)?的?(?:是|为|依次为|分别是|分别为)")
LISTED_NUMBERS_RE = re.compile(rf"(?<![\d.])(?P<list>(?:{ARABIC_NUMBER}[、和及与])+){ARABIC_NUMBER}(?P<unit>%|亿元|万元|元|件|家|个|项|人|户|所|支|次|名|万人|亿美元|万美元)")
BARE_MONEY_RE = re.compile(rf"(?P<num>{ARABIC_NUMBER})(?P<more>多|余)?(?P<unit>亿|万)(?![元美欧日韩英港人户家个项件吨平方公里亩千余多次亿])")
WORD_THRESHOLD_RE = re.compile(rf"(?:首超|首破|突破|超过|超|迈上|跨越|跃上|达到|达)(?P<num>[一二两三四五六七八九])?(?P<scale>[十百千])(?P<unit>亿元|亿)(?:大关|台阶|以上)?(?![{CJK}])")
RANK_CHANGE_RE = re.compile(rf"(?:提升|上升|前移|前进|进步|提高|跃升|进位|下降|后退|下滑|后移)了?(?P<num>{ARABIC_NUMBER}|[一二两三四五六七八九十]+)(?P<ge>个)?(?P<unit>位次|位|名)(?![{CJK}]*?(?:专家|院士|人才|科学家|教授|企业家))")
RANK_GROUP_RE = re.compile(
    rf"(?:(?:居|排|列|位居|位列|排名|进入|跻身|名列)(?:全[省国市区]|各[县市区][^，,。；;]{{0,8}})?|(?<=[{CJK}])(?=前[二两三四五六七八九十\d]{{1,2}}(?:位|名)的?(?:区|县|市|地区|城市)?(?:是|为|依次为)))"
    r"(?P<side>前|后)(?P<num>[二两三四五六七八九十]|\d{1,2})(?![\d.%])(?P<unit>位|名|强)?"
    rf"(?!的?[{CJK}]{{0,4}}(?:企业|单位|高校|机构|城市|品牌))"
)
SUPERLATIVE_RE = re.compile(rf"(?<=[{CJK}）)])(?P<word>最高|最快|最多|最大|之首)(?=[，,。；;、]|$|[,，]?(?:达|为))")
GROUP_SCOPE_RE = re.compile(r"(全[省国市区县]|各[县市区][^，,。；;]{0,8}?)(?=[^，,。；;]*$)")
MULTIPLE_OF_RE = re.compile(r"(?:是|为|相当于)[^，,；;。]{0,12}?的$")
DIFFERENCE_LEAD_RE = re.compile(
    r"(?:(?:较|比|与)[^，,；;。]{0,14}?(?:增加|新增|增长|净增|提高|提升|上升|多|(?P<down>减少|下降|降低|少))|净增|(?:同比|比上年|较上年)(?:增长|增加)|(?P<down2>减少|净减)"
    r"|(?:高于|超出|领先|多于|(?P<down3>低于|少于))[^，,；;。\d]{0,12}?)"
    r"了?(?:达到|达|为)?$"
)
CHANGE_TO_RE = re.compile(r"(?:提高|上升|提升|增长|增加|下降|降低|降)(?:到|至)了?(?:(?:19|20)\d{2}年(?:底|末)?的?)?$")  # …提高到了2015年的68.28%
# 规上工业企业（营收2000万元以上）, （从业人员300人及以上）: a threshold defining a class, in brackets
BRACKET_THRESHOLD_AFTER_RE = re.compile(r"^\s*(?:及|或)?(?:以上|以下|以内)\s*[）)]")
# …the whole bracket, dropped from the indicator's name (规上工业企业（营收2000万元以上）达221家 → 规上工业企业)
BRACKET_NOTE_RE = re.compile(r"[（(][^（）()]{0,20}\d[^（）()]{0,12}(?:以上|以下|以内)[）)]")
CLASS_THRESHOLD_AFTER_RE = re.compile(rf"^(?:及)?(?:以上|以下)?(?:的)?(?:[{CJK}]{{0,6}}?)(?:企业|项目|工业企业|规上企业)")
GROUP_AFTER_RE = re.compile(r"^(?:位|名)?(?:的)?(?:区|县|市|地区|城市|产业|行业|领域)?(?:县|市|区)?(?:是|为|有|依次为|分别是|分别为)[:：]?(?P<items>[^。；;]{2,80})")
GROUP_TAIL_RE = re.compile(r"[，,（(]|分别")
# Nouns listed as a clause's subject before one rank (登记数量和成交总额全省排名第, 总产量、商品量始终位居全国第);
# a rise to a rank (用户量和活跃度跃居全省第三) is one achievement of them together (the seed gold's reading).
_LISTED_NOUN = rf"(?:(?!始终|稳居|继续|连续|在全|全省|全国|全市|全区|全县|排名|排位|位居|位列|名列)[{CJK}A-Za-z&]){{2,10}}?"
LISTED_RANK_LEAD_RE = re.compile(
    rf"^[●■◆▲•·\s]*(?:其中)?(?:全市|全省|全县|全区|全国|我市|我省|我县|我区)?(?P<items>{_LISTED_NOUN}(?:[、和及与]{_LISTED_NOUN})+)"
    r"(?:始终|稳|继续|连续[一二三四五六七八九十\d]年)?(?:在)?(?:全省|全国|全市|全区|全县)?(?:排名|排位|位居|位列|名列|居|列|排)"
    r"(?:全省|全国|全市|全区|全县)?[第首前]?$"
)
EACH_RE = re.compile(r"均(?:居|列|位居|位列|排名|排|为|名列|保持)")
# 甲区、乙区、丙区…分别居A、B、C…三大板块首位: one rank, each listed name first within its own scope
RESPECTIVE_SCOPES_RE = re.compile(
    rf"分别(?:位居|居于|居|位列|列|排名|排)(?P<scopes>[^，,。；;]+?)(?:[一二三四五六七八九十两]大[{CJK}]{{1,4}})?$")
# measure words listed before a shared rank (总量和增速均居全省第二): which figure of the sentence each ranks
MEASURE_ITEMS = {"总量": "level", "总数": "level", "总额": "level", "规模": "level", "数量": "level", "增量": "level",
                 "新增数": "level", "增速": "growth", "增幅": "growth", "增长率": "growth", "增长速度": "growth"}
FLOW_ITEMS = {"增量": "新增", "新增数": "新增"}
SHARED_RANK_RE = re.compile(r"(?:分别|均)(?:居|列|位居|位列|排名|排|为|名列)")
EACH_LEVEL_RE = re.compile(r"均(?:达|超|突破|超过|在)")
# a 均 clause with no noun of its own (…8个行业增速最高，均超1倍): its measure and its items are the clause before's
BARE_EACH_LEAD_RE = re.compile(r"^(?:也|都)?均(?:达到|达|超过|超|突破|在|为|高于)?$")
# the clause before: names listed, their count and what they are (A、B和C3个行业增速最高)
COUNTED_LIST_RE = re.compile(
    rf"^(?:其中|另外|此外)?[，,]?(?P<items>[^，,；;。]+?)(?P<n>{NUMERAL})(?:个|家|项|所|类|种|款)[{CJK}]{{1,12}}?"
    r"(?:的)?(?:增加值|产值|营收|营业收入)?(?:增速|增幅|增长)?(?:最高|最快|最多|最大)?$")
# a superlative said of a counted group (8个行业增速最高) is no one's rank 1
COUNTED_GROUP_TAIL_RE = re.compile(rf"{NUMERAL}(?:个|家|项|所|类|种|款)[{CJK}]{{1,16}}$")
ITEM_JOIN_RE = re.compile(r"(?:[（(][^）)]{0,14}[）)])?[、和及与]?")
# a national body as the clause's subject (中国科学院共有院士860人), not as the name of a member (中国工程院院士39人:
# members counted in whatever region the sentence speaks of)
NATIONAL_LEAD_RE = re.compile(r"^(?:其中|此外|另外|同时)?[，,]?(?:(?:中国科学院|中国工程院|中科院)(?!(?:外籍)?院士)|两院(?!院士)|全国(?=共有|累计|已有|总计|共))")
# A paragraph that opens (after its date) with national bodies announcing something: its figures are national
# (a city paper's report of the national academicians' election, of a ministry's statistics)
NATIONAL_BODY = r"(?:中国科学院|中国工程院|中科院|国家统计局|科技部|国家知识产权局|国务院|工业和信息化部|工信部|教育部|国家发展改革委|国家发改委|财政部)"
NATIONAL_PARAGRAPH_LEAD_RE = re.compile(
    rf"^[\s●■◆▲•·]*(?:(?:(?:19|20)\d{{2}}年)?\d{{1,2}}月\d{{1,2}}日[，,]?)?{NATIONAL_BODY}(?:[、和与]{NATIONAL_BODY})*"
    r"(?:近日|日前|今天|今日)?(?:正式|联合)?(?:公布|发布|公告|公示|宣布|印发|通报)")
CONTINUATION_LEAD_RE = re.compile(r"^[\s●■◆▲•·]*(?:此外|另外|同时|与此同时)")
OWN_REGION_WORD_RE = re.compile(r"(?:全|我|本)(?:省|市|县|区|州|盟|旗)")
# A paragraph that opens with an as-of date (截至2021年底，全省…): the next paragraph, if it states no time of its
# own, continues that stock-taking (the figures of a bulletin's data paragraphs)
AS_OF_PARAGRAPH_LEAD_RE = re.compile(r"^[\s●■◆▲•·]*(?:统计数据显示[，,]?|数据显示[，,]?|据统计[，,]?)?(?:截至|截止到?)((?:19|20)\d{2})年(?:底|末|\d{1,2}月(?:底|末)?)")
TIME_STATED_RE = re.compile(r"(?:19|20)\d{2}年|十[一二三四五六七]五|去年|前年|今年|明年|全年|上半年|下半年|季度|\d{1,2}月|目前|近年|以来|当前|现有|至今|未来|力争|预计")
# a clause that only says who speaks (宋德雄介绍，2023年，…): the time is in the clause after it
ATTRIBUTION_CLAUSE_RE = re.compile(rf"^[{CJK}A-Za-z·]{{0,12}}(?:介绍|表示|指出|透露|说|称|获悉|了解到)$|^(?:据了解|据悉|据介绍|记者了解到|记者获悉)$")
AS_OF_NOW_LEAD_RE = re.compile(r"(?:截至|截止)(?:目前|今年\d{0,2}月?底?)|(?:^|[，,；;。])(?:目前|现有|至今)")
YEAR_RANGE_RE = re.compile(r"(?P<first>(?:19|20)\d{2})\s*(?:年)?\s*[-—～~至到]\s*(?P<last>(?:19|20)\d{2})\s*年")
LIST_JOIN_RE = re.compile(r"[、和及与]")
RANGE_TAIL_RE = re.compile(r"^[-－—~～至到]\d+(?:\.\d+)?(?:%|家|个|项|人|亿元|万元|元|件|所|支|户|次|名)?")
ROW_NAME_TAIL_RE = re.compile(rf"(?:为|是|的区是|的县是)(?P<name>[{CJK}]{{2,8}})[(（]?$")
GROUP_TAIL_WORDS_RE = re.compile(rf"(?:居|排|列|位居|位列|排名)?(?:前|后)?(?:的(?:区|县|市)?(?:是|为)[{CJK}、和及与()（）]*)?$")
ROW_LIKE_RE = re.compile(rf"^[{CJK}]{{1,5}}(?:区|县|市|州|旗)$")
# A class of zones (省级高新区, 国家级开发区): a counted noun, not a table's row name (高新区 1542家 in a list of districts).
ZONE_CLASS_RE = re.compile(r"^(?:省级|国家级|国家|市级|县级|自治区级)(?:高新区|开发区|园区|示范区|经开区|保税区|集聚区|实验区)$")
ROW_SET_LEAD_RE = re.compile(r"^(?:其余|其他|其它)(?:县|区|市)")  # 其余区(市、县)在…: the other rows, of the page's region
# A set of rows named by their kind (其余区(市、县)在…, 各县(市、区)均…): a row name, not the indicator.
ROW_SET_RE = re.compile(r"^(?:其余|其他|其它|各|全部|所有)(?:县|区|市)(?:[(（](?:市|县|区)[、,，](?:市|县|区)[)）])?(?:在|均|都|为)?$")
CLAUSE_DELIMITERS_RE = re.compile(r"[，,；;。：:]")
NEAR_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:底|末)?的?(?:全[国省市区])?[第前]?$")
BASE_YEAR_LEADS = ("较", "比", "与", "同", "是", "为", "相当于", "对比")
FROM_YEAR_LEADS = ("由", "从", "自")
# A year written right before a figure inside the prefix (提高到2021年的第21位): it dates that figure and the
# figures after it in the sentence (…，提升7位) that state no time of their own.
YEAR_BEFORE_NUMBER_RE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:底|末)?的?(?:全[国省市区])?[第前]?(?=\d)")
ASIDE_RE = re.compile(r"《[^》]*》?|[(（][^)）]*[)）]?")  # a title or a bracketed aside: its years date nothing outside it
DATING_YEAR_RE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:度)?(?!\d{1,2}月|以来|起|至今)")  # a year, not a date or a since
FROM_PLAN_END_RE = re.compile(r"(?:由|从)[“\"]?十(?P<n>[一二三四五六七])五[”\"]?(?:末|期末)的?$")
FIVE_YEAR_SPAN_RE = re.compile(r"五年来|过去五年|近五年|[“\"]?十[一二三四五六七]五[”\"]?(?:期间|以来|时期)")
# A comparison base year in the figure's own clause (较2017年增长100%): the figure is about a later year.
BASE_YEAR_RE = re.compile(r"(?:较|比|与|同|相比|对比)(?P<year>(?:19|20)\d{2})年")
COMPARED_BRACKET_RE = re.compile(r"(?:高于|低于|快于|慢于|超过|超出)(?P<noun>[^，,。；;（(]{1,16}?)(?:的)?(?:增速|增幅|增长率?)?[（(]$")
OWN_REGION_LEAD_RE = re.compile(r"^(?:截至目前|目前|同时|此外)?[，,]?(?:全市|全县|全区|我市|我县|我区|本市|本县|本区)")
FRACTION_RE = re.compile(
    r"(?P<lead>超过|超|近|将近|接近)?(?P<frac>(?P<den>[一二三四五六七八九十\d]+)分之(?P<num>[一二三四五六七八九十\d]+)|(?P<half>一半)|(?P<cheng>[一二三四五六七八九十])成)"
    r"(?P<more>以上|左右)?"
)
REGION_LIST_FILLER_RE = re.compile(r"[、和及与均都\s]|以上|分别")
SECTION_LEAD_RE = re.compile(r"^[\s●■◆▲•·—\-]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))?\s*(?:\d{4}年(?:以来)?[，,]?|今年以来[，,]?|近年来[，,]?|此外[，,]?|同时[，,]?)?")
OWN_PAGE_LEAD_RE = re.compile(r"^(?:全省|我省|全区|全国|本省)")
ZONE_AFTER_RE = re.compile(r"^(?:国家级|省级)?(?:高新区|高新技术产业开发区|经济技术开发区|经开区|开发区|工业园区|园区|新区|实验室|研究院|集团|有限公司|股份)")


# Flattened tables (loaders.extraction.tables)
PIPE_CELL_RE = re.compile(r"[^|]+")
PROSE_END_RE = re.compile(r"[。；;！？!?]$")
TABLE_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
TABLE_VALUE_RE = re.compile(r"-?\d+(?:\.\d+)?|—{1,2}|-{1,2}")  # a dash: the cell has no figure
UNIT_CELL_RE = re.compile(r"[（(](?P<unit>[^（）()]{1,6})[）)]")
NAMED_COLUMN_RE = re.compile(r"(?P<name>[^（）()|]{2,20}?)(?:[（(](?P<unit>[^（）()]{1,6})[）)])?")
TABLE_LABEL_HEADER_RE = re.compile(r"序号|地区|各市|各县|地市|区域|城市|行业|行业类别|行业名称|指标|主要指标|指标名称|单位|名称|项目|类别|县区|县[（(]市、区[）)]")
TABLE_TITLE_RE = re.compile(r"^表|情况|统计表|一览|汇总")
TABLE_TITLE_WORDS_RE = re.compile(r"^(?:(?:19|20)\d{2}年(?:上半年|前三季度|度)?)?(?:各设区市|各市州|各市（州）|各市\(州\)|各市|各州|各盟市|各县[（(]市、区[）)]|各县区|各区县|各地区|各地|分地区|分行业|各行业)?|(?:行业)?(?:情况|统计表|一览表?|汇总表?)(?:序号)?$")
TABLE_TITLE_NUMBER_RE = re.compile(r"^(?:附?表)\s*\d+(?:[.-]\d+)*")
GROWTH_COLUMN_RE = re.compile(r"同比|增长|增速|增幅|变化|比上年")
OWN_TOTAL_LABEL_RE = re.compile(r"全省|全市|全区|全县|合计|总计|全省合计|全市合计|全区合计")
TABLE_TARGET_RE = re.compile(r"目标|预期|规划")

# ---------------------------------------------------------------- programme names (loaders/extraction/programmes.py)
# An award won: 荣获2019年省科学技术进步二等奖 → 省科学技术进步奖 (the grade 一等/二等/三等/特等 is dropped; 金/银/铜奖
# name a prize of their own and stay); 获奖励 / 奖补 / 奖金 are not awards.
PROGRAMME_AWARD_RE = re.compile(
    r"(?:荣获|获得|获评|斩获|获(?!批))了?(?:(?:19|20)\d{2}年度?)?(?P<name>[\u4e00-\u9fff]{3,14}?)(?P<grade>[一二三特]等)?奖(?![励补金项品状])")
# A project or subject named by its title: 《…技术集成与示范》项目.
PROGRAMME_TITLED_PROJECT_RE = re.compile(r"(?:项目|课题|专项)")  # used with match(text, pos)
# A battle fought as the object of a plan (打赢蓝天保卫战三年行动计划): the verb is part of the name.
PROGRAMME_BATTLE_RE = re.compile(r"(?:攻坚战|保卫战|翻身仗|攻坚仗|持久战|[战仗])")
# A conversion campaign named by its shape in quotes: “煤改电”, “油改气”, “营改增” (A改B, one or two characters each).
PROGRAMME_CONVERSION_RE = re.compile(r"[\u4e00-\u9fff]{1,2}改[\u4e00-\u9fff]{1,2}")
# What a verb's quoted object may be followed by and still be the object: 实施“百校千企”项目12个.
PROGRAMME_OBJECT_FOLLOW_RE = re.compile(r"项目(?=[\d一二三四五六七八九十，,。；;、]|$)")
# Macro policy stances of government work reports: 积极的财政政策, 稳健中性的货币政策, 就业优先政策 is a head name.
PROGRAMME_POLICY_STANCE_RE = re.compile(
    r"(?:更加|更加积极|更为)?(?:积极|稳健中性|稳健|适度宽松|宽松|从紧|审慎)的(?:财政|货币|就业|产业|宏观)政策")
# A counted talent title with its kind in front: 选派80名农业科技特派员 → 农业科技特派员 (the kind belongs to the name).
PROGRAMME_COUNTED_KIND_RE = re.compile(r"(?:\d+|[一二三四五六七八九十百千]+)(?:多|余)?[名位](?P<kind>[\u4e00-\u9fff]{2})$")
# A money unit right after a number: 500万元产业发展资金 is an amount of a fund, not its name.
PROGRAMME_AMOUNT_UNIT_RE = re.compile(r"[万亿千百]*(?:元|美元)")
# A title that implements another programme names it: 《关于贯彻落实省创新驱动十条的实施意见》 → 省创新驱动十条 too.
PROGRAMME_IMPLEMENTING_TITLE_RE = re.compile(
    r"关于(?:认真|进一步)?(?:贯彻落实|贯彻执行|贯彻|落实|执行)(?P<inner>.{4,40}?)的(?:实施意见|实施方案|实施细则|实施办法|若干措施|通知|意见)$")
# The body that issues a programme, named shortly before it (省政府大力推进X, 国务院印发的X).
PROGRAMME_PROVINCE_ISSUER_RE = re.compile(r"(?:省委省政府|省人民政府|省政府|省委)[^，,。；;《》“”]{0,8}$")
PROGRAMME_CITY_ISSUER_RE = re.compile(r"(?:市委市政府|市人民政府|市政府|市委)[^，,。；;《》“”]{0,8}$")
# Who a quoted allowance is for opens its name when it opens the clause: ，困难老人“两项津贴”… → 困难老人两项津贴.
PROGRAMME_BENEFICIARY_RE = re.compile(r"(?:^|(?<=[，,。；;、\s]))(?P<who>[\u4e00-\u9fff]{1,4}(?:人|户|者|群众|家庭|儿童|学生))$")
PROGRAMME_ALLOWANCE_RE = re.compile(r"(?:补贴|补助|津贴|救助)$")
# A chief-responsibility system: 林长制, 田长制, 链长制 (one character and 长制; not 家长制 / 首长制).
PROGRAMME_CHIEF_SYSTEM_RE = re.compile(r"(?<![\u4e00-\u9fff][\u4e00-\u9fff])(?<![家首])[\u4e00-\u9fff](?<![家首])长制")

# A phrase cut inside a bracket: the unclosed opening bracket and what follows it end no indicator name
# (产业技术研究中心(院 → 产业技术研究中心; 工业企业(yè → 工业企业, a pinyin gloss cut by the phrase end).
UNCLOSED_PARENTHETICAL_RE = re.compile(r"\([^()]*$")
