"""Topic quality measures: a registry of small functions (after gensim's coherencemodel).

* ``npmi``: normalised pointwise mutual information of top-word pairs, sliding window
  of 10 tokens (Bouma 2009; Röder et al. 2015 ``C_NPMI``), via gensim.
* ``c_v``: Röder et al. (2015) ``C_V``, window 110, indirect cosine of NPMI vectors, via gensim.
* ``diversity``: share of unique words among all topics' top words (Dieng et al. 2020).

    >>> score("npmi", topics=[["养老", "老年人"], ["生态", "环境"]], texts=token_lists, topn=10)
"""
from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from topics.errors import ConfigError


def _gensim(measure: str, topics, texts, topn: int, dictionary=None) -> tuple[float, list[float]]:
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    dictionary = dictionary or Dictionary(texts)
    known = [[w for w in t if w in dictionary.token2id][:topn] for t in topics]
    if any(len(t) < 2 for t in known):
        raise ConfigError("a topic has fewer than two words in the reference texts; coherence is undefined")
    cm = CoherenceModel(topics=known, texts=texts, dictionary=dictionary, coherence=measure, topn=topn, processes=1)
    per_topic = [float(x) for x in cm.get_coherence_per_topic()]
    return float(np.mean(per_topic)), per_topic


def npmi(topics, texts, topn=10, dictionary=None):
    return _gensim("c_npmi", topics, texts, topn, dictionary)


def c_v(topics, texts, topn=10, dictionary=None):
    return _gensim("c_v", topics, texts, topn, dictionary)


def diversity(topics, texts=None, topn=25, dictionary=None):
    words = [w for t in topics for w in t[:topn]]
    value = len(set(words)) / max(len(words), 1)
    return value, []


MEASURES = {"npmi": npmi, "c_v": c_v, "diversity": diversity}


def score(measure: str, *, topics: Sequence[Sequence[str]], texts=None, topn: int = 10, dictionary=None) -> tuple[float, list[float]]:
    """``(mean, per-topic values)`` of one measure."""
    if measure not in MEASURES:
        raise ConfigError(f"unknown coherence measure {measure!r}; choose one of {', '.join(MEASURES)}")
    return MEASURES[measure](topics, texts, topn, dictionary)


def sample_texts(texts: Sequence[list[str]], max_texts: int | None, seed: int = 0) -> list[list[str]]:
    """A fixed random subset of reference texts (C_V is slow on large corpora)."""
    if not max_texts or len(texts) <= max_texts:
        return list(texts)
    idx = sorted(random.Random(seed).sample(range(len(texts)), max_texts))
    return [texts[i] for i in idx]
