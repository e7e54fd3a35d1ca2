"""``topics train``: fit the theme classifier on annotated units."""
from __future__ import annotations

import sys

from topics.annotations import load_records, resolve_texts, validate
from topics.classify.training import check_vector_weight, train_on_records
from topics.classify.vectors import WordVectors
from topics.cli._util import ProgressCallback, Reporter, UsageError, check_model_dir
from topics.evaluate import format_table
from topics.themes import load_scheme

HELP = "train the theme classifier on annotated units"
DESCRIPTION = """\
Train on annotation JSONL (id, labels and text, or an id that resolves in the source
corpus, e.g. `xwlb-20240101-01:p3` in ../shared/corpora; set TOPICS_CORPUS_DIR
elsewhere). Prints cross-validated per-label precision/recall/F1 and micro/macro F1
(paragraphs of one article kept in one fold; each fold's calibration and thresholds
tuned on the other folds), then fits on everything and writes
MODEL_DIR (model.json + arrays.npz, no pickle).
Any label set works: with --codebook, labels are checked against the theme scheme.
--vectors adds a paragraph vector from word vectors made by `topics vectors` (micro-F1
0.847 -> 0.854 on the project's annotations; the model keeps the vectors of its own
vocabulary, int8, so it needs nothing else to label).
The shipped default model is made by:
  topics vectors ../shared/corpora/xwlb_2022_2025.jsonl.gz \
      ../shared/corpora/national_gov_work_reports_1954_2025.jsonl.gz -o runs/vectors
  topics train annotations/themes.jsonl --codebook --vectors runs/vectors -o models/themes --force"""


def add_arguments(p) -> None:
    p.add_argument("data", nargs="+", metavar="DATA", help="annotation JSONL file(s)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL_DIR")
    p.add_argument("--codebook", action="store_true", help="check labels against the theme scheme (--themes or the default)")
    p.add_argument("--themes", metavar="FILE", help="theme scheme TOML for --codebook")
    p.add_argument("--C", type=float, default=0.3, help="SVM regularisation (default 0.3)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--vectors", metavar="DIR", help="word vectors from `topics vectors` to add to the features")
    p.add_argument("--vector-weight", type=float, default=1.0, help="weight of the paragraph vector beside the n-grams (default 1.0)")
    p.add_argument("--force", action="store_true", help="overwrite an existing MODEL_DIR")


def run(args) -> int:
    out = check_model_dir(args.output, args.force)
    rep = Reporter(args.quiet)
    check_vector_weight(args.vector_weight)
    if args.vector_weight != 1.0 and not args.vectors:
        rep.info("note: --vector-weight has no effect without --vectors")
    vectors = WordVectors.load(args.vectors) if args.vectors else None    # a wrong folder fails before any work
    records = load_records(args.data)
    for problem in resolve_texts(records):
        rep.error_text(problem)
    label_set = load_scheme(args.themes).ids if args.codebook else None
    problems = validate(records, label_set)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        raise UsageError(f"{len(problems)} annotation problem(s); fix them (see `topics validate`) and train again")
    usable = [r for r in records if r.get("text")]
    rep.info(f"training on {len(usable)} units ({len(records) - len(usable)} without text skipped), {args.folds}-fold CV")
    clf, training = train_on_records(usable, args.data, C=args.C, folds=args.folds, random_state=args.seed, vectors=vectors,
                                     vector_weight=args.vector_weight, progress=ProgressCallback("train", args.quiet, unit="fold"))
    print(format_table(clf.cv_metrics_))
    clf.save(out, training=training)
    rep.info(f"model written to {out}")
    return rep.exit_code()
