"""Metric functions returning plain dicts (for reports, manifests and notebooks)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def multilabel_metrics(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]],
                       labels: Sequence[str], weights: Sequence[float] | None = None) -> dict:
    """Per-label precision/recall/F1/support, micro and macro F1, exact-match ratio.
    ``other`` (or any label not in ``labels``) counts as no label. ``weights``: each
    unit counts that much in the true/false positive and negative counts (default 1)."""
    w = np.ones(len(y_true)) if weights is None else np.asarray(weights, dtype=float)
    per, tp_all, fp_all, fn_all = {}, 0, 0, 0
    for lab in labels:
        t = np.array([lab in y for y in y_true], dtype=bool)
        p = np.array([lab in y for y in y_pred], dtype=bool)
        tp, fp, fn = (_count(w, t & p), _count(w, ~t & p), _count(w, t & ~p))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": int(t.sum())}
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
    micro_p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    micro_r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    exact = np.mean([set(a) & set(labels) == set(b) & set(labels) for a, b in zip(y_true, y_pred)]) if len(y_true) else 0.0
    return {"per_label": per, "micro_f1": round(micro, 4), "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 4),
            "micro_precision": round(micro_p, 4), "micro_recall": round(micro_r, 4), "exact_match": round(float(exact), 4), "n": len(y_true)}


def _count(w: np.ndarray, mask: np.ndarray):
    total = float(w[mask].sum()) if len(mask) else 0.0
    return int(total) if total.is_integer() else total


def accuracy(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]]) -> float:
    """Share of units whose first predicted label equals their first true label."""
    return round(float(np.mean([a[0] == b[0] for a, b in zip(y_true, y_pred)])), 4) if len(y_true) else 0.0


def format_table(metrics: dict) -> str:
    """A readable per-label table with micro/macro F1 at the bottom."""
    rows = [f"{'label':<18}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}"]
    for lab, m in metrics["per_label"].items():
        rows.append(f"{lab:<18}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['support']:>9d}")
    rows.append(f"{'micro':<18}{metrics['micro_precision']:>10.3f}{metrics['micro_recall']:>8.3f}{metrics['micro_f1']:>8.3f}{metrics['n']:>9d}")
    rows.append(f"{'macro':<18}{'':>10}{'':>8}{metrics['macro_f1']:>8.3f}")
    if "accuracy" in metrics:
        rows.append(f"{'accuracy':<18}{'':>10}{'':>8}{metrics['accuracy']:>8.3f}")
    return "\n".join(rows)
