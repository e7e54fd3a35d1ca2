"""``topics train``: fit the theme classifier on annotated units."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import Progress, Reporter, check_inputs
from topics.io import check_out_folder
from topics.settings import ClassifierSettings, RunSettings, SchemeSettings

HELP = "train the theme classifier on annotated units"
DESCRIPTION = """\
Train on annotation JSONL (id, labels and text, or an id that resolves in the source
corpus, e.g. `xwlb-20240101-01:p3` in ../shared/corpora; set TOPICS_CORPUS_DIR
elsewhere). Prints cross-validated per-label precision/recall/F1 and micro/macro F1
(paragraphs of one article kept in one fold; each fold's calibration and thresholds
tuned on the other folds), then fits on everything and writes MODEL_DIR
(model.json + arrays.npz, no pickle, and annotations.jsonl.gz: the records it was
trained on, as given).
Any label set works: with --codebook, labels are checked against the theme scheme.
--vectors adds a paragraph vector from word vectors made by `topics vectors` (the model
keeps the vectors of its own vocabulary, int8, so it needs nothing else to label).
--base DIR adapts a model to your corpus (`--base shipped`: the model installed with
topics): it trains on that model's own annotations (kept in its folder) plus yours,
each of yours counting --domain-weight times, and prints cross-validated F1 on your
units. Annotations that give a corpus id instead of text (most of the shipped model's)
are read from the corpora in TOPICS_CORPUS_DIR: for the shipped model
xwlb_2022_2025.jsonl.gz, shangluo_mayor_mailbox_2011_2022.jsonl.gz and
national_gov_work_reports_1954_2025.jsonl.gz, with the pages/ folder beside them (the
project's ../shared; where each comes from: its DATA.md). Pick the units with
`topics annotate`.
The shipped default model (word n-grams and character n-grams, no word vectors:
they did not help on held-out local text) is made by:
  topics train annotations/themes.jsonl --codebook -o models/themes --force"""
SETTINGS = (ClassifierSettings, SchemeSettings, RunSettings)


def add_arguments(p) -> None:
    p.add_argument("data", nargs="+", metavar="DATA", help="annotation JSONL file(s)")
    p.add_argument("-o", "--output", required=True, metavar="MODEL_DIR")
    p.add_argument("--force", action="store_true", help="overwrite an existing MODEL_DIR")
    add_settings(p, *SETTINGS, exclude=("workers", *SchemeSettings.TOPIC_ONLY))


def run(args) -> int:
    s = settings_from_args(args, *SETTINGS)
    files = check_inputs(args.data)
    out = check_out_folder(args.output, args.force)
    rep = Reporter(args.quiet)
    from topics.classify.training import adapt, prepare_training, train_on_records, words_line
    from topics.evaluate import format_table

    c = s[ClassifierSettings]
    records, vectors, problems = prepare_training(files, c, s[SchemeSettings])
    for problem in problems:
        rep.error_text(problem)
    what = f"{len(records)} units" + (" plus the base model's" if c.base else "")
    rep.info(f"training on {what}, {c.folds}-fold CV")
    if c.base:
        clf, training = adapt(records, files, c, random_state=s[RunSettings].seed,
                              progress=Progress(args.quiet))
        print(f"cross-validated on your {training['domain_units']} units:")
        print(format_table(training["domain_cv"]))
        print("\ncross-validated on all units:")
    else:
        clf, training = train_on_records(records, files, c, random_state=s[RunSettings].seed,
                                         vectors=vectors, progress=Progress(args.quiet))
    print(format_table(clf.cv_metrics_))
    print(words_line(clf))
    clf.save(out, training=training)
    rep.info(f"model written to {out}")
    return rep.exit_code()
