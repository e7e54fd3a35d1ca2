"""Repair paragraphs that PDF or page extraction broke across lines.

Two lines are joined when the upper one is a sentence cut off mid-way:

* it ends without terminal punctuation, is not a heading, byline, credit or boilerplate,
  and reads like body text (``lines.is_fragment``: sentence punctuation inside, or long);
* or it is a short unpunctuated line and a dictionary word runs across the break
  (``宜居宜`` / ``业``), judged with jieba's dictionary plus the policy terms.

A short caption that a page layout dropped into the middle of a broken sentence
(``…作为首`` / ``易津新能源汽车产业园`` / ``批入驻企业…``) is moved after the joined paragraph.
"""
from __future__ import annotations

from functools import lru_cache

from topics.corpus import lines as L


@lru_cache(maxsize=1)
def _policy_words() -> frozenset[str]:
    from topics.segment import load_policy_terms

    return frozenset(t for t in load_policy_terms() if 2 <= len(t) <= 4)


def load_dictionary() -> None:
    """Load the word list ``is_word`` reads (rjieba's, on import: 0.15–0.2 s)."""
    import rjieba  # noqa: F401


def is_word(text: str) -> bool:
    """Is ``text`` a word of 2–4 characters of jieba's dictionary or a policy term?
    Looked up in rjieba's copy of jieba's ``dict.txt`` (the same 349,046 words,
    loaded once when rjieba is imported; read, never changed), which is free where
    rjieba is already loaded, while reading ``dict.txt`` into a set took 0.3–0.6 s
    in every process."""
    import rjieba

    return 2 <= len(text) <= 4 and (text in _policy_words() or rjieba.has_word(text))


def word_spans_break(upper: str, lower: str) -> bool:
    """Is there a dictionary word made of the end of ``upper`` and the start of ``lower``?"""
    heads = [lower[:j] for j in range(1, min(3, len(lower)) + 1)]
    for i in range(1, min(3, len(upper)) + 1):
        tail = upper[-i:]
        if any(is_word(tail + head) for head in heads[:4 - i]):
            return True
    return False


def _can_continue(line: str) -> bool:
    """Can ``line`` be the second half of a broken sentence?"""
    return not (
        L.is_numbered_heading(line)
        or L.byline_names(line) is not None
        or L.is_photo_credit(line)
        or L.is_boilerplate(line)
        or L.is_dateline(line)
    )


def _is_broken(upper: str, lower: str) -> bool:
    # Either ``upper`` is a fragment, or it is a short plain line and a word runs on
    # into a sentence below; either way ``lower`` must be able to continue it. The
    # tests are pure, so the cheap ones run first: a finished sentence (most lines)
    # is never joined to the next.
    if L.is_terminated(upper):
        return False
    if L.is_fragment(upper):
        return _can_continue(lower)
    short_plain = " " not in upper and not L.has_sentence_punct(upper)
    return (short_plain and len(lower) >= 8 and L.has_sentence_punct(lower)
            and _can_continue(lower) and _can_continue(upper)
            and word_spans_break(upper, lower))


def _is_caption(line: str) -> bool:
    return len(line) <= 25 and not L.has_sentence_punct(line) and not L.is_terminated(line)


def join_broken_lines(lines: list[str]) -> list[str]:
    """Return ``lines`` with every broken sentence joined back into one paragraph."""
    out: list[str] = []
    pending_captions: list[str] = []
    i = 0
    while i < len(lines):
        current = lines[i]
        i += 1
        while i < len(lines) and not L.is_terminated(current):  # else nothing joins
            nxt = lines[i]
            if (
                i + 1 < len(lines)
                and L.is_fragment(current)
                and _is_caption(nxt)
                and not word_spans_break(current, nxt)
                and _can_continue(lines[i + 1])
                and not _is_caption(lines[i + 1])
            ):
                pending_captions.append(nxt)
                current, i = current + lines[i + 1], i + 2
            elif _is_broken(current, nxt):
                current, i = current + nxt, i + 1
            else:
                break
        out.append(current)
        out.extend(pending_captions)
        pending_captions = []
    return out
