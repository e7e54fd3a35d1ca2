"""``discover``: tokenised units in, a folder of topic results out (the CLI wraps this)."""
from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from topics.errors import ConfigError
from topics.io import write_csv, write_json
from topics.themes import ThemeScheme
from topics.topicmodel import coherence
from topics.features import bag_of_words
from topics.topicmodel.discover import (K_RULE, DiscoveredTopics, choose_k, describe,
                                        evaluate_topics, representative, seeded_labels, seeded_setup, sweep, top_words)
from topics.topicmodel.engines import DEFAULT_ITER
from topics.topicmodel.estimator import TopicModel
from topics.topicmodel.report import write_report
from topics.units import Unit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DiscoverOptions:
    ks: tuple[int, ...] = (20,)
    engine: str = "tomotopy"
    seed: int = 0
    n_seeds: int = 1
    n_iter: int | None = None
    min_df: int | float = 5
    max_df: float = 0.5
    min_tokens: int = 3
    seeded: bool = False
    extra_topics: int = 3
    n_jobs: int = 1
    max_coherence_texts: int = 5000


OUTPUTS = ("topics.json", "doc_topics.csv", "theme_map.csv", "vocabulary.txt", "report.md", "sweep.csv", "unit_themes.csv", "model", "figures")


def check_out_dir(out: Path, force: bool) -> None:
    """Refuse a file or a non-empty folder; with ``force``, remove this command's earlier outputs."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file; --out needs a folder")
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ConfigError(f"output folder {out} is not empty; choose a new folder or pass --force to overwrite")
        import shutil

        for name in OUTPUTS:
            target = out / name
            shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)


def discover(units: list[Unit], out: Path, opts: DiscoverOptions, scheme: ThemeScheme, segmenter_params: dict, *,
             progress=None, fit_progress=None) -> dict:
    """Fit (or sweep), describe and write everything to ``out``. ``progress`` wraps the
    sweep grid iterator; ``fit_progress(done, total)`` follows a single model's training."""
    kept = [u for u in units if len(u.tokens) >= opts.min_tokens]
    if not kept:
        raise ConfigError(f"no unit has {opts.min_tokens} or more tokens; lower --min-tokens or check the input")
    X, vocab = bag_of_words([u.tokens for u in kept], min_df=opts.min_df, max_df=opts.max_df)
    texts = [u.tokens for u in kept]
    seeds = [opts.seed + i for i in range(opts.n_seeds)]
    topic_themes, priors = None, None
    ks = list(opts.ks)
    if opts.seeded:
        k, priors, topic_themes = seeded_setup(scheme, vocab, opts.extra_topics)
        ks = [k]

    def make(k, s):
        return TopicModel(k, engine=opts.engine, n_iter=opts.n_iter, random_state=s, n_jobs=opts.n_jobs, seed_words=priors)

    if len(ks) > 1 or len(seeds) > 1:
        rows, models = sweep(X, vocab, texts, ks, seeds, make_model=make, max_texts=opts.max_coherence_texts, progress=progress)
        k = choose_k(rows)
        model = models[(k, opts.seed)]
        sweep_rows = [asdict(r) for r in rows]
    else:
        k = ks[0]
        model = make(k, opts.seed).fit(X, progress=fit_progress)
        sweep_rows = []
    doc_topic = model.transform(X)
    quality = evaluate_topics(top_words(model, vocab), coherence.sample_texts(texts, opts.max_coherence_texts))
    topics = describe(model, vocab, X, doc_topic, scheme, seeded_themes=topic_themes)
    reps = representative(doc_topic, np.array([len(u.tokens) for u in kept]))
    examples = {t: [{"id": kept[i].id, "share": float(doc_topic[i, t]), "text": kept[i].text} for i in idxs] for t, idxs in enumerate(reps)}
    for t in topics:
        t["representative"] = [e["id"] for e in examples[t["id"]]]
    params = {"k": k, "engine": opts.engine, "seed": opts.seed, "n_iter": model.n_iter or DEFAULT_ITER[opts.engine], "n_jobs": opts.n_jobs,
              "unit": "paragraph" if ":p" in kept[0].id else "article", "n_units": len(kept), "n_words": len(vocab),
              "min_df": opts.min_df, "max_df": opts.max_df, "seeded": opts.seeded}
    write_outputs(out, model, vocab, topics, doc_topic, kept, params, segmenter_params, topic_themes)
    write_report(out, topics=topics, params=params, sweep_rows=sweep_rows, chosen_k=k, rule=K_RULE,
                 examples=examples, theme_ids=scheme.ids, quality=quality)
    if sweep_rows:
        write_csv(out / "sweep.csv", sweep_rows, ["k", "seed", "npmi", "c_v", "diversity"])
    return {"k": k, "quality": quality, "sweep": sweep_rows, "n_units": len(kept), "n_words": len(vocab)}


def write_outputs(out: Path, model, vocab, topics, doc_topic, units, params, segmenter_params, topic_themes) -> None:
    write_json(out / "topics.json", {"k": params["k"], "engine": params["engine"], "params": params,
                                     "topics": [{k: t[k] for k in ("id", "words", "weights", "share", "theme", "label", "frex", "relevance", "representative")} for t in topics]})
    cols = [f"topic_{t}" for t in range(doc_topic.shape[1])]
    write_csv(out / "doc_topics.csv", ({"unit_id": u.id, "date": u.date or "", **{c: f"{v:.5f}" for c, v in zip(cols, row)}}
                                      for u, row in zip(units, doc_topic)), ["unit_id", "date", *cols])
    write_csv(out / "theme_map.csv", ({"topic": t["id"], "label": t["label"], "theme": t["theme"] or "", **t["theme_scores"]} for t in topics),
              ["topic", "label", "theme", *topics[0]["theme_scores"].keys()])
    (out / "vocabulary.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    DiscoveredTopics(vocab, model.components_, model.alpha_, params, segmenter_params, topics).save(out / "model")
    if topic_themes:
        labels = seeded_labels(doc_topic, topic_themes)
        write_csv(out / "unit_themes.csv", ({"unit_id": u.id, "theme": lab} for u, lab in zip(units, labels)), ["unit_id", "theme"])
