"""How well do topics get the right theme? Topic -> theme mapping against annotations.

    python benchmarks/bench_mapping.py [--k 20 40] [--seeds 0 1]

Topics are fitted (package defaults) on every paragraph of the 新闻联播 corpus. The
annotated 新闻联播 units are split by story into two halves: half A trains the theme
classifier used as evidence (with every other annotation), half B is the reference: a
topic's gold theme is the majority first label of the half-B units whose largest topic
share is that topic (topics with fewer than 5 such units are left out), ``other`` if
that majority is ``other``. A mapping is right when it gives the gold theme, or no
theme when the gold is ``other``. Printed per rule and threshold: accuracy, topics
mapped, and topics mapped to a wrong theme (the harmful error: a COVID topic called
``rural``).
"""
from __future__ import annotations

import argparse
import collections
import hashlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
XWLB = ROOT.parent / "shared" / "corpora" / "xwlb_2022_2025.jsonl.gz"
MIN_UNITS = 5


def half(unit_id: str) -> str:
    from topics.annotations import group_of

    return "AB"[int(hashlib.sha256(group_of(unit_id).encode()).hexdigest(), 16) % 2]


def annotations():
    from topics.annotations import load_records, resolve_texts

    recs = load_records([ROOT / "annotations" / "themes.jsonl"])
    resolve_texts(recs)
    return recs


def classifier(recs):
    from topics.annotations import group_of
    from topics.classify import ThemeClassifier

    train = [r for r in recs if not (r["id"].startswith("xwlb") and half(r["id"]) == "B")]
    return ThemeClassifier(folds=3).fit([r["text"] for r in train], [r["labels"] for r in train],
                                        groups=[group_of(r["id"]) for r in train])


def gold_themes(doc_topic, units, recs) -> dict[int, str]:
    by_text = {u.text.strip(): i for i, u in enumerate(units)}
    votes: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in recs:
        if r["id"].startswith("xwlb") and half(r["id"]) == "B" and r["text"].strip() in by_text:
            votes[int(np.argmax(doc_topic[by_text[r["text"].strip()]]))][r["labels"][0]] += 1
    return {t: c.most_common(1)[0][0] for t, c in votes.items() if sum(c.values()) >= MIN_UNITS}


def score(chosen, gold) -> tuple[float, int, int]:
    right = sum((chosen[t] or "other") == g for t, g in gold.items())
    wrong_theme = sum(chosen[t] is not None and chosen[t] != g for t, g in gold.items())
    return right / len(gold), sum(c is not None for c in chosen), wrong_theme


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--k", type=int, nargs="+", default=[20, 40])
    p.add_argument("--seeds", type=int, nargs="+", default=[0])
    args = p.parse_args()
    from topics.corpus.ingest import ingest
    from topics.features import bag_of_words
    from topics.segment import Segmenter
    from topics.themes import choose_themes, classifier_evidence, load_scheme, seed_evidence
    from topics.topicmodel import TopicModel
    from topics.units import make_units, tokenize_units

    recs, scheme = annotations(), load_scheme()
    clf = classifier(recs)
    articles, _ = ingest([XWLB], n_jobs=2)
    units = [u for u in tokenize_units(make_units(articles, "paragraph"), Segmenter(), n_jobs=2)
             if len(u.tokens) >= 3]
    X, vocab = bag_of_words([u.tokens for u in units], min_df=5, max_df=0.5)
    texts = [u.text for u in units]
    print(f"{len(units)} paragraphs, {len(vocab)} words; reference: half-B annotated units\n")
    print(f"{'k':>3} {'seed':>4}  {'rule':<26}{'accuracy':>9}{'mapped':>8}{'wrong theme':>12}{'topics':>8}")
    for k in args.k:
        for seed in args.seeds:
            model = TopicModel(k, random_state=seed, n_jobs=2).fit(X)
            theta = model.transform(X)
            gold = gold_themes(theta, units, recs)
            seeds = seed_evidence(model.components_, vocab, scheme)
            evid, _ = classifier_evidence(theta, texts, clf.predict, scheme.ids)
            rows = [(f"seeds >= {m:.2f}", choose_themes(seeds, scheme.ids, m))
                    for m in (0.02, 0.05, 0.10, 0.15, 0.20, 0.30)]
            rows += [(f"classifier >= {m:.2f}", choose_themes(evid, scheme.ids, m))
                     for m in (0.3, 0.4, 0.5, 0.6, 0.7)]
            for name, chosen in rows:
                acc, mapped, wrong = score(chosen, gold)
                print(f"{k:>3} {seed:>4}  {name:<26}{acc:>9.3f}{mapped:>8}{wrong:>12}{len(gold):>8}")
            print()


if __name__ == "__main__":
    main()
