"""Active learning: selection, suggested batches, the form, and adapting a base model."""
import gzip
import json
import random
import shutil

import numpy as np
import pytest

from conftest import SAMPLE
from test_classify import tiny
from topics.annotations import text_hash
from topics.classify.active import select, uncertainty


def test_uncertainty_by_hand():
    P = np.array([[0.5, 0.5], [1.0, 0.0], [0.25, 0.75], [0.5, 0.0]])
    # the mean binary entropy in bits: H(0.5) = 1, H(0) = H(1) = 0,
    # H(0.25) = H(0.75) = 2 - 0.75 log2 3
    h = 2 - 0.75 * np.log2(3)
    np.testing.assert_allclose(uncertainty(P), [1.0, 0.0, h, 0.5], atol=1e-9)


@pytest.fixture(scope="module")
def model():
    from topics.classify.label import load_classifier

    return load_classifier()


@pytest.fixture(scope="module")
def paragraphs():
    from topics.corpus.ingest import ingest

    articles, _ = ingest([SAMPLE])
    return [p for a in articles for p in a.paragraphs]


def test_selection_is_deterministic_diverse_and_skips_annotated(model, paragraphs):
    texts = paragraphs + paragraphs[:20]           # near-copies must not fill a batch
    first = select(texts, model, 15, seed=0)
    assert first == select(texts, model, 15, seed=0) and len(set(first)) == 15
    assert len({texts[i] for i in first}) == 15     # no text twice
    done = [str(i) for i in first[:5]] + [text_hash(texts[i]) for i in first[5:10]]
    again = select(texts, model, 15, annotated=done, seed=0)
    assert not set(again) & set(first[:5]) and not {texts[i] for i in again} & {texts[i] for i in first[5:10]}
    # a pool sampled with another seed gives another (still valid) batch
    assert select(texts, model, 5, seed=1, max_pool=50) != select(texts, model, 5, seed=2, max_pool=50)


def test_cli_annotate_writes_suggestions_and_excludes(run_cli, tmp_path):
    out = tmp_path / "b1.jsonl"
    res = run_cli("annotate", SAMPLE, "-n", "6", "-o", out)
    assert res.returncode == 0, res.stderr
    batch = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(batch) == 6 and all(r["suggested"] and r["labels"] for r in batch)
    # the first pick is the most uncertain paragraph of the whole corpus
    from topics.classify.label import load_classifier
    from topics.corpus.ingest import ingest

    clf = load_classifier()
    paragraphs = [p for a in ingest([SAMPLE])[0] for p in a.paragraphs]
    most = uncertainty(clf.predict_proba(paragraphs)).max()
    assert batch[0]["uncertainty"] == pytest.approx(most, abs=1e-4)
    assert batch[0]["uncertainty"] >= max(r["uncertainty"] for r in batch)
    res = run_cli("annotate", SAMPLE, "-n", "6", "--exclude", out, "-o", tmp_path / "b2.jsonl")
    second = [json.loads(x)["id"] for x in (tmp_path / "b2.jsonl").read_text(encoding="utf-8").splitlines()]
    assert not set(second) & {r["id"] for r in batch}
    res = run_cli("annotate", SAMPLE, "-o", out)
    assert res.returncode == 2 and "exists" in res.stderr


def test_annotation_form(tmp_path):
    import topics

    path = tmp_path / "b.jsonl"
    path.write_text("".join(json.dumps({"id": f"u{i}", "text": t, "labels": ["rural"], "suggested": True},
                                       ensure_ascii=False) + "\n" for i, t in enumerate(["甲。", "乙。"])),
                    encoding="utf-8")
    form = topics.annotation_form(path)
    assert form.toggles["rural"].value and not form.toggles["ecology"].value
    form.toggle("ecology")
    assert form.labels == ["rural", "ecology"]
    form.toggle("other")
    assert form.labels == ["other"]                 # other stands alone
    for theme in ("industry", "urban", "ecology", "rural"):
        form.toggle(theme)
    assert form.labels == ["industry", "urban", "ecology"] and "at most 3" in form.status.value
    form.next_button.click()
    form.save_button.click()
    saved = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert saved[0]["labels"] == ["industry", "urban", "ecology"] and not saved[0]["suggested"]
    assert saved[1]["labels"] == ["rural"] and saved[1]["reviewed"]


