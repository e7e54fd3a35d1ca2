"""``run_experiment``: one config in, a ``RunResult`` out (computing only);
``write_run``: the result into a new run folder, built under a temporary name and
renamed when complete (``topics.runs``).

Steps: read the corpus -> units -> tokens -> topics (optional) -> classifier (train on
annotations, or load a model) -> label the corpus -> theme prevalence over time and by
source -> metrics. With ``[spark] master`` set, reading, cleaning, segmentation, word
counts and labelling run on that Spark cluster (``topics.spark``) with the same
functions; the results come back here in the same order, so the run folder is the same.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from topics.config import Config, check_paths
from topics.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    cfg: Config
    config_path: str | None
    overrides: tuple[str, ...]
    started: str
    articles: list
    input_errors: list[str]
    inputs: dict
    counts: dict
    metrics: dict = field(default_factory=dict)
    topics: object = None                 # TopicResult
    classifier: object = None             # ThemeClassifier
    training: dict | None = None          # how the classifier was trained (if it was)
    annotations: list[dict] = field(default_factory=list)
    predictions: list[dict] = field(default_factory=list)
    prevalence: dict = field(default_factory=dict)
    log_lines: list[str] = field(default_factory=list)


class _Lines(logging.Handler):
    """Keeps the run's log records (written to run.log with the folder)."""

    def __init__(self, lines: list[str]):
        super().__init__(logging.INFO)
        self.lines = lines
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record):
        self.lines.append(self.format(record))


def run_experiment(cfg: Config, *, config_path=None, overrides=(), progress=None) -> RunResult:
    """Every step the config names; ``progress(step, done, total)`` follows each."""
    check_paths(cfg)
    lines: list[str] = []
    handler, logger = _Lines(lines), logging.getLogger("topics")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(min(old_level or logging.INFO, logging.INFO))
    try:
        if cfg.spark.master:
            from topics.spark.session import spark_session

            with spark_session(cfg.spark) as spark:
                res = _steps(cfg, config_path, tuple(overrides), progress, spark)
        else:
            res = _steps(cfg, config_path, tuple(overrides), progress)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    res.log_lines = lines
    return res


def _read(cfg: Config, progress, spark=None) -> tuple[list, list[str], dict, object]:
    """Articles, error lines, input files and (on Spark) the ``SparkCorpus``."""
    from topics.corpus.ingest import ingest
    from topics.runs import input_files
    from topics.spark.files import is_uri

    paths = [p if is_uri(p) else cfg.path(p) for p in cfg.corpus.paths]
    corpus = None
    if spark is not None:
        from topics.spark.read import read_corpus

        corpus = read_corpus(spark, paths, cfg.read, cfg.spark)
        articles, errors = corpus.articles(), corpus.errors
    else:
        articles, errors = ingest(paths, cfg.read, n_jobs=cfg.run.workers,
                                  progress=progress)
    for e in errors:      # kept in the result (``input_errors``); `topics run` prints them
        log.info("input skipped: %s", e)
    if not articles:
        raise ConfigError(f"no article could be read from {', '.join(map(str, paths))}")
    log.info("read %d articles (%d inputs failed, %d empty records)", len(articles),
             len(errors), sum(not a.paragraphs for a in articles))
    files = input_files([p for p in paths if not is_uri(p)])
    files += [{"path": str(p), "bytes": None, "sha256": None}
              for p in paths if is_uri(p)]
    return articles, [str(e) for e in errors], {"corpus": files}, corpus


def _steps(cfg: Config, config_path, overrides, progress, spark=None) -> RunResult:
    from topics.themes import load_scheme

    started = dt.datetime.now().isoformat(timespec="seconds")
    articles, errors, inputs, corpus = _read(cfg, progress, spark)
    if cfg.reprints.skip and corpus is not None:
        log.warning("reprints are found on one machine only: this Spark run keeps and "
                    "counts them, and records reprints.skip = false (set it so to "
                    "silence this)")
        cfg = Config({**cfg.sections, "reprints": cfg.reprints.replace(skip=False)},
                     cfg.base_dir)      # config.json records what was done
    res = RunResult(cfg, str(config_path) if config_path else None, overrides, started,
                    articles, errors, inputs,
                    {"articles": len(articles), "input_errors": len(errors),
                     "empty_records": sum(not a.paragraphs for a in articles)})
    if cfg.reprints.skip:
        from topics.corpus.dedupe import mark_reprints

        res.counts["reprints"] = mark_reprints(articles, cfg.reprints)
        log.info("%d reprints of earlier articles: each story counted once",
                 res.counts["reprints"])
    scheme = load_scheme(cfg.path(cfg.themes.file) if cfg.themes.file else None)
    if cfg.classifier.enabled:
        _classifier(cfg, res, progress)
    if cfg.topics.enabled:
        _topics(cfg, res, scheme, progress, corpus)
    if cfg.classifier.enabled and cfg.label.enabled:
        _label(cfg, res, progress, corpus)
    if corpus is not None:
        corpus.release()
    return res


