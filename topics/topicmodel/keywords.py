"""Words that describe a topic, ranked three ways.

* probability: p(w | topic);
* relevance (Sievert & Shirley 2014, LDAvis): λ·log p(w|t) + (1−λ)·log(p(w|t)/p(w));
* FREX (Roberts et al., stm): harmonic mean of the within-topic ranks (ECDF) of
  exclusivity p(w|t)/Σ_t' p(w|t') and of frequency p(w|t), weighted by ``w``.
"""
from __future__ import annotations

import numpy as np


def top_indices(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the ``n`` highest scores per row, best first (ties by index)."""
    order = np.argsort(-scores, axis=1, kind="stable")
    return order[:, :n]


def relevance(topic_word: np.ndarray, word_prob: np.ndarray, lam: float = 0.6) -> np.ndarray:
    phi = np.maximum(topic_word, 1e-12)
    return lam * np.log(phi) + (1 - lam) * np.log(phi / np.maximum(word_prob, 1e-12))


def _ecdf_rows(m: np.ndarray) -> np.ndarray:
    ranks = np.argsort(np.argsort(m, axis=1, kind="stable"), axis=1, kind="stable")
    return (ranks + 1) / m.shape[1]


def frex(topic_word: np.ndarray, w: float = 0.5) -> np.ndarray:
    phi = np.maximum(topic_word, 1e-12)
    exclusivity = phi / phi.sum(axis=0, keepdims=True)
    return 1.0 / (w / _ecdf_rows(exclusivity) + (1 - w) / _ecdf_rows(phi))


def topic_keywords(topic_word: np.ndarray, vocabulary: list[str], word_prob: np.ndarray, n: int = 30) -> list[dict]:
    """Per topic: words and weights by probability, plus FREX and relevance words."""
    vocab = np.asarray(vocabulary, dtype=object)
    by_prob = top_indices(topic_word, n)
    by_frex = top_indices(frex(topic_word), n)
    by_rel = top_indices(relevance(topic_word, word_prob), n)
    return [{
        "words": vocab[by_prob[t]].tolist(),
        "weights": [round(float(x), 6) for x in topic_word[t, by_prob[t]]],
        "frex": vocab[by_frex[t]].tolist(),
        "relevance": vocab[by_rel[t]].tolist(),
    } for t in range(topic_word.shape[0])]
