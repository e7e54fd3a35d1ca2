"""Theme classifier quality and speed, beside baselines and peers, in one run.

    python benchmarks/bench_classify.py [--skip-thucnews] [--vectors DIR]

1. Themes: 5-fold cross-validated per-theme and micro/macro F1 on annotations/themes.jsonl
   (paragraphs of one article or story kept in one fold), of the shipped setting (with
   word vectors, DIR = runs/vectors, made by `topics vectors` on the 新闻联播 corpus and the
   government work reports if missing: about 11 minutes) and of n-grams alone, beside (a) codebook keyword counting (every theme with a seed term in the text, most
   matches first, at most 3; `other` if none) and (b) seeded LDA (`topics discover
   --seeded` fitted on the 新闻联播 paragraphs, no annotation used).
2. THUCNews (20,000 titles, 10 classes): 5-fold CV accuracy of `ThemeClassifier` beside
   scikit-learn char 1–3-gram TF-IDF + LinearSVC and fastText (word bigrams, 10 epochs,
   on our segmented words), same folds.
3. Throughput: `topics label` (real CLI, start-up included) on 3,000 stories of ~500 characters.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
XWLB = SHARED / "corpora" / "xwlb_2022_2025.jsonl.gz"
REPORTS = SHARED / "corpora" / "national_gov_work_reports_1954_2025.jsonl.gz"
THUC = SHARED / "benchmarks" / "thucnews" / "train.jsonl"


def keyword_baseline(texts, scheme):
    from topics.segment import Segmenter
    from topics.themes import matches

    seg, out = Segmenter(), []
    for t in texts:
        toks = seg.tokens(t)
        counts = {th.id: sum(any(matches(w, s) for s in th.seeds) for w in toks) for th in scheme.themes}
        ranked = [k for k, v in sorted(counts.items(), key=lambda kv: -kv[1]) if v > 0][:3]
        out.append(ranked or ["other"])
    return out


def seeded_lda_baseline(texts, scheme):
    from topics.corpus.ingest import ingest
    from topics.features import bag_of_words
    from topics.segment import Segmenter, segment_many
    from topics.topicmodel import TopicModel
    from topics.topicmodel.discover import DiscoveredTopics, seeded_labels, seeded_setup

    articles, _ = ingest([XWLB], n_jobs=2)
    seg = Segmenter()
    tokens = list(segment_many([p for a in articles for p in a.paragraphs], seg, n_jobs=2))
    X, vocab = bag_of_words(tokens, min_df=5, max_df=0.5)
    k, priors, topic_themes = seeded_setup(scheme, vocab, 3)
    model = TopicModel(k, seed_words=priors, random_state=0, n_jobs=2).fit(X)
    found = DiscoveredTopics(vocab, model.components_, model.alpha_, {}, seg.get_params(), [])
    out = []
    for lab in seeded_labels(found.infer_texts(texts), topic_themes):
        out.append([lab])
    return out


def word_vectors(folder: Path):
    from topics.classify.vectors import WordVectors

    if not (folder / "model.json").is_file():
        t = time.perf_counter()
        res = subprocess.run([sys.executable, "-m", "topics", "vectors", str(XWLB), str(REPORTS), "-o", str(folder), "-q", "--force"],
                             cwd=ROOT, capture_output=True, text=True)
        if res.returncode not in (0, 1):           # 1: the corpus has empty records, reported and skipped
            sys.exit(f"`topics vectors` failed:\n{res.stderr[-2000:]}")
        print(f"word vectors trained into {folder} in {time.perf_counter() - t:.0f} s")
    return WordVectors.load(folder)


def theme_quality(vectors_dir: Path):
    from topics.annotations import group_of, load_records, resolve_texts
    from topics.classify import ThemeClassifier
    from topics.evaluate import multilabel_metrics
    from topics.themes import load_scheme

    scheme = load_scheme()
    recs = load_records([ROOT / "annotations" / "themes.jsonl"])
    resolve_texts(recs)
    texts, labels = [r["text"] for r in recs], [r["labels"] for r in recs]
    groups = [group_of(r["id"]) for r in recs]
    vectors = word_vectors(vectors_dir)
    t = time.perf_counter()
    ours = ThemeClassifier(vectors=vectors).fit(texts, labels, groups=groups).cv_metrics_
    t_ours = time.perf_counter() - t
    ngrams = ThemeClassifier().fit(texts, labels, groups=groups).cv_metrics_
    kw = multilabel_metrics(labels, keyword_baseline(texts, scheme), scheme.ids)
    t = time.perf_counter()
    lda = multilabel_metrics(labels, seeded_lda_baseline(texts, scheme), scheme.ids)
    t_lda = time.perf_counter() - t
    print(f"Themes: {len(recs)} annotated units, 5-fold CV (ours: train+CV {t_ours:.1f} s; seeded LDA fit {t_lda:.1f} s)\n")
    cols = [("ours", ours), ("n-grams only", ngrams), ("keywords", kw), ("seeded LDA", lda)]
    print(f"{'theme F1':<18}" + "".join(f"{name:>14}" for name, _ in cols) + f"{'support':>9}")
    for th in scheme.ids:
        print(f"{th:<18}" + "".join(f"{m['per_label'][th]['f1']:>14.3f}" for _, m in cols) + f"{ours['per_label'][th]['support']:>9d}")
    for key in ("micro_f1", "macro_f1"):
        print(f"{key:<18}" + "".join(f"{m[key]:>14.3f}" for _, m in cols))


def thucnews():
    import fasttext
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import GroupKFold
    from sklearn.svm import LinearSVC

    from topics.classify import ThemeClassifier
    from topics.segment import Segmenter

    rows = [json.loads(line) for line in THUC.open(encoding="utf-8")]
    texts, labels = [r["text"] for r in rows], [r["labels"] for r in rows]
    y = np.array([lab[0] for lab in labels])
    # the split ThemeClassifier makes internally (each title its own group)
    folds = list(GroupKFold(5, shuffle=True, random_state=0).split(texts, groups=list(range(len(texts)))))
    t = time.perf_counter()
    ours = ThemeClassifier(folds=5, random_state=0).fit(texts, labels).cv_metrics_["accuracy"]
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    acc = []
    for tr, te in folds:
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
        svm = LinearSVC().fit(vec.fit_transform([texts[i] for i in tr]), y[tr])
        acc.append(np.mean(svm.predict(vec.transform([texts[i] for i in te])) == y[te]))
    t_svc = time.perf_counter() - t
    seg = Segmenter(stopwords=False, policy_stopwords=False, min_len=1, keep_numbers=True)
    words = [" ".join(seg.tokens(x)) for x in texts]
    t = time.perf_counter()
    ft_acc = []
    with tempfile.TemporaryDirectory() as tmp:
        for tr, te in folds:
            path = Path(tmp) / "train.txt"
            path.write_text("\n".join(f"__label__{y[i]} {words[i]}" for i in tr), encoding="utf-8")
            model = fasttext.train_supervised(str(path), wordNgrams=2, epoch=10, lr=0.5, thread=2, seed=0, verbose=0)
            pred = [model.predict(words[i])[0][0].replace("__label__", "") for i in te]
            ft_acc.append(np.mean(np.array(pred) == y[te]))
    t_ft = time.perf_counter() - t
    print(f"\nTHUCNews {len(rows)} titles, 5-fold CV accuracy (same folds for the peers)")
    print(f"{'model':<48}{'accuracy':>9}{'time s':>8}")
    print(f"{'topics ThemeClassifier (word+char TF-IDF, SVM)':<48}{ours:>9.4f}{t_ours:>8.1f}")
    print(f"{'sklearn char 1-3 TF-IDF + LinearSVC':<48}{np.mean(acc):>9.4f}{t_svc:>8.1f}")
    print(f"{'fastText (word bigrams, 10 epochs)':<48}{np.mean(ft_acc):>9.4f}{t_ft:>8.1f}")


def throughput(repeats=3):
    stories = []
    with gzip.open(XWLB, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if 400 <= len(r["text"]) <= 600:
                stories.append({"id": r["id"], "title": r["title"], "text": r["text"]})
            if len(stories) == 3000:
                break
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "stories.jsonl"
        data.write_text("\n".join(json.dumps(s, ensure_ascii=False) for s in stories), encoding="utf-8")
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "topics", "label", str(data), "-o", str(Path(tmp) / "out.jsonl"), "-q"], check=True)
            times.append(time.perf_counter() - t)
    chars = sum(len(s["text"]) for s in stories)
    print(f"\n`topics label` on {len(stories)} stories ({chars / len(stories):.0f} chars on average), start-up included: "
          f"median {np.median(times):.2f} s wall over {repeats} runs ({', '.join(f'{x:.2f}' for x in times)})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skip-thucnews", action="store_true")
    ap.add_argument("--vectors", type=Path, default=ROOT / "runs" / "vectors", help="word vectors folder (made if missing)")
    args = ap.parse_args()
    theme_quality(args.vectors)
    if not args.skip_thucnews:
        thucnews()
    throughput()


if __name__ == "__main__":
    main()
