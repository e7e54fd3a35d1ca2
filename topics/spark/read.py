"""Files -> articles on the executors, with the local readers (``SparkCorpus``).

Spark reads each file whole as bytes (the ``binaryFile`` source) and the executors
hand them to ``topics.corpus.ingest``: a page or WARC file to ``read_file`` where it
was read; a JSONL/CSV/Parquet file to ``record_jobs``, whose records are then spread
over ``partitions`` (a ``.jsonl.gz`` is one unsplittable file, so it would otherwise be
one task) and cleaned by ``run_job``, as every record is locally.

Each article (or error) carries the key ``(file number, job, article)``: sorting by it
gives the local run's order (``SparkCorpus.articles``).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from topics.corpus.article import Article
from topics.corpus.ingest import (RECORD_SUFFIXES, WARC_SUFFIXES, read_file, record_jobs,
                                   run_job)
from topics.errors import InputError
from topics.settings import ReadSettings, SparkSettings
from topics.spark.files import MAX_FILE, escape_glob, glob_filter, list_inputs
from topics.spark.session import default_partitions


@dataclass
class SparkCorpus:
    """Articles read on a cluster. ``rdd``: ``(key, Article)`` pairs kept on the
    executors (memory, then disk); ``errors``: every input that failed, in local order;
    ``partitions``: how many parts later steps spread the work over."""

    spark: object
    rdd: object
    errors: list[InputError]
    partitions: int
    cached: object = None

    def count(self) -> int:
        return self.rdd.count()

    def articles(self) -> list[Article]:
        """Every article on the driver, in the local run's order."""
        return [a for _, a in sorted(self.rdd.collect(), key=lambda kv: kv[0])]

    def release(self) -> None:
        """Free the executors' copy of the articles."""
        if self.cached is not None:
            self.cached.unpersist()


# -- on the executors ----------------------------------------------------------------
def _known(files, row) -> bool:
    return row.path in files.value


def _page_items(files, opts: ReadSettings, row) -> list[tuple]:
    """A page or WARC file's articles (and errors), read where its bytes are."""
    number, path = files.value[row.path]
    items = read_file(path, opts, bytes(row.content))
    return [((number, 0, i), item) for i, item in enumerate(items)]


def _jobs_of(files, opts: ReadSettings, row) -> list[tuple]:
    """A record file's records, each a job for ``run_job`` once spread out."""
    number, path = files.value[row.path]
    jobs = record_jobs(path, opts, bytes(row.content))
    return [((number, j, 0), job) for j, job in enumerate(jobs)]


def _run(opts: ReadSettings, keyed_job: tuple) -> list[tuple]:
    key, job = keyed_job
    return [((*key[:2], i), item) for i, item in enumerate(run_job(opts, job))]


def _is_error(item: tuple) -> bool:
    return isinstance(item[1], InputError)


def _is_article(item: tuple) -> bool:
    return not isinstance(item[1], InputError)


# -- on the driver -------------------------------------------------------------------
@contextlib.contextmanager
def _min_partitions(spark, n: int) -> Iterator[None]:
    """Have the file source cut its input into at least ``n`` parts while planning."""
    key = "spark.sql.files.minPartitionNum"
    old = spark.conf.get(key, None)
    spark.conf.set(key, str(n))
    try:
        yield
    finally:
        spark.conf.unset(key) if old is None else spark.conf.set(key, old)


def _content(spark, roots: list[str], opts: ReadSettings, records: bool):
    """The files under ``roots`` as ``(path, content)`` rows: record files or the rest;
    files over the size limits are never read (listed as errors already)."""
    from pyspark.sql import functions as F

    lower = F.lower(F.col("path"))
    is_record = F.lit(False)
    for suffix in RECORD_SUFFIXES:
        is_record = is_record | lower.endswith(suffix)
    is_warc = lower.endswith(WARC_SUFFIXES[0]) | lower.endswith(WARC_SUFFIXES[1])
    size = F.col("length")
    small = (size <= opts.max_bytes) | (is_warc & (size <= MAX_FILE))
    frame = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
             .option("pathGlobFilter", glob_filter())
             .load([escape_glob(r) for r in roots]))
    kind = is_record if records else ~is_record
    return frame.where(small & kind).select("path", "content")


def read_corpus(spark, paths, read: ReadSettings | None = None,
                settings: SparkSettings | None = None) -> SparkCorpus:
    """Read and clean ``paths`` (local paths or URIs) on the cluster; nothing is
    computed until the errors are gathered here, once."""
    from topics.spark.steps import keep

    read, settings = read or ReadSettings(), settings or SparkSettings()
    sc = spark.sparkContext
    files, errors = list_inputs(spark, paths, read)
    n = default_partitions(spark, settings, [(f.uri, f.size) for f in files])
    if not files:
        return SparkCorpus(spark, sc.emptyRDD(), errors, n)
    known = sc.broadcast({f.uri: (f.number, f.path) for f in files})
    roots = list(dict.fromkeys(f.root for f in files))
    with _min_partitions(spark, n):
        pages = _content(spark, roots, read, records=False).rdd
        records = _content(spark, roots, read, records=True).rdd
    items = (pages.filter(partial(_known, known))
             .flatMap(partial(_page_items, known, read)))
    jobs = (records.filter(partial(_known, known))
            .flatMap(partial(_jobs_of, known, read))
            .repartition(n).flatMap(partial(_run, read)))
    items = keep(items.union(jobs))
    failed = items.filter(_is_error).collect()
    errors += [e for _, e in sorted(failed, key=lambda kv: kv[0])]
    articles = items.filter(_is_article)
    return SparkCorpus(spark, articles, errors, n, cached=items)
