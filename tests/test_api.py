"""The Python front door a notebook user finds in one line."""
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import topics
from conftest import SAMPLE
from topics.errors import InputError
from topics.settings import SettingError


def test_import_is_light():
    code = ("import sys, time; t = time.perf_counter(); import topics; "
            "print(time.perf_counter() - t, 'numpy' in sys.modules, 'sklearn' in sys.modules)")
    seconds, numpy, sklearn = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                             text=True).stdout.split()
    assert (numpy, sklearn) == ("False", "False") and float(seconds) < 0.5
    assert {"read", "label", "discover", "train", "load_model", "TopicModel"} <= set(dir(topics))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        topics.nope


@pytest.fixture(scope="module")
def articles():
    return topics.read(topics.sample_path(), progress=False)


def test_read(articles):
    assert list(articles.columns[:4]) == ["id", "title", "date", "source"]
    assert len(articles) == 14 and articles["paragraphs"].map(len).sum() == 199
    assert topics.read([str(SAMPLE / "004_fca2d5a61c11e164.txt")], progress=False)["id"].tolist() \
        == ["004_fca2d5a61c11e164"]


def test_label_articles_paragraphs_strings_and_frames(articles):
    art = topics.label(articles, progress=False)
    assert len(art) == 14 and art.loc[0, "labels"][:2] == ["poverty_aid", "rural"]
    assert {"industry", "elder_care", "governance"} <= set(art.columns)
    par = topics.label(articles, unit="paragraph", progress=False)
    assert len(par) == 199 and par.loc[0, "unit_id"] == "000_9e6ecdd00a6a378a-01:p0"
    alone = topics.label(articles, unit="paragraph", context=0, progress=False)
    model = topics.load_model()
    own = model.predict_proba(alone["text"].tolist())
    assert np.allclose(alone[model.classes_].to_numpy(), own, atol=1e-4)
    assert not np.allclose(par[model.classes_].to_numpy(), own, atol=1e-4)
    texts = ["慈溪市居家养老服务中心为老人送餐，养老护理员上门服务。", "废弃矿山修复复绿，生态环境持续向好。"]
    from_strings = topics.label(texts, progress=False)
    assert [labs[0] for labs in from_strings["labels"]] == ["elder_care", "ecology"]
    frame = pd.DataFrame({"id": ["a", "b"], "text": texts, "date": ["2024-01-01", None]})
    from_frame = topics.label(frame, progress=False)
    assert from_frame["id"].tolist() == ["a", "b"] and from_frame.loc[0, "date"] == "2024-01-01"
    with pytest.raises(topics.TopicsError, match="needs a 'text' or 'paragraphs' column"):
        topics.label(pd.DataFrame({"body": texts}), progress=False)


def test_settings_are_checked_and_named(articles):
    with pytest.raises(TypeError, match="unexpected setting 'mindf'"):
        topics.discover(articles, k=4, mindf=3, progress=False)
    with pytest.raises(SettingError, match="topics.min_df: must be more than 0"):
        topics.discover(articles, k=4, min_df=0, progress=False)


def test_discover_frames_plots_and_save(articles, tmp_path):
    result = topics.discover(articles, k=4, min_df=3, seed=1, progress=False)
    assert result.k == 4 and len(result.topics_frame()) == 4
    doc = result.doc_topics_frame()
    assert list(doc.columns[:2]) == ["unit_id", "article_id"] and doc.shape[1] == 4 + 4
    assert doc.filter(like="topic_").sum(axis=1).round(3).eq(1).all()
    from topics.topicmodel.report import plot_shares, plot_top_words

    assert plot_top_words(result).axes and plot_shares(result).axes
    out = result.save(tmp_path / "t")
    assert json.loads((out / "topics.json").read_text(encoding="utf-8"))["k"] == 4
    again = topics.discover(articles, k=4, min_df=3, seed=1, progress=False)
    assert again.topics == result.topics


def test_train_and_load_model(tmp_path):
    from test_classify import tiny

    texts, labels = tiny()
    data = tmp_path / "a.jsonl"
    data.write_text("".join(json.dumps({"id": f"u{i}", "text": t, "labels": lab}, ensure_ascii=False)
                            + "\n" for i, (t, lab) in enumerate(zip(texts, labels))), encoding="utf-8")
    clf = topics.train(data, folds=3, progress=False)
    assert clf.classes_ == ["ecology", "elder_care"] and clf.cv_metrics_["n"] == 36
    assert topics.label(["老年人助餐服务"], model=clf, progress=False).loc[0, "labels"] == ["elder_care"]
    assert topics.load_model().classes_[0] == "cadre_conduct"


def test_a_missing_path_is_an_error_and_a_text_says_how_to_pass_texts(tmp_path):
    text = "养老服务中心为老人提供助餐服务"
    with pytest.raises(InputError, match=f"{text}: no such file or folder; to use "
                                                r"texts.*list of strings \(\[text\]"):
        topics.label(text, progress=False)
    with pytest.raises(InputError, match=r"^nope: no such file or folder$"):
        topics.read("nope/", progress=False)
    good = SAMPLE / "004_fca2d5a61c11e164.txt"
    with pytest.raises(InputError, match=r"^nope\.txt: no such file or folder$"):
        topics.read([good, "nope.txt"], progress=False)
    with pytest.raises(InputError, match="no such file or folder"):
        topics.discover(tmp_path / "nope", k=2, progress=False)
    with pytest.raises(InputError, match="nope.jsonl: no such file or folder"):
        topics.annotate([text], exclude=tmp_path / "nope.jsonl", progress=False)
    with pytest.raises(InputError, match="nope.jsonl: no such file or folder"):
        topics.train(tmp_path / "nope.jsonl", progress=False)
    with pytest.raises(InputError, match="nope.jsonl: no such file or folder"):
        topics.annotation_form(tmp_path / "nope.jsonl")


def test_an_unreadable_file_in_a_batch_is_skipped_with_a_warning(tmp_path):
    good = (SAMPLE / "004_fca2d5a61c11e164.txt").read_bytes()
    (tmp_path / "good.txt").write_bytes(good)
    (tmp_path / "bad.txt").write_bytes(b"")
    with pytest.warns(UserWarning, match="skipped .*bad.txt"):
        got = topics.read(tmp_path, progress=False)
    assert got["path"].map(lambda p: p.endswith("good.txt")).tolist() == [True]


def test_no_input_still_gives_the_columns():
    texts = ["慈溪市居家养老服务中心为老人送餐。"]
    for unit in ("article", "paragraph"):
        empty = topics.label([], unit=unit, progress=False)
        full = topics.label(texts, unit=unit, progress=False)
        assert empty.empty and list(empty.columns) == list(full.columns)
    columns = topics.read([], progress=False).columns
    assert list(columns[:4]) == ["id", "title", "date", "source"]


def test_annotation_form_without_ipywidgets_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"id": "u0", "text": "甲。", "labels": ["rural"]}) + "\n",
                    encoding="utf-8")
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with pytest.raises(ModuleNotFoundError, match=r'pip install "topics\[notebooks\]"'):
        topics.annotation_form(path)
