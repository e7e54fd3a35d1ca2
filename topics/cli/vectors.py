"""``topics vectors``: learn word vectors from unlabelled text for the classifier."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import (Progress, Reporter, UsageError, check_inputs,
                              read_articles)
from topics.io import check_out_folder
from topics.settings import ReadSettings, RunSettings, VectorSettings

HELP = "learn word vectors from unlabelled text (for `topics train --vectors`)"
DESCRIPTION = """\
Segment every paragraph of INPUT (anything `topics ingest` reads) the way the
classifier does and learn skip-gram word vectors (gensim Word2Vec) from them. Give it
as much text of the kind you will label as you have: tens of thousands of paragraphs
or more. Same input and --seed give the same vectors (one training thread).
Writes DIR (model.json + arrays.npz, float16, no pickle). On 2 cores, the 新闻联播
corpus plus the government work reports (93,000 paragraphs) take about 11 minutes.
Example:
  topics vectors ../shared/corpora/xwlb_2022_2025.jsonl.gz -o runs/vectors"""
SETTINGS = (VectorSettings, ReadSettings, RunSettings)


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT",
                   help="unlabelled text: files or folders `topics ingest` reads")
    p.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="folder for the vectors")
    p.add_argument("--force", action="store_true", help="overwrite an existing DIR")
    add_settings(p, *SETTINGS)


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    paths = check_inputs(args.paths)
    out = check_out_folder(args.output, args.force)
    rep, run_s = Reporter(args.quiet), s[RunSettings]
    from topics.classify.vectors import learn_vectors

    articles = read_articles(args, s[ReadSettings], run_s.workers, rep)
    if not any(a.paragraphs for a in articles):
        raise UsageError("no paragraphs to learn from: every input failed or was empty")
    vectors, training = learn_vectors(articles, s[VectorSettings], paths, seed=run_s.seed,
                                      n_jobs=run_s.workers, progress=Progress(args.quiet))
    vectors.save(out, training=training)
    rep.info(f"{len(vectors.words)} word vectors from {training['n_paragraphs']} "
             f"paragraphs written to {out}")
    return rep.exit_code()
