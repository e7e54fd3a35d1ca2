"""LDA engines. Each ``fit_*`` takes a document-term count matrix and returns
``(topic_word, alpha)``: rows of ``topic_word`` sum to 1. Document shares are computed
by ``estimator.fold_in`` for every engine alike.

* ``tomotopy``: collapsed Gibbs sampling (C++), optional word priors (seeded LDA) and
  term weighting; with ``n_jobs > 1`` the result depends on the number of workers.
* ``gensim``: online variational Bayes (``LdaModel``, ``passes`` = ``n_iter``).
* ``sklearn``: online variational Bayes (``LatentDirichletAllocation``, ``max_iter`` = ``n_iter``).
* ``spark``: MLlib online variational Bayes on Spark (``spark_engine.fit_spark``).
"""
from __future__ import annotations

import numpy as np
from scipy import sparse

from topics.topicmodel import spark_engine

DEFAULT_ITER = {"tomotopy": 100, "gensim": 5, "sklearn": 10,
                "spark": spark_engine.DEFAULT_ITER}


def _normalize(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float64)
    s = m.sum(axis=1, keepdims=True)
    s[s == 0] = 1.0
    return m / s


def fit_tomotopy(X: sparse.csr_matrix, k: int, *, n_iter, alpha, eta, random_state, n_jobs, term_weight="idf", seed_words=None, seed_strength=0.9, progress=None):
    import warnings

    import tomotopy as tp

    tw = {"one": tp.TermWeight.ONE, "idf": tp.TermWeight.IDF, "pmi": tp.TermWeight.PMI}[term_weight]
    model = tp.LDAModel(k=k, alpha=alpha, eta=eta, seed=int(random_state), tw=tw)
    for i in range(X.shape[0]):
        start, end = X.indptr[i], X.indptr[i + 1]
        words = np.repeat(X.indices[start:end].astype(np.int64), np.ceil(X.data[start:end]).astype(np.int64))
        if len(words):
            model.add_doc([str(w) for w in words])
    for topic, word_ids in (seed_words or {}).items():
        for w in word_ids:
            prior = [seed_strength if t == topic else (1 - seed_strength) / max(k - 1, 1) * 0.1 for t in range(k)]
            model.set_word_prior(str(w), prior)
    workers = max(1, int(n_jobs))
    callback = (lambda _m, done, total: progress(done, total)) if progress else None
    with warnings.catch_warnings():  # "may differ if workers != 1": recorded in run manifests instead
        warnings.filterwarnings("ignore", message="The training result may differ", category=RuntimeWarning)
        model.train(n_iter, workers=workers, parallel=tp.ParallelScheme.PARTITION if workers > 1 else tp.ParallelScheme.NONE,
                    callback_interval=max(1, n_iter // 50), callback=callback)
    vocab = np.array([int(w) for w in model.used_vocabs])
    topic_word = np.zeros((k, X.shape[1]))
    for t in range(k):
        topic_word[t, vocab] = model.get_topic_word_dist(t)
    return _normalize(topic_word), np.asarray(model.alpha, dtype=np.float64).reshape(-1) * np.ones(k)


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
