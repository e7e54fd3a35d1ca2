"""``topics run``: reproduce an experiment from a config file into a new run folder."""
from __future__ import annotations

from topics.cli._util import Reporter
from topics.config import load_config
from topics.experiment import run_experiment

HELP = "run an experiment from a TOML config into a new runs/ folder"
DESCRIPTION = """\
Run every step an experiment file names (corpus, segmentation, topics or a k sweep,
classifier training on annotations, labelling, theme prevalence) and write a new folder
runs/<date>-<time>_<name>/ holding config.json (resolved), overrides.txt, manifest.json
(versions, Python, platform, git revision and dirty flag, seed, workers, SHA-256 and
counts of every input), metrics.json, artifacts/, figures/, run.log and report.md.
An existing run folder is never overwritten. Defaults: topics/data/experiment.toml.
Same config, seed and workers -> identical metrics.json and model arrays.
Examples:
  topics run experiments/sample.toml
  topics run experiments/sample.toml --set topics.k=8 --set run.seed=2"""


def add_arguments(p) -> None:
    p.add_argument("experiment", metavar="EXPERIMENT.toml")
    p.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE",
                   help="override a setting, e.g. topics.k=20 (repeatable)")


def run(args) -> int:
    cfg, resolved = load_config(args.experiment, args.overrides)
    rep = Reporter(args.quiet)
    path = run_experiment(cfg, resolved, config_path=args.experiment, overrides=args.overrides)
    for line in (path / "input_errors.txt").read_text(encoding="utf-8").splitlines():
        rep.error_text(line)
    rep.info(f"run written to {path} (report: {path / 'report.md'})")
    return rep.exit_code()
