"""Text features for the classifier: word 1–2-gram (or, with ``word_bigrams=False``,
1-gram) and character 1–3-gram TF-IDF, and optionally a paragraph vector from word
vectors (``topics.classify.vectors``).

The paragraph vector sums the vectors of the paragraph's words that are in the word
vocabulary, each weighted by its IDF, L2-normalises the sum and scales it by
``vector_weight``.
Only the vocabulary words' vectors are kept, quantised to int8 with one scale per word
(a quarter of float32; cosine similarities change by about 1e-3), so the model stays a
few MB.

Stored as vocabularies, IDF weights and the kept vectors (no pickled vectorizer), and
rebuilt exactly: ``TextFeatures.from_state(f.state())`` transforms like ``f``.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from topics.classify.vectors import WordVectors
from topics.errors import ConfigError
from topics.segment import Segmenter, tokens_of_each

_WHITE_SPACES = re.compile(r"\s\s+")


def word_ngrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def word_unigrams(tokens: list[str]) -> list[str]:
    return tokens


def char_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``analyzer="char"`` (lower-cased, white-space runs as one space)."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    return [text[i:i + n] for n in range(lo, min(hi, len(text)) + 1)
            for i in range(len(text) - n + 1)]


def count_matrix(docs, vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Counts of each document's items over a fixed vocabulary (others ignored): what
    ``CountVectorizer(vocabulary=…).transform`` gives, without importing scikit-learn,
    so labelling starts fast."""
    indices, data, indptr = [], [], [0]
    for items in docs:
        for item, n in Counter(items).items():
            j = vocabulary.get(item)
            if j is not None:
                indices.append(j)
                data.append(n)
        indptr.append(len(indices))
    X = sparse.csr_matrix((np.asarray(data, dtype=np.int64), np.asarray(indices, dtype=np.int32),
                           np.asarray(indptr, dtype=np.int64)), shape=(len(indptr) - 1, len(vocabulary)))
    X.sort_indices()
    return X


def _coo_to_csr(rows: list, cols: list, shape) -> sparse.csr_matrix:
    r = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    c = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    X = sparse.csr_matrix((np.ones(len(r), dtype=np.int64), (r, c)), shape=shape)
    X.sum_duplicates()
    return X


_BITS = 21   # Unicode code points fit in 21 bits: an n-gram of up to 3 is one integer
_EMPTY = np.uint64(2**64 - 1)  # no key: n-gram keys use at most 63 bits, bigram keys 63
_FIBONACCI = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio: multiplicative hashing


