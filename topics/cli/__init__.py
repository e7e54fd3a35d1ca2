"""The ``topics`` command. Each sub-command lives in its own module with ``HELP``,
``DESCRIPTION``, ``add_arguments(parser)`` and ``run(args) -> exit code``; modules
import only light things at the top, so ``topics --help`` starts fast.

``main`` is the only place that turns an exception into a message and an exit code:
every failure is one line on stderr and exit 1 (some inputs failed) or 2 (usage,
configuration or environment); a traceback only with ``-vv``.
"""
from __future__ import annotations

import argparse
import errno
import importlib
import os
import sys
import traceback

from topics import __version__
from topics.cli._util import EXIT_USAGE, setup_logging
from topics.errors import TopicsError
from topics.settings import SettingError

COMMANDS = ["ingest", "segment", "discover", "vectors", "train", "label", "annotate",
            "validate", "agreement", "run", "runs", "report", "init"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="topics", description="Find and label themes in Chinese local-government news.",
        epilog="Run `topics COMMAND --help` for each command's options and examples.")
    parser.add_argument("--version", action="version", version=f"topics {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        mod = importlib.import_module(f"topics.cli.{name}")
        p = sub.add_parser(name, help=mod.HELP, description=mod.DESCRIPTION,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("-q", "--quiet", action="store_true",
                       help="no progress bars or summaries")
        p.add_argument("-v", "--verbose", action="count", default=0,
                       help="more log output (-vv: debug, with tracebacks)")
        mod.add_arguments(p)
        p.set_defaults(run=mod.run)
    return parser


def _os_message(exc: OSError) -> str:
    where = f" {exc.filename}" if exc.filename else ""
    hints = {errno.ENOSPC: "free some space or write elsewhere",
             errno.EROFS: "write to a writable folder",
             errno.EACCES: "check the permissions, or write elsewhere",
             errno.ENOTDIR: "a part of the path is a file, not a folder",
             errno.EEXIST: "a file of that name is in the way of a folder; choose another path"}
    hint = hints.get(exc.errno, "check the path")
    return f"cannot use{where}: {exc.strerror or exc}; {hint}"


def _message(exc: BaseException, args) -> str:
    if isinstance(exc, SettingError):
        flag = getattr(args, "_flags", {}).get((exc.section, exc.name))
        return f"{flag}: {exc.problem}" if flag else str(exc)
    if isinstance(exc, OSError):
        return _os_message(exc)
    if isinstance(exc, MemoryError):
        return "out of memory; process the corpus in smaller parts or use --spark"
    return str(exc)


def _traceback(args) -> None:
    if args.verbose >= 2:
        traceback.print_exc(file=sys.stderr)


def _stdout_open() -> bool:
    """Whether standard output still has a reader (a pipe whose reader left polls as
    an error)."""
    import select

    try:
        poll = select.poll()
        poll.register(sys.stdout.fileno(), select.POLLOUT)
        return not any(event & select.POLLERR for _, event in poll.poll(0))
    except (OSError, ValueError, AttributeError):
        return True


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    setup_logging(args.verbose)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130
    except BrokenPipeError as exc:
        if _stdout_open():
            print(f"error: {_message(exc, args)}", file=sys.stderr)   # an output, not stdout
            return EXIT_USAGE
        # `topics … | head`: the reader has what it wanted (outputs are written first)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 0
    except (TopicsError, OSError, MemoryError) as exc:
        _traceback(args)
        print(f"error: {_message(exc, args)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: one line, and the traceback with -vv
        _traceback(args)
        print(f"error: internal error ({type(exc).__name__}: {exc}); run again with -vv "
              "and report it", file=sys.stderr)
        return EXIT_USAGE
