"""Metric functions returning plain dicts (for reports, manifests and notebooks)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def multilabel_metrics(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]],
                       labels: Sequence[str], weights: Sequence[float] | None = None) -> dict:
    """Per-label precision/recall/F1/support, micro and macro F1, exact-match ratio.
    ``other`` (or any label not in ``labels``) counts as no label. ``weights``: each
    unit counts that much in the true/false positive and negative counts (default 1).
    The macro-F1 leaves out labels with no true and no predicted unit (their F1 says
    nothing), listed in ``macro_left_out``; a label predicted but never true counts 0."""
    truth = np.array([[lab in y for lab in labels] for y in y_true], dtype=bool).reshape(len(y_true), len(labels))
    pred = np.array([[lab in y for lab in labels] for y in y_pred], dtype=bool).reshape(len(y_pred), len(labels))
    counts = label_counts(truth, pred, weights)
    per = {}
    for lab, (tp, fp, fn), t in zip(labels, counts, truth.T):
        prec, rec, f1 = _prf(tp, fp, fn)
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": int(t.sum())}
    micro_p, micro_r, micro = _micro(counts)
    exact = np.mean([set(a) & set(labels) == set(b) & set(labels) for a, b in zip(y_true, y_pred)]) if len(y_true) else 0.0
    used = truth.any(axis=0) | pred.any(axis=0)      # labels the macro-F1 averages over
    f1s = [per[lab]["f1"] for lab, u in zip(labels, used) if u]
    macro = np.mean(f1s) if f1s else 0.0
    return {"per_label": per, "micro_f1": round(micro, 4), "macro_f1": round(float(macro), 4),
            "macro_left_out": [lab for lab, u in zip(labels, used) if not u],
            "micro_precision": round(micro_p, 4), "micro_recall": round(micro_r, 4), "exact_match": round(float(exact), 4), "n": len(y_true)}


def label_counts(truth: np.ndarray, pred: np.ndarray, weights=None) -> list[tuple]:
    """Per label (column of two boolean unit × label matrices): the weighted true
    positives, false positives and false negatives."""
    w = np.ones(len(truth)) if weights is None else np.asarray(weights, dtype=float)
    return [(_count(w, t & p), _count(w, ~t & p), _count(w, t & ~p)) for t, p in zip(truth.T, pred.T)]


def micro_f1(truth: np.ndarray, pred: np.ndarray, weights=None) -> float:
    """``multilabel_metrics``' micro-F1 from boolean unit × label matrices (the same
    sums in the same order, the same rounding), without building label lists."""
    return round(_micro(label_counts(truth, pred, weights))[2], 4)


def _micro(counts: list[tuple]) -> tuple[float, float, float]:
    """Micro precision, recall and F1: the labels' counts summed in label order."""
    return _prf(*(sum(c[k] for c in counts) for k in range(3)))


def _prf(tp, fp, fn) -> tuple[float, float, float]:
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def _count(w: np.ndarray, mask: np.ndarray):
    total = float(w[mask].sum()) if len(mask) else 0.0
    return int(total) if total.is_integer() else total


def accuracy(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]]) -> float:
    """Share of units whose first predicted label equals their first true label."""
    return round(float(np.mean([a[0] == b[0] for a, b in zip(y_true, y_pred)])), 4) if len(y_true) else 0.0


def format_table(metrics: dict) -> str:
    """A readable per-label table with micro/macro F1 at the bottom. Support counts
    true labels: a label's units, and for micro all labels' (a unit may have several)."""
    rows = [f"{'label':<18}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}"]
    for lab, m in metrics["per_label"].items():
        rows.append(f"{lab:<18}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['support']:>9d}")
    support = sum(m["support"] for m in metrics["per_label"].values())
    rows.append(f"{'micro':<18}{metrics['micro_precision']:>10.3f}{metrics['micro_recall']:>8.3f}"
                f"{metrics['micro_f1']:>8.3f}{support:>9d}")
    left_out = metrics.get("macro_left_out")          # absent in models saved before it
    note = f"  (leaves out {', '.join(left_out)}: no true or predicted unit)" if left_out else ""
    rows.append(f"{'macro':<18}{'':>10}{'':>8}{metrics['macro_f1']:>8.3f}{note}")
    if "accuracy" in metrics:
        rows.append(f"{'accuracy':<18}{'':>10}{'':>8}{metrics['accuracy']:>8.3f}")
    return "\n".join(rows)
