"""`extract FILE --explain`: the scopes the discourse model found and every figure's decisions, as tables."""
from __future__ import annotations

from loaders.extraction.extract import extract_figures
from loaders.extraction.records import Document

SNIPPET = 16


def explain(doc: Document, render) -> str:
    """`render(headers, rows, max_width=…)` draws a table (loaders.tables.render)."""
    frame, figures, _ = extract_figures(doc)
    head = (f"report year {frame.report_year} (published {frame.publication_year}), kind {frame.kind}, "
            f"plan year {frame.plan_year()}")
    scopes = [(s.start, s.end, s.level, s.heading[:30], s.year or "", s.status or "") for s in frame.scopes
              if s.year or s.status or s.level > 0]
    rows = [(f.sentence.start + f.q.num_start, f.sentence.text[max(0, f.q.num_start - SNIPPET):f.q.end].strip(),
             f.measure, f.phrase, f.status, f.year, f.region, f.subject or "", "yes" if f.cumulative else "")
            for f in figures]
    return "\n\n".join([
        head,
        "scopes\n" + render(("start", "end", "level", "heading", "year", "status"), scopes, max_width=32),
        "figures\n" + render(("at", "text", "measure", "indicator", "status", "year", "region", "subject", "stock"),
                             rows, max_width=28),
    ])
