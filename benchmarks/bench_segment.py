"""Ingest + clean + segment the 新闻联播 corpus, beside a plain rjieba loop.

    python benchmarks/bench_segment.py [--repeats 5] [--jobs 2] [--jieba]

Every measurement runs in a fresh Python process (imports done, nothing cached), and
the runs are interleaved repeat by repeat so that a change in machine load hits them
all alike. Printed: median wall-clock and CPU seconds (process and its workers) and
the ratio of each median wall time to the plain loop's.

- ``plain rjieba.cut loop``: one core, ``inst.cut(text, True)`` over the raw story
  texts, already in memory, dictionary already loaded (issue 11's yardstick);
- ``topics ingest``: the corpus file -> clean ``Article`` records (read, decode, JSON,
  normalise, clean, repair), one process;
- ``topics segment``: those articles' paragraphs -> content tokens (a new
  ``Segmenter``: policy terms, stop words), one process;
- ``topics ingest + segment``: both, from the file to the tokens, with 1 and with
  ``--jobs`` worker processes, as ``topics segment FILE -j N`` runs them.

Our runs include everything a fresh command pays after its imports (loading the
dictionaries and OpenCC, starting workers); the plain loop does not read the file or
load its dictionary, and it does less work than we do (no cleaning, no policy terms,
no filtering). Issue 11's target compares ``ingest + segment`` with 2 workers (as
``-j 2`` runs it on our 2-core machines) to the single-core plain loop.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"
RUNS = {
    "plain": "plain rjieba.cut loop (1 core)",
    "jieba": "plain jieba.lcut loop (1 core)",
    "ingest": "topics ingest (read, decode, clean), 1 process",
    "segment": "topics segment (paragraphs -> tokens), 1 process",
    "e2e": "topics ingest + segment, {jobs} worker(s)",
}


def _cpu() -> float:
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def _digest(token_lists) -> str:
    h = hashlib.sha256()
    for toks in token_lists:
        h.update("\t".join(toks).encode() + b"\n")
    return h.hexdigest()[:12]


def _measure(kind: str, corpus: Path, jobs: int) -> dict:
    """Run one measurement in this (fresh) process; only the timed part is timed."""
    import opencc  # noqa: F401  (modules our pipeline imports on first use: their
    import rjieba  # noqa: F401  import is not timed, as the plain loop's is not)

    from topics.corpus.ingest import ingest
    from topics.segment import Segmenter, segment_many

    if kind in ("plain", "jieba"):
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh]
        if kind == "plain":
            import rjieba

            inst = rjieba.Jieba()
            cut = lambda s: inst.cut(s, True)  # noqa: E731
        else:
            import jieba

            inst = jieba.Tokenizer()
            inst.initialize()
            cut = inst.lcut
        cut("预热")
        run = lambda: [cut(x) for x in texts]  # noqa: E731
    elif kind == "ingest":
        run = lambda: ingest([corpus])[0]  # noqa: E731
    elif kind == "segment":
        paras = [p for a in ingest([corpus])[0] for p in a.paragraphs]
        run = lambda: list(segment_many(paras, Segmenter()))  # noqa: E731
    else:
        def run():
            articles, _ = ingest([corpus], n_jobs=jobs)
            paras = [p for a in articles for p in a.paragraphs]
            return list(segment_many(paras, Segmenter(), n_jobs=jobs))
    cpu, wall = _cpu(), time.perf_counter()
    out = run()
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    if kind == "ingest":
        note = f"{len(out)} articles, {sum(len(a.paragraphs) for a in out)} paragraphs"
    else:
        note = f"{sum(map(len, out))} tokens" + ("" if kind in ("plain", "jieba")
                                                  else f", sha256 {_digest(out)}")
    return {"wall": wall, "cpu": cpu, "note": note}


def _run_fresh(kind: str, corpus: Path, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--one", kind, "--jobs", str(jobs), "--corpus", str(corpus)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--jieba", action="store_true",
                    help="also time the pure-Python jieba loop (about 30 s a run)")
    ap.add_argument("--one", choices=sorted(RUNS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one, args.corpus, args.jobs)))
        return
    plan = [("plain", 1)] + ([("jieba", 1)] if args.jieba else [])
    plan += [("ingest", 1), ("segment", 1), ("e2e", 1)]
    plan += [("e2e", args.jobs)] if args.jobs != 1 else []
    print(f"corpus: {args.corpus.name}; {args.repeats} repeats on {os.cpu_count()} cores; "
          f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    results: dict = {step: [] for step in plan}
    for _ in range(args.repeats):
        for kind, jobs in plan:
            results[(kind, jobs)].append(_run_fresh(kind, args.corpus, jobs))
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    base = statistics.median(r["wall"] for r in results[("plain", 1)])
    print(f"{'run':<50} {'wall s':>7} {'CPU s':>7} {'÷ plain':>8}  output")
    for (kind, jobs), rs in results.items():
        wall = statistics.median(r["wall"] for r in rs)
        cpu = statistics.median(r["cpu"] for r in rs)
        name = RUNS[kind].format(jobs=jobs)
        print(f"{name:<50} {wall:>7.2f} {cpu:>7.2f} {wall / base:>7.2f}x  {rs[-1]['note']}")


if __name__ == "__main__":
    main()
