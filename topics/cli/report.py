"""``topics report RUN``: (re)write a run's reports with their figures."""
from __future__ import annotations

from topics.cli._util import check_inputs

HELP = "write a run's Markdown and HTML reports with figures"
DESCRIPTION = """\
Write RUN/report.md and RUN/report.html (self-contained, opens offline): topics,
classifier per-theme metrics, confusion matrix, calibration curve, the most and least
confidently labelled examples, and theme shares over time and by source with bootstrap
confidence intervals.
  topics report runs/20261122-101500_sample"""


def add_arguments(p) -> None:
    p.add_argument("run_dir", metavar="RUN")


def run(args) -> int:
    check_inputs([args.run_dir])
    from topics.runreport import write_run_report

    path = write_run_report(args.run_dir)
    if not args.quiet:
        print(f"reports written to {path} and {path.with_suffix('.html')}")
    return 0
