"""jieba segmentation asked only where it is needed (issue 11: speed, same answers).

jieba cuts a text block by block: the runs of `jieba.re_han_default` (CJK, Latin letters, digits, +#&._%-)
are segmented each on its own (dictionary DAG, then the HMM for unknown runs), every other character is a
token by itself (a `\\r\\n` pair is one). So whether an offset ends a token depends only on the block holding
it, and the last token of a text is the last token of its last block. `TokenEnds` and `last_token` segment only
those blocks, and each block once.
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

import jieba

BLOCK_RE = jieba.re_han_default


@lru_cache(maxsize=8192)
def block_ends(tokenizer: jieba.Tokenizer, block: str) -> frozenset[int]:
    """Token ends (offsets into the block) of one block as `tokenizer.tokenize` gives them, HMM on."""
    return frozenset(end for _, _, end in tokenizer.tokenize(block))


class TokenEnds:
    """`offset in TokenEnds(tokenizer, text)` is `offset in {end for _, _, end in tokenizer.tokenize(text)}`."""

    def __init__(self, tokenizer: jieba.Tokenizer, text: str) -> None:
        self.tokenizer, self.text = tokenizer, text
        self.spans = [(m.start(), m.end()) for m in BLOCK_RE.finditer(text)]
        self.starts = [start for start, _ in self.spans]

    def __contains__(self, offset: object) -> bool:
        if not isinstance(offset, int) or not 0 < offset <= len(self.text):
            return False
        k = bisect_right(self.starts, offset - 1) - 1  # the block whose start is before the offset
        if k >= 0 and offset <= self.spans[k][1]:
            start, end = self.spans[k]
            return offset == end or (offset - start) in block_ends(self.tokenizer, self.text[start:end])
        return self.text[offset - 1:offset + 1] != "\r\n"  # a character outside the blocks is a token


def last_token(tokenizer: jieba.Tokenizer, text: str) -> str:
    """`list(tokenizer.cut(text))[-1]` (HMM on); an IndexError for an empty text, as that gives."""
    blocks = [b for b in BLOCK_RE.split(text) if b]
    return _last_of_block(tokenizer, blocks[-1] if blocks else "")


@lru_cache(maxsize=8192)
def _last_of_block(tokenizer: jieba.Tokenizer, block: str) -> str:
    return list(tokenizer.cut(block))[-1]
