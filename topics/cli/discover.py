"""``topics discover``: topics in a corpus, with k chosen by coherence."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import (Progress, Reporter, UsageError, check_inputs, find_reprints,
                              print_table, read_articles, reprints_kept_on_spark)
from topics.settings import (ReadSettings, ReprintSettings, RunSettings, SchemeSettings,
                             SegmentSettings, SparkSettings, TopicSettings)

HELP = "discover topics (LDA) and map them to the codebook's themes"
DESCRIPTION = """\
Fit LDA to CORPUS (anything `topics ingest` reads or writes; units are paragraphs, or
articles with --unit article) and write to --out DIR:
  topics.json      k, engine and each topic's top 30 words, weights, share, theme, label
  doc_topics.csv   each unit's topic shares;   theme_map.csv  topic -> theme evidence
  model/           the fitted model (JSON + arrays, no pickle); vocabulary.txt
  report.md, report.html   top-word charts, shares, theme mapping, typical paragraphs;
                   the HTML file is a self-contained topic browser (opens offline)
--k 10:40:5 sweeps k (with --n-seeds for stability), scores NPMI, C_V and diversity,
plots them and keeps the k chosen by the rule stated in the report.
--seeded fits seeded LDA (one topic per theme, word priors from the theme seeds) and
also writes unit_themes.csv: a theme for every unit without any annotation.
--spark MASTER reads, cleans, segments and counts words on a Spark cluster with the
same functions (CORPUS may be hdfs://, s3a:// … URIs); the model is fitted here unless
--engine spark (MLlib online LDA on the cluster; without --spark on a local Spark with
-j cores). DIR is still a folder on this machine, with the same files.
Examples:
  topics discover topics/sample --k 5 --out out/topics
  topics discover corpus.jsonl.gz --k 10:30:5 --n-seeds 2 --out out/sweep -j 2
  topics discover hdfs:///corpus --k 20 --engine spark --spark yarn --out out/topics"""
SETTINGS = (TopicSettings, SegmentSettings, SchemeSettings, ReprintSettings, ReadSettings,
            RunSettings, SparkSettings)


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="CORPUS")
    p.add_argument("--out", required=True, metavar="DIR",
                   help="output folder (must be new or empty, unless --force)")
    p.add_argument("--force", action="store_true", help="overwrite a non-empty output folder")
    add_settings(p, *SETTINGS)


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    spark_s = s[SparkSettings]
    if spark_s.master:
        paths = list(args.paths)
    else:
        paths = check_inputs(args.paths)
    from pathlib import Path

    from topics.themes import load_scheme
    from topics.io import check_out_folder
    from topics.topicmodel.pipeline import mapper_for

    out = Path(args.out)
    check_out_folder(out, args.force)
    scheme = load_scheme(s[SchemeSettings].file)
    mapper = mapper_for(s[SchemeSettings], scheme)
    rep = Reporter(args.quiet)
    if s[TopicSettings].engine == "spark" and not spark_s.master:
        cores = s[RunSettings].workers
        spark_s = spark_s.replace(master=f"local[{cores if cores > 0 else '*'}]")
    if spark_s.master:
        from topics.cli._spark import session

        with session(spark_s) as spark:
            result = _fit(args, s, paths, scheme, mapper, rep, spark)
    else:
        result = _fit(args, s, paths, scheme, mapper, rep, None)
    result.save(out, force=args.force)
    _report(args, rep, result, out)
    return rep.exit_code()


def _fit(args, s, paths, scheme, mapper, rep, spark):
    """Read (here, or on the cluster with --spark) and fit: a ``TopicResult``."""
    from topics.topicmodel.pipeline import discover_articles

    run_s, progress = s[RunSettings], Progress(args.quiet)
    common = dict(mapper=mapper, seed=run_s.seed, n_jobs=run_s.workers,
                  progress=progress)
    if spark is not None and s[SparkSettings].master:
        from topics.cli._spark import read_corpus
        from topics.spark.discover import discover_on_spark

        corpus = read_corpus(spark, paths, s[ReadSettings], s[SparkSettings], rep)
        if not corpus.count():
            raise UsageError("no article could be read from the input; see the errors "
                             "above")
        reprints_kept_on_spark(s[ReprintSettings], rep)
        return discover_on_spark(spark, corpus, s[TopicSettings], s[SegmentSettings],
                                 scheme, **common)
    articles = read_articles(args, s[ReadSettings], run_s.workers, rep)
    articles = find_reprints(articles, s[ReprintSettings], rep, drop=True)
    if not articles:
        raise UsageError("no article could be read from the input; see the errors above")
    return discover_articles(articles, s[TopicSettings], s[SegmentSettings], scheme,
                             **common)


def _report(args, rep, result, out) -> None:
    if not args.quiet:
        print_table(["topic", "label", "theme", "share"],
                    [[t["id"], t["label"], t["theme"] or "—", t["share"]]
                     for t in result.topics])
    q, p = result.quality, result.params
    rep.info(f"k={p['k']} on {p['n_units']} units, {p['n_words']} words: NPMI "
             f"{q['npmi']:.3f}, C_V {q['c_v']:.3f}, diversity {q['diversity']:.3f}. "
             f"Report: {out / 'report.html'}")
