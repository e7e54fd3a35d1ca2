"""topics: find and label themes in Chinese local-government news.

    import topics
    articles = topics.read("corpus/")          # DataFrame of clean articles
    topics.label(articles)                     # themes per article (DataFrame)
    topics.label(articles, unit="paragraph")   # themes per paragraph
    result = topics.discover(articles, k=20)   # topics, with frames, plots and save()
    model = topics.load_model()                # the shipped theme classifier

Names are imported on first use, so ``import topics`` stays fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_LAZY = {
    "read": "topics.api", "label": "topics.api", "discover": "topics.api",
    "train": "topics.api", "load_model": "topics.api", "articles_frame": "topics.api",
    "annotate": "topics.api", "annotation_form": "topics.api",
    "sample_path": "topics.resources", "load_config": "topics.config",
    "run_experiment": "topics.experiment", "write_run": "topics.runs",
    "TopicModel": "topics.topicmodel.estimator", "TopicResult": "topics.topicmodel.pipeline",
    "ThemeClassifier": "topics.classify.model", "Segmenter": "topics.segment",
    "Article": "topics.corpus.article", "TopicsError": "topics.errors",
}
__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'topics' has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
