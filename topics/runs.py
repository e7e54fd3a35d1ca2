"""Run folders: resolved config, overrides, manifest, metrics, artifacts, figures, log.

A run folder is created new under ``runs/`` and never overwritten. ``manifest.json``
records package and library versions, Python, platform, git revision and dirty flag,
seed, workers, and the SHA-256 and counts of every input.
"""
from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
import sys
from pathlib import Path

from topics.errors import ConfigError
from topics.io import write_json
from topics.modelio import library_versions, sha256_file


def new_run_dir(runs_dir: Path, name: str) -> Path:
    """``runs_dir/<YYYYmmdd-HHMMSS>_<name>``; a suffix is added rather than reuse a folder."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in name) or "run"
    base = runs_dir / f"{stamp}_{safe}"
    path, n = base, 1
    while path.exists():
        n += 1
        path = base.with_name(f"{base.name}-{n}")
    (path / "artifacts").mkdir(parents=True)
    (path / "figures").mkdir()
    return path


def git_info(where: Path) -> dict:
    def git(*args):
        return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, timeout=10)
    try:
        rev = git("rev-parse", "HEAD")
        if rev.returncode != 0:
            return {"revision": None, "dirty": None}
        return {"revision": rev.stdout.strip(), "dirty": bool(git("status", "--porcelain", "--untracked-files=no").stdout.strip())}
    except (OSError, subprocess.TimeoutExpired):
        return {"revision": None, "dirty": None}


def input_files(paths) -> list[dict]:
    """Every file under the given paths with its size and SHA-256 (sorted, deterministic)."""
    out = []
    for p in map(Path, paths):
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p] if p.is_file() else []
        for f in files:
            out.append({"path": str(f), "bytes": f.stat().st_size, "sha256": sha256_file(f)})
    return out


def write_manifest(run: Path, *, config_path, overrides, seed, workers, inputs: dict, counts: dict, started: str) -> None:
    project = Path(__file__).resolve().parents[1]
    write_json(run / "manifest.json", {
        "started": started, "finished": dt.datetime.now().isoformat(timespec="seconds"),
        "command": sys.argv, "config_file": str(config_path) if config_path else None,
        "config_sha256": sha256_file(config_path) if config_path else None, "overrides": list(overrides),
        "seed": seed, "workers": workers, "versions": library_versions(), "python": sys.version.split()[0],
        "platform": platform.platform(), "git": git_info(project), "inputs": inputs, "counts": counts,
    })


def load_run(run: Path) -> dict:
    run = Path(run)
    if not (run / "manifest.json").is_file():
        raise ConfigError(f"{run} is not a run folder (no manifest.json); list runs with `topics runs list`")
    read = lambda name: json.loads((run / name).read_text(encoding="utf-8")) if (run / name).is_file() else {}  # noqa: E731
    return {"path": run, "manifest": read("manifest.json"), "config": read("config.json"), "metrics": read("metrics.json")}


def list_runs(runs_dir: Path) -> list[dict]:
    if not runs_dir.is_dir():
        return []
    return [load_run(p) for p in sorted(runs_dir.iterdir()) if (p / "manifest.json").is_file()]


def flatten(d, prefix="") -> dict:
    out = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        else:
            out[key] = v
    return out


def compare(a: dict, b: dict) -> dict:
    """Settings and metrics that differ between two runs: ``{key: (a, b)}``."""
    def diff(x, y):
        fx, fy = flatten(x), flatten(y)
        return {k: (fx.get(k), fy.get(k)) for k in sorted(set(fx) | set(fy)) if fx.get(k) != fy.get(k)}
    return {"config": diff(a["config"], b["config"]), "metrics": diff(a["metrics"], b["metrics"])}
