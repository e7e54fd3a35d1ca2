"""The segmenter: jieba-compatible word segmentation with policy terms and stop words.

``Segmenter`` uses one engine per process, shared by every segmenter and never changed
by it, and is picklable, so worker processes use their own. For rjieba that is the
instance rjieba builds when it is imported (``rjieba.cut``): building a second copy of
the same dictionary cost 0.13 s per process. For jieba it is a private
``jieba.Tokenizer`` (jieba's global tokenizer is never touched). Words added to
rjieba's global instance by other code (``rjieba.add_word``) would change the cut.

Policy terms (``data/policy_terms.txt`` plus any you add) are kept whole by splitting
the text at every occurrence before the engine sees it; the engine segments the text
between them. This guarantees a term is one token, which adding it to the engine's
dictionary does not (jieba may still split a low-frequency word).

Engines: ``rjieba`` (Rust port of jieba, same dictionary and algorithm, about 20x faster)
and ``jieba`` (the reference). ``benchmarks/bench_segment.py`` measures both.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from topics.errors import ConfigError
from topics.resources import data_text
from topics.settings import SegmentSettings

ENGINES = ("rjieba", "jieba")
_JOIN = "\n"  # tokens_of joins texts with it: a token of its own for both engines
_HAS_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z]")
_DIGIT = re.compile(r"[0-9０-９]")
_CHINESE_NUMBER = re.compile(r"[零一二三四五六七八九十百千万亿两几]+$")  # the whole token
_QUOTED = re.compile(r"[“\"]([\u4e00-\u9fff]{2,8})[”\"]")


def _read_list(name: str) -> list[str]:
    words = []
    for line in data_text(name).splitlines():
        line = line.split("#", 1)[0]
        words.extend(line.split())
    return words


@lru_cache(maxsize=None)
def load_policy_terms() -> tuple[str, ...]:
    """The policy-term dictionary shipped with the package."""
    return tuple(dict.fromkeys(_read_list("policy_terms.txt")))


@lru_cache(maxsize=None)
def load_stopwords(kind: str) -> frozenset[str]:
    """``general`` (function words) or ``policy`` (government boilerplate)."""
    if kind not in ("general", "policy"):
        raise ConfigError(f"unknown stop-word list {kind!r}; use 'general' or 'policy'")
    return frozenset(_read_list(f"stopwords_{kind}.txt"))


def read_word_file(path) -> list[str]:
    """A user word list: one word per line (or whitespace separated), '#' comments."""
    try:
        with open(path, encoding="utf-8") as fh:
            return [w for line in fh for w in line.split("#", 1)[0].split()]
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ConfigError(f"cannot read word list {path}: {reason}; give a UTF-8 text "
                          "file with one word per line") from None


def count_quoted_terms(texts: Iterable[str], *, min_len: int = 2,
                       max_len: int = 8) -> Counter[str]:
    """How often each short phrase is written in quotes; counts of parts of a corpus
    add up to the corpus's (``topics.spark`` counts them on a cluster)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(m for m in _QUOTED.findall(text) if min_len <= len(m) <= max_len)
    return counts


def find_quoted_terms(texts: Iterable[str], *, min_count: int = 3, min_len: int = 2,
                      max_len: int = 8,
                      counts: Counter[str] | None = None) -> list[str]:
    """Short phrases a corpus writes in quotes (“五问五破”, “雁阵工程”), most frequent
    first (ties in character order, so the list does not depend on the order of the
    texts): slogans and campaign names that should stay one token. ``counts``: from
    ``count_quoted_terms``, instead of ``texts``."""
    if counts is None:
        counts = count_quoted_terms(texts, min_len=min_len, max_len=max_len)
    return [w for w, c in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0]))
            if c >= min_count]


@lru_cache(maxsize=None)
def _engine_cut(engine: str):
    """This process's ``cut(text, hmm)`` of that engine, shared by every ``Segmenter``
    (none changes the engine: policy terms are split off before it sees the text).
    rjieba's is the instance it builds on import (0.15 s); jieba's a private
    tokenizer (1 s to build)."""
    if engine == "rjieba":
        import rjieba

        return rjieba.cut
    import jieba

    tokenizer = jieba.Tokenizer()
    return lambda text, hmm: tokenizer.lcut(text, HMM=hmm)


class _Forms(dict):
    """A cache that fills itself: a missing key is computed by ``form`` and kept."""

    def __init__(self, form):
        super().__init__()
        self.form = form

    def __missing__(self, key):
        value = self[key] = self.form(key)
        return value


