"""Theme classifier quality and speed, beside baselines and peers, in one run.

    python benchmarks/bench_classify.py [--sections themes,local,thucnews,active,speed]
                                        [--vectors DIR | --no-vectors]

1. themes: 5-fold cross-validated per-theme and micro/macro F1 on annotations/themes.jsonl
   (paragraphs of one article or letter kept in one fold) of the shipped recipe (n-grams,
   sources balanced) and of the same with word vectors from DIR, beside (a)
   codebook keyword counting (every theme with a seed term in the text, most matches
   first, at most 3; `other` if none) and (b) seeded LDA (`topics discover --seeded` on
   the 新闻联播 paragraphs, no annotation used). Figures for all units and, from the
   same out-of-fold predictions, for the 新闻联播 units and the local units apart.
2. local: held-out local text. Local units (letters and replies, page paragraphs, work
   reports, the seed documents) are split by document: 30% of documents (sha256 of the
   id) are held out; models are trained on everything else and scored there: the
   shipped recipe (n-grams) with each unit labelled within its document as `topics
   label` does (`[label] context`), the same recipe on each unit alone, without the
   written local-style units, with word vectors, without source balance, and 新闻联播
   units only; then two probes never trained on, with and without the written units:
   the written local-site prose (annotations/local_probe.jsonl) and the paragraphs of
   the invented local-site pages (annotations/page_probe.jsonl); then the same recipe on a quarter
   of the 新闻联播 stories held out, units alone and in their story. Written units
   (sources `written` and `written-pages`) are never held out: the probes are their
   held-out test.
3. thucnews (20,000 titles, 10 classes): 5-fold CV accuracy of `ThemeClassifier` (as
   `topics train` makes it: word features chosen by cross-validation; per fold too) beside
   scikit-learn word + char 1–3-gram TF-IDF + LinearSVC (the plain baseline of issue
   13), char-only TF-IDF + LinearSVC and fastText (word bigrams, 10 epochs), same folds.
4. active: the learning curve of ``bench_active.py`` (active vs random selection of
   letters to annotate, adapting a base model that never saw letters).
5. speed: `topics label` (real CLI, start-up included, -j 1 and -j 2, the package's bytecode
   compiled as an installed package has it) on 3,000 stories of ~500 characters, beside
   the same command of the code when issue 13 was filed (`--baseline`, a git revision of
   this repository, exported to a temporary folder; its own model), on one core as the
   issue measured it, interleaved in the same run.

Word vectors (DIR, made if missing, about 12 minutes): `topics vectors` on the 新闻联播
corpus, the work reports and the letters and pages written by
experiments/make_vector_corpus.py. The shipped model has none; ``--no-vectors`` leaves
out the rows that need them (and the 12 minutes).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
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
        local = ROOT / "runs" / "vector-corpus"
        subprocess.run([sys.executable, str(ROOT / "experiments" / "make_vector_corpus.py"), str(local)], check=True)
        res = subprocess.run([sys.executable, "-m", "topics", "vectors", str(XWLB), str(REPORTS),
                              str(local / "mailbox.jsonl"), str(local / "pages.jsonl"), "-o", str(folder), "-q", "--force"],
                             cwd=ROOT, capture_output=True, text=True)
        if res.returncode not in (0, 1):           # 1: the corpus has empty records, reported and skipped
            sys.exit(f"`topics vectors` failed:\n{res.stderr[-2000:]}")
        print(f"word vectors trained into {folder} in {time.perf_counter() - t:.0f} s")
    return WordVectors.load(folder)


def annotated_units():
    from topics.annotations import load_records, resolve_texts

    recs = load_records([ROOT / "annotations" / "themes.jsonl"])
    unresolved = resolve_texts(recs)
    if unresolved:
        sys.exit(f"{len(unresolved)} annotations do not resolve (first: {unresolved[0]})")
    return recs


def fit(recs, vectors=None, balance="sqrt"):
    """The shipped recipe (``topics train``'s defaults) on annotation records."""
    from topics.annotations import group_of
    from topics.classify import ThemeClassifier
    from topics.classify.training import source_weights

    return ThemeClassifier(vectors=vectors).fit(
        [r["text"] for r in recs], [r["labels"] for r in recs],
        groups=[group_of(r["id"]) for r in recs], sample_weight=source_weights(recs, balance))


def print_columns(title: str, cols: list, ids) -> None:
    width = max(16, *(len(name) + 2 for name, _ in cols))
    print(f"\n{title}\n")
    print(f"{'theme F1':<18}" + "".join(f"{name:>{width}}" for name, _ in cols))
    for th in ids:
        print(f"{th:<18}" + "".join(f"{m['per_label'][th]['f1']:>{width}.3f}" for _, m in cols))
    for key in ("micro_f1", "macro_f1"):
        print(f"{key:<18}" + "".join(f"{m[key]:>{width}.3f}" for _, m in cols))
    return width


def theme_quality(vectors_dir: Path | None):
    from topics.evaluate import multilabel_metrics
    from topics.themes import load_scheme

    scheme = load_scheme()
    recs = annotated_units()
    texts, labels = [r["text"] for r in recs], [r["labels"] for r in recs]
    t = time.perf_counter()
    ours = fit(recs)
    t_ours = time.perf_counter() - t
    with_vectors = [("+ word vectors", fit(recs, word_vectors(vectors_dir)).oof_pred_)] \
        if vectors_dir else []
    kw = keyword_baseline(texts, scheme)
    t = time.perf_counter()
    lda = seeded_lda_baseline(texts, scheme)
    t_lda = time.perf_counter() - t
    cols = [("ours", ours.oof_pred_), *with_vectors, ("keywords", kw), ("seeded LDA", lda)]
    parts = [("all units", lambda r: True),
             ("新闻联播 units", lambda r: r["source"].startswith("xwlb")),
             ("local units", lambda r: not r["source"].startswith("xwlb"))]
    for name, keep in parts:
        idx = [i for i, r in enumerate(recs) if keep(r)]
        scored = [(c, multilabel_metrics([labels[i] for i in idx], [pred[i] for i in idx],
                                         scheme.ids)) for c, pred in cols]
        print_columns(f"Themes, {name} ({len(idx)}), 5-fold CV over all {len(recs)} annotated "
                      f"units (ours: train+CV {t_ours:.0f} s; seeded LDA fit {t_lda:.0f} s)",
                      scored, scheme.ids)


def is_local_test(rec: dict) -> bool:
    """Held-out local documents: 30% of each local source's documents, by hash."""
    import hashlib

    from topics.annotations import group_of

    if rec["source"].startswith(("xwlb", "written")):
        return False       # written local-style units always train (the probes test them)
    return int(hashlib.sha256(group_of(rec["id"]).encode()).hexdigest(), 16) % 10 < 3


PROBES = (("Written local-site probe", "local_probe.jsonl"),
          ("Invented-page probe", "page_probe.jsonl"))


def probe_units(name: str = "local_probe.jsonl") -> list[dict]:
    """A probe of annotated units never trained on: the written local-site prose
    (``annotations/local_probe.jsonl``) or the paragraphs of the invented local-site
    pages of ``tests/data/local_pages4-6`` (``annotations/page_probe.jsonl``)."""
    from topics.annotations import load_records

    return load_records([ROOT / "annotations" / name])


def local_heldout(vectors_dir: Path | None):
    from topics.annotations import group_of
    from topics.evaluate import multilabel_metrics
    from topics.settings import LabelSettings
    from topics.themes import load_scheme

    ids = load_scheme().ids
    recs = annotated_units()
    test = [r for r in recs if is_local_test(r)]
    train = [r for r in recs if not is_local_test(r)]
    texts = [r["text"] for r in test]
    shipped = fit(train)                  # the shipped model's recipe: n-grams only
    context = LabelSettings.context
    unwritten = fit([r for r in train if not r["source"].startswith("written")])
    runs = [("in its article", lambda: in_context(shipped, test, context)),
            ("unit alone", lambda: shipped.predict(texts)),
            ("no written units", lambda: in_context(unwritten, test, context)),
            *([("+ word vectors", lambda: fit(train, word_vectors(vectors_dir)).predict(texts))]
              if vectors_dir else []),
            ("no source balance", lambda: fit(train, None, "none").predict(texts)),
            ("新闻联播 units only", lambda: fit([r for r in train if r["source"].startswith("xwlb")]
                                              ).predict(texts))]
    gold = [r["labels"] for r in test]
    cols, top1 = [], []
    for name, run in runs:
        pred = run()
        cols.append((name, multilabel_metrics(gold, pred, ids)))
        top1.append(np.mean([p[0] in g for p, g in zip(pred, gold)]))
        by_source = {}
        for src in sorted({r["source"] for r in test}):
            idx = [i for i, r in enumerate(test) if r["source"] == src]
            by_source[src.split("_")[0]] = multilabel_metrics([gold[i] for i in idx], [pred[i] for i in idx], ids)["micro_f1"]
        print(f"  {name}: micro-F1 by source " + ", ".join(f"{k} {v:.3f}" for k, v in by_source.items()), flush=True)
    width = print_columns(f"Held-out local text: {len(test)} units of 30% of the local documents "
                  f"(trained on the other {len(train)} units; 'in its article': the shipped "
                  f"recipe, each unit labelled within its document, label context {context})",
                  cols, ids)
    print(f"{'top-1 accuracy':<18}" + "".join(f"{x:>{width}.3f}" for x in top1))
    for title, file in PROBES:
        probe = probe_units(file)
        gold = [r["labels"] for r in probe]
        print(f"\n{title}: {len(probe)} units of {len({group_of(r['id']) for r in probe})} "
              "articles, never trained on (each unit labelled in its article)")
        for name, model in (("shipped recipe", shipped), ("no written units", unwritten)):
            pred = in_context(model, probe, context)
            m = multilabel_metrics(gold, pred, ids)
            top = np.mean([p[0] in g for p, g in zip(pred, gold)])
            print(f"  {name:<20} micro-F1 {m['micro_f1']:.3f}  macro-F1 {m['macro_f1']:.3f}  top-1 {top:.3f}")
    xwlb_in_context(recs, ids, context)


def xwlb_in_context(recs: list[dict], ids: list[str], context: float) -> None:
    """The same on 新闻联播: a quarter of the stories (by hash) held out, the model
    trained on every other unit but the held-out local ones; held-out units labelled
    alone and in their story."""
    import hashlib

    from topics.annotations import group_of
    from topics.evaluate import multilabel_metrics

    def held_out(r):
        return r["source"].startswith("xwlb") and int(hashlib.sha256(
            ("x" + group_of(r["id"])).encode()).hexdigest(), 16) % 4 == 0

    test = [r for r in recs if held_out(r)]
    model = fit([r for r in recs if not held_out(r) and not is_local_test(r)])
    gold = [r["labels"] for r in test]
    print(f"\n新闻联播: {len(test)} units of a quarter of the stories held out")
    for name, c in (("unit alone", 0.0), (f"in its story (context {context})", context)):
        m = multilabel_metrics(gold, in_context(model, test, c), ids)
        print(f"  {name:<32} micro-F1 {m['micro_f1']:.3f}  macro-F1 {m['macro_f1']:.3f}")


def in_context(model, test: list[dict], context: float) -> list[list[str]]:
    """Labels of the test units as ``topics label`` gives them: each unit's whole
    document (its article, letter or reply; every non-empty line a paragraph) is
    labelled with ``label_articles`` and the unit's paragraph read back. Units that
    carry their text (the sample, written units) make their document of the units
    of ``test`` with the same document id, in paragraph order, under the title they
    carry; units whose document cannot be found are labelled alone."""
    from topics.annotations import default_corpus_dirs, source_lines
    from topics.classify.label import label_articles
    from topics.corpus.article import Article

    dirs, sources, labelled, out, alone = default_corpus_dirs(), {}, {}, [], 0
    carried: dict = {}           # (source, document) -> {paragraph number: text}
    titles: dict = {}            # (source, document) -> the title those units carry
    for r in test:
        doc, _, para = r["id"].rpartition(":p")
        if para.isdigit():
            carried.setdefault((r["source"], doc), {})[int(para)] = r["text"]
            titles.setdefault((r["source"], doc), r.get("title"))
    for r in test:
        doc, _, para = r["id"].rpartition(":p")
        if r["source"] not in sources:
            sources[r["source"]] = source_lines(r["source"], dirs) or {}
        lines = [x.strip() for x in sources[r["source"]].get(doc, [])]
        if not lines and (r["source"], doc) in carried:
            paras = carried[r["source"], doc]
            lines = [paras.get(i, "") for i in range(max(paras) + 1)]
        if not para.isdigit() or int(para) >= len(lines) or lines[int(para)] != r["text"]:
            out.append(model.predict([r["text"]])[0])
            alone += 1
            continue
        if (r["source"], doc) not in labelled:     # each document labelled once
            art = Article(id=doc, paragraphs=[x for x in lines if x],
                          title=titles.get((r["source"], doc)))
            labelled[r["source"], doc] = label_articles([art], model, context=context)[0]
        at = sum(1 for x in lines[:int(para)] if x)
        out.append(labelled[r["source"], doc]["paragraphs"][at]["labels"])
    if alone:
        print(f"  ({alone} of {len(test)} units without their document, labelled alone)")
    return out


def thucnews():
    import fasttext
    from scipy import sparse
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
    clf = ThemeClassifier(folds=5, random_state=0).fit(texts, labels)
    t_ours = time.perf_counter() - t
    ours = clf.cv_metrics_["accuracy"]
    ours_folds = [np.mean([clf.oof_pred_[i][0] == y[i] for i in te]) for _, te in folds]
    assert all(np.array_equal(np.flatnonzero(clf.fold_of_ == f), np.sort(te))
               for f, (_, te) in enumerate(folds)), "ours and the peers must share folds"
    t = time.perf_counter()
    acc = []
    for tr, te in folds:
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
        svm = LinearSVC().fit(vec.fit_transform([texts[i] for i in tr]), y[tr])
        acc.append(np.mean(svm.predict(vec.transform([texts[i] for i in te])) == y[te]))
    t_svc = time.perf_counter() - t
    seg = Segmenter(stopwords=False, policy_stopwords=False, min_len=1, keep_numbers=True)
    tokens = [seg.tokens(x) for x in texts]
    words = [" ".join(x) for x in tokens]
    t = time.perf_counter()
    wc_acc = []
    for tr, te in folds:
        wv = TfidfVectorizer(analyzer=lambda x: x, sublinear_tf=True)
        cv = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        X = sparse.hstack([wv.fit_transform([tokens[i] for i in tr]), cv.fit_transform([texts[i] for i in tr])]).tocsr()
        svm = LinearSVC().fit(X, y[tr])
        Xt = sparse.hstack([wv.transform([tokens[i] for i in te]), cv.transform([texts[i] for i in te])]).tocsr()
        wc_acc.append(np.mean(svm.predict(Xt) == y[te]))
    t_wc = time.perf_counter() - t
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
    print(f"{'topics ThemeClassifier (train defaults)':<48}{ours:>9.4f}{t_ours:>8.1f}")
    print(f"{'sklearn word + char 1-3 TF-IDF + LinearSVC':<48}{np.mean(wc_acc):>9.4f}{t_wc:>8.1f}")
    print(f"{'sklearn char 1-3 TF-IDF + LinearSVC':<48}{np.mean(acc):>9.4f}{t_svc:>8.1f}")
    print(f"{'fastText (word bigrams, 10 epochs)':<48}{np.mean(ft_acc):>9.4f}{t_ft:>8.1f}")
    print(f"ours chose word features '{clf.words_}' (" + ", ".join(
        f"{w} {v:.4f}" for w, v in clf.words_cv_.items()) + "); fold by fold against the "
          "word + char baseline: " + " ".join(f"{a:.4f}/{b:.4f}" for a, b in zip(ours_folds, wc_acc))
          + f", ours ahead in {sum(a > b for a, b in zip(ours_folds, wc_acc))} of {len(folds)}")


BASELINE = "d99d51f"  # the code when issues 11-13 were filed (label: 7.0 s on one core)


def export_revision(rev: str, dest: Path) -> Path | None:
    """The package of git revision ``rev`` of this repository, unpacked in ``dest``
    (None, with a message, when git or the revision is not there)."""
    dest.mkdir()
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "topics", "models"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"baseline {rev} not available ({exc}); timing ours only")
        return None
    return dest