def write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_train_with_a_base_model_and_incompatible_labels(run_cli, tmp_path):
    texts, labels = tiny()
    base_data = write(tmp_path / "base.jsonl", [{"id": f"b{i}", "text": t, "labels": lab}
                                                for i, (t, lab) in enumerate(zip(texts, labels))])
    assert run_cli("train", base_data, "-o", tmp_path / "base", "--folds", "3", "-q").returncode == 0
    mine = write(tmp_path / "mine.jsonl", [
        {"id": f"m{i}", "text": t, "labels": ["elder_care"] if "老" in t else ["ecology"]}
        for i, t in enumerate(["社区为高龄老人上门助浴。", "养老院新增护理床位。", "老年食堂开业。",
                               "湿地公园水质达标。", "工业园区废水集中处理。", "河长巡河清理垃圾。"])])
    res = run_cli("train", "--base", tmp_path / "base", mine, "-o", tmp_path / "m2", "--folds", "3",
                  "--domain-weight", "4")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("cross-validated on your 6 units:")
    info = json.loads((tmp_path / "m2" / "model.json").read_text(encoding="utf-8"))["info"]["training"]
    assert info["n_units"] == 42 and info["domain_units"] == 6 and info["domain_weight"] == 4.0
    assert info["domain_cv"]["n"] == 6
    assert info["files"] == [str(tmp_path / "base" / "annotations.jsonl.gz"), str(mine)]
    with gzip.open(tmp_path / "m2" / "annotations.jsonl.gz", "rt", encoding="utf-8") as fh:
        kept = [json.loads(line) for line in fh]       # the adapted model keeps both sets
    assert [r["id"] for r in kept] == [f"b{i}" for i in range(36)] + [f"m{i}" for i in range(6)]
    # a base unit the user re-annotates is kept once, as the user labelled it
    again = write(tmp_path / "again.jsonl", [{"id": "b0", "text": texts[0], "labels": ["ecology"]}])
    res = run_cli("train", "--base", tmp_path / "base", again, "-o", tmp_path / "m7", "--folds", "3", "-q")
    assert res.returncode == 0, res.stderr
    with gzip.open(tmp_path / "m7" / "annotations.jsonl.gz", "rt", encoding="utf-8") as fh:
        kept = [json.loads(line) for line in fh]
    assert [r["labels"] for r in kept if r["id"] == "b0"] == [["ecology"]] and len(kept) == 36
    bad = write(tmp_path / "bad.jsonl", [{"id": "x", "text": "比赛。", "labels": ["sports"]}] * 1)
    res = run_cli("train", "--base", tmp_path / "base", bad, "-o", tmp_path / "m3")
    assert res.returncode == 2 and "label(s) the base model does not know: sports" in res.stderr
    res = run_cli("train", "--base", tmp_path / "nowhere", mine, "-o", tmp_path / "m4")
    assert res.returncode == 2 and "not a model folder" in res.stderr
    # the base model moved away from its annotation file (a wheel install): it still adapts
    base_data.unlink()
    shutil.move(tmp_path / "base", tmp_path / "elsewhere")
    res = run_cli("train", "--base", tmp_path / "elsewhere", mine, "-o", tmp_path / "m5", "--folds", "3", "-q")
    assert res.returncode == 0, res.stderr
    kept = tmp_path / "elsewhere" / "annotations.jsonl.gz"        # changed: refused
    kept.write_bytes(gzip.compress(b'{"id": "b0", "text": "x", "labels": ["rural"]}\n'))
    res = run_cli("train", "--base", tmp_path / "elsewhere", mine, "-o", tmp_path / "m6", "-q")
    assert res.returncode == 2 and "does not match the checksum" in res.stderr


def test_base_shipped_and_a_base_whose_corpus_is_missing(tmp_path):
    """``--base shipped`` names the installed model; a base model whose annotations
    give corpus ids that cannot be read says which corpora to point TOPICS_CORPUS_DIR at."""
    from topics.classify.training import base_folder, base_training, train_on_records
    from topics.errors import ConfigError
    from topics.resources import shipped_model_dir
    from topics.settings import ClassifierSettings

    assert base_folder("shipped") == shipped_model_dir()
    assert base_folder("m", lambda v: tmp_path / v) == tmp_path / "m"
    texts, labels = tiny()
    rows = [{"id": f"b{i}", "text": t, "labels": lab} for i, (t, lab) in enumerate(zip(texts, labels))]
    data = write(tmp_path / "base.jsonl", rows + [{"id": "s1:p0", "source": "absent.jsonl.gz",
                                                  "labels": ["rural"]}])
    clf, _ = train_on_records(rows, [data], ClassifierSettings(folds=3))
    clf.save(tmp_path / "base")
    with pytest.raises(ConfigError, match="TOPICS_CORPUS_DIR to the folder holding absent.jsonl.gz"):
        base_training(tmp_path / "base")


def test_training_warns_of_missing_themes_and_a_weak_model(tmp_path, caplog):
    """Annotations in the codebook's labels that never use some themes, and a model that
    cross-validates badly, are named in warnings (``topics run`` would otherwise label a
    corpus with them silently)."""
    import logging

    from topics.classify.training import prepare_training, train_on_records
    from topics.settings import ClassifierSettings, SchemeSettings

    texts, labels = tiny()
    data = write(tmp_path / "a.jsonl", [{"id": f"b{i}", "text": t, "labels": lab}
                                        for i, (t, lab) in enumerate(zip(texts, labels))])
    settings = ClassifierSettings(folds=3)
    with caplog.at_level(logging.WARNING, logger="topics"):
        records, _, _ = prepare_training([data], settings, SchemeSettings())
        train_on_records(records, [data], settings)
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert "industry, rural, poverty_aid, public_services, urban, cadre_conduct, governance" in warned
    assert "cross-validated" not in warned                    # this tiny set is learnt well
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="topics"):  # adapting: the base has them
        prepare_training([data], ClassifierSettings(folds=3, base="shipped"), SchemeSettings())
    assert "never gives them" not in caplog.text
    rng = random.Random(0)                                    # labels unrelated to the text
    shuffled = [dict(r, labels=rng.choice((["elder_care"], ["ecology"], ["other"])))
                for r in records]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="topics"):
        train_on_records(shuffled, [data], settings)
    assert "labels from this model are unreliable" in caplog.text
    other_labels = write(tmp_path / "b.jsonl", [{"id": f"x{i}", "text": t, "labels": ["sports"]}
                                                for i, t in enumerate(texts[:3])])
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="topics"):
        prepare_training([other_labels], settings, SchemeSettings())
    assert "never gives them" not in caplog.text              # a label set of its own
