"""Extraction against jieba accurate mode on the same texts, in one process (issue 11).

    .venv/bin/python scripts/benchmark_extraction.py            # best of 3 rounds
    .venv/bin/python scripts/benchmark_extraction.py --rounds 5 --profile /tmp/extract.prof

The texts are the distinct source documents of `benchmarks/run.py` (corpus/, ../shared/dev/docs,
../shared/wild/docs), read and normalised first (not timed). Each round times `jieba.lcut(body)` (accurate
mode, HMM on) over every body, then `extract(doc)` over every document, once, as `benchmarks/run.py` does; jieba
and the lexicons are warmed up on one document before. Each round is a fresh process, so that no cache of a
round serves the next. The ratio is jieba's time over extraction's, each the best of the rounds (≥ 1:
extraction is at least as fast as jieba). Timings are wall time; compare only numbers of the same run.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def load_documents() -> list:
    from run import source_folders  # benchmarks/run.py: the same folders as the scale benchmark

    from loaders.corpus import list_files, read_document, read_manifest

    docs = []
    for folder in source_folders():
        manifest = read_manifest(folder)
        docs += [read_document(p, manifest.get(p.name)) for p in list_files(folder)]
    return docs


def one_round(docs: list, clock=time.perf_counter, interleaved: bool = False) -> tuple[float, float]:
    """(jieba seconds, extraction seconds) of one pass over the documents, in this process: jieba over every
    body, then extraction of every document, as benchmarks/run.py times them (or document by document)."""
    import jieba

    from loaders.extraction.extract import extract

    jieba.lcut("预热")
    extract(docs[0])
    if interleaved:  # document by document, jieba then extraction: both see the same load of the machine
        jieba_s = extract_s = 0.0
        for d in docs:
            started = clock()
            jieba.lcut(d.body)
            middle = clock()
            extract(d)
            jieba_s, extract_s = jieba_s + middle - started, extract_s + clock() - middle
        return jieba_s, extract_s
    started = clock()
    for d in docs:
        jieba.lcut(d.body)
    jieba_s = clock() - started
    started = clock()
    for d in docs:
        extract(d)
    return jieba_s, clock() - started


def time_rounds(rounds: int, flags: list[str]) -> tuple[float, float]:
    """The best jieba and extraction times of `rounds` fresh processes."""
    results = []
    for _ in range(rounds):
        command = [sys.executable, __file__, "--one-round", *flags]
        out = subprocess.run(command, check=True, capture_output=True, text=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return min(r[0] for r in results), min(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="also write a cProfile of one extraction pass here")
    parser.add_argument("--cpu", action="store_true",
                        help="time the process's CPU time instead of wall time (steadier on a busy machine)")
    parser.add_argument("--interleaved", action="store_true",
                        help="time jieba and extraction document by document (the ratio is steadier on a busy machine)")
    parser.add_argument("--one-round", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    docs = load_documents()
    if args.one_round:
        print(json.dumps(one_round(docs, time.process_time if args.cpu else time.perf_counter, args.interleaved)))
        return
    chars = sum(len(d.body) for d in docs)
    megabytes = sum(len(d.body.encode("utf-8")) for d in docs) / 1e6
    flags = (["--cpu"] if args.cpu else []) + (["--interleaved"] if args.interleaved else [])
    jieba_s, extract_s = time_rounds(args.rounds, flags)
    print(f"{len(docs)} documents, {chars:,} chars ({megabytes:.2f} MB UTF-8), best of {args.rounds} fresh processes, "
          f"{'CPU' if args.cpu else 'wall'} time{', interleaved' if args.interleaved else ''}")
    print(f"jieba.lcut  {jieba_s:6.3f} s  {megabytes / jieba_s:.3f} MB/s  {chars / jieba_s:,.0f} chars/s")
    print(f"extract     {extract_s:6.3f} s  {megabytes / extract_s:.3f} MB/s  {chars / extract_s:,.0f} chars/s")
    print(f"ratio (jieba time / extraction time): {jieba_s / extract_s:.2f}")
    if args.profile:
        from loaders.extraction.extract import extract

        extract(docs[0])
        profiler = cProfile.Profile()
        profiler.enable()
        for d in docs:
            extract(d)
        profiler.disable()
        profiler.dump_stats(args.profile)
        print(f"profile → {args.profile}")


if __name__ == "__main__":
    main()
