"""Numbers as reports write them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.extraction.numbers import NotANumber, parse_number


@pytest.mark.parametrize("text,value", [
    ("2213", "2213"), ("2,213", "2213"), ("1,234,567.5", "1234567.5"), ("2.72", "2.72"), ("0.1", "0.1"),
    ("两", "2"), ("十", "10"), ("十二", "12"), ("二十五", "25"), ("一百零五", "105"), ("一千", "1000"),
    ("一千二百", "1200"), ("三万五千", "35000"), ("十万", "100000"), ("一亿", "100000000"), ("〇", "0"),
])
def test_parse_number(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "十x", "2.7.2"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text)
