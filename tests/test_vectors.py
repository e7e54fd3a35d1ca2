"""Word vectors (``topics vectors``), the paragraph-vector features and the decision rule."""
import json

import numpy as np
import pytest

from conftest import SAMPLE, xwlb_slice
from test_classify import tiny
from topics.classify import ThemeClassifier
from topics.classify.features import TextFeatures, dequantize, quantize
from topics.classify.model import decide, label_matrix, tune_rule
from topics.classify.vectors import WordVectors
from topics.errors import ConfigError, ModelFileError
from topics.segment import Segmenter


@pytest.fixture(scope="module")
def sample_tokens(sample_articles):
    seg = Segmenter(policy_stopwords=False)
    return [seg.tokens(p) for a in sample_articles for p in a.paragraphs]


@pytest.fixture(scope="module")
def vectors(sample_tokens):
    return WordVectors.train(sample_tokens, dim=16, epochs=2, min_count=1)


def test_training_is_deterministic_and_seeded(sample_tokens, vectors):
    again = WordVectors.train(sample_tokens, dim=16, epochs=2, min_count=1)
    assert again.words == vectors.words and np.array_equal(again.vectors, vectors.vectors)
    other = WordVectors.train(sample_tokens, dim=16, epochs=2, min_count=1, seed=1)
    assert not np.array_equal(other.vectors, vectors.vectors)
    assert vectors.dim == 16 and vectors.params["n_paragraphs"] == len(sample_tokens)
    few = WordVectors.train(sample_tokens, dim=16, epochs=1, min_count=1, max_words=50)
    assert len(few.words) == 50 and few.words == vectors.words[:50]      # most frequent first


def test_training_learns_related_words():
    """Words used in the same contexts end up closer than words that never share one."""
    rng = np.random.default_rng(0)
    care = ["养老", "助餐", "护理"] + [f"甲{i}" for i in range(40)]
    water = ["污水", "河道", "水质"] + [f"乙{i}" for i in range(40)]
    paras = [list(rng.choice(care if k % 2 else water, 8)) for k in range(3000)]
    v = WordVectors.train(paras, dim=20, epochs=5, min_count=1, window=4)

    def cos(a, b):
        x, y = v.vectors[v.index[a]], v.vectors[v.index[b]]
        return x @ y / np.linalg.norm(x) / np.linalg.norm(y)
    assert cos("养老", "助餐") > cos("养老", "污水") + 0.2


def test_bad_training_settings(sample_tokens):
    with pytest.raises(ConfigError, match="at least 1"):
        WordVectors.train(sample_tokens, dim=0)
    with pytest.raises(ConfigError, match="empty"):
        WordVectors.train([[], []])
    with pytest.raises(ConfigError, match="no word occurs 3 times"):
        WordVectors.train([["养老", "服务"], ["河道"]])


def test_save_load_and_tampering(vectors, tmp_path):
    vectors.save(tmp_path / "v", training={"note": "t"})
    again = WordVectors.load(tmp_path / "v")
    assert again.words == vectors.words and np.array_equal(again.vectors, vectors.vectors)   # float16 on both sides
    raw = (tmp_path / "v" / "arrays.npz").read_bytes()
    (tmp_path / "v" / "arrays.npz").write_bytes(raw[:-10] + b"0123456789")
    with pytest.raises(ModelFileError, match="checksum"):
        WordVectors.load(tmp_path / "v")
    ThemeClassifier(folds=3, min_df=1).fit(*tiny()).save(tmp_path / "clf")
    with pytest.raises(ModelFileError, match="not a 'word_vectors' model"):
        WordVectors.load(tmp_path / "clf")


def test_quantize_round_trip():
    V = np.random.default_rng(1).normal(size=(50, 30)).astype(np.float32)
    q, s = quantize(V)
    assert q.dtype == np.int8 and np.abs(dequantize(q, s) - V).max() <= s.max() / 2 + 1e-7
    q2, s2 = quantize(np.zeros((2, 3), dtype=np.float32))
    assert not q2.any() and (s2 == 1).all()


