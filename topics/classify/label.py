"""Label articles paragraph by paragraph and as a whole; tables and a summary of the
labels (computing only: the CLI and ``topics run`` write them)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from topics.classify.aggregate import article_labels, article_scores
from topics.classify.model import ThemeClassifier
from topics.corpus.article import Article
from topics.errors import ModelFileError
from topics.resources import shipped_model_dir
from topics.settings import LabelSettings, ReprintSettings


def load_classifier(folder=None) -> ThemeClassifier:
    """The model in ``folder``, or the shipped one (``$TOPICS_MODEL`` overrides it)."""
    path = Path(folder) if folder else shipped_model_dir()
    if not path.exists():
        raise ModelFileError(f"no model at {path}; train one with `topics train "
                             "annotations.jsonl -o MODEL_DIR` or name one with --model")
    return ThemeClassifier.load(path)


def _scores(row: list[float], classes: list[str]) -> dict:
    return dict(zip(classes, row))


def _rounded(P: np.ndarray) -> list[list[float]]:
    """Scores as written: 4 decimals."""
    return np.round(P, 4).tolist()


def label_articles(articles: Sequence[Article], clf: ThemeClassifier, *,
                   context: float = LabelSettings.context) -> list[dict]:
    """One record per article, in input order: id, title, date, source, labels,
    scores and paragraphs (each with text, labels and scores).

    An article's scores are the length-weighted mean of its paragraphs' probabilities,
    the title counting as one paragraph (``article_scores``). A paragraph is labelled
    from ``(1 - context)`` times its own probabilities plus ``context`` times its
    article's scores, and those mixed scores are the ones written: a short or
    generic paragraph leans on what its article is about. An article whose
    paragraphs are all empty has no score to mix. (0.2 was chosen on a validation
    split of the training documents; on held-out units it lifted page paragraphs
    most, 新闻联播 stories too, and left letters unchanged: ``benchmarks/
    bench_classify.py``, section ``local``.)"""
    texts, spans = [], []
    for a in articles:
        start = len(texts)
        texts.extend(a.paragraphs)
        if a.title:
            texts.append(a.title)
        spans.append((start, start + len(a.paragraphs), bool(a.title)))
    P = clf.predict_proba(texts) if texts else np.zeros((0, len(clf.classes_)))
    scores = []
    for a, (start, end, has_title) in zip(articles, spans):
        lengths = np.array([len(p) for p in a.paragraphs])
        s = (article_scores(P[start:end], lengths, P[end] if has_title else None)
             if a.paragraphs else None)
        scores.append(s)
        if s is not None and context and lengths.sum():
            P[start:end] = (1 - context) * P[start:end] + context * s
    para_labels = clf.decide(P) if texts else []
    rows = _rounded(P)
    out = []
    for a, (start, end, _), s in zip(articles, spans, scores):
        url = {"url": a.meta["url"]} if a.meta.get("url") else {}   # a web page's
        if not a.paragraphs:   # an empty record keeps its row, with no labels
            out.append({"id": a.id, "title": a.title, "date": a.date, "source": a.source,
                        **url, "labels": [], "scores": {}, "paragraphs": [], "empty": True})
            continue
        out.append({
            "id": a.id, "title": a.title, "date": a.date, "source": a.source, **url,
            **({"duplicate_of": a.duplicate_of} if a.duplicate_of else {}),
            "labels": article_labels(s, clf.classes_, clf.thresholds_, clf.multilabel_),
            "scores": _scores(_rounded(s), clf.classes_),
            "paragraphs": [{"text": p, "labels": para_labels[start + i],
                            "scores": _scores(rows[start + i], clf.classes_)}
                           for i, p in enumerate(a.paragraphs)],
        })
    return out


def _label_chunk(shared, articles):
    clf, context = shared
    return [label_articles(articles, clf, context=context)]


def label_corpus(articles: Sequence[Article], clf: ThemeClassifier, *,
                 batch: int = LabelSettings.batch, context: float = LabelSettings.context,
                 n_jobs: int = 1, progress=None,
                 reprints: ReprintSettings | None = None) -> list[dict]:
    """``label_articles`` over a whole corpus in batches, on ``n_jobs`` processes (the
    records do not depend on either); ``progress("label", done, total)``.

    With ``reprints``, reprints are marked as well (``duplicate_of`` on the articles
    and their records, as ``mark_reprints`` would before labelling): they are found
    in this process while the workers label, which hides most of their cost."""
    from topics.parallel import map_chunks

    found: list = []

    def find_reprints():
        if reprints is not None and articles:
            from topics.corpus.dedupe import article_reprints

            found.extend(article_reprints(articles, reprints))

    out: list[dict] = []
    for records in map_chunks(_label_chunk, (clf, context), articles, n_jobs=n_jobs,
                              chunk_size=batch, meanwhile=find_reprints,
                              preload=lambda: clf.features_.load()):
        out.extend(records)
        if progress is not None:
            progress("label", len(out), len(articles))
    if found:
        for i, (article, original) in enumerate(zip(articles, found)):
            article.duplicate_of = original
            if (out[i].get("duplicate_of") or None) != (original or None):
                out[i] = _with_original(out[i], original)
    return out


def _with_original(record: dict, original: str | None) -> dict:
    """``record`` with ``duplicate_of: original`` where ``label_articles`` puts it
    (after ``source``), or without it when there is no original."""
    fields = [(k, v) for k, v in record.items() if k != "duplicate_of"]
    if not original:
        return dict(fields)
    at = [k for k, _ in fields].index("source") + 1
    return dict(fields[:at] + [("duplicate_of", original)] + fields[at:])


def article_rows(records: Sequence[dict], classes: Sequence[str]) -> list[dict]:
    """The flat article table: id, title, date, source, url (a web page's address),
    labels, n_paragraphs, empty (a record with no text), duplicate_of (the original of
    a reprint), and one score column per theme."""
    return [{"id": r["id"], "title": r.get("title"), "date": r.get("date"),
             "source": r.get("source"), "url": r.get("url"), "labels": r["labels"],
             "n_paragraphs": len(r["paragraphs"]), "empty": r.get("empty", False),
             "duplicate_of": r.get("duplicate_of"),
             **{c: r["scores"].get(c, 0.0) for c in classes}} for r in records]


def paragraph_rows(records: Sequence[dict], classes: Sequence[str]) -> list[dict]:
    """The flat paragraph table: unit_id, article_id, paragraph index, date, source,
    text, labels, and one score column per theme."""
    return [{"unit_id": f"{r['id']}:p{i}", "article_id": r["id"], "paragraph": i,
             "date": r.get("date"), "source": r.get("source"), "text": p["text"],
             "labels": p["labels"], **{c: p["scores"].get(c, 0.0) for c in classes}}
            for r in records for i, p in enumerate(r["paragraphs"])]


def theme_counts(records: Iterable[dict]) -> Counter:
    """How many articles and paragraphs there are, and how many carry each label
    (``("article", theme)``, ``("paragraph", theme)``); counts of parts of a corpus add
    up to the corpus's (``sum``), which is how ``topics.spark`` counts on a cluster.
    Empty records and reprints are left out."""
    counts: Counter = Counter()
    for r in records:
        if r.get("empty") or r.get("duplicate_of"):
            continue
        counts["articles"] += 1
        counts.update(("article", t) for t in set(r["labels"]))
        for p in r["paragraphs"]:
            counts["paragraphs"] += 1
            counts.update(("paragraph", t) for t in set(p["labels"]))
    return counts


def theme_summary(records: Iterable[dict], classes: Sequence[str], *,
                  counts: Counter | None = None) -> list[dict]:
    """Per theme (and ``other``): articles and paragraphs labelled with it, and their
    shares of all articles and paragraphs (from ``counts`` when given); empty records
    and reprints are left out."""
    c = theme_counts(records) if counts is None else counts
    n_art, n_par = c["articles"], c["paragraphs"]
    rows = []
    for theme in [*classes, "other"]:
        arts, pars = c[("article", theme)], c[("paragraph", theme)]
        rows.append({"theme": theme, "articles": arts,
                     "article_share": arts / n_art if n_art else 0.0,
                     "paragraphs": pars,
                     "paragraph_share": pars / n_par if n_par else 0.0})
    return rows
