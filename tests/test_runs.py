"""`topics run`, run folders, determinism, `runs list/compare` and reports."""
import json

import numpy as np
import pytest

from conftest import ROOT, SAMPLE
from topics.config import load_config
from topics.errors import ModelFileError
from topics.experiment import run_experiment
from topics.runs import compare, load_run, publish, write_run
from topics.settings import SettingError


def do_run(exp, overrides=()):
    """Compute, then write: the run folder."""
    return write_run(run_experiment(load_config(exp, overrides), config_path=exp, overrides=overrides))

def annotations(tmp_path, n=1200):
    """The first ``n`` project annotations (enough for real metrics, faster than all 7,019)."""
    path = tmp_path / "ann" / "themes.jsonl"
    path.parent.mkdir(exist_ok=True)
    lines = (ROOT / "annotations" / "themes.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:n]), encoding="utf-8")
    return path


def experiment(tmp_path, *, workers=1, train=True, seed=0, k="4"):
    exp = tmp_path / f"exp_{workers}_{train}_{seed}.toml"
    exp.write_text(f"""
[run]
name = "t"
seed = {seed}
workers = {workers}
runs_dir = "{tmp_path / 'runs'}"
[corpus]
paths = ["{SAMPLE}"]
[topics]
k = "{k}"
min_df = 3
[classifier]
annotations = {json.dumps([str(annotations(tmp_path))] if train else [])}
folds = 3
[label]
bootstrap = 200
""", encoding="utf-8")
    return exp


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runs")
    exp = experiment(tmp)
    runs = []
    for _ in range(2):
        runs.append(do_run(exp))
    return runs


def test_run_folder_contents(two_runs):
    run = two_runs[0]
    for name in ("config.json", "overrides.txt", "manifest.json", "metrics.json", "run.log", "report.md",
                 "artifacts/articles.jsonl", "artifacts/predictions.jsonl", "artifacts/model/model.json",
                 "artifacts/topics/topics.json", "artifacts/prevalence_by_time.csv", "artifacts/prevalence_by_source.csv",
                 "figures/confusion.png", "figures/calibration.png", "figures/prevalence_by_source.png",
                 "figures/topics_top_words.png"):
        assert (run / name).is_file(), name
    man = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert man["seed"] == 0 and man["workers"] == 1 and man["versions"]["topics"] and man["python"]
    assert set(man["git"]) == {"revision", "dirty"}
    assert len(man["inputs"]["corpus"]) == 5 and all(len(f["sha256"]) == 64 for f in man["inputs"]["corpus"])
    assert man["inputs"]["annotations"][0]["path"].endswith("themes.jsonl")
    assert man["counts"]["articles"] == 14 and man["counts"]["annotated_units"] >= 1000
    report = (run / "report.md").read_text(encoding="utf-8")
    for part in ("## Classifier (3-fold cross-validation)", "Most confident", "Least confident",
                 "Theme shares over time", "bootstrap over articles (200 resamples; – for a group"):
        assert part in report
    html = (run / "report.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") >= 4 and "<script" not in html and "http" not in html


def test_never_overwrites(two_runs, tmp_path):
    assert two_runs[0] != two_runs[1]
    made = []
    for i in range(3):   # the same name three times: each run gets its own folder
        tmp = tmp_path / f".t{i}"
        tmp.mkdir()
        (tmp / "f").write_text(str(i))
        made.append(publish(tmp, tmp_path, "same"))
    assert [p.name for p in made] == ["same", "same-2", "same-3"]
    assert [(p / "f").read_text() for p in made] == ["0", "1", "2"]


def test_a_failed_run_leaves_no_folder(tmp_path, monkeypatch):
    exp = experiment(tmp_path, train=False)
    res = run_experiment(load_config(exp), config_path=exp)
    import topics.runreport

    monkeypatch.setattr(topics.runreport, "write_run_report", lambda run: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_run(res)
    assert list((tmp_path / "runs").iterdir()) == []


def test_same_seed_same_numbers(two_runs):
    a, b = two_runs
    assert (a / "metrics.json").read_text(encoding="utf-8") == (b / "metrics.json").read_text(encoding="utf-8")
    for arrays in ("artifacts/model/arrays.npz", "artifacts/topics/model/arrays.npz"):
        with np.load(a / arrays) as x, np.load(b / arrays) as y:
            assert sorted(x.files) == sorted(y.files)
            for key in x.files:
                np.testing.assert_array_equal(x[key], y[key])


def test_reading_and_labelling_do_not_depend_on_workers(tmp_path):
    runs = []
    for workers in (1, 2):
        exp = experiment(tmp_path, workers=workers, train=False)
        runs.append(do_run(exp))
    for name in ("artifacts/articles.jsonl", "artifacts/predictions.jsonl", "artifacts/prevalence_by_source.csv"):
        assert (runs[0] / name).read_bytes() == (runs[1] / name).read_bytes(), name
    assert json.loads((runs[1] / "manifest.json").read_text())["workers"] == 2
    # [label] context reaches the labelling: paragraphs alone score differently,
    # articles the same
    alone = do_run(experiment(tmp_path, train=False), ["label.context=0"])

    def records(run):
        return [json.loads(x) for x in (run / "artifacts/predictions.jsonl").read_text().splitlines()]
    mixed, plain = records(runs[0]), records(alone)
    assert [r["scores"] for r in mixed] == [r["scores"] for r in plain]
    assert [p["scores"] for r in mixed for p in r["paragraphs"]] != \
        [p["scores"] for r in plain for p in r["paragraphs"]]


def test_compare_and_cli(run_cli, two_runs, tmp_path):
    exp = experiment(tmp_path, seed=3, k="5")
    res = run_cli("run", exp, "--set", "label.bootstrap=100", "-q")
    assert res.returncode == 0, res.stderr
    other = next((tmp_path / "runs").iterdir())
    assert (other / "overrides.txt").read_text() == "label.bootstrap=100\n"
    diff = compare(load_run(two_runs[0]), load_run(other))
    assert diff["config"]["run.seed"] == (0, 3) and diff["config"]["topics.k"] == ("4", "5")
    assert "topics.k" in diff["metrics"]
    res = run_cli("runs", "compare", two_runs[0], other)
    assert res.returncode == 0 and "run.seed: 0 -> 3" in res.stdout
    res = run_cli("runs", "list", "--runs-dir", tmp_path / "runs")
    assert res.returncode == 0 and other.name in res.stdout
    # by the names `runs list` shows; inputs that changed are shown too
    manifest = json.loads((other / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["topics_git"].keys() == {"revision", "dirty"}
    first = manifest["inputs"]["corpus"][0]
    first["sha256"] = "0" * 64
    (other / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    res = run_cli("runs", "compare", other.name, other.name, "--runs-dir", tmp_path / "runs")
    assert res.returncode == 0 and "config: 0 difference(s)" in res.stdout
    diff = compare(load_run(two_runs[0]), load_run(other))
    assert diff["provenance"][f"inputs.corpus:{first['path']}"][1] == "0" * 16
    res = run_cli("report", other)
    assert res.returncode == 0 and (other / "report.md").is_file()


def test_cli_errors(run_cli, tmp_path):
    res = run_cli("run", tmp_path / "missing.toml")
    assert res.returncode == 2 and "no such file or folder" in res.stderr and "Traceback" not in res.stderr
    res = run_cli("report", tmp_path)
    assert res.returncode == 2 and "not a run folder" in res.stderr
    res = run_cli("runs", "compare", tmp_path)
    assert res.returncode == 2 and "exactly two" in res.stderr


def test_an_unusable_runs_folder_is_refused_before_the_run(run_cli, tmp_path):
    (tmp_path / "taken").write_text("a file")
    exp = experiment(tmp_path, train=False)
    res = run_cli("run", exp, "--set", f'run.runs_dir="{tmp_path / "taken"}"', "-q")
    assert res.returncode == 2 and "cannot write runs into" in res.stderr and "is a file" in res.stderr


def test_run_with_a_bad_input_exits_1(run_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    exp = experiment(tmp_path, train=False)
    res = run_cli("run", exp, "--set", f'corpus.paths=["{SAMPLE}", "{bad}"]', "--set", "topics.enabled=false", "-q")
    assert res.returncode == 1 and f"{bad}: binary file" in res.stderr and "Traceback" not in res.stderr
    assert res.stderr.count(str(bad)) == 1              # named once, not again as a warning
    run = next((tmp_path / "runs").iterdir())
    assert (run / "artifacts" / "predictions.jsonl").is_file()


def test_run_with_word_vectors(run_cli, tmp_path):
    from topics.classify import ThemeClassifier

    vec = tmp_path / "vec"
    assert run_cli("vectors", SAMPLE, "-o", vec, "--dim", "8", "--epochs", "1", "--min-count", "1", "-q").returncode == 0
    exp = experiment(tmp_path)
    run = do_run(exp, [f'classifier.vectors="{vec}"', "classifier.vector_weight=0.5",
                       "topics.enabled=false", "label.enabled=false"])
    man = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert {f["path"].rsplit("/", 1)[1] for f in man["inputs"]["vectors"]} == {"arrays.npz", "model.json"}
    clf = ThemeClassifier.load(run / "artifacts" / "model")
    part = clf.features_.parts[0]
    assert part.vector_weight == 0.5 and part.vectors_q_[0].shape[1] == 8
    for bad, message in (("0", "must be more than 0"), ("nan", "must be a finite number")):
        with pytest.raises(SettingError, match=f"classifier.vector_weight: {message}"):
            load_config(exp, [f"classifier.vector_weight={bad}"])
    cfg = load_config(exp, [f'classifier.vectors="{tmp_path / "nowhere"}"'])
    with pytest.raises(ModelFileError, match="not a model folder"):
        run_experiment(cfg, config_path=exp)
