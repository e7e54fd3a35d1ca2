"""Paragraph scores -> article scores and labels.

Rule (length-weighted, title counted):
  score(article, theme) = Σ_i w_i · p_i(theme) / Σ_i w_i
where i runs over the paragraphs and the title, w_i is a paragraph's length in
characters and the title's weight is ``title_weight`` × the mean paragraph length (by
default the title counts as much as one average paragraph).
Labels: every theme whose article score reaches ``ratio`` × its paragraph threshold
(default half: a theme that runs through about half of the text, or is strong in part
of it), most probable first, at most 3; ``other`` if none. Single-label models take the
highest score.
"""
from __future__ import annotations

import numpy as np

from topics.annotations import OTHER

TITLE_WEIGHT = 1.0
RATIO = 0.5
MAX_LABELS = 3


def article_scores(paragraph_scores: np.ndarray, lengths: np.ndarray, title_scores: np.ndarray | None = None,
                   *, title_weight: float = TITLE_WEIGHT) -> np.ndarray:
    P = np.asarray(paragraph_scores, dtype=np.float64)
    w = np.asarray(lengths, dtype=np.float64)
    if title_scores is not None and len(w):
        P = np.vstack([P, title_scores])
        w = np.append(w, title_weight * w.mean())
    if not len(w) or w.sum() == 0:
        return np.zeros(P.shape[1])
    return (w[:, None] * P).sum(axis=0) / w.sum()


def article_labels(scores: np.ndarray, classes: list[str], thresholds: np.ndarray, multilabel: bool, *, ratio: float = RATIO) -> list[str]:
    order = np.argsort(-scores, kind="stable")
    if not multilabel:
        return [classes[order[0]]]
    chosen = [classes[j] for j in order if scores[j] >= ratio * thresholds[j]][:MAX_LABELS]
    return chosen or [OTHER]
