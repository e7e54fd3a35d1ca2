"""Writing a ``TopicResult`` to a folder: tables, model, figures and reports.

Everything is written into a hidden temporary folder beside the target first and moved
in at the end, so an interrupted or failed write leaves no half-made output.
"""
from __future__ import annotations

from pathlib import Path

from topics.io import atomic_folder, check_out_folder, write_csv, write_json, write_text
from topics.plotting import save_figure
from topics.topicmodel import report

OUTPUTS = ("topics.json", "doc_topics.csv", "theme_map.csv", "vocabulary.txt", "report.md",
           "report.html", "sweep.csv", "unit_themes.csv", "model", "figures")
TOPIC_KEYS = ("id", "words", "weights", "share", "theme", "seed_theme", "label", "frex", "relevance",
              "representative", "theme_evidence")


def _write_all(result, tmp: Path) -> None:
    topics = [{k: t[k] for k in TOPIC_KEYS if k in t} for t in result.topics]
    write_json(tmp / "topics.json", {"k": result.k, "engine": result.params["engine"],
                                     "params": result.params, "quality": result.quality,
                                     "topics": topics})
    doc = result.doc_topics_frame()
    doc.drop(columns=["article_id", "source"]).to_csv(tmp / "doc_topics.csv", index=False,
                                                      float_format="%.5f")
    result.theme_map_frame().to_csv(tmp / "theme_map.csv", index=False)
    write_text(tmp / "vocabulary.txt", "\n".join(result.model.vocabulary) + "\n")
    result.model.save(tmp / "model")
    if result.sweep:
        write_csv(tmp / "sweep.csv", result.sweep, ["k", "seed", "npmi", "c_v", "diversity"])
    if result.unit_themes:
        write_csv(tmp / "unit_themes.csv", ({"unit_id": u.id, "theme": lab} for u, lab in
                                            zip(result.units, result.unit_themes)),
                  ["unit_id", "theme"])
    figures = tmp / "figures"
    figures.mkdir()
    plots = dict(report.FIGURES)
    if result.sweep:
        plots["coherence_vs_k"] = report.plot_sweep
    pngs = {name: save_figure(plot(result), figures / f"{name}.png")
            for name, plot in plots.items()}
    write_text(tmp / "report.md", report.markdown(result))
    write_text(tmp / "report.html", report.html(result, pngs))


def write_topic_result(result, folder, *, force: bool = False) -> Path:
    """Write every output of ``result`` into ``folder``; return the folder."""
    out = Path(folder)
    check_out_folder(out, force)
    with atomic_folder(out, replaces=OUTPUTS) as tmp:
        _write_all(result, tmp)
    return out
