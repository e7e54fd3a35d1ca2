"""Topic discovery end to end: fit, sweep k, describe topics, save and load results.

``DiscoveredTopics`` is what ``topics discover`` writes and what inference reads back:
the vocabulary, the topic-word matrix, the prior, the segmenter settings and the topic
descriptions, stored as JSON + numeric arrays (``topics.modelio``).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from topics.errors import ConfigError
from topics.features import counts_for
from topics.modelio import load_model, save_model
from topics.segment import Segmenter
from topics.themes import OTHER, ThemeScheme, seed_word_ids
from topics.topicmodel import coherence
from topics.topicmodel.estimator import TopicModel, fold_in
from topics.topicmodel.keywords import topic_keywords

K_RULE = ("k is the value with the highest mean NPMI (top 10 words, over the seeds), among the "
          "values whose mean topic diversity (top 25 words) is at least 0.6 (among all values if none is); "
          "ties go to the smaller k.")


@dataclass
class SweepRow:
    k: int
    seed: int
    npmi: float
    c_v: float
    diversity: float


def evaluate_topics(words: list[list[str]], texts, dictionary=None) -> dict:
    """NPMI and C_V of the top 10 words, diversity of the top 25."""
    return {"npmi": coherence.score("npmi", topics=words, texts=texts, topn=10, dictionary=dictionary)[0],
            "c_v": coherence.score("c_v", topics=words, texts=texts, topn=10, dictionary=dictionary)[0],
            "diversity": coherence.score("diversity", topics=words, topn=25)[0]}


def top_words(model: TopicModel, vocabulary: list[str], n: int = 25) -> list[list[str]]:
    order = np.argsort(-model.components_, axis=1, kind="stable")[:, :n]
    return [[vocabulary[i] for i in row] for row in order]


def sweep(X, vocabulary, texts, ks: Sequence[int], seeds: Sequence[int], *, make_model: Callable[[int, int], TopicModel],
          max_texts: int = 5000, progress=None) -> tuple[list[SweepRow], dict]:
    """Fit every (k, seed); score each; return rows and the fitted models by (k, seed).
    ``progress("sweep", done, total)`` after each fit."""
    from gensim.corpora import Dictionary

    ref = coherence.sample_texts(texts, max_texts)
    dictionary = Dictionary(ref)
    rows, models = [], {}
    grid = [(k, s) for k in ks for s in seeds]
    for i, (k, s) in enumerate(grid, 1):
        model = make_model(k, s).fit(X)
        m = evaluate_topics(top_words(model, vocabulary), ref, dictionary)
        rows.append(SweepRow(k, s, round(m["npmi"], 4), round(m["c_v"], 4), round(m["diversity"], 4)))
        models[(k, s)] = model
        if progress is not None:
            progress("sweep", i, len(grid))
    return rows, models


def choose_k(rows: list[SweepRow], min_diversity: float = 0.6) -> int:
    """Apply ``K_RULE``."""
    by_k: dict[int, list[SweepRow]] = {}
    for r in rows:
        by_k.setdefault(r.k, []).append(r)
    stats = {k: (np.mean([r.npmi for r in rs]), np.mean([r.diversity for r in rs])) for k, rs in by_k.items()}
    ok = [k for k, (_, d) in stats.items() if d >= min_diversity] or list(stats)
    return min(ok, key=lambda k: (-round(stats[k][0], 4), k))


@dataclass
class DiscoveredTopics:
    """A fitted topic model with everything needed to describe it and infer on new text."""

    vocabulary: list[str]
    components: np.ndarray
    alpha: np.ndarray
    params: dict
    segmenter: dict
    topics: list[dict]

    @property
    def k(self) -> int:
        return self.components.shape[0]

    def infer_tokens(self, token_lists: Sequence[list[str]]) -> np.ndarray:
        """Topic shares of new token lists (deterministic)."""
        return fold_in(counts_for(token_lists, self.vocabulary), self.components, self.alpha)

    def infer_texts(self, texts: Sequence[str]) -> np.ndarray:
        seg = Segmenter(**self.segmenter)
        return self.infer_tokens(seg.tokens_of(list(texts)))

    def save(self, folder) -> None:
        save_model(folder, "topics", {"components": self.components, "alpha": self.alpha},
                   {"vocabulary": self.vocabulary, "params": self.params, "segmenter": self.segmenter, "topics": self.topics})

    @classmethod
    def load(cls, folder) -> "DiscoveredTopics":
        arrays, info = load_model(folder, "topics")
        seg = {k: tuple(v) if isinstance(v, list) else v for k, v in info["segmenter"].items()}
        return cls(info["vocabulary"], arrays["components"], arrays["alpha"], info["params"], seg, info["topics"])


def describe(model: TopicModel, vocabulary: list[str], X, doc_topic: np.ndarray,
             mapping: list[dict] | None, *, seeded_themes: list[str] | None = None,
             n_words: int = 30) -> list[dict]:
    """topics.json entries: words, weights, share, theme (from ``mapping``, see
    ``topics.themes.Mapper``), label, FREX and relevance words. Seeded topics also
    name the theme they were seeded with (``seed_theme``); their ``theme`` is still the
    evidence's, as for any topic: a seeded topic that drifted to other content (a theme
    rare in the corpus) is not counted as its seed theme."""
    word_prob = np.asarray(X.sum(axis=0)).ravel()
    word_prob = word_prob / max(word_prob.sum(), 1)
    keys = topic_keywords(model.components_, vocabulary, word_prob, n_words)
    shares = doc_topic.mean(axis=0) if len(doc_topic) else np.zeros(model.components_.shape[0])
    mapping = mapping or [{"theme": None, "scores": {}, "evidence": {}}] * len(keys)
    out = []
    for t, kw in enumerate(keys):
        out.append({"id": t, "words": kw["words"], "weights": kw["weights"], "share": round(float(shares[t]), 5),
                    "theme": mapping[t]["theme"], "label": "·".join(kw["frex"][:3]), "frex": kw["frex"][:15],
                    "relevance": kw["relevance"][:15], "theme_scores": mapping[t]["scores"],
                    "theme_evidence": mapping[t]["evidence"]})
        if seeded_themes:
            out[-1]["seed_theme"] = seeded_themes[t]
    return out


def representative(doc_topic: np.ndarray, token_counts: np.ndarray, n: int = 3, min_tokens: int = 8) -> list[list[int]]:
    """For each topic, the ``n`` units with the highest share (of those with enough tokens)."""
    eligible = token_counts >= min_tokens
    if not eligible.any():
        eligible = token_counts > 0
    out = []
    for t in range(doc_topic.shape[1]):
        scores = np.where(eligible, doc_topic[:, t], -1.0)
        out.append([int(i) for i in np.argsort(-scores, kind="stable")[:n] if scores[i] >= 0])
    return out


def seeded_setup(scheme: ThemeScheme, vocabulary: list[str], extra_topics: int) -> tuple[int, dict[int, list[int]], list[str]]:
    """k, word priors and topic->theme list for seeded LDA (one topic per theme + extras)."""
    seeds = seed_word_ids(scheme, vocabulary)
    missing = [scheme.ids[t] for t in range(len(scheme.ids)) if t not in seeds]
    if missing:
        raise ConfigError(f"no seed word of theme(s) {', '.join(missing)} is in the vocabulary; add seeds that occur in the corpus or lower --min-df")
    return len(scheme.themes) + extra_topics, seeds, scheme.ids + [OTHER] * extra_topics


def seeded_labels(doc_topic: np.ndarray, topic_themes: list[str], min_share: float = 0.2) -> list[str]:
    """A theme per unit from seeded-LDA shares: the theme topic with the largest share if it
    reaches ``min_share``, otherwise ``other``."""
    labels = []
    for row in doc_topic:
        best = int(np.argmax(row))
        labels.append(topic_themes[best] if row[best] >= min_share else OTHER)
    return labels

