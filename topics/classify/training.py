"""Train a ``ThemeClassifier`` on annotation records (shared by ``topics train`` and ``topics run``)."""
from __future__ import annotations

import math

from topics.annotations import data_hash, group_of
from topics.classify.model import ThemeClassifier
from topics.classify.vectors import WordVectors
from topics.errors import ConfigError


def check_vector_weight(weight: float) -> None:
    if not (math.isfinite(weight) and weight > 0):
        raise ConfigError(f"the vector weight must be a positive number, got {weight}")


def train_on_records(records: list[dict], files, *, C: float, folds: int, random_state: int, vectors: WordVectors | None = None,
                     vector_weight: float = 1.0, progress=None) -> tuple[ThemeClassifier, dict]:
    """Fit on records that have text (paragraphs of one article kept in one CV fold),
    with ``vectors`` (``WordVectors.load(folder)``) if given; return the classifier and
    the training description saved with the model."""
    check_vector_weight(vector_weight)
    clf = ThemeClassifier(C=C, folds=folds, random_state=random_state, vectors=vectors, vector_weight=vector_weight).fit(
        [r["text"] for r in records], [r["labels"] for r in records],
        groups=[group_of(r["id"]) for r in records], progress=progress)
    training = {"files": [str(f) for f in files], "n_units": len(records), "data_sha256": data_hash(records)}
    if vectors is not None:
        training["vectors"] = vectors.provenance
    return clf, training
