"""Word vectors learned from unlabelled text, for the classifier's paragraph vector.

A few thousand annotated paragraphs teach a classifier little about a word seen in only
a handful of them: 银发经济 or 适老化改造 may occur twice. Skip-gram word vectors (gensim
``Word2Vec``) trained on a large unlabelled corpus of the same kind of text place such
rare words near the common words they are used like. ``TextFeatures`` turns the vectors
of a paragraph's vocabulary words into one paragraph vector appended to the n-gram
TF-IDF features (so a word never seen in the annotations still does not count).

Measured on the project's annotations (benchmarks/bench_classify.py, README): micro-F1
0.847 → 0.854 and macro-F1 0.843 → 0.850 with the vectors.

Training is deterministic for a given corpus and seed: one worker thread (several
threads interleave updates in scheduling order) and gensim's seeded generator for the
starting vectors. Vectors are rounded to float16 as soon as they are trained, so a saved
and reloaded model computes exactly what the trained one did, at half the size.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from topics.errors import ConfigError
from topics.modelio import load_model, save_model, sha256_file
from topics.settings import VectorSettings


class WordVectors:
    """``words`` (most frequent first) and a ``(len(words), dim)`` float array."""

    def __init__(self, words: Sequence[str], vectors: np.ndarray, params: dict | None = None):
        if len(words) != len(vectors):
            raise ConfigError(f"{len(words)} words but {len(vectors)} vectors")
        self.words, self.vectors, self.params = list(words), np.asarray(vectors), dict(params or {})
        self.index = {w: i for i, w in enumerate(self.words)}
        self.provenance: dict = {}      # set by load(): the folder and the checksum of its arrays

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    @classmethod
    def train(cls, token_lists: Sequence[list[str]], *, dim: int = VectorSettings.dim,
              window: int = VectorSettings.window, epochs: int = VectorSettings.epochs,
              min_count: int = VectorSettings.min_count, negative: int = 10,
              max_words: int = VectorSettings.max_words, seed: int = 0,
              progress=None) -> "WordVectors":
        """Skip-gram with negative sampling over ``token_lists`` (one list per paragraph);
        keeps the ``max_words`` most frequent words."""
        from gensim.models import Word2Vec
        from gensim.models.callbacks import CallbackAny2Vec

        if dim < 1 or epochs < 1 or window < 1 or min_count < 1 or max_words < 1:
            raise ConfigError("dim, window, epochs, min_count and max_words must all be at least 1")
        if not any(token_lists):
            raise ConfigError("no words to learn vectors from: the corpus is empty after segmentation")

        class _Progress(CallbackAny2Vec):
            def __init__(self):
                self.done = 0

            def on_epoch_end(self, model):
                self.done += 1
                if progress:
                    progress(self.done, epochs)

        model = Word2Vec(vector_size=dim, window=window, min_count=min_count, sg=1, negative=negative, seed=seed, workers=1)
        model.build_vocab(token_lists)
        if not model.wv.index_to_key:
            raise ConfigError(f"no word occurs {min_count} times or more; give more text or lower the minimum count")
        model.train(token_lists, total_examples=model.corpus_count, epochs=epochs, callbacks=[_Progress()])
        words = model.wv.index_to_key[:max_words]
        params = {"dim": dim, "window": window, "epochs": epochs, "min_count": min_count, "negative": negative,
                  "max_words": max_words, "seed": seed, "n_paragraphs": len(token_lists)}
        return cls(words, model.wv.vectors[:len(words)].astype(np.float16).astype(np.float32), params)

    # -- storage -------------------------------------------------------------------
    def state(self) -> tuple[dict, dict]:
        """``(json_info, arrays)``; vectors as float16."""
        return {"words": self.words, "params": self.params}, {"vectors": self.vectors.astype(np.float16)}

    @classmethod
    def from_state(cls, info: dict, arrays: dict) -> "WordVectors":
        return cls(info["words"], arrays["vectors"].astype(np.float32), info.get("params"))

    def save(self, folder, *, training: dict | None = None) -> None:
        info, arrays = self.state()
        save_model(folder, "word_vectors", arrays, {**info, "training": training or {}})

    @classmethod
    def load(cls, folder) -> "WordVectors":
        arrays, info = load_model(folder, "word_vectors")
        out = cls.from_state(info, arrays)
        out.provenance = {"folder": str(folder), "arrays_sha256": sha256_file(Path(folder) / "arrays.npz")}
        return out


def learn_vectors(articles, settings, inputs=(), *, seed: int = 0, n_jobs: int = 1,
                  progress=None) -> tuple[WordVectors, dict]:
    """Segment the articles' paragraphs as the classifier does and learn vectors with
    ``settings`` (``VectorSettings``); return them and their training description."""
    import time

    from topics.classify.features import TextFeatures
    from topics.runs import input_files
    from topics.segment import segment_many

    paragraphs = [p for a in articles for p in a.paragraphs]
    segmenter = TextFeatures().segmenter
    tokens = list(segment_many(paragraphs, segmenter, n_jobs=n_jobs))
    start = time.perf_counter()
    epochs = (lambda done, total: progress("vectors", done, total)) if progress else None
    vectors = WordVectors.train(tokens, dim=settings.dim, window=settings.window,
                                epochs=settings.epochs, min_count=settings.min_count,
                                max_words=settings.max_words, seed=seed, progress=epochs)
    training = {"inputs": input_files(inputs), "segmenter": segmenter.get_params(),
                "n_paragraphs": len(paragraphs), "n_words": sum(map(len, tokens)),
                "seconds": round(time.perf_counter() - start, 1)}
    return vectors, training
