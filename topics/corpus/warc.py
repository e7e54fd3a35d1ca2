"""Web pages out of WARC files (``.warc``, ``.warc.gz``), as wget, Heritrix and
browsertrix write them, read with warcio.

Every ``response`` record with HTTP status 200 and an HTML content type
(``text/html``, ``application/xhtml+xml``) is one page; every other record
(requests, metadata, revisits, images, scripts, redirects) is skipped silently. A
page keeps its URL (``WARC-Target-URI``) and fetch time (``WARC-Date``); its id is
derived from the URL (``host-<12 hex digits of its SHA-1>``, with ``-2``, ``-3`` …
for a URL fetched again in the same file), so the same archive always gives the
same ids. A record that cannot be read is an ``InputError`` naming the file and
the record's byte offset; reading goes on at the next record that can be found.
After more than five damaged records in a row (no WARC structure at all: the file
is not a WARC file, or its tail is garbage) the file is given up with one message.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from topics.corpus.decode import DecodeError, decode_html
from topics.errors import InputError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_WARC_START = re.compile(rb"WARC/1\.[01]\r?\n")
_GZIP_START = b"\x1f\x8b\x08"
# an old ARC file's record starts with its URL (``http://…``, ``filedesc://…``, ``dns:…``)
_ARC_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S")
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


@dataclass
class WarcPage:
    """One HTML response of a WARC file, decoded."""

    html: str
    url: str
    article_id: str
    offset: int
    meta: dict = field(default_factory=dict)


def page_id(url: str, seen: dict[str, int]) -> str:
    """``www.example.cn-1a2b3c4d5e6f`` for a URL; repeats get ``-2``, ``-3`` …"""
    host = urlsplit(url).hostname or "page"
    base = f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


def is_html_response(record) -> bool:
    """A ``response`` record of a page fetched with status 200 as HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return any(t in ctype for t in _HTML_TYPES)


def _decode_payload(data: bytes, content_type: str) -> tuple[str, str]:
    m = _HTTP_CHARSET.search(content_type or "")
    if m:
        try:
            text = data.decode(m.group(1).lower())
            if text.strip():
                return text, m.group(1).lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_html(data)


def _cut_record(fh, gzipped: bool, last: int, end: int) -> int | None:
    """The offset of a record the file ends inside, after reading all records:
    bytes left after the last record warcio read, or (in a ``.warc.gz``) a last
    gzip member that does not end properly."""
    if _skip_blank_lines(fh, end) < _size(fh):
        return end
    if gzipped and not _member_complete(fh, last):
        return last
    return None


def _member_complete(fh, pos: int) -> bool:
    """Does the gzip member at ``pos`` end (with its checksum) before the file does?"""
    import zlib

    here = fh.tell()
    fh.seek(pos)
    inflater = zlib.decompressobj(wbits=31)
    try:
        while not inflater.eof and (chunk := fh.read(1 << 16)):
            inflater.decompress(chunk)
    except zlib.error:
        return False
    finally:
        fh.seek(here)
    return inflater.eof


def _size(fh) -> int:
    here = fh.tell()
    size = fh.seek(0, 2)
    fh.seek(here)
    return size


def _skip_blank_lines(fh, pos: int) -> int:
    """The offset of the first byte after ``pos`` that is not CR or LF (the blank
    lines between two records); the file position is left where it was."""
    here = fh.tell()
    fh.seek(pos)
    head = fh.read(8)
    fh.seek(here)
    return pos + len(head) - len(head.lstrip(b"\r\n"))


def _resync(fh, after: int, gzipped: bool, chunk: int = 1 << 20) -> int | None:
    """Offset of the next record start after ``after``, or None."""
    pos = after + 1
    while True:
        fh.seek(pos)
        data = fh.read(chunk + 16)
        if not data:
            return None
        if gzipped:
            hit = data.find(_GZIP_START)
        else:
            m = _WARC_START.search(data)
            hit = m.start() if m else -1
        if hit >= 0:
            return pos + hit
        if len(data) <= chunk:
            return None
        pos += chunk


def iter_warc_pages(path: Path, *, max_bytes: int,
                    data: bytes | None = None) -> Iterator[WarcPage | InputError]:
    """The HTML pages of one WARC file (from disk, or its bytes ``data``), in file
    order, with an ``InputError`` for each record that cannot be read (see the module
    docstring)."""
    in_a_row = 0
    for item in _records(path, max_bytes, data):
        if item is _READ:
            in_a_row = 0
            continue
        if isinstance(item, DamagedRecord):
            in_a_row += 1
            if in_a_row > _MAX_DAMAGED_IN_A_ROW:
                yield InputError(path, f"more than {_MAX_DAMAGED_IN_A_ROW} damaged records in a "
                                       "row; stopped reading the file (is it a WARC file, whole?)")
                return
        yield item


class DamagedRecord(InputError):
    """A record whose WARC structure cannot be read (not one whose page is too large,
    undecodable or an index page): a run of them means the rest is not WARC."""


_READ = object()              # marks a record warcio read, between the items
_MAX_DAMAGED_IN_A_ROW = 5


