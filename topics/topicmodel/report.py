"""Figures and the Markdown report for a discovery run. Free functions over plain data."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from topics.io import atomic_open
from topics.plotting import cjk_style


def plot_top_words(topics: list[dict], path: Path, n: int = 10) -> None:
    cols = 5
    rows = math.ceil(len(topics) / cols)
    with cjk_style() as plt:
        fig, axes = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.6 * rows), squeeze=False)
        for ax, t in zip(axes.flat, topics):
            ax.barh(range(n)[::-1], t["weights"][:n], color="#4C72B0")
            ax.set_yticks(range(n)[::-1], t["words"][:n], fontsize=8)
            ax.set_title(f"#{t['id']} {t['theme'] or '—'}", fontsize=9)
            ax.tick_params(axis="x", labelsize=7)
        for ax in list(axes.flat)[len(topics):]:
            ax.axis("off")
        fig.suptitle("Top words per topic (p(w|topic))")
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)


def plot_shares(topics: list[dict], path: Path) -> None:
    order = sorted(topics, key=lambda t: -t["share"])
    with cjk_style() as plt:
        fig, ax = plt.subplots(figsize=(8, 0.32 * len(order) + 1.2))
        ax.barh(range(len(order))[::-1], [t["share"] for t in order], color="#55A868")
        ax.set_yticks(range(len(order))[::-1], [f"#{t['id']} {t['label']}" for t in order], fontsize=8)
        ax.set_xlabel("mean share of units")
        ax.set_title("Topic shares in the corpus")
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)


def plot_sweep(rows: list[dict], chosen_k: int, path: Path) -> None:
    ks = sorted({r["k"] for r in rows})
    with cjk_style() as plt:
        fig, axes = plt.subplots(1, 3, figsize=(12, 3.4))
        for ax, key in zip(axes, ("npmi", "c_v", "diversity")):
            vals = [[r[key] for r in rows if r["k"] == k] for k in ks]
            mean = [np.mean(v) for v in vals]
            sd = [np.std(v) for v in vals]
            ax.errorbar(ks, mean, yerr=sd, marker="o", capsize=3)
            ax.axvline(chosen_k, color="grey", ls="--", lw=1)
            ax.set_xlabel("k (number of topics)")
            ax.set_title(key.upper() if key != "diversity" else "topic diversity")
        fig.suptitle("Choosing k (mean ± sd over seeds; dashed: chosen k)")
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)


def plot_theme_map(topics: list[dict], theme_ids: list[str], path: Path) -> None:
    scores = np.array([[t["theme_scores"].get(h, 0.0) for h in theme_ids] for t in topics])
    with cjk_style() as plt:
        fig, ax = plt.subplots(figsize=(1 + 0.7 * len(theme_ids), 0.3 * len(topics) + 1.5))
        im = ax.imshow(scores, aspect="auto", cmap="Blues", vmin=0)
        ax.set_xticks(range(len(theme_ids)), theme_ids, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(topics)), [f"#{t['id']} {t['label']}" for t in topics], fontsize=7)
        fig.colorbar(im, ax=ax, label="share of top-30 word mass on theme seeds")
        ax.set_title("Topic → theme scores")
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)


def _md_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(x).replace("|", "/").replace("\n", " ") for x in r) + " |" for r in rows]
    return "\n".join(lines)


def write_report(folder: Path, *, topics, params, sweep_rows, chosen_k, rule, examples, theme_ids, quality) -> None:
    """report.md with figures in ``folder/figures``."""
    fig = folder / "figures"
    fig.mkdir(exist_ok=True)
    plot_top_words(topics, fig / "top_words.png")
    plot_shares(topics, fig / "topic_shares.png")
    plot_theme_map(topics, theme_ids, fig / "theme_map.png")
    parts = [f"# Topics: k = {len(topics)}, engine {params['engine']}, seed {params['seed']}", "",
             f"{params['n_units']} units ({params['unit']}), vocabulary {params['n_words']} words "
             f"(min_df {params['min_df']}, max_df {params['max_df']}).", "",
             "Quality of this model: " + ", ".join(f"{k} {v:.3f}" for k, v in quality.items()), ""]
    if sweep_rows:
        plot_sweep(sweep_rows, chosen_k, fig / "coherence_vs_k.png")
        parts += ["## Choosing k", "", f"Rule: {rule}", "", "![coherence vs k](figures/coherence_vs_k.png)", "",
                  _md_table(["k", "seed", "NPMI", "C_V", "diversity"], [[r["k"], r["seed"], r["npmi"], r["c_v"], r["diversity"]] for r in sweep_rows]), ""]
    parts += ["## Topics", "", "Label = top 3 FREX words. Theme = codebook theme by the seed-word rule (see theme_map.csv).", "",
              _md_table(["id", "label", "theme", "share", "top words (probability)", "FREX"],
                        [[t["id"], t["label"], t["theme"] or "—", f"{t['share']:.3f}", " ".join(t["words"][:10]), " ".join(t["frex"][:8])] for t in topics]),
              "", "![top words](figures/top_words.png)", "", "![shares](figures/topic_shares.png)", "",
              "## Topic → theme mapping", "", "![theme map](figures/theme_map.png)", "", "## Representative paragraphs", ""]
    for t in topics:
        parts.append(f"### #{t['id']} {t['label']} ({t['theme'] or 'no theme'})")
        for ex in examples[t["id"]]:
            parts.append(f"- `{ex['id']}` ({ex['share']:.2f}): {ex['text'][:160]}")
        parts.append("")
    with atomic_open(folder / "report.md") as fh:
        fh.write("\n".join(parts))
