"""Score extracted observations against hand-checked gold files (tests/gold/<document_id>.csv, and the dev
set's gold in the shared folder).

A gold fact is *found* when an observation of the same document has the same value_base, unit_base and
measure; it is *correct* when region, year, status and indicator agree too. The headline figures are over
correct facts: precision = correct / observations of the gold documents, recall = correct / gold facts.
Per-field accuracy (region, year, status, indicator) is over the found facts.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from loaders.extraction.indicators import map_phrase, normalise_phrase

VALUE_TOLERANCE = 1e-6


@dataclass
class GoldFact:
    document_id: str
    evidence: str
    value_base: float
    unit_base: str
    measure: str
    status: str
    region_code: str
    period_year: int | None
    indicator: str
    unit: str


FIELDS = ("region", "year", "status", "indicator")


@dataclass
class Score:
    n_gold: int = 0
    n_predicted: int = 0
    n_found: int = 0
    n_correct: int = 0
    n_wrong_field: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    missed: list[GoldFact] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)
    wrong: list[tuple[GoldFact, dict, list[str]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.n_found / self.n_predicted if self.n_predicted else 0.0

    @property
    def recall(self) -> float:
        return self.n_found / self.n_gold if self.n_gold else 0.0

    @property
    def correct_rate(self) -> float:
        return self.n_correct / self.n_gold if self.n_gold else 0.0

    @property
    def correct_precision(self) -> float:
        """Fully correct facts among the observations of the gold documents."""
        return self.n_correct / self.n_predicted if self.n_predicted else 0.0

    @property
    def correct_recall(self) -> float:
        """Fully correct facts among the gold facts."""
        return self.correct_rate

    def field_accuracy(self, name: str) -> float:
        """Among the found facts, the share whose `name` (region, year, status, indicator) is right."""
        return 1 - self.n_wrong_field[name] / self.n_found if self.n_found else 0.0


def read_gold(path: Path) -> list[GoldFact]:
    facts = []
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, r in enumerate(csv.DictReader(fh), start=2):
            try:
                facts.append(GoldFact(
                    r["doc"], r["evidence"], float(r["value_base"]), r["unit_base"], r["measure"], r["status"],
                    r["region_code"], int(r["period_year"]) if r["period_year"] else None, r["indicator_key"], r["unit"],
                ))
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}: row {lineno}: {exc}") from None
    return facts


def gold_files(gold_dir: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(gold_dir.glob("*.csv")) if not p.name.endswith(".programmes.csv")}


def score(predicted: list[dict], gold_dir: Path) -> Score:
    """`predicted`: observation rows (dicts with the fct_indicator_observation columns)."""
    result = Score()
    for document_id, path in gold_files(gold_dir).items():
        gold = read_gold(path)
        rows = [r for r in predicted if r["document_id"] == document_id]
        result.n_gold += len(gold)
        result.n_predicted += len(rows)
        _score_document(gold, rows, result)
    return result


def _score_document(gold: list[GoldFact], rows: list[dict], result: Score) -> None:
    unused = list(range(len(rows)))
    for fact in gold:
        candidates = [i for i in unused if _same_quantity(fact, rows[i])]
        if not candidates:
            result.missed.append(fact)
            continue
        best = max(candidates, key=lambda i: (_evidence_overlap(fact, rows[i]), -len(_disagreements(fact, rows[i]))))
        unused.remove(best)
        result.n_found += 1
        bad = _disagreements(fact, rows[best])
        for name in bad:
            result.n_wrong_field[name] += 1
        if bad:
            result.wrong.append((fact, rows[best], bad))
        else:
            result.n_correct += 1
    result.spurious += [rows[i] for i in unused]


def _same_quantity(fact: GoldFact, row: dict) -> bool:
    return (
        abs(float(row["value_base"]) - fact.value_base) <= VALUE_TOLERANCE * max(1.0, abs(fact.value_base))
        and row["unit_base"] == fact.unit_base
        and row["measure"] == fact.measure
    )


CONTEXT_CHARS = 24


def _evidence_overlap(fact: GoldFact, row: dict) -> int:
    """The longest run of the gold evidence found around the number (its body context when known, else its
    sentence): several equal numbers of one sentence (全市排名第2 three times) are told apart by their context."""
    sentence = (row.get("context") or row["sentence"]).replace(" ", "")
    evidence = fact.evidence.replace(" ", "")
    return max((n for n in range(len(evidence), 3, -1) for i in range(len(evidence) - n + 1) if evidence[i:i + n] in sentence), default=0)


def _disagreements(fact: GoldFact, row: dict) -> list[str]:
    bad = []
    if row["region_code"] != fact.region_code:
        bad.append("region")
    if row["period_year"] != fact.period_year:
        bad.append("year")
    if row["status"] != fact.status:
        bad.append("status")
    if not indicator_agrees(fact.indicator, row["indicator_phrase"] or "", row.get("indicator_code")):
        bad.append("indicator")
    return bad


def indicator_agrees(gold_phrase: str, phrase: str, code: str | None) -> bool:
    """Same catalogue code when both map; else one phrase contains the other or they share most characters."""
    gold_code = map_phrase(gold_phrase)
    if gold_code and code and gold_code == code:
        return True
    a, b = normalise_phrase(gold_phrase), normalise_phrase(phrase)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    shared = len(set(a) & set(b))
    return shared / min(len(set(a)), len(set(b))) >= 0.75


def corpus_observations(docs_dir: Path) -> list[dict]:
    """Every observation of a corpus folder, extracted in-process exactly as a build reads and extracts it."""
    from dataclasses import asdict

    from loaders.corpus import read_corpus
    from loaders.extraction.extract import extract

    documents, _ = read_corpus(docs_dir)
    rows = []
    for doc in documents:
        for o in extract(doc)[0]:
            row = asdict(o)
            row["context"] = doc.body[max(0, o.char_start - CONTEXT_CHARS):o.char_end + CONTEXT_CHARS]
            rows.append(row)
    return rows


def score_corpus(docs_dir: Path, gold_dir: Path) -> Score:
    """Score a corpus folder against its gold folder without building a warehouse."""
    return score(corpus_observations(docs_dir), gold_dir)
