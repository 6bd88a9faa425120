"""Catalogue coverage: the share of a corpus's observations that map to a catalogue indicator.

`python scripts/indicator_coverage.py` extracts each corpus in-process (no warehouse) and prints, per corpus,
how many observations carry an `indicator_code`, and the most frequent unmapped phrases (the review list
`marts.review_unmapped_indicators` would show after a build).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from loaders.corpus import read_corpus
from loaders.extraction.extract import extract
from loaders.extraction.records import Observation


@dataclass
class Coverage:
    corpus: str
    n_documents: int = 0
    n_observations: int = 0
    n_mapped: int = 0
    unmapped: Counter = field(default_factory=Counter)  # phrase → count

    @property
    def share(self) -> float:
        return self.n_mapped / self.n_observations if self.n_observations else 0.0

    def line(self) -> str:
        return (f"{self.corpus:<8} documents {self.n_documents:>4}  observations {self.n_observations:>6}  "
                f"mapped {self.n_mapped:>6}  = {self.share:6.1%}")


def corpus_observations(docs_dir: Path) -> tuple[int, list[Observation]]:
    """Every observation the extractor finds in a corpus folder (documents it cannot read are skipped)."""
    documents, _rejected = read_corpus(docs_dir)
    observations: list[Observation] = []
    for document in documents:
        observations += extract(document)[0]
    return len(documents), observations


def coverage(name: str, docs_dir: Path) -> Coverage:
    n_documents, observations = corpus_observations(docs_dir)
    result = Coverage(name, n_documents, len(observations))
    for observation in observations:
        if observation.indicator_code:
            result.n_mapped += 1
        else:
            result.unmapped[observation.indicator_phrase or ""] += 1
    return result
