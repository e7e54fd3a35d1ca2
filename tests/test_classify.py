import itertools
import json

import numpy as np
import pytest

from conftest import ROOT, SAMPLE, SHARED, xwlb_slice
from topics.classify import ThemeClassifier
from topics.classify.aggregate import article_labels, article_scores
from topics.classify.features import CombinedFeatures, TextFeatures
from topics.classify.model import MAX_LABELS, best_thresholds, decide, label_matrix, tune_rule
from topics.errors import ConfigError, ModelFileError
from topics.evaluate import micro_f1, multilabel_metrics

ELDER = ["慈溪市居家养老服务中心为老人送餐，养老护理员上门照料老年人。", "社区养老机构增加床位，为高龄老人提供助餐和医养结合服务。",
         "街道老年食堂开张，独居老人吃上热饭热菜。", "养老服务中心组织老年人体检，护理员定期上门。"]
ECO = ["河道整治后水质明显改善，污水零直排改造全面完成。", "废弃矿山修复复绿，生态环境持续向好。",
       "推进垃圾分类和污水治理，守护绿水青山。", "开展河湖清理行动，保护流域生态环境。"]
MISC = ["记者从会上获悉，活动将于下月举行。", "王凯艺 吴超 摄", "本报讯 天气晴好。", "图为活动现场。"]


def tiny():
    texts = ELDER * 3 + ECO * 3 + MISC * 3
    labels = [["elder_care"]] * 12 + [["ecology"]] * 12 + [["other"]] * 12
    return texts, labels


@pytest.fixture(scope="module")
def tiny_model():
    texts, labels = tiny()
    return ThemeClassifier(folds=3, min_df=1).fit(texts, labels)


def test_training_on_a_tiny_set(tiny_model):
    assert tiny_model.classes_ == ["ecology", "elder_care"] and tiny_model.multilabel_
    pred = tiny_model.predict(["老年人居家养老服务和助餐", "污水治理让河道水质变好", "会议今天召开"])
    assert pred[0][0] == "elder_care" and pred[1][0] == "ecology"
    m = tiny_model.cv_metrics_
    texts, labels = tiny()
    assert m == multilabel_metrics(labels, tiny_model.oof_pred_, tiny_model.classes_)
    assert m["micro_f1"] >= 0.85   # distinct vocabularies: nearly every unit right out of fold


def test_thresholds_and_other():
    P = np.array([[0.9, 0.2], [0.3, 0.6], [0.1, 0.1], [0.5, 0.5]])
    assert decide(P, ["a", "b"], np.array([0.5, 0.5]), True) == [["a"], ["b"], ["other"], ["a", "b"]]
    assert decide(P, ["a", "b"], None, False) == [["a"], ["b"], ["a"], ["a"]]
    Y = np.array([[1, 0], [0, 1], [0, 0], [1, 1]])
    thr = best_thresholds(P, Y)
    assert decide(P, ["a", "b"], thr, True) == [["a"], ["b"], ["other"], ["a", "b"]]


def _decide_row_by_row(P, classes, thresholds, relative, fallback):
    """The rule written out one unit at a time: the reference for the vectorised one."""
    out = []
    for row in P.tolist():
        order = sorted(range(len(row)), key=lambda j: -row[j])       # stable: ties keep column order
        passed = [j for j in order if row[j] >= thresholds[j]]
        chosen = [j for k, j in enumerate(passed) if k == 0 or row[j] >= relative * row[passed[0]]]
        chosen = chosen[:MAX_LABELS]
        if not chosen and row[order[0]] >= fallback:
            chosen = [order[0]]
        out.append([classes[j] for j in chosen] or ["other"])
    return out


