"""Coherence: hand-computed values, gensim's window quirk, equality with gensim."""
import math
import random

import numpy as np
import pytest

from topics.errors import ConfigError
from topics.topicmodel import coherence

LOG_EPS = math.log(coherence.EPSILON)


@pytest.mark.parametrize("texts, expected", [
    # a and b always together in 2 of 4 windows: p(a,b) = p(a) = p(b) = 0.5
    ([["a", "b"], ["a", "b"], ["c"], ["d"]], 1.0),
    # independent: p(a,b) = 0.25 = p(a) p(b)
    ([["a", "b"], ["a"], ["b"], ["c"]], 0.0),
    # never together: log(eps / 0.25) / -log(eps)
    ([["a"], ["b"]], (LOG_EPS - math.log(0.25)) / -LOG_EPS),
])
def test_npmi_of_one_pair_by_hand(texts, expected):
    mean, per_topic = coherence.npmi([["a", "b"]], texts)
    assert mean == pytest.approx(expected, abs=1e-9)
    assert per_topic == [pytest.approx(expected, abs=1e-9)]


def test_window_counts_reproduce_gensims_left_edge_quirk():
    # windows of 3: [a a b] [a b x] [b x x]; gensim drops "a" from the second window
    # when the first "a" leaves, although the second "a" is still inside
    counts, n_windows = coherence.window_counts([list("aabxx")], ["a", "b"], 3)
    assert n_windows == 3
    np.testing.assert_array_equal(counts, [[1, 1], [1, 3]])


def test_short_and_empty_texts_are_one_window_each():
    counts, n_windows = coherence.window_counts([["a", "b"], [], ["b"]], ["a", "b"], 10)
    assert n_windows == 3
    np.testing.assert_array_equal(counts, [[1, 1], [1, 2]])


def _gensim(measure, topics, texts):
    from gensim.corpora import Dictionary
    from gensim.models.coherencemodel import CoherenceModel

    cm = CoherenceModel(topics=topics, texts=texts, dictionary=Dictionary(texts),
                        coherence=measure, topn=10, processes=1)
    return cm.get_coherence_per_topic()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("measure, ours", [("c_npmi", coherence.npmi),
                                           ("c_v", coherence.c_v)])
def test_equal_to_gensim_on_random_texts(seed, measure, ours):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(25)]
    # few word types, so words repeat inside windows; lengths around both windows
    texts = [[rng.choice(vocab[:rng.randint(4, 25)])
              for _ in range(rng.randint(0, 150))] for _ in range(30)]
    present = sorted(set().union(*texts))
    topics = [rng.sample(present, 10) for _ in range(3)]
    np.testing.assert_allclose(ours(topics, texts)[1], _gensim(measure, topics, texts),
                               rtol=1e-9, atol=1e-12)


def test_blocks_do_not_change_counts(monkeypatch):
    texts = [list("abcabdacbd") * 3, list("dcba"), list("aabbccdd") * 2]
    expected = coherence.window_counts(texts, list("abcd"), 4)
    monkeypatch.setattr(coherence, "_CHUNK_ENTRIES", 3)
    got = coherence.window_counts(texts, list("abcd"), 4)
    np.testing.assert_array_equal(got[0], expected[0])
    assert got[1] == expected[1]


def test_words_missing_from_the_texts_are_skipped_or_refused():
    texts = [["a", "b", "c"], ["a", "b"]]
    with_missing = coherence.npmi([["zz", "a", "b"]], texts)[0]
    assert with_missing == coherence.npmi([["a", "b"]], texts)[0]
    with pytest.raises(ConfigError, match="fewer than two words in the reference"):
        coherence.npmi([["a", "zz"]], texts)


def test_score_registry():
    topics = [["a", "b"], ["a", "c"]]
    assert coherence.score("diversity", topics=topics, topn=2)[0] == 0.75
    with pytest.raises(ConfigError, match="unknown coherence measure 'umass'"):
        coherence.score("umass", topics=[["a", "b"]], texts=[["a", "b"]])
