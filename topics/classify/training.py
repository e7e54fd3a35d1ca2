"""Train a ``ThemeClassifier`` on annotation records (shared by ``topics train``,
``topics run`` and the Python API)."""
from __future__ import annotations

from pathlib import Path

from topics.annotations import data_hash, group_of, load_records, resolve_texts, validate
from topics.classify.model import ThemeClassifier
from topics.classify.vectors import WordVectors
from topics.errors import ConfigError
from topics.settings import ClassifierSettings, SchemeSettings


def prepare_training(files, settings: ClassifierSettings, scheme: SchemeSettings, *,
                     resolve=Path) -> tuple[list[dict], WordVectors | None, list[str]]:
    """Annotation records with text, the word vectors (loaded first, so a wrong folder
    fails before any work) and the ids that could not be resolved. Invalid annotations
    (unknown labels with ``codebook``, duplicates, …) are a ``ConfigError``."""
    from topics.themes import load_scheme

    vectors = WordVectors.load(resolve(settings.vectors)) if settings.vectors else None
    records = load_records(files)
    unresolved = resolve_texts(records)
    labels = load_scheme(resolve(scheme.file) if scheme.file else None).ids \
        if settings.codebook else None
    problems = validate(records, labels)
    if problems:
        shown = "; ".join(problems[:3])
        raise ConfigError(f"{len(problems)} annotation problem(s): {shown}"
                          f"{' …' if len(problems) > 3 else ''}; run `topics validate`")
    usable = [r for r in records if r.get("text")]
    if not usable:
        raise ConfigError("no annotated unit has text; check the ids resolve "
                          "(`topics validate`)")
    return usable, vectors, unresolved


def train_on_records(records: list[dict], files, settings: ClassifierSettings, *,
                     random_state: int = 0, vectors: WordVectors | None = None,
                     progress=None) -> tuple[ThemeClassifier, dict]:
    """Fit on records that have text (paragraphs of one article kept in one CV fold),
    with ``vectors`` (``WordVectors.load(folder)``) if given; return the classifier and
    the training description saved with the model."""
    clf = ThemeClassifier(C=settings.C, folds=settings.folds, random_state=random_state,
                          vectors=vectors, vector_weight=settings.vector_weight)
    folds = (lambda done, total: progress("train", done, total)) if progress else None
    clf.fit([r["text"] for r in records], [r["labels"] for r in records],
            groups=[group_of(r["id"]) for r in records], progress=folds)
    training = {"files": [str(f) for f in files], "n_units": len(records),
                "data_sha256": data_hash(records)}
    if vectors is not None:
        training["vectors"] = vectors.provenance
    return clf, training
