"""Topic quality and speed of every LDA engine on the 新闻联播 stories, side by side.

    python benchmarks/bench_topics.py [--k 20] [--repeats 3] [--no-spark] [--no-e2e]
                                      [--quick]

Units: the corpus's stories with at least 3 tokens (as `topics discover --unit
article`: 16,498 of 16,831). Reference tokenization, the same for every engine and
for the scorer: each story segmented by topics' default `Segmenter` (rjieba, policy
terms kept whole, general and policy stop words, numbers, punctuation and 1-character
tokens dropped). Every engine is given the words of those tokens that are in at least
5 and at most 50 % of the stories (scikit-learn's CountVectorizer `min_df=5,
max_df=0.5`, as `topics discover`): gensim, scikit-learn and `topics` as that count
matrix, tomotopy as the token lists restricted to those words, MLlib as a DataFrame
of the unpruned token arrays through its own `CountVectorizer(minDF=5, maxDF=0.5)`,
which keeps the same words (checked), so the only difference is the model.

Scores, for every engine the same scorer and reference texts: NPMI is gensim's
`c_npmi` of each topic's top 10 words (boolean sliding window of 10 tokens) over the
unpruned token lists of all units; C_V is gensim's `c_v` (window 110) over the same;
diversity is the share of unique words among the topics' top 25. Both coherences are
computed by `topics.topicmodel.coherence`, which equals gensim to rounding (tested)
and is 20-50 times faster. (`topics discover` writes NPMI over a fixed sample of 5,000
units in its report, so its figure is lower than this one.)

Fit time is wall-clock training only (for MLlib: `LDA.fit` on cached vectors; session
start and CountVectorizer are printed apart). Engines marked `runs` > 1 are fitted
with seeds 0 .. runs-1: fit time is the median, quality the mean ± sd over seeds,
and NPMI of seed 0 is shown too. `topics discover` end to end (ingest, segment, fit,
inference, coherence, report) runs through the real CLI in a fresh process:
wall-clock median, CPU seconds and the largest process's peak RSS.
The machine's load average is printed: on a shared machine, timings are inflated.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"
MIN_DF, MAX_DF, MIN_TOKENS = 5, 0.5, 3


@dataclass
class Data:
    texts: list[list[str]]            # unpruned tokens of each unit: the reference
    pruned: list[list[str]]           # the same, restricted to the vocabulary
    X: object                         # counts (units x vocabulary)
    vocab: list[str]


@dataclass
class Row:
    name: str
    fit_secs: list[float] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    note: str = ""


def prepare(corpus: Path) -> Data:
    from topics.corpus.ingest import ingest
    from topics.features import bag_of_words
    from topics.segment import Segmenter
    from topics.units import make_units, tokenize_units

    articles, _ = ingest([corpus], n_jobs=2)
    units = tokenize_units(make_units(articles, "article"), Segmenter(), n_jobs=2)
    texts = [u.tokens for u in units if len(u.tokens) >= MIN_TOKENS]
    X, vocab = bag_of_words(texts, min_df=MIN_DF, max_df=MAX_DF)
    keep = set(vocab)
    return Data(texts, [[w for w in t if w in keep] for t in texts], X, vocab)


def top_words(topic_word, vocab, n=25) -> list[list[str]]:
    order = np.argsort(-np.asarray(topic_word), axis=1, kind="stable")[:, :n]
    return [[vocab[i] for i in row] for row in order]


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


# -- engines: each returns (fit seconds, top 25 words per topic) --------------------
def gensim_lda(data: Data, k: int, seed: int, multicore: bool = False):
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaModel, LdaMulticore

    corpus = list(Sparse2Corpus(data.X, documents_columns=False))
    model_class, extra = (LdaMulticore, {"workers": 2}) if multicore else (LdaModel, {})
    secs, model = timed(lambda: model_class(corpus, num_topics=k, passes=5,
                                            id2word=dict(enumerate(data.vocab)),
                                            random_state=seed, **extra))
    return secs, top_words(model.get_topics(), data.vocab)


def sklearn_lda(data: Data, k: int, seed: int):
    from sklearn.decomposition import LatentDirichletAllocation

    lda = LatentDirichletAllocation(n_components=k, learning_method="online",
                                    max_iter=10, random_state=seed, n_jobs=2)
    secs, _ = timed(lambda: lda.fit(data.X))
    return secs, top_words(lda.components_, data.vocab)


def tomotopy_lda(data: Data, k: int, seed: int, iters: int):
    """tomotopy's own defaults (no term weighting, alpha 0.1, eta 0.01), 2 workers."""
    import tomotopy as tp

    model = tp.LDAModel(k=k, seed=seed)
    for doc in data.pruned:
        if doc:
            model.add_doc(doc)
    with warnings.catch_warnings():  # "may differ if workers != 1": known
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        secs, _ = timed(lambda: model.train(iters, workers=2))
    return secs, [[w for w, _ in model.get_topic_words(t, top_n=25)] for t in range(k)]


