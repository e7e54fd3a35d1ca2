"""Input files on any Hadoop-compatible file system, in the order the local reader uses.

``list_inputs`` lists the files and folders named (local paths or URIs such as
``hdfs://nn/corpus`` and ``s3a://bucket/corpus``) with Spark's own parallel listing
(the ``binaryFile`` source, without reading any content), keeps the file types
``topics ingest`` reads, and numbers them as ``expand_paths`` orders them locally: the
arguments in turn, each folder's files sorted by their path inside it. Each file keeps
the name a local run would give it (the path as written for local files, the URI
otherwise), so ids, ``path`` fields and error messages are the same on both.

As everywhere in Hadoop, names starting with ``_`` or ``.`` inside folders are skipped
(a local run skips only ``.`` names).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from topics.corpus.files import SUFFIXES, WARC_SUFFIXES, check_size, suffix_of
from topics.errors import InputError, SparkError
from topics.settings import ReadSettings

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:/")
MAX_FILE = 2**31 - 1 - 2**20      # a file is read into one Java array: under 2 GB


def is_uri(path) -> bool:
    """``hdfs://…``, ``s3a://…``, ``file:/…`` (not a plain local path)."""
    return bool(_URI.match(str(path)))


def to_uri(path) -> str:
    """A URI for Hadoop: URIs as they are, local paths as ``file://`` + absolute path
    (not percent-encoded: Hadoop's ``Path`` encodes it itself)."""
    return str(path) if is_uri(path) else "file://" + str(Path(path).absolute())


class RemotePath:
    """A file named by a URI, with what the readers use of a ``Path``: ``name``,
    ``stem``, ``suffix`` and ``str()`` (``Path`` folds ``hdfs://`` into ``hdfs:/``)."""

    __slots__ = ("uri",)

    def __init__(self, uri: str):
        self.uri = uri

    @property
    def name(self) -> str:
        return self.uri.rstrip("/").rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return PurePosixPath(self.name).stem

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def __str__(self) -> str:
        return self.uri

    def __repr__(self) -> str:
        return f"RemotePath({self.uri!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, RemotePath) and other.uri == self.uri

    def __hash__(self) -> int:
        return hash(self.uri)

    def __getstate__(self):
        return self.uri

    def __setstate__(self, uri):
        self.uri = uri


@dataclass(frozen=True)
class InputFile:
    """One file to read: its place in the local reading order, the URI Spark lists it
    under, the name a local run gives it, its size in bytes, and the file or folder
    named that holds it (as a URI)."""

    number: int
    uri: str
    path: Path | RemotePath
    size: int
    root: str

    @property
    def is_warc(self) -> bool:
        return suffix_of(self.path) in WARC_SUFFIXES


def _fs(spark, uri: str):
    """Hadoop's ``(FileSystem, Path)`` for a URI."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), path


def missing_inputs(spark, paths) -> list[str]:
    """The paths named that do not exist (local paths or URIs)."""
    out = []
    for p in paths:
        fs, path = _fs(spark, to_uri(p))
        if not fs.exists(path):
            out.append(str(p))
    return out


def escape_glob(uri: str) -> str:
    """A path Hadoop's glob expansion takes literally (``x[1]`` is not a pattern)."""
    return "".join("\\" + c if c in "\\[]{}*?" else c for c in uri)


def glob_filter() -> str:
    """A case-insensitive glob of the last suffix of every readable type."""
    last = sorted({s.rsplit(".", 1)[-1] for s in SUFFIXES})
    either = ["".join(f"[{c.lower()}{c.upper()}]" for c in s) for s in last]
    return "*.{" + ",".join(either) + "}"


def _listing(spark, root_uri: str) -> list[tuple[str, int]]:
    """``(uri, size)`` of every file under a folder (Spark's parallel listing)."""
    frame = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
             .option("pathGlobFilter", glob_filter()).load(escape_glob(root_uri)))
    return [(r.path, r.length) for r in frame.select("path", "length").collect()]


def _in_folder(spark, arg: str, opts: ReadSettings):
    """The readable files of one folder, in local order, with their local names."""
    fs, root = _fs(spark, to_uri(arg))
    prefix = fs.makeQualified(root).toString().rstrip("/") + "/"
    found = []
    for uri, size in _listing(spark, to_uri(arg)):
        rel = uri[len(prefix):] if uri.startswith(prefix) else uri.rsplit("/", 1)[-1]
        name = rel.rsplit("/", 1)[-1]
        if suffix_of(PurePosixPath(name)) in SUFFIXES and not name.startswith("."):
            local = RemotePath(uri) if is_uri(arg) else Path(arg) / rel
            found.append((tuple(rel.split("/")), uri, local, size))
    return [f[1:] for f in sorted(found, key=lambda f: f[0])]


def _single(spark, arg: str):
    fs, path = _fs(spark, to_uri(arg))
    status = fs.getFileStatus(path)
    local = RemotePath(status.getPath().toString()) if is_uri(arg) else Path(arg)
    return status.isDirectory(), status.getPath().toString(), local, status.getLen()


def list_inputs(spark, paths,
                opts: ReadSettings) -> tuple[list[InputFile], list[InputError]]:
    """The files to read, numbered in local order, and an ``InputError`` for each path
    that cannot be read (missing, unsupported type, empty folder, over ``max_mb``)."""
    files: list[InputFile] = []
    errors: list[InputError] = []
    for arg in map(str, paths):
        if missing_inputs(spark, [arg]):
            errors.append(InputError(arg, "no such file or folder"))
            continue
        is_dir, uri, local, size = _single(spark, arg)
        if is_dir:
            found = _in_folder(spark, arg, opts)
            if not found:
                errors.append(InputError(arg, f"folder has no {', '.join(SUFFIXES)} "
                                              "files"))
        elif suffix_of(local) not in SUFFIXES:
            kind = local.suffix or "(none)"
            errors.append(InputError(local, f"unsupported file type {kind}; give "
                                            f"{', '.join(SUFFIXES)} (convert PDFs with "
                                            "pdftotext first)"))
            continue
        else:
            found = [(uri, local, size)]
        for uri, local, size in found:
            try:
                _check(local, size, opts)
            except InputError as exc:
                errors.append(exc)
                continue
            files.append(InputFile(len(files), uri, local, size, to_uri(arg)))
    return files, errors


def _check(local, size: int, opts: ReadSettings) -> None:
    if suffix_of(local) not in WARC_SUFFIXES:
        check_size(local, size, opts.max_bytes)
    elif size > MAX_FILE:
        raise InputError(local, f"file is {size / 2**30:.1f} GB; Spark reads a file "
                                "whole, so it must be under 2 GB: split the archive")


def require_inputs(spark, paths) -> None:
    """Every path named must exist (a typo is found before any work)."""
    missing = missing_inputs(spark, paths)
    if missing:
        raise SparkError(f"no such file or folder: {', '.join(missing)}")
