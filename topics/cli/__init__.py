"""The ``topics`` command. Each sub-command lives in its own module with
``HELP``, ``DESCRIPTION``, ``add_arguments(parser)`` and ``run(args) -> exit code``."""
from __future__ import annotations

import argparse
import importlib
import sys

from topics import __version__
from topics.cli._util import EXIT_USAGE, UsageError, setup_logging
from topics.errors import TopicsError

COMMANDS = ["ingest", "segment", "discover", "vectors", "train", "label", "validate", "agreement", "run", "runs", "report"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="topics", description="Find and label themes in Chinese local-government news.",
        epilog="Run `topics COMMAND --help` for each command's options and examples.")
    parser.add_argument("--version", action="version", version=f"topics {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        mod = importlib.import_module(f"topics.cli.{name.replace('-', '_')}")
        p = sub.add_parser(name, help=mod.HELP, description=mod.DESCRIPTION,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bars or summaries")
        p.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
        mod.add_arguments(p)
        p.set_defaults(run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    setup_logging(args.verbose)
    try:
        return args.run(args)
    except (UsageError, TopicsError, FileNotFoundError, IsADirectoryError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
