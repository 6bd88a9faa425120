"""The lookups that make extraction fast (issue 11) give the answers of the scans they replace.

Each is checked against the plain scan on the sentences of the seeds corpus and on made-up edge cases; the
row-for-row gate of a speed change is `scripts/extraction_snapshot.py` (before/after, identical).
"""
from __future__ import annotations

import jieba
import pytest

from loaders.extraction import patterns as P
from loaders.extraction import programmes
from loaders.extraction.affixes import first_prefix, first_suffix
from loaders.extraction.extract import split_sentences
from loaders.extraction.paths import SEEDS_DIR
from loaders.extraction.segments import TokenEnds, last_token

CORPUS = SEEDS_DIR.parent / "corpus"
EDGE_TEXTS = ["", "a", "\r\n", "推进“双创”\r\n示范基地建设", "2024年 科技AI+行动", "，，", "杭州市科技局。"]


def _sentences() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            out += [s.text for s in split_sentences(line, 0)]
    return out + EDGE_TEXTS


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    found = _sentences()
    assert len(found) > 100
    return found


def test_token_ends_are_jiebas(sentences):
    tokenizer = programmes._tokenizer()
    for text in sentences:
        expected = {end for _, _, end in tokenizer.tokenize(text)}
        ends = TokenEnds(tokenizer, text)
        assert {i for i in range(-1, len(text) + 3) if i in ends} == expected, text


def test_last_token_is_jiebas(sentences):
    tokenizer = jieba.Tokenizer()
    for text in sentences:
        for end in range(1, len(text) + 1, 3):
            assert last_token(tokenizer, text[:end]) == list(tokenizer.cut(text[:end]))[-1], text[:end]
    with pytest.raises(IndexError):
        last_token(tokenizer, "")


@pytest.mark.parametrize("vocabulary", [
    ("行动计划", "计划", "划", ""),  # longest first, with the empty word
    ("计划", "行动计划", "动计划", "计划"),  # not sorted, with a repeat: the first in order wins
    tuple(programmes.verbs()),
])
def test_affix_lookups_are_the_scans(sentences, vocabulary):
    for text in sentences[:300]:
        assert first_suffix(text, vocabulary) == next((w for w in vocabulary if text.endswith(w)), "")
        for pos in (-2, 0, 3, len(text), len(text) + 1):
            assert first_prefix(text, pos, vocabulary) == next((w for w in vocabulary if text.startswith(w, pos)), "")


def test_clause_start_is_the_rfind_scan(sentences):
    for text in sentences:
        for pos in range(-2, len(text) + 2):
            for floor in (0, 3):
                expected = max(max(text.rfind(d, 0, pos) for d in P.CLAUSE_DELIMITERS) + 1, floor)
                assert P.clause_start(text, pos, floor) == expected, (text, pos)


def test_heads_found_as_the_scans_find_them(sentences):
    heads = programmes.heads()
    for text in sentences:
        for end in range(1, len(text) + 1):
            assert programmes._heads_ending(text[:end]) == [h for h in heads if text[:end].endswith(h.suffix)]


def test_any_of_re_says_whether_an_entry_occurs(sentences):
    from loaders.extraction.stockflow import _marker_words

    vocabularies = [programmes._scanned_suffixes(), programmes._known_names(), _marker_words(),
                    ("a.b", "(x)", "+", "双创")]  # regex metacharacters are literals
    for words in vocabularies:
        for text in sentences + ["a.b", "axb", "(x)", "x+y"]:
            assert bool(P.any_of_re(words).search(text)) == any(w in text for w in words), (words[:3], text)


def test_opencc_key_chars_cover_every_change():
    """The t2s key-character table is from the installed OpenCC, and every CJK character outside it (alone or in
    a run with others outside it) is left as it is by OpenCC itself."""
    from loaders.extraction import traditional

    keys = traditional._key_chars()
    assert keys is not None
    outside = [chr(c) for c in range(0x3400, 0xA000) if chr(c) not in keys]
    text = "".join(outside)
    assert traditional._t2s().convert(text) == text
    assert traditional.simplified("藉口與億元") == traditional._t2s().convert("藉口與億元")
