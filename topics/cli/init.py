"""``topics init``: write a commented experiment file with every setting."""
from __future__ import annotations

from topics.cli._util import UsageError

HELP = "write an experiment file listing every setting with its default"
DESCRIPTION = """\
Write FILE.toml: every setting of every stage with its default value and what it does
(the same settings as the command-line flags). Edit it and run `topics run FILE.toml`.
Without --corpus the corpus is the bundled sample, so the file runs as it is.
Examples:
  topics init my.toml
  topics init my.toml --corpus ../data/articles.jsonl --annotations my_labels.jsonl"""


def add_arguments(p) -> None:
    p.add_argument("file", metavar="FILE.toml")
    p.add_argument("--corpus", nargs="+", metavar="PATH",
                   help="files or folders to analyse (default: the bundled sample)")
    p.add_argument("--annotations", nargs="+", metavar="FILE",
                   help="annotation files to train a classifier on")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")


def run(args) -> int:
    from pathlib import Path

    from topics.io import write_text
    from topics.resources import sample_path
    from topics.settings import template

    out = Path(args.file)
    if out.suffix != ".toml":
        raise UsageError(f"{args.file!r} must end in .toml")
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; choose another name or pass --force")
    values = {"corpus": {"paths": args.corpus or [str(sample_path())]}}
    if args.annotations:
        values["classifier"] = {"annotations": args.annotations}
    write_text(out, template(values))
    if not args.quiet:
        print(f"wrote {out}; run it with `topics run {out}`")
    return 0
