"""Text normalisation: what `dim_document.body` holds, and every char offset points into.

- full-width digits, Latin letters and number punctuation (％ ． ＋ －) become ASCII;
  CJK punctuation (，。（）“”) is kept as written;
- line breaks inside a sentence (PDF and newspaper layouts) are joined;
- spaces between CJK characters and digits (PDF extraction debris: `13 家企业`, `2022 年`) are removed;
- runs of blank lines collapse to one paragraph break;
- pinyin reading aids in brackets after a character (经费(fèi)) are dropped;
- traditional characters (國, 個, 億) become their simplified forms (OpenCC t2s), one character for one, so a
  figure reads the same in either script (FACTS.md §8).
"""
from __future__ import annotations

import re
import unicodedata

from loaders.extraction.patterns import CJK, CJK_PUNCT
from loaders.extraction.traditional import simplified

FULLWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
KEEP_FULLWIDTH = set("，。（）：；！？“”、《》【】")
NORMALISE_TABLE = {cp: to for cp, to in FULLWIDTH_TABLE.items() if chr(cp) not in KEEP_FULLWIDTH}
NORMALISE_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x200B: None, 0xFEFF: None, 0x2002: 0x20, 0x2003: 0x20})

SENTENCE_END = "。！？!?；;：:…⋯」』)）】"
CLOSING_QUOTES = "”’"
SPACE_BETWEEN_RE = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}0-9%])[ \t]+(?=[{CJK}{CJK_PUNCT}0-9%])")
SPACE_DIGIT_CJK_RE = re.compile(rf"(?<=[0-9.])[ \t]+(?=[{CJK}])|(?<=[{CJK}])[ \t]+(?=[0-9])")
# a reading aid after a character (研发(fā)经费, 领(lǐng)跑): pinyin with tone marks in brackets, not text
PINYIN_ANNOTATION_RE = re.compile(rf"(?<=[{CJK}])\s?[(（]\s?[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s?[)）]")
BLANK_LINES_RE = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
TRAILING_SPACE_RE = re.compile(r"[ \t]+\n")


def normalise(text: str) -> str:
    """The canonical body of a document."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = simplified(text)
    text = text.translate(NORMALISE_TABLE)
    text = TRAILING_SPACE_RE.sub("\n", text)
    text = join_broken_lines(text)
    text = PINYIN_ANNOTATION_RE.sub("", text)
    text = SPACE_BETWEEN_RE.sub("", text)
    text = SPACE_DIGIT_CJK_RE.sub("", text)
    text = BLANK_LINES_RE.sub("\n\n", text)
    return text.strip() + "\n"


def join_broken_lines(text: str) -> str:
    """Join a line to the next when it stops mid-sentence (PDF layouts break lines anywhere).

    A layout line break is recognised from the shape of the text: the line is long enough to be a
    wrapped line of a column and does not end a sentence. Short lines (headings, bylines) stay alone.
    """
    lines = [ln.strip() for ln in text.split("\n")]
    typical = _typical_wrap_width(lines)
    out: list[str] = []
    for line in lines:
        if out and out[-1] and _continues(out[-1], line, typical):
            out[-1] += line
        elif out and not out[-1] and len(out) >= 2 and out[-2] and line and _continues(out[-2], line, typical):
            out.pop()
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _typical_wrap_width(lines: list[str]) -> int:
    """The width of a wrapped column, 0 when the text is not laid out in wrapped lines: the most common
    line length when it clearly dominates, else the upper-quartile length when most lines cluster near it.
    Bullets and numbered items are lines of their own, not wrapped lines: a list of short items is no layout."""
    lengths = sorted(len(ln) for ln in lines if 8 <= len(ln) <= 60 and not ITEM_START_RE.match(ln))
    if len(lengths) < 8:
        return 0
    counts: dict[int, int] = {}
    for n in lengths:
        counts[n] = counts.get(n, 0) + 1
    mode, freq = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if freq >= max(5, len(lengths) // 10):
        return mode
    width = lengths[int(0.75 * len(lengths))]
    near = sum(1 for n in lengths if abs(n - width) <= 3)
    return width if near >= 0.4 * len(lengths) else 0


YEAR_LINE_RE = re.compile(r"^(?:19|20)\d{2}\s*年(?:度)?[:：]?$")
ITEM_START_RE = re.compile(r"^(?:[●◆▲•]|——|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d))")


SPLIT_WORD_END_RE = re.compile(rf"[，,、][{CJK}]$")  # a line ending one character into a new clause
CJK_START_RE = re.compile(rf"^[{CJK}]")
NUMBER_LEAD_END_RE = re.compile(r"(?:达到|达|为|增长|突破|超过|共计|合计|总计)$")  # a verb that wants its number
NUMBER_START_RE = re.compile(r"^\d+(?:\.\d+)?\s*(?:%|[亿万千百]?[元家个项件人])")


def _continues(previous: str, line: str, typical: int) -> bool:
    if line and NUMBER_LEAD_END_RE.search(previous) and NUMBER_START_RE.match(line):
        return True  # …企业营收达 / 57.58 亿元。: a paragraph does not end on the verb of its number, in any layout
    if line and SPLIT_WORD_END_RE.search(previous) and CJK_START_RE.match(line):
        return True  # 11月18日，中 / 国科学院公布…: a clause cut after its first character (a web page's drop cap)
    if not line or not typical:
        return False
    if ITEM_START_RE.match(line) or YEAR_LINE_RE.match(line):
        return False  # a bullet, a numbered heading or a bare year (2024年) is a line of its own
    if previous[-1] in CLOSING_QUOTES:
        if len(previous) >= 2 and previous[-2] in SENTENCE_END:
            return False  # 。” closes a quoted sentence; a bare ” closes a name mid-sentence
    elif previous[-1] in SENTENCE_END:
        return False
    return len(previous) >= typical - 5
