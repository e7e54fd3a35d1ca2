"""``topics label``: themes for new articles, paragraph by paragraph and as a whole."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import (Progress, Reporter, check_inputs, check_output, find_reprints,
                              print_table, read_articles)
from topics.settings import (LabelSettings, ReadSettings, ReprintSettings, RunSettings,
                             SchemeSettings)

HELP = "label articles with themes (default: the shipped model)"
DESCRIPTION = """\
Label every article of INPUT (anything `topics ingest` reads, e.g. JSONL records with
id, text and optional title) and write, in input order:
  .jsonl    {"id", "title", "date", "source", "labels": [1-3 themes, most salient
            first], "scores": {theme: p}, "paragraphs": [{"text", "labels", "scores"}]}
  .csv .parquet   the article table: id, title, date, source, labels (';'-joined in
            CSV), n_paragraphs, one score column per theme
--paragraphs FILE (.csv or .parquet) also writes the flat paragraph table: unit_id,
article_id, paragraph, date, source, text, labels, one score column per theme.
A paragraph gets every theme whose probability passes that theme's threshold, or
`other`. An article's score is the length-weighted mean of its paragraphs' scores, the
title counting as one average paragraph; it gets each theme scoring at least half its
threshold (most probable first, at most 3), or `other`. A summary of theme shares is
printed at the end, counting each story once: reprints (near-duplicates of an earlier
article, e.g. a 新华社 story re-posted by county sites) keep their row, with
duplicate_of naming the original, but are left out of the shares (--keep-reprints).
Examples:
  topics label topics/sample -o out/labels.jsonl
  topics label new.jsonl --model models/themes -o out/articles.csv --paragraphs out/paras.parquet -j 2"""
SETTINGS = (LabelSettings, SchemeSettings, ReprintSettings, ReadSettings, RunSettings)
TABLES = (".csv", ".tsv", ".parquet")


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="OUT.jsonl, or the article table OUT.csv / OUT.parquet")
    p.add_argument("--paragraphs", metavar="FILE",
                   help="also write the paragraph table (.csv or .parquet)")
    add_settings(p, *SETTINGS, exclude=("seed", "themes", "mapping", "min_agreement"))


def _write(out, records, classes, paragraphs) -> None:
    import pandas as pd

    from topics.classify.label import article_rows, paragraph_rows
    from topics.io import write_jsonl, write_table

    def table(rows, path):
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


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    paths = check_inputs(args.paths)
    out = check_output(args.output, (".jsonl", *TABLES), paths)
    paras = check_output(args.paragraphs, TABLES, paths) if args.paragraphs else None
    from topics.classify.label import label_corpus, load_classifier, theme_summary

    clf = load_classifier(s[SchemeSettings].model or None)
    rep, prog = Reporter(args.quiet), Progress(args.quiet)
    articles = read_articles(args, s[ReadSettings], s[RunSettings].workers, rep,
                             keep_empty=True)
    articles = find_reprints(articles, s[ReprintSettings], rep, drop=False)
    records = label_corpus(articles, clf, batch=s[LabelSettings].batch,
                           n_jobs=s[RunSettings].workers, progress=prog)
    _write(out, records, clf.classes_, paras)
    if not args.quiet and records:
        print_table(["theme", "articles", "share", "paragraphs", "share"],
                    [list(r.values()) for r in theme_summary(records, clf.classes_)])
    rep.info(f"labelled {len(records)} articles -> {out}")
    return rep.exit_code()
