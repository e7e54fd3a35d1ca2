"""LDA engines. Each ``fit_*`` takes a document-term count matrix and returns
``(topic_word, alpha)``: rows of ``topic_word`` sum to 1. Document shares are computed
by ``estimator.fold_in`` for every engine alike.

* ``tomotopy``: collapsed Gibbs sampling (C++) with term weighting (IDF by default),
  started from an NMF of the TF-IDF matrix (``init="nmf"``, the default) or at random;
  optional word priors (seeded LDA). With ``n_jobs > 1`` the result depends on the
  number of workers (same seed and same ``n_jobs``: same result).
* ``gensim``: online variational Bayes (``LdaModel``, ``passes`` = ``n_iter``).
* ``sklearn``: online variational Bayes (``LatentDirichletAllocation``,
  ``max_iter`` = ``n_iter``).
* ``spark``: MLlib online variational Bayes on Spark (``spark_engine.fit_spark``).

NMF initialisation. Gibbs sampling from a random start lands in a different mode for
every seed, and on news many modes merge unrelated stories into one topic (rail
travel with space flights): on the 新闻联播 stories (k = 20, IDF, 100 iterations) NPMI
ranged from 0.125 to 0.178 over five seeds. Started from NMF, every seed tried lands
near the same coherent mode (0.190 to 0.198), and 20 iterations are enough: NPMI
(``benchmarks/bench_topics.py``'s scorer, seeds 0-2) was 0.196 after 20 iterations,
0.193 after 30, 0.193 after 50 and 0.18 after 100; on the work reports' paragraphs
0.178 after 20 and 0.176 after 50; each 10 further iterations cost about 2 s of
``topics discover`` on the corpus (34 s end to end with 20). From a random start
(``init="random"``, seeded LDA) the sampler needs longer: 50. On the government work
reports' paragraphs NPMI rose from 0.094 to 0.180 (mean of 3 seeds).
The start is given as word priors: each word's prior ``eta`` over the topics gets
``NMF_PRIOR`` more pseudo-counts spread in proportion to the word's NMF weights, so
the first sweep assigns the word where NMF put it and the counts (thousands for a
frequent word) soon outweigh the prior (0.1, 1 and 10 pseudo-counts gave 0.186,
0.191 and 0.191). The NMF (scikit-learn, ``nndsvd`` start, coordinate descent on the
sublinear TF-IDF matrix, ``NMF_ITER`` iterations) is deterministic for a seed and
does not use ``n_jobs``; its shares are rounded so that the number of BLAS threads
cannot change them. ``benchmarks/bench_topics.py`` compares every engine.
"""
from __future__ import annotations

import warnings

import numpy as np
from scipy import sparse

from topics.topicmodel import spark_engine

DEFAULT_ITER = {"tomotopy": 20, "gensim": 5, "sklearn": 10, "spark": spark_engine.DEFAULT_ITER}
RANDOM_START_ITER = 50          # tomotopy from a random start (init="random", seeded)
INITS = ("nmf", "random")
NMF_ITER = 10
NMF_PRIOR = 1.0


def default_iterations(engine: str, init: str) -> int:
    """The iterations an engine runs when none are given (see the module docstring)."""
    if engine == "tomotopy" and init != "nmf":
        return RANDOM_START_ITER
    return DEFAULT_ITER[engine]


def _normalize(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    s = m.sum(axis=1, keepdims=True)
    s[s == 0] = 1.0
    return m / s


def nmf_word_shares(X: sparse.csr_matrix, k: int, *, random_state: int,
                    n_iter: int = NMF_ITER) -> np.ndarray | None:
    """``(k, n_words)``: how each word's weight in a k-topic NMF of the TF-IDF
    matrix is shared among the topics (columns sum to 1, rounded to 0.001; 0 where
    NMF gives a word no weight). ``None`` when NMF cannot start (k above the number
    of units or words)."""
    from sklearn.decomposition import NMF

    from topics.features import tfidf

    if k > min(X.shape):
        return None
    counts = X.copy()
    counts.data = np.ceil(counts.data)  # the counts tomotopy is given
    with warnings.catch_warnings():  # few iterations on purpose: only a start
        warnings.filterwarnings("ignore", message="Maximum number of iterations")
        nmf = NMF(k, init="nndsvd", max_iter=n_iter, random_state=random_state)
        weights = nmf.fit(tfidf(counts)).components_
    total = weights.sum(axis=0, keepdims=True)
    shares = np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)
    # BLAS sums in a thread-dependent order (differences near 1e-13): rounding keeps
    # the priors, and so the sampler, the same whatever the number of BLAS threads
    return np.round(shares, 3)