def topics_model(data: Data, k: int, seed: int, **params):
    from topics.topicmodel import TopicModel

    model = TopicModel(k, random_state=seed, n_jobs=2, **params)
    secs, _ = timed(lambda: model.fit(data.X))
    return secs, top_words(model.components_, data.vocab)


# -- MLlib ---------------------------------------------------------------------------
@dataclass
class Spark:
    """A local[2] session with the units' token arrays vectorised and cached."""

    session: object
    vectors: object
    vocab: list[str]
    start_secs: float
    vectorize_secs: float

    def lda(self, k: int, seed: int, iters: int):
        from pyspark.ml.clustering import LDA

        lda = LDA(k=k, maxIter=iters, optimizer="online", seed=seed,
                  featuresCol="features")
        secs, model = timed(lambda: lda.fit(self.vectors))
        rows = model.describeTopics(25).orderBy("topic").collect()
        return secs, [[self.vocab[i] for i in r.termIndices] for r in rows]


def _spark(data: Data) -> Spark:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.ml.feature import CountVectorizer
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master("local[2]").appName("bench_topics")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.memory", "4g"))
    start_secs, session = timed(builder.getOrCreate)
    session.sparkContext.setLogLevel("ERROR")
    frame = session.createDataFrame([(doc,) for doc in data.texts],
                                    "tokens array<string>")
    t = time.perf_counter()
    cv = CountVectorizer(inputCol="tokens", outputCol="features", minDF=MIN_DF,
                         maxDF=MAX_DF).fit(frame)
    vectors = cv.transform(frame).select("features").cache()
    vectors.count()
    vocab = list(cv.vocabulary)
    if set(vocab) != set(data.vocab):
        raise SystemExit(f"MLlib kept {len(vocab)} words, topics {len(data.vocab)}: "
                         "the vocabularies must be equal")
    return Spark(session, vectors, vocab, start_secs, time.perf_counter() - t)


def start_spark(data: Data):
    """``(Spark, "")`` or, without pyspark or Java, ``(None, why not)``."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return None, "pyspark is not installed (pip install pyspark)"
    try:
        return _spark(data), ""
    except Exception as exc:  # no Java, no local IP ...: say so and go on
        return None, f"Spark could not start: {str(exc).splitlines()[0][:200]}"


# -- scoring and printing ---------------------------------------------------------
def score(words, texts) -> dict:
    from topics.topicmodel import coherence

    return {"npmi": coherence.npmi(words, texts, topn=10)[0],
            "c_v": coherence.c_v(words, texts, topn=10)[0],
            "diversity": coherence.diversity(words, topn=25)[0]}


def run_engine(name, fn, seeds, texts) -> Row:
    row = Row(name)
    for seed in seeds:
        secs, words = fn(seed)
        row.fit_secs.append(secs)
        row.scores.append(score(words, texts))
    print(format_row(row), flush=True)
    return row


def mean_sd(values) -> str:
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


HEADER = (f"{'engine':<56} {'runs':>4} {'fit s':>7} {'NPMI s0':>7} "
          f"{'NPMI mean':>13} {'C_V':>13} {'diversity':>13}")


def format_row(row: Row) -> str:
    s = row.scores
    return (f"{row.name:<56} {len(s):>4} {statistics.median(row.fit_secs):>7.1f} "
            f"{s[0]['npmi']:>7.3f} {mean_sd([x['npmi'] for x in s]):>13} "
            f"{mean_sd([x['c_v'] for x in s]):>13} "
            f"{mean_sd([x['diversity'] for x in s]):>13}")


# -- end to end ---------------------------------------------------------------------
E2E_CHILD = """
import resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    text=True)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, rc.returncode)
"""


def end_to_end(corpus: Path, k: int) -> tuple[float, float, float]:
    """``(wall s, CPU s, peak RSS GB)`` of one `topics discover` in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-c", E2E_CHILD, sys.executable, "-m", "topics",
               "discover", str(corpus), "--unit", "article", "--k", str(k),
               "--out", tmp, "-j", "2", "-q"]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    wall, cpu, rss_kb, rc = out.split()
    # exit 1 = some records were reported (the corpus has 328 stories with empty text)
    if int(rc) not in (0, 1):
        raise SystemExit(f"topics discover failed with exit code {rc}")
    return float(wall), float(cpu), int(rss_kb) / 1024 ** 2


