"""``topics report RUN``: a self-contained Markdown report of a run, with figures."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np

from topics.io import atomic_open
from topics.plotting import cjk_style
from topics.runs import load_run


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def plot_prevalence(rows: list[dict], path: Path, title: str, kind: str) -> None:
    themes = sorted({r["theme"] for r in rows})
    groups = sorted({r["group"] for r in rows})
    get = {(r["group"], r["theme"]): r for r in rows}
    with cjk_style() as plt:
        fig, ax = plt.subplots(figsize=(9, 4.5))
        if kind == "line":
            for th in themes:
                y = [float(get[g, th]["share"]) for g in groups]
                lo = [float(get[g, th]["low"]) for g in groups]
                hi = [float(get[g, th]["high"]) for g in groups]
                ax.plot(groups, y, marker="o", label=th)
                ax.fill_between(groups, lo, hi, alpha=0.15)
        else:
            width = 0.8 / max(len(groups), 1)
            for j, g in enumerate(groups):
                y = np.array([float(get[g, th]["share"]) for th in themes])
                err = np.array([[y[i] - float(get[g, th]["low"]), float(get[g, th]["high"]) - y[i]] for i, th in enumerate(themes)]).T
                ax.bar(np.arange(len(themes)) + j * width, y, width, yerr=err, capsize=2, label=g)
            ax.set_xticks(np.arange(len(themes)) + 0.4 - width / 2, themes, rotation=30, ha="right")
        ax.set_ylabel("share of paragraphs (95% bootstrap CI)")
        ax.set_title(title)
        ax.legend(fontsize=7, ncol=3)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)


def plot_confusion(oof: list[dict], path: Path) -> list[str]:
    labels = sorted({r["labels"][0] for r in oof} | {r["predicted"][0] for r in oof})
    idx = {lab: i for i, lab in enumerate(labels)}
    m = np.zeros((len(labels), len(labels)), dtype=int)
    for r in oof:
        m[idx[r["labels"][0]], idx[r["predicted"][0]]] += 1
    with cjk_style() as plt:
        fig, ax = plt.subplots(figsize=(7, 6))
        ax.imshow(m, cmap="Blues")
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(j, i, m[i, j], ha="center", va="center", fontsize=7, color="white" if m[i, j] > m.max() / 2 else "black")
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.set_xlabel("predicted (first label, out of fold)")
        ax.set_ylabel("annotated (first label)")
        ax.set_title("Confusion matrix")
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
    return labels


def calibration(oof: list[dict], bins: int = 10) -> list[dict]:
    """Pooled over themes: mean predicted probability vs observed frequency per bin."""
    p, y = [], []
    for r in oof:
        for lab, prob in r["proba"].items():
            p.append(prob)
            y.append(lab in r["labels"])
    p, y = np.array(p), np.array(y, dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        sel = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if sel.any():
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "mean_predicted": float(p[sel].mean()), "observed": float(y[sel].mean()), "n": int(sel.sum())})
    return rows


def plot_calibration(rows: list[dict], path: Path) -> None:
    with cjk_style() as plt:
        fig, ax = plt.subplots(figsize=(4.5, 4.5))
        ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1)
        ax.plot([r["mean_predicted"] for r in rows], [r["observed"] for r in rows], marker="o")
        ax.set_xlabel("mean predicted probability")
        ax.set_ylabel("observed frequency")
        ax.set_title("Calibration (out of fold, all themes)")
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)


def confidence_examples(oof: list[dict], n: int = 5) -> tuple[list[dict], list[dict]]:
    """Most confident (highest top probability) and least confident (top probability
    nearest 0.5) out-of-fold predictions."""
    def top(r):
        return max(r["proba"].values())
    ranked = sorted(oof, key=lambda r: (-top(r), r["id"]))
    unsure = sorted(oof, key=lambda r: (abs(top(r) - 0.5), r["id"]))
    return ranked[:n], unsure[:n]


def _table(header, rows) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(x).replace("|", "/") for x in r) + " |" for r in rows]
    return "\n".join(out)


def write_run_report(run) -> Path:
    info = load_run(Path(run))
    run, metrics, manifest = info["path"], info["metrics"], info["manifest"]
    art, fig = run / "artifacts", run / "figures"
    fig.mkdir(exist_ok=True)
    parts = [f"# Run {run.name}", "", f"Seed {manifest.get('seed')}, workers {manifest.get('workers')}, "
             f"topics {manifest.get('versions', {}).get('topics')}, git {str(manifest.get('git', {}).get('revision'))[:10]}"
             f"{' (dirty)' if manifest.get('git', {}).get('dirty') else ''}; counts: {json.dumps(manifest.get('counts', {}))}", ""]
    if "topics" in metrics:
        t = metrics["topics"]
        parts += ["## Topics", "", f"k = {t['k']}: NPMI {t['npmi']:.3f}, C_V {t['c_v']:.3f}, diversity {t['diversity']:.3f}. "
                  "Full topic report: [artifacts/topics/report.md](artifacts/topics/report.md).", ""]
        for name in ("coherence_vs_k.png", "top_words.png"):
            src = art / "topics" / "figures" / name
            if src.is_file():
                shutil.copy(src, fig / name)
                parts += [f"![{name}](figures/{name})", ""]
    if "classifier" in metrics and (art / "classifier_oof.jsonl").is_file():
        c = metrics["classifier"]
        oof = [json.loads(x) for x in (art / "classifier_oof.jsonl").read_text(encoding="utf-8").splitlines()]
        parts += ["## Classifier (5-fold cross-validation)", "", f"micro-F1 {c['micro_f1']:.3f}, macro-F1 {c['macro_f1']:.3f}", "",
                  _table(["theme", "precision", "recall", "F1", "support"],
                         [[k, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}", v["support"]] for k, v in c["per_label"].items()]), ""]
        plot_confusion(oof, fig / "confusion.png")
        cal = calibration(oof)
        plot_calibration(cal, fig / "calibration.png")
        parts += ["![confusion](figures/confusion.png)", "", "![calibration](figures/calibration.png)", "",
                  _table(["bin", "mean predicted", "observed", "n"], [[r["bin"], f"{r['mean_predicted']:.3f}", f"{r['observed']:.3f}", r["n"]] for r in cal]), ""]
        sure, unsure = confidence_examples(oof)
        for title, rows in (("Most confident", sure), ("Least confident", unsure)):
            parts += [f"### {title} predictions", "", _table(["id", "annotated", "predicted", "top p", "text"],
                      [[r["id"], ",".join(r["labels"]), ",".join(r["predicted"]), f"{max(r['proba'].values()):.2f}", r["text"][:80]] for r in rows]), ""]
    for name, title, kind in (("prevalence_by_time.csv", "Theme shares over time", "line"), ("prevalence_by_source.csv", "Theme shares by source", "bar")):
        if (art / name).is_file():
            rows = _read_csv(art / name)
            png = name.replace(".csv", ".png")
            plot_prevalence(rows, fig / png, title, kind)
            parts += [f"## {title}", "", "Share of paragraphs labelled with each theme; 95% intervals from a bootstrap "
                      "over articles (1,000 resamples unless configured otherwise).", "", f"![{title}](figures/{png})", "",
                      _table(["group", "theme", "share", "95% CI", "articles"],
                             [[r["group"], r["theme"], f"{float(r['share']):.3f}", f"{float(r['low']):.3f}–{float(r['high']):.3f}", r["n_articles"]] for r in rows]), ""]
    with atomic_open(run / "report.md") as fh:
        fh.write("\n".join(parts))
    return run / "report.md"
