"""Read files and folders into clean ``Article`` records.

Supported: ``.txt`` ``.md`` (one page, split into its articles), ``.html``/``.htm``
(one web page: its main text, ``topics.corpus.extract``), ``.warc``/``.warc.gz`` (every
HTML response record a web page, ``topics.corpus.warc``),
``.jsonl``/``.jsonl.gz`` (one record per article: ``text`` or ``paragraphs``, with
optional ``id``, ``title``, ``date``, ``source``, ``authors``) and ``.csv``/``.tsv`` (a
text column). ``topics ingest`` output is itself JSONL and reads back unchanged.

``iter_ingest`` yields ``Article`` or ``InputError`` items in input order: one bad file
or line never stops the others, and the caller decides how to report it.

Every reader takes a file's bytes as well as its path (``data=``), so a file that is not
on this machine's disk (a Spark executor reading ``hdfs://`` with ``binaryFiles``, see
``topics.spark``) goes through the same functions as a local one: ``read_file`` for a
page or WARC file, ``record_jobs`` then ``run_job`` for the records of a JSONL, CSV or
Parquet file (``.parquet``: one record per row, as ``topics ingest --spark`` writes).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from topics.corpus.article import Article
from topics.corpus.clean import clean_page, clean_web_paragraphs, title_of
from topics.corpus.decode import DecodeError, decode_bytes, decode_html
from topics.corpus.files import (PAGE_SUFFIXES, RECORD_SUFFIXES, SUFFIXES,  # noqa: F401
                                 WARC_SUFFIXES, TruncatedInput,
                                 expand_paths, read_bytes, suffix_of)
from topics.corpus.normalize import normalize_field
from topics.corpus.records import (article_from_record, iter_records, parquet_records,
                                   utf8_json_lines)
from topics.corpus.repair import load_dictionary
from topics.errors import InputError
from topics.parallel import map_chunks
from topics.settings import ReadSettings

if TYPE_CHECKING:
    from topics.corpus.extract import WebPage

# -- pages --------------------------------------------------------------------------
_MD = [(re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""), (re.compile(r"^\s{0,3}>\s?", re.M), ""),
       (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"(\*\*|__|`)"), "")]


def _read_bytes(path: Path, opts: ReadSettings, data: bytes | None = None) -> bytes:
    return read_bytes(path, opts.max_bytes, data)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        raise InputError(path, str(exc)) from None


def article_from_html(html: str, article_id: str, path: Path, opts: ReadSettings,
                      *, url: str | None = None, meta: dict | None = None) -> Article:
    """One web page (decoded HTML) -> one Article with its main text and metadata.

    Raises ``InputError`` for an index page, unreadable HTML or a page with no text.
    """
    # the HTML stack (lxml, the extractor's rules) is imported where pages are read:
    # a command reading records starts 0.08 s sooner without it
    from topics.corpus.dom import HtmlParseError
    from topics.corpus.extract import IndexPageError, extract_html

    try:
        page = extract_html(html, url=url)
    except (IndexPageError, HtmlParseError) as exc:
        raise InputError(path, str(exc)) from None
    paragraphs = clean_web_paragraphs(page.paragraphs, simplified=opts.simplified)
    if not paragraphs:
        raise InputError(path, "no article text found on the page (only navigation, "
                               "links or widgets); check it is an article page")
    return _web_article(page, paragraphs, article_id, path, opts, meta or {})


def _web_article(page: WebPage, paragraphs: list[str], article_id: str, path: Path,
                 opts: ReadSettings, meta: dict) -> Article:
    def norm(value: str | None) -> str | None:
        return normalize_field(value, simplified=opts.simplified)

    return Article(
        id=article_id, paragraphs=paragraphs, title=norm(page.title),
        source=norm(page.source), date=page.date,
        authors=[a for a in map(norm, page.authors) if a], path=str(path),
        meta={**page.meta, **meta},
    )


def read_html(path: Path, opts: ReadSettings,
              data: bytes | None = None) -> list[Article]:
    data = _read_bytes(path, opts, data)
    try:
        html, encoding = decode_html(data)
    except DecodeError as exc:
        raise InputError(path, str(exc)) from None
    if opts.html == "full":
        from topics.corpus.html import html_to_text

        return _read_text_page(path, *html_to_text(html), encoding, opts)
    return [article_from_html(html, path.stem, path, opts, meta={"encoding": encoding})]


def read_page(path: Path, opts: ReadSettings,
              data: bytes | None = None) -> list[Article]:
    if suffix_of(path) in (".html", ".htm"):
        return read_html(path, opts, data)
    text, encoding = _decode(path, _read_bytes(path, opts, data))
    if suffix_of(path) == ".md":
        for pat, rep in _MD:
            text = pat.sub(rep, text)
    return _read_text_page(path, text, None, encoding, opts)


def _read_text_page(path: Path, text: str, page_title: str | None, encoding: str,
                    opts: ReadSettings) -> list[Article]:
    meta, parts = clean_page(text, simplified=opts.simplified, split=opts.split)
    if not parts:
        raise InputError(path, "no article text found after cleaning (only boilerplate, headlines or captions)")
    articles = []
    for k, part in enumerate(parts, 1):
        aid = path.stem if len(parts) == 1 else f"{path.stem}-{k:02d}"
        info = {**meta, **part.meta, "encoding": encoding}
        articles.append(Article(
            id=aid, paragraphs=part.body, title=title_of(part) or (page_title if len(parts) == 1 else None),
            source=info.pop("source", None), date=info.pop("date", None), authors=part.authors,
            path=str(path), meta=info,
        ))
    return articles


# -- web archives -------------------------------------------------------------------
def read_warc(path: Path, opts: ReadSettings,
              data: bytes | None = None) -> list[Article | InputError]:
    """Every HTML page of a WARC file (from disk, or its bytes ``data``), as Articles
    (errors per record, in order)."""
    from topics.corpus.warc import iter_warc_pages

    out: list[Article | InputError] = []
    for item in iter_warc_pages(path, max_bytes=opts.max_bytes, data=data):
        if isinstance(item, InputError):
            out.append(item)
            continue
        try:
            out.append(article_from_html(item.html, item.article_id, path, opts,
                                         url=item.url, meta=item.meta))
        except InputError as exc:
            out.append(InputError(path, f"record at byte offset {item.offset} "
                                        f"({item.url}): {exc.reason}"))
    return out


def read_file(path: Path, opts: ReadSettings,
              data: bytes | None = None) -> list[Article | InputError]:
    """Every article of a page or WARC file (from disk, or its bytes ``data``)."""
    return run_job(opts, ("warc" if suffix_of(path) in WARC_SUFFIXES else "page", path,
                          data))


def record_jobs(path: Path, opts: ReadSettings,
                data: bytes | None = None) -> list[tuple]:
    """A ``("record", path, line, default id, record)`` job per record of a JSONL/CSV/Parquet file
    (from disk, or its bytes ``data``), ``("error", InputError)`` for a bad line; a file
    that cannot be read at all is one error job."""
    cut = []                    # a gzip file cut off: its complete lines, then the error
    try:
        try:
            raw = _read_bytes(path, opts, data)
        except TruncatedInput as exc:   # the error keeps no copy of the data
            raw, cut = exc.data, [("error", InputError(exc.path, exc.reason))]
            if not raw:
                return cut
        if suffix_of(path) == ".parquet":
            records = list(parquet_records(path, raw))
        else:
            try:
                records = list(iter_records(path, _decode(path, raw)[0], opts))
            except InputError:      # JSONL: one bad line need not lose the others
                is_jsonl = suffix_of(path) in (".jsonl", ".jsonl.gz")
                records = utf8_json_lines(path, raw) if is_jsonl else None
                if records is None:
                    raise
    except InputError as exc:
        return [("error", exc)] + cut
    except OSError as exc:
        return [("error", InputError(path, f"cannot read: {exc.strerror or exc}"))]
    return [("error", r) if isinstance(r, InputError) else ("record", path, *r)
            for r in records] + cut


# -- the pipeline -------------------------------------------------------------------
class _Total:
    """How many jobs there are, known file by file (a record file adds its records)."""

    def __init__(self):
        self.n = 0


def _jobs(paths: Iterable, opts: ReadSettings, total: _Total) -> Iterator[tuple]:
    items = list(expand_paths(paths))
    total.n = len(items)
    for item in items:
        if isinstance(item, InputError):
            yield ("error", item)
        elif suffix_of(item) in PAGE_SUFFIXES:
            yield ("page", item, None)
        elif suffix_of(item) in WARC_SUFFIXES:
            yield ("warc", item, None)
        else:
            jobs = record_jobs(item, opts)
            total.n += len(jobs) - 1
            yield from jobs


def run_job(opts: ReadSettings, job: tuple) -> list[Article | InputError]:
    """The articles (or errors) of one job: ``("page" | "warc", path, bytes or None)``,
    ``("record", path, line, default id, record)`` or ``("error", InputError)``."""
    try:
        if job[0] == "error":
            return [job[1]]
        if job[0] == "page":
            return read_page(job[1], opts, job[2])
        if job[0] == "warc":
            return read_warc(job[1], opts, job[2])
        _, path, lineno, default_id, rec = job
        try:
            return [article_from_record(rec, default_id, path, opts)]
        except ValueError as exc:
            return [InputError(path, str(exc), line=lineno)]
    except InputError as exc:
        return [exc]
    except OSError as exc:
        return [InputError(job[1], f"cannot read: {exc.strerror or exc}")]


def _load_tables() -> None:
    """What every reader looks up, loaded in the parent before the workers fork (they
    share it): rjieba's word list and the traditional-character table."""
    from topics.corpus.normalize import load_tables

    load_dictionary()
    load_tables()


def _run_jobs(opts: ReadSettings, jobs: list) -> list[list[Article | InputError]]:
    return [run_job(opts, job) for job in jobs]


def iter_ingest(paths: Iterable, options: ReadSettings | None = None, *, n_jobs: int = 1,
                chunk_size: int = 200, progress=None) -> Iterator[Article | InputError]:
    """Articles and errors, in input order; identical for any ``n_jobs``.
    ``progress("read", done, total)`` is called as inputs (files, records) finish."""
    opts = options or ReadSettings()
    total, done = _Total(), 0
    for outputs in map_chunks(_run_jobs, opts, _jobs(paths, opts, total), n_jobs=n_jobs,
                              preload=_load_tables,
                              chunk_size=chunk_size):
        done += 1
        if progress is not None:
            progress("read", done, max(total.n, done))
        yield from outputs


def ingest(paths: Iterable, options: ReadSettings | None = None, *, n_jobs: int = 1,
           progress=None) -> tuple[list[Article], list[InputError]]:
    """Everything at once: ``(articles, errors)``."""
    articles, errors = [], []
    for item in iter_ingest(paths, options, n_jobs=n_jobs, progress=progress):
        (errors if isinstance(item, InputError) else articles).append(item)
    return articles, errors