def machine_state() -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load} (1, 5, 15 min)"


def engines(data: Data, k: int, repeats: int, spark, quick: bool = False):
    """(name, fit(seed), seeds) for every engine, the cheaper ones repeated; ours
    first. ``quick`` leaves out the two slowest peers."""
    many, one = list(range(repeats)), [0]
    rows = [("topics TopicModel defaults (NMF start, 20 it., IDF)",
             lambda s: topics_model(data, k, s), many),
            ("topics before (random start, 100 it., IDF, 2 workers)",
             lambda s: topics_model(data, k, s, init="random", n_iter=100), many)]
    if spark is not None:
        rows += [("MLlib online LDA, 20 iterations, local[2]",
                  lambda s: spark.lda(k, s, 20), many),
                 ("MLlib online LDA, 50 iterations, local[2]",
                  lambda s: spark.lda(k, s, 50), one)]
    rows += [
        ("tomotopy, 100 Gibbs iterations, 2 workers",
         lambda s: tomotopy_lda(data, k, s, 100), many),
        ("gensim LdaModel, 5 passes", lambda s: gensim_lda(data, k, s), many),
        ("gensim LdaMulticore, 5 passes, 2 workers",
         lambda s: gensim_lda(data, k, s, multicore=True), one),
    ]
    if not quick:
        rows += [("tomotopy, 1000 Gibbs iterations, 2 workers",
                  lambda s: tomotopy_lda(data, k, s, 1000), one),
                 ("scikit-learn online LDA, 10 iterations, 2 jobs",
                  lambda s: sklearn_lda(data, k, s), one)]
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3,
                    help="seeds for the cheaper engines and runs of the end-to-end "
                         "command (default 3)")
    ap.add_argument("--no-spark", action="store_true", help="skip MLlib")
    ap.add_argument("--no-e2e", action="store_true", help="skip `topics discover`")
    ap.add_argument("--quick", action="store_true",
                    help="leave out tomotopy 1000 iterations and scikit-learn")
    args = ap.parse_args()

    print(f"machine: {machine_state()}")
    t = time.perf_counter()
    data = prepare(args.corpus)
    print(f"prepared in {time.perf_counter() - t:.1f} s: {len(data.texts)} stories, "
          f"{len(data.vocab)} words in >= {MIN_DF} and <= {MAX_DF:.0%} of them, "
          f"{int(data.X.sum())} tokens; k = {args.k}")
    print("reference: every unit's unpruned tokens from topics' default Segmenter; "
          "NPMI = gensim c_npmi, top 10, window 10; C_V window 110; diversity top 25")
    spark, note = (None, "skipped (--no-spark)") if args.no_spark else start_spark(data)
    if spark is not None:
        print(f"MLlib: session start {spark.start_secs:.1f} s, CountVectorizer "
              f"{spark.vectorize_secs:.1f} s, {len(spark.vocab)} words (same as ours)")
    else:
        print(f"MLlib rows skipped: {note}")
    print(f"\n{HEADER}", flush=True)
    for name, fn, seeds in engines(data, args.k, args.repeats, spark, args.quick):
        run_engine(name, fn, seeds, data.texts)
    if spark is not None:
        spark.session.stop()
    if not args.no_e2e:
        report_end_to_end(args.corpus, args.k, args.repeats)
    print(f"\nmachine at the end: {machine_state()}")


def report_end_to_end(corpus: Path, k: int, repeats: int) -> None:
    runs = [end_to_end(corpus, k) for _ in range(repeats)]
    walls = ", ".join(f"{r[0]:.1f}" for r in runs)
    print(f"\n`topics discover --unit article --k {k} -j 2` end to end "
          "(ingest .. report), "
          f"{repeats} runs: median {statistics.median(r[0] for r in runs):.1f} s wall "
          f"({walls}), {statistics.median(r[1] for r in runs):.1f} CPU s, peak RSS "
          f"{max(r[2] for r in runs):.2f} GB (largest process)")


if __name__ == "__main__":
    main()
