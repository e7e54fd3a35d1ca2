"""``TopicModel``: one scikit-learn estimator over every LDA engine.

    >>> model = TopicModel(n_components=20, engine="tomotopy", random_state=0).fit(X)
    >>> model.components_        # (k, n_words) topic-word probabilities
    >>> model.transform(X_new)   # (n_docs, k) topic shares, deterministic

``transform`` folds new documents in against the fixed topics with a deterministic
EM (no sampling), so the same text always gets the same topic shares.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_array, check_is_fitted

from topics.errors import ConfigError
from topics.parallel import resolve_jobs
from topics.topicmodel.engines import ENGINES, INITS, default_iterations


def fold_in(X, topic_word: np.ndarray, alpha: np.ndarray, *, n_iter: int = 30,
            tol: float = 1e-4, chunk: int = 4000, n_jobs: int = 1) -> np.ndarray:
    """Topic shares of each row of ``X`` given fixed ``topic_word``: EM with the prior
    ``alpha`` added as pseudo-counts, from uniform shares, no sampling (deterministic).

    One EM step for a document d: ``theta_t <- theta_t * sum_w x_w phi_tw / p_w +
    alpha_t``, normalised, where ``p_w = sum_t theta_t phi_tw``; the sum over words is
    one sparse product, so no (words x topics) responsibilities are materialised.
    Blocks of ``chunk`` rows are independent: ``n_jobs`` threads share them (numpy and
    scipy release the GIL in the products), with the same result."""
    X = sparse.csr_matrix(X, dtype=np.float32)
    k = topic_word.shape[0]
    out = np.empty((X.shape[0], k))
    phi = np.ascontiguousarray(np.maximum(topic_word, 1e-12).T, dtype=np.float32)
    alpha = np.asarray(alpha, dtype=np.float32)

    def run(start: int) -> None:
        block = X[start:start + chunk]
        out[start:start + block.shape[0]] = _fold_in_block(block, phi, alpha, n_iter, tol)

    starts = range(0, X.shape[0], chunk)
    if n_jobs > 1 and len(starts) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(min(n_jobs, len(starts))) as pool:
            list(pool.map(run, starts))
    else:
        for start in starts:
            run(start)
    return out


def _fold_in_block(block, phi: np.ndarray, alpha: np.ndarray, n_iter: int,
                   tol: float) -> np.ndarray:
    n, k = block.shape[0], phi.shape[1]
    rows = np.repeat(np.arange(n), np.diff(block.indptr))
    pw = phi[block.indices]                               # (nnz, k)
    ratio = block.copy()
    theta = np.full((n, k), 1.0 / k, dtype=np.float32)
    for _ in range(n_iter):
        ratio.data = block.data / np.einsum("ij,ij->i", theta[rows], pw)
        new = theta * (ratio @ phi) + alpha
        new /= new.sum(axis=1, keepdims=True)
        done = np.abs(new - theta).max() < tol
        theta = new
        if done:
            break
    return theta


class TopicModel(TransformerMixin, BaseEstimator):
    """LDA behind one interface. ``engine``: tomotopy (default), gensim or sklearn.

    ``init``: how tomotopy's Gibbs sampler starts: ``"nmf"`` (the default for
    tomotopy, ``None``) from an NMF of the TF-IDF matrix, or ``"random"``; seeded
    LDA (``seed_words``) starts at random. gensim and sklearn start at random.
    ``n_iter=None``: the engine's default for its start
    (``engines.default_iterations``); the number run is ``n_iter_`` once fitted.
    ``n_jobs=-1``: every core; the number used is ``n_jobs_`` once fitted.
    """

    def __init__(self, n_components=20, *, engine="tomotopy", n_iter=None, alpha=None,
                 eta=None, term_weight="idf", init=None, seed_words=None,
                 seed_strength=0.9, random_state=0, n_jobs=1):
        self.n_components = n_components
        self.engine = engine
        self.n_iter = n_iter
        self.alpha = alpha
        self.eta = eta
        self.term_weight = term_weight
        self.init = init
        self.seed_words = seed_words
        self.seed_strength = seed_strength
        self.random_state = random_state
        self.n_jobs = n_jobs

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.input_tags.positive_only = True
        return tags

    def _check_params(self, n_samples: int) -> None:
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        if not isinstance(self.n_components, (int, np.integer)) or self.n_components < 1:
            raise ConfigError(f"n_components must be a positive whole number, got {self.n_components!r}")
        if self.n_components > n_samples:
            raise ConfigError(f"k={self.n_components} is larger than the number of units ({n_samples}); lower k or give more text")
        if self.seed_words and self.engine != "tomotopy":
            raise ConfigError(f"seeded LDA (seed_words) needs engine='tomotopy', not {self.engine!r}")
        if self.term_weight not in ("one", "idf", "pmi"):
            raise ConfigError(f"term_weight must be 'one', 'idf' or 'pmi', got {self.term_weight!r}")
        self._check_init()

    def _check_init(self) -> None:
        if self.init not in (None, *INITS):
            raise ConfigError(f"init must be None, 'nmf' or 'random', "
                              f"got {self.init!r}")
        if self.init == "nmf" and self.engine != "tomotopy":
            raise ConfigError(f"init='nmf' needs engine='tomotopy', not "
                              f"{self.engine!r}; leave init=None for the engine's own "
                              "start")
        if self.init == "nmf" and self.seed_words:
            raise ConfigError("init='nmf' cannot be combined with seed_words "
                              "(seeded LDA sets its own word priors); "
                              "leave init=None")

    def _init_for_engine(self) -> str:
        if self.init is not None:
            return self.init
        return "nmf" if self.engine == "tomotopy" and not self.seed_words else "random"

    def _engine_args(self) -> dict:
        """The engine's keyword arguments, engine defaults filled in."""
        tomotopy = self.engine == "tomotopy"
        seed = self.random_state
        alpha, eta = (0.1, 0.01) if tomotopy else (None, None)  # None: engine's own
        return {
            "n_iter": self.n_iter or default_iterations(self.engine,
                                                        self._init_for_engine()),
            "alpha": self.alpha if self.alpha is not None else alpha,
            "eta": self.eta if self.eta is not None else eta,
            "random_state": seed if isinstance(seed, (int, np.integer)) else 0,
            "n_jobs": resolve_jobs(self.n_jobs), "term_weight": self.term_weight,
            "init": self._init_for_engine(), "seed_words": self.seed_words,
            "seed_strength": self.seed_strength,
        }

    def fit(self, X, y=None, *, progress=None):
        """Fit to a document-term count matrix. ``progress(done, total)`` is called
        during training."""
        X = check_array(X, accept_sparse="csr", dtype=np.float64)
        if X.min() < 0:
            raise ValueError("Negative values in data passed to TopicModel: "
                             "give word counts")
        self._check_params(X.shape[0])
        fit = ENGINES[self.engine]
        args = self._engine_args()
        self.components_, self.alpha_ = fit(sparse.csr_matrix(X), int(self.n_components),
                                            progress=progress, **args)
        self.n_features_in_ = X.shape[1]
        self.n_iter_, self.n_jobs_ = args["n_iter"], args["n_jobs"]
        return self

    def transform(self, X):
        check_is_fitted(self, "components_")
        X = check_array(X, accept_sparse="csr", dtype=np.float64)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but TopicModel is expecting {self.n_features_in_} features as input")
        if X.min() < 0:
            raise ValueError("Negative values in data passed to TopicModel: give word counts")
        return fold_in(X, self.components_, self.alpha_, n_jobs=resolve_jobs(self.n_jobs))
