"""Shared CLI plumbing: the only place that prints, draws progress bars and exits.

Exit codes: 0 success; 1 some inputs failed (every good one was still written);
2 usage, configuration or environment error (nothing, or nothing partial, was written).
"""
from __future__ import annotations

import logging
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from topics.io import cannot_write
from topics.errors import InputError, TopicsError
from topics.progress import Progress, progress  # noqa: F401  (re-exported for commands)

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class UsageError(TopicsError):
    """A mistake on the command line: printed as one line, exit code 2."""


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

    def warn(self, msg: str) -> None:
        """Something the user should know that is not a failure (shown even when quiet)."""
        print(f"warning: {msg}", file=sys.stderr)

    def info(self, msg: str) -> None:
        if not self.quiet:
            print(msg, file=sys.stderr)

    def exit_code(self) -> int:
        if self.errors:
            print(f"{len(self.errors)} input(s) failed; every other result was written.",
                  file=sys.stderr)
            return EXIT_PARTIAL
        return EXIT_OK


def split_errors(items: Iterable, reporter: Reporter) -> Iterator:
    """Pass through good items; report InputErrors as they come."""
    for item in items:
        if isinstance(item, InputError):
            reporter.error(item)
        else:
            yield item


def check_inputs(paths: Iterable[str]) -> list[str]:
    """Every input path must exist (a typo is a usage error, found before any work)."""
    paths = list(paths)
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    return paths


def check_output(path: str, suffixes: tuple[str, ...], inputs: Iterable[str] = ()) -> Path:
    """An output file: a known suffix, a usable folder, and not one of the inputs."""
    p = Path(path)
    if not str(p).lower().endswith(suffixes):
        raise UsageError(f"output {path!r} must end in {' or '.join(suffixes)}")
    if p.is_dir():
        raise UsageError(f"output {path} is a folder; give a file name")
    if reason := cannot_write(p):
        raise UsageError(f"cannot write {path}: {reason}")
    resolved = p.resolve()
    if any(Path(i).resolve() == resolved for i in inputs):
        raise UsageError(f"output {path} is also an input or another output; write to another file")
    return p


def read_articles(args, read, workers: int, rep: Reporter, *, keep_empty: bool = False) -> list:
    """Every article of the command's inputs (errors reported), with a progress bar.
    Empty records are counted in one line and left out (kept with ``keep_empty``);
    repeated ids get a warning."""
    from topics.corpus.ingest import iter_ingest
    from topics.corpus.article import repeated_ids

    items = iter_ingest(args.paths, read, n_jobs=workers, progress=Progress(args.quiet))
    articles = list(split_errors(items, rep))
    empty = sum(not a.paragraphs for a in articles)
    if empty and keep_empty:
        rep.info(f"{empty} empty record(s): each gets a row with no labels (empty = true)")
    elif empty:
        rep.info(f"skipped {empty} empty record(s)")
        articles = [a for a in articles if a.paragraphs]
    repeated = repeated_ids(articles)
    if repeated:
        rep.warn(f"{len(repeated)} article id(s) are used more than once (first: "
                 f"{repeated[0]!r}); give unique ids (e.g. --id-column) so results can be "
                 "joined by id")
    return articles


def find_reprints(articles: list, settings, rep: Reporter, *, drop: bool) -> list:
    """Mark reprints (``duplicate_of``) when ``settings.skip``; with ``drop``, leave them
    out. Says how many, in one line (``report_reprints``)."""
    if not settings.skip or not articles:
        return articles
    from topics.corpus.dedupe import mark_reprints

    report_reprints(mark_reprints(articles, settings), rep, dropped=drop)
    return [a for a in articles if a.duplicate_of is None] if drop else articles


def report_reprints(n: int, rep: Reporter, *, dropped: bool) -> None:
    """One line on the ``n`` reprints found: left out, or marked and kept."""
    if n and dropped:
        rep.info(f"left out {n} reprint(s) of earlier articles (each story counted once; "
                 "--keep-reprints keeps them)")
    elif n:
        rep.info(f"{n} reprint(s) of earlier articles marked duplicate_of; each story is "
                 "counted once in the summary (--keep-reprints counts them all)")


def reprints_kept_on_spark(settings, rep: Reporter) -> None:
    """Reprint detection compares every article with every earlier one on one machine;
    a Spark run keeps reprints, and says so once when ``settings.skip`` asks for them."""
    if settings.skip:
        rep.warn("reprints are found on one machine only: this Spark run keeps and counts "
                 "them (run `topics ingest --dedupe` locally first, or --keep-reprints to "
                 "silence this)")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters and full-width forms two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(width - display_width(text), 0)
    return fill + text if right else text + fill


def print_table(header: list[str], rows: list[list], file=None) -> None:
    """A plain aligned table (numbers right-aligned; Chinese text counted two columns
    a character, as a terminal shows it)."""
    cells = [[f"{x:.3f}" if isinstance(x, float) else str(x) for x in r] for r in rows]
    widths = [max(display_width(h), *(display_width(r[i]) for r in cells))
              for i, h in enumerate(header)]
    out = file or sys.stdout
    print("  ".join(_pad(h, w) for h, w in zip(header, widths)).rstrip(), file=out)
    for raw, r in zip(rows, cells):
        print("  ".join(_pad(c, w, isinstance(x, (int, float)))
                        for x, c, w in zip(raw, r, widths)).rstrip(), file=out)


def setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # the console keeps this level
        handler.setLevel(level)
