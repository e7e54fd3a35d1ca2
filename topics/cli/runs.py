"""``topics runs list|compare``: the runs on disk and how two of them differ."""
from __future__ import annotations

from pathlib import Path

from topics.cli._util import UsageError
from topics.runs import compare, list_runs, load_run

HELP = "list runs, or compare two runs' settings and metrics"
DESCRIPTION = """\
  topics runs list [--runs-dir runs]      one line per run: name, seed, workers, key metrics
  topics runs compare RUN_A RUN_B          every setting and metric that differs"""


def add_arguments(p) -> None:
    p.add_argument("action", choices=["list", "compare"])
    p.add_argument("runs", nargs="*", metavar="RUN")
    p.add_argument("--runs-dir", default="runs")


def _fmt(v):
    return f"{v:.4f}" if isinstance(v, float) else str(v)


def run(args) -> int:
    if args.action == "list":
        runs = list_runs(Path(args.runs_dir))
        print(f"{'run':<44}{'seed':>5}{'workers':>8}{'k':>4}{'NPMI':>8}{'micro-F1':>9}{'macro-F1':>9}")
        for r in runs:
            m, man = r["metrics"], r["manifest"]
            t, c = m.get("topics", {}), m.get("classifier", {})
            print(f"{r['path'].name:<44}{man.get('seed', ''):>5}{man.get('workers', ''):>8}{t.get('k', '-'):>4}"
                  f"{_fmt(t.get('npmi', '-')):>8}{_fmt(c.get('micro_f1', '-')):>9}{_fmt(c.get('macro_f1', '-')):>9}")
        if not runs:
            print(f"(no runs in {args.runs_dir})")
        return 0
    if len(args.runs) != 2:
        raise UsageError("compare needs exactly two run folders: topics runs compare RUN_A RUN_B")
    diff = compare(load_run(Path(args.runs[0])), load_run(Path(args.runs[1])))
    for part in ("config", "metrics"):
        print(f"{part}: {len(diff[part])} difference(s)")
        for key, (a, b) in diff[part].items():
            print(f"  {key}: {_fmt(a)} -> {_fmt(b)}")
    return 0
