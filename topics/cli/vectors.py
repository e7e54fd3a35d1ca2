"""``topics vectors``: learn word vectors from unlabelled text for the classifier."""
from __future__ import annotations

import time

from topics.classify.features import TextFeatures
from topics.classify.vectors import WordVectors
from topics.cli._util import ProgressCallback, Reporter, UsageError, check_model_dir, split_errors
from topics.cli.ingest import add_ingest_options, ingest_options
from topics.corpus.ingest import iter_ingest
from topics.runs import input_files
from topics.segment import segment_many

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


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="INPUT", help="unlabelled text: files or folders `topics ingest` reads")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the vectors")
    p.add_argument("--dim", type=int, default=200, help="vector size (default 200)")
    p.add_argument("--window", type=int, default=8, help="context window in words (default 8)")
    p.add_argument("--epochs", type=int, default=10, help="passes over the text (default 10)")
    p.add_argument("--min-count", type=int, default=3, help="ignore words seen fewer times (default 3)")
    p.add_argument("--max-words", type=int, default=30000, help="keep the most frequent N words (default 30000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--force", action="store_true", help="overwrite an existing DIR")
    add_ingest_options(p)


def run(args) -> int:
    out = check_model_dir(args.output, args.force)
    for name in ("dim", "window", "epochs", "min_count", "max_words"):
        if getattr(args, name) < 1:
            raise UsageError(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    rep = Reporter(args.quiet)
    articles = list(split_errors(iter_ingest(args.paths, ingest_options(args), n_jobs=args.jobs), rep))
    paragraphs = [p for a in articles for p in a.paragraphs]
    if not paragraphs:
        raise UsageError("no paragraphs to learn from: every input failed or was empty")
    segmenter = TextFeatures().segmenter
    tokens = list(segment_many(paragraphs, segmenter, n_jobs=args.jobs))
    rep.info(f"learning {args.dim}-dimensional vectors from {len(paragraphs)} paragraphs "
             f"({sum(map(len, tokens))} words) of {len(articles)} articles")
    start = time.perf_counter()
    vectors = WordVectors.train(tokens, dim=args.dim, window=args.window, epochs=args.epochs, min_count=args.min_count,
                                max_words=args.max_words, seed=args.seed, progress=ProgressCallback("vectors", args.quiet, unit="epoch"))
    vectors.save(out, training={"inputs": input_files(args.paths), "segmenter": segmenter.get_params(),
                                "seconds": round(time.perf_counter() - start, 1)})
    rep.info(f"{len(vectors.words)} word vectors written to {out}")
    return rep.exit_code()
