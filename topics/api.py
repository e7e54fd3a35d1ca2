"""The Python front door: the few calls a notebook needs, DataFrames out.

    import topics
    articles = topics.read("corpus/")                    # one row per article
    labels = topics.label(articles)                      # themes per article
    paras = topics.label(articles, unit="paragraph")     # themes per paragraph
    result = topics.discover(articles, k=20)             # a TopicResult
    result.topics_frame(); result.save("out/topics")

Every keyword argument is a setting of ``topics.settings`` (the same names as the
command-line flags without dashes: ``min_df``, ``segmenter``, ``workers`` …), validated
once. ``data`` may be paths (files or folders), a DataFrame with a ``text`` (or
``paragraphs``) column and optional ``id``, ``title``, ``date``, ``source``, a list of
strings, or a list of ``Article``.
"""
from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from pathlib import Path

from topics.corpus.article import Article
from topics.errors import ConfigError, InputError
from topics.settings import (AnnotateSettings, ClassifierSettings, LabelSettings, ReadSettings,
                             ReprintSettings, RunSettings, SchemeSettings, SegmentSettings,
                             TopicSettings, from_kwargs)


def _progress(show: bool):
    if not show:
        return None
    from topics.progress import Progress

    return Progress()


def _is_paths(data) -> bool:
    if isinstance(data, (str, Path)):
        return True
    return isinstance(data, (list, tuple)) and bool(data) and all(
        isinstance(x, Path) for x in data)


def _check_paths(paths, *, texts: bool = False) -> None:
    """Every path the user named must exist, as on the command line (a file in a batch
    that cannot be read is only skipped with a warning). With ``texts``, a missing path
    that looks like text says how to pass texts."""
    missing = [str(p) for p in paths if not os.path.exists(p)]
    if not missing:
        return
    if texts and len(missing) == 1 and _looks_like_text(missing[0]):
        shown = missing[0] if len(missing[0]) <= 30 else missing[0][:30] + "…"
        raise InputError(shown, "no such file or folder; to use texts, not files, give "
                                "topics.label, discover or annotate a list of strings "
                                "([text], not text) or a DataFrame with a 'text' column")
    raise InputError(", ".join(missing), "no such file or folder")


def _looks_like_text(s: str) -> bool:
    """Chinese characters or spaces, and no folder separator or file suffix."""
    return (bool(re.search(r"[\u4e00-\u9fff\s]", s)) and not re.search(r"[/\\]", s)
            and not Path(s).suffix)


def _from_frame(df, read: ReadSettings) -> list[Article]:
    from topics.corpus.records import article_from_record

    if "text" not in df.columns and "paragraphs" not in df.columns:
        raise ConfigError(f"the DataFrame needs a 'text' or 'paragraphs' column; it has "
                          f"{', '.join(map(str, df.columns))}")
    out = []
    for i, rec in enumerate(df.to_dict("records")):
        rec = {k: (None if _missing(v) else v) for k, v in rec.items()}
        try:
            out.append(article_from_record(rec, str(i), Path("<DataFrame>"), read))
        except ValueError as exc:
            raise ConfigError(f"row {i} of the DataFrame: {exc}") from None
    return out


def _missing(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and v != v)
    except TypeError:
        return False


