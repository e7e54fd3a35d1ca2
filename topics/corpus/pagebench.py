"""Scoring main-content extraction against human-marked pages.

The page set is a folder of page folders, each with ``page.html`` (raw bytes),
``gold.txt`` (the main text people marked) and ``meta.json`` (``kind``, gold
``title``/``gold_date``/``gold_author`` where known), as in ``../shared/pages``.

Score: character-bigram precision / recall / F1 of extracted text against the gold
text, with all whitespace removed first and bigrams counted as a multiset (the
measure of the magic-html and CWCED benchmarks). ``split_of`` puts every page in a
fixed ``dev`` or ``test`` half (by sha256 of the folder name, stratified by group),
so rules are developed on dev pages and reported on test pages.

    >>> bigram_prf("今天天气好", "今天天气")
    {'precision': 0.75, 'recall': 1.0, 'f1': 0.857...}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

_WS = re.compile(r"\s+")
GROUPS = ("magichtml-article", "cwced", "magichtml-forum")


@dataclass(frozen=True)
class GoldPage:
    """One page of the benchmark: its raw bytes, gold text and gold metadata."""

    name: str
    group: str
    kind: str
    html: bytes
    gold: str
    meta: dict = field(default_factory=dict)
    split: str = "dev"


def bigrams(text: str) -> Counter:
    """Multiset of character bigrams of ``text`` with all whitespace removed."""
    s = _WS.sub("", text)
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


def bigram_prf(extracted: str, gold: str) -> dict:
    """Precision, recall and F1 of ``extracted`` against ``gold`` over bigrams.

    Two empty texts score 1; an empty extraction of a non-empty gold scores 0.
    """
    got, want = bigrams(extracted), bigrams(gold)
    if not got and not want:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    overlap = sum((got & want).values())
    p = overlap / sum(got.values()) if got else 0.0
    r = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def group_of(name: str) -> str:
    """``magichtml-article__x`` -> ``magichtml-article``."""
    return name.split("__", 1)[0]


def split_of(names: list[str]) -> dict[str, str]:
    """``{name: "dev" | "test"}``: within each group, pages sorted by sha256 of the
    name; the first half (rounded up) is dev, the rest test. Fixed for a given set."""
    by_group: dict[str, list[str]] = {}
    for name in names:
        by_group.setdefault(group_of(name), []).append(name)
    out = {}
    for members in by_group.values():
        ordered = sorted(members, key=lambda n: hashlib.sha256(n.encode()).hexdigest())
        half = (len(ordered) + 1) // 2
        out.update({n: "dev" if i < half else "test" for i, n in enumerate(ordered)})
    return out


def load_pages(folder: Path) -> list[GoldPage]:
    """Every page folder under ``folder`` (sorted by name), with its dev/test split."""
    dirs = sorted(p for p in Path(folder).iterdir() if (p / "page.html").is_file())
    if not dirs:
        raise FileNotFoundError(
            f"no page folders (with page.html) in {folder}; give the pages folder, "
            "e.g. ../shared/pages"
        )
    splits = split_of([d.name for d in dirs])
    return [_load_page(d, splits[d.name]) for d in dirs]


def _load_page(folder: Path, split: str) -> GoldPage:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return GoldPage(
        name=folder.name,
        group=group_of(folder.name),
        kind=meta.get("kind", "article"),
        html=(folder / "page.html").read_bytes(),
        gold=(folder / "gold.txt").read_text(encoding="utf-8"),
        meta=meta,
        split=split,
    )


def mean_scores(scores: list[dict]) -> dict:
    """Mean precision, recall and F1 over pages (``n`` pages)."""
    if not scores:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    keys = ("precision", "recall", "f1")
    out = {k: sum(s[k] for s in scores) / len(scores) for k in keys}
    return {**out, "n": len(scores)}
