"""Reports of the number accounting (loaders.extraction.accounting): for corpus folders without building
(`python -m loaders accounting`), and from a built warehouse (the main command's summary)."""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from loaders import config
from loaders.tables import render

SHARED_CORPORA = ("corpus", "dev/docs", "wild/docs")
COUNT_HEADERS = ("corpus", "documents", "numbers", "observation", "programme", "non-fact", "unaccounted", "share accounted")


def shared_corpora() -> list[Path]:
    """The seeds, dev and wild corpora of the shared folder ($SHARED_DIR, default ../shared)."""
    return [config.shared_dir() / name for name in SHARED_CORPORA]


def accounting_report(folders: list[Path], top: int = 15, listing: bool = False) -> str:
    """One line of counts per corpus folder, then each corpus's reasons and commonest unaccounted patterns."""
    from loaders.extraction.accounting import account_corpus, top_patterns

    rows, details = [], []
    for folder in folders:
        accounting, bodies = account_corpus(folder, progress=sys.stderr.isatty())
        rows.append((str(folder), len(bodies), accounting.n_numbers, accounting.count("observation"),
                     accounting.count("programme"), accounting.count("non_fact"), accounting.count("unaccounted"),
                     f"{accounting.share_accounted:.4f}"))
        reasons = render(("reason", "numbers"), accounting.by_reason().most_common())
        patterns = render(("unaccounted pattern", "numbers"), top_patterns(accounting, bodies, top))
        details.append(f"\n{folder}\n{reasons}\n\n{patterns}")
        if listing:
            details.append(_listing(accounting, bodies))
    return render(COUNT_HEADERS, rows, max_width=60) + "\n" + "\n".join(details)


def _listing(accounting, bodies: dict[str, str]) -> str:
    rows = []
    for n in accounting.unaccounted():
        body = bodies[n.document_id]
        context = body[max(0, n.char_start - 20): n.char_start] + "【" + n.number_text + "】" + body[n.char_end: n.char_end + 15]
        rows.append((n.document_id, n.char_start, context.replace("\n", "⏎")))
    return "\n" + render(("document", "at", "context"), rows, max_width=70)


def warehouse_accounting(path: Path) -> str | None:
    """The corpus row of marts.number_accounting_share as a table, or None when the warehouse has none."""
    with duckdb.connect(str(path), read_only=True) as con:
        exists = con.execute("select count(*) from duckdb_tables() where schema_name = 'marts' "
                             "and table_name = 'number_accounting_share'").fetchone()[0]
        if not exists:
            return None
        row = con.execute(
            "select n_documents, n_numbers, n_observation, n_programme, n_non_fact, n_unaccounted, share_accounted "
            "from marts.number_accounting_share where scope = 'corpus'").fetchone()
    if row is None:
        return None
    corpus = str(config.corpus_dir())
    return render(COUNT_HEADERS, [(corpus, *row[:-1], f"{row[-1]:.4f}")], max_width=60)
