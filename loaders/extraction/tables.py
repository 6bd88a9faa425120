"""Tables flattened into text (FACTS.md §8): a header, then one row per region (or item); one fact per cell.

Two layouts reach us:
  * one cell per line (a statistical bulletin's table pasted from a web page):
    `地区 / R&D经费 / R&D经费投入强度 / (亿元) / (%) / 全省 / 251.9 / 1.12 / 太原市 / 114.7 / 2.24 …`;
  * cells split by `|` on one line (a PDF or HTML table): `序号 | 各市 | 2014年上半年 | 产值(亿元) | 同比变化(%) |
    1 | 杭州市 | 2155.35 | 6.14 | 2 | 宁波市 …`.
Both become a sequence of cells; a table is a run of rows (a label, then as many bare numbers as the table has
value columns, optionally after a row number), at least MIN_ROWS long, under a header that names those columns
and their units. Cells with a unit of their own (`1542家`) are prose and left to the sentence extractor.

The column decides the measure: a percent column named 同比/增长/增速/变化 is the growth of the column before it;
another percent column is a share; any other column a level. The label decides the region (a region's name, or
全省/全市/合计 for the page's own region); an item's label (食品制造业) is the subject, in the page's region.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from loaders.extraction import patterns as P
from loaders.extraction import regions
from loaders.extraction.units import load_unit_factors

MIN_ROWS = 3
MAX_COLUMNS = 6
MAX_LABEL = 16
MAX_HEADER_CELLS = 14
MAX_HEADER_CELL = 40
MIN_PIPES = 4


@dataclass(frozen=True)
class Cell:
    start: int  # offsets into the body
    end: int
    text: str


@dataclass(frozen=True)
class Column:
    name: str
    unit: str
    measure: str  # level | share | growth
    phrase: str  # the indicator as the header words it (a growth column: the column it is the growth of)


@dataclass(frozen=True)
class TableRow:
    label: Cell
    values: tuple[Cell, ...]
    region: str | None  # the label's region, None for an item


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]  # the row numbers (序号) are no facts: data/number_reasons.csv says so
    year: int | None
    time_words: str  # the header's time (2014年上半年), for the period
    target: bool


def find_tables(body: str, doc_region: str | None) -> list[Table]:
    """Every flattened table of a body."""
    tables: list[Table] = []
    for cells in _cell_runs(body):
        tables += _tables_of(cells, doc_region)
    return tables


def _cell_runs(body: str) -> list[list[Cell]]:
    """The body as runs of cells: consecutive short lines form one run (prose ends it); a line with several `|`
    is a run of its own (its cells, after the short line before it: the table's title)."""
    runs: list[list[Cell]] = []
    current: list[Cell] = []
    offset = 0
    for line in body.split("\n"):
        stripped = line.strip()
        start = offset + line.find(stripped)
        if stripped.count("|") >= MIN_PIPES:
            runs += [current, [*current[-1:], *_pipe_cells(line, offset)]]
            current = []
        elif stripped and len(stripped) <= MAX_HEADER_CELL and not P.PROSE_END_RE.search(stripped):
            current.append(Cell(start, start + len(stripped), stripped))
        elif stripped:
            runs.append(current)
            current = []
        offset += len(line) + 1
    runs.append(current)
    return [run for run in runs if len(run) >= MIN_ROWS * 2]


def _pipe_cells(line: str, offset: int) -> list[Cell]:
    cells = []
    for m in P.PIPE_CELL_RE.finditer(line):
        text = m.group().strip()
        if text:
            start = offset + m.start() + m.group().find(text)
            cells.append(Cell(start, start + len(text), text))
    return cells


def _tables_of(cells: list[Cell], doc_region: str | None) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(cells):
        found = _table_at(cells, i, doc_region)
        if found is None:
            i += 1
            continue
        table, i = found
        tables.append(table)
    return tables


def _table_at(cells: list[Cell], i: int, doc_region: str | None) -> tuple[Table, int] | None:
    """The table whose first row starts at cells[i], and the index after its last row."""
    serial = _is_serial(cells[i], 1)
    first = i + 1 if serial else i
    width = _row_width(cells, first)
    if not width:
        return None
    rows, j = _rows(cells, i, width, serial)
    if len(rows) < MIN_ROWS:
        return None
    header = _header(cells[:i])
    columns = _columns(header, width, _title(header))
    if columns is None:
        return None
    time = next((c.text for c in reversed(header) if P.YEAR_RE.search(c.text)), "")
    year = int(P.YEAR_RE.search(time)[1]) if time else None
    target = any(P.TABLE_TARGET_RE.search(c.text) for c in header)
    placed = tuple(TableRow(label, values, _label_region(label.text, doc_region)) for label, values in rows)
    return Table(columns, placed, year, time, target), j


def _row_width(cells: list[Cell], i: int) -> int:
    """How many value cells follow the label at cells[i] (0: no row starts there)."""
    if i >= len(cells) or not _is_label(cells[i].text):
        return 0
    n = 0
    while i + 1 + n < len(cells) and _is_value(cells[i + 1 + n].text) and n < MAX_COLUMNS + 1:
        n += 1
    if n and i + 1 + n < len(cells) and _is_serial(cells[i + n], 2) and _is_label(cells[i + 1 + n].text):
        n -= 1  # 1 | 杭州市 | 2155.35 | 6.14 | 2 | 宁波市: the 2 numbers the next row
    return n if 1 <= n <= MAX_COLUMNS else 0


def _rows(cells: list[Cell], i: int, width: int, serial: bool) -> tuple[list[tuple[Cell, tuple[Cell, ...]]], int]:
    """The rows (label, values) from cells[i] on: [row number] label value × width, while the pattern holds."""
    rows: list[tuple[Cell, tuple[Cell, ...]]] = []
    while i < len(cells):
        numbered = serial and _is_serial(cells[i], len(rows) + 1)
        at = i + 1 if numbered else i
        values = cells[at + 1:at + 1 + width]
        if at >= len(cells) or not _is_label(cells[at].text) or len(values) < width \
                or not all(_is_value(c.text) for c in values):
            break
        rows.append((cells[at], tuple(values)))
        i = at + 1 + width
    return rows, i


def _header(before: list[Cell]) -> list[Cell]:
    """The cells right before the first row that are a header: short, not values."""
    header: list[Cell] = []
    for cell in reversed(before[-MAX_HEADER_CELLS:]):
        if _is_value(cell.text) or len(cell.text) > MAX_HEADER_CELL:
            break
        header.insert(0, cell)
    return header


def _title(header: list[Cell]) -> str:
    """What the table's title says it counts: 表1.2各市高新技术产业产值情况 → 高新技术产业产值."""
    for cell in header:
        text = P.TABLE_TITLE_NUMBER_RE.sub("", cell.text)
        if P.TABLE_TITLE_RE.search(text) and len(text) > 4:
            return P.TABLE_TITLE_WORDS_RE.sub("", text)
    return ""


def _columns(header: list[Cell], width: int, title: str = "") -> tuple[Column, ...] | None:
    """The value columns the header names, with their units: `产值(亿元)`, or a name and a later `(亿元)` cell."""
    names: list[tuple[str, str]] = []
    units: list[str] = []
    for cell in header:
        text = P.TABLE_TITLE_NUMBER_RE.sub("", cell.text)
        if m := P.UNIT_CELL_RE.fullmatch(text):
            units.append(m["unit"])
        elif m := P.NAMED_COLUMN_RE.fullmatch(text):
            names.append((m["name"], m["unit"] or ""))
    names = [(n, u) for n, u in names if not P.TABLE_LABEL_HEADER_RE.fullmatch(n) and not P.YEAR_RE.search(n)
             and not P.TABLE_TITLE_RE.search(n)]
    if len(names) < width:
        return None
    names = names[-width:]
    pending = iter(units[-sum(1 for _, u in names if not u):] if any(not u for _, u in names) else [])
    columns: list[Column] = []
    for name, unit in names:
        unit = unit or next(pending, "")
        if unit not in load_unit_factors():
            return None
        growth = unit == "%" and P.GROWTH_COLUMN_RE.search(name)
        measure = "growth" if growth else ("share" if unit == "%" else "level")
        named = title[:title.index(name) + len(name)] if name in title else name  # 产值 of 高新技术产业产值情况
        phrase = columns[-1].phrase if growth and columns else named
        columns.append(Column(name, unit, measure, phrase))
    return tuple(columns)


def _label_region(label: str, doc_region: str | None) -> str | None:
    if label == "全国":
        return regions.COUNTRY_CODE
    if P.OWN_TOTAL_LABEL_RE.fullmatch(label):
        return doc_region
    found = regions.find_mentions(label, doc_region)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(label):
        return found[0].code
    return None


def _is_label(text: str) -> bool:
    return 2 <= len(text) <= MAX_LABEL and bool(P.CJK_CHAR_RE.search(text)) and not P.YEAR_RE.search(text) \
        and not P.UNIT_CELL_RE.fullmatch(text)


def _is_value(text: str) -> bool:
    return bool(P.TABLE_VALUE_RE.fullmatch(text))


def _is_serial(cell: Cell, n: int) -> bool:
    return cell.text == str(n)


def cell_value(text: str) -> Decimal | None:
    """The number of a value cell; None for a dash (——: no figure)."""
    return Decimal(text) if P.TABLE_NUMBER_RE.fullmatch(text) else None


def table_figures(doc, frame) -> list:
    """One Figure per value cell of every table of a document (loaders.extraction.extract.Figure)."""
    from loaders.extraction.extract import Figure, Sentence

    out = []
    for table in find_tables(doc.body, doc.region_code):
        year = table.year or (frame.plan_year() if table.target else frame.now_year())
        for row in table.rows:
            sentence = Sentence(row.label.start, doc.body[row.label.start:row.values[-1].end])
            for cell, column in zip(row.values, table.columns):
                if (q := _quantity(cell, column, sentence.start)) is None:
                    continue
                f = Figure(q, sentence, 0, measure=column.measure, sign=-1 if cell.text.startswith("-") else 1)
                f.phrase, f.region = column.phrase, row.region or doc.region_code
                f.subject = None if row.region else row.label.text  # 食品制造业: an item of the page's region
                f.year, f.status, f.time_words = year, "target" if table.target else "actual", table.time_words
                out.append(f)
    return out


def _quantity(cell: Cell, column: Column, offset: int):
    """The cell's number in the column's unit, offsets relative to the row (the minus sign is the Figure's)."""
    from loaders.extraction.quantities import Quantity
    from loaders.extraction.wordings import make_quantity

    value = cell_value(cell.text)
    if value is None:
        return None
    start = cell.start - offset + (1 if cell.text.startswith("-") else 0)
    return make_quantity(Quantity, start, cell.end - offset, cell.end - offset, abs(value), column.unit)