def _articles(data, read: ReadSettings, workers: int, progress) -> list[Article]:
    """Articles from any accepted kind of ``data`` (see the module docstring)."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return _from_frame(data, read)
    if _is_paths(data):
        from topics.corpus.ingest import ingest

        paths = [data] if isinstance(data, (str, Path)) else list(data)
        _check_paths(paths, texts=True)
        articles, errors = ingest(paths, read, n_jobs=workers, progress=progress)
        for e in errors:
            warnings.warn(f"skipped {e}", stacklevel=3)
        return articles
    if isinstance(data, Sequence) and all(isinstance(x, Article) for x in data):
        return list(data)
    if isinstance(data, Sequence) and all(isinstance(x, str) for x in data):
        return _from_frame(pd.DataFrame({"text": list(data)}), read)
    raise TypeError("data must be a path, a list of paths, a DataFrame with a 'text' "
                    f"column, a list of strings or a list of Article, not {type(data)}")


def _mark_reprints(articles, settings: ReprintSettings) -> None:
    if settings.skip and articles:
        from topics.corpus.dedupe import mark_reprints

        mark_reprints(articles, settings)


def articles_frame(articles: Sequence[Article]):
    """One row per article: id, title, date, source, authors, path, paragraphs, text."""
    import pandas as pd

    rows = [{"id": a.id, "title": a.title, "date": a.date, "source": a.source,
             "authors": a.authors, "path": a.path, "paragraphs": a.paragraphs,
             "text": a.text, "meta": a.meta, "duplicate_of": a.duplicate_of}
            for a in articles]
    columns = ["id", "title", "date", "source", "authors", "path", "paragraphs", "text",
               "meta", "duplicate_of"]
    return pd.DataFrame(rows, columns=columns)


def read(paths, *, progress: bool = True, **settings):
    """Files or folders -> a DataFrame of clean articles (one row each). A path that
    does not exist is an ``InputError``; files that cannot be read are skipped with a
    warning naming the file and the reason."""
    s = from_kwargs((ReadSettings, RunSettings), settings, "topics.read()")
    paths = [Path(p) for p in paths] if isinstance(paths, (list, tuple)) else Path(paths)
    arts = _articles(paths, s[ReadSettings], s[RunSettings].workers, _progress(progress))
    return articles_frame(arts)


def load_model(path=None):
    """The theme classifier in ``path``, or the model shipped with the package."""
    from topics.classify.label import load_classifier

    return load_classifier(path)


def label(data, model=None, *, unit: str = "article", progress: bool = True, **settings):
    """Themes for every article (``unit="article"``) or paragraph (``"paragraph"``):
    id, date, source, labels (a list) and one score column per theme (a paragraph's
    scores are mixed with its article's, ``context``; see ``label_articles``)."""
    from topics.classify.label import article_rows, label_corpus, paragraph_rows

    if unit not in ("article", "paragraph"):
        raise ConfigError(f"unit must be 'article' or 'paragraph', got {unit!r}")
    s = from_kwargs((LabelSettings, SchemeSettings, ReprintSettings, ReadSettings, RunSettings),
                    settings, "topics.label()")
    clf = model if hasattr(model, "predict_proba") else load_model(
        model or s[SchemeSettings].model or None)
    bar = _progress(progress)
    articles = _articles(_frame_or(data), s[ReadSettings], s[RunSettings].workers, bar)
    reprints = s[ReprintSettings]
    records = label_corpus(articles, clf, batch=s[LabelSettings].batch,
                           context=s[LabelSettings].context,
                           n_jobs=s[RunSettings].workers, progress=bar,
                           reprints=reprints if reprints.skip else None)
    return _rows_frame(article_rows if unit == "article" else paragraph_rows, records,
                       clf.classes_)


def _rows_frame(rows, records, classes):
    """The table ``rows`` makes; with no records, no rows but still its columns."""
    import pandas as pd

    if records:
        return pd.DataFrame(rows(records, classes))
    blank = {"id": "", "labels": [], "scores": {},
             "paragraphs": [{"text": "", "labels": [], "scores": {}}]}
    return pd.DataFrame(rows([blank], classes)).iloc[:0]


def _frame_or(data):
    """A DataFrame of ``topics.read`` keeps its paragraphs: label those, not re-cleaned."""
    import pandas as pd

    if isinstance(data, pd.DataFrame) and "paragraphs" in data.columns:
        keep = [c for c in ("id", "title", "date", "source", "paragraphs") if c in data]
        return data[keep]
    return data


def discover(data, k=TopicSettings.k, *, progress: bool = True, **settings):
    """Topics in ``data`` (see ``topics discover --help``): a ``TopicResult`` with
    ``topics_frame()``, ``doc_topics_frame()``, ``theme_map_frame()``, ``save(dir)``;
    figures from ``topics.topicmodel.report`` (``plot_top_words(result)`` …)."""
    from topics.themes import load_scheme
    from topics.topicmodel.pipeline import discover_articles, mapper_for

    s = from_kwargs((TopicSettings, SegmentSettings, SchemeSettings, ReprintSettings,
                     ReadSettings, RunSettings), {"k": k, **settings}, "topics.discover()")
    bar = _progress(progress)
    run = s[RunSettings]
    articles = _articles(_frame_or(data), s[ReadSettings], run.workers, bar)
    _mark_reprints(articles, s[ReprintSettings])
    articles = [a for a in articles if a.paragraphs and a.duplicate_of is None]
    if not articles:
        raise ConfigError("no articles to discover topics in")
    scheme = load_scheme(s[SchemeSettings].file or None)
    return discover_articles(articles, s[TopicSettings], s[SegmentSettings], scheme,
                             mapper=mapper_for(s[SchemeSettings], scheme), seed=run.seed,
                             n_jobs=run.workers, progress=bar)


def train(annotations, *, progress: bool = True, **settings):
    """A theme classifier trained on annotation JSONL file(s) (``topics train``); its
    cross-validated metrics are in ``model.cv_metrics_``."""
    from topics.classify.training import adapt, prepare_training, train_on_records

    files = [annotations] if isinstance(annotations, (str, Path)) else list(annotations)
    _check_paths(files)
    s = from_kwargs((ClassifierSettings, SchemeSettings, RunSettings), settings,
                    "topics.train()")
    records, vectors, unresolved = prepare_training(files, s[ClassifierSettings],
                                                    s[SchemeSettings])
    for problem in unresolved:
        warnings.warn(problem, stacklevel=2)
    seed, bar = s[RunSettings].seed, _progress(progress)
    if s[ClassifierSettings].base:    # adapt: its cross-validated F1 on your units is in
        clf, training = adapt(records, files, s[ClassifierSettings], random_state=seed,
                              progress=bar)     # clf.training_["domain_cv"]
    else:
        clf, training = train_on_records(records, files, s[ClassifierSettings],
                                         random_state=seed, vectors=vectors, progress=bar)
    clf.training_ = training
    return clf


def annotate(data, model=None, *, exclude=(), out=None, progress: bool = True, **settings):
    """The ``n`` paragraphs to annotate next (``topics annotate``), with the model's
    suggested labels, as a DataFrame; with ``out``, also written as JSONL for
    ``topics.annotation_form(out)`` and ``topics.train(out, base=...)``."""
    import pandas as pd

    from topics.classify.active import annotated_keys, annotation_batch

    s = from_kwargs((AnnotateSettings, SchemeSettings, ReadSettings, RunSettings), settings,
                    "topics.annotate()")
    files = [exclude] if isinstance(exclude, (str, Path)) else list(exclude)
    _check_paths(files)
    clf = model if hasattr(model, "predict_proba") else load_model(
        model or s[SchemeSettings].model or None)
    articles = _articles(_frame_or(data), s[ReadSettings], s[RunSettings].workers,
                         _progress(progress))
    batch = annotation_batch(articles, clf, s[AnnotateSettings].n,
                             annotated=annotated_keys(files), seed=s[RunSettings].seed)
    if out is not None:
        from topics.io import write_jsonl

        write_jsonl(out, batch, readable=True)
    return pd.DataFrame(batch)


def annotation_form(path):
    """A Jupyter form to correct the suggested labels of a batch file (ipywidgets)."""
    from topics.widgets import annotation_form as form

    _check_paths([path])
    return form(path)
