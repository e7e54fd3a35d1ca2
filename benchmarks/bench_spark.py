"""Spark (``local[2]``) against one machine, on the 新闻联播 corpus and on it replicated.

    python benchmarks/bench_spark.py [--sizes 1,10,30] [--repeats 3] [--big-repeats 1]

1. End to end, ``topics label CORPUS -o OUT`` as a new process each time (start-up
   included): one machine with ``-j 2`` against ``--spark local[2]``, on the corpus
   and on 10 and 30 copies of it (written to a temporary folder, removed at the end).
   Wall time (median of the repeats) and the peak resident memory of the driver (the
   ``topics`` process), of Spark's JVM and of the Python workers (``-j`` processes or
   Spark's), sampled every 0.2 s with psutil.
2. Stage costs on one warm ``local[2]`` session (corpus 1x): read + clean, segment,
   label, CountVectorizer, MLlib online LDA (k = 20, 20 iterations), beside the same
   stages in one local process; CPU-milliseconds per article.
3. Labelling throughput (paragraphs/s): the broadcast model on the articles kept by
   Spark (warm workers) against the local loop (``label_articles``, batches of 500).
4. A paper calculation: a 10-million-article province corpus on 8 executors x 4 cores,
   from the measured per-article costs (scaled by article length).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"
MASTER = "local[2]"


# -- 1. end to end ------------------------------------------------------------------
class Peaks:
    """Peak RSS (MB) of a process tree, by role, sampled in a thread."""

    def __init__(self, pid: int, every: float = 0.2):
        self.pid, self.every = pid, every
        self.peak = {"driver": 0.0, "jvm": 0.0, "workers": 0.0, "total": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self, psutil) -> None:
        root = psutil.Process(self.pid)
        now = {"driver": 0.0, "jvm": 0.0, "workers": 0.0}
        for p in [root, *root.children(recursive=True)]:
            try:
                rss = p.memory_info().rss / 2**20
                role = ("driver" if p.pid == self.pid else
                        "jvm" if "java" in p.name() else "workers")
            except psutil.Error:
                continue
            now[role] += rss
        now["total"] = sum(now.values())
        for k, v in now.items():
            self.peak[k] = max(self.peak[k], v)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                self._sample(psutil)
            except psutil.Error:
                pass
            self._stop.wait(self.every)


def run_label(corpus: Path, out: Path, spark: bool) -> tuple[float, dict]:
    """One ``topics label`` process: (wall seconds, peak MB by role)."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "topics", "label", str(corpus), "-q"]
    if spark:
        cmd += ["-o", str(out), "--spark", MASTER]
    else:
        cmd += ["-o", str(out) + ".parquet", "-j", "2"]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    with Peaks(proc.pid) as peaks:
        _, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed: {err[-2000:]}")
    return wall, peaks.peak


def replicate(folder: Path, times: int) -> Path:
    """``times`` copies of the corpus in a folder (part files, as Spark users have)."""
    target = folder / f"x{times}"
    target.mkdir()
    for i in range(times):
        shutil.copyfile(CORPUS, target / f"part-{i:03d}.jsonl.gz")
    return target


def end_to_end(sizes, repeats: int, big_repeats: int, scratch: Path) -> list[dict]:
    rows = []
    for size in sizes:
        corpus = CORPUS if size == 1 else replicate(scratch, size)
        for spark in (False, True):
            n = repeats if size <= 10 else big_repeats
            runs = [run_label(corpus, scratch / "out", spark) for _ in range(n)]
            walls = [w for w, _ in runs]
            peak = {k: max(p[k] for _, p in runs) for k in runs[0][1]}
            mode = "spark local[2]" if spark else "one machine -j 2"
            rows.append({"size": size, "mode": mode, "wall": statistics.median(walls),
                         "walls": walls, **peak})
            print(f"  {size:>3}x {rows[-1]['mode']:<18} {rows[-1]['wall']:8.1f} s "
                  f"({', '.join(f'{w:.1f}' for w in walls)})", flush=True)
    return rows


# -- 2. and 3. stages and throughput -------------------------------------------------
def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def local_stages() -> dict:
    """The stages in one process (one core): seconds each."""
    from topics.classify.label import label_articles, load_classifier
    from topics.corpus.ingest import ingest
    from topics.features import bag_of_words
    from topics.segment import Segmenter
    from topics.topicmodel.estimator import TopicModel
    from topics.units import make_units

    s = {}
    s["read + clean"], (articles, _) = timed(lambda: ingest([CORPUS]))
    seg = Segmenter()
    units = make_units(articles, "article")
    s["segment"], tokens = timed(lambda: [seg.tokens(u.text) for u in units])
    clf = load_classifier()
    s["label"], _ = timed(lambda: [r for i in range(0, len(articles), 500)
                                   for r in label_articles(articles[i:i + 500], clf)])
    docs = [t for t in tokens if len(t) >= 3]
    s["count words"], (X, _) = timed(lambda: bag_of_words(docs, min_df=5, max_df=0.5))
    s["LDA (topics default: tomotopy, NMF start, 20 it.)"], _ = timed(
        lambda: TopicModel(20, engine="tomotopy", random_state=0).fit(X))
    return {"stages": s, "articles": len(articles),
            "paragraphs": sum(len(a.paragraphs) for a in articles),
            "chars": sum(len(p) for a in articles for p in a.paragraphs)}


