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

import datetime
import html as htmllib
import re

from topics.corpus import siterules as R
from topics.corpus.dom import text_content
from topics.corpus.lines import is_issuer, parse_date

_SEPARATORS = re.compile(
    r"\s*(?:_+|[|｜]|--+|(?<![\d—–])[—–]+|(?<![—–])[—–]+(?![—–\d])|::|»|›|>|\s-\s|(?<![A-Za-z\d])-(?![A-Za-z\d]))\s*"
)
_SITE_LIKE = re.compile(
    r"网$|网站|百科|频道|官网|门户|论坛|社区|博客|blog|\.com|\.cn|日报|晚报|数字报$|电子报$|新闻中心|"
    r"人民政府$|客户端|首页|^[A-Za-z .]+$|^打印(?:页面|本页|版|预览)?$",
    re.I,
)
_INSTITUTION = re.compile(r"(?:[小中大]学|学校|学院|幼儿园|医院|卫生院|办事处|委员会)$")
_META_TITLE = ("og:title", "twitter:title", "articletitle", "enp:title", "headline", "title")
_META_DATE = (
    "article:published_time",
    "enp:date",
    "og:published_time",
    "og:release_date",
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "firstpublishedtime",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "datepublished",
    "weibo:article:create_at",
    "sailthru.date",
    "created",
    "releasedate",
    "wechat:published",
)
_META_SOURCE = ("contentsource", "source", "og:site_name_source", "wechat:account")
_META_AUTHOR = ("author", "article:author", "dc.creator", "enp:author")
_ENP_FIELD = re.compile(r"<(title|date|author)>([^<]*)</\1>")
# a WeChat article's publication time, set by its script (``var ct = "1716031800";``)
_WECHAT_TIME = re.compile(r"""\bvar\s+ct\s*=\s*["']?(\d{10})["']?""")
_CHINA = datetime.timezone(datetime.timedelta(hours=8))
_URL_DATE = re.compile(
    r"(?<!\d)(20\d{2}|19\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_MIN_TITLE, _MAX_TITLE = 4, 120
# a class or id naming a headline: newstitle, article_title, detail-title, tit, bt
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:[a-z]*title|tit|bt|headline|biaoti)(?:$|[\s_-]|\d)", re.I)
_MIN_H1 = 6
_NAME_ONLY = 8  # a <title> whose parts are all shorter names a site and channel only
_ISSUE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期.|周.)?\s*"
                    r"(?:总?第\s*[\d,，]+\s*期|[|｜]?\s*第\s*\d+\s*版)")   # an e-paper's 日期 | 第03版
_MASTHEAD_BLOCKS = 40
_TODAY = re.compile(r"\s*(?:今天是|今日是|今天|今日)\s*[:：]?\s*\d{4}\s*年")
_MIN_SEGMENT = 2  # 夜雨, 金锺国: short headlines exist once the site name is cut


def meta_tags(root, html: str = "") -> dict[str, str]:
    """The page's ``<meta>`` tags, ``name``/``property`` (lower case) to content,
    and the fields of a Founder e-paper's ``<!--enpproperty <title>…</title>
    <date>…</date> <author>…</author>-->`` comment in ``html`` (``enp:title`` …;
    the parser drops comments, so they are read from the page's text); on a WeChat
    article, its account (``wechat:account``) and the publication date its script
    sets (``wechat:published``, China time)."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        value = (el.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = htmllib.unescape(value)
    at = html.find("<!--enpproperty")
    end = html.find("-->", at) if at >= 0 else -1
    if end >= 0:
        comment = html[at:end]
        for key, value in _ENP_FIELD.findall(comment):
            if value.strip():
                out.setdefault(f"enp:{key}", htmllib.unescape(value.strip()))
    if "js_content" in html:     # a WeChat article: its account and its script's time
        account = root.find(".//*[@id='js_name']")
        if account is not None and (name := text_content(account).strip()):
            out.setdefault("wechat:account", name)
        shown = root.find(".//*[@id='publish_time']")     # the date the page prints, when it does
        if shown is not None and (date := parse_date(text_content(shown))):
            out.setdefault("wechat:published", date)
        elif m := _WECHAT_TIME.search(html):
            when = datetime.datetime.fromtimestamp(int(m.group(1)), _CHINA)
            out.setdefault("wechat:published", when.date().isoformat())
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def title_segments(title: str) -> list[str]:
    """The parts of a ``<title>`` between separators, the likely headline first: the
    first part that does not look like a site or channel name (``…网``, ``频道``,
    ``百科`` …), else the longest part; then the others in order."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if not parts:
        return []
    # ``长兴县实验小学--我校开展…``: an institution's name first, a longer headline after
    # it (but ``县委书记调研县人民医院 - 长兴发布`` keeps its headline)
    school_first = (len(parts) == 2 and bool(_INSTITUTION.search(parts[0]))
                    and len(parts[1]) > len(parts[0]))
    head = next(
        (p for i, p in enumerate(parts) if len(p) >= 2 and not _SITE_LIKE.search(p)
         and not (i == 0 and school_first)),
        max(parts, key=len),
    )
    return [head] + [p for p in parts if p is not head]


