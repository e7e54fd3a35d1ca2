"""Theme prevalence by period and by source, with cluster-bootstrap confidence intervals.

The share of theme h in a group = labelled paragraphs with h / all paragraphs. Intervals
resample *articles* within each group (paragraphs of one article are not independent),
``n_boot`` times with a fixed seed, and take the 2.5 and 97.5 percentiles.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from topics.settings import LabelSettings


def period_of(date: str | None, granularity: str) -> str | None:
    if not date:
        return None
    return date[:4] if granularity == "year" else date[:7]


def choose_granularity(dates: list[str]) -> str:
    years = {d[:4] for d in dates if d}
    return "year" if len(years) > 3 else "month" if len(years) <= 1 else "year"


def prevalence(records: list[dict], themes: list[str], key, *,
               n_boot: int = LabelSettings.bootstrap, seed: int = 0) -> list[dict]:
    """``records``: labelled articles (``topics label`` output + ``date``/``source``).
    ``key(record) -> group or None``. Rows: group, theme, share, low, high, n_articles,
    n_paragraphs. A group of one article has no interval (``low``, ``high``: None):
    resampling articles needs more than one."""
    groups: dict[str, list[np.ndarray]] = defaultdict(list)
    index = {t: i for i, t in enumerate(themes)}
    for rec in records:
        g = key(rec)
        if g is None or not rec["paragraphs"]:
            continue
        counts = np.zeros(len(themes) + 1)
        for p in rec["paragraphs"]:
            for lab in p["labels"]:
                if lab in index:
                    counts[index[lab]] += 1
            counts[-1] += 1
        groups[g].append(counts)
    rng = np.random.default_rng(seed)
    rows = []
    for g in sorted(groups):
        arr = np.array(groups[g])
        share = arr[:, :-1].sum(0) / arr[:, -1].sum()
        idx = rng.integers(0, len(arr), size=(n_boot, len(arr)))
        sums = arr[idx].sum(axis=1)                        # (n_boot, n_themes + 1)
        boot = sums[:, :-1] / sums[:, -1:]
        low, high = np.percentile(boot, [2.5, 97.5], axis=0)
        single = len(arr) < 2

        def bound(x):
            return None if single else round(float(x), 5)

        for t, theme in enumerate(themes):
            rows.append({"group": g, "theme": theme, "share": round(float(share[t]), 5), "low": bound(low[t]),
                         "high": bound(high[t]), "n_articles": len(arr), "n_paragraphs": int(arr[:, -1].sum())})
    return rows
