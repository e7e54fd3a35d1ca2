"""Split a page that holds several articles, and find each article's title and byline.

A newspaper page is a sequence of lines. An article starts at the headline run
(up to three short headline-like lines) right before a byline (``李华 邱晨``). A photo
item (``跨越山海 直通亚运`` / one or two paragraphs / ``王凯艺 吴超 摄``) starts at the
headline right before it. Anything before the first start that holds body text is an
article of its own (the usual case for a web page with no byline line).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from topics.corpus import lines as L


@dataclass
class Part:
    """One article's lines, before paragraph repair."""

    headline: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def _kind(line: str) -> str:
    if L.is_dateline(line):
        return "dateline"
    if L.byline_names(line) is not None:
        return "byline"
    if L.is_photo_credit(line):
        return "credit_names" if L.byline_names(line.rstrip("摄影/ ").strip()) else "credit"
    if L.is_numbered_heading(line):
        return "body"
    return "head" if L.is_headline_like(line) and not L.is_fragment(line) else "body"


def _headline_start(kinds: list[str], i: int, max_lines: int = 3) -> int:
    """First index of the headline run that ends right before ``i`` (datelines skipped)."""
    j, taken = i, 0
    while j > 0 and kinds[j - 1] in ("head", "dateline") and taken < max_lines:
        j -= 1
        taken += kinds[j] == "head"
    while j < i and kinds[j] == "dateline":
        j += 1
    return j


def find_starts(kinds: list[str]) -> list[int]:
    starts = {0}
    for i, kind in enumerate(kinds):
        if kind == "byline":
            starts.add(_headline_start(kinds, i))
        elif kind == "credit_names":
            j = i
            while j > 0 and kinds[j - 1] == "body" and i - j < 2:
                j -= 1
            if j < i and j > 0 and kinds[j - 1] == "head":
                starts.add(_headline_start(kinds, j))
    return sorted(starts)


def _part(lines: list[str], kinds: list[str]) -> Part:
    part = Part()
    i = 0
    seen_info = False  # a headline ends at the first dateline or byline
    while i < len(lines) and kinds[i] in ("head", "dateline", "byline"):
        if kinds[i] == "head" and not seen_info:
            part.headline.append(lines[i])
        elif kinds[i] == "head":
            break
        elif kinds[i] == "dateline":
            part.meta.update(L.parse_dateline(lines[i]))
            seen_info = True
        elif kinds[i] == "byline":
            seen_info = True
            part.authors.extend(n for n in L.byline_names(lines[i]) if n not in part.authors)
        i += 1
    for line, kind in zip(lines[i:], kinds[i:]):
        if kind == "dateline":
            part.meta.update(L.parse_dateline(line))
        elif kind not in ("credit", "credit_names") and not (kind == "byline" and line.replace(" ", "") == "".join(part.authors)):
            part.body.append(line)
    if not part.authors and part.meta.get("authors"):
        part.authors = part.meta.pop("authors")
    part.meta.pop("authors", None)
    return part


def _trim_trailing_heads(part: Part) -> None:
    """Drop page furniture (banners, section names) left after the last paragraph."""
    while part.body and _kind(part.body[-1]) == "head" and len(part.body) > 1:
        part.body.pop()


def split_page(lines: list[str]) -> list[Part]:
    """Split cleaned, non-empty lines into article parts (headline, authors, body)."""
    kinds = [_kind(line) for line in lines]
    starts = find_starts(kinds) + [len(lines)]
    parts = []
    for a, b in zip(starts, starts[1:]):
        part = _part(lines[a:b], kinds[a:b])
        if any(len(x) >= 20 for x in part.body):
            parts.append(part)
    if len(parts) > 1:
        for part in parts:
            _trim_trailing_heads(part)
    if not parts and lines:  # a short notice: keep the whole text as one article
        parts = [_part(lines, kinds)]
        if not parts[0].body:
            parts[0].body, parts[0].headline = parts[0].headline, []
    return parts
