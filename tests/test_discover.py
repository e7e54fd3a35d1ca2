"""`topics discover` through the real entry point, and the saved model."""
import json

import numpy as np
import pytest

from conftest import SAMPLE
from topics.errors import ModelFileError
from topics.topicmodel.discover import DiscoveredTopics


@pytest.fixture(scope="module")
def discovered(tmp_path_factory):
    from topics.cli import main

    out = tmp_path_factory.mktemp("disc") / "run"
    assert main(["discover", str(SAMPLE), "--k", "4", "--out", str(out), "--seed", "1", "-q"]) == 0
    return out


def test_outputs(discovered):
    for name in ("topics.json", "doc_topics.csv", "theme_map.csv", "vocabulary.txt", "report.md", "report.html",
                 "model/model.json", "model/arrays.npz", "figures/top_words.png", "figures/topic_shares.png", "figures/theme_map.png"):
        assert (discovered / name).is_file(), name
    doc = json.loads((discovered / "topics.json").read_text(encoding="utf-8"))
    assert doc["k"] == 4 and doc["engine"] == "tomotopy" and len(doc["topics"]) == 4
    t = doc["topics"][0]
    assert len(t["words"]) == 30 and len(t["weights"]) == 30 and t["weights"] == sorted(t["weights"], reverse=True)
    assert {"id", "share", "theme", "label", "representative"} <= set(t)
    assert abs(sum(x["share"] for x in doc["topics"]) - 1) < 1e-3
    report = (discovered / "report.md").read_text(encoding="utf-8")
    assert "Representative paragraphs" in report and "figures/top_words.png" in report


def test_same_seed_same_result(run_cli, discovered, tmp_path):
    out = tmp_path / "again"
    assert run_cli("discover", SAMPLE, "--k", "4", "--out", out, "--seed", "1", "-q").returncode == 0
    assert (out / "topics.json").read_text(encoding="utf-8") == (discovered / "topics.json").read_text(encoding="utf-8")
    assert (out / "doc_topics.csv").read_bytes() == (discovered / "doc_topics.csv").read_bytes()


def test_refuses_non_empty_folder(run_cli, discovered):
    res = run_cli("discover", SAMPLE, "--k", "4", "--out", discovered, "-q")
    assert res.returncode == 2 and "is not empty" in res.stderr and "--force" in res.stderr


def test_model_round_trip_and_inference(discovered):
    model = DiscoveredTopics.load(discovered / "model")
    texts = ["慈溪市居家养老服务中心为老人送餐，养老护理员上门服务。", "镇海整治低效企业，推进工业园区产业升级。"]
    a, b = model.infer_texts(texts), model.infer_texts(texts)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(a.sum(1), 1)
    model.save(discovered / "model2")
    again = DiscoveredTopics.load(discovered / "model2")
    np.testing.assert_array_equal(again.components, model.components)
    assert again.vocabulary == model.vocabulary


def test_tampered_model_is_refused(discovered, tmp_path):
    import shutil

    bad = tmp_path / "m"
    shutil.copytree(discovered / "model", bad)
    data = bytearray((bad / "arrays.npz").read_bytes())
    data[-10] ^= 0xFF
    (bad / "arrays.npz").write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="does not match the checksum"):
        DiscoveredTopics.load(bad)
    meta = json.loads((discovered / "model" / "model.json").read_text(encoding="utf-8"))
    shutil.copy(discovered / "model" / "arrays.npz", bad / "arrays.npz")
    (bad / "model.json").write_text(json.dumps({**meta, "format_version": 99}), encoding="utf-8")
    with pytest.raises(ModelFileError, match="retrain"):
        DiscoveredTopics.load(bad)
    (bad / "model.json").write_text(json.dumps({**meta, "kind": "classifier"}), encoding="utf-8")
    with pytest.raises(ModelFileError, match="not a 'topics' model"):
        DiscoveredTopics.load(bad)


def test_pickled_arrays_are_refused(tmp_path):
    from topics.modelio import load_model, save_model

    save_model(tmp_path, "topics", {"x": np.array([{"evil": 1}], dtype=object)}, {})
    with pytest.raises(ModelFileError, match="without unpickling"):
        load_model(tmp_path, "topics")


