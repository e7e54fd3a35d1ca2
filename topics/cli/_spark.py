"""CLI plumbing for ``--spark MASTER``: the session, the inputs and output folders, and
the per-input errors (one line each, as on one machine)."""
from __future__ import annotations

from topics.cli._util import Reporter, UsageError
from topics.settings import ReadSettings, SparkSettings

FOLDER_NOTE = ("with --spark, OUT is a folder of part files (Parquet, or JSONL when "
               "its name ends in .jsonl; see --spark-format) on any Hadoop file system")


def session(settings: SparkSettings):
    """A context manager giving the Spark session (see ``topics.spark.session``)."""
    from topics.spark.session import spark_session

    return spark_session(settings)


def output_folder(spark, out: str, inputs, settings: SparkSettings) -> tuple[str, str]:
    """``(out, format)`` for an output folder; a folder Spark cannot use is a usage
    error found before any work."""
    from topics.errors import SparkError
    from topics.spark.write import check_output, output_format

    try:
        check_output(spark, out, inputs)
    except SparkError as exc:
        raise UsageError(str(exc)) from None
    return out, output_format(out, settings.format)


def read_corpus(spark, paths, read: ReadSettings, settings: SparkSettings,
                rep: Reporter):
    """The inputs read on the cluster (``SparkCorpus``); each failed input reported."""
    from topics.errors import SparkError
    from topics.spark.files import require_inputs
    from topics.spark.read import read_corpus as read_on_spark

    try:
        require_inputs(spark, paths)
    except SparkError as exc:
        raise UsageError(str(exc)) from None
    corpus = read_on_spark(spark, paths, read, settings)
    for err in corpus.errors:
        rep.error(err)
    return corpus


def write_read_rows(args, s, rows_of, columns, noun: str) -> int:
    """Read the inputs on the cluster, write ``rows_of(spark, corpus)`` (rows, and the
    RDD whose size is reported) to the output folder; the exit code."""
    from topics.spark.write import write_rows

    rep, sp = Reporter(args.quiet), s[SparkSettings]
    with session(sp) as spark:
        out, fmt = output_folder(spark, args.output, args.paths, sp)
        corpus = read_corpus(spark, args.paths, s[ReadSettings], sp, rep)
        rows, counted = rows_of(spark, corpus)
        write_rows(spark, rows, out, fmt, columns)
        n = counted.count()
    rep.info(f"wrote {n} {noun} to {out} ({fmt} part files)")
    return rep.exit_code()
