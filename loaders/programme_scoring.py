"""Score programme mentions against the hand-checked gold programme files (tests/gold/<document_id>.programmes.csv).

The gold lists each programme of a document once (`programme_key`), so scoring is per distinct name
per document: the predicted side is the set of normalised mention names of each gold document.

Matching criterion (for recall one-to-one: a predicted name is credited to at most one gold programme,
exact matches first):

1. *exact*: the names are equal after `normalise_name` (quotes “”‘’《》「」, spaces, middle dots ·•・
   and list punctuation 、，, removed; full-width brackets made ASCII).
2. *generic affixes*: the names are one core plus generic affixes: a generic head and a generic prefix listed in
   `loaders/data/programme_generic_affixes.csv` (建设, 活动, 工作, 政策, 改革 …; 国家, 省, 省级, 市 …), a
   region's full name (东阳市…考核) or a year (2024年…工作会) in front; where both names carry a prefix (or a
   head) it must be the same one: `四大平台` matches gold `四大平台建设`, `万人计划` matches gold `省万人计划`
   (but only one of `省万人计划` / `国家万人计划`, since matching is one-to-one, and `省万人计划` never
   matches `国家万人计划`). A name that merely overlaps, or differs by anything not on the list, does not match.

A gold programme is *found* when a predicted name is credited to it; recall = found / gold.
A predicted name is *correct* when it matches (exactly or by generic head) some gold programme of its
document, credited or not: `省科技特派员` next to `科技特派员` names the same programme twice and is not
spurious. Precision = correct predicted names / predicted names; the others are listed as spurious.
Type agreement (`programme_type` of the credited name = gold type) and region agreement (`region_code` of
the credited name = gold region, when the mentions carry one) are reported apart from both.

`score_corpus(docs_dir, gold_dir)` extracts a folder of documents and scores it; `score_sets()` does so for the
seeds (`tests/gold` against `corpus/`) and the dev set (`$SHARED_DIR/dev`), each reported apart:
`python -m loaders.programme_scoring [-v]`.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loaders.config import DATA_DIR

GENERIC_AFFIXES_FILE = DATA_DIR / "programme_generic_affixes.csv"
GOLD_SUFFIX = ".programmes.csv"
GOLD_COLUMNS = ("doc", "programme_key", "programme_type", "region_code", "evidence")
YEAR_PREFIX_RE = re.compile(r"(?:\d{4}年度?)?")
STRIPPED_CHARS_RE = re.compile(r"[“”‘’\"'《》「」『』\s·•・、，,]")
BRACKETS = str.maketrans({"（": "(", "）": ")"})


@dataclass(frozen=True)
class GoldProgramme:
    document_id: str
    name: str
    programme_type: str
    region_code: str
    evidence: str


@dataclass(frozen=True)
class PredictedName:
    document_id: str
    name: str  # normalised
    programme_type: str
    n_mentions: int
    region_code: str = ""


@dataclass
class ProgrammeScore:
    n_gold: int = 0
    n_predicted: int = 0
    n_found: int = 0
    n_correct: int = 0
    n_type_agree: int = 0
    n_region_agree: int = 0
    missed: list[GoldProgramme] = field(default_factory=list)
    spurious: list[PredictedName] = field(default_factory=list)
    type_mismatches: list[tuple[GoldProgramme, PredictedName]] = field(default_factory=list)
    region_mismatches: list[tuple[GoldProgramme, PredictedName]] = field(default_factory=list)
    by_document: dict[str, "ProgrammeScore"] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.n_correct / self.n_predicted if self.n_predicted else 0.0

    @property
    def recall(self) -> float:
        return self.n_found / self.n_gold if self.n_gold else 0.0

    @property
    def type_agreement(self) -> float:
        return self.n_type_agree / self.n_found if self.n_found else 0.0

    @property
    def region_agreement(self) -> float:
        return self.n_region_agree / self.n_found if self.n_found else 0.0

    def add(self, other: "ProgrammeScore") -> None:
        self.n_gold += other.n_gold
        self.n_predicted += other.n_predicted
        self.n_found += other.n_found
        self.n_correct += other.n_correct
        self.n_type_agree += other.n_type_agree
        self.n_region_agree += other.n_region_agree
        self.missed += other.missed
        self.spurious += other.spurious
        self.type_mismatches += other.type_mismatches
        self.region_mismatches += other.region_mismatches


def normalise_name(name: str) -> str:
    return STRIPPED_CHARS_RE.sub("", name.translate(BRACKETS))


@lru_cache(maxsize=1)
def generic_affixes() -> tuple[frozenset[str], frozenset[str]]:
    """(generic heads, generic prefixes) from programme_generic_affixes.csv."""
    heads: set[str] = set()
    prefixes: set[str] = set()
    with GENERIC_AFFIXES_FILE.open(encoding="utf-8", newline="") as fh:
        for lineno, row in enumerate(csv.DictReader(fh), start=2):
            kind, affix = (row.get("kind") or "").strip(), (row.get("affix") or "").strip()
            if kind not in ("head", "prefix") or not affix:
                raise ValueError(f"{GENERIC_AFFIXES_FILE}: row {lineno}: kind must be head|prefix and affix non-empty, got {row}")
            (heads if kind == "head" else prefixes).add(affix)
    return frozenset(heads), frozenset(prefixes)


def generic_match(a: str, b: str) -> bool:
    """Two different names that are one core plus generic affixes: at most one generic prefix each (a level word,
    a region's full name, a year) and one generic head each, and where both have one, the same one
    (省万人计划 ~ 万人计划 ~ 万人计划建设, but not 省万人计划 ~ 国家万人计划)."""
    if a == b:
        return False
    (pa, ca, ha), (pb, cb, hb) = split_affixes(a), split_affixes(b)
    return ca == cb and (not pa or not pb or pa == pb) and (not ha or not hb or ha == hb)


def split_affixes(name: str) -> tuple[str, str, str]:
    """(generic prefix, core, generic head) of a normalised name without its leading year; the core keeps at
    least two characters."""
    heads, prefixes = generic_affixes()
    rest = name[len(YEAR_PREFIX_RE.match(name)[0]):]  # a year says when, not which: it is dropped
    prefix = _longest_start(rest, prefixes | _region_names())
    rest = rest[len(prefix):]
    head = next((h for h in sorted(heads, key=len, reverse=True) if rest.endswith(h) and len(rest) - len(h) >= 2), "")
    return prefix, rest[: len(rest) - len(head)], head


def _longest_start(name: str, affixes: frozenset[str]) -> str:
    return max((a for a in affixes if name.startswith(a) and len(name) - len(a) >= 2), key=len, default="")


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    from loaders.extraction.regions import full_names

    return frozenset(full_names())


def read_gold_programmes(path: Path) -> list[GoldProgramme]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in GOLD_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {missing} in the header")
        rows = []
        for lineno, r in enumerate(reader, start=2):
            if not (r["doc"] or "").strip() or not (r["programme_key"] or "").strip():
                raise ValueError(f"{path}: row {lineno}: empty doc or programme_key")
            rows.append(GoldProgramme(r["doc"].strip(), r["programme_key"].strip(), r["programme_type"].strip(),
                                      r["region_code"].strip(), r["evidence"]))
    return rows


def gold_programme_files(gold_dir: Path) -> dict[str, Path]:
    return {p.name[: -len(GOLD_SUFFIX)]: p for p in sorted(gold_dir.glob(f"*{GOLD_SUFFIX}"))}


def predicted_names(mentions: list[dict], document_id: str) -> list[PredictedName]:
    """Distinct normalised names of one document's mentions, each with its most frequent type and region."""
    counts: dict[str, Counter[str]] = {}
    regions: dict[str, Counter[str]] = {}
    for m in mentions:
        if m["document_id"] == document_id and (name := normalise_name(m["name_zh"])):
            counts.setdefault(name, Counter())[m["programme_type"]] += 1
            regions.setdefault(name, Counter())[m.get("region_code") or ""] += 1
    return [PredictedName(document_id, name, types.most_common(1)[0][0], sum(types.values()),
                          regions[name].most_common(1)[0][0])
            for name, types in counts.items()]


def score_programmes(mentions: list[dict], gold_dir: Path) -> ProgrammeScore:
    """`mentions`: dicts with document_id, name_zh, programme_type (fct_programme_mention ⨝ dim_programme)."""
    total = ProgrammeScore()
    for document_id, path in gold_programme_files(gold_dir).items():
        doc_score = score_document(read_gold_programmes(path), predicted_names(mentions, document_id))
        total.by_document[document_id] = doc_score
        total.add(doc_score)
    return total


def score_document(gold: list[GoldProgramme], predicted: list[PredictedName]) -> ProgrammeScore:
    result = ProgrammeScore(n_gold=len(gold), n_predicted=len(predicted))
    unused = {p.name: p for p in predicted}
    pending: list[GoldProgramme] = []
    for g in gold:
        hit = unused.pop(normalise_name(g.name), None)
        if hit:
            _record(result, g, hit)
        else:
            pending.append(g)
    for g in pending:
        key = normalise_name(g.name)
        hit_name = next((n for n in unused if generic_match(n, key)), None)
        if hit_name:
            _record(result, g, unused.pop(hit_name))
        else:
            result.missed.append(g)
    keys = [normalise_name(g.name) for g in gold]
    for p in predicted:
        if any(p.name == k or generic_match(p.name, k) for k in keys):
            result.n_correct += 1
        else:
            result.spurious.append(p)
    return result


def _record(result: ProgrammeScore, gold: GoldProgramme, hit: PredictedName) -> None:
    result.n_found += 1
    if hit.programme_type == gold.programme_type:
        result.n_type_agree += 1
    else:
        result.type_mismatches.append((gold, hit))
    if hit.region_code == gold.region_code:
        result.n_region_agree += 1
    else:
        result.region_mismatches.append((gold, hit))


def corpus_mentions(corpus_dir: Path) -> list[dict]:
    """Extract the corpus directly (no warehouse) and return its mentions as dicts."""
    from loaders.corpus import read_corpus
    from loaders.extraction.extract import extract

    documents, _ = read_corpus(corpus_dir)
    rows: list[dict] = []
    for doc in documents:
        _, mentions = extract(doc)
        rows += [{"document_id": m.document_id, "name_zh": m.name_zh, "programme_type": m.programme_type,
                  "region_code": m.region_code or "", "char_start": m.char_start, "char_end": m.char_end} for m in mentions]
    return rows


def score_corpus(docs_dir: Path, gold_dir: Path) -> ProgrammeScore:
    """Extract every document of `docs_dir` and score its mentions against `gold_dir`."""
    return score_programmes(corpus_mentions(docs_dir), gold_dir)


def scored_sets() -> dict[str, tuple[Path, Path]]:
    """name → (documents, gold) of the sets with programme gold: the seeds, and the dev set when present."""
    from loaders.config import DEFAULT_CORPUS_DIR, GOLD_DIR, shared_dir

    sets = {"seeds": (DEFAULT_CORPUS_DIR, GOLD_DIR)}
    dev = shared_dir() / "dev"
    if (dev / "gold").is_dir():
        sets["dev"] = (dev / "docs", dev / "gold")
    return sets


def score_sets(sets: dict[str, tuple[Path, Path]] | None = None) -> dict[str, ProgrammeScore]:
    """Each set scored apart (default: `scored_sets()`)."""
    return {name: score_corpus(docs, gold) for name, (docs, gold) in (sets or scored_sets()).items()}


def summary_line(name: str, s: ProgrammeScore) -> str:
    return (f"{name:<8} gold {s.n_gold:>4}  names {s.n_predicted:>4}  found {s.n_found:>4}  P {s.precision:.3f}"
            f"  R {s.recall:.3f}  type {s.type_agreement:.3f}  region {s.region_agreement:.3f}")


def details(s: ProgrammeScore) -> str:
    lines = ["MISSED:", *[f"  {g.document_id[:3]} {g.name} ({g.programme_type})  [{g.evidence}]" for g in s.missed],
             "SPURIOUS:", *[f"  {p.document_id[:3]} {p.name} ({p.programme_type})" for p in s.spurious],
             "TYPE:", *[f"  {g.document_id[:3]} {g.name} gold={g.programme_type} got={p.programme_type}"
                        for g, p in s.type_mismatches],
             "REGION:", *[f"  {g.document_id[:3]} {g.name} gold={g.region_code} got={p.region_code}"
                          for g, p in s.region_mismatches]]
    return "\n".join(lines)


def report(result: ProgrammeScore) -> str:
    lines = [f"{'document':<24}{'gold':>5}{'pred':>5}{'found':>6}{'right':>6}{'P':>7}{'R':>7}{'type':>7}"]
    for doc, s in [*result.by_document.items(), ("overall", result)]:
        lines.append(f"{doc:<24}{s.n_gold:>5}{s.n_predicted:>5}{s.n_found:>6}{s.n_correct:>6}"
                     f"{s.precision:>7.3f}{s.recall:>7.3f}{s.type_agreement:>7.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    for set_name, set_score in score_sets().items():
        print(summary_line(set_name, set_score))
        if "-v" in sys.argv:
            print(report(set_score), details(set_score), sep="\n")