def _add_docs(model, X: sparse.csr_matrix) -> None:
    """Each row as a document of word ids (as strings), a word repeated by its count."""
    names = np.array([str(j) for j in range(X.shape[1])], dtype=object)
    counts = np.ceil(X.data).astype(np.int64)
    for i in range(X.shape[0]):
        start, end = X.indptr[i], X.indptr[i + 1]
        if end > start:
            words = np.repeat(names[X.indices[start:end]], counts[start:end])
            model.add_doc(words.tolist())


def _seed_priors(model, seed_words, k: int, strength: float) -> None:
    for topic, word_ids in seed_words.items():
        for w in word_ids:
            prior = [strength if t == topic else (1 - strength) / max(k - 1, 1) * 0.1
                     for t in range(k)]
            model.set_word_prior(str(w), prior)


def _nmf_priors(model, shares: np.ndarray, eta: float) -> None:
    for j in sorted(int(w) for w in model.vocabs):
        if shares[:, j].any():
            model.set_word_prior(str(j), (eta + NMF_PRIOR * shares[:, j]).tolist())


def _train(model, n_iter: int, n_jobs: int, progress) -> None:
    import tomotopy as tp

    workers = max(1, int(n_jobs))
    scheme = tp.ParallelScheme.PARTITION if workers > 1 else tp.ParallelScheme.NONE
    callback = (lambda _m, done, total: progress(done, total)) if progress else None
    with warnings.catch_warnings():  # "may differ if workers != 1": in run manifests
        warnings.filterwarnings("ignore", message="The training result may differ",
                                category=RuntimeWarning)
        model.train(n_iter, workers=workers, parallel=scheme,
                    callback_interval=max(1, n_iter // 50), callback=callback)


def fit_tomotopy(X: sparse.csr_matrix, k: int, *, n_iter, alpha, eta, random_state,
                 n_jobs, term_weight="idf", init="nmf", seed_words=None,
                 seed_strength=0.9, progress=None):
    import tomotopy as tp

    tw = {"one": tp.TermWeight.ONE, "idf": tp.TermWeight.IDF,
          "pmi": tp.TermWeight.PMI}[term_weight]
    model = tp.LDAModel(k=k, alpha=alpha, eta=eta, seed=int(random_state), tw=tw)
    _add_docs(model, X)
    if seed_words:
        _seed_priors(model, seed_words, k, seed_strength)
    elif init == "nmf":
        shares = nmf_word_shares(X, k, random_state=int(random_state))
        if shares is not None:
            _nmf_priors(model, shares, eta)
    _train(model, n_iter, n_jobs, progress)
    vocab = np.array([int(w) for w in model.used_vocabs])
    topic_word = np.zeros((k, X.shape[1]))
    for t in range(k):
        topic_word[t, vocab] = model.get_topic_word_dist(t)
    alpha_ = np.asarray(model.alpha, dtype=np.float64).reshape(-1) * np.ones(k)
    return _normalize(topic_word), alpha_


def fit_gensim(X: sparse.csr_matrix, k: int, *, n_iter, alpha, eta, random_state, n_jobs, progress=None, **_):
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaModel, LdaMulticore

    corpus = list(Sparse2Corpus(X, documents_columns=False))
    common = dict(corpus=corpus, num_topics=k, id2word={i: str(i) for i in range(X.shape[1])},
                  passes=n_iter, random_state=int(random_state), eta=eta, chunksize=2000)
    if n_jobs > 1:
        model = LdaMulticore(workers=n_jobs, alpha=alpha if alpha is not None else "symmetric", **common)
    else:
        model = LdaModel(alpha=alpha if alpha is not None else "symmetric", **common)
    if progress:
        progress(n_iter, n_iter)
    return _normalize(model.get_topics()), np.asarray(model.alpha, dtype=np.float64)


def fit_sklearn(X: sparse.csr_matrix, k: int, *, n_iter, alpha, eta, random_state, n_jobs, progress=None, **_):
    from sklearn.decomposition import LatentDirichletAllocation

    lda = LatentDirichletAllocation(n_components=k, learning_method="online", max_iter=n_iter,
                                    doc_topic_prior=alpha, topic_word_prior=eta,
                                    random_state=int(random_state), n_jobs=n_jobs)
    lda.fit(X)
    if progress:
        progress(n_iter, n_iter)
    return _normalize(lda.components_), np.full(k, lda.doc_topic_prior_)


ENGINES = {"tomotopy": fit_tomotopy, "gensim": fit_gensim, "sklearn": fit_sklearn,
           "spark": spark_engine.fit_spark}
