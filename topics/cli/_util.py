"""Shared CLI plumbing: the only place that prints, draws progress bars and exits.

Exit codes: 0 success; 1 some inputs failed (every good one was still written);
2 usage or configuration error (nothing was done).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from topics.errors import InputError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class Reporter:
    """Counts and prints per-input errors as one line each, on stderr."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.errors: list[InputError] = []

    def error(self, err: InputError) -> None:
        self.errors.append(err)
        print(f"error: {err}", file=sys.stderr)

    def error_text(self, msg: str) -> None:
        """A problem that is not tied to one input file (already formatted)."""
        self.errors.append(InputError("input", msg))
        print(f"error: {msg}", file=sys.stderr)

    def info(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=sys.stderr)

    def exit_code(self) -> int:
        if self.errors:
            print(f"{len(self.errors)} input(s) failed; every other result was written.", file=sys.stderr)
            return EXIT_PARTIAL
        return EXIT_OK


def progress(items: Iterable, *, desc: str, total: int | None = None, unit: str = "it", quiet: bool = False) -> Iterator:
    """A tqdm bar on stderr (hidden when quiet or not a terminal, unless forced)."""
    from tqdm.auto import tqdm

    disable = quiet or not sys.stderr.isatty()
    return iter(tqdm(items, desc=desc, total=total, unit=unit, disable=disable, file=sys.stderr, dynamic_ncols=True))


class ProgressCallback:
    """A ``progress(done, total)`` callable drawing one tqdm bar (for library callbacks)."""

    def __init__(self, desc: str, quiet: bool = False, unit: str = "it"):
        self.desc, self.quiet, self.unit, self.bar = desc, quiet, unit, None

    def __call__(self, done: int, total: int) -> None:
        from tqdm.auto import tqdm

        if self.bar is None:
            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, file=sys.stderr,
                            disable=self.quiet or not sys.stderr.isatty(), dynamic_ncols=True)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.bar.close()


def split_errors(items: Iterable, reporter: Reporter) -> Iterator:
    """Pass through good items; report InputErrors as they come."""
    for item in items:
        if isinstance(item, InputError):
            reporter.error(item)
        else:
            yield item


def check_output(path: str, suffixes: tuple[str, ...]) -> Path:
    p = Path(path)
    if not str(p).lower().endswith(suffixes):
        raise UsageError(f"output {path!r} must end in {' or '.join(suffixes)}")
    return p


class UsageError(Exception):
    """A mistake on the command line: printed as one line, exit code 2."""


def setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # run logs may lower a logger's level; the console keeps this one
        handler.setLevel(level)


def check_model_dir(path: str, force: bool) -> Path:
    """A folder to write a model into: new, empty, or (with ``force``) overwritten."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file; -o needs a folder for the model")
    if out.exists() and any(out.iterdir()) and not force:
        raise UsageError(f"{out} exists and is not empty; choose another folder or pass --force")
    return out
