"""Title, date, source and authors of a web page.

- title: the article's headline: an ``<h1>``/``<h2>`` or ``og:title``/``ArticleTitle``
  that the ``<title>`` contains, else the ``<title>`` minus its site-name parts
  (``标题_新浪网``, ``标题-搜狐财经``, ``标题 - 维基百科``, ``网站 » 标题``), else the
  first plausible ``<h1>``; never a navigation menu;
- date (ISO ``YYYY-MM-DD``): a ``发布时间：`` line near the headline or at the top of
  the text, ``<meta>`` publication dates (``article:published_time``, ``PubDate`` …),
  ``<time datetime>``, then a date in the URL (``/2024-05/15/``, ``/t20240515_``);
- source (``来源``) and authors (``作者``/``记者``) from the header lines, else from
  ``<meta name="ContentSource">`` / ``<meta name="author">``.
"""
from __future__ import annotations

import html as htmllib
import re

from topics.corpus import siterules as R
from topics.corpus.lines import parse_date

_SEPARATORS = re.compile(r"\s*(?:_+|[|｜]|--+|—+|–|::|»|›|>|\s-\s|-(?=[^\d\s]))\s*")
_META_TITLE = ("og:title", "twitter:title", "articletitle", "headline", "title")
_META_DATE = (
    "article:published_time", "og:published_time", "og:release_date", "pubdate",
    "publishdate", "publish_date", "publishtime", "publish-date", "firstpublishedtime",
    "dc.date", "dc.date.issued", "dcterms.created", "date", "datepublished",
    "weibo:article:create_at", "sailthru.date", "created", "releasedate",
)
_META_SOURCE = ("contentsource", "source", "og:site_name_source")
_META_AUTHOR = ("author", "article:author", "dc.creator")
_URL_DATE = re.compile(
    r"(?<!\d)(20\d{2}|19\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_MIN_TITLE, _MAX_TITLE = 4, 120
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$|^[A-Za-z][\w .·-]{1,30}$")


def _meta_tags(root) -> dict[str, str]:
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = htmllib.unescape(value)
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def title_segments(title: str) -> list[str]:
    """The parts of a ``<title>`` between site-name separators, longest first."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    return sorted(parts, key=len, reverse=True)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _heading_texts(root) -> list[str]:
    out = []
    for tag in ("h1", "h2", "h3"):
        for el in root.iter(tag):
            text = _clean(el.text_content())
            if _MIN_TITLE <= len(text) <= _MAX_TITLE and not R.is_widget(text):
                out.append(text)
    return out


def find_title(root, tags: dict[str, str]) -> str | None:
    """The article's headline (see the module docstring)."""
    title_el = root.find(".//title")
    page_title = _clean(title_el.text_content()) if title_el is not None else ""
    candidates = _heading_texts(root) + [_clean(tags[k]) for k in _META_TITLE if k in tags]
    squashed = _squash(page_title)
    segments = title_segments(page_title) if page_title else []
    longest = segments[0] if segments else ""
    inside = [c for c in candidates if _squash(c) and _squash(c) in squashed
              and len(c) >= max(_MIN_TITLE, 0.5 * len(longest))]
    if inside:
        return max(inside, key=len)
    if longest and len(longest) >= _MIN_TITLE:
        return longest
    h1 = [c for c in _heading_texts(root)]
    return h1[0] if h1 else (longest or None)


def _date_from_tags(root, tags: dict[str, str]) -> str | None:
    for key in _META_DATE:
        if key in tags and (date := parse_date(tags[key])):
            return date
    for el in root.iter("time"):
        if date := parse_date(el.get("datetime") or el.text_content() or ""):
            return date
    return None


def date_from_url(url: str | None) -> str | None:
    """``http://x.cn/2024-05/15/c_1.htm`` -> ``2024-05-15``."""
    m = _URL_DATE.search(url or "")
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def _header_lines(blocks) -> dict:
    """Fields of ``来源：… 发布时间：…`` lines among the blocks before the content,
    the nearest ones first."""
    out: dict = {}
    for block in reversed(blocks[-40:]):
        if R.is_gov_header(block.text):
            for key, value in R.gov_fields(block.text).items():
                out.setdefault(key, value)
        elif (fields := R.header_fields(block.text)) is not None:
            for key, value in fields.items():
                out.setdefault(key, value)
    return out


def _authors_from_tag(tags: dict[str, str]) -> list[str]:
    for key in _META_AUTHOR:
        names = [n for n in re.split(r"[\s,，、;；]+", tags.get(key, "")) if n]
        if names and all(_NAME.match(n) for n in names) and len(names) <= 5:
            return names
    return []


def page_metadata(root, before: list, found: dict, *, url: str | None = None) -> dict:
    """``title``, ``date``, ``source``, ``authors`` and government-document fields.

    ``before`` are the text blocks before the main content; ``found`` the fields
    already lifted out of the content's own header lines (they win).
    """
    tags = _meta_tags(root)
    near = _header_lines(before)
    meta = {**near, **found}
    meta["title"] = find_title(root, tags)
    meta["date"] = (found.get("date") or near.get("date") or _date_from_tags(root, tags)
                    or date_from_url(url))
    if not meta.get("source"):
        meta["source"] = next((_clean(tags[k]) for k in _META_SOURCE if k in tags), None)
    if not meta.get("authors"):
        meta["authors"] = _authors_from_tag(tags)
    meta["authors"] = list(dict.fromkeys(meta["authors"]))
    return {k: v for k, v in meta.items() if v not in (None, "", [])} | {
        "authors": meta["authors"]}
