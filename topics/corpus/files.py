"""Finding the input files, and reading their bytes within the size limit.

Folders are walked without recursion (any depth), in sorted order, skipping hidden
names; a folder that cannot be read is reported, never skipped silently. ``.gz`` files
are decompressed as a stream and refused as soon as they pass the limit.
"""
from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from topics.errors import InputError

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".csv", ".tsv", ".parquet")
SUFFIXES = PAGE_SUFFIXES + WARC_SUFFIXES + RECORD_SUFFIXES


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    return next((s for s in SUFFIXES if name.endswith(s)), path.suffix.lower())


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def walk(folder: Path) -> Iterator[Path | InputError]:
    """Supported files under ``folder`` (sorted, depth-first, iterative), and an
    ``InputError`` for each sub-folder that cannot be read."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            yield InputError(current, f"cannot read folder: {_reason(exc)}")
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(Path(entry.path))
            elif suffix_of(Path(entry.name)) not in SUFFIXES:
                continue
            elif entry.is_file():
                yield Path(entry.path)
            else:               # a file we would read that cannot be: say so, not skip it
                yield InputError(entry.path, _not_a_file(Path(entry.path)))
        stack.extend(reversed(subfolders))


def expand_paths(paths: Iterable) -> Iterator[Path | InputError]:
    """Files named, and supported files inside folders."""
    for p in map(Path, paths):
        if p.is_dir():
            found = list(walk(p))
            if not found:
                yield InputError(p, f"folder has no {', '.join(SUFFIXES)} files")
            yield from found
        elif p.is_file():
            if suffix_of(p) not in SUFFIXES:
                yield InputError(p, f"unsupported file type {p.suffix or '(none)'}; give "
                                    f"{', '.join(SUFFIXES)} (convert PDFs with pdftotext first)")
            else:
                yield p
        else:
            yield InputError(p, _not_a_file(p))


def _not_a_file(p: Path) -> str:
    """Why a path that is neither a folder nor a regular file cannot be read."""
    if p.is_symlink() and not p.exists():
        return "a link to nothing (its target is gone); fix or remove the link"
    if p.exists():
        return "not a regular file (a pipe, socket or device); give a file"
    return "no such file or folder"


def _too_big(path: Path, what: str, size: float, max_bytes: int) -> InputError:
    return InputError(path, f"{what} is {size / 2**20:.1f} MB, over the "
                            f"{max_bytes / 2**20:g} MB limit; split it or raise max_mb "
                            "(--max-mb)")


class TruncatedInput(InputError):
    """A compressed file that ends early (cut off in a download or a copy): ``data``
    holds its complete lines, which can still be read."""

    def __init__(self, path, reason: str, data: bytes = b""):
        super().__init__(path, reason)
        self.data = data

    def __reduce__(self):
        return (type(self), (self.path, self.reason, self.data))


_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16          # compressed bytes fed at a time
_OUT = 1 << 20            # decompressed bytes asked for at a time


def _gunzip(path: Path, max_bytes: int, data: bytes | None = None) -> bytes:
    """The decompressed file (or ``data``), every gzip member of it, decompressed in
    pieces so that a small file that decompresses to more than ``max_bytes`` is
    refused before it fills the memory. Bytes after the last member that begin no
    member (padding, trailing garbage) are ignored, as ``gunzip`` ignores them. A
    file that ends inside a member, or whose later member is damaged, raises
    ``TruncatedInput`` with the complete lines before the cut."""
    raw = path.read_bytes() if data is None else data
    view, pos, pieces, size = memoryview(raw), 0, [], 0

    def take(piece: bytes) -> None:
        nonlocal size
        size += len(piece)
        if size > max_bytes:
            raise _too_big(path, "the decompressed file", size, max_bytes)
        pieces.append(piece)

    while pos < len(raw) and raw[pos:pos + 2] == _GZIP_MAGIC:
        member = zlib.decompressobj(wbits=31)
        try:
            while not member.eof and pos < len(raw):
                chunk = view[pos:pos + _CHUNK]
                take(member.decompress(chunk, _OUT))
                while member.unconsumed_tail and not member.eof:     # at most one chunk
                    take(member.decompress(member.unconsumed_tail, _OUT))
                pos += len(chunk) - len(member.unused_data)
            if not member.eof:
                take(member.flush())
        except zlib.error as exc:
            if not size:
                raise InputError(path, f"not a valid gzip file ({exc})") from None
        if not member.eof:
            done = b"".join(pieces)
            done = done[:done.rfind(b"\n") + 1]
            lines = done.count(b"\n")
            raise TruncatedInput(path, f"the gzip file ends early (cut off or damaged) after "
                                       f"{lines} complete line(s); those were read, the rest "
                                       "is lost: download or copy it again", done)
    if pos == 0 and raw:
        raise InputError(path, "not a valid gzip file (it does not begin with a gzip header)")
    return b"".join(pieces)


def check_size(path, size: int, max_bytes: int) -> None:
    """Refuse a file of ``size`` bytes over ``max_bytes`` (before reading it)."""
    if size > max_bytes:
        raise _too_big(path, "the file", size, max_bytes)


def read_bytes(path: Path, max_bytes: int, data: bytes | None = None) -> bytes:
    """The file's bytes (read from disk unless given as ``data``, as Spark executors
    give them), decompressed for ``.gz``, refusing more than ``max_bytes``."""
    check_size(path, path.stat().st_size if data is None else len(data), max_bytes)
    if suffix_of(path).endswith(".gz"):
        return _gunzip(path, max_bytes, data)
    return path.read_bytes() if data is None else data
