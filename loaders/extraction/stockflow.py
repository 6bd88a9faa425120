"""Stock or flow, decided once: one vocabulary (`data/stock_flow_markers.csv`) and one function.

A stated count is a *stock* (what exists as of a date: 累计, 总数, 共有, 现有, 截至…) or a *flow* (what was
added in a period: 新增, 新认定, 引进, 培育…). `reading(text)` returns the reading of the strongest marker in
the text (for a flow indicator's figure, only the markers that apply to flows): lowest priority first (累计新增 1 < 累计 2 < 新增 3 < 截至 4 < 培育 5), then the longest, then the
one nearest the end; None when the text has no marker. Both the observation's `is_cumulative` and the
`_new` / `_total` member of its indicator family are read from this one decision (see
`indicators.read_indicator`), so that they cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loaders.extraction import patterns as P
from loaders.extraction.paths import DATA_DIR
from loaders.extraction.ruledata import RuleDataError, read_rows

MARKERS_CSV = DATA_DIR / "stock_flow_markers.csv"
READINGS = ("stock", "flow")
COLUMNS = ("marker", "reading", "priority", "of_flow_indicators", "note")


class StockFlowDataError(RuleDataError):
    """A malformed row of the stock/flow vocabulary, naming file and line."""


@dataclass(frozen=True)
class StockFlowMarker:
    marker: str
    reading: str  # stock | flow
    priority: int  # lower wins
    of_flow_indicators: bool  # also read for an amount of a flow indicator (累计 yes; 总量 of 技术交易总量 no)


def read_markers(path: Path) -> tuple[StockFlowMarker, ...]:
    """Parse and validate a stock/flow marker CSV (errors name the file and line)."""
    markers: dict[str, StockFlowMarker] = {}
    for line, row in read_rows(path, COLUMNS, StockFlowDataError):
        markers[_marker(row, f"{path}:{line}", markers)] = _parsed(row)
    return tuple(markers.values())


def _marker(row: dict[str, str], where: str, seen: dict[str, StockFlowMarker]) -> str:
    marker, reading, priority = ((row.get(c) or "").strip() for c in COLUMNS[:3])
    if not marker:
        raise StockFlowDataError(f"{where}: empty marker")
    if reading not in READINGS:
        raise StockFlowDataError(f"{where}: reading {reading!r} of {marker!r} is not one of {READINGS}")
    if not priority.isdigit() or int(priority) < 1:
        raise StockFlowDataError(f"{where}: priority {priority!r} of {marker!r} is not an integer >= 1")
    if (row.get("of_flow_indicators") or "").strip() not in ("yes", "no"):
        raise StockFlowDataError(f"{where}: of_flow_indicators of {marker!r} must be yes or no")
    if marker in seen:
        raise StockFlowDataError(f"{where}: duplicate marker {marker!r}")
    return marker


def _parsed(row: dict[str, str]) -> StockFlowMarker:
    return StockFlowMarker(row["marker"].strip(), row["reading"].strip(), int(row["priority"]),
                           row["of_flow_indicators"].strip() == "yes")


@lru_cache(maxsize=1)
def load_markers() -> tuple[StockFlowMarker, ...]:
    """`loaders/extraction/data/stock_flow_markers.csv` (cached)."""
    return read_markers(MARKERS_CSV)


@lru_cache(maxsize=16384)
def strongest_marker(text: str, flow_indicator: bool = False) -> StockFlowMarker | None:
    """The marker that decides the text's reading, or None when it has none. For a figure of a flow
    indicator (技术合同成交额) only markers that apply to flows count: 累计 makes a running total, while
    总量 / 截至 only restate the period's amount (R&D经费投入总量 is the year's spending)."""
    if not P.any_of_re(_marker_words()).search(text):
        return None  # no marker at all (most texts): one alternation instead of a scan
    found = [(m, text.rfind(m.marker)) for m in load_markers()
             if m.marker in text and (m.of_flow_indicators or not flow_indicator)]
    best = min(found, key=lambda f: (f[0].priority, -len(f[0].marker), -f[1]), default=None)
    return best[0] if best else None


@lru_cache(maxsize=1)
def _marker_words() -> tuple[str, ...]:
    return tuple(m.marker for m in load_markers())


def reading(text: str) -> str | None:
    """'stock', 'flow' or None (no marker): the one stock/flow decision."""
    marker = strongest_marker(text)
    return marker.reading if marker else None
