"""``topics ingest``: messy files -> clean articles (JSONL)."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import (Reporter, UsageError, check_inputs, check_output,
                              read_articles)
from topics.settings import ReadSettings, ReprintSettings, RunSettings, SparkSettings

HELP = "read text/HTML/WARC/JSONL/CSV/Parquet files or folders into clean articles"
DESCRIPTION = """\
Read PATHs (files or folders of .txt .md .html .htm .warc .warc.gz .jsonl .jsonl.gz
.csv .tsv .parquet) and write one JSON line per article: id, title, source, date,
authors, path, paragraphs, meta (a web page's url and fetch date, document fields).

Cleaning: encoding detection (UTF-8, UTF-16, GB18030/GBK), traditional -> simplified,
full/half-width forms, stray spaces, invisible characters; broken PDF lines joined;
pages holding several articles split at headlines and bylines; navigation, widgets,
dates, copyright, tags/editor lines, CMS footers and photo credits removed.

A bad file or line is reported as `error: FILE[:LINE]: reason`; all good input is still
written and the exit code is 1.

--spark MASTER reads and cleans on a Spark cluster (PATHs may be hdfs://, s3a:// …
URIs) with the same functions, and OUT becomes a folder of part files: JSONL lines
identical to the local ones when OUT ends in .jsonl, else Parquet (--spark-format).
--dedupe (reprint detection) runs on one machine only.
Examples:
  topics ingest topics/sample -o out/articles.jsonl --dedupe
  topics ingest hdfs:///corpus -o hdfs:///work/articles.parquet --spark yarn"""
SETTINGS = (ReadSettings, ReprintSettings, RunSettings, SparkSettings)


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl",
                   help="where to write the articles (with --spark: a folder)")
    p.add_argument("--dedupe", action="store_true",
                   help="mark reprints: near-duplicates of an earlier article get "
                        "duplicate_of: <its id> (settings below)")
    add_settings(p, *SETTINGS, exclude=("seed", "skip_reprints"))


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    if s[SparkSettings].master:
        if args.dedupe:
            raise UsageError("--dedupe runs on one machine only; drop --spark, or --dedupe "
                             "and mark reprints later with `topics ingest --dedupe` on the "
                             "JSONL output")
        return _run_on_spark(args, s)
    paths = check_inputs(args.paths)
    out = check_output(args.output, (".jsonl",), paths)
    rep = Reporter(args.quiet)
    articles = read_articles(args, s[ReadSettings], s[RunSettings].workers, rep)
    if args.dedupe:
        from topics.corpus.dedupe import mark_reprints

        n = mark_reprints(articles, s[ReprintSettings])
        rep.info(f"marked {n} reprint(s) of earlier articles (duplicate_of)")
    from topics.io import write_jsonl

    n = write_jsonl(out, (a.to_dict() for a in articles))
    rep.info(f"wrote {n} articles to {out}")
    return rep.exit_code()


def _run_on_spark(args, s) -> int:
    from topics.cli import _spark
    from topics.spark.steps import article_dicts
    from topics.spark.write import ARTICLE_COLUMNS

    def rows_of(spark, corpus):
        return article_dicts(corpus), corpus

    return _spark.write_read_rows(args, s, rows_of, ARTICLE_COLUMNS, "articles")
