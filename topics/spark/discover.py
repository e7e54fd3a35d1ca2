"""Topic discovery with the corpus on a cluster.

Units and tokens are made on the executors (``topics.spark.steps``); the bag of words
is counted there by MLlib's ``CountVectorizer`` with the same document-frequency rule
as ``topics.features.bag_of_words`` (so the same vocabulary, in the same alphabetical
order, and the same counts); then ``fit_topics`` runs as on one machine, with any
engine (``engine="spark"`` fits LDA on the cluster too). The units come back to the
driver in the local run's order, because every output (``doc_topics.csv``, the
report's typical paragraphs, theme evidence) names them: with the default engine the
topics are those of a run on one machine.
"""
from __future__ import annotations

from functools import partial

import numpy as np
from scipy import sparse

from topics.errors import ConfigError
from topics.settings import SegmentSettings, TopicSettings
from topics.spark.steps import keep, segmenter_for, tokenize, units_of


def _enough(min_tokens: int, item: tuple) -> bool:
    return len(item[1].tokens) >= min_tokens


def _index_first(pair: tuple) -> tuple:
    (_, unit), i = pair
    return i, unit


def _tokens_row(item: tuple) -> tuple:
    return item[0], item[1].tokens


def _check_df(min_df, max_df, n: int) -> float:
    """MLlib's ``maxDF`` for our ``max_df`` (a share; MLlib reads 1.0 as one unit)."""
    if isinstance(min_df, int) and min_df > n:
        raise ConfigError(f"min_df={min_df} is more than the {n} units there are; "
                          "lower min_df (--min-df)")
    return float(max_df) if max_df < 1 else float(n)


def bag_of_words_on_spark(spark, indexed, n: int, *, min_df=5,
                          max_df=0.5) -> tuple[sparse.csr_matrix, list[str]]:
    """``bag_of_words`` of ``(row, Unit)`` pairs (rows 0..n-1), counted on the cluster:
    words in at least ``min_df`` and at most ``max_df`` of the units."""
    from pyspark.ml.feature import CountVectorizer

    max_count = _check_df(min_df, max_df, n)
    frame = spark.createDataFrame(indexed.map(_tokens_row),
                                  "row long, tokens array<string>")
    model = CountVectorizer(inputCol="tokens", outputCol="counts", minDF=float(min_df),
                            maxDF=max_count, vocabSize=1 << 30).fit(frame)
    if not model.vocabulary:
        raise ConfigError(f"min_df={min_df}, max_df={max_df} removed every word from "
                          f"{n} units; lower min_df, raise max_df or check the stop-word "
                          "list")
    found = list(model.vocabulary)
    order = sorted(range(len(found)), key=found.__getitem__)   # as scikit-learn sorts
    column = np.empty(len(found), dtype=np.int64)
    column[order] = np.arange(len(found))
    vocabulary = [found[i] for i in order]
    rows = model.transform(frame).select("row", "counts").collect()
    return _csr(rows, column, n, len(vocabulary)), vocabulary


def _csr(rows, column: np.ndarray, n: int, n_words: int) -> sparse.csr_matrix:
    """Rows of MLlib sparse vectors -> CSR, columns renumbered, indices sorted."""
    lengths = np.zeros(n + 1, dtype=np.int64)
    parts: list = [None] * n
    for row, vec in rows:
        idx = column[np.asarray(vec.indices, dtype=np.int64)]
        order = np.argsort(idx, kind="stable")
        parts[row] = (idx[order], np.asarray(vec.values, dtype=np.float64)[order])
        lengths[row + 1] = len(idx)
    indptr = np.cumsum(lengths)
    indices = np.concatenate([p[0] for p in parts]) if n else np.zeros(0, np.int64)
    data = np.concatenate([p[1] for p in parts]) if n else np.zeros(0)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, n_words))


def discover_on_spark(spark, corpus, topics: TopicSettings, segment: SegmentSettings,
                      scheme, *, mapper=None, seed: int = 0, n_jobs: int = 1,
                      resolve=None, progress=None):
    """``discover_articles`` for a ``SparkCorpus``: a ``TopicResult``."""
    from topics.topicmodel.pipeline import fit_topics

    units = units_of(corpus, topics.unit)
    seg = segmenter_for(units, segment, resolve=resolve)
    kept = tokenize(spark, units, seg).filter(partial(_enough, topics.min_tokens))
    indexed = keep(kept.sortByKey(numPartitions=corpus.partitions).zipWithIndex()
                   .map(_index_first))
    try:
        local = [u for _, u in sorted(indexed.collect(), key=lambda iu: iu[0])]
        counts = None
        if local:
            counts = bag_of_words_on_spark(spark, indexed, len(local),
                                           min_df=topics.min_df_value,
                                           max_df=topics.max_df)
    finally:
        indexed.unpersist()
    return fit_topics(local, topics, scheme, seg.get_params(), mapper=mapper, seed=seed,
                      n_jobs=n_jobs, progress=progress, counts=counts)
