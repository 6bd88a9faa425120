"""Numbers as Chinese reports write them: Arabic (with separators and decimals) and Chinese numerals."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_LARGE_UNITS = {"万": 10_000, "亿": 100_000_000}


class NotANumber(ValueError):
    pass


def parse_number(text: str) -> Decimal:
    """'2,213' → 2213, '2.72' → 2.72, '二十五' → 25, '两' → 2, '一千' → 1000."""
    text = text.strip()
    if not text:
        raise NotANumber("empty number")
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            raise NotANumber(f"'{text}' is not a number") from None
    return Decimal(parse_chinese(text))


def parse_chinese(text: str) -> int:
    """Chinese numerals to an integer: 十二 → 12, 二十五 → 25, 一千二百 → 1200, 三万五千 → 35000."""
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch] if digit is None else digit * 10 + CHINESE_DIGITS[ch]
        elif ch in CHINESE_SMALL_UNITS:
            section += (1 if digit is None else digit) * CHINESE_SMALL_UNITS[ch]
            digit = None
        elif ch in CHINESE_LARGE_UNITS:
            section += digit or 0
            total += (section or 1) * CHINESE_LARGE_UNITS[ch]
            section, digit = 0, None
        else:
            raise NotANumber(f"'{text}' contains '{ch}', not a Chinese numeral")
    return total + section + (digit or 0)


def as_float(value: Decimal) -> float:
    """A Decimal as the float a person would write (no binary noise beyond float's own)."""
    return float(value)
