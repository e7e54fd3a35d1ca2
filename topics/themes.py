"""The theme scheme (the codebook) and the auditable topic -> theme mapping.

Rule: a topic's score for a theme is the share of the probability mass of its top
``topn`` words that falls on words matching one of the theme's seed terms (a word
matches a seed when one contains the other, e.g. 居家养老 matches 养老). The topic gets
the best-scoring theme if that score reaches ``min_score``, otherwise no theme. Every
score is written out, so the assignment can be checked and the seeds edited.
"""
from __future__ import annotations

import tomllib
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


def theme_scores(topic_word: np.ndarray, vocabulary: list[str], scheme: ThemeScheme, topn: int = 30) -> np.ndarray:
    """(n_topics, n_themes): share of top-word mass matching each theme's seeds."""
    vocab = np.asarray(vocabulary, dtype=object)
    top = np.argsort(-topic_word, axis=1, kind="stable")[:, :topn]
    scores = np.zeros((topic_word.shape[0], len(scheme.themes)))
    for t in range(topic_word.shape[0]):
        mass = topic_word[t, top[t]]
        for h, theme in enumerate(scheme.themes):
            hit = np.array([any(matches(w, s) for s in theme.seeds) for w in vocab[top[t]]])
            scores[t, h] = mass[hit].sum() / max(mass.sum(), 1e-12)
    return scores


def map_topics(topic_word, vocabulary, scheme: ThemeScheme, *, topn: int = 30, min_score: float = 0.05) -> list[dict]:
    """Per topic: ``{"theme": id or None, "scores": {theme: score}}``."""
    scores = theme_scores(topic_word, vocabulary, scheme, topn)
    out = []
    for row in scores:
        best = int(np.argmax(row))
        out.append({"theme": scheme.ids[best] if row[best] >= min_score else None,
                    "scores": {tid: round(float(s), 4) for tid, s in zip(scheme.ids, row)}})
    return out