def test_features_with_vectors(vectors, sample_articles):
    texts = [p for a in sample_articles for p in a.paragraphs][:60]
    plain = TextFeatures(min_df=1).fit_transform(texts)
    f = TextFeatures(min_df=1, vectors=vectors, vector_weight=0.5)
    X = f.fit_transform(texts)
    assert X.shape == (len(texts), plain.shape[1] + 16)
    block = X[:, plain.shape[1]:].toarray()
    norms = np.linalg.norm(block, axis=1)
    assert np.allclose(norms[norms > 0], 0.5) and (norms > 0).mean() > 0.9
    kept = [f.word_vocab_[i] for i in f.vector_rows_]
    assert kept and all(" " not in w and w in vectors.index for w in kept)
    # the block is the IDF-weighted sum of the kept words' vectors, normalised
    toks = f.tokens([texts[0]])[0]
    idf = dict(zip(f.word_vocab_, f.word_idf_))
    V = dequantize(*f.vectors_q_)
    want = sum(idf[w] * V[kept.index(w)] for w in toks if w in kept)
    np.testing.assert_allclose(block[0], 0.5 * want / np.linalg.norm(want), rtol=1e-5, atol=1e-7)
    again = TextFeatures.from_state(*f.state())
    assert (again.transform(texts) != f.transform(texts)).nnz == 0


def test_classifier_with_vectors_round_trip(vectors, tmp_path):
    texts, labels = tiny()
    clf = ThemeClassifier(folds=3, min_df=1, vectors=vectors).fit(texts, labels)
    clf.save(tmp_path / "m")
    info = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))["info"]
    assert info["features"]["vectors"]["params"]["dim"] == 16
    assert info["rule"] == {"relative": clf.relative_, "fallback": clf.fallback_}
    with np.load(tmp_path / "m" / "arrays.npz") as z:
        assert z["vectors_q"].dtype == np.int8
    again = ThemeClassifier.load(tmp_path / "m")
    new = ["老年人助餐服务", "河道水质改善", "会议召开"]
    assert np.array_equal(again.predict_proba(new), clf.predict_proba(new))
    assert again.predict(new) == clf.predict(new)


def test_a_base_model_hands_on_the_vectors_of_every_word_feature_set(vectors, sample_articles):
    """``topics train --base`` retrains with the vectors the base model keeps: with
    ``both``, those of either vocabulary (the tokens set keeps words seen once)."""
    from topics.classify.training import base_vectors

    texts, labels = tiny()
    once = [p for a in sample_articles for p in a.paragraphs][:6]    # words seen in one unit
    clf = ThemeClassifier(folds=3, words="both", vectors=vectors).fit(
        texts + once, labels + [["other"]] * len(once))
    kept = [{p.word_vocab_[i] for i in p.vector_rows_} for p in clf.features_.parts]
    assert kept[1] - kept[0]           # words only the tokens set has vectors for
    handed = base_vectors(clf)
    assert set(handed.words) == kept[0] | kept[1]
    for w in list(kept[1])[:20]:
        assert np.allclose(handed.vectors[handed.index[w]], vectors.vectors[vectors.index[w]], atol=0.02)


def test_relative_and_fallback_rule():
    P = np.array([[0.9, 0.6], [0.9, 0.3], [0.35, 0.1], [0.2, 0.1]])
    thr = np.array([0.5, 0.25])
    assert decide(P, ["a", "b"], thr, True) == [["a", "b"], ["a", "b"], ["other"], ["other"]]
    assert decide(P, ["a", "b"], thr, True, relative=0.5) == [["a", "b"], ["a"], ["other"], ["other"]]
    assert decide(P, ["a", "b"], thr, True, fallback=0.3) == [["a", "b"], ["a", "b"], ["a"], ["other"]]
    labels = [["a", "b"], ["a"], ["a"], ["other"]]
    Y = label_matrix(labels, ["a", "b"])
    assert tune_rule(P, Y, thr) == (0.4, 0.35)      # the first grid values that fix rows 1 and 2 (0-based)
    Y = label_matrix([["a", "b"], ["a", "b"], ["other"], ["other"]], ["a", "b"])
    assert tune_rule(P, Y, thr) == (0.0, 1.0)


