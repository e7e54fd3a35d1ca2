"""``topics runs list|compare``: the runs on disk and how two of them differ."""
from __future__ import annotations

from topics.cli._util import UsageError, print_table

HELP = "list runs, or compare two runs' settings and metrics"
DESCRIPTION = """\
  topics runs list [--runs-dir runs]      one line per run: name, seed, workers, key metrics
  topics runs compare RUN_A RUN_B          every setting and metric that differs"""


def add_arguments(p) -> None:
    p.add_argument("action", choices=["list", "compare"])
    p.add_argument("runs", nargs="*", metavar="RUN")
    p.add_argument("--runs-dir", default="runs", help="where to look (default: runs)")


def _fmt(v):
    return f"{v:.4f}" if isinstance(v, float) else "-" if v is None else str(v)


def _list(runs_dir: str) -> int:
    from pathlib import Path

    from topics.runs import list_runs

    runs = list_runs(Path(runs_dir))
    if not runs:
        print(f"(no runs in {runs_dir})")
        return 0
    rows = []
    for r in runs:
        m, man = r["metrics"], r["manifest"]
        t, c = m.get("topics", {}), m.get("classifier", {})
        rows.append([r["path"].name, man.get("seed", "-"), man.get("workers", "-"),
                     t.get("k", "-"), _fmt(t.get("npmi")), _fmt(c.get("micro_f1")),
                     _fmt(c.get("macro_f1"))])
    print_table(["run", "seed", "workers", "k", "NPMI", "micro-F1", "macro-F1"], rows)
    return 0


def run(args) -> int:
    if args.action == "list":
        return _list(args.runs_dir)
    if len(args.runs) != 2:
        raise UsageError("compare needs exactly two run folders: topics runs compare RUN_A RUN_B")
    from pathlib import Path

    from topics.runs import compare, find_run, load_run

    a, b = (load_run(find_run(r, Path(args.runs_dir))) for r in args.runs)
    diff = compare(a, b)
    for part in ("config", "provenance", "metrics"):
        print(f"{part}: {len(diff[part])} difference(s)")
        for key, (a, b) in diff[part].items():
            print(f"  {key}: {_fmt(a)} -> {_fmt(b)}")
    return 0
