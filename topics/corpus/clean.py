"""From raw decoded text to clean articles: the order of the cleaning passes.

1. characters: invisible characters, traditional -> simplified, width forms, spaces;
2. document metadata header (index number, issuing office, category, dates) -> ``meta``;
3. footer: copyright / disclaimer / CMS blocks and the link lists after them;
4. boilerplate lines anywhere (navigation, widgets, bare dates, tags, editors);
5. split the page into articles (headlines, bylines -> ``authors``, photo items);
6. per article: repair broken paragraphs, drop credits, remove spaces inside Chinese text.
"""
from __future__ import annotations

import re
from collections import Counter

from topics.corpus import lines as L
from topics.corpus.normalize import normalize_text, remove_inner_spaces
from topics.corpus.repair import join_broken_lines
from topics.corpus.split import Part, split_page

_SHORT = 20


def extract_header(lines: list[str]) -> tuple[dict, list[str]]:
    """A government-site metadata block at the top (``11330282002970487/2023-00268``,
    ``坎墩街道``, ``计划总结``, ``2023-01-09`` …) -> ``({index_no, date, fields}, rest)``."""
    top = lines[:12]
    idx = next((i for i, x in enumerate(top) if L._INDEX_NO.match(x)), None)
    if idx is None:
        return {}, lines
    end = idx
    while end < len(lines) and len(lines[end]) <= 30 and not L.is_numbered_heading(lines[end]) and not L.is_terminated(lines[end]):
        end += 1
    block = lines[:end]
    meta: dict = {"index_no": lines[idx].split("：")[-1].split(":")[-1].strip()}
    dates = [d for d in map(L.parse_date, block) if d]
    if dates:
        meta["date"] = dates[0]
    fields = [x for x in block if not L._INDEX_NO.match(x) and not L.parse_date(x)]
    if fields:
        meta["fields"] = fields
    return meta, lines[end:]


def cut_footer(lines: list[str]) -> list[str]:
    """Cut at the first copyright/CMS line after which only short lines follow (the
    text before the footer word stays when that line is prose with the footer glued
    to its end: ``L.without_footer``)."""
    for i, line in enumerate(lines):
        if L.is_footer_start(line):
            if all(len(x) <= _SHORT or L.is_boilerplate(x) for x in lines[i + 1:]):
                head = L.without_footer(line)
                return lines[:i] + ([head] if head else [])
    return lines


def clean_lines(text: str, *, simplified: bool = True) -> tuple[dict, list[str]]:
    """Passes 1–4: normalised, non-empty, non-boilerplate lines and document metadata."""
    text = normalize_text(text, simplified=simplified)
    meta, lines = extract_header([x for x in text.split("\n") if x])
    if not L.has_footer_words(text):  # most texts: no footer, fewer rules per line
        return meta, [x for x in lines if not L.is_boilerplate_at_start(x)]
    lines = cut_footer(lines)
    return meta, [kept for x in lines if (kept := L.without_footer(x))]


def finish_part(part: Part) -> Part:
    """Pass 6 on one article."""
    body = join_broken_lines(part.body)
    part.body = [x if _is_name_list(x) else remove_inner_spaces(x)
                 for x in body if not L.is_photo_credit(x)]
    return part


def _is_name_list(line: str) -> bool:
    """A byline of several names (``应磊 孙志鹏 应雨航``): its spaces separate people."""
    names = L.byline_names(line)
    return bool(names) and len(names) > 1 and " " in line


def clean_page(text: str, *, simplified: bool = True, split: bool = True) -> tuple[dict, list[Part]]:
    """Clean one page of text and split it into article parts."""
    meta, lines = clean_lines(text, simplified=simplified)
    if split:
        parts = split_page(lines)
    else:
        parts = [Part(body=[x for x in lines if not L.is_dateline(x)])]
    return meta, [finish_part(p) for p in parts if p.body]


def paragraphs_from_text(text: str, *, simplified: bool = True) -> list[str]:
    """Clean one record that is already a single article (JSONL/CSV): no splitting."""
    _, parts = clean_page(text, simplified=simplified, split=False)
    return [p for part in parts for p in part.body]


def title_of(part: Part) -> str | None:
    return re.sub(r"\s+", " ", " ".join(part.headline)).strip() or None


def clean_web_paragraphs(paragraphs: list[str], *, simplified: bool = True
                         ) -> list[str]:
    """Clean the paragraphs an HTML extractor found (``topics.corpus.extract``):
    characters normalised (pass 1), boilerplate lines and photo credits dropped
    (passes 4 and 6), spaces inside Chinese text removed. No footer cut or page
    splitting: the extractor already found one article's paragraphs. Lines are joined
    (pass 6) only on a page whose text is cut at a fixed width (``is_hard_wrapped``):
    elsewhere joining would merge a web page's short paragraphs."""
    out = []
    for para in paragraphs:
        for line in normalize_text(para, simplified=simplified).split("\n"):
            if out and L.is_signature_date(line.strip(), out[-1]):
                out.append(line.strip())    # the extractor kept it under a notice's signature
                continue
            line = L.without_footer(line.strip())
            if line and not L.is_photo_credit(line):
                out.append(remove_inner_spaces(line))
    return join_broken_lines(out) if is_hard_wrapped(out) else out


def is_hard_wrapped(lines: list[str], *, min_lines: int = 6, share: float = 0.6) -> bool:
    """Text cut into lines of one width (preformatted text, a PDF or e-mail turned into a
    page): of the lines of 15 characters or more (at least ``min_lines``), ``share`` or
    more are within 2 characters of the commonest length, 20 or more, and as many end
    mid-sentence. On the 145 pages of ``../shared/pages`` the four such pages score
    0.80-0.84 and 0.80-0.91, every other page below 0.5 on one of the two."""
    long = [x for x in lines if len(x) >= 15]
    if len(long) < min_lines:
        return False
    width = Counter(len(x) for x in long).most_common(1)[0][0]
    at_width = sum(abs(len(x) - width) <= 2 for x in long)
    open_ended = sum(not L.is_terminated(x) for x in long)
    return width >= 20 and min(at_width, open_ended) >= share * len(long)
