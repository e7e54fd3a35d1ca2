"""Reprints: which articles are near-duplicates of an article seen before them.

Local sites re-post the same 新华社 / 人民日报 / provincial story inside their own page
chrome (navigation, 来源 and 责任编辑 lines, 【打印】【关闭】), often under another
headline prefix, with the ending cut or a paragraph dropped. Counted once per site, one
story inflates theme prevalence. For articles in input order, ``find_reprints`` gives
for each either ``None`` (an original) or the id of the first-seen article it reprints.

The method (Broder 1997; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*,
ch. 3):

1. normalise: NFKC, lower case, and drop everything but letters and digits
   (whitespace, punctuation, symbols), so layout and punctuation never count;
2. shingle: the set of character k-grams (Chinese has no spaces: characters, not
   words), each hashed to 64 bits with numpy;
3. sketch: MinHash signatures from rensa (R-MinHash, fixed seed), computed in batches
   of 2,000 texts from the shingle hashes;
4. LSH: split each signature into ``b`` bands of ``r`` rows (chosen for the threshold
   by ``lsh_bands``: 98 % of pairs at the threshold become candidates); texts sharing
   a band are candidates. A band's bucket keeps only its first 32 texts: a site's own
   page chrome (footers, disclaimers) otherwise puts thousands of unrelated pages in
   one bucket, while a story's original and first copies, which come first, stay;
5. verify: candidates whose MinHash estimate of Jaccard is more than 3 standard errors
   below the threshold are dropped, and the rest are checked with the *exact* Jaccard
   similarity of the two shingle sets, so a reported reprint always has
   J >= ``threshold`` (LSH and the estimate only cost recall, measured below 1 %);
6. dates: with both dates known, a text published more than ``max_days`` (30) from
   an original is not its reprint (a text repeated daily starts a new story every
   31 days). Programmes and sites repeat an announcement word for word every year
   (烈士纪念日 ceremonies, 本台明天将直播 …): in the 16,831 新闻联播 stories, one
   programme without reprints of itself, 107 stories matched an earlier one by text
   alone, 38 with the window (most left are same-week template stories: condolence
   messages to two countries, the two sessions' broadcast notices). A bucket that is
   full lets in a new original, dropping its oldest text, so that a text repeated
   every year still meets the copies of the last years;
7. first-seen wins: a text matching earlier ones points to the earliest original among
   them (a match with an earlier reprint counts as a match with its original). Every
   ``duplicate_of`` therefore names an original, and the ``None`` entries count the
   stories.

Texts shorter than ``min_chars`` characters after normalising (headlines, captions,
empty records), or than one shingle, are never reprints and never originals of
others: a few shared characters are no evidence. The result depends only on the
texts, their order and the settings (no randomness, no threads).

The defaults, 25-character shingles and J >= 0.2, were chosen on the dev half of
``benchmarks/bench_dedupe.py`` (新闻联播 stories re-posted in local-site chrome, with
cut endings, dropped paragraphs and edited characters, among same-day stories and
template stories): F1 about 0.95 by text alone; with the articles' dates (step 6;
reprints there appear 1 day before to 3 days after their story) precision 0.939 ->
0.984 and recall 0.948 -> 0.951 on the test half, F1 0.944 -> 0.967 (dev 0.948 ->
0.970; `bench_dedupe.py quality --ks 25 --thresholds 0.2,0.3,0.4 [--no-dates]`).
Long shingles keep template stories apart (meeting
notices and forecasts share phrases, rarely 25-character runs); the low threshold
tolerates chrome and cut endings. Cost (one process; the index is sequential): 2.0 s
of CPU for the 16,503 新闻联播 stories, 23 % of what ``topics ingest`` spends reading
them; 23 s for 100,000 articles (57 M characters). Memory: about 4.5 KB per indexed
text (its shingle set, signature and bucket entries), 450 MB for 100,000 articles.

Why rensa for the sketches, and banding here rather than rensa's ``RMinHashLSH``: its
index is queried with one ``RMinHash`` object per text, built from Python string
shingles, which cost several times the rest of the work; rensa's batch API sketches
from numpy shingle hashes instead (``benchmarks/bench_dedupe.py`` measures both, and
datasketch).

    >>> story = "国务院常务会议研究部署稳定就业工作，要求各地压实责任、细化措施。" * 3
    >>> find_reprints([story, "首页 > 要闻\\n【转载】" + story + "\\n责任编辑：王某", "天气"],
    ...               ["a", "b", "c"])
    [None, 'a', None]
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from topics.settings import ReprintSettings

_NOT_WORD = re.compile(r"[\W_]+")
_SEED = 20261130  # fixed: results never depend on run seeds
_LSH_RECALL = 0.98  # chance that a pair at the threshold becomes a candidate
_CHUNK = 2000  # texts sketched per batch (bounds memory)
_BUCKET_CAP = 32  # an LSH bucket keeps its first texts only: see ReprintIndex
_PRIME = np.uint64(0x100000001B3)  # FNV-1 64-bit prime: polynomial k-gram hash


def normalise(text: str) -> str:
    """Letters and digits only, NFKC-folded and lower-cased:
    ``"Ａ股， 上涨 3%！"`` -> ``"a股上涨3"``."""
    text = _NOT_WORD.sub("", text.lower())  # first: full-width punctuation is common
    if not unicodedata.is_normalized("NFKC", text):  # fast for Chinese text
        text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).lower())
    return text


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit moves every output bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _join(a: np.ndarray, la: int, b: np.ndarray, lb: int) -> np.ndarray:
    """Hashes of (la + lb)-grams from those of la-grams (``a``) and lb-grams (``b``)."""
    n = len(a) - lb
    return a[:n] * np.uint64(pow(int(_PRIME), lb, 1 << 64)) + b[la:la + n]


def _kgram_hashes(cp: np.ndarray, k: int) -> np.ndarray:
    """``h[i] = sum(cp[i + j] * P^(k - 1 - j))`` mod 2^64 for every k-gram, built from
    1-, 2-, 4-, 8- … gram hashes (2 log2 k array passes instead of k)."""
    acc, la, piece, lp = None, 0, cp, 1
    while True:
        if k & lp:
            acc, la = (piece, lp) if acc is None else (_join(acc, la, piece, lp),
                                                       la + lp)
        if lp * 2 > k:
            return acc
        piece, lp = _join(piece, lp, piece, lp), lp * 2


def shingle_hashes(norms: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of every character k-gram of each normalised text, concatenated:
    text ``i``'s are ``flat[offsets[i]:offsets[i + 1]]`` (none if shorter than k)."""
    lengths = np.fromiter(map(len, norms), dtype=np.int64, count=len(norms))
    counts = np.maximum(lengths - k + 1, 0)
    offsets = np.zeros(len(norms) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    cp = np.frombuffer("".join(norms).encode("utf-32-le"), dtype=np.uint32)
    n = len(cp) - k + 1
    if n <= 0 or not offsets[-1]:
        return np.zeros(0, dtype=np.uint64), offsets
    h = _kgram_hashes(cp.astype(np.uint64), k)
    starts = np.cumsum(lengths) - lengths  # where each text begins in cp
    within = np.arange(offsets[-1]) - np.repeat(offsets[:-1], counts)
    return _mix(h[np.repeat(starts, counts) + within]), offsets


def shingle_sets(hashes: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """Each text's shingle set for exact Jaccard: sorted unique 32-bit hashes (the top
    half of each 64-bit hash; two sets of 1,000 share a false value once in ~4,000
    pairs, which moves J by 0.001). One sort for all texts."""
    doc = np.repeat(np.arange(len(offsets) - 1, dtype=np.uint64), np.diff(offsets))
    keyed = np.sort((doc << np.uint64(32)) | (hashes >> np.uint64(32)))
    keyed = keyed[np.concatenate(([True], keyed[1:] != keyed[:-1]))]
    ends = np.searchsorted(keyed >> np.uint64(32), np.arange(1, len(offsets)))
    values = (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return np.split(values, ends[:-1])


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """|a ∩ b| / |a ∪ b| of two shingle sets (sorted unique arrays); 0.0 if empty."""
    if not len(a) or not len(b):
        return 0.0
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    inter = int(np.count_nonzero(b[pos] == a))
    return inter / (len(a) + len(b) - inter)


def similarity(a: str, b: str, *, shingle: int = ReprintSettings.shingle) -> float:
    """The exact Jaccard similarity ``find_reprints`` compares with its threshold:
    of the normalised texts' ``shingle``-character k-gram sets."""
    flat, offsets = shingle_hashes([normalise(a), normalise(b)], shingle)
    return jaccard(*shingle_sets(flat, offsets))


def candidate_probability(s, bands: int, rows: int):
    """Chance that two texts of Jaccard ``s`` share a band: 1 - (1 - s^r)^b."""
    return 1.0 - (1.0 - np.asarray(s, dtype=float) ** rows) ** bands


def _area(y: np.ndarray, x: np.ndarray) -> float:
    """Trapezoid rule (``np.trapezoid`` is numpy 2 only)."""
    return float(np.sum((y[1:] + y[:-1]) * np.diff(x)) / 2.0)


@lru_cache(maxsize=64)
def lsh_bands(threshold: float, num_perm: int,
              recall: float = _LSH_RECALL) -> tuple[int, int]:
    """LSH bands and rows ``(b, r)``, ``b * r <= num_perm``: of the settings that make
    a pair at the threshold a candidate with probability >= ``recall``, the one with
    the fewest candidates below it (the least area under ``candidate_probability``
    from 0 to the threshold). Candidates are verified exactly, so extra ones cost only
    time, and missed ones cost recall."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    below = np.linspace(0.0, threshold, 201)
    best, best_area = (num_perm, 1), np.inf
    for r in range(1, num_perm + 1):
        p = threshold ** r
        b = 1 if p >= 1.0 else math.ceil(math.log1p(-recall) / math.log1p(-p))
        if b * r > num_perm:
            continue
        area = _area(candidate_probability(below, b, r), below)
        if area < best_area:
            best, best_area = (b, r), area
    return best


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per (text, band) from a (texts x num_perm) signature matrix,
    band ``i`` hashing columns ``i*r … i*r + r - 1``; the band number is mixed in, so
    all bands can share one table."""
    n = signatures.shape[0]
    cols = signatures[:, :bands * rows].reshape(n, bands, rows).astype(np.uint64)
    keys = np.broadcast_to(np.arange(bands, dtype=np.uint64), (n, bands)).copy()
    for j in range(rows):
        keys = keys * _PRIME + cols[:, :, j]
    return _mix(keys)


def sketch(hashes: np.ndarray, offsets: np.ndarray, num_perm: int) -> np.ndarray:
    """MinHash signatures (texts x num_perm, uint32) from rensa's R-MinHash."""
    from rensa import RMinHash  # imported on first use: `import topics` stays fast

    matrix = RMinHash.digest_matrix_from_flat_token_hashes(
        hashes, offsets.astype(np.uint64), num_perm, _SEED)
    return np.array(matrix.to_rows(), dtype=np.uint32).reshape(-1, num_perm)


class ReprintIndex:
    """The articles seen so far, to find reprints one article at a time (streaming)
    or in batches. ``add`` answers for an article and then indexes it; ``query``
    answers without indexing.

        >>> index = ReprintIndex(threshold=0.6)
        >>> index.add("a", "国务院常务会议研究部署稳定就业工作。" * 4)
        >>> index.add("b", "【转载】" + "国务院常务会议研究部署稳定就业工作。" * 4)
        'a'
    """

    def __init__(self, settings: ReprintSettings | None = None, **changes):
        settings = settings or ReprintSettings()
        self.settings = settings.replace(**changes) if changes else settings
        t, num_perm = self.settings.threshold, self.settings.num_perm
        self.bands, self.rows = lsh_bands(t, num_perm)
        # candidates whose MinHash estimate is 3 standard errors below t are dropped
        self.gate = t - 3.0 * math.sqrt(t * (1.0 - t) / num_perm)
        self._ids: list[str] = []  # by position
        self._sets: list[np.ndarray] = []  # shingle sets, for exact verification
        self._sigs = np.zeros((64, num_perm), dtype=np.uint32)  # rows: signatures
        self._roots: list[int] = []  # position of the original each one reprints
        self._days: list[int | None] = []  # publication day (ordinal) or None, by position
        self._buckets: dict[int, int | list[int]] = {}  # band key -> first positions

    def __len__(self) -> int:
        """How many articles are indexed (short and empty texts are not)."""
        return len(self._ids)

    def add(self, id: str, text: str, date: str | None = None) -> str | None:
        """The id of the first-seen article ``text`` reprints, or ``None``; then
        index it (unless it is too short to compare). ``date``: its publication date
        (ISO), if known: a reprint is within ``max_days`` of its original."""
        return self.add_many([id], [text], [date])[0]

    def query(self, text: str, date: str | None = None) -> str | None:
        """Like ``add`` but leaves the index unchanged."""
        prepared = self._prepare([text])[0]
        if prepared is None:
            return None
        root = self._match(*prepared, _day(date))
        return None if root is None else self._ids[root]

    def add_many(self, ids: Sequence[str], texts: Sequence[str],
                 dates: Sequence[str | None] | None = None) -> list[str | None]:
        """``add`` for each pair in order (texts are sketched in batches)."""
        if len(ids) != len(texts) or (dates is not None and len(dates) != len(texts)):
            raise ValueError(f"got {len(texts)} texts but {len(ids)} ids"
                             f"{'' if dates is None else f' and {len(dates)} dates'}; "
                             f"give one id{'' if dates is None else ' and one date'} per text")
        days = [_day(d) for d in dates] if dates is not None else [None] * len(texts)
        out: list[str | None] = []
        for start in range(0, len(texts), _CHUNK):
            chunk = texts[start:start + _CHUNK]
            for aid, day, prepared in zip(ids[start:start + _CHUNK], days[start:start + _CHUNK],
                                          self._prepare(chunk)):
                out.append(None if prepared is None else self._add(aid, *prepared, day))
        return out

    # -- steps ---------------------------------------------------------------------
    def _prepare(self, texts: Sequence[str]) -> list[tuple | None]:
        """``(shingle set, band keys, signature)`` per text; ``None`` when too
        short."""
        s = self.settings
        norms = [normalise(_checked(t)) for t in texts]
        keep = [i for i, norm in enumerate(norms) if len(norm) >= max(s.min_chars,
                                                                        s.shingle)]
        out: list[tuple | None] = [None] * len(texts)
        if not keep:
            return out
        flat, off = shingle_hashes([norms[i] for i in keep], s.shingle)
        signatures = sketch(flat, off, s.num_perm)
        keys = band_keys(signatures, self.bands, self.rows).tolist()
        for j, (i, grams) in enumerate(zip(keep, shingle_sets(flat, off))):
            out[i] = (grams, keys[j], signatures[j])
        return out

    def _candidates(self, keys: list[int], signature: np.ndarray) -> np.ndarray:
        """Positions sharing a band, less those whose MinHash estimate of Jaccard is
        far below the threshold (``gate``)."""
        found: set[int] = set()
        for key in keys:
            members = self._buckets.get(key)
            if isinstance(members, list):
                found.update(members)
            elif members is not None:
                found.add(members)
        if not found:
            return np.zeros(0, dtype=np.int64)
        cands = np.fromiter(found, dtype=np.int64, count=len(found))
        same = np.count_nonzero(self._sigs[cands] == signature, axis=1)
        return cands[same >= self.gate * self.settings.num_perm]

    def _match(self, grams: np.ndarray, keys: list[int],
               signature: np.ndarray, day: int | None) -> int | None:
        """Position of the earliest original, published within ``max_days`` of this
        text (if both dates are known), that a candidate with exact Jaccard >=
        threshold is or reprints; or ``None``."""
        t, window = self.settings.threshold, self.settings.max_days
        cands = self._candidates(keys, signature).tolist()
        for root, c in sorted((self._roots[c], c) for c in cands):
            other = self._days[root]        # the window is to the original it would name
            if window and day is not None and other is not None and abs(day - other) > window:
                continue
            if jaccard(grams, self._sets[c]) >= t:
                return root  # sorted by root: the first match is the earliest
        return None

    def _add(self, aid: str, grams: np.ndarray, keys: list[int],
             signature: np.ndarray, day: int | None) -> str | None:
        root = self._match(grams, keys, signature, day)
        pos = len(self._ids)
        for key in keys:  # a bucket keeps its first texts: originals come first
            members = self._buckets.setdefault(key, pos)
            if isinstance(members, list):
                if len(members) < _BUCKET_CAP:
                    members.append(pos)
                elif root is None and day is not None and self.settings.max_days:
                    members.pop(0)      # a new original in time: the oldest gives way
                    members.append(pos)
            elif members != pos:
                self._buckets[key] = [members, pos]
        if pos == len(self._sigs):
            self._sigs = np.concatenate([self._sigs, np.zeros_like(self._sigs)])
        self._sigs[pos] = signature
        self._ids.append(str(aid))
        self._sets.append(grams)
        self._roots.append(pos if root is None else root)
        self._days.append(day)
        return None if root is None else self._ids[root]


def _day(date: str | None) -> int | None:
    """The day number of an ISO date (``2024-05-15``, with or without a time), or
    ``None`` when there is no full date (a year alone, a missing date)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(date)[:10]).toordinal() if date else None
    except ValueError:
        return None


def _checked(text) -> str:
    if not isinstance(text, str):
        raise TypeError(f"texts must be strings, got {type(text).__name__}: "
                        f"{text!r:.60}; pass '' for a missing text")
    return text


def find_reprints(texts: Sequence[str], ids: Sequence[str], *,
                  dates: Sequence[str | None] | None = None,
                  threshold: float = ReprintSettings.threshold,
                  shingle: int = ReprintSettings.shingle,
                  min_chars: int = ReprintSettings.min_chars,
                  max_days: int = ReprintSettings.max_days,
                  num_perm: int = ReprintSettings.num_perm) -> list[str | None]:
    """For each text, in order, ``None`` or the id of the first-seen text it reprints
    (exact shingle Jaccard >= ``threshold``, and with ``dates``, published within
    ``max_days`` of it; see the module docstring). Settings are validated as
    ``[reprints]`` settings: a bad value raises ``SettingError`` naming it
    (``reprints.threshold: must be at most 1, got 1.5``)."""
    settings = ReprintSettings(threshold=threshold, shingle=shingle, min_chars=min_chars,
                               max_days=max_days, num_perm=num_perm)
    return ReprintIndex(settings).add_many(list(ids), list(texts),
                                           None if dates is None else list(dates))


def article_reprints(articles, settings: ReprintSettings | None = None) -> list[str | None]:
    """For each article, ``None`` or the id of the earlier article it reprints, by its
    paragraphs' text (titles aside: reprints often change the headline) and date."""
    return ReprintIndex(settings or ReprintSettings()).add_many(
        [a.id for a in articles], ["\n".join(a.paragraphs) for a in articles],
        [a.date for a in articles])


def mark_reprints(articles, settings: ReprintSettings | None = None) -> int:
    """Set ``duplicate_of`` on every article (``article_reprints``); return how many
    reprints there are."""
    found = article_reprints(articles, settings)
    for article, original in zip(articles, found):
        article.duplicate_of = original
    return sum(x is not None for x in found)