def _topics(cfg: Config, res: RunResult, scheme, progress, corpus=None) -> None:
    from topics.topicmodel.pipeline import discover_articles, mapper_for

    from topics.themes import Mapper

    if cfg.themes.mapping == "classifier" and res.classifier is not None:
        mapper = Mapper("classifier", cfg.themes.min_agreement, res.classifier.predict)
    else:  # the run's own classifier maps topics when it has one
        mapper = mapper_for(cfg.themes, scheme, resolve=cfg.path)
    common = dict(mapper=mapper, seed=cfg.run.seed, n_jobs=cfg.run.workers,
                  resolve=cfg.path, progress=progress)
    if corpus is not None:
        from topics.spark.discover import discover_on_spark

        t = discover_on_spark(corpus.spark, corpus, cfg.topics, cfg.segment, scheme,
                              **common)
    else:
        stories = [a for a in res.articles if a.duplicate_of is None]
        t = discover_articles(stories, cfg.topics, cfg.segment, scheme, **common)
    res.topics = t
    res.counts["units"] = t.params["n_units"]
    res.metrics["topics"] = {"k": t.k, **{k: round(v, 4) for k, v in t.quality.items()},
                             "n_units": t.params["n_units"], "n_words": t.params["n_words"]}
    log.info("topics: %s", res.metrics["topics"])


def _classifier(cfg: Config, res: RunResult, progress) -> None:
    from topics.classify.label import load_classifier
    from topics.classify.training import prepare_training, train_on_records
    from topics.runs import input_files

    c = cfg.classifier
    if not c.annotations:
        res.classifier = load_classifier(cfg.path(cfg.themes.model) if cfg.themes.model else None)
        return
    files = [cfg.path(p) for p in c.annotations]
    records, vectors, unresolved = prepare_training(files, c, cfg.themes, resolve=cfg.path)
    if unresolved:
        raise ConfigError(f"{len(unresolved)} annotation id(s) do not resolve, first: "
                          f"{unresolved[0]}; run `topics validate`")
    res.inputs["annotations"] = input_files(files)
    if vectors is not None:
        res.inputs["vectors"] = input_files([cfg.path(c.vectors)])
    res.counts["annotated_units"] = len(records)
    res.classifier, res.training = train_on_records(records, files, c,
                                                    random_state=cfg.run.seed,
                                                    vectors=vectors, progress=progress)
    res.annotations = records
    res.metrics["classifier"] = {**res.classifier.cv_metrics_, "words": res.classifier.words_,
                                 "words_cv": res.classifier.words_cv_}
    log.info("classifier: micro-F1 %.3f, macro-F1 %.3f",
             res.classifier.cv_metrics_["micro_f1"], res.classifier.cv_metrics_["macro_f1"])


def _label(cfg: Config, res: RunResult, progress, corpus=None) -> None:
    from topics.classify.label import label_corpus
    from topics.prevalence import choose_granularity, period_of, prevalence

    clf = res.classifier
    if corpus is not None:
        from topics.spark.steps import collect_sorted, label

        res.predictions = collect_sorted(label(corpus.spark, corpus, clf,
                                               batch=cfg.label.batch,
                                               context=cfg.label.context))
    else:
        res.predictions = label_corpus(res.articles, clf, batch=cfg.label.batch,
                                       context=cfg.label.context,
                                       n_jobs=cfg.run.workers, progress=progress)
    records = [r for r in res.predictions if not r.get("duplicate_of")]
    n = cfg.label.bootstrap
    gran = choose_granularity([r["date"] for r in records if r["date"]], cfg.label.period)
    keys = {"by_time": lambda r: period_of(r["date"], gran),
            "by_source": lambda r: r["source"] or "unknown", "overall": lambda r: "all"}
    res.prevalence = {name: prevalence(records, clf.classes_, key, n_boot=n,
                                       seed=cfg.run.seed) for name, key in keys.items()}
    res.metrics["prevalence"] = {
        "granularity": gran, "bootstrap": n,
        "undated_articles": sum(period_of(r["date"], gran) is None for r in records),
        "overall": {r["theme"]: [r["share"], r["low"], r["high"]]
                    for r in res.prevalence["overall"]}}
