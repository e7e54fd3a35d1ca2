"""``topics report RUN``: (re)write a run's report.md with its figures."""
from __future__ import annotations

from topics.runreport import write_run_report

HELP = "write a run's Markdown report with figures"
DESCRIPTION = """\
Write RUN/report.md: coherence vs k and topic word charts, classifier per-theme metrics,
confusion matrix, calibration curve, the most and least confidently labelled examples,
and theme shares over time and by source with bootstrap confidence intervals.
  topics report runs/20261122-101500_sample"""


def add_arguments(p) -> None:
    p.add_argument("run_dir", metavar="RUN")


def run(args) -> int:
    path = write_run_report(args.run_dir)
    if not args.quiet:
        print(f"report written to {path}")
    return 0
