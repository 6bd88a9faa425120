"""Traditional characters read as simplified ones, one character for one so that offsets survive
(data/number_traditional_chars.csv): 億元, 個百分點, 電話, 創新平臺 → 亿元, 个百分点, 电话, 创新平台."""
from __future__ import annotations

import csv
from functools import lru_cache

from loaders.extraction.paths import DATA_DIR

TRADITIONAL_FILE = DATA_DIR / "number_traditional_chars.csv"


class TraditionalTableError(ValueError):
    """A bad row of the traditional-character table (file:line, value)."""


@lru_cache(maxsize=1)
def traditional_table() -> dict[int, str]:
    """Traditional → simplified, one character for one, validated (a single character each side, no duplicates)."""
    table: dict[int, str] = {}
    with TRADITIONAL_FILE.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(fh), start=2):
            trad, simp = (row.get("traditional") or "").strip(), (row.get("simplified") or "").strip()
            if len(trad) != 1 or len(simp) != 1 or ord(trad) in table:
                raise TraditionalTableError(f"{TRADITIONAL_FILE}:{line_no}: bad or duplicate pair {trad!r},{simp!r}")
            table[ord(trad)] = simp
    return table


def simplified(text: str) -> str:
    """The text with traditional characters read as simplified ones, of the same length."""
    return text.translate(traditional_table())
