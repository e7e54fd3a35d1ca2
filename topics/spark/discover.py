"""Topic discovery with the corpus on a cluster.

Units and tokens are made on the executors (``topics.spark.steps``); the vocabulary is
counted there by MLlib's ``CountVectorizer`` with the document-frequency rule of
``topics.features.bag_of_words`` (so the same words, sorted the same way); then
``fit_topics`` runs as on one machine, with any engine (``engine="spark"`` fits LDA on
the cluster too). The units come back to the driver in the local run's order, because
every output (``doc_topics.csv``, the report's typical paragraphs, theme evidence)
names them; their counts over the vocabulary are made there, which is cheaper than
collecting MLlib's vectors. With the default engine the topics are those of a run on
one machine.
"""
from __future__ import annotations

from functools import partial

from topics.errors import ConfigError
from topics.features import counts_for
from topics.settings import SegmentSettings, TopicSettings
from topics.spark.steps import collect_sorted, keep, segmenter_for, tokenize, units_of


def _enough(min_tokens: int, item: tuple) -> bool:
    return len(item[1].tokens) >= min_tokens


def _tokens_row(unit) -> tuple:
    return (unit.tokens,)


def _max_count(min_df, max_df, n: int) -> float:
    """MLlib's ``maxDF`` for our ``max_df`` (a share; MLlib reads 1.0 as one unit)."""
    if isinstance(min_df, int) and min_df > n:
        raise ConfigError(f"min_df={min_df} is more than the {n} units there are; "
                          "lower min_df (--min-df)")
    return float(max_df) if max_df < 1 else float(n)


def vocabulary_on_spark(spark, units, n: int, *, min_df=5, max_df=0.5) -> list[str]:
    """The words of ``bag_of_words``' vocabulary, counted on the cluster by MLlib's
    ``CountVectorizer``: in at least ``min_df`` (a count, or a share) and at most
    ``max_df`` (a share) of the ``n`` units; sorted as scikit-learn sorts them."""
    from pyspark.ml.feature import CountVectorizer

    max_count = _max_count(min_df, max_df, n)
    frame = spark.createDataFrame(units.map(_tokens_row), "tokens array<string>")
    frame = frame.cache()
    try:
        model = CountVectorizer(inputCol="tokens", outputCol="counts",
                                minDF=float(min_df), maxDF=max_count,
                                vocabSize=1 << 30).fit(frame)
    finally:
        frame.unpersist()
    if not model.vocabulary:
        raise ConfigError(f"min_df={min_df}, max_df={max_df} removed every word from "
                          f"{n} units; lower min_df, raise max_df or check the "
                          "stop-word list")
    return sorted(model.vocabulary)


def discover_on_spark(spark, corpus, topics: TopicSettings, segment: SegmentSettings,
                      scheme, *, mapper=None, seed: int = 0, n_jobs: int = 1,
                      resolve=None, progress=None):
    """``discover_articles`` for a ``SparkCorpus``: a ``TopicResult``."""
    from topics.topicmodel.pipeline import fit_topics

    units = units_of(corpus, topics.unit)
    seg = segmenter_for(units, segment, resolve=resolve)
    kept = keep(tokenize(spark, units, seg).filter(partial(_enough, topics.min_tokens)))
    try:
        local = collect_sorted(kept)
        counts = None
        if local:
            vocabulary = vocabulary_on_spark(spark, kept.values(), len(local),
                                             min_df=topics.min_df_value,
                                             max_df=topics.max_df)
            counts = counts_for([u.tokens for u in local], vocabulary), vocabulary
    finally:
        kept.unpersist()
    return fit_topics(local, topics, scheme, seg.get_params(), mapper=mapper, seed=seed,
                      n_jobs=n_jobs, progress=progress, counts=counts)
