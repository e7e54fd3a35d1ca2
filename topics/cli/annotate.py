"""``topics annotate``: the units to annotate next, with suggested labels."""
from __future__ import annotations

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import Reporter, check_inputs, check_output, read_articles
from topics.settings import AnnotateSettings, ReadSettings, RunSettings, SchemeSettings

HELP = "pick the units to annotate next (active learning), with suggested labels"
DESCRIPTION = """\
From the paragraphs of CORPUS, pick the N whose labels would teach the model most:
those it is least sure about (the mean entropy of the themes' probabilities), spread over
different kinds of text (no near-copies in one batch); never a unit already annotated
(--exclude, by id or by text). Writes OUT.jsonl in that order: id, title, text, labels
(the model's suggestion: correct them), suggested, scores, uncertainty, text_sha256.
Correct the labels (in an editor, or in Jupyter with topics.annotation_form(OUT)) and
adapt the model:
  topics annotate corpus.jsonl -n 100 -o batch1.jsonl
  topics train --base shipped batch1.jsonl -o models/mine
  topics annotate corpus.jsonl --model models/mine --exclude batch1.jsonl -n 100 -o batch2.jsonl"""
SETTINGS = (AnnotateSettings, SchemeSettings, ReadSettings, RunSettings)


def add_arguments(p) -> None:
    p.add_argument("paths", nargs="+", metavar="CORPUS")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    p.add_argument("--exclude", nargs="+", default=[], metavar="FILE",
                   help="annotation files whose units are never picked")
    p.add_argument("--force", action="store_true", help="overwrite OUT")
    add_settings(p, *SETTINGS, exclude=("themes", "mapping", "min_agreement"))


def run(args) -> int:
    from pathlib import Path

    from topics.cli._util import UsageError

    s = settings_from_args(args, *SETTINGS)
    paths = check_inputs(args.paths)
    exclude = check_inputs(args.exclude)
    out = check_output(args.output, (".jsonl",), [*paths, *exclude])
    if Path(out).exists() and not args.force:
        raise UsageError(f"{out} exists; annotate into a new file (or pass --force)")
    from topics.classify.active import annotated_keys, annotation_batch
    from topics.classify.label import load_classifier
    from topics.io import write_jsonl

    clf = load_classifier(s[SchemeSettings].model or None)
    rep = Reporter(args.quiet)
    articles = read_articles(args, s[ReadSettings], s[RunSettings].workers, rep)
    batch = annotation_batch(articles, clf, s[AnnotateSettings].n,
                             annotated=annotated_keys(exclude), seed=s[RunSettings].seed)
    write_jsonl(out, batch, readable=True)
    rep.info(f"{len(batch)} units to annotate -> {out}; correct their labels, then "
             f"`topics train --base MODEL {out} -o NEW_MODEL`")
    return rep.exit_code()
