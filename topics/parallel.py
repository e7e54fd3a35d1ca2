"""Order-preserving chunked parallel map over worker processes.

Results come back in input order whatever the number of workers, so every step built
on it (reading, cleaning, segmentation, labelling) gives the same output with 1 or N.
The ``shared`` object (a segmenter, options, a model) is sent to each worker once.
"""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator

_SHARED = None


def resolve_jobs(n_jobs: int | None) -> int:
    """``None``/``0`` -> 1; ``-1`` -> every core."""
    if not n_jobs:
        return 1
    return (os.cpu_count() or 1) if n_jobs < 0 else n_jobs


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _init(shared) -> None:
    global _SHARED
    _SHARED = shared


def _call(args):
    func, chunk = args
    return func(_SHARED, chunk)


def map_chunks(func: Callable, shared, items: Iterable, *, n_jobs: int = 1, chunk_size: int = 500,
               meanwhile: Callable[[], None] | None = None,
               preload: Callable[[], None] | None = None) -> Iterator:
    """Yield the items of ``func(shared, chunk)`` for each chunk, in input order.

    ``meanwhile()`` is run in this process before the first item is yielded: while the
    workers start on their chunks, or (one process) before the first chunk. It must not
    change ``items``, which the workers may still be receiving.

    ``preload()`` is run in this process just before workers are forked (not with one
    process, nor where processes are spawned): what it loads (rjieba's dictionary, a
    segmenter's tables) the forked workers share instead of each building their own.
    On ``topics label -j 2`` this halved the readers' CPU time."""
    n_jobs = resolve_jobs(n_jobs)
    if n_jobs == 1:
        if meanwhile is not None:
            meanwhile()
        for chunk in _chunks(items, chunk_size):
            yield from func(shared, chunk)
        return
    fork = "fork" in mp.get_all_start_methods()
    if fork and preload is not None:
        preload()
    ctx = mp.get_context("fork" if fork else "spawn")
    with ctx.Pool(n_jobs, initializer=_init, initargs=(shared,)) as pool:
        results = pool.imap(_call, ((func, c) for c in _chunks(items, chunk_size)))
        if meanwhile is not None:
            meanwhile()
        for result in results:
            yield from result
