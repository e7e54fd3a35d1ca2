"""Output folders the way Spark users expect: one part file per partition, Parquet or
JSONL, on any Hadoop-compatible file system.

A JSONL folder holds ``part-NNNNN.jsonl`` files whose lines are exactly what the local
command writes (``topics.io.json_line``), so ``topics`` reads the
folder back; a Parquet folder holds the same fields as columns (lists as arrays,
``meta`` as JSON text). Rows are in no particular order; each carries its id.

Like the local writers, a folder is written under a hidden temporary name beside the
target and renamed into place when complete, replacing an earlier output (a folder
with Spark's ``_SUCCESS`` marker); any other existing file or folder is refused.
"""
from __future__ import annotations

import json
import os
import uuid
from functools import partial

from topics.errors import SparkError
from topics.io import json_line
from topics.spark.files import _fs, to_uri

FORMATS = ("parquet", "jsonl")
TABLE_SUFFIXES = (".csv", ".tsv")

# column kinds: text, whole number, number, true/false, list of texts, JSON text
ARTICLE_COLUMNS = [("id", "string"), ("title", "string"), ("source", "string"),
                   ("date", "string"), ("authors", "strings"), ("path", "string"),
                   ("paragraphs", "strings"), ("meta", "json")]
TOKEN_COLUMNS = [("unit_id", "string"), ("article_id", "string"), ("paragraph", "long"),
                 ("tokens", "strings")]


def label_columns(classes) -> list[tuple[str, str]]:
    """The article table of ``topics label`` (``article_rows``)."""
    return [("id", "string"), ("title", "string"), ("date", "string"),
            ("source", "string"), ("url", "string"), ("labels", "strings"), ("n_paragraphs", "long"),
            ("empty", "boolean"), ("duplicate_of", "string"),
            *[(c, "double") for c in classes]]


def paragraph_columns(classes) -> list[tuple[str, str]]:
    """The paragraph table of ``topics label`` (``paragraph_rows``)."""
    return [("unit_id", "string"), ("article_id", "string"), ("paragraph", "long"),
            ("date", "string"), ("source", "string"), ("text", "string"),
            ("labels", "strings"), *[(c, "double") for c in classes]]


def output_format(out: str, fmt: str = "auto") -> str:
    """``parquet`` or ``jsonl``: as asked, or (``auto``) JSONL for a name ending in
    ``.jsonl``, else Parquet."""
    if fmt != "auto":
        return fmt
    return "jsonl" if str(out).lower().rstrip("/").endswith(".jsonl") else "parquet"


def _children(fs, path) -> list:
    return list(fs.listStatus(path))


def check_output(spark, out: str, inputs=()) -> None:
    """An output folder Spark can write: not a table file name, not an input, and
    new, empty or an earlier Spark output (raises ``SparkError`` saying why)."""
    if str(out).lower().endswith(TABLE_SUFFIXES):
        raise SparkError(f"output {out}: on Spark outputs are folders of Parquet or "
                         "JSONL part files; name it OUT.parquet, OUT.jsonl or a folder")
    target = to_uri(out).rstrip("/")
    for i in map(str, inputs):
        source = to_uri(i).rstrip("/")
        if source == target or source.startswith(target + "/"):
            raise SparkError(f"output {out} is also an input or another output; write to another folder")
    fs, path = _fs(spark, target)
    if not fs.exists(path):
        return
    if not fs.getFileStatus(path).isDirectory():
        raise SparkError(f"output {out} is a file; on Spark the output is a folder")
    names = {c.getPath().getName() for c in _children(fs, path)}
    if names and "_SUCCESS" not in names:
        raise SparkError(f"output folder {out} exists and is not an earlier Spark "
                         "output (no _SUCCESS file); choose a new folder")


def _schema(columns):
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "long": T.LongType(), "double": T.DoubleType(),
             "boolean": T.BooleanType(),
             "strings": T.ArrayType(T.StringType()), "json": T.StringType()}
    return T.StructType([T.StructField(n, kinds[k], True) for n, k in columns])


def _row(columns, record: dict) -> tuple:
    out = []
    for name, kind in columns:
        value = record.get(name)
        if kind == "json":
            value = json.dumps(value or {}, ensure_ascii=False)
        elif kind == "strings" and value is not None:
            value = [str(v) for v in value]
        out.append(value)
    return tuple(out)


def _line(record: dict) -> str:
    return json_line(record).decode("utf-8")


def _temp_uri(target: str) -> str:
    parent, _, name = target.rpartition("/")
    return f"{parent}/.{name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp"


def write_rows(spark, rows, out: str, fmt: str, columns) -> str:
    """Write an RDD of record dicts to the folder ``out`` as ``fmt`` (``parquet``:
    ``columns`` give the schema; ``jsonl``: each record as the local command writes
    it); returns the folder's URI. The work of every earlier step runs now."""
    target = to_uri(out).rstrip("/")
    tmp = _temp_uri(target)
    fs, tmp_path = _fs(spark, tmp)
    try:
        if fmt == "jsonl":
            rows.map(_line).saveAsTextFile(tmp)
            _rename_parts(spark, tmp)
        else:
            frame = spark.createDataFrame(rows.map(partial(_row, columns)),
                                          _schema(columns))
            frame.write.parquet(tmp)
        _publish(spark, tmp, target)
    finally:
        if fs.exists(tmp_path):
            fs.delete(tmp_path, True)
    return target


def _rename_parts(spark, folder_uri: str) -> None:
    fs, folder = _fs(spark, folder_uri)
    for status in _children(fs, folder):
        name = status.getPath().getName()
        if name.startswith("part-") and "." not in name:
            _, new = _fs(spark, f"{folder_uri}/{name}.jsonl")
            fs.rename(status.getPath(), new)


def _publish(spark, tmp: str, target: str) -> None:
    fs, path = _fs(spark, target)
    _, tmp_path = _fs(spark, tmp)
    if fs.exists(path):
        fs.delete(path, True)
    if not fs.rename(tmp_path, path):
        raise SparkError(f"could not move the finished output into {target}; check "
                         "that its folder is writable")
