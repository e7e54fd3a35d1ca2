"""``fit_topics``: tokenised units in, a ``TopicResult`` out (computing only).

Writing the result to a folder is ``TopicResult.save`` (``topics.topicmodel.output``);
the CLI and ``topics run`` call both, a notebook may only call the first.
"""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field

import numpy as np

from topics.errors import ConfigError
from topics.features import bag_of_words
from topics.settings import TopicSettings
from topics.themes import OTHER, Mapper, ThemeScheme
from topics.topicmodel import coherence
from topics.topicmodel.discover import (K_RULE, DiscoveredTopics, choose_k, describe,
                                        evaluate_topics, representative, seeded_labels,
                                        seeded_setup, sweep, top_words)
from topics.topicmodel.estimator import TopicModel
from topics.units import Unit

log = logging.getLogger(__name__)
MAX_COHERENCE_TEXTS = 5000


@dataclass
class TopicResult:
    """A fitted topic model with its description, quality and the units it was fitted
    on. ``frames()`` gives pandas tables; ``save(folder)`` writes every output."""

    model: DiscoveredTopics
    units: list[Unit]
    doc_topic: np.ndarray
    quality: dict
    theme_ids: list[str]
    sweep: list[dict] = field(default_factory=list)
    examples: dict = field(default_factory=dict)
    unit_themes: list[str] | None = None
    rule: str = K_RULE

    @property
    def topics(self) -> list[dict]:
        return self.model.topics

    @property
    def params(self) -> dict:
        return self.model.params

    @property
    def k(self) -> int:
        return self.model.k

    def topics_frame(self):
        """One row per topic: id, label, theme, share, top words, FREX words."""
        import pandas as pd

        return pd.DataFrame([{
            "topic": t["id"], "label": t["label"], "theme": t["theme"] or "",
            "share": t["share"], "words": " ".join(t["words"][:10]),
            "frex": " ".join(t["frex"][:10])} for t in self.topics])

    def doc_topics_frame(self):
        """One row per unit: unit_id, article_id, date, source, topic_0 … topic_{k-1}."""
        import pandas as pd

        df = pd.DataFrame(self.doc_topic, columns=[f"topic_{t}" for t in range(self.k)])
        meta = pd.DataFrame([{"unit_id": u.id, "article_id": u.article_id, "date": u.date,
                              "source": u.source} for u in self.units])
        return pd.concat([meta, df], axis=1)

    def theme_map_frame(self):
        """One row per topic: the evidence for each theme and the theme chosen."""
        import pandas as pd

        return pd.DataFrame([{"topic": t["id"], "label": t["label"], "theme": t["theme"] or "",
                              **({"seed_theme": t["seed_theme"]} if "seed_theme" in t else {}),
                              **t["theme_scores"]} for t in self.topics])

    def sweep_frame(self):
        import pandas as pd

        return pd.DataFrame(self.sweep, columns=["k", "seed", "npmi", "c_v", "diversity"])

    def save(self, folder, *, force: bool = False):
        """Write every output to ``folder`` (new or empty, or ``force``)."""
        from topics.topicmodel.output import write_topic_result

        return write_topic_result(self, folder, force=force)


def _fit(X, vocab, texts, settings: TopicSettings, *, seed: int, n_jobs: int, priors,
         progress) -> tuple[TopicModel, int, list[dict]]:
    """The model to keep, its k, and the sweep rows (empty for a single fit)."""
    ks = settings.ks
    seeds = [seed + i for i in range(settings.n_seeds)]

    def make(k, s):
        return TopicModel(k, engine=settings.engine, n_iter=settings.iterations or None,
                          random_state=s, n_jobs=n_jobs, seed_words=priors)

    if len(ks) > 1 or len(seeds) > 1:
        rows, models = sweep(X, vocab, texts, ks, seeds, make_model=make,
                             max_texts=MAX_COHERENCE_TEXTS, progress=progress)
        k = choose_k(rows)
        return models[(k, seed)], k, [asdict(r) for r in rows]
    fit_progress = (lambda done, total: progress("fit", done, total)) if progress else None
    return make(ks[0], seed).fit(X, progress=fit_progress), ks[0], []