def throughput(repeats=3, jobs=(1, 2), baseline: str | None = BASELINE):
    stories = []
    with gzip.open(XWLB, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if 400 <= len(r["text"]) <= 600:
                stories.append({"id": r["id"], "title": r["title"], "text": r["text"]})
            if len(stories) == 3000:
                break
    runs = {f"-j {j}": ([], ["-j", str(j)], {}) for j in jobs}
    # bytecode as an installed package has it (pip compiles it; Python writes it on the
    # first import unless PYTHONDONTWRITEBYTECODE is set, as on our CI machines, where
    # compiling the package's modules adds about 0.25 s to every run)
    import compileall

    compileall.compile_dir(ROOT / "topics", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "stories.jsonl"
        data.write_text("\n".join(json.dumps(s, ensure_ascii=False) for s in stories), encoding="utf-8")
        if baseline and (old := export_revision(baseline, Path(tmp) / "baseline")):
            compileall.compile_dir(old / "topics", quiet=1)
            env = {"PYTHONPATH": str(old)}
            runs[f"{baseline}, -j 1"] = ([], ["-j", "1", "--model", str(old / "models" / "themes")], env)
        for _ in range(repeats):          # interleaved, so load changes hit all alike
            for name, (times, flags, env) in runs.items():
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "topics", "label", str(data), "-o",
                                str(Path(tmp) / "out.jsonl"), "-q", *flags], check=True,
                               env={**os.environ, **env}, cwd=tmp)
                times.append(time.perf_counter() - t)
    chars = sum(len(s["text"]) for s in stories)
    print(f"\n`topics label` on {len(stories)} stories ({chars / len(stories):.0f} chars on average), start-up included:")
    for name, (times, _, _) in runs.items():
        print(f"  {name}: median {np.median(times):.2f} s wall over {repeats} runs "
              f"({', '.join(f'{x:.2f}' for x in times)})")


