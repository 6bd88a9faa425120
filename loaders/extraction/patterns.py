"""Regular expressions of the extractor, as named constants (the unit alternation is built from the unit table)."""
from __future__ import annotations

import re
from functools import lru_cache

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


def clause_start(sentence: str, pos: int, floor: int = 0) -> int:
    """Start of the clause holding `pos`: after the last clause delimiter, and not before `floor`."""
    return max(max(sentence.rfind(d, 0, pos) for d in CLAUSE_DELIMITERS) + 1, floor)
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
CLAUSE_YEAR_RE = re.compile(
    r"(?:^|(?<=[，,；;。：:●■\s]))(?:力争|确保|争取|到|至|截至|截止|在|于)?((?:19|20)\d{2})年(?:底|末|度)?"
)
TARGET_BY_YEAR_RE = re.compile(r"(?:到|至)((?:19|20)\d{2})年(?:底|末)?")
RELATIVE_YEAR_RE = re.compile(r"(去年|前年|今年|明年|全年|上半年|下半年|一季度|二季度|三季度|1-\d{1,2}月|1至\d{1,2}月)")
AS_OF_RE = re.compile(r"(?:截至|截止到?|到)(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:底|末)")
MONTH_RANGE_RE = re.compile(r"1[-—~至到](\d{1,2})月")
RANK_RE = re.compile(rf"第(?P<num>{NUMERAL})(?P<unit>位|名)?")
TOP_RANK_RE = re.compile(r"(?P<lead>(?:位居|居|列|名列|位列|跃居)[^，,。；;]{0,16}?)首(?P<unit>位)")
PERCENTILE_RE = re.compile(rf"前(?P<num>{ARABIC_NUMBER})(?P<unit>%|名|位)")
BRACKETED_RANK_RE = re.compile(rf"(?<=%)[(（](?P<num>{ARABIC_NUMBER})(?P<unit>名|位)[)）]")
TOP_N_RE = re.compile(rf"(?P<num>{ARABIC_NUMBER})(?P<unit>强)")
ORDINAL_SESSION_RE = re.compile(r"^(?:[零〇一二两三四五六七八九十]+(?:次|中)|中全会|全会|会议|次会议|人大|政协)")
ORDINAL_PREFIX_RE = re.compile(r"(?:党的|政协|人大|第)$")
HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、])")
CJK_CHAR_RE = re.compile(r"[\u3400-\u9fff]")
FROM_TO_RE = re.compile(r"^(?:位|名)?(?:上升|提升|跃升|提高|下降|增长|增加|降低|减少)(?:到|至|为)")
PAREN_OPEN = "（("
PAREN_CLOSE = "）)"


@lru_cache(maxsize=1)
def quantity_re() -> re.Pattern[str]:
    """A number, an optional 多/余, and a unit from the unit table (longest unit first)."""
    from loaders.extraction.units import load_unit_factors

    units = sorted(
        (u for u, f in load_unit_factors().items() if f.kind != "rank" or u.endswith("次")),
        key=lambda u: (-len(u), u),
    )
    alternation = "|".join(re.escape(u) for u in units)
    return re.compile(
        rf"(?P<num>{NUMERAL})(?P<more>多|余)?(?P<unit>{alternation})(?P<paren>[(（][次个人项件][)）])?"
    )
