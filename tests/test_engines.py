"""The default engine's settings: NMF start, iterations, determinism, inference."""
import numpy as np
import pytest
from scipy import sparse

from topics.errors import ConfigError
from topics.topicmodel import TopicModel, engines, fold_in


def mixed_corpus(n_docs=240, n_topics=6, words_per_topic=12, seed=0):
    """Documents that each mix two of ``n_topics`` disjoint word groups (like a news
    round-up of two stories); returns counts and the true groups."""
    rng = np.random.RandomState(seed)
    X = np.zeros((n_docs, n_topics * words_per_topic))
    for i in range(n_docs):
        for t in rng.choice(n_topics, 2, replace=False):
            cols = slice(t * words_per_topic, (t + 1) * words_per_topic)
            X[i, cols] += rng.poisson(2, words_per_topic)
    groups = [set(range(t * words_per_topic, (t + 1) * words_per_topic))
              for t in range(n_topics)]
    return sparse.csr_matrix(X), groups


def recovered(components, groups, top=8):
    found = [set(np.argsort(-row, kind="stable")[:top]) for row in components]
    return sum(any(f <= g for f in found) for g in groups)


@pytest.fixture
def nmf_calls(monkeypatch):
    calls = []
    real = engines.nmf_word_shares

    def spy(X, k, **kw):
        calls.append((X.shape, k, kw))
        return real(X, k, **kw)

    monkeypatch.setattr(engines, "nmf_word_shares", spy)
    return calls


@pytest.mark.parametrize("kwargs, used", [
    ({}, True),                                        # the default
    ({"init": "nmf"}, True),
    ({"init": "random"}, False),
    ({"seed_words": {0: [1]}}, False),                 # seeded LDA has its own priors
])
def test_tomotopy_starts_from_nmf_by_default(nmf_calls, kwargs, used):
    X, _ = mixed_corpus(60)
    TopicModel(3, n_iter=5, random_state=4, **kwargs).fit(X)
    assert bool(nmf_calls) is used
    if used:
        assert nmf_calls == [(X.shape, 3, {"random_state": 4})]


def test_nmf_shares_split_each_word_over_the_topics():
    X, groups = mixed_corpus()
    shares = engines.nmf_word_shares(X, 6, random_state=0)
    assert shares.shape == (6, X.shape[1])
    np.testing.assert_allclose(shares.sum(axis=0), 1.0, atol=0.011)  # rounded
    # each word group belongs to one NMF topic
    for g in groups:
        assert len({int(shares[:, w].argmax()) for w in g}) == 1
    assert engines.nmf_word_shares(X[:4], 6, random_state=0) is None  # k > units


@pytest.mark.parametrize("init, seeded, expected", [
    (None, False, 20), ("random", False, 50), (None, True, 50)])
def test_default_iterations_depend_on_the_start(init, seeded, expected):
    calls = []
    model = TopicModel(2, init=init, seed_words={0: [0]} if seeded else None)
    model.fit(mixed_corpus(40)[0], progress=lambda done, total: calls.append(total))
    assert calls[-1] == model.n_iter_ == expected
    assert TopicModel(2, n_iter=7).fit(mixed_corpus(40)[0]).n_iter_ == 7


def test_every_core_means_every_core(monkeypatch):
    """n_jobs=-1 reaches the engine and the fold-in as the number of cores."""
    monkeypatch.setattr("os.cpu_count", lambda: 3)
    got = {}
    real_train, real_fold = engines._train, fold_in

    def train(model, n_iter, n_jobs, progress):
        got["train"] = n_jobs
        return real_train(model, n_iter, n_jobs, progress)

    def fold(*args, n_jobs=1, **kw):
        got["fold_in"] = n_jobs
        return real_fold(*args, n_jobs=n_jobs, **kw)

    monkeypatch.setattr(engines, "_train", train)
    monkeypatch.setattr("topics.topicmodel.estimator.fold_in", fold)
    X, _ = mixed_corpus(40)
    model = TopicModel(2, n_iter=3, n_jobs=-1).fit(X)
    model.transform(X)
    assert got == {"train": 3, "fold_in": 3} and model.n_jobs_ == 3
    assert model.n_jobs == -1  # the parameter stays as given (scikit-learn's rule)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_same_seed_same_topics(n_jobs):
    X, _ = mixed_corpus()
    a = TopicModel(6, random_state=7, n_jobs=n_jobs).fit(X).components_
    b = TopicModel(6, random_state=7, n_jobs=n_jobs).fit(X).components_
    np.testing.assert_array_equal(a, b)


def test_nmf_start_recovers_mixed_topics_for_every_seed():
    X, groups = mixed_corpus()
    for seed in range(4):
        model = TopicModel(6, n_iter=20, random_state=seed).fit(X)
        assert recovered(model.components_, groups) == 6


@pytest.mark.parametrize("kwargs, message", [
    ({"init": "kmeans"}, "init must be None, 'nmf' or 'random', got 'kmeans'"),
    ({"init": "nmf", "engine": "gensim"}, "init='nmf' needs engine='tomotopy'"),
    ({"init": "nmf", "seed_words": {0: [1]}}, "cannot be combined with seed_words"),
])
def test_init_errors_say_how_to_fix(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        TopicModel(2, **kwargs).fit(mixed_corpus(20)[0])


def naive_fold_in(X, phi, alpha, n_iter=30):
    """The EM of ``fold_in`` written out per document, in float64."""
    X = sparse.csr_matrix(X).toarray()
    theta = np.full((X.shape[0], phi.shape[0]), 1.0 / phi.shape[0])
    for _ in range(n_iter):
        p = theta @ phi                                   # (docs, words)
        ratio = np.divide(X, p, out=np.zeros_like(X), where=X > 0)
        theta = theta * (ratio @ phi.T) + alpha
        theta /= theta.sum(axis=1, keepdims=True)
    return theta


def test_fold_in_is_the_em_it_describes():
    X, _ = mixed_corpus(50)
    phi = np.random.RandomState(0).dirichlet(np.ones(X.shape[1]), size=6)
    alpha = np.full(6, 0.1)
    np.testing.assert_allclose(fold_in(X, phi, alpha, tol=0),
                               naive_fold_in(X, phi, alpha), atol=1e-4)


def test_fold_in_blocks_on_threads_give_the_same_shares():
    X, _ = mixed_corpus(50)
    phi = np.random.RandomState(0).dirichlet(np.ones(X.shape[1]), size=6)
    alpha = np.full(6, 0.1)
    one = fold_in(X, phi, alpha, chunk=7)
    np.testing.assert_array_equal(fold_in(X, phi, alpha, chunk=7, n_jobs=3), one)
    np.testing.assert_allclose(one, fold_in(X, phi, alpha), atol=1e-6)
