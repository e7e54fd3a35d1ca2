"""Run folders: resolved config, overrides, manifest, metrics, artifacts, figures, log
and reports (after MLflow's file store and Hydra's run directories).

``write_run`` builds the folder under a hidden temporary name in ``runs_dir`` and
renames it to ``<YYYYmmdd-HHMMSS>_<name>`` only when everything is written; the rename
never replaces another run (a taken name gets a ``-2``, ``-3`` … suffix), so parallel
runs cannot collide and a failed run leaves nothing behind. ``manifest.json`` records
package and library versions, Python, platform, git revision and dirty flag of the
experiment's folder, seed, workers, and the SHA-256 and size of every input.
"""
from __future__ import annotations

import datetime as dt
import errno
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from topics.errors import ConfigError
from topics.io import temp_dir_for, write_csv, write_json, write_jsonl, write_text
from topics.modelio import library_versions, sha256_file

PREVALENCE_COLUMNS = ["group", "theme", "share", "low", "high", "n_articles", "n_paragraphs"]


def run_name(name: str, now: dt.datetime | None = None) -> str:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name) or "run"
    return f"{stamp}_{safe}"


def publish(tmp: Path, runs_dir: Path, name: str) -> Path:
    """Rename the finished folder ``tmp`` to an unused ``runs_dir/name[-N]``."""
    for n in range(1, 10_000):
        target = runs_dir / (name if n == 1 else f"{name}-{n}")
        try:
            if target.exists():
                continue
            os.rename(tmp, target)   # atomic; fails if another run took the name
            return target
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
    raise ConfigError(f"no free run folder name for {name} in {runs_dir}")


def git_info(where: Path) -> dict:
    def git(*args):
        return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True,
                              timeout=10)
    try:
        rev = git("rev-parse", "HEAD")
        if rev.returncode != 0:
            return {"revision": None, "dirty": None}
        dirty = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
        return {"revision": rev.stdout.strip(), "dirty": bool(dirty)}
    except (OSError, subprocess.TimeoutExpired):
        return {"revision": None, "dirty": None}


def input_files(paths) -> list[dict]:
    """Every file under the given paths with its size and SHA-256 (sorted)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file())
        else:
            files = [p] if p.is_file() else []
        out += [{"path": str(f), "bytes": f.stat().st_size, "sha256": sha256_file(f)}
                for f in files]
    return out


def manifest(res) -> dict:
    cfg = res.cfg
    return {
        "started": res.started, "finished": dt.datetime.now().isoformat(timespec="seconds"),
        "command": sys.argv, "config_file": res.config_path,
        "config_sha256": sha256_file(res.config_path) if res.config_path else None,
        "overrides": list(res.overrides), "seed": cfg.run.seed, "workers": cfg.run.workers,
        "versions": library_versions(), "python": sys.version.split()[0],
        "platform": platform.platform(), "git": git_info(Path(cfg.base_dir)),
        "topics_git": git_info(Path(__file__).resolve().parent),   # the code that ran
        "inputs": res.inputs, "counts": res.counts}


def _artifacts(res, art: Path) -> None:
    write_jsonl(art / "articles.jsonl", (a.to_dict() for a in res.articles))
    if res.topics is not None:
        res.topics.save(art / "topics")
    if res.training is not None:
        clf = res.classifier
        clf.save(art / "model", training=res.training)
        write_jsonl(art / "classifier_oof.jsonl", (
            {"id": r["id"], "text": r["text"], "labels": r["labels"], "predicted": p,
             "proba": {k: round(float(v), 5) for k, v in zip(clf.classes_, row)}}
            for r, p, row in zip(res.annotations, clf.oof_pred_, clf.oof_proba_)))
    if res.predictions:
        write_jsonl(art / "predictions.jsonl", res.predictions)
    for name, rows in res.prevalence.items():
        if name != "overall":
            write_csv(art / f"prevalence_{name}.csv", rows, PREVALENCE_COLUMNS)


def write_run(res, runs_dir: Path | None = None) -> Path:
    """Write a ``RunResult`` into a new run folder; return its path."""
    from topics.runreport import write_run_report

    runs_dir = Path(runs_dir or res.cfg.path(res.cfg.run.runs_dir)).resolve()
    name = run_name(res.cfg.run.name)
    tmp = temp_dir_for(runs_dir / name)
    try:
        write_json(tmp / "config.json", res.cfg.resolved())
        write_text(tmp / "overrides.txt", "".join(f"{o}\n" for o in res.overrides))
        write_text(tmp / "input_errors.txt", "".join(f"{e}\n" for e in res.input_errors))
        write_text(tmp / "run.log", "".join(f"{line}\n" for line in res.log_lines))
        (tmp / "artifacts").mkdir()
        _artifacts(res, tmp / "artifacts")
        write_json(tmp / "metrics.json", res.metrics)
        write_json(tmp / "manifest.json", manifest(res))
        write_run_report(tmp)
        return publish(tmp, runs_dir, name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_run(run: Path) -> dict:
    run = Path(run)
    if not (run / "manifest.json").is_file():
        raise ConfigError(f"{run} is not a run folder (no manifest.json); list runs with "
                          "`topics runs list`")

    def read(name):
        path = run / name
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}

    return {"path": run, "manifest": read("manifest.json"), "config": read("config.json"),
            "metrics": read("metrics.json")}


def list_runs(runs_dir: Path) -> list[dict]:
    if not runs_dir.is_dir():
        return []
    return [load_run(p) for p in sorted(runs_dir.iterdir())
            if not p.name.startswith(".") and (p / "manifest.json").is_file()]


def flatten(d, prefix="") -> dict:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def find_run(name, runs_dir: Path) -> Path:
    """A run folder given as a path, or by the name ``topics runs list`` shows."""
    path = Path(name)
    if not (path / "manifest.json").is_file() and (runs_dir / name / "manifest.json").is_file():
        return runs_dir / name
    return path


def _provenance(manifest: dict) -> dict:
    """What a run was made from besides its settings: inputs (each file's SHA-256),
    counts, the code (git revisions, topics and library versions) and the machine."""
    inputs = {f"{kind}:{f['path']}": f["sha256"][:16]
              for kind, files in (manifest.get("inputs") or {}).items()
              for f in (files if isinstance(files, list) else [])}
    return {"inputs": inputs, "counts": manifest.get("counts", {}),
            **{k: manifest.get(k) for k in ("versions", "topics_git", "git", "python",
                                            "platform")}}


def compare(a: dict, b: dict) -> dict:
    """What differs between two runs, ``{key: (a, b)}``: settings (``config``), inputs,
    counts and code (``provenance``), and results (``metrics``)."""
    def diff(x, y):
        fx, fy = flatten(x), flatten(y)
        return {k: (fx.get(k), fy.get(k)) for k in sorted(set(fx) | set(fy))
                if fx.get(k) != fy.get(k)}
    return {"config": diff(a["config"], b["config"]),
            "provenance": diff(_provenance(a["manifest"]), _provenance(b["manifest"])),
            "metrics": diff(a["metrics"], b["metrics"])}
