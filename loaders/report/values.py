"""Numbers as an analyst reads them: yuan in 亿元/万元, counts without a trailing .0."""
from __future__ import annotations

import math


def _plain(number: float) -> str:
    if math.isclose(number, round(number), abs_tol=1e-9):
        return f"{int(round(number)):,}"
    return f"{number:,.4f}".rstrip("0").rstrip(".")


def format_value(value: float | None, unit_base: str | None = None) -> str:
    """`1.6e8, 'CNY'` → `1.6 亿元`; `550, '家'` → `550 家`; `7.7, '%'` → `7.7%`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    unit = unit_base or ""
    if unit == "CNY" and abs(value) >= 1e8:
        return f"{_plain(value / 1e8)} 亿元"
    if unit == "CNY" and abs(value) >= 1e4:
        return f"{_plain(value / 1e4)} 万元"
    if unit == "CNY":
        return f"{_plain(value)} 元"
    if unit == "%":
        return f"{_plain(value)}%"
    if unit == "rank":
        return f"第 {_plain(value)}"
    return f"{_plain(value)} {unit}".strip()
