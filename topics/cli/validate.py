"""``topics validate``: check annotation files."""
from __future__ import annotations

import sys

from topics.annotations import load_records, resolve_texts, validate
from topics.cli._util import EXIT_OK, EXIT_PARTIAL
from topics.themes import load_scheme

HELP = "check annotation files (labels, duplicates, 'other' mixed, text hashes)"
DESCRIPTION = """\
Report, one line each: unknown labels (against the theme scheme, unless --any-labels),
duplicate ids, `other` mixed with themes, more than 3 or no labels, ids that do not
resolve in their source corpus, and text hashes that no longer match (the corpus
changed since annotation). Exit 1 if anything is wrong.
  topics validate annotations/themes.jsonl"""


def add_arguments(p) -> None:
    p.add_argument("data", nargs="+", metavar="FILE")
    p.add_argument("--themes", metavar="FILE", help="theme scheme TOML (default: the codebook)")
    p.add_argument("--any-labels", action="store_true", help="accept any label names")


def run(args) -> int:
    records = load_records(args.data)
    problems = resolve_texts(records) + validate(records, None if args.any_labels else load_scheme(args.themes).ids)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not args.quiet:
        print(f"{len(records)} units, {len(problems)} problem(s)", file=sys.stderr)
    return EXIT_PARTIAL if problems else EXIT_OK
