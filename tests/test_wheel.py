"""The built wheel carries everything the code loads, and runs outside the source tree."""
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SHARED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (path,) = out.glob("topics-*.whl")
    return path


def test_wheel_holds_every_module_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "topics").rglob("*.py")}
    assert modules <= names, modules - names
    for needed in ("topics/models/themes/model.json", "topics/models/themes/arrays.npz",
                   "topics/data/themes.toml", "topics/data/experiment.toml",
                   "topics/data/policy_terms.txt", "topics/sample/000_9e6ecdd00a6a378a.txt",
                   "topics/data/spark-log4j2.properties", "topics/spark/read.py",
                   "topics/models/themes/annotations.jsonl.gz"):
        assert needed in names, needed


def test_installed_wheel_runs_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("TOPICS_MODEL", None)

    def run(*args):
        return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=work,
                              env=env)

    where = run("-c", "import topics, topics.models; print(topics.__file__, topics.sample_path())")
    assert where.stdout.startswith(str(site)), where.stdout + where.stderr
    sample = where.stdout.split()[1]
    res = run("-m", "topics", "label", sample, "-o", "labels.jsonl", "-q")
    assert res.returncode == 0, res.stderr
    assert len((work / "labels.jsonl").read_text(encoding="utf-8").splitlines()) == 14
    res = run("-m", "topics", "discover", sample, "--k", "4", "--min-df", "3", "--out", "t", "-q")
    assert res.returncode == 0 and (work / "t" / "report.html").is_file(), res.stderr
    assert run("-m", "topics", "init", "exp.toml").returncode == 0
    res = run("-m", "topics", "run", "exp.toml", "--set", "topics.k=4", "--set", "topics.min_df=3",
              "-q")
    assert res.returncode == 0, res.stderr
    (folder,) = (work / "runs").iterdir()
    assert (folder / "report.html").is_file() and (folder / "artifacts/predictions.jsonl").is_file()


@pytest.mark.slow
def test_installed_wheel_adapts_the_shipped_model(wheel, tmp_path):
    """``topics train --base shipped`` from an installed wheel: the shipped model's
    annotations come with it; those that give corpus ids are read from TOPICS_CORPUS_DIR,
    and without it the error says so."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    (tmp_path / "w").mkdir()
    mine = tmp_path / "w" / "mine.jsonl"
    mine.write_text("".join(
        '{"id": "m%d", "text": "%s", "labels": ["%s"]}\n' % (i, t, lab) for i, (t, lab) in enumerate(
            [("村里的养老服务站为留守老人送餐上门。", "elder_care"), ("街道开展垃圾分类督查。", "ecology"),
             ("镇党委组织党员干部开展主题党日活动。", "cadre_conduct"),
             ("学校开展青年教师课堂教学比赛。", "public_services")] * 3)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    for key in ("TOPICS_MODEL", "TOPICS_CORPUS_DIR"):
        env.pop(key, None)

    def train(**extra):
        return subprocess.run([sys.executable, "-m", "topics", "train", "--base", "shipped", str(mine),
                               "-o", "adapted", "--folds", "2", "--words", "phrases", "-q", "--force"],
                              capture_output=True, text=True, cwd=tmp_path / "w", env={**env, **extra})

    res = train()
    assert res.returncode == 2 and "TOPICS_CORPUS_DIR" in res.stderr, res.stderr
    res = train(TOPICS_CORPUS_DIR=str(SHARED / "corpora"))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("cross-validated on your 12 units:")
    assert (tmp_path / "w" / "adapted" / "annotations.jsonl.gz").is_file()


@pytest.mark.slow
def test_installed_wheel_ships_itself_to_spark_executors(wheel, tmp_path):
    pytest.importorskip("pyspark", reason="pyspark is not installed (in the test extra)")
    from topics.spark.session import find_java

    if find_java() is None:
        pytest.skip("no Java: Spark needs a JRE (openjdk-17-jre-headless)")
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    sample = str(ROOT / "topics" / "sample")
    res = subprocess.run([sys.executable, "-m", "topics", "label", sample, "-o", "spark.jsonl",
                          "--spark", "local[2]", "-q"], capture_output=True, text=True,
                         cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stderr
    lines = [ln for part in sorted((tmp_path / "spark.jsonl").glob("part-*.jsonl"))
             for ln in part.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 14