def fit_topics(units: list[Unit], settings: TopicSettings, scheme: ThemeScheme,
               segmenter_params: dict, *, mapper: Mapper | None = None, seed: int = 0,
               n_jobs: int = 1, progress=None, counts=None) -> TopicResult:
    """Fit (or sweep k), describe, score; ``progress(step, done, total)`` follows the
    sweep or the single model's training. ``counts``: the units' ``(X, vocabulary)``
    when made elsewhere (``topics.spark.discover`` counts them on a cluster), else
    ``bag_of_words`` of the units with at least ``min_tokens`` tokens."""
    kept = [u for u in units if len(u.tokens) >= settings.min_tokens]
    if not kept:
        raise ConfigError(f"no unit has min_tokens={settings.min_tokens} or more tokens; "
                          "lower min_tokens or check the input")
    texts = [u.tokens for u in kept]
    if counts is not None and counts[0].shape[0] != len(kept):
        raise ValueError(f"counts has {counts[0].shape[0]} rows for {len(kept)} units")
    X, vocab = counts if counts is not None else bag_of_words(
        texts, min_df=settings.min_df_value, max_df=settings.max_df)
    topic_themes, priors = None, None
    if settings.seeded:
        k_seeded, priors, topic_themes = seeded_setup(scheme, vocab, settings.extra_topics)
        settings = settings.replace(k=str(k_seeded), n_seeds=1)
    model, k, rows = _fit(X, vocab, texts, settings, seed=seed, n_jobs=n_jobs,
                          priors=priors, progress=progress)
    doc_topic = model.transform(X)
    ref = coherence.sample_texts(texts, MAX_COHERENCE_TEXTS)
    quality = evaluate_topics(top_words(model, vocab), ref)
    mapping = (mapper or Mapper()).map(model.components_, vocab, scheme, doc_topic,
                                       [u.text for u in kept])
    topics = describe(model, vocab, X, doc_topic, mapping, seeded_themes=topic_themes)
    reps = representative(doc_topic, np.array([len(t) for t in texts]))
    examples = {t: [{"id": kept[i].id, "share": float(doc_topic[i, t]), "text": kept[i].text}
                    for i in idxs] for t, idxs in enumerate(reps)}
    for t in topics:
        t["representative"] = [e["id"] for e in examples[t["id"]]]
    params = {"k": k, "engine": settings.engine, "seed": seed,
              "n_iter": model.n_iter_, "n_jobs": model.n_jobs_,
              "unit": settings.unit, "n_units": len(kept), "n_words": len(vocab),
              "min_df": settings.min_df_value, "max_df": settings.max_df,
              "seeded": settings.seeded}
    found = DiscoveredTopics(vocab, model.components_, model.alpha_, params,
                             segmenter_params, topics)
    labels = seeded_labels(doc_topic, [t["theme"] or OTHER for t in topics]) \
        if topic_themes else None
    return TopicResult(found, kept, doc_topic, quality, scheme.ids, rows, examples, labels)


def mapper_for(settings, scheme: ThemeScheme, *, resolve=None) -> Mapper:
    """The ``Mapper`` that ``SchemeSettings`` name; the classifier must know the
    scheme's themes."""
    from pathlib import Path

    if settings.mapping == "seeds":
        return Mapper("seeds")
    from topics.classify.label import load_classifier

    clf = load_classifier((resolve or Path)(settings.model) if settings.model else None)
    missing = sorted(set(scheme.ids) - set(clf.classes_))
    if missing:
        raise ConfigError(f"the theme model does not know theme(s) {', '.join(missing)} of the "
                          "scheme; name a model trained on it (themes.model, --model) or map "
                          "by seed words (themes.mapping = \"seeds\", --mapping seeds)")
    return Mapper("classifier", settings.min_agreement, clf.predict)


def discover_articles(articles, topics: TopicSettings, segment, scheme: ThemeScheme, *,
                      mapper: Mapper | None = None, seed: int = 0, n_jobs: int = 1,
                      resolve=None, progress=None) -> TopicResult:
    """Articles -> units (paragraphs or articles) -> tokens -> ``fit_topics``.
    ``resolve`` turns a settings path (terms or stop-word file) into a file path."""
    from pathlib import Path

    from topics.segment import segmenter_from
    from topics.units import make_units, tokenize_units

    units = make_units(articles, topics.unit)
    seg = segmenter_from(segment, (u.text for u in units), resolve=resolve or Path)
    tokenize_units(units, seg, n_jobs=n_jobs, progress=progress)
    return fit_topics(units, topics, scheme, seg.get_params(), mapper=mapper, seed=seed,
                      n_jobs=n_jobs, progress=progress)