def spark_stages() -> dict:
    """The stages on one warm local[2] session: seconds each, and labelling rates."""
    from topics.classify.label import label_articles, load_classifier
    from topics.settings import ReadSettings, SegmentSettings
    from topics.features import counts_for
    from topics.spark.discover import vocabulary_on_spark
    from topics.spark.read import read_corpus
    from topics.spark.session import start_session
    from topics.spark.steps import keep, label, segmenter_for, tokenize, units_of
    from topics.topicmodel.spark_engine import fit_spark
    from topics.settings import SparkSettings

    spark = start_session(SparkSettings(master=MASTER))
    s = {}
    s["read + clean"], corpus = timed(lambda: read_corpus(spark, [CORPUS],
                                                          ReadSettings()))
    n_articles = corpus.count()
    units = units_of(corpus, "article")
    seg = segmenter_for(units, SegmentSettings())
    toks = keep(tokenize(spark, units, seg))
    s["segment"], _ = timed(toks.count)
    clf = load_classifier()
    s["label"], _ = timed(lambda: label(spark, corpus, clf).count())   # cold workers
    warm, _ = timed(lambda: label(spark, corpus, clf).count())
    docs = keep(toks.filter(lambda kv: len(kv[1].tokens) >= 3).values())
    local_docs = [u.tokens for u in docs.collect()]
    s["count words"], X = timed(lambda: counts_for(
        local_docs, vocabulary_on_spark(spark, docs, len(local_docs))))
    s["LDA (MLlib online, 20 it.)"], _ = timed(lambda: fit_spark(
        X, 20, n_iter=20, alpha=None, eta=None, random_state=0, n_jobs=2))
    articles = corpus.articles()
    n_par = sum(len(a.paragraphs) for a in articles)
    loop, _ = timed(lambda: [r for i in range(0, len(articles), 500)
                             for r in label_articles(articles[i:i + 500], clf)])
    spark.stop()
    return {"stages": s, "articles": n_articles, "paragraphs": n_par,
            "rates": {"broadcast model, warm workers (local[2])": n_par / warm,
                      "local loop, one process": n_par / loop}}


# -- 4. on paper ---------------------------------------------------------------------
def paper(local: dict, spark: dict, n: float = 10e6, cores: int = 32,
          chars_per_article: float = 1500.0) -> list[tuple]:
    """Hours for ``n`` articles on ``cores`` cores from the one-core local costs (scaled
    by article length), and the same from Spark's local[2] costs (2 cores)."""
    scale = chars_per_article / (local["chars"] / local["articles"])
    rows = []
    for name, secs in local["stages"].items():
        per = secs / local["articles"] * scale         # core-seconds per article
        base = name.split(" (")[0]
        key = next(k for k in spark["stages"] if k.split(" (")[0] == base)
        sp = spark["stages"][key] * 2 / spark["articles"] * scale
        rows.append((name, per * 1e3, sp * 1e3, n * per / cores / 3600,
                     n * sp / cores / 3600))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,10,30")
    ap.add_argument("--repeats", type=int, default=3, help="runs per size up to 10x")
    ap.add_argument("--big-repeats", type=int, default=1, help="runs per larger size")
    ap.add_argument("--skip-end-to-end", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    scratch = Path(tempfile.mkdtemp(prefix="bench-spark-"))
    try:
        sizes = [int(x) for x in args.sizes.split(",")]
        rows = [] if args.skip_end_to_end else end_to_end(sizes, args.repeats,
                                                          args.big_repeats, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    local, spark = local_stages(), spark_stages()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    report(rows, local, spark)


def report(rows, local, spark) -> None:
    if rows:
        print("\n1. topics label, end to end (new process, start-up included)")
        print(f"{'size':>5} {'mode':<18} {'median s':>9} {'driver MB':>10} "
              f"{'JVM MB':>8} {'workers MB':>11} {'total MB':>9}")
        for r in rows:
            print(f"{r['size']:>4}x {r['mode']:<18} {r['wall']:>9.1f} "
                  f"{r['driver']:>10.0f} {r['jvm']:>8.0f} {r['workers']:>11.0f} "
                  f"{r['total']:>9.0f}")
    print(f"\n2. stages, corpus 1x ({local['articles']} articles, "
          f"{local['paragraphs']} paragraphs): seconds")
    print(f"{'stage (one process / local[2])':<52} {'one process':>12} {'local[2]':>9}")
    for (name, secs), (sname, ssecs) in zip(local["stages"].items(),
                                            spark["stages"].items()):
        label = name if name == sname else f"{name} / {sname}"
        print(f"{label:<52} {secs:>12.1f} {ssecs:>9.1f}")
    print("\n3. labelling throughput (paragraphs/s)")
    for name, rate in spark["rates"].items():
        print(f"  {name:<45} {rate:>8.0f}")
    print("\n4. 10 million articles of 1,500 characters on 8 executors x 4 cores "
          "(32 cores), perfect scaling assumed")
    print(f"{'stage':<28} {'ms/article/core (local)':>24} {'(Spark)':>8} "
          f"{'hours (local cost)':>19} {'(Spark cost)':>13}")
    for name, per, sp, h, hs in paper(local, spark):
        print(f"{name:<28} {per:>24.2f} {sp:>8.2f} {h:>19.2f} {hs:>13.2f}")


if __name__ == "__main__":
    main()