def longest_match_pattern(words: Iterable[str]) -> str:
    """A regular expression matching, wherever one of ``words`` starts, the longest
    word that starts there: the words share their prefixes (``五(?:比五先|问五破)``),
    so ``re`` follows one branch per character instead of trying every word."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        body = "|".join(alts)
        if len(alts) > 1:
            body = f"(?:{body})"
        if "" in node and alts:
            body = f"(?:{body})?"  # greedy: the longer word first, else end here
        return body

    return branch(trie)


class Segmenter:
    """Segment Chinese text into tokens.

    >>> seg = Segmenter()
    >>> seg.tokens("余姚陆续投入东西部协作资金1.2亿元，实施“雁阵工程”")
    ['余姚', '陆续', '投入', '东西部协作', '资金', '雁阵工程']

    Parameters are stored as given (scikit-learn style); the engine is built on first use.
    """

    def __init__(
        self,
        *,
        engine: str = SegmentSettings.engine,
        hmm: bool = True,
        policy_terms: bool = SegmentSettings.policy_terms,
        extra_terms: Iterable[str] = (),
        stopwords: bool = SegmentSettings.stopwords,
        policy_stopwords: bool = SegmentSettings.policy_stopwords,
        extra_stopwords: Iterable[str] = (),
        min_len: int = SegmentSettings.min_len,
        keep_numbers: bool = SegmentSettings.keep_numbers,
    ):
        self.engine = engine
        self.hmm = hmm
        self.policy_terms = policy_terms
        self.extra_terms = tuple(extra_terms)
        self.stopwords = stopwords
        self.policy_stopwords = policy_stopwords
        self.extra_stopwords = tuple(extra_stopwords)
        self.min_len = min_len
        self.keep_numbers = keep_numbers
        self._state = None
        self._kept: dict[str, bool] = {}
        self._forms = _Forms(self._form)  # token -> its content form, "" if dropped

    def get_params(self) -> dict:
        return {k: getattr(self, k) for k in (
            "engine", "hmm", "policy_terms", "extra_terms", "stopwords",
            "policy_stopwords", "extra_stopwords", "min_len", "keep_numbers")}

    def __getstate__(self):
        return self.get_params()

    def __setstate__(self, state):
        self.__init__(**state)

    def __repr__(self) -> str:
        return f"Segmenter({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    # -- the engine -------------------------------------------------------------
    def _build(self):
        if self.engine not in ENGINES:
            raise ConfigError(f"unknown segmentation engine {self.engine!r}; choose one of {', '.join(ENGINES)}")
        engine_cut, hmm = _engine_cut(self.engine), self.hmm
        cut = lambda s: engine_cut(s, hmm)  # noqa: E731
        terms = set(self.extra_terms) | (set(load_policy_terms()) if self.policy_terms else set())
        pattern = longest_match_pattern(terms)
        stop = set(self.extra_stopwords)
        if self.stopwords:
            stop |= load_stopwords("general")
        if self.policy_stopwords:
            stop |= load_stopwords("policy")
        self._state = (cut, re.compile(f"({pattern})") if pattern else None, frozenset(terms), frozenset(stop))
        self._joinable = not any("\n" in t or "\r" in t for t in terms)

    def load(self) -> "Segmenter":
        """Build the engine and tables now (otherwise done on first use)."""
        if self._state is None:
            self._build()
        return self

    def cut(self, text: str) -> list[str]:
        """All tokens, punctuation included, with policy terms kept whole."""
        pieces = self._pieces(text)
        terms = self._state[2]
        return [t for t in pieces if not t.isspace() or t in terms]

    def keep(self, token: str) -> bool:
        """Does a token survive the filters (stop words, numbers, punctuation, length)?"""
        kept = self._kept.get(token)
        if kept is None:
            kept = self._kept[token] = self._keep(token)
        return kept

    def _keep(self, token: str) -> bool:
        if self._state is None:
            self._build()
        if len(token) < self.min_len or token in self._state[3]:
            return False
        if _DIGIT.search(token) or _CHINESE_NUMBER.match(token):
            return self.keep_numbers
        return bool(_HAS_WORD.search(token))

    def tokens(self, text: str) -> list[str]:
        """Content tokens: ``cut`` then ``keep``; ASCII words lower-cased."""
        # One dictionary look-up per token, in C; a new token is filtered once.
        out = list(filter(None, map(self._forms.__getitem__, self._pieces(text))))
        return [t for t in out if t != _JOIN] if _JOIN in text else out

    def tokens_of(self, texts: list[str]) -> list[list[str]]:
        """``[self.tokens(t) for t in texts]``, faster: the texts are cut in one call
        of the engine, joined by newlines. Both engines cut text between newlines on
        its own (a newline is a token of its own and no word spans it), so the tokens
        of each text are those between the newline tokens. The cut parts the joined
        text, and no text or term holds a newline, so when there are exactly as many
        newline tokens as joins, the k-th is the k-th join. Otherwise (a text holding
        a newline or carriage return, a term holding one, a newline merged into a
        longer token), each text is cut on its own."""
        return tokens_of_each(texts, [self])[0]

    def _cut_key(self) -> tuple:
        """What decides the cut (the rest only filters its tokens)."""
        return self.engine, self.hmm, self.policy_terms, self.extra_terms

    def _split_joined(self, pieces: list[str], texts: list[str]) -> list[list[str]]:
        """Each text's tokens from ``pieces``, the cut of ``texts`` joined by ``_JOIN``
        (see ``tokens_of``)."""
        kept = list(filter(None, map(self._forms.__getitem__, pieces)))
        if kept.count(_JOIN) != len(texts) - 1:
            return [self.tokens(t) for t in texts]
        find, out, start = kept.index, [], 0
        for _ in range(len(texts) - 1):
            end = find(_JOIN, start)
            out.append(kept[start:end])
            start = end + 1
        out.append(kept[start:])
        return out

    def _form(self, token: str) -> str:
        """What ``tokens`` makes of ``token``: lower-cased if ASCII, "" if dropped;
        the join of ``tokens_of`` stays itself (it is never a content token), so the
        texts' tokens can be told apart after filtering."""
        if token == _JOIN:
            return _JOIN
        if not self._keep(token):
            return ""
        return token.lower() if token.isascii() else token

    def _pieces(self, text: str) -> list[str]:
        """``cut`` with whitespace tokens left in (``keep`` drops them anyway)."""
        if self._state is None:
            self._build()
        cut, pattern, terms, _ = self._state
        if pattern is None:
            return cut(text)
        out: list[str] = []
        for piece in pattern.split(text):
            if piece in terms:
                out.append(piece)
            elif piece:
                out += cut(piece)
        return out

    __call__ = tokens


