"""``topics label``: themes for new articles, paragraph by paragraph and as a whole."""
from __future__ import annotations

import json

from topics.classify.label import label_articles, load_classifier
from topics.cli._util import Reporter, check_output, progress, split_errors
from topics.cli.ingest import add_ingest_options, ingest_options
from topics.corpus.ingest import iter_ingest
from topics.io import write_csv, write_jsonl

HELP = "label articles with themes (default: the shipped model)"
DESCRIPTION = """\
Label every article of INPUT (anything `topics ingest` reads, e.g. JSONL records with
id, text and optional title) and write, in input order:
  .jsonl  {"id", "title", "labels": [1-3 themes, most salient first], "scores": {theme: p},
           "paragraphs": [{"text", "labels", "scores"}]}
  .csv    id, title, labels (joined by ';'), one score column per theme
A paragraph gets every theme whose probability passes that theme's threshold, or
`other`. An article's score is the length-weighted mean of its paragraphs' scores, the
title counting as one average paragraph; it gets each theme scoring at least half its
threshold (most probable first, at most 3), or `other`.
Examples:
  topics label topics/sample -o out/labels.jsonl
  topics label new_articles.jsonl --model models/themes -o out/labels.csv -j 2"""


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="OUT.jsonl or OUT.csv")
    p.add_argument("--model", metavar="MODEL_DIR", help="model folder (default: models/themes, or $TOPICS_MODEL)")
    p.add_argument("--batch", type=int, default=500, help="articles labelled per batch (default 500)")
    add_ingest_options(p)


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(args) -> int:
    out = check_output(args.output, (".jsonl", ".csv"))
    clf = load_classifier(args.model)
    rep = Reporter(args.quiet)
    articles = split_errors(iter_ingest(args.paths, ingest_options(args), n_jobs=args.jobs), rep)
    records = (rec for batch in _batches(articles, args.batch) for rec in label_articles(batch, clf))
    records = progress(records, desc="label", unit="article", quiet=args.quiet)
    if out.suffix == ".jsonl":
        n = write_jsonl(out, records)
    else:
        n = write_csv(out, ({"id": r["id"], "title": r["title"] or "", "labels": ";".join(r["labels"]), **r["scores"]} for r in records),
                      ["id", "title", "labels", *clf.classes_])
    rep.info(f"labelled {n} articles -> {out}")
    return rep.exit_code()