def test_vectorised_rule_matches_the_rule_unit_by_unit():
    rng = np.random.default_rng(3)
    classes = [f"t{j}" for j in range(6)]
    P = np.round(rng.random((400, 6)), 1)           # coarse values: many ties
    thr = np.round(rng.uniform(0.2, 0.7, 6), 2)
    labels = [[c for c in classes if rng.random() < 0.2] or ["other"] for _ in range(400)]
    Y, w = label_matrix(labels, classes), rng.uniform(0.5, 3, 400)
    for relative, fallback in itertools.product((0.0, 0.4, 0.9), (1.0, 0.5, 0.2)):
        want = _decide_row_by_row(P, classes, thr, relative, fallback)
        got = decide(P, classes, thr, True, relative, fallback)
        assert got == want
        assert micro_f1(Y.astype(bool), label_matrix(got, classes).astype(bool), w) == \
            multilabel_metrics(labels, want, classes, w)["micro_f1"]
    best = tune_rule(P, Y, thr, w)
    scores = {(r, f): multilabel_metrics(labels, _decide_row_by_row(P, classes, thr, r, f), classes, w)["micro_f1"]
              for f in (1.0, 0.5, 0.4, 0.35, 0.3, 0.25, 0.2) for r in (0.0, 0.3, 0.4, 0.5, 0.6)}
    assert scores[best] == max(scores.values())
    assert decide(P[:0], classes, thr, True) == []
    # counts where 2tp / (2tp + fp + fn) and 2pr / (p + r) round apart: the same as the metrics
    truth = np.array([[1]] * 44 + [[0]] * 19, dtype=bool)
    guess = np.array([[1]] + [[0]] * 43 + [[1]] * 19, dtype=bool)
    assert micro_f1(truth, guess) == multilabel_metrics(
        [["a"] if t else ["other"] for t in truth[:, 0]], [["a"] if g else ["other"] for g in guess[:, 0]], ["a"])["micro_f1"]


def test_single_label_data_uses_argmax():
    texts, labels = tiny()
    texts, labels = texts[:24], labels[:24]
    clf = ThemeClassifier(folds=3, min_df=1).fit(texts, labels)
    assert not clf.multilabel_ and all(len(p) == 1 and p[0] != "other" for p in clf.predict(["会议召开", "养老"]))
    assert "accuracy" in clf.cv_metrics_
    # one calibration shared by every label: the most probable label is the one with
    # the largest SVM margin, as a multi-class SVM decides
    assert np.all(clf.platt_ == clf.platt_[0])
    M = clf._margin(clf.features_.transform(texts), clf.coef_, clf.intercept_)
    assert np.array_equal(clf.predict_proba(texts).argmax(1), M.argmax(1))


THUC = SHARED / "benchmarks" / "thucnews" / "train.jsonl"


@pytest.fixture(scope="module")
def titles():
    with THUC.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in itertools.islice(fh, 1000)]
    return [r["text"] for r in rows], [r["labels"] for r in rows]


def test_auto_keeps_the_word_features_that_cross_validate_best(titles):
    """On news titles (single-label), every token with NB weighting beats content words
    and pairs by about three points out of fold, and the two models' average beats
    both; auto keeps the best, and each candidate's score is what training with that
    one alone gives."""
    texts, labels = titles
    auto = ThemeClassifier(folds=3).fit(texts, labels)
    cv = auto.words_cv_
    assert list(cv) == ["phrases", "tokens", "both"]
    assert cv["tokens"] > cv["phrases"] + 0.01 and cv["both"] > cv["tokens"]
    assert auto.words_ == "both" and auto.cv_metrics_["accuracy"] == cv["both"]
    phrases = ThemeClassifier(folds=3, words="phrases").fit(texts, labels)
    tokens = ThemeClassifier(folds=3, words="tokens").fit(texts, labels)
    assert phrases.words_cv_ == {"phrases": cv["phrases"]} and tokens.words_cv_ == {"tokens": cv["tokens"]}
    vocab = tokens.features_.word_vocab_
    assert "的" in vocab and not any(" " in w for w in vocab)       # stop words kept, no pairs
    assert any(" " in w for w in phrases.features_.word_vocab_) and "的" not in phrases.features_.word_vocab_
    # both: the average of the two models' margins, out of fold and as fitted
    assert np.array_equal(auto.oof_margin_, (phrases.oof_margin_ + tokens.oof_margin_) / 2)
    assert [p.word_vocab_ for p in auto.features_.parts] == [phrases.features_.word_vocab_, vocab]
    X = [m.features_.transform(texts[:50]) for m in (auto, phrases, tokens)]
    margins = [m._margin(x, m.coef_, m.intercept_) for m, x in zip((auto, phrases, tokens), X)]
    assert np.allclose(margins[0], (margins[1] + margins[2]) / 2, atol=0.02)   # float16 weights
    # one character block, shared: the same n-grams in the two models
    assert tokens.features_.char_vocab_ == phrases.features_.char_vocab_
    assert X[0].shape[1] == X[1].shape[1] + len(vocab)


