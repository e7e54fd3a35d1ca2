"""Progress bars for the user-facing edges (the CLI and the Python API).

Library functions take an optional ``progress(step, done, total)`` callback and never
draw anything themselves; ``Progress`` is that callback drawn with tqdm: one bar per
step, with totals and ETA (in a terminal on stderr, in Jupyter as a widget).
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator


def _shown() -> bool:
    """A terminal on stderr, or a Jupyter kernel (where tqdm draws a widget)."""
    return sys.stderr.isatty() or "ipykernel" in sys.modules


def _bar(**kwargs):
    quiet = kwargs.pop("quiet", False)
    if "ipykernel" in sys.modules:     # a widget in Jupyter
        from tqdm.auto import tqdm
    else:                              # tqdm.auto would import asyncio and IPython checks
        from tqdm import tqdm
    return tqdm(disable=quiet or not _shown(), file=sys.stderr, dynamic_ncols=True,
                **kwargs)


def progress(items: Iterable, *, desc: str, total: int | None = None, unit: str = "it",
             quiet: bool = False) -> Iterator:
    """A tqdm bar with total and ETA on stderr (hidden when quiet or not a terminal)."""
    if quiet or not _shown():          # nothing to draw: tqdm is not even imported
        return iter(items)
    if total is None and hasattr(items, "__len__"):
        total = len(items)
    return iter(_bar(iterable=items, desc=desc, total=total, unit=unit, quiet=quiet))


class Progress:
    """The library's ``progress(step, done, total)`` callback: one bar per step, with
    total and ETA (totals may grow as inputs are opened)."""

    def __init__(self, quiet: bool = False):
        self.quiet, self.bars = quiet, {}

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.quiet or not _shown():  # nothing to draw: tqdm is not even imported
            return
        bar = self.bars.get(step)
        if bar is None:
            bar = self.bars[step] = _bar(total=total, desc=step, quiet=self.quiet)
        if total != bar.total:
            bar.total = total
        bar.update(done - bar.n)
        if done >= total:
            bar.close()
