"""Bag-of-words and TF-IDF matrices from token lists, with document-frequency pruning.

Built on scikit-learn's ``CountVectorizer`` with an identity analyzer: the package's
``Segmenter`` does the tokenising (CountVectorizer's default pattern would keep a whole
Chinese sentence as one token).
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

from topics.errors import ConfigError


def _identity(tokens):
    return tokens


def count_vectorizer(*, min_df=5, max_df=0.5, max_features=None, vocabulary=None) -> CountVectorizer:
    return CountVectorizer(analyzer=_identity, lowercase=False, min_df=min_df, max_df=max_df,
                           max_features=max_features, vocabulary=vocabulary)


def bag_of_words(docs: Sequence[list[str]], *, min_df=5, max_df=0.5,
                 max_features=None) -> tuple[sparse.csr_matrix, list[str]]:
    """``(counts, vocabulary)``; explains how to fix an empty vocabulary."""
    n = len(docs)
    if n == 0:
        raise ConfigError("no units to build a vocabulary from; check the input and "
                          "min_tokens")
    if isinstance(min_df, int) and min_df > n:
        raise ConfigError(f"min_df={min_df} is more than the {n} units there are; "
                          "lower min_df (--min-df)")
    vec = count_vectorizer(min_df=min_df, max_df=max_df, max_features=max_features)
    try:
        X = vec.fit_transform(docs)
    except ValueError as exc:
        raise ConfigError(
            f"min_df={min_df}, max_df={max_df} removed every word from {n} units "
            f"({exc}); lower min_df, raise max_df or check the stop-word list") from None
    return X.tocsr().astype(np.float64), vec.get_feature_names_out().tolist()


def counts_for(docs: Sequence[list[str]], vocabulary: list[str]) -> sparse.csr_matrix:
    """Counts over a fixed vocabulary (words outside it are ignored)."""
    return count_vectorizer(min_df=1, max_df=1.0, vocabulary={w: i for i, w in enumerate(vocabulary)}).transform(docs).tocsr().astype(np.float64)


def tfidf(X: sparse.csr_matrix) -> sparse.csr_matrix:
    """Smoothed, sublinear TF-IDF with L2-normalised rows."""
    return TfidfTransformer(sublinear_tf=True).fit_transform(X).tocsr()