def _records(path: Path, max_bytes: int, data: bytes | None):
    with io.BytesIO(data) if data is not None else open(path, "rb") as fh:
        gzipped = fh.read(3) == _GZIP_START
        seen: dict[str, int] = {}
        start: int | None = 0
        while start is not None:
            start = yield from _read_from(fh, start, path, gzipped, seen, max_bytes)


def _read_from(fh, start: int, path: Path, gzipped: bool, seen: dict, max_bytes: int):
    """Yield the pages from ``start`` on; return where to go on after a corrupt
    record, or None at the end of the file. The last record's result is held back
    until the file is known to end after it."""
    fh.seek(start)
    offset = last = start
    held = None
    try:
        records = _quiet_iterator(fh)
        for record in records:
            if held is not None:
                yield held
            last = offset
            held = _read_record(path, record, offset, seen, max_bytes)
            if not isinstance(held, DamagedRecord):
                yield _READ       # a record was read (a page, an error of its content, or skipped)
            # warcio knows where a record ends once it has been read
            end = records.get_record_offset() + records.get_record_length()
            offset = _skip_blank_lines(fh, end)
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds
        if held is not None:
            yield held
        why = _short(exc) if type(exc).__module__.startswith("warcio") \
            else "its WARC or HTTP headers cannot be read"
        yield DamagedRecord(path, f"record at byte offset {offset} is corrupt ({why}); skipped it")
        return _resync(fh, offset, gzipped)
    cut = _cut_record(fh, gzipped, last, offset)
    if cut == last and isinstance(held, InputError):
        yield held  # the record's own error already names it
    elif cut is not None:
        if cut != last and held is not None:
            yield held
        yield InputError(
            path,
            f"record at byte offset {cut} is truncated: the file "
            "ends inside it (an interrupted download?)",
        )
    elif held is not None:
        yield held
    return None


def _first_line(record, limit: int = 40) -> str:
    """An ARC-style record's header line, as warcio split it into fields."""
    line = " ".join(v for _, v in record.rec_headers.headers if v)
    return line if len(line) <= limit else line[:limit] + "…"


def _short(exc: Exception, limit: int = 80) -> str:
    """``ArchiveLoadFailed: Invalid WARC record, first line: …`` without the
    binary garbage."""
    text = re.sub(r"[^\x20-\x7e\u4e00-\u9fff]+", " ", str(exc)).strip()
    text = text if len(text) <= limit else text[:limit] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _quiet_iterator(fh):
    """warcio's ArchiveIterator, without the warning it writes to stderr itself
    for a record cut short (we report that record as an InputError instead)."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        INC_RECORD = ""

    return QuietArchiveIterator(fh, check_digests=False)


def _truncated(record) -> bool:
    """Did the file end inside this record (fewer bytes than its Content-Length)?"""
    raw = record.raw_stream
    missing = getattr(raw, "limit", 0)
    return missing > 0 and len(raw.read(missing)) < missing


def _read_limited(stream, max_bytes: int, chunk: int = 1 << 16) -> bytes | None:
    """The stream's bytes, or None once there are more than ``max_bytes``
    (warcio's readers return nothing for one very large ``read(n)``)."""
    parts, size = [], 0
    while data := stream.read(chunk):
        size += len(data)
        if size > max_bytes:
            return None
        parts.append(data)
    return b"".join(parts)


def _read_record(path: Path, record, offset: int, seen: dict, max_bytes: int):
    if record.rec_type is None:
        return DamagedRecord(
            path,
            f"record at byte offset {offset} is truncated or damaged: "
            "its WARC header has no WARC-Type",
        )
    if record.format == "arc" and not _ARC_URI.match(record.rec_headers.get_header("uri") or ""):
        return DamagedRecord(
            path,
            f"record at byte offset {offset} is not a WARC record (it begins "
            f"{_first_line(record)!r}); give WARC files as written by wget, Heritrix or browsertrix",
        )
    if not is_html_response(record):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    data = _read_limited(record.content_stream(), max_bytes)
    if data is None:
        return InputError(
            path,
            f"record at byte offset {offset} ({url}) is over the "
            f"{max_bytes / 2**20:.0f} MB limit; raise --max-mb",
        )
    if _truncated(record):
        return InputError(
            path,
            f"record at byte offset {offset} ({url}) is truncated: "
            "the file ends inside it (an interrupted download?)",
        )
    content_type = record.http_headers.get_header("Content-Type") or ""
    try:
        html, encoding = _decode_payload(data, content_type)
    except DecodeError as exc:
        reason = ("its body is binary or garbled, not a page's text (a damaged record, or "
                  "a file served as text/html)" if str(exc).startswith("binary") else str(exc))
        return InputError(path, f"record at byte offset {offset} ({url}): {reason}")
    meta = {
        "url": url,
        "fetched": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
        "encoding": encoding,
    }
    return WarcPage(
        html=html,
        url=url,
        article_id=page_id(url, seen),
        offset=offset,
        meta={k: v for k, v in meta.items() if v},
    )
