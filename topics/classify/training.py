"""Train a ``ThemeClassifier`` on annotation records (shared by ``topics train`` and ``topics run``)."""
from __future__ import annotations

from topics.annotations import data_hash, group_of
from topics.classify.model import ThemeClassifier


def train_on_records(records: list[dict], files, *, C: float, folds: int, random_state: int, progress=None) -> tuple[ThemeClassifier, dict]:
    """Fit on records that have text (paragraphs of one article kept in one CV fold);
    return the classifier and the training description saved with the model."""
    clf = ThemeClassifier(C=C, folds=folds, random_state=random_state).fit(
        [r["text"] for r in records], [r["labels"] for r in records],
        groups=[group_of(r["id"]) for r in records], progress=progress)
    return clf, {"files": [str(f) for f in files], "n_units": len(records), "data_sha256": data_hash(records)}