def squash(text: str) -> str:
    """``text`` without whitespace (how headlines are compared)."""
    return re.sub(r"\s+", "", text)


def _heading_texts(root, titled: list[str]) -> list[str]:
    """Texts of ``<h1>``–``<h3>``, then ``titled`` (``_titled_texts``), each once."""
    out = []
    for tag in ("h1", "h2", "h3"):
        for el in root.iter(tag):
            text = _clean(text_content(el))
            if _MIN_TITLE <= len(text) <= _MAX_TITLE and not R.is_widget(text):
                out.append(text)
    return out + [t for t in titled if t not in out]


def _titled_texts(root) -> list[str]:
    """Texts of elements named as a title (``div.newstitle``, ``td.article_title``,
    ``h2.detail-title``: many local sites' CMSs set the headline in one), without
    links, in page order."""
    out = []
    for el in root.iter("div", "td", "p", "span", "strong"):
        names = f"{el.get('class', '')} {el.get('id', '')}"
        if not _TITLE_CLASS.search(names) or "sub" in names.lower():
            continue
        text = _clean(text_content(el))
        if (_MIN_H1 <= len(text) <= _MAX_TITLE and next(el.iter("a"), None) is None
                and not R.is_widget(text) and not R.is_tail_heading(text)):
            out.append(text)
    return out


_SUBTITLE_MARKS = ("—", "－－", "：", ":")
_MAX_OFFICE_NAME = 12  # 湖州市生态环境局; a headline ending in 会 or 村 is longer


def _office_name(part: str) -> bool:
    """A ``<title>`` part that only names an office (``湖州市生态环境局``)."""
    return len(part) <= _MAX_OFFICE_NAME and is_issuer(part)


def _founder_title(root) -> str | None:
    """A Founder e-paper's ``<founder-title>``: the headline, not its 引题 or 副题."""
    el = next(root.iter("founder-title"), None)
    text = _clean(text_content(el)) if el is not None else ""
    return text if _MIN_H1 <= len(text) <= _MAX_TITLE else None


def _looks_like_menu(title: str) -> bool:
    """``首页 政务公开 新闻中心 办事服务``: four or more short words."""
    words = title.split()
    return len(words) >= 4 and all(len(w) <= 4 for w in words)


def _plausible_h1(root) -> str | None:
    """The first ``<h1>`` that reads like a headline (not a logo or a link home)."""
    for el in root.iter("h1"):
        text = _clean(text_content(el))
        links = [a.get("href", "") for a in el.iter("a")]
        if len(text) >= _MIN_H1 and not any(
            h in ("/", "./", "index.html") for h in links
        ):
            return text
    return None


def _meta_title(tags: dict[str, str]) -> str | None:
    for key in _META_TITLE[:-1]:
        if key in tags:
            segments = title_segments(_clean(tags[key]))
            return segments[0] if segments else None
    return None


def find_title(root, tags: dict[str, str]) -> str | None:
    """The article's headline (see the module docstring), in this order: the
    ``og:title`` (or ``ArticleTitle``) unless it is only the site-name part of the
    ``<title>``; a heading the ``<title>`` contains; the longest part of the
    ``<title>``; the first headline-like ``<h1>``."""
    title_el = root.find(".//title")
    page_title = _clean(text_content(title_el)) if title_el is not None else ""
    if _looks_like_menu(page_title):
        page_title = ""
    segments = title_segments(page_title) if page_title else []
    longest = segments[0] if segments else ""
    titled = _titled_texts(root)
    headings = _heading_texts(root, titled)
    squashed = squash(page_title)
    whole = {squash(_clean(tags[k])) for k in _META_TITLE[:-1] if k in tags}
    if same := [h for h in headings if squash(h) in whole]:
        return same[0]      # a headline holding a separator (护航“舌尖上的安全”｜县市场监管局…)
    meta_title = _meta_title(tags)
    site_part = meta_title in segments[1:] if meta_title else False
    if meta_title and len(meta_title) >= _MIN_TITLE and not site_part:
        same = [h for h in headings if squash(h) == squash(meta_title)]
        return same[0] if same else meta_title
    inside = [
        h
        for h in headings
        if squash(h) in squashed and len(h) >= max(_MIN_TITLE, 0.5 * len(longest))
    ]
    named = max(inside, key=len) if inside else ""
    if len(named) >= _NAME_ONLY:
        return named
    names_only = (all(len(p) < _NAME_ONLY for p in segments)
                  or all(_SITE_LIKE.search(p) or _office_name(p) for p in segments))
    h1 = _plausible_h1(root)
    if h1 is None and names_only:      # the longest: a side box's title is shorter
        h1 = _founder_title(root) or max(titled, key=len, default=None)
    if ((len(segments) == 1 or names_only) and h1 and len(h1) > max(len(longest), len(named))
            and not (named and _SITE_LIKE.search(h1))):
        return h1  # a <title> of names only (site, channel) and a real headline
    if named:
        return named
    if len(longest) >= _MIN_SEGMENT:      # a heading that goes on (——副题) where the <title> stops
        key = squash(longest)
        return next((h for h in headings if squash(h).startswith(key)
                     and squash(h)[len(key):].startswith(_SUBTITLE_MARKS)), longest)
    if h1 or not headings:
        return h1 or longest or None
    return next((h for h in headings if len(h) >= _NAME_ONLY), headings[0])  # not a box's name


