"""A run's reports, ``report.md`` (figures in ``figures/``) and a self-contained
``report.html``, made from the files of a run folder (``topics report RUN``)."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np

from topics import htmlreport as H
from topics.io import write_text
from topics.plotting import cjk_style, new_figure, save_figure
from topics.runs import load_run


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _number(value) -> float:
    """A CSV cell as a number; an empty one (no interval: a group of one article) NaN."""
    return float(value) if value not in ("", None) else float("nan")


def period_position(group: str) -> float | None:
    """Where a period (``2023``, ``2023-Q2`` or ``2023-04``) lies on a time axis, in
    years; None for a group that is not a period."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q([1-4]))?", group)
    if not m:
        return None
    return int(m[1]) + ((int(m[2]) - 1) / 12 if m[2] else (int(m[3]) - 1) / 4 if m[3] else 0.0)


def plot_prevalence(rows: list[dict], title: str, kind: str):
    """Theme shares per group with 95 % intervals: lines over time (periods spaced by
    time, so a missing year shows as a gap in the axis), or bars by source."""
    themes = sorted({r["theme"] for r in rows})
    groups = sorted({r["group"] for r in rows})
    get = {(r["group"], r["theme"]): r for r in rows}
    with cjk_style():
        fig = new_figure(figsize=(9, 4.5))
        ax = fig.subplots()
        if kind == "line":
            x = [period_position(g) for g in groups]
            if None in x:
                x = list(range(len(groups)))
            for th in themes:
                col = [get[g, th] for g in groups]
                ax.plot(x, [_number(r["share"]) for r in col], marker="o", label=th)
                ax.fill_between(x, [_number(r["low"]) for r in col],
                                [_number(r["high"]) for r in col], alpha=0.15)
            ax.set_xticks(x, groups, rotation=30 if len(groups) > 8 else 0)
        else:
            width = 0.8 / max(len(groups), 1)
            for j, g in enumerate(groups):
                y = np.array([_number(get[g, th]["share"]) for th in themes])
                err = np.nan_to_num(np.array([[y[i] - _number(get[g, th]["low"]),
                                               _number(get[g, th]["high"]) - y[i]]
                                              for i, th in enumerate(themes)]).T)
                ax.bar(np.arange(len(themes)) + j * width, y, width, yerr=err, capsize=2,
                       label=g)
            ax.set_xticks(np.arange(len(themes)) + 0.4 - width / 2, themes, rotation=30,
                          ha="right")
        ax.set_ylabel("share of paragraphs (95% bootstrap CI)")
        ax.set_title(title)
        ax.legend(fontsize=7, ncol=3)
        fig.tight_layout()
    return fig


def confusion(oof: list[dict]) -> tuple[list[str], np.ndarray]:
    """First annotated label x first predicted label counts."""
    labels = sorted({r["labels"][0] for r in oof} | {r["predicted"][0] for r in oof})
    idx = {lab: i for i, lab in enumerate(labels)}
    m = np.zeros((len(labels), len(labels)), dtype=int)
    for r in oof:
        m[idx[r["labels"][0]], idx[r["predicted"][0]]] += 1
    return labels, m


def plot_confusion(oof: list[dict]):
    labels, m = confusion(oof)
    with cjk_style():
        fig = new_figure(figsize=(7, 6))
        ax = fig.subplots()
        ax.imshow(m, cmap="Blues")
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(j, i, m[i, j], ha="center", va="center", fontsize=7,
                        color="white" if m[i, j] > m.max() / 2 else "black")
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.set_xlabel("predicted (first label, out of fold)")
        ax.set_ylabel("annotated (first label)")
        ax.set_title("Confusion matrix")
        fig.tight_layout()
    return fig


def calibration(oof: list[dict], bins: int = 10) -> list[dict]:
    """Pooled over themes: mean predicted probability vs observed frequency per bin."""
    p = np.array([prob for r in oof for prob in r["proba"].values()])
    y = np.array([lab in r["labels"] for r in oof for lab in r["proba"]], dtype=float)
    edges = np.linspace(0, 1, bins + 1)
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        sel = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if sel.any():
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "mean_predicted": float(p[sel].mean()),
                         "observed": float(y[sel].mean()), "n": int(sel.sum())})
    return rows


def plot_calibration(rows: list[dict]):
    with cjk_style():
        fig = new_figure(figsize=(4.5, 4.5))
        ax = fig.subplots()
        ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1)
        ax.plot([r["mean_predicted"] for r in rows], [r["observed"] for r in rows], marker="o")
        ax.set_xlabel("mean predicted probability")
        ax.set_ylabel("observed frequency")
        ax.set_title("Calibration (out of fold, all themes)")
        fig.tight_layout()
    return fig


def confidence_examples(oof: list[dict], n: int = 5) -> tuple[list[dict], list[dict]]:
    """Most confident (highest top probability) and least confident (top probability
    nearest 0.5) out-of-fold predictions."""
    def top(r):
        return max(r["proba"].values())
    ranked = sorted(oof, key=lambda r: (-top(r), r["id"]))
    unsure = sorted(oof, key=lambda r: (abs(top(r) - 0.5), r["id"]))
    return ranked[:n], unsure[:n]


