"""Train a ``ThemeClassifier`` on annotation records (shared by ``topics train`` and ``topics run``)."""
from __future__ import annotations

from topics.annotations import data_hash, group_of
from topics.classify.model import ThemeClassifier
from topics.classify.vectors import WordVectors
from topics.modelio import sha256_file


def train_on_records(records: list[dict], files, *, C: float, folds: int, random_state: int, vectors_dir=None,
                     vector_weight: float = 1.0, progress=None) -> tuple[ThemeClassifier, dict]:
    """Fit on records that have text (paragraphs of one article kept in one CV fold),
    with word vectors from ``vectors_dir`` if given; return the classifier and the
    training description saved with the model."""
    vectors = WordVectors.load(vectors_dir) if vectors_dir else None
    clf = ThemeClassifier(C=C, folds=folds, random_state=random_state, vectors=vectors, vector_weight=vector_weight).fit(
        [r["text"] for r in records], [r["labels"] for r in records],
        groups=[group_of(r["id"]) for r in records], progress=progress)
    training = {"files": [str(f) for f in files], "n_units": len(records), "data_sha256": data_hash(records)}
    if vectors_dir:
        training["vectors"] = {"folder": str(vectors_dir), "arrays_sha256": sha256_file(f"{vectors_dir}/arrays.npz")}
    return clf, training
