"""An HTML page as a cleaned lxml tree and a list of text blocks.

``parse_html`` builds the tree (lxml's HTML parser) and removes what is never
visible text: scripts, styles, comments, form controls and the labels of radio
buttons and check boxes, hidden elements.
``text_blocks`` walks it once and cuts the visible text into blocks: the run of
inline text owned by one block-level element (``<p>``, ``<div>``, ``<li>``, ``<h1>`` …),
with the characters that sit inside links counted apart; it leaves out dialog
boxes (``is_overlay``). A table row whose cells
hold only short inline text is one block, its cells joined by a space, so a
work-schedule table comes out one row per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import lxml.etree

from topics.corpus.lines import SENTENCE_END
from topics.errors import TopicsError

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "iframe",
    "svg",
    "template",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "object",
    "embed",
    "canvas",
    "audio",
    "video",
    "map",
)
BLOCK_TAGS = frozenset(
    "p div section article main li ul ol dl dt dd h1 h2 h3 h4 h5 h6 table tbody thead "
    "tfoot tr td th caption blockquote pre center form fieldset figure figcaption "
    "header footer aside nav address hr body html menu details summary".split()
)
_NESTED_BLOCKS = frozenset(
    "table div ul ol li h1 h2 h3 h4 h5 h6 section article".split()
)
_WRAPPERS = frozenset("div section article".split())   # may wrap a cell's one datum
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_MAX_HIDDEN = 200  # a hidden element with more text may be content shown by script
# a box shown over the page on demand (a report form, a login dialog, a payment box),
# by a class or id word; not the states a page takes while one is open or hidden
# (``<body class="modal-open">``, ``uls-dialog-sticky-hide``)
_OVERLAY = re.compile(r"modal|dialog(?!ue)|popup|pop-up|lightbox|^pay[-_]", re.I)
_OVERLAY_STATE = re.compile(
    r"-(?:open|opened|hide|hidden|show|shown|active)$|sticky", re.I
)
_MAX_OVERLAY = 1000  # characters: more may be an article shown in a viewer
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2002-\u200a\u3000\u200b\ufeff]+")
_MAX_CELL = 200
_PROSE_CELL = 60  # characters of a label's value that is paragraphs, not a datum
_MAX_OPTION = 60  # the label of one choice in a form
# Plain lxml elements (lxml.html's element classes cost a lookup per element).
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)


class HtmlParseError(TopicsError, ValueError):
    """The text is not an HTML page lxml can read (the message says why)."""


@dataclass
class Block:
    """Visible text owned by one block-level element (``el``)."""

    el: lxml.etree._Element
    text: str
    link_chars: int = 0

    @property
    def chars(self) -> int:
        return len(self.text.replace(" ", "").replace("\n", ""))

    @property
    def is_link_list(self) -> bool:
        """Mostly link text: a menu or a list of headlines."""
        return self.link_chars > 0.5 * self.chars


def text_content(el) -> str:
    """All the text inside ``el`` (lxml.html's ``text_content`` for plain elements)."""
    return "".join(el.itertext())


def parse_html(html: str) -> lxml.etree._Element:
    """The page's ``<html>`` element, with never-visible elements removed from it
    (``<head>`` stays: it holds the title and ``<meta>`` tags)."""
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        raise HtmlParseError("empty page: no HTML to read")
    try:
        root = lxml.etree.fromstring(html, _PARSER)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise HtmlParseError(
            f"not readable as HTML ({exc}); give an HTML page"
        ) from None
    if root is None:
        raise HtmlParseError("no HTML elements found; give an HTML page")
    _clean(root)
    return root


def _clean(root: lxml.etree._Element) -> None:
    for el in list(root.iter("textarea")):   # read-only: an old CMS's way to show text
        if el.get("readonly") is not None or el.get("disabled") is not None:
            lines = (el.text or "").split("\n")
            el.tag, el.text = "div", lines[0]
            for line in lines[1:]:             # its line breaks, as <br>s
                lxml.etree.SubElement(el, "br").tail = line
    doomed = [_option_line(el) for el in root.iter("input")]
    doomed += root.iter(*_DROP_TAGS)
    for el in root.xpath("//*[@style or @hidden]"):
        style = el.get("style") or ""
        if (_HIDDEN.search(style) or el.get("hidden") is not None) and len(
            text_content(el)
        ) <= _MAX_HIDDEN:
            doomed.append(el)
    for el in doomed:
        _remove(el)


def _option_line(el):
    """A radio button or check box with its label (``垃圾广告：恶意灌水…`` in a report
    form, a poll's choice): the short element holding both, else the input alone."""
    if (el.get("type") or "").lower() not in ("radio", "checkbox"):
        return el
    parent = el.getparent()
    if parent is not None and len(_SPACE.sub("", text_content(parent))) <= _MAX_OPTION:
        return parent
    return el


def _remove(el) -> None:
    """Remove ``el`` and its content, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


_URL_TEXT = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)


def _is_url_text(a) -> bool:
    """A link that shows its own address (``https://…``): cited text, not navigation."""
    return bool(_URL_TEXT.match(text_content(a)))


def is_overlay(el) -> bool:
    """A box shown over the page on demand (``modal``, ``dialog``, ``popup``: a
    report form, a login or payment dialog), unless it holds as much text as an
    article shown in a viewer."""
    cls, ident = el.get("class"), el.get("id")
    if (cls is None and ident is None) or el.tag in ("body", "html"):
        return False
    return _overlay_name(cls, ident) and len(text_content(el)) <= _MAX_OVERLAY


@lru_cache(maxsize=4096)
def _overlay_name(cls: str | None, ident: str | None) -> bool:
    words = (cls or "").split() + (ident or "").split()
    return any(_OVERLAY.search(w) and not _OVERLAY_STATE.search(w) for w in words)


def _one_box_chain(boxes: list) -> bool:
    """Whether a cell's block elements (in document order) are at most one wrapper
    inside another (``<td><section><p>`` of a WeChat editor's table, Word's ``<div>``),
    none of them a table, list or heading: the cell's text is still one datum."""
    return all(b.tag in _WRAPPERS for b in boxes) and all(
        inner.getparent() is outer for outer, inner in zip(boxes, boxes[1:]))


def is_data_row(tr) -> bool:
    """A table row of short inline cells (a schedule or data table, not layout)."""
    cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
    if len(cells) < 2:
        return False
    for cell in cells:
        text = text_content(cell)
        if len(text) > _MAX_CELL:
            return False            # (first: a layout cell holds many boxes, each read below)
        boxes = [d for d in cell.iterdescendants() if isinstance(d.tag, str) and d.tag in _NESTED_BLOCKS
                 and text_content(d).strip()]     # (an empty <section><br></section> is no box)
        if not _one_box_chain(boxes):
            return False
        if (len(cells) == 2 and len(text) >= _PROSE_CELL and SENTENCE_END.search(text)
                and cell.find(".//br") is not None):
            return False    # a label and its paragraphs broken by <br> (a letter's 来信内容)
    return True


class _Walker:
    """Collects blocks in document order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._links = 0

    def flush(self, el) -> None:
        text = _SPACE.sub(" ", "".join(self._parts)).strip()
        text = "\n".join(x.strip() for x in text.split("\x00") if x.strip())
        if text:
            self.blocks.append(Block(el, text, self._links))
        self._parts, self._links = [], 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self._parts.append(text)
            if in_link:
                self._links += len(_SPACE.sub("", text))

    def walk(self, el, owner, in_link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            self._parts.append("\x00")
        elif tag == "tr" and is_data_row(el):
            self.flush(owner)
            self._row(el)
        elif tag in BLOCK_TAGS and is_overlay(el):
            pass  # a dialog box: not part of the page as it is shown
        elif tag in BLOCK_TAGS:
            self.flush(owner)
            self.add(el.text, in_link)
            for child in el:
                self.walk(child, el, in_link)
            self.flush(el)
        else:
            link = in_link or (tag == "a" and not _is_url_text(el))
            self.add(el.text, link)
            for child in el:
                self.walk(child, owner, link)
        self.add(el.tail, in_link)

    def _row(self, tr) -> None:
        cells = []
        for cell in tr:
            if isinstance(cell.tag, str) and cell.tag in ("td", "th"):
                cells.append(_SPACE.sub(" ", text_content(cell)).strip())
                links = sum(
                    len(_SPACE.sub("", text_content(a))) for a in cell.iter("a")
                )
                self._links += links
        self._parts.append(" ".join(c for c in cells if c))
        self.flush(tr)


def text_blocks(root: lxml.etree._Element) -> list[Block]:
    """The visible text of ``root`` as blocks, in document order."""
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root, root)
    walker.flush(root)
    return walker.blocks