def test_sweep_and_seeded_modes(run_cli, tmp_path):
    out = tmp_path / "sweep"
    res = run_cli("discover", SAMPLE, "--k", "3:5:2", "--n-seeds", "2", "--out", out, "-q", "--min-df", "3")
    assert res.returncode == 0, res.stderr
    assert (out / "figures" / "coherence_vs_k.png").is_file()
    assert len((out / "sweep.csv").read_text().splitlines()) == 5
    assert "Rule: k is the value with the highest mean NPMI" in (out / "report.md").read_text(encoding="utf-8")
    seeded = tmp_path / "seeded"
    res = run_cli("discover", SAMPLE, "--seeded", "--out", seeded, "-q", "--min-df", "2")
    assert res.returncode == 0, res.stderr
    doc = json.loads((seeded / "topics.json").read_text(encoding="utf-8"))
    assert [t["seed_theme"] for t in doc["topics"]] == ["industry", "rural", "poverty_aid", "elder_care", "public_services", "urban", "ecology", "cadre_conduct", "governance", "other", "other", "other"]
    # a topic's theme is its evidence's, seeded or not; units take their topic's theme
    theme_map = {int(r.split(",")[0]): r.split(",")[2] for r in
                 (seeded / "theme_map.csv").read_text(encoding="utf-8").splitlines()[1:]}
    assert {t["id"]: t["theme"] or "" for t in doc["topics"]} == theme_map
    assert any(t["theme"] == t["seed_theme"] for t in doc["topics"])
    rows = (seeded / "unit_themes.csv").read_text(encoding="utf-8").splitlines()
    themes = dict(r.split(",") for r in rows[1:])
    assert set(themes.values()) <= {t["theme"] for t in doc["topics"] if t["theme"]} | {"other"}
    assert themes["000_9e6ecdd00a6a378a-04:p2"] == "elder_care"    # Cixi elder-care paragraph


def test_usage_errors(run_cli, tmp_path):
    res = run_cli("discover", SAMPLE, "--k", "500", "--out", tmp_path / "x", "-q")
    assert res.returncode == 2 and "larger than the number of units" in res.stderr and "Traceback" not in res.stderr
    res = run_cli("discover", SAMPLE, "--k", "abc", "--out", tmp_path / "y", "-q")
    assert res.returncode == 2 and "error: --k: 'abc' is not a number" in res.stderr
    res = run_cli("discover", SAMPLE, "--iterations", "-5", "--out", tmp_path / "w", "-q")
    assert res.returncode == 2 and "error: --iterations: must be at least 0, got -5" in res.stderr
    res = run_cli("discover", SAMPLE, "--min-df", "1e9", "--out", tmp_path / "v", "-q")
    assert res.returncode == 2 and "min_df=1000000000 is more than the" in res.stderr
    res = run_cli("discover", SAMPLE, "--max-mb", "nan", "--out", tmp_path / "u", "-q")
    assert res.returncode == 2 and "error: --max-mb: must be a finite number, got nan" in res.stderr
    assert not any((tmp_path / d).exists() for d in "xyzwvu")
    res = run_cli("discover", SAMPLE, "--engine", "mallet", "--out", tmp_path / "z", "-q")
    assert res.returncode == 2 and "invalid choice" in res.stderr


def test_force_clears_stale_outputs_and_out_file(run_cli, tmp_path):
    out = tmp_path / "d"
    assert run_cli("discover", SAMPLE, "--seeded", "--out", out, "-q", "--min-df", "2").returncode == 0
    assert (out / "unit_themes.csv").exists()
    assert run_cli("discover", SAMPLE, "--k", "3", "--out", out, "-q", "--force").returncode == 0
    assert not (out / "unit_themes.csv").exists()
    f = tmp_path / "file"
    f.write_text("x")
    res = run_cli("discover", SAMPLE, "--k", "3", "--out", f, "-q")
    assert res.returncode == 2 and "is a file" in res.stderr
    res = run_cli("discover", SAMPLE, "--k", "3:5", "--n-seeds", "0", "--out", tmp_path / "z", "-q")
    assert res.returncode == 2 and "error: --n-seeds: must be at least 1, got 0" in res.stderr
