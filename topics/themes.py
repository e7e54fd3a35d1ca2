"""The theme scheme (the codebook) and the auditable topic -> theme mapping.

A topic gets the theme with the most evidence if that evidence reaches a threshold, and
no theme (``other``) otherwise; every score is written out so the mapping can be
checked. Two kinds of evidence:

* ``classifier`` (default): the topic's most typical units (up to 30 where the topic
  holds at least half the unit) are labelled by the theme classifier; the evidence for
  a theme is the share of those units labelled with it (a reader can open the units);
* ``seeds``: the share of the probability mass of the topic's top 30 words on words
  matching one of the theme's seed terms (a word matches a seed when one contains the
  other, e.g. 居家养老 matches 养老).

Measured against the annotations (``benchmarks/bench_mapping.py``, README).
"""
from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from topics.resources import data_text
from pathlib import Path

import numpy as np

from topics.errors import ConfigError

OTHER = "other"


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    seeds: tuple[str, ...]


@dataclass(frozen=True)
class ThemeScheme:
    themes: tuple[Theme, ...]

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    def get(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise ConfigError(f"unknown theme {theme_id!r}; the scheme has {', '.join(self.ids)}")


def load_scheme(path: str | Path | None = None) -> ThemeScheme:
    """The default codebook scheme, or a user TOML file with [[theme]] id/name/seeds."""
    if not path:
        text = data_text("themes.toml")
        where = "the default scheme"
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise ConfigError(f"cannot read theme scheme {path}: {reason}") from None
    try:
        raw = tomllib.loads(text).get("theme", [])
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where} is not valid TOML: {exc}") from None
    themes, seen = [], set()
    for i, t in enumerate(raw, 1):
        if not isinstance(t, dict) or not t.get("id") or not isinstance(t.get("seeds"), list) or not t["seeds"] \
                or not all(isinstance(s, str) for s in t["seeds"]):
            raise ConfigError(f"{where}: theme #{i} needs an id and a non-empty seeds list of strings")
        if t["id"] in seen or t["id"] == OTHER:
            raise ConfigError(f"{where}: theme id {t['id']!r} is repeated or reserved ('other' is implicit)")
        seen.add(t["id"])
        themes.append(Theme(t["id"], t.get("name", t["id"]), tuple(t["seeds"])))
    if not themes:
        raise ConfigError(f"{where} defines no [[theme]] tables")
    return ThemeScheme(tuple(themes))


def matches(word: str, seed: str) -> bool:
    return word == seed or (len(seed) >= 2 and seed in word) or (len(word) >= 2 and word in seed)


def seed_word_ids(scheme: ThemeScheme, vocabulary: list[str]) -> dict[int, list[int]]:
    """Theme index -> vocabulary indices of words matching its seeds (for seeded LDA)."""
    out: dict[int, list[int]] = {}
    for t, theme in enumerate(scheme.themes):
        ids = [i for i, w in enumerate(vocabulary) if any(matches(w, s) for s in theme.seeds)]
        if ids:
            out[t] = ids
    return out


def seed_evidence(topic_word: np.ndarray, vocabulary: list[str], scheme: ThemeScheme,
                  topn: int = 30) -> np.ndarray:
    """(n_topics, n_themes): share of a topic's top-``topn`` word mass on words that
    match each theme's seeds."""
    vocab = np.asarray(vocabulary, dtype=object)
    top = np.argsort(-topic_word, axis=1, kind="stable")[:, :topn]
    scores = np.zeros((topic_word.shape[0], len(scheme.themes)))
    for t in range(topic_word.shape[0]):
        mass = topic_word[t, top[t]]
        for h, theme in enumerate(scheme.themes):
            hit = np.array([any(matches(w, s) for s in theme.seeds) for w in vocab[top[t]]])
            scores[t, h] = mass[hit].sum() / max(mass.sum(), 1e-12)
    return scores


def typical_units(doc_topic: np.ndarray, n: int = 30, min_share: float = 0.5) -> list[np.ndarray]:
    """Per topic, the (up to ``n``) units where it holds at least ``min_share``, most
    typical first: the units a reader would check to name the topic."""
    out = []
    for t in range(doc_topic.shape[1]):
        order = np.argsort(-doc_topic[:, t], kind="stable")[:n]
        out.append(order[doc_topic[order, t] >= min_share])
    return out


def classifier_evidence(doc_topic: np.ndarray, texts: list[str], predict, theme_ids: list[str],
                        *, n: int = 30, min_share: float = 0.5) -> tuple[np.ndarray, list[int]]:
    """(n_topics, n_themes): share of each topic's typical units that ``predict`` (a
    classifier's label lists for texts) labels with each theme; and how many units each
    share is over. A topic with no typical unit has no evidence (all zero)."""
    picks = typical_units(doc_topic, n, min_share)
    flat = [i for p in picks for i in p]
    labels = dict(zip(flat, predict([texts[i] for i in flat]))) if flat else {}
    scores = np.zeros((doc_topic.shape[1], len(theme_ids)))
    for t, idx in enumerate(picks):
        for h, theme in enumerate(theme_ids):
            scores[t, h] = np.mean([theme in labels[i] for i in idx]) if len(idx) else 0.0
    return scores, [len(p) for p in picks]


def choose_themes(scores: np.ndarray, theme_ids: list[str], min_score: float) -> list[str | None]:
    """Per topic, the theme with the most evidence if it reaches ``min_score``, else None."""
    best = np.argmax(scores, axis=1)
    return [theme_ids[b] if row[b] >= min_score else None for row, b in zip(scores, best)]


def map_topics(scores: np.ndarray, theme_ids: list[str], *, min_score: float, method: str,
               n_units: list[int] | None = None) -> list[dict]:
    """Per topic: ``{"theme": id or None, "scores": {theme: evidence}, "evidence": …}``."""
    chosen = choose_themes(scores, theme_ids, min_score)
    return [{"theme": theme, "scores": {h: round(float(v), 4) for h, v in zip(theme_ids, row)},
             "evidence": {"method": method, "min_score": min_score,
                          **({"n_units": n_units[t]} if n_units is not None else {})}}
            for t, (theme, row) in enumerate(zip(chosen, scores))]


# The seed-mass threshold at which mapping accuracy peaked (bench_mapping.py, README).
SEED_MIN_SCORE = 0.05


@dataclass(frozen=True)
class Mapper:
    """How topics get themes: ``method`` "classifier" (needs ``predict``, texts -> label
    lists) or "seeds"; ``min_agreement``: the classifier evidence a theme needs."""

    method: str = "seeds"
    min_agreement: float = 0.5
    predict: Callable | None = None

    def map(self, topic_word, vocabulary, scheme: ThemeScheme, doc_topic, texts) -> list[dict]:
        if self.method == "classifier":
            scores, n_units = classifier_evidence(doc_topic, texts, self.predict, scheme.ids)
            return map_topics(scores, scheme.ids, min_score=self.min_agreement,
                              method="classifier", n_units=n_units)
        return map_topics(seed_evidence(topic_word, vocabulary, scheme), scheme.ids,
                          min_score=SEED_MIN_SCORE, method="seeds")
