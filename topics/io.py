"""Atomic writes: a reader never sees a half-written output file or folder.

Every output is first written to a hidden temporary name beside it that carries the
writing process's id (``.out.jsonl.<pid>.<random>.tmp``) and renamed at the end. An
interrupted write leaves that temporary behind; the next write to the same output
removes temporaries whose process is gone.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import orjson

from topics.errors import ConfigError


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(path: Path) -> None:
    """Remove temporaries of ``path`` left by processes that no longer run."""
    if not path.parent.is_dir():
        return
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True) if tmp.is_dir() else tmp.unlink(
                missing_ok=True)


def cannot_write(path, folder: bool = False) -> str | None:
    """Why ``path`` (a file, or with ``folder`` a folder, to write) cannot be written,
    or None: checked before any work, so a long run does not end on a path that was
    never usable. An existing folder is written inside (``atomic_folder``), anything
    else beside."""
    p = Path(path).absolute()
    if folder and p.is_dir():
        return None if os.access(p, os.W_OK | os.X_OK) else f"{p} is not writable; write elsewhere"
    parent = next((q for q in p.parents if q.exists()), None)
    if parent is None:
        return None
    if not parent.is_dir():
        return f"{parent} is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{parent} is not writable; write elsewhere"
    return None


def check_out_folder(path, force: bool = False) -> Path:
    """A folder to write into, checked before any work: new, empty, or (``force``)
    overwritten. Raises ConfigError naming the fix."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file; the output must be a folder")
    if reason := cannot_write(out, folder=True):
        raise ConfigError(f"cannot write {out}: {reason}")
    if out.exists() and any(out.iterdir()) and not force:
        raise ConfigError(f"output folder {out} is not empty; choose a new folder or "
                          "pass --force (force=True) to overwrite")
    return out


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def temp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def temp_dir_for(path) -> Path:
    """A new hidden temporary folder beside ``path`` (stale ones are removed first)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(path)
    return Path(tempfile.mkdtemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent))


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """An OS error without a file name (a full disk while writing) names ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.filename or not exc.errno:
            raise
        raise OSError(exc.errno, exc.strerror, str(path)) from exc


@contextlib.contextmanager
def atomic_open(path, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator:
    """Open a temporary file beside ``path``; on success it replaces ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    except OSError as exc:          # name the output, not the temporary file beside it
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with _naming(path):
            with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                           newline=newline) as fh:
                yield fh
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual permissions
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_folder(path, replaces: Iterable[str] = ()) -> Iterator[Path]:
    """A hidden temporary folder to write a folder's outputs into: inside ``path`` when
    that folder exists (so the outputs move in on the same file system, also when
    ``path`` is a link or a mount point, and only ``path`` needs to be writable), else
    beside it. On success each entry moves into ``path`` (made if missing), replacing
    the entry of its name, and the entries named in ``replaces`` that were not written
    again are removed (an earlier run's outputs). Old entries are moved aside first and
    deleted only once every new one is in place; if a move fails they are put back. On
    failure ``path`` is left as it was."""
    out = Path(path)
    tmp = temp_dir_for(out / out.name if out.is_dir() else out)
    try:
        try:
            with _naming(out):
                yield tmp
        except OSError as exc:       # name the output, not the temporary folder
            inner = Path(exc.filename) if isinstance(exc.filename, str) else None
            if inner is None or not inner.is_relative_to(tmp):
                raise
            raise OSError(exc.errno, exc.strerror, str(out / inner.relative_to(tmp))) from exc
        out.mkdir(exist_ok=True)
        aside = Path(tempfile.mkdtemp(prefix=".replaced.", dir=tmp))
        names = dict.fromkeys([*replaces, *(e.name for e in tmp.iterdir() if e != aside)])
        moved, placed = [], []
        try:
            for name in names:
                old, new = out / name, tmp / name
                if old.exists() or old.is_symlink():
                    old.rename(aside / name)
                    moved.append(name)
                if new.exists():
                    new.rename(old)
                    placed.append(name)
        except OSError:
            for name in placed:
                _remove(out / name)
            for name in moved:
                (aside / name).rename(out / name)
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def write_text(path, text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def json_line(record, *, readable: bool = False) -> bytes:
    """One JSONL line (without its newline), UTF-8. Outputs are compact JSON written by
    orjson: ``topics label``'s 3,000 records (9 MB) in 0.04 s against 0.29 s for
    ``json.dumps``; numpy numbers and arrays are written as numbers, non-string keys
    as strings, NaN and infinities as null. What orjson refuses (integers beyond 64
    bits, nesting deeper than 254) and ``readable`` lines (annotation files, which
    people read, edit and keep under version control) are written by ``json.dumps``
    with its ", " and ": " separators."""
    if not readable:
        try:
            return orjson.dumps(record, option=orjson.OPT_SERIALIZE_NUMPY
                                | orjson.OPT_NON_STR_KEYS)
        except orjson.JSONEncodeError:
            pass
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def write_jsonl(path, records: Iterable[dict], *, readable: bool = False) -> int:
    """Records as JSON lines (``json_line``), atomically; returns how many."""
    n = 0
    with atomic_open(path, "wb") as fh:
        for rec in records:
            fh.write(json_line(rec, readable=readable) + b"\n")
            n += 1
    return n


def write_csv(path, rows: Iterable[dict], fieldnames: list[str]) -> int:
    n = 0
    delimiter = "\t" if str(path).endswith(".tsv") else ","
    with atomic_open(path, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames, delimiter=delimiter,
                                extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def write_json(path, obj) -> None:
    with atomic_open(path) as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2, sort_keys=False)
        fh.write("\n")


def write_table(path, frame) -> int:
    """A pandas DataFrame as CSV, TSV or Parquet (by suffix), atomically."""
    suffix = Path(path).suffix.lower()
    with atomic_open(path, "wb") as fh:
        if suffix == ".parquet":
            frame.to_parquet(fh, index=False)
        else:
            frame.to_csv(fh, index=False, sep="\t" if suffix == ".tsv" else ",",
                         encoding="utf-8")
    return len(frame)


def read_jsonl(path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
