"""The estimator contract, determinism, inference, keywords and k selection."""
import numpy as np
import pytest
from scipy import sparse
from sklearn.utils.estimator_checks import parametrize_with_checks

from topics.errors import ConfigError
from topics.topicmodel import TopicModel, fold_in
from topics.topicmodel.discover import SweepRow, choose_k, evaluate_topics, sweep, top_words
from topics.topicmodel.keywords import frex, relevance, top_indices


@parametrize_with_checks([TopicModel(n_components=2, engine=e, n_iter=5) for e in ("tomotopy", "sklearn", "gensim")])
def test_sklearn_estimator_contract(estimator, check):
    check(estimator)


def two_topic_corpus(n=60, seed=0):
    """Docs drawn from two disjoint word groups: 0-4 and 5-9."""
    rng = np.random.RandomState(seed)
    X = np.zeros((n, 10))
    for i in range(n):
        group = i % 2
        X[i, group * 5:(group + 1) * 5] = rng.poisson(4, 5)
    return sparse.csr_matrix(X)


@pytest.mark.parametrize("engine", ["tomotopy", "sklearn", "gensim"])
def test_engines_recover_two_topics_and_are_deterministic(engine):
    X = two_topic_corpus()
    a = TopicModel(2, engine=engine, random_state=3).fit(X)
    b = TopicModel(2, engine=engine, random_state=3).fit(X)
    np.testing.assert_array_equal(a.components_, b.components_)
    groups = {frozenset(np.argsort(-row)[:5]) for row in a.components_}
    assert groups == {frozenset(range(5)), frozenset(range(5, 10))}
    theta = a.transform(X)
    np.testing.assert_array_equal(theta, a.transform(X))
    assert (theta.argmax(1)[::2] != theta.argmax(1)[1::2]).all()


def test_fold_in_is_deterministic_and_sensible():
    phi = np.array([[0.5, 0.5, 0, 0], [0, 0, 0.5, 0.5]]) + 1e-9
    X = sparse.csr_matrix([[3, 2, 0, 0], [0, 0, 1, 4], [1, 1, 1, 1], [0, 0, 0, 0]])
    theta = fold_in(X, phi, np.full(2, 0.1))
    assert theta[0, 0] > 0.9 and theta[1, 1] > 0.9 and abs(theta[2, 0] - 0.5) < 1e-6
    np.testing.assert_allclose(theta[3], [0.5, 0.5])
    np.testing.assert_allclose(theta.sum(1), 1)


@pytest.mark.parametrize("kwargs, message", [
    ({"n_components": 100}, "k=100 is larger than the number of units"),
    ({"engine": "mallet"}, "unknown engine 'mallet'; choose one of tomotopy, gensim, sklearn"),
    ({"engine": "gensim", "seed_words": {0: [1]}}, "seeded LDA .* needs engine='tomotopy'"),
    ({"term_weight": "bm25"}, "term_weight must be"),
])
def test_errors_say_how_to_fix(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        TopicModel(**{"n_components": 2, **kwargs}).fit(two_topic_corpus(20))


def test_seed_words_pull_topics():
    X = two_topic_corpus()
    m = TopicModel(2, random_state=0, seed_words={0: [7], 1: [2]}).fit(X)
    assert 7 in np.argsort(-m.components_[0])[:5] and 2 in np.argsort(-m.components_[1])[:5]


def test_keywords_frex_and_relevance():
    phi = np.array([[0.4, 0.35, 0.25], [0.4, 0.0001, 0.5999]])
    # w = 1: pure exclusivity (word 1 belongs to topic 0 only); w = 0: pure probability
    assert top_indices(frex(phi, w=1.0), 3)[0].tolist() == [1, 0, 2]
    assert top_indices(frex(phi, w=0.0), 3)[0].tolist() == [0, 1, 2]
    # relevance with lambda = 0 is the lift p(w|t)/p(w): the rare word 1 wins
    assert relevance(phi, np.array([0.8, 0.1, 0.1]), lam=0.0)[0].argmax() == 1
    assert relevance(phi, np.array([0.8, 0.1, 0.1]), lam=1.0)[0].argmax() == 0


def test_choose_k_rule():
    rows = [SweepRow(10, 0, 0.10, 0.5, 0.9), SweepRow(10, 1, 0.12, 0.5, 0.8),
            SweepRow(20, 0, 0.20, 0.5, 0.5), SweepRow(20, 1, 0.20, 0.5, 0.5),   # best NPMI but diversity < 0.6
            SweepRow(30, 0, 0.15, 0.5, 0.7), SweepRow(30, 1, 0.15, 0.5, 0.7),
            SweepRow(40, 0, 0.15, 0.5, 0.7)]
    assert choose_k(rows) == 30          # 20 excluded; 30 and 40 tie -> smaller


def test_sweep_on_a_small_slice():
    from conftest import xwlb_slice
    from topics.features import bag_of_words
    from topics.segment import Segmenter

    seg = Segmenter()
    texts = [seg.tokens(r["text"]) for r in xwlb_slice(150)]
    X, vocab = bag_of_words(texts, min_df=3, max_df=0.5)
    rows, models = sweep(X, vocab, texts, [3, 5], [0, 1], make_model=lambda k, s: TopicModel(k, n_iter=30, random_state=s))
    assert [(r.k, r.seed) for r in rows] == [(3, 0), (3, 1), (5, 0), (5, 1)]
    assert set(models) == {(3, 0), (3, 1), (5, 0), (5, 1)}
    for r in rows:  # each row scores its own model
        m = evaluate_topics(top_words(models[(r.k, r.seed)], vocab), texts)
        assert (r.npmi, r.c_v, r.diversity) == tuple(round(m[x], 4) for x in ("npmi", "c_v", "diversity"))
    mean = {k: (np.mean([r.npmi for r in rows if r.k == k]), np.mean([r.diversity for r in rows if r.k == k]))
            for k in (3, 5)}
    ok = [k for k in (3, 5) if mean[k][1] >= 0.6] or [3, 5]
    assert choose_k(rows) == min(ok, key=lambda k: (-round(mean[k][0], 4), k))


@pytest.mark.parametrize("engine", ["tomotopy", "sklearn"])
def test_fit_reports_progress(engine):
    calls = []
    TopicModel(2, engine=engine, n_iter=20).fit(two_topic_corpus(20), progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1] == (20, 20)
