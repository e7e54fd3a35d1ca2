"""Topic quality and speed on the 新闻联播 corpus, beside peer LDA implementations.

    python benchmarks/bench_topics.py [--k 20] [--full]

Every peer gets the same tokens: stories segmented by topics' Segmenter and pruned to
words in >= 5 and <= 50% of stories. Fit time is wall-clock for training only; NPMI is
gensim's C_NPMI of each topic's top 10 words over all stories (window 10); diversity is
the share of unique words among the topics' top 25. `topics discover` end to end
(ingest + segment + fit + describe + report) is timed through the real CLI.
--full adds tomotopy with 1000 iterations (about 2 minutes).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"


def prepare():
    from topics.corpus.ingest import ingest
    from topics.features import bag_of_words
    from topics.segment import Segmenter, segment_many

    articles, _ = ingest([CORPUS], n_jobs=2)
    docs = list(segment_many([a.text for a in articles], Segmenter(), n_jobs=2))
    X, vocab = bag_of_words(docs, min_df=5, max_df=0.5)
    keep = set(vocab)
    texts = [[w for w in d if w in keep] for d in docs]
    return X, vocab, texts


def words_from_matrix(topic_word, vocab, n=25):
    return [[vocab[i] for i in np.argsort(-row, kind="stable")[:n]] for row in topic_word]


def peer_gensim(X, vocab, texts, k, multicore=False):
    from gensim.matutils import Sparse2Corpus
    from gensim.models import LdaModel, LdaMulticore

    corpus = list(Sparse2Corpus(X, documents_columns=False))
    id2word = dict(enumerate(vocab))
    t = time.perf_counter()
    if multicore:
        m = LdaMulticore(corpus, num_topics=k, id2word=id2word, passes=5, workers=2, random_state=0)
    else:
        m = LdaModel(corpus, num_topics=k, id2word=id2word, passes=5, random_state=0)
    return time.perf_counter() - t, words_from_matrix(m.get_topics(), vocab)


def peer_sklearn(X, vocab, texts, k):
    from sklearn.decomposition import LatentDirichletAllocation

    t = time.perf_counter()
    m = LatentDirichletAllocation(n_components=k, learning_method="online", max_iter=10, random_state=0, n_jobs=2).fit(X)
    return time.perf_counter() - t, words_from_matrix(m.components_, vocab)


def peer_tomotopy(X, vocab, texts, k, iters):
    import tomotopy as tp

    m = tp.LDAModel(k=k, seed=0)
    for d in texts:
        if d:
            m.add_doc(d)
    t = time.perf_counter()
    m.train(iters, workers=2)
    return time.perf_counter() - t, [[w for w, _ in m.get_topic_words(i, top_n=25)] for i in range(k)]


def ours(X, vocab, texts, k):
    from topics.topicmodel import TopicModel

    t = time.perf_counter()
    m = TopicModel(k, random_state=0, n_jobs=2).fit(X)
    return time.perf_counter() - t, words_from_matrix(m.components_, vocab)


def ours_end_to_end(k):
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        res = subprocess.run([sys.executable, "-m", "topics", "discover", str(CORPUS), "--unit", "article", "--k", str(k),
                              "--out", tmp, "-j", "2", "-q"], capture_output=True, text=True)
        secs = time.perf_counter() - t
        # exit 1 = some records were reported (the corpus has 328 stories with empty text)
        if res.returncode not in (0, 1):
            raise SystemExit(f"topics discover failed: {res.stderr[-2000:]}")
        return secs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--full", action="store_true")
    args = ap.parse_args()
    from gensim.corpora import Dictionary

    from topics.topicmodel import coherence

    X, vocab, texts = prepare()
    dictionary = Dictionary(texts)
    print(f"{X.shape[0]} stories, {X.shape[1]} words, {int(X.sum())} tokens; k={args.k}, 2 cores\n")
    runs = [("gensim LdaModel, 5 passes", lambda: peer_gensim(X, vocab, texts, args.k)),
            ("gensim LdaMulticore, 2 workers", lambda: peer_gensim(X, vocab, texts, args.k, multicore=True)),
            ("scikit-learn online LDA, 10 iterations", lambda: peer_sklearn(X, vocab, texts, args.k)),
            ("tomotopy, 100 Gibbs iterations", lambda: peer_tomotopy(X, vocab, texts, args.k, 100))]
    if args.full:
        runs.append(("tomotopy, 1000 Gibbs iterations", lambda: peer_tomotopy(X, vocab, texts, args.k, 1000)))
    runs.append(("topics TopicModel defaults (tomotopy, IDF, 100 it., 2 workers)", lambda: ours(X, vocab, texts, args.k)))
    print(f"{'peer':<64} {'fit s':>7} {'NPMI@10':>8} {'div@25':>7}", flush=True)
    for name, fn in runs:
        secs, words = fn()
        npmi = coherence.score("npmi", topics=words, texts=texts, topn=10, dictionary=dictionary)[0]
        div = coherence.score("diversity", topics=words, topn=25)[0]
        print(f"{name:<64} {secs:>7.1f} {npmi:>8.3f} {div:>7.3f}", flush=True)
    print(f"\n`topics discover --unit article --k {args.k} -j 2` end to end (ingest..report): {ours_end_to_end(args.k):.1f} s")


if __name__ == "__main__":
    main()
