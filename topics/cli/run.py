"""``topics run``: reproduce an experiment from a config file into a new run folder."""
from __future__ import annotations

from topics.cli._flags import add_settings
from topics.cli._util import Progress, Reporter, UsageError, check_inputs
from topics.io import cannot_write
from topics.settings import SparkSettings

HELP = "run an experiment from a TOML config into a new runs/ folder"
DESCRIPTION = """\
Run every step an experiment file names (corpus, segmentation, topics or a k sweep,
classifier training on annotations, labelling, theme prevalence) and write a new folder
runs/<date>-<time>_<name>/ holding config.json (resolved), overrides.txt, manifest.json
(versions, Python, platform, git revision and dirty flag, seed, workers, SHA-256 and
counts of every input), metrics.json, artifacts/, figures/, run.log, report.md and a
self-contained report.html. The folder appears only when complete (it is built under
a temporary name), and an existing run folder is never overwritten.
Same config, seed and workers -> identical metrics.json and model arrays.
Write a commented experiment file with every setting: `topics init my.toml`.
--spark MASTER (or [spark] master in the file) reads, cleans, segments, counts words and
labels on a Spark cluster with the same functions; the run folder is written here, as
without Spark (the flags below are recorded as --set overrides).
Examples:
  topics run experiments/sample.toml
  topics run experiments/sample.toml --set topics.k=8 --set run.seed=2
  topics run experiments/shipped_model.toml --spark spark://head:7077"""


def add_arguments(p) -> None:
    p.add_argument("experiment", metavar="EXPERIMENT.toml")
    p.add_argument("--set", dest="overrides", action="append", default=[],
                   metavar="SECTION.NAME=VALUE",
                   help="override a setting, e.g. topics.k=20 (repeatable)")
    add_settings(p, SparkSettings)


def _spark_overrides(args) -> list[str]:
    """The Spark flags given, as ``spark.name=value`` overrides."""
    from dataclasses import fields

    from topics.settings import toml_value

    given = vars(args)
    return [f"spark.{f.name}={toml_value(given[f.metadata['key'] or f.name])}"
            for f in fields(SparkSettings) if (f.metadata["key"] or f.name) in given]


def run(args) -> int:
    check_inputs([args.experiment])
    from topics.config import load_config
    from topics.experiment import run_experiment
    from topics.runs import write_run

    overrides = args.overrides + _spark_overrides(args)
    cfg = load_config(args.experiment, overrides)
    runs_dir = cfg.path(cfg.run.runs_dir)
    if reason := cannot_write(runs_dir / "run"):     # found before the run, not after it
        raise UsageError(f"cannot write runs into {runs_dir}: {reason}")
    rep = Reporter(args.quiet)
    res = run_experiment(cfg, config_path=args.experiment, overrides=overrides,
                         progress=Progress(args.quiet))
    path = write_run(res)
    for line in res.input_errors:
        rep.error_text(line)
    rep.info(f"run written to {path} (report: {path / 'report.html'})")
    return rep.exit_code()
