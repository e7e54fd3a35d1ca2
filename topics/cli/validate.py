"""``topics validate``: check annotation files."""
from __future__ import annotations

import sys

from topics.cli._flags import add_settings, settings_from_args
from topics.cli._util import EXIT_OK, EXIT_PARTIAL, check_inputs
from topics.settings import SchemeSettings

HELP = "check annotation files (labels, duplicates, 'other' mixed, text hashes)"
DESCRIPTION = """\
Report, one line each: malformed lines (the other lines are still checked), unknown
labels (against the theme scheme, unless --any-labels), duplicate ids, `other` mixed
with themes, more than 3 or no labels, ids that do not resolve in their source corpus,
and text hashes that no longer match (the corpus changed since annotation). Exit 1 if
anything is wrong.
  topics validate annotations/themes.jsonl"""


def add_arguments(p) -> None:
    p.add_argument("data", nargs="+", metavar="FILE")
    p.add_argument("--any-labels", action="store_true", help="accept any label names")
    add_settings(p, SchemeSettings, exclude=SchemeSettings.TOPIC_ONLY)


def run(args) -> int:
    s = settings_from_args(args, SchemeSettings)
    files = check_inputs(args.data)
    from topics.annotations import load_records, label_counts, resolve_texts, validate
    from topics.themes import load_scheme

    unreadable = []                    # malformed lines: reported, the other lines checked
    records = load_records(files, errors=unreadable)
    labels = None if args.any_labels else load_scheme(s[SchemeSettings].file).ids
    problems = [str(e) for e in unreadable]
    problems += resolve_texts(records) + validate(records, labels)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not args.quiet:
        counts = ", ".join(f"{k} {v}" for k, v in label_counts(records).items())
        print(f"{len(records)} units, {len(problems)} problem(s); labels: {counts}",
              file=sys.stderr)
    return EXIT_PARTIAL if problems else EXIT_OK
