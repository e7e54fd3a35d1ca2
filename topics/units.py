"""Units of analysis: paragraphs (default) or whole articles, with their tokens."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from topics.corpus.article import Article
from topics.errors import ConfigError
from topics.segment import Segmenter, segment_many

UNIT_KINDS = ("paragraph", "article")


@dataclass
class Unit:
    id: str
    article_id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    tokens: list[str] = field(default_factory=list)


def make_units(articles: Iterable[Article], unit: str = "paragraph") -> list[Unit]:
    if unit not in UNIT_KINDS:
        raise ConfigError(f"unknown unit {unit!r}; choose 'paragraph' or 'article'")
    out = []
    for a in articles:
        if unit == "article":
            out.append(Unit(a.id, a.id, a.text, a.title, a.date, a.source))
        else:
            out.extend(Unit(f"{a.id}:p{i}", a.id, p, a.title, a.date, a.source) for i, p in enumerate(a.paragraphs))
    return out


def tokenize_units(units: list[Unit], segmenter: Segmenter, *, n_jobs: int = 1,
                   progress=None) -> list[Unit]:
    """Fill ``unit.tokens`` in place; ``progress("segment", done, total)``."""
    it = segment_many((u.text for u in units), segmenter, n_jobs=n_jobs)
    for i, (u, toks) in enumerate(zip(units, it), 1):
        u.tokens = toks
        if progress is not None and (i % 1000 == 0 or i == len(units)):
            progress("segment", i, len(units))
    return units
