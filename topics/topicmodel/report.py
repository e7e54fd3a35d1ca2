"""Figures and reports of a topic result: free functions over a ``TopicResult``.

Each ``plot_*`` returns a matplotlib ``Figure`` (shown by a notebook, saved by
``topics.topicmodel.output``); ``markdown`` and ``html`` return the report text.
"""
from __future__ import annotations

import math

import numpy as np

from topics import htmlreport as H
from topics.plotting import cjk_style, new_figure


def plot_top_words(result, n: int = 10):
    from matplotlib.ticker import MaxNLocator

    topics = result.topics
    cols = 5
    rows = math.ceil(len(topics) / cols)
    with cjk_style():
        fig = new_figure(figsize=(3.2 * cols, 2.6 * rows))
        axes = fig.subplots(rows, cols, squeeze=False)
        for ax, t in zip(axes.flat, topics):
            ax.barh(range(n)[::-1], t["weights"][:n], color="#4C72B0")
            ax.set_yticks(range(n)[::-1], t["words"][:n], fontsize=8)
            ax.set_title(f"#{t['id']} {t['theme'] or '—'}", fontsize=9)
            ax.tick_params(axis="x", labelsize=7)
            ax.xaxis.set_major_locator(MaxNLocator(3))
        for ax in list(axes.flat)[len(topics):]:
            ax.axis("off")
        fig.suptitle("Top words per topic (p(w|topic))")
        # fixed margins: tight_layout measures every label and took 2.6 s for 20 topics
        fig.subplots_adjust(left=0.06, right=0.98, top=1 - 0.75 / (2.6 * rows),
                            bottom=0.3 / (2.6 * rows), wspace=0.55, hspace=0.35)
    return fig


def plot_shares(result):
    order = sorted(result.topics, key=lambda t: -t["share"])
    with cjk_style():
        fig = new_figure(figsize=(8, 0.32 * len(order) + 1.2))
        ax = fig.subplots()
        ax.barh(range(len(order))[::-1], [t["share"] for t in order], color="#55A868")
        ax.set_yticks(range(len(order))[::-1],
                      [f"#{t['id']} {t['label']}" for t in order], fontsize=8)
        ax.set_xlabel("mean share of units")
        ax.set_title("Topic shares in the corpus")
        fig.tight_layout()
    return fig


def plot_sweep(result):
    rows, chosen = result.sweep, result.k
    ks = sorted({r["k"] for r in rows})
    with cjk_style():
        fig = new_figure(figsize=(12, 3.4))
        for ax, key in zip(fig.subplots(1, 3), ("npmi", "c_v", "diversity")):
            vals = [[r[key] for r in rows if r["k"] == k] for k in ks]
            ax.errorbar(ks, [np.mean(v) for v in vals], yerr=[np.std(v) for v in vals],
                        marker="o", capsize=3)
            ax.axvline(chosen, color="grey", ls="--", lw=1)
            ax.set_xlabel("k (number of topics)")
            ax.set_title(key.upper() if key != "diversity" else "topic diversity")
        fig.suptitle("Choosing k (mean ± sd over seeds; dashed: chosen k)")
        fig.tight_layout()
    return fig


def plot_theme_map(result):
    topics, theme_ids = result.topics, result.theme_ids
    scores = np.array([[t["theme_scores"].get(h, 0.0) for h in theme_ids] for t in topics])
    with cjk_style():
        fig = new_figure(figsize=(1 + 0.7 * len(theme_ids), 0.3 * len(topics) + 1.5))
        ax = fig.subplots()
        im = ax.imshow(scores, aspect="auto", cmap="Blues", vmin=0)
        ax.set_xticks(range(len(theme_ids)), theme_ids, rotation=45, ha="right", fontsize=8)
        ax.set_yticks(range(len(topics)), [f"#{t['id']} {t['label']}" for t in topics],
                      fontsize=7)
        fig.colorbar(im, ax=ax, label="theme evidence")
        ax.set_title("Topic → theme evidence")
        fig.tight_layout()
    return fig


FIGURES = {"top_words": plot_top_words, "topic_shares": plot_shares,
           "theme_map": plot_theme_map}


def _md_table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(x).replace("|", "/").replace("\n", " ") for x in r)
              + " |" for r in rows]
    return "\n".join(lines)