def test_combined_features_refuse_parts_counting_characters_differently(titles):
    texts, _ = titles
    parts = [TextFeatures(min_df=m) for m in (1, 3)]
    for part in parts:
        part.fit_transform(texts[:300])
    with pytest.raises(ValueError, match="character"):
        CombinedFeatures(parts)


@pytest.mark.parametrize("words", ["tokens", "both"])
def test_word_features_round_trip(titles, tmp_path, words):
    texts, labels = titles
    clf = ThemeClassifier(folds=3, words=words).fit(texts[:300], labels[:300])
    clf.save(tmp_path / "m")
    back = ThemeClassifier.load(tmp_path / "m")
    assert back.words_ == words and back.words_cv_ == clf.words_cv_
    assert not back.features_.parts[-1].word_bigrams if words == "both" else not back.features_.word_bigrams
    assert np.array_equal(back.predict_proba(texts[300:400]), clf.predict_proba(texts[300:400]))
    # the oldest format that holds the model: older versions of topics still read one set
    manifest = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == (3 if words == "both" else 2)
    if words == "both":
        # the second set never counts characters: it builds no table for them
        assert back.features_.load().parts[1]._index[1] is None
        # a file missing one part's array is refused with a message, not a KeyError
        import io
        with np.load(tmp_path / "m" / "arrays.npz") as npz:
            arrays = {k: npz[k] for k in npz.files if k != "part1_word_idf"}
        buf = io.BytesIO()
        np.savez_compressed(buf, **arrays)
        (tmp_path / "m" / "arrays.npz").write_bytes(buf.getvalue())
        from topics.modelio import sha256_file
        manifest["arrays_sha256"] = sha256_file(tmp_path / "m" / "arrays.npz")
        (tmp_path / "m" / "model.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(ModelFileError, match="part1_word_idf"):
            ThemeClassifier.load(tmp_path / "m")


def test_nb_weighting_is_folded_into_the_coefficients():
    """A model trained with NB weighting scores raw features exactly as the SVM trained
    on the ratio-scaled features scores the scaled ones."""
    from scipy import sparse
    from sklearn.svm import LinearSVC

    from topics.classify.model import nb_ratio

    rng = np.random.default_rng(0)
    X = sparse.random(60, 30, density=0.3, random_state=1, format="csr")
    Y = (rng.random((60, 2)) < 0.4).astype(np.int8)
    w = rng.uniform(0.5, 2, 60)
    clf = ThemeClassifier(C=0.5)
    coef, intercept = clf._fit_linear(X, Y, w, nb=True)
    present = (X != 0).astype(np.float64)
    for j in range(2):
        r = nb_ratio(present, Y[:, j] == 1, w)
        svm = LinearSVC(C=0.5, random_state=0).fit(X @ sparse.diags(r), Y[:, j], sample_weight=w)
        assert np.allclose(X @ coef[j] + intercept[j], svm.decision_function(X @ sparse.diags(r)))
    # the ratio: a feature only the positive units have weighs up, one only the others have down
    P = sparse.csr_matrix(np.array([[1, 0, 1], [1, 0, 1], [0, 1, 1], [0, 1, 1]], dtype=float))
    r = nb_ratio(P, np.array([True, True, False, False]), np.ones(4))
    assert r[0] > 0 > r[1] and r[2] == pytest.approx(0)


def test_errors():
    with pytest.raises(ConfigError, match="at least two labels"):
        ThemeClassifier(folds=2).fit(["a", "b", "c", "d"], [["x"], ["x"], ["other"], ["x"]])
    with pytest.raises(ConfigError, match="too few"):
        ThemeClassifier(folds=5).fit(["a", "b", "c"], [["x"], ["y"], ["x"]])


def test_aggregation_rule():
    P = np.array([[0.9, 0.1], [0.1, 0.8], [0.2, 0.1]])
    lengths = np.array([300, 100, 100])
    s = article_scores(P, lengths)
    np.testing.assert_allclose(s, [(0.9 * 300 + 0.1 * 100 + 0.2 * 100) / 500, (0.1 * 300 + 0.8 * 100 + 0.1 * 100) / 500])
    with_title = article_scores(P, lengths, np.array([0.0, 1.0]))       # title weighs one mean paragraph (166.7)
    assert with_title[1] > s[1] and with_title[0] < s[0]
    assert article_labels(s, ["a", "b"], np.array([0.5, 0.5]), True) == ["a"]
    assert article_labels(np.array([0.1, 0.05]), ["a", "b"], np.array([0.5, 0.5]), True) == ["other"]
    assert article_labels(np.array([0.1, 0.3]), ["a", "b"], np.array([0.5, 0.5]), False) == ["b"]


def test_save_load_round_trip(tiny_model, tmp_path):
    tiny_model.save(tmp_path / "m", training={"n_units": 36})
    again = ThemeClassifier.load(tmp_path / "m")
    texts = ["老年人助餐", "河道水质"]
    np.testing.assert_allclose(again.predict_proba(texts), tiny_model.predict_proba(texts), rtol=1e-5)
    assert again.classes_ == tiny_model.classes_ and again.training_ == {"n_units": 36}


def test_tampered_and_incompatible_model_refused(tiny_model, tmp_path):
    folder = tmp_path / "m"
    tiny_model.save(folder)
    data = bytearray((folder / "arrays.npz").read_bytes())
    data[len(data) // 2] ^= 0x55
    (folder / "arrays.npz").write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="checksum"):
        ThemeClassifier.load(folder)
    tiny_model.save(folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    (folder / "model.json").write_text(json.dumps({**meta, "format_version": 0}), encoding="utf-8")
    with pytest.raises(ModelFileError, match="format 0"):
        ThemeClassifier.load(folder)
    (folder / "model.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        ThemeClassifier.load(folder)
    for other in ("[]", '"model"', '{"kind": "classifier", "info": []}'):   # valid JSON, no model
        (folder / "model.json").write_text(other, encoding="utf-8")
        with pytest.raises(ModelFileError, match="not a model description"):
            ThemeClassifier.load(folder)
    (folder / "model.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        ThemeClassifier.load(folder)


def test_a_model_edited_with_its_checksums_made_again_is_refused(tiny_model, tmp_path):
    """Someone who edits a model and recomputes its checksums gets a clear refusal,
    not an internal error, when the parts do not fit together."""
    import hashlib

    from topics.modelio import _info_hash

    folder = tmp_path / "m"
    for edit, message in [(lambda m: m["info"].update(classes=5), "usable classifier"),
                          (lambda m: m["info"].update(classes=m["info"]["classes"][:1] + ["x", "y"]), "do not fit together"),
                          (lambda m: m["info"]["rule"].update(fallback="high"), "do not fit together"),
                          (lambda m: m["info"].update(params={"C": 0.3, "bogus": 1}), "usable classifier")]:
        tiny_model.save(folder)
        meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        edit(meta)
        meta["info_sha256"] = _info_hash(meta["info"])
        (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
        with pytest.raises(ModelFileError, match=message):
            ThemeClassifier.load(folder)
    tiny_model.save(folder)
    (folder / "arrays.npz").write_bytes(b"hello, not a zip")
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["arrays_sha256"] = hashlib.sha256(b"hello, not a zip").hexdigest()
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a whole numpy .npz archive"):
        ThemeClassifier.load(folder)


def test_shipped_model_is_small_and_loads():
    folder = ROOT / "models" / "themes"
    size = sum(f.stat().st_size for f in folder.iterdir())
    assert size < 6 * 2**20      # two word vocabularies, one of characters, their float16 weights: about 4.8 MB
    clf = ThemeClassifier.load(folder)
    assert clf.classes_ == sorted(["industry", "rural", "poverty_aid", "elder_care", "public_services", "urban", "ecology", "cadre_conduct", "governance"])
    # every word feature set was cross-validated; on the codebook's paragraphs the
    # average of the two models won
    assert clf.words_ == "both" and clf.words_cv_["both"] > max(clf.words_cv_["phrases"], clf.words_cv_["tokens"])
    assert [p.word_bigrams for p in clf.features_.parts] == [True, False]


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    from topics.cli import main

    out = tmp_path_factory.mktemp("label") / "labels.jsonl"
    assert main(["label", str(SAMPLE), "-o", str(out), "-q"]) == 0
    return {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


@pytest.mark.parametrize("article, first", [
    ("000_9e6ecdd00a6a378a-04", "elder_care"),      # Cixi elder care
    ("000_9e6ecdd00a6a378a-01", "poverty_aid"),     # Yuyao–Zhaojue paired aid
    ("000_9e6ecdd00a6a378a-06", "cadre_conduct"),   # Xiangshan reporting
    ("000_9e6ecdd00a6a378a-07", "ecology"),         # Cixi mine restoration
])
def test_cli_label_on_seeds_with_shipped_model(labelled, article, first):
    assert labelled[article]["labels"][0] == first


def test_label_output_format(labelled):
    rec = labelled["000_9e6ecdd00a6a378a-04"]
    assert list(rec) == ["id", "title", "date", "source", "labels", "scores", "paragraphs"]
    assert 1 <= len(rec["labels"]) <= 3 and len(rec["scores"]) == 9
    para = rec["paragraphs"][0]
    assert set(para) == {"text", "labels", "scores"} and para["text"].startswith("中午11时许")
    assert list(labelled)[:2] == ["000_9e6ecdd00a6a378a-01", "000_9e6ecdd00a6a378a-02"]     # input order


def test_label_jsonl_records_csv_and_bad_input(run_cli, tmp_path):
    data = tmp_path / "new.jsonl"
    data.write_text(json.dumps({"id": "n1", "title": "慈溪养老", "text": "慈溪市居家养老服务中心为老人送餐。\n养老护理员上门服务。"}, ensure_ascii=False)
                    + "\n{broken\n" + json.dumps({"id": "n2", "text": "废弃矿山修复复绿，生态环境改善。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    res = run_cli("label", data, "-o", out, "-q")
    assert res.returncode == 1 and "new.jsonl:2: malformed JSON" in res.stderr and "Traceback" not in res.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,title,date,source,url,labels,n_paragraphs,")
    assert rows[1].startswith("n1,慈溪养老,,,,elder_care") and rows[2].startswith("n2,,,,,ecology")


def test_label_missing_model(run_cli, tmp_path):
    res = run_cli("label", SAMPLE, "--model", tmp_path / "nope", "-o", tmp_path / "o.jsonl")
    assert res.returncode == 2 and "no model at" in res.stderr and "topics train" in res.stderr


def test_cli_train(run_cli, tmp_path):
    data = tmp_path / "train.jsonl"
    texts, labels = tiny()
    data.write_text("\n".join(json.dumps({"id": str(i), "text": t, "labels": lab}, ensure_ascii=False) for i, (t, lab) in enumerate(zip(texts, labels))), encoding="utf-8")
    res = run_cli("train", data, "-o", tmp_path / "m", "--folds", "3", "--codebook", "-q")
    assert res.returncode == 0, res.stderr
    assert "micro" in res.stdout and "elder_care" in res.stdout
    # a tie (every unit right either way) keeps phrases
    assert "word features: phrases (cross-validated micro-F1: phrases 1.000, tokens 1.000, both 1.000)" in res.stdout
    assert ThemeClassifier.load(tmp_path / "m").words_cv_.keys() == {"phrases", "tokens", "both"}
    res = run_cli("train", data, "-o", tmp_path / "t", "--folds", "3", "--words", "tokens", "-q")
    assert res.returncode == 0 and "word features: tokens\n" in res.stdout
    assert ThemeClassifier.load(tmp_path / "t").words_ == "tokens"
    res = run_cli("train", data, "-o", tmp_path / "m", "-q")
    assert res.returncode == 2 and "--force" in res.stderr
    data.write_text(json.dumps({"id": "x", "text": "t", "labels": ["sport"]}) + "\n", encoding="utf-8")
    res = run_cli("train", data, "-o", tmp_path / "m2", "--codebook", "-q")
    assert res.returncode == 2 and "unknown label(s) 'sport'" in res.stderr


def test_edited_model_json_is_refused(tiny_model, tmp_path):
    folder = tmp_path / "m"
    tiny_model.save(folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["info"]["classes"] = list(reversed(meta["info"]["classes"]))
    (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ModelFileError, match="edited or damaged"):
        ThemeClassifier.load(folder)


def test_groups_keep_articles_in_one_fold():
    texts, labels = tiny()
    groups = [str(i // 4) for i in range(len(texts))]
    clf = ThemeClassifier(folds=3, min_df=1).fit(texts, labels, groups=groups)
    for g in set(groups):
        assert len({clf.fold_of_[i] for i, x in enumerate(groups) if x == g}) == 1


def test_bad_settings():
    texts, labels = tiny()
    with pytest.raises(ConfigError, match="classifier.folds: must be at least 2"):
        ThemeClassifier(folds=1).fit(texts, labels)
    with pytest.raises(ConfigError, match="classifier.words"):
        ThemeClassifier(words="bigrams").fit(texts, labels)


def test_train_output_is_a_file(run_cli, tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    res = run_cli("train", ROOT / "annotations/themes.jsonl", "-o", f)
    assert res.returncode == 2 and "is a file" in res.stderr


def test_arrays_missing_or_truncated_behind_a_matching_checksum(tiny_model, tmp_path):
    import hashlib
    import io

    folder = tmp_path / "m"
    tiny_model.save(folder)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))

    def replace_arrays(data: bytes):
        (folder / "arrays.npz").write_bytes(data)
        meta["arrays_sha256"] = hashlib.sha256(data).hexdigest()
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    with np.load(folder / "arrays.npz") as npz:
        kept = {k: npz[k] for k in npz.files if k != "coef"}
    buf = io.BytesIO()
    np.savez(buf, **kept)
    replace_arrays(buf.getvalue())
    with pytest.raises(ModelFileError, match="is incomplete: it has no array 'coef'"):
        ThemeClassifier.load(folder)
    replace_arrays(buf.getvalue()[: len(buf.getvalue()) // 2])
    with pytest.raises(ModelFileError, match="damaged or truncated"):
        ThemeClassifier.load(folder)


@pytest.mark.parametrize("texts", [
    ["慈溪市居家养老  服务中心\n为老人送餐 ABC abc", "", "a", "河道 整治 Q", "重复重复重复"],
    ["𠀀扩展区 B 的字", "  前后空白  ", "Ｆｕｌｌ width", "a\tb\r\nc"],
])
def test_counts_equal_scikit_learn(texts):
    from sklearn.feature_extraction.text import CountVectorizer

    from topics.classify.features import (CharTable, WordTable, char_ngrams, count_matrix,
                                          word_ngrams)

    cv = CountVectorizer(analyzer="char", ngram_range=(1, 3), lowercase=True).fit(texts)
    vocab = cv.get_feature_names_out().tolist()
    expected = cv.transform(texts)
    assert (CharTable(vocab).counts(texts, 1, 3) != expected).nnz == 0
    assert (count_matrix((char_ngrams(t, 1, 3) for t in texts), cv.vocabulary_) != expected).nnz == 0
    tokens = [t.split() for t in texts]
    wv = CountVectorizer(analyzer=word_ngrams).fit(tokens)
    assert (count_matrix(map(word_ngrams, tokens), wv.vocabulary_) != wv.transform(tokens)).nnz == 0
    assert (WordTable(wv.get_feature_names_out().tolist()).counts(tokens)
            != wv.transform(tokens)).nnz == 0
    # a vocabulary fitted on part of the texts: unknown words, bigrams with one unknown
    # word, bigrams of known words that are not in the vocabulary, empty documents
    part = CountVectorizer(analyzer=word_ngrams, max_features=25).fit(tokens[: len(tokens) // 2 + 1])
    docs = tokens + [[]]
    assert (WordTable(part.get_feature_names_out().tolist()).counts(docs)
            != part.transform(docs)).nnz == 0


def test_source_weights_balance_sources():
    from topics.classify.training import source_weights

    recs = [{"source": "big"}] * 9 + [{"source": "small"}]
    assert source_weights(recs, "none") == [1.0] * 10
    # sqrt: weight ∝ 1/sqrt(n): 1/3 for each big unit, 1 for the small one; mean 1
    w = source_weights(recs, "sqrt")
    assert w[0] == pytest.approx((1 / 3) / 0.4) and w[-1] == pytest.approx(1 / 0.4)
    assert sum(w) == pytest.approx(10)
    # equal: each source weighs the same in total
    w = source_weights(recs, "equal")
    assert sum(w[:9]) == pytest.approx(w[-1]) and sum(w) == pytest.approx(10)
    # units without a source form one source
    assert source_weights([{"id": 1}, {"id": 2}], "sqrt") == [1.0, 1.0]


def test_paragraphs_are_labelled_with_their_articles_context():
    """A paragraph's written scores are (1 - context) x its own probabilities plus
    context x its article's scores, and its labels are decided from them; context 0
    is the paragraph alone; the article's own scores and labels do not change."""
    from topics.classify.label import label_articles, load_classifier
    from topics.corpus.article import Article

    clf = load_classifier()
    paras = ["我区持续推进居家养老服务中心建设，为辖区老年人提供助餐、助浴、日间照料等服务。",
             "目前，已有120余名居民报名参加。", "社区组织志愿者定期上门看望独居老人。"]
    arts = [Article(id="a", paragraphs=paras, title="我区推进居家养老服务"),
            Article(id="b", paragraphs=["河道整治后水质明显改善。"]), Article(id="e", paragraphs=[])]
    alone, mixed = (label_articles(arts, clf, context=c) for c in (0.0, 0.3))
    own = clf.predict_proba(paras)
    for k, rec in enumerate(alone[0]["paragraphs"]):
        assert np.allclose([rec["scores"][c] for c in clf.classes_], own[k], atol=1e-4)
    art = np.array([alone[0]["scores"][c] for c in clf.classes_])
    got = np.array([[p["scores"][c] for c in clf.classes_] for p in mixed[0]["paragraphs"]])
    want = 0.7 * own + 0.3 * art
    assert np.allclose(got, want, atol=2e-4)
    assert [p["labels"] for p in mixed[0]["paragraphs"]] == clf.decide(want)
    # the line about sign-ups is public services alone, elder care in its elder-care
    # article once the article weighs half
    half = label_articles(arts[:1], clf, context=0.5)[0]
    assert alone[0]["paragraphs"][1]["labels"] == ["public_services"]
    assert half["paragraphs"][1]["labels"][0] == "elder_care"
    for a, m in zip(alone, mixed):
        assert (a["labels"], a["scores"]) == (m["labels"], m["scores"])
    assert mixed[2]["empty"] and mixed[2]["labels"] == []
    # a one-paragraph article without a title: its article scores are its own
    assert mixed[1]["paragraphs"][0]["scores"] == alone[1]["paragraphs"][0]["scores"]
    # paragraphs that are all empty have no article score to mix in
    blank = Article(id="z", paragraphs=["", ""], title="养老")
    assert label_articles([blank], clf, context=0.3) == label_articles([blank], clf, context=0.0)


def test_label_context_setting_reaches_the_command(run_cli, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "a", "title": "我区推进居家养老服务", "paragraphs": [
        "我区持续推进居家养老服务中心建设，为辖区老年人提供助餐、助浴、日间照料等服务。",
        "目前，已有120余名居民报名参加。"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    scores = {}
    for c in ("0", "0.5"):
        out = tmp_path / f"out{c}.jsonl"
        assert run_cli("label", str(src), "-o", str(out), "--context", c, "-q").returncode == 0
        rec = json.loads(out.read_text(encoding="utf-8"))
        scores[c] = rec["paragraphs"][1]["scores"]["elder_care"]
    assert scores["0.5"] > scores["0"] + 0.2
    assert run_cli("label", str(src), "-o", str(tmp_path / "x.jsonl"), "--context", "1.5").returncode == 2


def test_key_index_finds_every_key_and_nothing_else():
    from topics.classify.features import KeyIndex

    rng = np.random.default_rng(7)
    keys = np.unique(rng.integers(0, 2**63 - 1, 5000, dtype=np.int64))
    # keys whose home slot is the same in a table of this size: found by probing
    homes = KeyIndex(keys, np.arange(len(keys)))._home
    candidates = np.setdiff1d(rng.integers(0, 2**63 - 1, 200_000, dtype=np.int64), keys)
    home = homes(candidates.astype(np.uint64))
    crowded = candidates[home == np.bincount(home).argmax()][:6]
    assert len(crowded) >= 3
    keys = np.concatenate([keys, crowded])
    cols = rng.permutation(len(keys))
    index = KeyIndex(keys, cols)
    assert index._probes >= len(crowded)
    assert (index.get(keys) == cols).all()
    absent = np.setdiff1d(rng.integers(0, 2**63 - 1, 5000, dtype=np.int64), keys)
    assert (index.get(absent) == -1).all()
    assert (KeyIndex(np.zeros(0, np.int64), np.zeros(0, np.int64)).get(keys[:5]) == -1).all()
    assert len(index.get(np.zeros(0, np.int64))) == 0
    with pytest.raises(ValueError, match="empty-slot"):
        KeyIndex(np.array([-1], dtype=np.int64), np.array([0]))


def test_counts_equal_scikit_learn_on_real_paragraphs():
    from sklearn.feature_extraction.text import CountVectorizer

    from topics.classify.features import CharTable, WordTable, word_ngrams
    from topics.segment import Segmenter

    texts = [p for a in xwlb_slice(150) for p in a["text"].split("\n") if p][:600]
    fit, rest = texts[:300], texts[300:]    # a vocabulary that misses much of the rest
    cv = CountVectorizer(analyzer="char", ngram_range=(1, 3), max_features=4000).fit(fit)
    assert (CharTable(cv.get_feature_names_out().tolist()).counts(rest, 1, 3)
            != cv.transform(rest)).nnz == 0
    tokens = Segmenter().tokens_of(texts)
    wv = CountVectorizer(analyzer=word_ngrams, max_features=3000).fit(tokens[:300])
    assert (WordTable(wv.get_feature_names_out().tolist()).counts(tokens[300:])
            != wv.transform(tokens[300:])).nnz == 0


def test_tfidf_rows_equal_scikit_learn():
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    from topics.classify.features import tfidf_rows

    rng = np.random.default_rng(3)
    dense = rng.integers(1, 9, (40, 30)) * (rng.random((40, 30)) < 0.2)
    dense[5] = 0                              # an empty row stays empty
    C = sparse.csr_matrix(dense)
    expected = TfidfTransformer(sublinear_tf=True).fit(C)
    got = tfidf_rows(C, expected.idf_)
    assert abs(got - expected.transform(C)).max() < 1e-12
    assert got[5].nnz == 0
    rows = [slice(a, b) for a, b in zip(C.indptr[:-1], C.indptr[1:])]
    doubled = sparse.csr_matrix((np.concatenate([np.tile(C.data[r], 2) for r in rows]),
                                 np.concatenate([np.tile(C.indices[r], 2) for r in rows]),
                                 2 * C.indptr), shape=C.shape)
    assert not doubled.has_canonical_format     # repeated entries count together
    assert abs(tfidf_rows(doubled, expected.idf_) - tfidf_rows(2 * C, expected.idf_)).max() < 1e-12


def test_counting_once_then_selecting_rows_equals_fitting_on_those_rows():
    """``Counts``: one count of every text, then a fold's rows, gives exactly the
    vocabulary, counts and IDF of a scikit-learn vectorizer fitted on that fold alone;
    so cross-validation need not count per fold. Where ``max_features`` cuts through
    tied counts, the tied items first in sorted order are kept, on every machine
    (scikit-learn's own choice there depends on the CPU)."""
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    from topics.classify.features import Counts, smooth_idf, word_ngrams
    from topics.segment import Segmenter

    texts = [p for a in xwlb_slice(120) for p in a["text"].split("\n") if p][:500]
    tokens = Segmenter().tokens_of(texts)
    fold = np.flatnonzero(np.arange(len(texts)) % 3 != 1)
    cases = [(Counts.of(texts, ("character", (1, 3)), analyzer="char", ngram_range=(1, 3)),
              [texts[i] for i in fold], dict(analyzer="char", ngram_range=(1, 3))),
             (Counts.of(tokens, ("word", True), analyzer=word_ngrams),
              [tokens[i] for i in fold], dict(analyzer=word_ngrams))]
    for counts, docs, how in cases:
        for min_df, limit in ((2, 1500), (1, 997), (3, None)):    # limits that cut through ties
            cv = CountVectorizer(min_df=min_df, **how)
            every = cv.fit_transform(docs)
            names, totals = cv.get_feature_names_out().tolist(), every.sum(axis=0).A1
            by_count = sorted(range(len(names)), key=lambda j: (-totals[j], names[j]))
            keep = sorted(by_count[:limit])
            if limit is not None:
                assert totals[by_count[limit - 1]] == totals[by_count[limit]]   # a real tie is cut
            want = every[:, keep]
            vocab, got = counts.rows(fold).vocabulary(min_df, limit)
            assert vocab == [names[j] for j in keep]
            assert (got != want).nnz == 0
            assert np.array_equal(smooth_idf(got), TfidfTransformer().fit(want).idf_)
    with pytest.raises(ConfigError, match="min_df"):
        cases[1][0].rows([0, 1]).vocabulary(5, None)
    with pytest.raises(ConfigError, match="whole number"):      # not a share, as scikit-learn's
        cases[1][0].vocabulary(0.5, None)


def test_texts_without_any_word_are_a_clear_error():
    texts, labels = ["123 456", "789 10", "11 12", "13 14", "15 16", "17 18"] * 2, [["a"], ["b"]] * 6
    with pytest.raises(ConfigError, match="no word feature"):
        ThemeClassifier(folds=2, words="phrases").fit(texts, labels)
