"""Theme prevalence by period and by source, with cluster-bootstrap confidence intervals.

The share of theme h in a group = labelled paragraphs with h / all paragraphs. Intervals
resample *articles* within each group (paragraphs of one article are not independent),
``n_boot`` times with a fixed seed, and take the 2.5 and 97.5 percentiles.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from topics.settings import LabelSettings


MAX_MONTHS = 36   # ``auto``: months up to this span of dates, years beyond


def period_of(date: str | None, granularity: str) -> str | None:
    """The period of an ISO date: ``2024`` (year), ``2024-Q2`` (quarter) or ``2024-05``
    (month); None without a date, and for month or quarter without a month."""
    if not date:
        return None
    if granularity == "year":
        return date[:4]
    if len(date) < 7 or not date[5:7].isdigit():
        return None
    if granularity == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    return date[:7]


def choose_granularity(dates: list[str], period: str = "auto") -> str:
    """``period`` if given, else months when the dates span ``MAX_MONTHS`` months or
    less (two months across a new year are two months, not two years), else years."""
    if period != "auto":
        return period
    months = [int(d[:4]) * 12 + int(d[5:7]) for d in dates
              if d and len(d) >= 7 and d[:4].isdigit() and d[5:7].isdigit()]
    if not months:
        return "year"
    return "month" if max(months) - min(months) < MAX_MONTHS else "year"


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
