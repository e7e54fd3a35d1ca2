"""Train a ``ThemeClassifier`` on annotation records (shared by ``topics train``,
``topics run`` and the Python API)."""
from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from topics.annotations import OTHER, data_hash, group_of, load_records, resolve_texts, validate
from topics.classify.model import ThemeClassifier
from topics.classify.vectors import WordVectors
from topics.errors import ConfigError
from topics.settings import ClassifierSettings, SchemeSettings

log = logging.getLogger(__name__)
WEAK_CV = 0.6   # below this cross-validated F1 (or accuracy) a trained model gets a warning
                # (the shipped model: 0.83; labels drawn at random on a test set: 0.57)


def prepare_training(files, settings: ClassifierSettings, scheme: SchemeSettings, *,
                     resolve=Path) -> tuple[list[dict], WordVectors | None, list[str]]:
    """Annotation records with text, the word vectors (loaded first, so a wrong folder
    fails before any work) and the ids that could not be resolved. Invalid annotations
    (unknown labels with ``codebook``, duplicates, …) are a ``ConfigError``."""
    from topics.themes import load_scheme

    if settings.vectors and settings.base:
        raise ConfigError("classifier.vectors and classifier.base together: an adapted model "
                          "keeps the base model's word vectors; leave vectors empty")
    vectors = WordVectors.load(resolve(settings.vectors)) if settings.vectors else None
    records = load_records(files)
    unresolved = resolve_texts(records)
    scheme_ids = load_scheme(resolve(scheme.file) if scheme.file else None).ids
    labels = scheme_ids if settings.codebook else None
    problems = validate(records, labels)
    if problems:
        shown = "; ".join(problems[:3])
        raise ConfigError(f"{len(problems)} annotation problem(s): {shown}"
                          f"{' …' if len(problems) > 3 else ''}; run `topics validate`")
    usable = [r for r in records if r.get("text")]
    if not usable:
        raise ConfigError("no annotated unit has text; check the ids resolve "
                          "(`topics validate`)")
    used = {lab for r in usable for lab in r["labels"]}
    unused = [t for t in scheme_ids if t not in used]
    if unused and used <= set(scheme_ids) | {OTHER} and not settings.base:  # the codebook's labels, not all
        log.warning("no annotated unit has the theme(s) %s: a model trained on these "
                    "annotations never gives them, and their share will read 0; annotate "
                    "units of them, or adapt the shipped model (--base shipped)",
                    ", ".join(unused))
    return usable, vectors, unresolved


def source_weights(records: list[dict], balance: str) -> list[float]:
    """A weight per record by its ``source`` (``balance``: ``sqrt`` gives each source
    weight proportional to the square root of its size, ``equal`` the same weight to
    every source, ``none`` 1 to every unit), scaled to mean 1."""
    from collections import Counter

    if balance == "none":
        return [1.0] * len(records)
    sizes = Counter(r.get("source") or "" for r in records)
    power = 0.5 if balance == "sqrt" else 1.0
    raw = [sizes[r.get("source") or ""] ** -power for r in records]
    mean = sum(raw) / len(raw) if raw else 1.0
    return [w / mean for w in raw]


def train_on_records(records: list[dict], files, settings: ClassifierSettings, *,
                     random_state: int = 0, vectors: WordVectors | None = None,
                     sample_weight=None, progress=None) -> tuple[ThemeClassifier, dict]:
    """Fit on records that have text (paragraphs of one article kept in one CV fold),
    with ``vectors`` (``WordVectors.load(folder)``) if given; return the classifier and
    the training description saved with the model. Without ``sample_weight``, units
    are weighted by source as ``settings.balance`` says."""
    if sample_weight is None:
        sample_weight = source_weights(records, settings.balance)
    clf = ThemeClassifier(C=settings.C, words=settings.words, folds=settings.folds,
                          random_state=random_state, vectors=vectors,
                          vector_weight=settings.vector_weight)
    folds = (lambda done, total: progress("train", done, total)) if progress else None
    clf.fit([r["text"] for r in records], [r["labels"] for r in records],
            groups=[group_of(r["id"]) for r in records], sample_weight=sample_weight,
            progress=folds)
    training = {"files": [str(f) for f in files], "n_units": len(records),
                "data_sha256": data_hash(records), "balance": settings.balance}
    if vectors is not None:
        training["vectors"] = vectors.provenance
    clf.annotations_ = annotation_bytes(files)
    metric = clf.cv_metrics_.get("micro_f1", clf.cv_metrics_.get("accuracy"))
    if metric is not None and metric < WEAK_CV:
        log.warning("cross-validated %s is %.2f on %d units: labels from this model are "
                    "unreliable; annotate more units (a few hundred), or adapt the shipped "
                    "model with your units (--base shipped)",
                    "micro-F1" if clf.multilabel_ else "accuracy", metric, len(records))
    return clf, training


def annotation_bytes(files) -> bytes:
    """The annotation files' records, as written (ids, labels and whatever text they
    hold), one JSONL stream gzipped: what a model keeps of its training data. A unit
    given twice (a base model's unit the user re-annotated) is kept once, in its first
    place, as last given. Unit weights are not kept: a model trained from the file
    weighs its units as its own settings say."""
    import gzip

    from topics.annotations import open_text

    kept: dict = {}
    for path in files:
        with open_text(path, "utf-8-sig") as fh:
            for n, line in enumerate(fh.read().split("\n")):
                if line.strip():
                    kept[_record_id(line) or (str(path), n)] = line
    return gzip.compress(("\n".join(kept.values()) + "\n").encode("utf-8"), mtime=0)