def _date_from_tags(root, tags: dict[str, str]) -> str | None:
    for key in _META_DATE:
        if key in tags and (date := parse_date(tags[key])):
            return date
    for el in root.iter("time"):
        if date := parse_date(el.get("datetime") or text_content(el) or ""):
            return date
    return None


def date_from_url(url: str | None) -> str | None:
    """``http://x.cn/2024-05/15/c_1.htm`` -> ``2024-05-15``."""
    m = _URL_DATE.search(url or "")
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def _header_lines(blocks) -> dict:
    """Fields of ``来源：… 发布时间：…`` lines among the blocks before the content,
    the nearest ones first (a menu such as ``记者调查 民意调查`` is no byline; a
    linked ``来源：人民网`` is still a source)."""
    out: dict = {}
    for block in reversed(blocks[-40:]):
        if block.is_link_list and not R.has_field(block.text):
            continue
        for key, value in (R.line_fields(block.text) or {}).items():
            out.setdefault(key, value)
    return out


_FOOTER_KEYS, _NEAR_FOOTER = ("authors", "source", "editors"), 6


def _footer_lines(blocks) -> dict:
    """Authors, source and editors from labelled lines just after the content, up
    to the first heading of a related list or of comments."""
    out: dict = {}
    for block in blocks[:_NEAR_FOOTER]:
        if R.is_tail_heading(block.text):
            break
        if block.is_link_list or not R.has_field(block.text):
            continue
        for key, value in (R.line_fields(block.text) or {}).items():
            if key in _FOOTER_KEYS:
                out.setdefault(key, value)
    return out


def _authors_from_tag(tags: dict[str, str]) -> list[str]:
    for key in _META_AUTHOR:
        names = [n for n in re.split(r"[\s,，、;；]+", tags.get(key, "")) if n]
        if names and all(R.is_person_name(n) for n in names) and len(names) <= 5:
            return names
    return []


_NEAR_BEFORE, _NEAR_AFTER, _MAX_DATE_LINE = 15, 5, 120


def _issue_date(before: list) -> str | None:
    """A newspaper's issue date in its masthead (``2024年06月12日 星期三 第4512期``):
    the number of the issue tells it from the ``今天是：…`` of a portal's header."""
    for block in before[:_MASTHEAD_BLOCKS]:
        if len(block.text) <= _MAX_DATE_LINE and _ISSUE.search(block.text):
            return parse_date(block.text)
    return None


def _date_near_top(before: list, content: list) -> str | None:
    """A date in a short line just before the text or in its first lines."""
    for block in [*before[-_NEAR_BEFORE:][::-1], *content[:_NEAR_AFTER]]:
        if _TODAY.match(block.text):
            continue        # a portal's header: the day it was fetched
        if len(block.text) <= _MAX_DATE_LINE and (date := parse_date(block.text)):
            return date
    return None


def page_metadata(
    root,
    before: list,
    found: dict,
    *,
    url: str | None = None,
    content: list | None = None,
    tags: dict[str, str] | None = None,
    title: str | None = None,
    closing: list[str] | None = None,
    after: list | None = None,
) -> dict:
    """``title``, ``date``, ``source``, ``authors`` and government-document fields.

    ``before`` are the text blocks before the main content, ``content`` the
    content's blocks; ``found`` the fields already lifted out of the content's
    own header lines (they win); ``tags`` (``meta_tags``) and ``title``
    (``find_title``) when the caller has them already; ``closing`` the names of a
    byline closing the text (``（常书香 马丹阳）``), authors when neither a header
    line nor a ``<meta name="author">`` names any; ``after`` the blocks after the
    content, whose first labelled ``作者：``, ``来源：`` or ``编辑：`` lines fill what
    the lines before it left open (a page that prints them under the text).
    """
    tags = meta_tags(root) if tags is None else tags
    content = content or []
    near = _header_lines(before)
    meta = {**_footer_lines(after or []), **near, **found}
    meta["title"] = title if title is not None else find_title(root, tags)
    meta["date"] = (
        found.get("date")
        or near.get("date")
        or _date_from_tags(root, tags)
        or date_from_url(url)
        or _issue_date(before)
        or _date_near_top(before, content)
    )
    if not meta.get("source"):
        meta["source"] = next(
            (_clean(tags[k]) for k in _META_SOURCE if k in tags), None
        )
    if not meta.get("authors"):
        meta["authors"] = _authors_from_tag(tags) or closing or []
    meta["authors"] = list(dict.fromkeys(meta["authors"]))
    return {k: v for k, v in meta.items() if v not in (None, "", [])} | {
        "authors": meta["authors"]
    }