def tokens_of_each(texts: list[str], segmenters: Sequence[Segmenter]) -> list[list[list[str]]]:
    """``[s.tokens_of(texts) for s in segmenters]``; segmenters that cut alike (same
    engine, HMM and terms; they differ in which tokens they keep) share one cut."""
    texts = list(texts)
    for s in segmenters:
        s.load()
    if len(texts) < 2 or any("\n" in t or "\r" in t for t in texts):
        return [[s.tokens(t) for t in texts] for s in segmenters]
    cuts: dict[tuple, list[str]] = {}
    out = []
    for s in segmenters:
        if not s._joinable:
            out.append([s.tokens(t) for t in texts])
            continue
        key = s._cut_key()
        if key not in cuts:
            cuts[key] = s._pieces(_JOIN.join(texts))
        out.append(s._split_joined(cuts[key], texts))
    return out


def segmenter_from(settings: SegmentSettings, texts: Iterable[str] = (), *,
                   resolve=Path, quoted: Counter[str] | None = None) -> Segmenter:
    """The segmenter ``settings`` describe; ``texts`` are searched for quoted phrases
    when ``learn_quoted`` is on (or ``quoted``, their counts, is used); ``resolve``
    turns a settings path into a file path."""
    s = settings
    extra = read_word_file(resolve(s.terms_file)) if s.terms_file else []
    if s.learn_quoted:
        extra += find_quoted_terms(texts, min_count=s.learn_quoted, counts=quoted)
    stop = read_word_file(resolve(s.stopword_file)) if s.stopword_file else ()
    return Segmenter(engine=s.engine, policy_terms=s.policy_terms, extra_terms=extra,
                     stopwords=s.stopwords, policy_stopwords=s.policy_stopwords,
                     extra_stopwords=stop, min_len=s.min_len, keep_numbers=s.keep_numbers)


def _segment_chunk(segmenter, texts):
    return segmenter.tokens_of(texts)


def segment_many(texts: Iterable[str], segmenter: Segmenter, *, n_jobs: int = 1, chunk_size: int = 500) -> Iterator[list[str]]:
    """Tokens for each text, in input order; ``n_jobs > 1`` uses worker processes.
    The result does not depend on ``n_jobs``."""
    from topics.parallel import map_chunks

    yield from map_chunks(_segment_chunk, segmenter, texts, n_jobs=n_jobs, chunk_size=chunk_size,
                          preload=segmenter.load)
