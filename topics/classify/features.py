"""Text features for the classifier: word 1–2-gram and character 1–3-gram TF-IDF.

Stored as vocabularies and IDF weights (no pickled vectorizer), and rebuilt exactly:
``TextFeatures.from_state(f.state())`` transforms like ``f``.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from topics.segment import Segmenter


def word_ngrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


class TextFeatures:
    def __init__(self, *, segmenter: Segmenter | None = None, min_df: int = 2, max_word: int = 40000, max_char: int = 60000, char_ngrams=(1, 3)):
        self.segmenter = segmenter or Segmenter(policy_stopwords=False)
        self.min_df, self.max_word, self.max_char, self.char_ngrams = min_df, max_word, max_char, tuple(char_ngrams)

    def _vectorizers(self, word_vocab=None, char_vocab=None):
        word = CountVectorizer(analyzer=word_ngrams, min_df=self.min_df, max_features=self.max_word, vocabulary=word_vocab)
        char = CountVectorizer(analyzer="char", ngram_range=self.char_ngrams, min_df=self.min_df, max_features=self.max_char,
                               vocabulary=char_vocab, lowercase=True)
        return word, char

    def tokens(self, texts: Sequence[str]) -> list[list[str]]:
        return [self.segmenter.tokens(t) for t in texts]

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None) -> sparse.csr_matrix:
        tokens = tokens if tokens is not None else self.tokens(texts)
        word, char = self._vectorizers()
        Cw, Cc = word.fit_transform(tokens), char.fit_transform(texts)
        self.word_vocab_ = word.get_feature_names_out().tolist()
        self.char_vocab_ = char.get_feature_names_out().tolist()
        self.word_idf_ = TfidfTransformer(sublinear_tf=True).fit(Cw).idf_
        self.char_idf_ = TfidfTransformer(sublinear_tf=True).fit(Cc).idf_
        return self._weight(Cw, Cc)

    def transform(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None) -> sparse.csr_matrix:
        tokens = tokens if tokens is not None else self.tokens(texts)
        word, char = self._vectorizers({w: i for i, w in enumerate(self.word_vocab_)}, {c: i for i, c in enumerate(self.char_vocab_)})
        return self._weight(word.transform(tokens), char.transform(texts))

    def _weight(self, Cw, Cc) -> sparse.csr_matrix:
        def tfidf(C, idf):
            C = C.astype(np.float64).tocsr()
            C.data = 1 + np.log(C.data)
            return normalize(C @ sparse.diags(idf))
        return sparse.hstack([tfidf(Cw, self.word_idf_), tfidf(Cc, self.char_idf_)]).tocsr()

    # -- storage -------------------------------------------------------------------
    def state(self) -> tuple[dict, dict]:
        """``(json_info, arrays)``."""
        info = {"segmenter": self.segmenter.get_params(), "min_df": self.min_df, "max_word": self.max_word,
                "max_char": self.max_char, "char_ngrams": list(self.char_ngrams),
                "word_vocab": self.word_vocab_, "char_vocab": self.char_vocab_}
        return info, {"word_idf": self.word_idf_, "char_idf": self.char_idf_}

    @classmethod
    def from_state(cls, info: dict, arrays: dict) -> "TextFeatures":
        seg = Segmenter(**{k: tuple(v) if isinstance(v, list) else v for k, v in info["segmenter"].items()})
        f = cls(segmenter=seg, min_df=info["min_df"], max_word=info["max_word"], max_char=info["max_char"], char_ngrams=info["char_ngrams"])
        f.word_vocab_, f.char_vocab_ = info["word_vocab"], info["char_vocab"]
        f.word_idf_, f.char_idf_ = arrays["word_idf"], arrays["char_idf"]
        return f