class KeyIndex:
    """Integer keys -> column numbers, looked up for a whole array at once: an
    open-addressing hash table (linear probing, at most a quarter full) held in two
    numpy arrays. A look-up is one or two array gathers, where ``searchsorted`` over
    sorted keys costs about 16 dependent memory reads: the char n-grams of 3,000
    stories were found 2.4x faster."""

    def __init__(self, keys: np.ndarray, cols: np.ndarray):
        keys, cols = np.asarray(keys, dtype=np.uint64), np.asarray(cols, dtype=np.int64)
        if len(keys) and keys.max() == _EMPTY:
            raise ValueError("KeyIndex keys must be below 2**64 - 1 (the empty-slot mark)")
        bits = max(4, int(np.ceil(np.log2(max(len(keys), 1) * 4))))
        self._shift, self._mask = np.uint64(64 - bits), (1 << bits) - 1
        self._keys = np.full(1 << bits, _EMPTY, dtype=np.uint64)
        self._cols = np.full(1 << bits, -1, dtype=np.int64)
        self._probes = 0
        pending, slot = np.arange(len(keys)), self._home(keys)
        while len(pending):          # each round, every free slot wanted takes one key
            self._probes += 1
            free = np.flatnonzero(self._keys[slot] == _EMPTY)
            taken, first = np.unique(slot[free], return_index=True)
            winners = free[first]
            self._keys[taken], self._cols[taken] = keys[pending[winners]], cols[pending[winners]]
            rest = np.ones(len(pending), dtype=bool)
            rest[winners] = False
            pending, slot = pending[rest], (slot[rest] + 1) & self._mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * _FIBONACCI) >> self._shift).astype(np.int64)

    def get(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 where it has none."""
        keys = np.asarray(keys, dtype=np.uint64)
        out = np.full(len(keys), -1, dtype=np.int64)
        where, slot = np.arange(len(keys)), self._home(keys)
        for _ in range(self._probes):
            found = self._keys[slot]
            hit = found == keys
            out[where[hit]] = self._cols[slot[hit]]
            go_on = ~hit & (found != _EMPTY)
            if not go_on.any():
                break
            where, keys, slot = where[go_on], keys[go_on], (slot[go_on] + 1) & self._mask
        return out


def _gram_key(codes: np.ndarray, k: int, length: int) -> np.ndarray:
    key = codes[:length].copy()
    for j in range(1, k):
        key = (key << _BITS) | codes[j:length + j]
    return key


class CharTable:
    """A char n-gram vocabulary as integer keys, for counting without Python loops:
    each n-gram of n <= 3 characters is one 63-bit integer, found in a ``KeyIndex``."""

    def __init__(self, vocabulary: list[str]):
        self.index: dict[int, KeyIndex] = {}
        lengths = np.fromiter(map(len, vocabulary), dtype=np.int64, count=len(vocabulary))
        usable = np.array(["\x00" not in g for g in vocabulary], dtype=bool)
        for k in np.unique(lengths[usable]).tolist():
            cols = np.flatnonzero(usable & (lengths == k))
            text = "".join([vocabulary[j] for j in cols.tolist()]).encode("utf-32-le")
            codes = np.frombuffer(text, dtype=np.uint32).astype(np.uint64).reshape(-1, k)
            key = codes[:, 0].copy()
            for j in range(1, k):
                key = (key << _BITS) | codes[:, j]
            self.index[k] = KeyIndex(key, cols)
        self.size = len(vocabulary)

    def counts(self, texts: Sequence[str], lo: int, hi: int) -> sparse.csr_matrix:
        """What ``count_matrix(char_ngrams(t, lo, hi) for t in texts)`` gives, vectorised:
        the texts are joined by NUL (in no vocabulary n-gram) and every n-gram looked up."""
        prepared = [_WHITE_SPACES.sub(" ", t.lower()) for t in texts]
        joined = "\x00".join(prepared)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        doc = np.repeat(np.arange(len(prepared)), [len(t) + 1 for t in prepared])
        rows, cols = [], []
        for k in range(lo, hi + 1):
            length = len(codes) - k + 1
            if k not in self.index or length <= 0:
                continue
            col = self.index[k].get(_gram_key(codes, k, length))
            hit = col >= 0
            rows.append(doc[:length][hit])
            cols.append(col[hit])
        return _coo_to_csr(rows, cols, (len(prepared), self.size))


class WordTable:
    """A word and word-bigram vocabulary (``word_ngrams``' items: ``"a"`` and ``"a b"``)
    as integers, for counting with one dictionary look-up per token: each word is a
    number, each bigram the pair of its words' numbers, found in a ``KeyIndex``.
    Tokens never hold a space (the segmenter drops white space), so ``"a b"`` is always
    the bigram of ``a`` and ``b``."""

    def __init__(self, vocabulary: list[str]):
        parts = [item.split(" ") for item in vocabulary]
        words = dict.fromkeys(itertools.chain.from_iterable(parts))  # first-seen order
        self.word_id: dict[str, int] = dict(zip(words, range(len(words))))
        num = self.word_id.__getitem__
        unigrams = [j for j, p in enumerate(parts) if len(p) == 1]
        self.unigram_col = np.full(len(self.word_id), -1, dtype=np.int64)
        self.unigram_col[[num(parts[j][0]) for j in unigrams]] = unigrams
        bigrams = [j for j, p in enumerate(parts) if len(p) == 2]
        keys = np.array([(num(parts[j][0]) << 32) | num(parts[j][1]) for j in bigrams],
                        dtype=np.int64)
        self.bigrams = KeyIndex(keys, np.array(bigrams, dtype=np.int64))
        self.size = len(vocabulary)

    def counts(self, token_lists: Sequence[list[str]]) -> sparse.csr_matrix:
        """What ``count_matrix(map(word_ngrams, token_lists), vocabulary)`` gives."""
        flat = itertools.chain.from_iterable(token_lists)
        ids = np.fromiter(map(self.word_id.get, flat, itertools.repeat(-1)), dtype=np.int64)
        doc = np.repeat(np.arange(len(token_lists)), [len(t) for t in token_lists])
        known = ids >= 0
        col = np.full(len(ids), -1, dtype=np.int64)
        col[known] = self.unigram_col[ids[known]]
        rows, cols = [doc[col >= 0]], [col[col >= 0]]
        pair = known[:-1] & known[1:] & (doc[:-1] == doc[1:])
        if pair.any():
            col = self.bigrams.get((ids[:-1][pair] << 32) | ids[1:][pair])
            hit = col >= 0
            rows.append(doc[:-1][pair][hit])
            cols.append(col[hit])
        return _coo_to_csr(rows, cols, (len(token_lists), self.size))


class Counts:
    """Texts counted over every item they hold (a unit per row; the items' columns in
    sorted order, as ``CountVectorizer`` orders them). Counting once and selecting rows
    and columns afterwards gives what a ``CountVectorizer`` fitted on those rows alone
    gives (``vocabulary``), so cross-validation counts each text once, not once per
    fold, and the feature sets of ``both`` count characters once between them."""

    def __init__(self, matrix: sparse.csr_matrix, terms: np.ndarray, kind: tuple):
        self.matrix, self.terms, self.kind = matrix, terms, kind

    @classmethod
    def of(cls, docs, kind: tuple, **vectorizer) -> "Counts":
        """``docs`` counted by ``CountVectorizer(**vectorizer)`` (no pruning); ``kind``
        names the counting, so counts made one way are never used as another's."""
        from sklearn.feature_extraction.text import CountVectorizer

        cv = CountVectorizer(**vectorizer)
        try:
            X = cv.fit_transform(docs)
        except ValueError as exc:   # no item at all ("empty vocabulary"): ``vocabulary`` says so
            if "empty vocabulary" not in str(exc):
                raise
            return cls(sparse.csr_matrix((len(docs), 0), dtype=np.int64), np.array([], dtype=object), kind)
        return cls(sparse.csr_matrix(X), cv.get_feature_names_out(), kind)

    def rows(self, index) -> "Counts":
        return Counts(self.matrix[index], self.terms, self.kind)

    def vocabulary(self, min_df: int, limit: int | None) -> tuple[list[str], sparse.csr_matrix]:
        """The items in ``min_df`` rows or more, the ``limit`` most frequent of them
        (of items tied at the cut, the first in sorted order), in sorted order, and the
        rows' counts of them: ``CountVectorizer(min_df=min_df, max_features=limit)``'s
        ``fit_transform`` of these rows, except at ties. scikit-learn breaks those with
        numpy's default sort, whose order of equal items depends on the CPU (its SIMD
        code): the same data gave another vocabulary, so another model, on a machine
        without AVX-512. A stable sort gives the same vocabulary on every machine."""
        if isinstance(min_df, bool) or not isinstance(min_df, (int, np.integer)) or min_df < 1:
            raise ConfigError(f"min_df must be a whole number of units, 1 or more, got {min_df!r}")
        X = self.matrix
        mask = np.bincount(X.indices, minlength=X.shape[1]) >= min_df
        if limit is not None and mask.sum() > limit:
            totals = np.asarray(X.sum(axis=0)).ravel()
            keep = np.flatnonzero(mask)[np.argsort(-totals[mask], kind="stable")[:limit]]
            mask = np.zeros_like(mask)
            mask[keep] = True
        cols = np.flatnonzero(mask)
        if not len(cols):
            raise ConfigError(f"no {self.kind[0]} feature is in {min_df} or more of the "
                              f"{X.shape[0]} training units; give more units or lower min_df")
        return self.terms[cols].tolist(), X[:, cols]


def l2_rows(X: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return X / norms


def smooth_idf(C) -> np.ndarray:
    """The IDF of each column of the counts ``C``: scikit-learn's ``TfidfTransformer``
    (``smooth_idf=True``: ``ln((1 + n) / (1 + df)) + 1``)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(smooth_idf=True).fit(C).idf_


def tfidf_rows(C, idf: np.ndarray) -> sparse.csr_matrix:
    """Counts -> ``(1 + log count) * idf``, rows scaled to unit length: what
    ``TfidfTransformer(sublinear_tf=True)`` with this ``idf`` gives, computed on the
    stored entries (no products with diagonal matrices)."""
    C = sparse.csr_matrix(C)
    if not C.has_canonical_format:          # repeated entries count together
        C = C.copy()
        C.sum_duplicates()
    data = (1 + np.log(C.data.astype(np.float64))) * idf[C.indices]
    rows = np.repeat(np.arange(C.shape[0]), np.diff(C.indptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=C.shape[0]))
    norms[norms == 0] = 1.0
    return sparse.csr_matrix((data / norms[rows], C.indices.copy(), C.indptr.copy()),
                             shape=C.shape)


class TextFeatures:
    """Word n-gram TF-IDF, character n-gram TF-IDF and (with ``vectors``) a paragraph
    vector, side by side. ``min_df`` bounds the words, ``char_min_df`` the characters
    (the words' when None)."""

    def __init__(self, *, segmenter: Segmenter | None = None, min_df: int = 2, max_word: int = 40000, max_char: int = 60000, char_ngrams=(1, 3),
                 word_bigrams: bool = True, vectors: WordVectors | None = None, vector_weight: float = 1.0,
                 char_min_df: int | None = None):
        self.segmenter = segmenter or Segmenter(policy_stopwords=False)
        self.min_df, self.max_word, self.max_char, self.char_ngrams = min_df, max_word, max_char, tuple(char_ngrams)
        self.char_min_df = min_df if char_min_df is None else char_min_df
        self.word_bigrams = word_bigrams
        self.vectors, self.vector_weight = vectors, vector_weight

    def count(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None,
              chars: Counts | None = None) -> tuple[Counts, Counts]:
        """Every word item and character n-gram of ``texts``, counted once (for
        ``fit_counts``); ``chars``: character counts already made the same way."""
        tokens = tokens if tokens is not None else self.tokens(texts)
        kind = ("word", self.word_bigrams)
        words = Counts.of(list(tokens), kind, analyzer=word_ngrams if self.word_bigrams else word_unigrams)
        kind = ("character", self.char_ngrams)
        if chars is None:
            chars = Counts.of(list(texts), kind, analyzer="char", ngram_range=self.char_ngrams, lowercase=True)
        elif chars.kind != kind:
            raise ValueError(f"character counts of {chars.kind} given to features of {kind}")
        return words, chars

    @property
    def parts(self) -> list["TextFeatures"]:
        """The word feature sets (this one; ``CombinedFeatures`` has several)."""
        return [self]

    def load(self, chars: bool = True) -> "TextFeatures":
        """Build the segmenter's engine and the vocabularies' look-up tables now
        (otherwise done on first use; 0.2 s and more in every process); the
        characters' table only if ``chars``."""
        self.segmenter.load()
        self._tables(chars)
        return self

    def _tables(self, chars: bool = True) -> tuple[WordTable, CharTable | None]:
        index = getattr(self, "_index", None)
        if index is None or (chars and index[1] is None):
            self._index = index = (index[0] if index else WordTable(self.word_vocab_),
                                   CharTable(self.char_vocab_) if chars else None)
        return index

    def tokens(self, texts: Sequence[str]) -> list[list[str]]:
        return self.segmenter.tokens_of(list(texts))

    def fit_transform(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None) -> sparse.csr_matrix:
        return self.fit_counts(*self.count(texts, tokens))

    def fit_counts(self, words: Counts, chars: Counts) -> sparse.csr_matrix:
        """Fit on counted units (``count``, or rows of it): the vocabularies, IDF
        weights and kept vectors; returns the units' features."""
        self.word_vocab_, Cw = words.vocabulary(self.min_df, self.max_word)
        self.char_vocab_, Cc = chars.vocabulary(self.char_min_df, self.max_char)
        self._index = None
        self.word_idf_, self.char_idf_ = smooth_idf(Cw), smooth_idf(Cc)
        self.vectors_q_ = None
        if self.vectors is not None:
            self._keep_vectors(self.vectors)
        return self._weight(Cw, Cc)

    def transform(self, texts: Sequence[str], tokens: Sequence[list[str]] | None = None,
                  chars: bool = True) -> sparse.csr_matrix:
        """The features of ``texts``; without the character block if not ``chars``."""
        tokens = tokens if tokens is not None else self.tokens(texts)
        words, char_table = self._tables(chars and self.char_ngrams[1] <= 3)
        lo, hi = self.char_ngrams
        Cw = words.counts(tokens)
        if not chars:
            Cc = None
        elif hi <= 3:
            Cc = char_table.counts(texts, lo, hi)
        else:
            Cc = count_matrix((char_ngrams(t, lo, hi) for t in texts),
                              {c: i for i, c in enumerate(self.char_vocab_)})
        return self._weight(Cw, Cc)

    def _keep_vectors(self, vectors: WordVectors) -> None:
        """Keep the vocabulary words' vectors, int8-quantised (what is stored is what is used)."""
        rows = [i for i, w in enumerate(self.word_vocab_) if " " not in w and w in vectors.index]
        self.vector_rows_ = np.array(rows, dtype=np.int32)
        self.vectors_q_ = quantize(vectors.vectors[[vectors.index[self.word_vocab_[i]] for i in rows]])
        self.vector_params_ = vectors.params

    def blocks(self) -> list[tuple[str, int]]:
        """The column blocks, in order, and their widths."""
        out = [("words", len(self.word_vocab_)), ("chars", len(self.char_vocab_))]
        if self.vectors_q_ is not None:
            out.append(("vectors", self.vectors_q_[0].shape[1]))
        return out

    def _weight(self, Cw, Cc) -> sparse.csr_matrix:
        blocks = [tfidf_rows(Cw, self.word_idf_)]
        if Cc is not None:
            blocks.append(tfidf_rows(Cc, self.char_idf_))
        if self.vectors_q_ is not None:
            # sum over the paragraph's tokens of idf(word) * vector(word), then L2-normalised
            counts = Cw.astype(np.float64).tocsc()[:, self.vector_rows_]
            D = (counts @ sparse.diags(self.word_idf_[self.vector_rows_])) @ dequantize(*self.vectors_q_)
            blocks.append(sparse.csr_matrix(self.vector_weight * l2_rows(np.asarray(D))))
        return sparse.hstack(blocks).tocsr()

    # -- storage -------------------------------------------------------------------
    def state(self) -> tuple[dict, dict]:
        """``(json_info, arrays)``."""
        info = {"segmenter": self.segmenter.get_params(), "min_df": self.min_df,
                "char_min_df": self.char_min_df, "max_word": self.max_word,
                "max_char": self.max_char, "char_ngrams": list(self.char_ngrams), "word_bigrams": self.word_bigrams,
                "word_vocab": self.word_vocab_, "char_vocab": self.char_vocab_, "vectors": None}
        arrays = {"word_idf": self.word_idf_, "char_idf": self.char_idf_}
        if self.vectors_q_ is not None:
            info["vectors"] = {"weight": self.vector_weight, "params": self.vector_params_}
            arrays.update(vector_rows=self.vector_rows_, vectors_q=self.vectors_q_[0], vectors_scale=self.vectors_q_[1])
        return info, arrays

    @classmethod
    def from_state(cls, info: dict, arrays: dict) -> "TextFeatures":
        seg = Segmenter(**{k: tuple(v) if isinstance(v, list) else v for k, v in info["segmenter"].items()})
        f = cls(segmenter=seg, min_df=info["min_df"], max_word=info["max_word"], max_char=info["max_char"], char_ngrams=info["char_ngrams"],
                word_bigrams=info.get("word_bigrams", True), char_min_df=info.get("char_min_df"))
        f.word_vocab_, f.char_vocab_, f._index = info["word_vocab"], info["char_vocab"], None
        f.word_idf_, f.char_idf_ = arrays["word_idf"], arrays["char_idf"]
        f.vectors_q_ = None
        if info.get("vectors"):
            f.vector_weight, f.vector_params_ = info["vectors"]["weight"], info["vectors"]["params"]
            f.vector_rows_, f.vectors_q_ = arrays["vector_rows"], (arrays["vectors_q"], arrays["vectors_scale"])
        return f


class CombinedFeatures:
    """Word feature sets over one character block: the columns of the first part (its
    words, the characters, its vectors), then each other part's words and vectors. The
    parts count characters alike (the same texts and character settings give the same
    vocabulary and weights), so the character block is computed and kept once."""

    def __init__(self, parts: Sequence[TextFeatures]):
        self.parts = list(parts)
        first = self.parts[0]
        for part in self.parts[1:]:
            if (part.char_vocab_, part.char_ngrams) != (first.char_vocab_, first.char_ngrams) \
                    or not np.array_equal(part.char_idf_, first.char_idf_):
                raise ValueError("feature sets to combine must share their character n-grams")
            part.char_vocab_, part.char_idf_, part._index = first.char_vocab_, first.char_idf_, None

    def load(self) -> "CombinedFeatures":
        for k, part in enumerate(self.parts):
            part.load(chars=k == 0)     # the others never count characters
        return self

    def tokens(self, texts: Sequence[str]) -> list[list[list[str]]]:
        """Each part's tokens of ``texts`` (one cut where the segmenters cut alike)."""
        return tokens_of_each(list(texts), [part.segmenter for part in self.parts])

    def transform(self, texts: Sequence[str], tokens=None) -> sparse.csr_matrix:
        tokens = tokens if tokens is not None else self.tokens(texts)
        return sparse.hstack([part.transform(texts, t, chars=k == 0)
                              for k, (part, t) in enumerate(zip(self.parts, tokens))]).tocsr()

    def average(self, coefs: Sequence[np.ndarray]) -> np.ndarray:
        """The mean of one linear model per part (``coefs[k]`` over part k's own
        columns) as one model over these columns: the character weights are summed
        into the shared block."""
        cols, chars = [], 0
        for k, (part, coef) in enumerate(zip(self.parts, coefs)):
            start = 0
            for name, width in part.blocks():
                block = coef[:, start:start + width]
                start += width
                if name == "chars":
                    chars = chars + block
                    if k == 0:
                        cols.append(None)       # its place
                else:
                    cols.append(block)
            assert start == coef.shape[1]
        return np.hstack([chars if c is None else c for c in cols]) / len(coefs)

    def state(self) -> tuple[dict, dict]:
        infos, arrays = [], {}
        for k, part in enumerate(self.parts):
            info, arr = part.state()
            if k:   # the shared character block is the first part's
                info, arr = {**info, "char_vocab": None}, {n: a for n, a in arr.items() if n != "char_idf"}
            infos.append(info)
            arrays.update({f"part{k}_{name}": a for name, a in arr.items()})
        return {"parts": infos}, arrays

    @classmethod
    def from_state(cls, info: dict, arrays: dict) -> "CombinedFeatures":
        parts = []
        for k, part in enumerate(info["parts"]):
            arr = _Prefixed(arrays, f"part{k}_")
            if k:   # the shared character block is the first part's
                part, arr = {**part, "char_vocab": info["parts"][0]["char_vocab"]}, \
                    _Prefixed(arrays, f"part{k}_", {"char_idf": "part0_char_idf"})
            parts.append(TextFeatures.from_state(part, arr))
        return cls(parts)


class _Prefixed:
    """Part ``prefix`` of a combined model's arrays, looked up by the part's own names
    (``renamed``: names kept under another key); a missing array fails as the stored
    arrays do (``ModelFileError``), not with a bare KeyError."""

    def __init__(self, arrays, prefix: str, renamed: dict[str, str] | None = None):
        self.arrays, self.prefix, self.renamed = arrays, prefix, renamed or {}

    def __getitem__(self, name: str):
        return self.arrays[self.renamed.get(name, self.prefix + name)]


def features_from_state(info: dict, arrays: dict) -> TextFeatures | CombinedFeatures:
    """The features a saved model describes (one set, or several side by side)."""
    return (CombinedFeatures if "parts" in info else TextFeatures).from_state(info, arrays)


def quantize(V: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``V`` as int8 and one float32 scale per row."""
    scale = (np.abs(V).max(axis=1) / 127).astype(np.float32)
    scale[scale == 0] = 1.0
    return np.round(V / scale[:, None]).astype(np.int8), scale


def dequantize(q: np.ndarray, scale: np.ndarray) -> np.ndarray:
    return q.astype(np.float32) * scale[:, None]