class _Report:
    """Collects each section once, as Markdown (figures saved) and as HTML (embedded)."""

    def __init__(self, run: Path):
        self.run, self.md, self.html = run, [], []
        (run / "figures").mkdir(exist_ok=True)

    def heading(self, title: str, text: str = "") -> None:
        self.md += [f"## {title}", ""] + ([text, ""] if text else [])
        self.html += [f"<h2>{H.escape(title)}</h2>"] + ([H.para(text)] if text else [])

    def table(self, header, rows) -> None:
        self.md += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        self.md += ["| " + " | ".join(str(x).replace("|", "/") for x in r) + " |"
                    for r in rows] + [""]
        self.html.append(H.table(header, rows))

    def figure(self, fig, name: str) -> None:
        png = save_figure(fig, self.run / "figures" / name)
        self.md += [f"![{name}](figures/{name})", ""]
        self.html.append(H.figure(png, name))


def _topics(rep: _Report, metrics: dict, art: Path) -> None:
    t = metrics["topics"]
    rep.heading("Topics", f"k = {t['k']}: NPMI {t['npmi']:.3f}, C_V {t['c_v']:.3f}, "
                          f"diversity {t['diversity']:.3f}. Topic browser: "
                          "artifacts/topics/report.html.")
    topics = json.loads((art / "topics" / "topics.json").read_text(encoding="utf-8"))["topics"]
    rep.table(["id", "label", "theme", "share", "top words"],
              [[t["id"], t["label"], t["theme"] or "—", f"{t['share']:.3f}",
                " ".join(t["words"][:10])] for t in topics])
    for name in ("coherence_vs_k", "top_words"):    # drawn once, with the topics
        png = art / "topics" / "figures" / f"{name}.png"
        if png.is_file():
            rep.figure(png.read_bytes(), f"topics_{name}.png")


def _classifier(rep: _Report, metrics: dict, config: dict, art: Path) -> None:
    c = metrics["classifier"]
    oof = [json.loads(x) for x in (art / "classifier_oof.jsonl").read_text(
        encoding="utf-8").splitlines()]
    folds = config.get("classifier", {}).get("folds", "?")
    rep.heading(f"Classifier ({folds}-fold cross-validation)",
                f"micro-F1 {c['micro_f1']:.3f}, macro-F1 {c['macro_f1']:.3f}; word features: "
                f"{c.get('words', 'phrases')}"
                + "".join(f"; {w} {v:.3f}" for w, v in c.get("words_cv", {}).items()))
    rep.table(["theme", "precision", "recall", "F1", "support"],
              [[k, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                v["support"]] for k, v in c["per_label"].items()])
    rep.figure(plot_confusion(oof), "confusion.png")
    cal = calibration(oof)
    rep.figure(plot_calibration(cal), "calibration.png")
    rep.table(["bin", "mean predicted", "observed", "n"],
              [[r["bin"], f"{r['mean_predicted']:.3f}", f"{r['observed']:.3f}", r["n"]]
               for r in cal])
    sure, unsure = confidence_examples(oof)
    for title, rows in (("Most confident predictions", sure),
                        ("Least confident predictions", unsure)):
        rep.heading(title)
        rep.table(["id", "annotated", "predicted", "top p", "text"],
                  [[r["id"], ",".join(r["labels"]), ",".join(r["predicted"]),
                    f"{max(r['proba'].values()):.2f}", r["text"][:80]] for r in rows])


def _prevalence(rep: _Report, metrics: dict, art: Path) -> None:
    n = metrics.get("prevalence", {}).get("bootstrap", "?")
    for name, title, kind in (("by_time", "Theme shares over time", "line"),
                              ("by_source", "Theme shares by source", "bar")):
        path = art / f"prevalence_{name}.csv"
        if not path.is_file():
            continue
        rows = _read_csv(path)
        undated = metrics.get("prevalence", {}).get("undated_articles", 0)
        left_out = (f" {undated} article(s) without a date of that precision are not in "
                    "this table."
                    if kind == "line" and undated else "")
        rep.heading(title, "Share of paragraphs labelled with each theme; 95% intervals "
                           f"from a bootstrap over articles ({n} resamples; – for a group "
                           f"of one article).{left_out}")
        rep.figure(plot_prevalence(rows, title, kind), f"prevalence_{name}.png")
        rep.table(["group", "theme", "share", "95% CI", "articles"],
                  [[r["group"], r["theme"], f"{float(r['share']):.3f}",
                    f"{float(r['low']):.3f}–{float(r['high']):.3f}" if r["low"] else "–",
                    r["n_articles"]] for r in rows])


def write_run_report(run) -> Path:
    """Write ``report.md`` and ``report.html`` of the run folder ``run``."""
    info = load_run(Path(run))
    run, metrics, manifest, config = info["path"], info["metrics"], info["manifest"], info["config"]
    art = run / "artifacts"
    code = ", ".join(f"{what} git {str(g['revision'])[:10]}{' (dirty)' if g.get('dirty') else ''}"
                     for what, g in (("experiment", manifest.get("git") or {}),
                                     ("topics", manifest.get("topics_git") or {}))
                     if g.get("revision"))
    summary = (f"Seed {manifest.get('seed')}, workers {manifest.get('workers')}, topics "
               f"{manifest.get('versions', {}).get('topics')}"
               f"{', ' + code if code else ' (no git revision)'}; "
               f"counts: {json.dumps(manifest.get('counts', {}))}")
    rep = _Report(run)
    if "topics" in metrics:
        _topics(rep, metrics, art)
    if "classifier" in metrics and (art / "classifier_oof.jsonl").is_file():
        _classifier(rep, metrics, config, art)
    _prevalence(rep, metrics, art)
    title = f"Run {config.get('run', {}).get('name', run.name)}"
    write_text(run / "report.md", "\n".join([f"# {title}", "", summary, "", *rep.md]))
    write_text(run / "report.html", H.page(title, H.para(summary), *rep.html))
    return run / "report.md"
