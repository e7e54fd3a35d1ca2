"""``run_experiment``: one config in, one complete run folder out.

Steps: read the corpus -> units -> tokens -> topics (optional) -> classifier (train on
annotations, or load a model) -> label the corpus -> theme prevalence over time and
by source -> metrics.json, manifest.json, report.md.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from topics.annotations import load_records, resolve_texts, validate
from topics.classify.label import label_articles, load_classifier
from topics.classify.training import train_on_records
from topics.classify.vectors import WordVectors
from topics.config import Config
from topics.corpus.ingest import IngestOptions, ingest
from topics.errors import ConfigError
from topics.io import write_csv, write_json, write_jsonl
from topics.prevalence import choose_granularity, period_of, prevalence
from topics.runs import input_files, new_run_dir, write_manifest
from topics.segment import Segmenter, read_word_file
from topics.themes import load_scheme
from topics.topicmodel.discover import parse_k
from topics.topicmodel.pipeline import DiscoverOptions, discover
from topics.units import make_units, tokenize_units

log = logging.getLogger(__name__)


def _segmenter(cfg: Config) -> Segmenter:
    s = cfg.segment
    extra = read_word_file(cfg.path(s.terms_file)) if s.terms_file else ()
    return Segmenter(engine=s.engine, policy_terms=s.policy_terms, extra_terms=extra, stopwords=s.stopwords,
                     policy_stopwords=s.policy_stopwords, min_len=s.min_len)


def _run_log(run: Path) -> logging.Handler:
    handler = logging.FileHandler(run / "run.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("topics").addHandler(handler)
    logging.getLogger("topics").setLevel(logging.INFO)
    return handler


def run_experiment(cfg: Config, resolved: dict, *, config_path=None, overrides=(), run_dir: Path | None = None) -> Path:
    run = run_dir or new_run_dir(cfg.path(cfg.run.runs_dir).resolve(), cfg.run.name)
    started = dt.datetime.now().isoformat(timespec="seconds")
    write_json(run / "config.json", resolved)
    (run / "overrides.txt").write_text("".join(f"{o}\n" for o in overrides), encoding="utf-8")
    handler = _run_log(run)
    try:
        metrics, counts, inputs = _steps(cfg, run)
        write_json(run / "metrics.json", metrics)
        write_manifest(run, config_path=config_path, overrides=overrides, seed=cfg.run.seed, workers=cfg.run.workers,
                       inputs=inputs, counts=counts, started=started)
        from topics.runreport import write_run_report

        write_run_report(run)
    finally:
        logging.getLogger("topics").removeHandler(handler)
        handler.close()
    return run


def _steps(cfg: Config, run: Path) -> tuple[dict, dict, dict]:
    art = run / "artifacts"
    vectors = _word_vectors(cfg)          # before the long steps: a wrong folder fails at once
    paths = [cfg.path(p) for p in cfg.corpus.paths]
    opts = IngestOptions(simplified=cfg.corpus.simplified, split=cfg.corpus.split)
    articles, errors = ingest(paths, opts, n_jobs=cfg.run.workers)
    for e in errors:
        log.warning("input skipped: %s", e)
    (run / "input_errors.txt").write_text("".join(f"{e}\n" for e in errors), encoding="utf-8")
    if not articles:
        raise ConfigError(f"no article could be read from {', '.join(map(str, paths))}")
    log.info("read %d articles (%d inputs failed)", len(articles), len(errors))
    write_jsonl(art / "articles.jsonl", (a.to_dict() for a in articles))
    units = tokenize_units(make_units(articles, cfg.corpus.unit), (seg := _segmenter(cfg)), n_jobs=cfg.run.workers)
    counts = {"articles": len(articles), "input_errors": len(errors), "units": len(units)}
    inputs = {"corpus": input_files(paths)}
    metrics: dict = {}
    scheme = load_scheme(cfg.path(cfg.topics.themes_file) if cfg.topics.themes_file else None)
    if cfg.topics.enabled:
        t = cfg.topics
        dopts = DiscoverOptions(ks=tuple(parse_k(t.k)), engine=t.engine, seed=cfg.run.seed, n_seeds=t.n_seeds,
                                n_iter=t.iterations or None, min_df=int(t.min_df) if t.min_df >= 1 else t.min_df,
                                max_df=t.max_df, min_tokens=t.min_tokens, seeded=t.seeded, n_jobs=cfg.run.workers)
        (art / "topics").mkdir()
        summary = discover(units, art / "topics", dopts, scheme, seg.get_params())
        metrics["topics"] = {"k": summary["k"], **{k: round(v, 4) for k, v in summary["quality"].items()},
                             "n_units": summary["n_units"], "n_words": summary["n_words"]}
        log.info("topics: %s", metrics["topics"])
    clf = _classifier(cfg, art, metrics, inputs, counts, vectors)
    if cfg.label.enabled and clf is not None:
        _label(cfg, articles, clf, art, metrics)
    return metrics, counts, inputs


def _word_vectors(cfg: Config) -> WordVectors | None:
    c = cfg.classifier
    if not c.vectors:
        return None
    if not (c.enabled and c.annotations):
        log.warning("classifier.vectors is set but no classifier is trained (no annotations): ignored")
        return None
    return WordVectors.load(cfg.path(c.vectors))


def _classifier(cfg: Config, art: Path, metrics: dict, inputs: dict, counts: dict, vectors: WordVectors | None):
    c = cfg.classifier
    if not c.enabled:
        return None
    if not c.annotations:
        return load_classifier(cfg.path(c.model) if c.model else None)
    files = [cfg.path(p) for p in c.annotations]
    records = load_records(files)
    problems = resolve_texts(records) + validate(records)
    if problems:
        raise ConfigError(f"{len(problems)} annotation problem(s), first: {problems[0]}; run `topics validate`")
    inputs["annotations"] = input_files(files)
    counts["annotated_units"] = len(records)
    if vectors is not None:
        inputs["vectors"] = input_files([cfg.path(c.vectors)])
    clf, training = train_on_records(records, files, C=c.C, folds=c.folds, random_state=cfg.run.seed,
                                     vectors=vectors, vector_weight=c.vector_weight)
    clf.save(art / "model", training=training)
    metrics["classifier"] = clf.cv_metrics_
    write_jsonl(art / "classifier_oof.jsonl", (
        {"id": r["id"], "text": r["text"], "labels": r["labels"], "predicted": p,
         "proba": {k: round(float(v), 5) for k, v in zip(clf.classes_, row)}}
        for r, p, row in zip(records, clf.oof_pred_, clf.oof_proba_)))
    log.info("classifier: micro-F1 %.3f, macro-F1 %.3f", clf.cv_metrics_["micro_f1"], clf.cv_metrics_["macro_f1"])
    return clf


def _label(cfg: Config, articles, clf, art: Path, metrics: dict) -> None:
    records = []
    for start in range(0, len(articles), 500):
        batch = articles[start:start + 500]
        for a, rec in zip(batch, label_articles(batch, clf)):
            rec.update(date=a.date, source=a.source)
            records.append(rec)
    write_jsonl(art / "predictions.jsonl", records)
    gran = choose_granularity([r["date"] for r in records if r["date"]])
    by_time = prevalence(records, clf.classes_, lambda r: period_of(r["date"], gran), n_boot=cfg.label.bootstrap, seed=cfg.run.seed)
    by_source = prevalence(records, clf.classes_, lambda r: r["source"] or "unknown", n_boot=cfg.label.bootstrap, seed=cfg.run.seed)
    overall = prevalence(records, clf.classes_, lambda r: "all", n_boot=cfg.label.bootstrap, seed=cfg.run.seed)
    cols = ["group", "theme", "share", "low", "high", "n_articles", "n_paragraphs"]
    write_csv(art / "prevalence_by_time.csv", by_time, cols)
    write_csv(art / "prevalence_by_source.csv", by_source, cols)
    metrics["prevalence"] = {"granularity": gran, "overall": {r["theme"]: [r["share"], r["low"], r["high"]] for r in overall}}
