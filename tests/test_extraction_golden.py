"""Golden extraction cases grouped by phenomenon (tests/golden/extraction.csv): each text, its expected facts.

A text with one row whose value_base is empty must yield no fact at all. Every text's facts are compared as
a whole: the same (value_base, unit_base, measure) multiset, then status, year, qualifier, stock flag and
the indicator wording of each.
"""
from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from loaders.extraction.extract import extract_text

GOLDEN = Path(__file__).parent / "golden" / "extraction.csv"


def _cases() -> list[tuple[str, str, str, str, list[dict]]]:
    grouped: dict[tuple[str, str, str, str], list[dict]] = {}
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["phenomenon"], row["text"], row["region"], row["published_on"])
            grouped.setdefault(key, [])
            if row["value_base"]:
                grouped[key].append(row)
    return [(*key, rows) for key, rows in grouped.items()]


CASES = _cases()


def _key(value_base: float, unit_base: str, measure: str) -> tuple[float, str, str]:
    return (round(float(value_base), 6), unit_base, measure)


@pytest.mark.parametrize("phenomenon,text,region,published_on,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_golden_text(phenomenon: str, text: str, region: str, published_on: str, expected: list[dict]) -> None:
    facts = extract_text(text, region=region, published_on=published_on)
    got = Counter(_key(f.value_base, f.unit_base, f.measure) for f in facts)
    want = Counter(_key(r["value_base"], r["unit_base"], r["measure"]) for r in expected)
    assert got == want, f"{text}: extracted {sorted(got.elements())}, expected {sorted(want.elements())}"
    unused = list(facts)
    for row in expected:
        fact = _matching_fact(unused, row, text)
        unused.remove(fact)
        assert fact.status == row["status"], (text, fact)
        assert fact.period_year == int(row["period_year"]), (text, fact)
        assert fact.qualifier == row["qualifier"], (text, fact)
        assert fact.is_cumulative == (row["is_cumulative"] == "true"), (text, fact)


def _matching_fact(facts: list, row: dict, text: str):
    """The fact of the row's quantity whose indicator wording holds the row's (several facts may share a number:
    one rank for two indicators)."""
    key = _key(row["value_base"], row["unit_base"], row["measure"])
    same = [f for f in facts if _key(f.value_base, f.unit_base, f.measure) == key]
    worded = [f for f in same if row["indicator_contains"] in f.indicator_phrase]
    assert worded, (text, row["indicator_contains"], [f.indicator_phrase for f in same])
    return worded[0]


def test_every_phenomenon_has_a_case_beyond_the_corpus() -> None:
    """Each phenomenon is tested on at least two different texts (a corpus sentence and a differently worded one)."""
    texts: dict[str, set[str]] = {}
    for phenomenon, text, *_ in CASES:
        texts.setdefault(phenomenon, set()).add(text)
    thin = sorted(p for p, t in texts.items() if len(t) < 2)
    assert not thin, f"phenomena with a single text: {thin}"