def _topic_rows(result) -> list[list]:
    return [[t["id"], t["label"], t["theme"] or "—", f"{t['share']:.3f}",
             " ".join(t["words"][:10]), " ".join(t["frex"][:8])] for t in result.topics]


def _heading(result) -> tuple[str, str]:
    p, q = result.params, result.quality
    title = f"Topics: k = {result.k}, engine {p['engine']}, seed {p['seed']}"
    line = (f"{p['n_units']} units ({p['unit']}), vocabulary {p['n_words']} words "
            f"(min_df {p['min_df']}, max_df {p['max_df']}). Quality of this model: "
            + ", ".join(f"{k} {v:.3f}" for k, v in q.items()))
    return title, line


def markdown(result) -> str:
    """report.md; figures are expected in ``figures/`` beside it."""
    title, line = _heading(result)
    parts = [f"# {title}", "", line, ""]
    if result.sweep:
        parts += ["## Choosing k", "", f"Rule: {result.rule}", "",
                  "![coherence vs k](figures/coherence_vs_k.png)", "",
                  _md_table(["k", "seed", "NPMI", "C_V", "diversity"],
                            [[r["k"], r["seed"], r["npmi"], r["c_v"], r["diversity"]]
                             for r in result.sweep]), ""]
    parts += ["## Topics", "", "Label = top 3 FREX words. Theme = codebook theme by the "
              "evidence in theme_map.csv.", "",
              _md_table(["id", "label", "theme", "share", "top words (probability)", "FREX"],
                        _topic_rows(result)),
              "", "![top words](figures/top_words.png)", "",
              "![shares](figures/topic_shares.png)", "", "## Topic → theme mapping", "",
              "![theme map](figures/theme_map.png)", "", "## Representative paragraphs", ""]
    for t in result.topics:
        parts.append(f"### #{t['id']} {t['label']} ({t['theme'] or 'no theme'})")
        parts += [f"- `{ex['id']}` ({ex['share']:.2f}): {ex['text'][:160]}"
                  for ex in result.examples.get(t["id"], [])]
        parts.append("")
    return "\n".join(parts)


def _topic_card(result, t: dict) -> str:
    words = " ".join(f"<span>{H.escape(w)} <small class='muted'>{p:.3f}</small></span>"
                     for w, p in zip(t["words"][:20], t["weights"][:20]))
    scores = sorted(t["theme_scores"].items(), key=lambda kv: -kv[1])[:4]
    evidence = ", ".join(f"{h} {s:.2f}" for h, s in scores)
    examples = "".join(f"<li><code>{H.escape(ex['id'])}</code> ({ex['share']:.2f}) "
                       f"{H.escape(ex['text'][:300])}</li>"
                       for ex in result.examples.get(t["id"], []))
    return H.details(
        f"#{t['id']} {t['label']} — {t['theme'] or 'no theme'} — share {t['share']:.3f}",
        f"<p class='words'>{words}</p>",
        H.para("FREX: " + " ".join(t["frex"][:15])),
        H.para("Relevance (λ = 0.6): " + " ".join(t["relevance"][:15])),
        H.para(f"Theme evidence: {evidence}", "muted"), f"<ol>{examples}</ol>")


def html(result, pngs: dict[str, bytes] | None = None) -> str:
    """A self-contained topic browser (figures embedded). ``pngs``: figures already
    drawn (``plotting.png_bytes``), by ``FIGURES`` name or ``"coherence_vs_k"``."""
    pngs = pngs or {}

    def fig(name: str, plot, alt: str) -> str:
        return H.figure(pngs.get(name) or plot(result), alt)

    title, line = _heading(result)
    parts = [H.para(line)]
    if result.sweep:
        parts.append(H.section("Choosing k", H.para(f"Rule: {result.rule}"),
                               fig("coherence_vs_k", plot_sweep, "coherence vs k"),
                               H.table(["k", "seed", "NPMI", "C_V", "diversity"],
                                       [[r["k"], r["seed"], r["npmi"], r["c_v"],
                                         r["diversity"]] for r in result.sweep])))
    parts.append(H.section("Topics (click a topic for its words and typical units)",
                           *[_topic_card(result, t) for t in result.topics]))
    parts.append(H.section("Figures", fig("top_words", plot_top_words, "top words"),
                           fig("topic_shares", plot_shares, "topic shares"),
                           fig("theme_map", plot_theme_map, "theme map")))
    return H.page(title, *parts)
