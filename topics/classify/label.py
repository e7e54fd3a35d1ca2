"""Label articles paragraph by paragraph and as a whole."""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from topics.classify.aggregate import article_labels, article_scores
from topics.classify.model import ThemeClassifier
from topics.corpus.article import Article
from topics.errors import ModelFileError


def default_model_dir() -> Path:
    """``$TOPICS_MODEL``, else ``models/themes`` shipped beside the package."""
    env = os.environ.get("TOPICS_MODEL")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "models" / "themes"


def load_classifier(folder=None) -> ThemeClassifier:
    folder = Path(folder) if folder else default_model_dir()
    if not folder.exists():
        raise ModelFileError(f"no model at {folder}; train one with `topics train annotations/themes.jsonl -o models/themes` or pass --model")
    return ThemeClassifier.load(folder)


def _scores(row: np.ndarray, classes: list[str]) -> dict:
    return {c: round(float(p), 4) for c, p in zip(classes, row)}


def label_articles(articles: Sequence[Article], clf: ThemeClassifier) -> list[dict]:
    """One record per article, in input order (see ``topics label --help`` for the format)."""
    texts, spans = [], []
    for a in articles:
        start = len(texts)
        texts.extend(a.paragraphs)
        if a.title:
            texts.append(a.title)
        spans.append((start, start + len(a.paragraphs), bool(a.title)))
    P = clf.predict_proba(texts) if texts else np.zeros((0, len(clf.classes_)))
    para_labels = clf.decide(P) if texts else []
    out = []
    for a, (start, end, has_title) in zip(articles, spans):
        lengths = np.array([len(p) for p in a.paragraphs])
        s = article_scores(P[start:end], lengths, P[end] if has_title else None)
        out.append({
            "id": a.id, "title": a.title,
            "labels": article_labels(s, clf.classes_, clf.thresholds_, clf.multilabel_),
            "scores": _scores(s, clf.classes_),
            "paragraphs": [{"text": p, "labels": para_labels[start + i], "scores": _scores(P[start + i], clf.classes_)}
                           for i, p in enumerate(a.paragraphs)],
        })
    return out
