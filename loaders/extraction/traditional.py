"""Traditional characters read as simplified ones: the one mechanism (OpenCC t2s), one character for one so
that offsets survive: 億元, 個百分點, 電話, 創新平臺 → 亿元, 个百分点, 电话, 创新平台 (FACTS.md §8).

`textnorm.normalise` applies it to every body, so offsets point into simplified text; region mentions,
region inference and number accounting call the same function on text that may not be normalised yet.
"""
from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from pathlib import Path

_KEY_CHARS_FILE = Path(__file__).with_name("data") / "opencc_t2s_key_chars.txt"


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _key_chars() -> frozenset[str] | None:
    """Every character of a key of OpenCC's t2s dictionaries (written by scripts/make_opencc_key_chars.py), or
    None when the table is not from the installed OpenCC version (then every text goes through OpenCC)."""
    try:
        header, chars = _KEY_CHARS_FILE.read_text(encoding="utf-8").split("\n")[:2]
    except (OSError, ValueError):
        return None
    if header.split()[:2] != ["opencc", importlib.metadata.version("opencc")]:
        return None
    return frozenset(chars)


def simplified(text: str) -> str:
    """The text with traditional characters read as simplified ones, of the same length (character by character
    where OpenCC's phrase conversion would change it). A text without any character of an OpenCC key is
    returned as it is (no dictionary entry can match it), without calling OpenCC."""
    keys = _key_chars()
    if keys is not None and keys.isdisjoint(text):
        return text
    converted = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(ch2 if len(ch2 := _t2s().convert(ch)) == 1 else ch for ch in text)