SECTIONS = ("themes", "local", "thucnews", "active", "speed")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sections", default=",".join(SECTIONS),
                    help=f"comma-separated, from {', '.join(SECTIONS)} (default: all)")
    ap.add_argument("--vectors", type=Path, default=ROOT / "runs" / "vectors", help="word vectors folder (made if missing)")
    ap.add_argument("--no-vectors", action="store_true",
                    help="leave out the rows with word vectors (no 12-minute vector training)")
    ap.add_argument("--baseline", default=BASELINE,
                    help=f"git revision timed beside ours in the speed section (default {BASELINE}, "
                         "the code when issue 13 was filed); '' for none")
    ap.add_argument("--repeats", type=int, default=3,
                    help="interleaved runs of each command in the speed section (default 3)")
    args = ap.parse_args()
    if args.no_vectors:
        args.vectors = None
    chosen = args.sections.split(",")
    unknown = set(chosen) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if "thucnews" in chosen:  # a peer, checked before half an hour of other sections
        try:
            import fasttext  # noqa: F401
        except ImportError:
            ap.error("the thucnews section runs fastText beside ours: "
                     "pip install -e '.[bench]' (or leave thucnews out of --sections)")
    if "themes" in chosen:
        theme_quality(args.vectors)
    if "local" in chosen:
        local_heldout(args.vectors)
    if "thucnews" in chosen:
        thucnews()
    if "active" in chosen:
        from bench_active import learning_curve, print_curve

        print("\nAdapting to letters (bench_active.py): active vs random selection")
        print_curve(learning_curve())
    if "speed" in chosen:
        throughput(args.repeats, baseline=args.baseline)


if __name__ == "__main__":
    main()
