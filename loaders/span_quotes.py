"""The text every landed span quotes from its document's body (the model intermediate.int_span_quotes), computed
once per build, document by document, so that no model or test slices a body per row in SQL.

DuckDB's `substr` on a non-ASCII string walks the string from its start (1.5 ms per call at 1,000,000 characters
of Chinese): a test slicing the body once per observation costs facts × body length (a 1 MB document with 5,000
facts: 40 s in the quarantine alone, 6 GiB for the build; benchmarks/long_document.md). Python slices a `str` in constant time, so here each document's body is read once and every
span of it sliced: cost linear in body length plus spans. The slices are exactly
`substr(body, char_start + 1, char_end - char_start)` (0-based, end exclusive, in code points) for offsets that
lie in the body; `quoted_text` is null when they do not (a negative start, an end before the start).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb
import pyarrow as pa

CONTEXT_CHARS = 10  # text_before / text_after: at most this many characters either side of the span
BODIES_PER_FETCH = 64


@dataclass(frozen=True)
class SpanSource:
    kind: str  # span_kind in the model
    table: str
    id_column: str
    where: str = "true"


SOURCES: tuple[SpanSource, ...] = (
    SpanSource("observation", "raw.observations", "observation_id"),
    SpanSource("programme_mention", "raw.programme_mentions", "mention_id"),
    SpanSource("number", "raw.number_spans", "number_id", "accounted_as = 'unaccounted'"),  # review_unaccounted_numbers
)
DOCUMENTS = "raw.documents"
SCHEMA = pa.schema([("span_kind", pa.string()), ("span_id", pa.string()), ("document_id", pa.string()),
                    ("char_start", pa.int32()), ("char_end", pa.int32()), ("body_chars", pa.int32()),
                    ("quoted_text", pa.string()), ("text_before", pa.string()), ("text_after", pa.string())])


def span_quotes(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """One row per span of SOURCES: its offsets, its document's length and the text it quotes (and around it)."""
    spans = _spans_by_document(con)
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    cursor = con.cursor()
    cursor.execute(f"select document_id, body from {DOCUMENTS}")
    while rows := cursor.fetchmany(BODIES_PER_FETCH):
        for document_id, body in rows:
            for kind, span_id, start, end in spans.pop(document_id, ()):
                _append(columns, (kind, span_id, document_id, start, end), body or "")
    for document_id, orphans in spans.items():  # spans of no landed document: no body to quote
        for kind, span_id, start, end in orphans:
            _append(columns, (kind, span_id, document_id, start, end), None)
    cursor.close()
    return pa.table(columns, schema=SCHEMA)


def _spans_by_document(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    union = " union all ".join(
        f"select '{s.kind}', {s.id_column}, document_id, char_start, char_end from {s.table} where {s.where}"
        for s in SOURCES)
    grouped: dict[str, list[tuple]] = defaultdict(list)
    for kind, span_id, document_id, start, end in con.execute(union).fetchall():
        grouped[document_id].append((kind, span_id, start, end))
    return grouped


def _append(columns: dict[str, list], span: tuple, body: str | None) -> None:
    kind, span_id, document_id, start, end = span
    quoted = before = after = None
    if body is not None and start is not None and end is not None and 0 <= start <= end:
        quoted = body[start:end]
        before = body[max(start - CONTEXT_CHARS, 0):start]
        after = body[end:end + CONTEXT_CHARS]
    for name, value in zip(SCHEMA.names, (kind, span_id, document_id, start, end,
                                          None if body is None else len(body), quoted, before, after)):
        columns[name].append(value)
