"""Units, segmentation and labelling on the executors, with the local functions.

The segmenter and the classifier are broadcast (each executor's Python worker unpickles
them once and keeps them between tasks); each partition is then processed exactly as a
chunk of articles is locally: ``make_units``, ``Segmenter.tokens``,
``label_articles``. A paragraph's probabilities depend on its own text only (sparse
features, row by row) and its labels on its own article's paragraphs, so labels do not
depend on how articles fall into partitions or batches: they are those of the
single-machine run.
"""
from __future__ import annotations

import itertools
from collections import Counter
from functools import partial, reduce
from operator import add

from topics.classify.label import label_articles, theme_counts
from topics.segment import Segmenter, count_quoted_terms, segmenter_from
from topics.settings import LabelSettings, SegmentSettings
from topics.units import make_units


# -- on the executors ----------------------------------------------------------------
def _units(unit: str, item: tuple) -> list[tuple]:
    key, article = item
    return [((*key, i), u) for i, u in enumerate(make_units([article], unit))]


def _quoted(items) -> list[Counter]:
    return [count_quoted_terms(u.text for _, u in items)]


def _tokenize(segmenter, items):
    seg = segmenter.value
    for key, u in items:
        u.tokens = seg.tokens(u.text)
        yield key, u


def _label(classifier, batch: int, context: float, items):
    clf = classifier.value
    it = iter(items)
    while chunk := list(itertools.islice(it, batch)):
        keys = [k for k, _ in chunk]
        yield from zip(keys, label_articles([a for _, a in chunk], clf, context=context))


def _counts(items) -> list[Counter]:
    return [theme_counts(r for _, r in items)]


# -- on the driver -------------------------------------------------------------------
def units_of(corpus, unit: str = "paragraph"):
    """``(key, Unit)`` pairs: every paragraph (or article) of the corpus."""
    return corpus.rdd.flatMap(partial(_units, unit))


def segmenter_for(units, settings: SegmentSettings, *, resolve=None) -> Segmenter:
    """``segmenter_from``, quoted phrases counted on the cluster (``learn_quoted``)."""
    from pathlib import Path

    quoted = None
    if settings.learn_quoted:
        quoted = reduce(add, units.mapPartitions(_quoted).collect(), Counter())
    return segmenter_from(settings, resolve=resolve or Path, quoted=quoted)


def tokenize(spark, units, segmenter: Segmenter):
    """The units with their tokens filled in on the executors."""
    shared = spark.sparkContext.broadcast(segmenter)
    return units.mapPartitions(partial(_tokenize, shared))


def label(spark, corpus, classifier, *, batch: int = LabelSettings.batch,
          context: float = LabelSettings.context):
    """``(key, record)`` for every article: ``label_articles``' records, made on the
    executors in batches of ``batch`` articles."""
    shared = spark.sparkContext.broadcast(classifier)
    return corpus.rdd.mapPartitions(partial(_label, shared, batch, context))


def summary_counts(records) -> Counter:
    """``theme_counts`` of every labelled record, added up over the partitions."""
    return reduce(add, records.mapPartitions(_counts).collect(), Counter())


def keep(rdd):
    """``rdd`` kept on the executors' local disks for the steps that reuse it. Not in
    memory: a Python RDD's cached blocks are byte arrays on the JVM heap that Spark
    does not evict in time, and 30 copies of the 新闻联播 corpus (2.3 GB of them) ran a
    local session's default 1 GB heap out of memory; read back from disk, they cost
    one sequential read."""
    from pyspark import StorageLevel

    return rdd.persist(StorageLevel.DISK_ONLY)


def collect_sorted(pairs) -> list:
    """The values of ``(key, value)`` pairs on the driver, in the local run's order."""
    return [v for _, v in sorted(pairs.collect(), key=lambda kv: kv[0])]


# -- rows for the output folders -----------------------------------------------------
def _article_dict(item: tuple) -> dict:
    return item[1].to_dict()


def _token_row(item: tuple) -> dict:
    key, u = item
    return {"unit_id": u.id, "article_id": u.article_id, "paragraph": key[-1],
            "tokens": u.tokens}


def _table_rows(kind: str, classes, item: tuple) -> list[dict]:
    from topics.classify.label import article_rows, paragraph_rows

    return (article_rows if kind == "article" else paragraph_rows)([item[1]], classes)


def article_dicts(corpus):
    """Each article as ``topics ingest`` writes it."""
    return corpus.rdd.map(_article_dict)


def token_rows(units):
    """Each segmented paragraph as ``topics segment`` writes it."""
    return units.map(_token_row)


def table_rows(records, kind: str, classes):
    """The article (``kind="article"``) or paragraph table rows of labelled records,
    as ``topics label`` writes them."""
    return records.flatMap(partial(_table_rows, kind, classes))
