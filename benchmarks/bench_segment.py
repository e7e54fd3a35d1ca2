"""Ingest + clean + segment the 新闻联播 corpus, beside plain jieba/rjieba loops.

    python benchmarks/bench_segment.py [--repeats 3] [--jobs 2]

Prints wall-clock medians over the repeats. `topics` runs the whole pipeline
(decode, normalise, repair, clean, segment with policy terms and stop words);
the peers only segment the raw texts, so they do less work than we do.
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"


def timed(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def ours(jobs):
    from topics.corpus.ingest import ingest
    from topics.segment import Segmenter, segment_many

    articles, errors = ingest([CORPUS], n_jobs=jobs)
    paras = [p for a in articles for p in a.paragraphs]
    tokens = list(segment_many(paras, Segmenter(), n_jobs=jobs))
    return len(articles), len(paras), sum(map(len, tokens))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--peer-repeats", type=int, default=1, help="the jieba loop takes about a minute a run")
    args = ap.parse_args()
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    chars = sum(map(len, texts))
    print(f"corpus: {len(texts)} stories, {chars / 1e6:.2f} M characters")

    import jieba
    import rjieba

    rows = []
    t, (n_art, n_para, n_tok) = timed(lambda: ours(args.jobs), args.repeats)
    rows.append((f"topics ingest+clean+segment ({args.jobs} workers)", t, f"{n_art} articles, {n_para} paragraphs, {n_tok} content tokens"))
    inst = rjieba.Jieba()
    t, n = timed(lambda: sum(len(inst.cut(x, True)) for x in texts), args.repeats)
    rows.append(("plain rjieba.cut loop (segment only)", t, f"{n} raw tokens"))
    tok = jieba.Tokenizer()
    tok.initialize()
    t, n = timed(lambda: sum(len(tok.lcut(x)) for x in texts), args.peer_repeats)
    rows.append(("plain jieba.lcut loop (segment only)", t, f"{n} raw tokens"))

    base = rows[-1][1]
    print(f"\n{'run':<50} {'median s':>9} {'vs jieba':>9}  output")
    for name, secs, note in rows:
        print(f"{name:<50} {secs:>9.2f} {base / secs:>8.1f}x  {note}")


if __name__ == "__main__":
    main()