def test_cli_vectors_and_train(run_cli, tmp_path):
    bad = tmp_path / "in" / "bad.txt"
    bad.parent.mkdir()
    bad.write_bytes(b"\x00\x01\x02" * 100)
    r = run_cli("vectors", SAMPLE, bad, "-o", tmp_path / "v", "--dim", "8", "--epochs", "1", "--min-count", "1", "-q")
    assert r.returncode == 1 and "bad.txt" in r.stderr and "Traceback" not in r.stderr
    v = WordVectors.load(tmp_path / "v")
    assert v.dim == 8 and len(v.words) > 1000
    assert run_cli("vectors", SAMPLE, "-o", tmp_path / "v", "-q").returncode == 2            # not empty, no --force
    r = run_cli("vectors", SAMPLE, "-o", tmp_path / "v2", "--dim", "0")
    assert r.returncode == 2 and "error: --dim: must be at least 1, got 0" in r.stderr
    few = tmp_path / "few.txt"
    few.write_text("养老服务中心开张。\n河道治理完成。\n", encoding="utf-8")
    r = run_cli("vectors", few, "-o", tmp_path / "v3")
    assert r.returncode == 2 and "no word occurs 3 times" in r.stderr and "Traceback" not in r.stderr
    texts, labels = tiny()
    data = tmp_path / "ann.jsonl"
    data.write_text("".join(json.dumps({"id": f"u{i}", "text": t, "labels": l}, ensure_ascii=False) + "\n"
                            for i, (t, l) in enumerate(zip(texts, labels))), encoding="utf-8")
    r = run_cli("train", data, "-o", tmp_path / "m", "--folds", "3", "--vectors", tmp_path / "v", "-q")
    assert r.returncode == 0, r.stderr
    info = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))["info"]
    assert info["features"]["vectors"]["params"]["dim"] == 8 and info["training"]["vectors"]["arrays_sha256"]
    r = run_cli("train", data, "-o", tmp_path / "m2", "--vectors", tmp_path / "nowhere")
    assert r.returncode == 2 and "not a model folder" in r.stderr
    for bad in ("0", "nan"):
        r = run_cli("train", data, "-o", tmp_path / "m3", "--vectors", tmp_path / "v", "--vector-weight", bad)
        assert r.returncode == 2 and "error: --vector-weight: must be" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
def test_vectors_from_the_corpus_place_policy_words_near_each_other():
    stories = xwlb_slice(3000)
    seg = Segmenter(policy_stopwords=False)
    toks = [seg.tokens(p) for s in stories for p in s["text"].split("\n") if p.strip()]
    v = WordVectors.train(toks, dim=50, epochs=3)

    def cos(a, b):
        x, y = v.vectors[v.index[a]], v.vectors[v.index[b]]
        return x @ y / np.linalg.norm(x) / np.linalg.norm(y)
    assert cos("养老", "老年人") > cos("养老", "导弹")


def test_training_does_not_depend_on_the_process(tmp_path):
    """Python salts str hashes per process; the vectors must not change with it."""
    import subprocess
    import sys

    code = ("import hashlib; from topics.classify.vectors import WordVectors; "
            "v = WordVectors.train([['养老', '服务', '老人', '助餐'], ['河道', '水质', '污水', '治理']] * 50, dim=8, epochs=2, min_count=1); "
            "print(hashlib.sha256(v.vectors.tobytes()).hexdigest())")
    out = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(out) == 1


def test_model_files_from_before_vectors_still_load(tmp_path):
    """Format 1 (no rule, no vectors): loads and decides with plain thresholds."""
    from topics.modelio import _info_hash

    texts, labels = tiny()
    clf = ThemeClassifier(folds=3, min_df=1).fit(texts, labels)
    clf.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["info"]["rule"], manifest["info"]["features"]["vectors"]
    manifest.update(format_version=1, info_sha256=_info_hash(manifest["info"]))
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    old = ThemeClassifier.load(tmp_path / "m")
    assert (old.relative_, old.fallback_) == (0.0, 1.0) and old.features_.vectors_q_ is None
    P = old.predict_proba(texts)
    assert old.predict(texts) == decide(P, old.classes_, old.thresholds_, True)
