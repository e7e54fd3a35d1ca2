"""``topics label``: themes for new articles, paragraph by paragraph and as a whole."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import (Progress, Reporter, check_inputs, check_output, print_table,
                              read_articles, report_reprints, reprints_kept_on_spark)
from topics.settings import (LabelSettings, ReadSettings, ReprintSettings, RunSettings,
                             SchemeSettings, SparkSettings)

HELP = "label articles with themes (default: the shipped model)"
DESCRIPTION = """\
Label every article of INPUT (anything `topics ingest` reads, e.g. JSONL records with
id, text and optional title) and write, in input order:
  .jsonl    {"id", "title", "date", "source", "url" (web pages), "labels": [1-3
            themes, most salient first], "scores": {theme: p}, "paragraphs": [{"text",
            "labels", "scores"}]}, and "empty": true for a record with no text,
            "duplicate_of" for a reprint
  .csv .tsv .parquet   the article table: id, title, date, source, url, labels
            (';'-joined in CSV), n_paragraphs, empty, duplicate_of, one score column
            per theme
--paragraphs FILE (.csv, .tsv or .parquet) also writes the flat paragraph table: unit_id,
article_id, paragraph, date, source, text, labels, one score column per theme.
An article's score is the length-weighted mean of its paragraphs' probabilities, the
title counting as one average paragraph; it gets each theme scoring at least half its
threshold (most probable first, at most 3), or `other`. A paragraph is read in its
article: its probabilities are mixed with the article's score, --context of the
article's (default 0.2; 0: the paragraph alone), and it gets every theme whose mixed
score passes that theme's threshold, or `other`; the mixed scores are written.
A summary of theme shares is printed at the end, counting each story once: reprints
(near-duplicates of an earlier article, e.g. a 新华社 story re-posted by county sites)
keep their row, with duplicate_of naming the original, but are left out of the shares
(--keep-reprints).
--spark MASTER reads, cleans and labels on a Spark cluster with the same functions and
the same model (broadcast to the executors): the labels are those of a run on one
machine (reprints are not looked for there). OUT (and --paragraphs) become folders of
part files: the JSONL records when the name ends in .jsonl, else the Parquet table
(--spark-format); not CSV/TSV.
Examples:
  topics label topics/sample -o out/labels.jsonl
  topics label new.jsonl --model models/themes -o out/articles.csv --paragraphs out/paras.parquet -j 2
  topics label hdfs:///corpus -o hdfs:///out/labels.parquet --spark spark://head:7077"""
SETTINGS = (LabelSettings, SchemeSettings, ReprintSettings, ReadSettings, RunSettings,
            SparkSettings)
TABLES = (".csv", ".tsv", ".parquet")


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="OUT.jsonl, or the article table OUT.csv / OUT.parquet (with "
                        "--spark: a folder)")
    p.add_argument("--paragraphs", metavar="FILE",
                   help="also write the paragraph table (.csv or .parquet; with "
                        "--spark: a folder)")
    add_settings(p, *SETTINGS, exclude=("seed", "themes", "mapping", "min_agreement"))


def _write(out, records, classes, paragraphs) -> None:
    from topics.classify.label import article_rows, paragraph_rows
    from topics.io import write_jsonl, write_table

    def table(rows, path):
        import pandas as pd     # only for tables: JSONL output starts faster without it

        frame = pd.DataFrame(rows)
        if path.suffix != ".parquet" and len(frame):
            frame["labels"] = frame["labels"].str.join(";")
        write_table(path, frame)

    if out.suffix == ".jsonl":
        write_jsonl(out, records)
    else:
        table(article_rows(records, classes), out)
    if paragraphs is not None:
        table(paragraph_rows(records, classes), paragraphs)


def _summary(args, rep, rows, n: int, out) -> None:
    if not args.quiet and n:
        print_table(["theme", "articles", "share", "paragraphs", "share"],
                    [list(r.values()) for r in rows])
    rep.info(f"labelled {n} articles with text -> {out}")


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    if s[SparkSettings].master:
        return _run_on_spark(args, s)
    paths = check_inputs(args.paths)
    out = check_output(args.output, (".jsonl", *TABLES), paths)
    paras = check_output(args.paragraphs, TABLES, [*paths, out]) if args.paragraphs else None
    from topics.classify.label import label_corpus, load_classifier, theme_summary

    clf = load_classifier(s[SchemeSettings].model or None)
    rep, prog = Reporter(args.quiet), Progress(args.quiet)
    articles = read_articles(args, s[ReadSettings], s[RunSettings].workers, rep,
                             keep_empty=True)
    reprints = s[ReprintSettings]
    records = label_corpus(articles, clf, batch=s[LabelSettings].batch,
                           context=s[LabelSettings].context,
                           n_jobs=s[RunSettings].workers, progress=prog,
                           reprints=reprints if reprints.skip else None)
    if reprints.skip:
        report_reprints(sum(bool(a.duplicate_of) for a in articles), rep, dropped=False)
    _write(out, records, clf.classes_, paras)
    _summary(args, rep, theme_summary(records, clf.classes_),
             sum(not r.get("empty") for r in records), out)    # as on Spark
    return rep.exit_code()


def _write_on_spark(spark, records, classes, out, paragraphs) -> None:
    from topics.spark.steps import table_rows
    from topics.spark.write import label_columns, paragraph_columns, write_rows

    (path, fmt) = out
    if fmt == "jsonl":
        write_rows(spark, records.values(), path, fmt, None)
    else:
        write_rows(spark, table_rows(records, "article", classes), path, fmt,
                   label_columns(classes))
    if paragraphs is not None:
        path, fmt = paragraphs
        write_rows(spark, table_rows(records, "paragraph", classes), path, fmt,
                   paragraph_columns(classes))


def _run_on_spark(args, s) -> int:
    from topics.classify.label import load_classifier, theme_summary
    from topics.cli import _spark
    from topics.spark.steps import keep, label, summary_counts

    rep, sp = Reporter(args.quiet), s[SparkSettings]
    clf = load_classifier(s[SchemeSettings].model or None)
    with _spark.session(sp) as spark:
        out = _spark.output_folder(spark, args.output, args.paths, sp)
        paras = (_spark.output_folder(spark, args.paragraphs, [*args.paths, args.output], sp)
                 if args.paragraphs else None)
        corpus = _spark.read_corpus(spark, args.paths, s[ReadSettings], sp, rep)
        reprints_kept_on_spark(s[ReprintSettings], rep)
        records = keep(label(spark, corpus, clf, batch=s[LabelSettings].batch,
                             context=s[LabelSettings].context))
        _write_on_spark(spark, records, clf.classes_, out, paras)
        counts = summary_counts(records)
    rows = theme_summary((), clf.classes_, counts=counts)
    _summary(args, rep, rows, counts["articles"], out[0])
    return rep.exit_code()
