"""Traditional characters read as simplified ones: the one mechanism (OpenCC t2s), one character for one so
that offsets survive: 億元, 個百分點, 電話, 創新平臺 → 亿元, 个百分点, 电话, 创新平台 (FACTS.md §8).

`textnorm.normalise` applies it to every body, so offsets point into simplified text; region mentions,
region inference and number accounting call the same function on text that may not be normalised yet.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text with traditional characters read as simplified ones, of the same length (character by character
    where OpenCC's phrase conversion would change it)."""
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(ch2 if len(ch2 := _t2s().convert(ch)) == 1 else ch for ch in text)
