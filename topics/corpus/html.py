"""HTML -> lines of visible text, with the page title (standard-library parser)."""
from __future__ import annotations

from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select", "button", "iframe", "svg", "template"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "section", "article", "table", "blockquote", "figcaption", "dd", "dt", "hr"}


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self.h1 = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
            return
        if self._in == "h1" and not self.h1:
            self.h1 = data.strip()
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """``(visible text with block elements on their own lines, title or None)``."""
    ex = _Extractor()
    ex.feed(html)
    ex.close()
    title = ex.h1 or ex.title.strip() or None
    return "".join(ex.parts), title
