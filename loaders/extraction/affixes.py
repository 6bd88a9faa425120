"""Vocabulary lookups by the text's ends instead of a scan of the vocabulary (issue 11: speed, same answers).

`first_suffix(text, vocabulary)` is `next((w for w in vocabulary if text.endswith(w)), "")` and
`first_prefix(text, pos, vocabulary)` is `next((w for w in vocabulary if text.startswith(w, pos)), "")`:
the first entry in the vocabulary's order, found with one dict probe per distinct entry length. Each
vocabulary is indexed once (by its entries, so a tuple built per call finds the same index). For `w in text`
over a vocabulary no index is used: a scan of ~100 words with `in` is as fast as any lookup measured here.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

NOT_FOUND = 1 << 62


@dataclass(frozen=True)
class _Index:
    first: dict[str, int]  # entry → position of its first occurrence in the vocabulary
    lengths: tuple[int, ...]  # the entries' distinct lengths, longest first
    longest_first: bool  # the vocabulary is sorted longest first: the longest hit is the earliest


def _key(vocabulary: Iterable[str]) -> tuple[str, ...]:
    return vocabulary if type(vocabulary) is tuple else tuple(vocabulary)


@lru_cache(maxsize=1024)
def _index(vocabulary: tuple[str, ...]) -> _Index:
    first: dict[str, int] = {}
    for i, w in enumerate(vocabulary):
        first.setdefault(w, i)
    sizes = [len(w) for w in vocabulary]
    return _Index(first, tuple(sorted(set(sizes), reverse=True)), sizes == sorted(sizes, reverse=True))


def first_suffix(text: str, vocabulary: Iterable[str]) -> str:
    index = _index(_key(vocabulary))
    n, best, best_at = len(text), "", NOT_FOUND
    for size in index.lengths:
        if size > n:
            continue
        at = index.first.get(text[n - size:])
        if at is not None:
            if index.longest_first:
                return text[n - size:]
            if at < best_at:
                best, best_at = text[n - size:], at
    return best


def first_prefix(text: str, pos: int, vocabulary: Iterable[str]) -> str:
    if pos < 0 or pos > len(text):  # str.startswith's own reading of such positions: scan
        return next((w for w in vocabulary if text.startswith(w, pos)), "")
    index = _index(_key(vocabulary))
    n, best, best_at = len(text), "", NOT_FOUND
    for size in index.lengths:
        if pos + size > n:
            continue
        at = index.first.get(text[pos:pos + size])
        if at is not None:
            if index.longest_first:
                return text[pos:pos + size]
            if at < best_at:
                best, best_at = text[pos:pos + size], at
    return best
