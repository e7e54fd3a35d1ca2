"""JSONL and CSV/TSV files: one record per article.

* JSONL is split on ``\\n`` only (a record may hold U+2028 and other line separators),
  and every line number reported is the physical line.
* CSV/TSV is read strictly: a quoted field that is never closed is an error naming the
  line where it opens, not rows silently merged. Ids come from ``id_column``, else the
  file name and the row number (1 = the first data row, whatever line it starts on).
* A record whose text is empty (or only boilerplate) is not an error: it becomes an
  article with no paragraphs, which the commands count and report in one line.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from topics.corpus.article import Article
from topics.corpus.clean import paragraphs_from_text
from topics.corpus.lines import parse_date
from topics.corpus.normalize import normalize_field
from topics.errors import InputError
from topics.settings import ReadSettings


def _json_lines(path: Path, text: str) -> Iterator[tuple[int, str, str]]:
    """``(line, default id, the line's text)`` for each non-blank line: the JSON is
    parsed where the record is turned into an article (``parse_json_record``), so
    that worker processes, not the reader, do it."""
    stem = path.name.split(".")[0]
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield lineno, f"{stem}-{lineno}", line


def utf8_json_lines(path: Path, raw: bytes) -> list | None:
    """A JSONL file that does not decode as a whole (a line in another encoding, a NUL
    byte), line by line: ``_json_lines``' item for each UTF-8 line, an ``InputError``
    naming each line that is not UTF-8; None when most lines are not UTF-8 (the file
    is in another encoding, or binary)."""
    stem, out, good = path.name.split(".")[0], [], 0
    for lineno, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            out.append((lineno, f"{stem}-{lineno}", line.decode("utf-8")))
            good += 1
        except UnicodeDecodeError:
            out.append(InputError(path, "not UTF-8 text; re-save the file as UTF-8", line=lineno))
    return out if good and good >= len(out) / 2 else None


def parse_json_record(line: str) -> dict:
    """One JSONL line -> its record; ``ValueError`` saying what is wrong."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError("malformed JSON (nested too deeply to read)") from None
    if not isinstance(rec, dict):
        raise ValueError("a JSONL line must be an object with a 'text' field")
    return rec


def _missing_column(fields: list[str], opts: ReadSettings, path: Path) -> InputError | None:
    for name, setting in ((opts.text_column, "text_column"), (opts.id_column, "id_column"),
                          (opts.title_column, "title_column")):
        if name and name not in fields:
            return InputError(path, f"no column {name!r} (columns: {', '.join(fields)}); "
                                    f"name the right one with {setting} "
                                    f"(--{setting.replace('_', '-')})")
    return None


def _csv_reason(exc: csv.Error) -> str:
    return ("a quoted field opened on this line is never closed"
            if "unexpected end of data" in str(exc) else f"malformed CSV ({exc})")


def _csv_records(path: Path, text: str, opts: ReadSettings):
    """``(line, default id, record)`` per row; a malformed row is an ``InputError``
    naming the line it begins on, and reading goes on from the next line (an unclosed
    quote would otherwise swallow every later row). Default ids count rows, the bad
    ones too, so a row's id does not depend on the rows before it being readable."""
    delimiter = "\t" if path.name.lower().endswith(".tsv") else ","
    stem = path.name.split(".")[0]
    buffer, starts = io.StringIO(text), []

    def reader_from(line: int):
        """A reader of the text from that line on: the same buffer, moved to the line's
        first character (lines end at \\n only, as csv counts them)."""
        if line:
            if not starts:          # found once, on the first bad row
                starts.extend([0, *(m.end() for m in re.finditer("\n", text))])
            buffer.seek(starts[line] if line < len(starts) else len(text))
        return csv.reader(buffer, delimiter=delimiter, strict=True)

    reader, base = reader_from(0), 0
    try:
        header = next(reader, [])
    except csv.Error as exc:
        yield InputError(path, _csv_reason(exc), line=1)
        return
    if error := _missing_column(header, opts, path):
        yield error
        return
    row_no, start = 0, reader.line_num + 1       # start: the line the next row begins on
    while True:
        try:
            for row in reader:
                row_no += 1
                rec = dict(zip(header, row))
                rec["text"] = rec.pop(opts.text_column, "") or ""
                if opts.id_column:
                    rec["id"] = rec.pop(opts.id_column)
                if opts.title_column:
                    rec["title"] = rec.pop(opts.title_column)
                yield start, f"{stem}-{row_no}", rec
                start = base + reader.line_num + 1
            return
        except csv.Error as exc:
            yield InputError(path, _csv_reason(exc), line=start)
            row_no += 1
            base = start                          # go on from the line after it
            reader, start = reader_from(base), base + 1


def iter_records(path: Path, text: str, opts: ReadSettings) -> Iterator:
    """``(line, default id, record)`` for each record of a decoded JSONL/CSV file:
    a CSV row as a dict, a JSONL line as its text (``article_from_record`` parses
    it); malformed CSV becomes an ``InputError`` item (the rows before it still come)."""
    if path.name.lower().endswith((".csv", ".tsv")):
        csv.field_size_limit(opts.max_bytes)
        yield from _csv_records(path, text, opts)
    else:
        yield from _json_lines(path, text)


def parquet_records(path: Path, data: bytes) -> Iterator[tuple[int, str, dict]]:
    """``(row, default id, record)`` of a Parquet file (one record per row, as
    ``topics ingest --spark`` writes); ``meta`` stored as JSON text becomes a dict."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise InputError(path, f"not a readable Parquet file ({exc})") from None
    if table.num_rows and not {"text", "paragraphs"} & set(table.column_names):
        raise InputError(path, f"no 'text' or 'paragraphs' column (columns: "
                               f"{', '.join(table.column_names)}); give the text column that "
                               "name, as `topics ingest` writes it")
    stem = path.name.split(".")[0]
    for row, rec in enumerate(table.to_pylist(), 1):
        if isinstance(rec.get("meta"), str):
            try:
                rec["meta"] = json.loads(rec["meta"])
            except json.JSONDecodeError:
                rec["meta"] = {}
        yield row, f"{stem}-{row}", rec


def _paragraphs(rec: dict, opts: ReadSettings) -> list[str]:
    paragraphs = rec.get("paragraphs")
    if paragraphs is not None:
        if not isinstance(paragraphs, list):
            raise ValueError("'paragraphs' must be a list of strings")
        bad = next((i for i, p in enumerate(paragraphs) if not isinstance(p, str)), None)
        if bad is not None:
            raise ValueError(f"'paragraphs' must be a list of strings; item {bad} is "
                             f"{json.dumps(paragraphs[bad])}")
        return [p for p in paragraphs if p.strip()]
    text = rec.get("text")
    if text is None:
        raise ValueError("record has no 'text' string (or 'paragraphs' list)")
    if not isinstance(text, str):
        raise ValueError(f"'text' must be a string, got {json.dumps(text)[:40]}")
    return paragraphs_from_text(text, simplified=opts.simplified) if text.strip() else []


def _field(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def article_from_record(rec: dict | str, default_id: str, path: Path,
                        opts: ReadSettings) -> Article:
    """A JSONL/CSV record (a JSONL line's text is parsed first) -> Article (cleaned
    unless it already has ``paragraphs``); an empty record gives an article with no
    paragraphs. Raises ``ValueError`` for malformed JSON or a record of the wrong
    shape."""
    if isinstance(rec, str):
        rec = parse_json_record(rec)
    paragraphs = _paragraphs(rec, opts)
    authors = rec.get("authors") or []
    date = _field(rec.get("date"))
    return Article(
        id=_field(rec.get("id")) or default_id, paragraphs=paragraphs,
        title=normalize_field(_field(rec.get("title")), simplified=opts.simplified), source=_field(rec.get("source")),
        date=parse_date(date) or date if date else None,
        authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
        path=_field(rec.get("path")) or str(path),
        meta=rec["meta"] if isinstance(rec.get("meta"), dict) else {},
        duplicate_of=_field(rec.get("duplicate_of")),
    )