def _record_id(line: str) -> str | None:
    import json

    try:
        uid = json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None
    return uid if isinstance(uid, str) else None


def words_line(clf: ThemeClassifier) -> str:
    """Which word features the model uses and, where both were tried, each one's
    cross-validated score."""
    scores = ", ".join(f"{w} {v:.3f}" for w, v in clf.words_cv_.items())
    metric = "micro-F1" if clf.multilabel_ else "accuracy"
    return f"word features: {clf.words_}" + (f" (cross-validated {metric}: {scores})"
                                             if len(clf.words_cv_) > 1 else "")


SHIPPED = "shipped"     # ``--base shipped``: the model installed with topics


def base_folder(value: str, resolve=Path) -> Path:
    """The folder ``classifier.base`` names (``shipped``: the installed default model)."""
    from topics.resources import shipped_model_dir

    return shipped_model_dir() if value == SHIPPED else resolve(value)


def _find(name: str, base: Path) -> Path | None:
    """An annotation file a model recorded: as given, or beside the model's folder."""
    candidates = [Path(name)] + [parent / name for parent in list(base.resolve().parents)[:4]]
    return next((c for c in candidates if c.is_file()), None)


def base_training(base: Path) -> tuple[ThemeClassifier, list[dict], list[Path]]:
    """The base model, the annotation records it was trained on (with text) and their
    files: the copy kept in the model's folder, or for a model saved without one, the
    files its training recorded. A ``ConfigError`` says what is missing and how to
    supply it."""
    from topics.annotations import PAGES, default_corpus_dirs
    from topics.modelio import ANNOTATIONS, model_file

    clf = ThemeClassifier.load(base)
    kept = model_file(base, ANNOTATIONS)
    names = [kept] if kept else clf.training_.get("files") or []
    found = [_find(str(n), base) for n in names]
    if not names or None in found:
        missing = [str(n) for n, f in zip(names, found) if f is None] or ["(none recorded)"]
        raise ConfigError(f"the base model's annotations are not here: {', '.join(missing)}; "
                          "run from the project folder that holds them, or train without "
                          "base on all the annotations you have")
    records = load_records(found)
    unresolved = resolve_texts(records)
    if unresolved:
        sources = sorted({r["source"] for r in records if not r.get("text") and r.get("source")})
        named = [f"a {s}/ folder beside it" if s == PAGES else s for s in sources]
        raise ConfigError(
            f"{len(unresolved)} of the base model's {len(records)} annotations give an id in a "
            f"corpus, not the text, and the corpus is not in "
            f"{', '.join(map(str, default_corpus_dirs()))} (first: {unresolved[0]}); "
            f"set TOPICS_CORPUS_DIR to the folder holding {', '.join(named)} "
            "(public corpora: see `topics train --help`)")
    return clf, records, found


def base_vectors(clf: ThemeClassifier) -> WordVectors | None:
    """The word vectors a model keeps for its own vocabularies (every word feature set's;
    a word in several is kept once), to train a new model with."""
    from topics.classify.features import dequantize

    rows: dict[str, np.ndarray] = {}
    params = None
    for f in clf.features_.parts:
        if f.vectors_q_ is not None:
            for i, v in zip(f.vector_rows_, dequantize(*f.vectors_q_)):
                rows.setdefault(f.word_vocab_[i], v)
            params = f.vector_params_
    if not rows:
        return None
    return WordVectors(list(rows), np.vstack(list(rows.values())), params)


def adapt(records: list[dict], files, settings: ClassifierSettings, *, random_state: int = 0,
          resolve=Path, progress=None) -> tuple[ThemeClassifier, dict]:
    """Train on the base model's annotations plus ``records`` (the user's), the user's
    units weighted ``domain_weight``; the training description holds the
    cross-validated metrics on the user's units (``domain_cv``)."""
    from topics.evaluate import multilabel_metrics

    base_clf, base_recs, base_files = base_training(base_folder(settings.base, resolve))
    unknown = sorted({lab for r in records for lab in r["labels"]}
                     - set(base_clf.classes_) - {"other"})
    if unknown:
        raise ConfigError(f"your annotations use label(s) the base model does not know: "
                          f"{', '.join(unknown)}; train a new model without base")
    mine = {r["id"] for r in records}
    base_recs = [r for r in base_recs if r["id"] not in mine]
    weights = source_weights(base_recs, settings.balance) \
        + [settings.domain_weight] * len(records)
    clf, training = train_on_records(base_recs + records, [*base_files, *files], settings,
                                     random_state=random_state, vectors=base_vectors(base_clf),
                                     sample_weight=weights, progress=progress)
    n = len(base_recs)
    training.update(base=str(settings.base), domain_units=len(records),
                    domain_weight=settings.domain_weight,
                    domain_cv=multilabel_metrics([r["labels"] for r in records],
                                                 clf.oof_pred_[n:], clf.classes_))
    return clf, training
