"""The pipeline on Spark (``--spark local[2]``): the same outputs as on one machine.

One Spark session (``local[2]``) is shared by every test of this module: starting one
takes seconds. Failures of the environment (no Java, no cluster) are tested in fresh
processes, where no session is running yet.
"""
import glob
import gzip
import json
import os
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import SAMPLE, run_subprocess, xwlb_slice
from topics.settings import SparkSettings

pytest.importorskip("pyspark", reason="pyspark is not installed (in the test extra)")

MASTER = "local[2]"
SEED_004 = next(SAMPLE.glob("004*"))


@pytest.fixture(scope="module")
def spark():
    """The session every test here shares (start-up takes seconds)."""
    from topics.spark.session import find_java, start_session

    if find_java() is None:
        pytest.skip("no Java: Spark needs a JRE (openjdk-17-jre-headless)")
    session = start_session(SparkSettings(master=MASTER))
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus_slice(tmp_path_factory):
    """300 stories of the 新闻联播 corpus as a .jsonl.gz, and a bad line at the end."""
    folder = tmp_path_factory.mktemp("slice")
    path = folder / "xwlb_slice.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for rec in xwlb_slice(300):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        fh.write('{"id": "empty", "text": "  "}\n{"text": \n')
    return path


def lines(pattern) -> list[str]:
    """Every line of the files matching ``pattern``, sorted (part files: no order)."""
    return sorted(line for f in glob.glob(str(pattern))
                  for line in open(f, encoding="utf-8"))


def error_lines(stderr: str) -> list[str]:
    """``error: …`` lines (a progress bar may precede one on its line)."""
    return [ln[ln.index("error:"):] for ln in stderr.splitlines() if "error:" in ln]


def same_run(spark_res, local_res):
    assert spark_res.returncode == local_res.returncode, spark_res.stderr
    assert error_lines(spark_res.stderr) == error_lines(local_res.stderr)


# -- labels, tokens, articles: the same as on one machine -------------------------
@pytest.mark.slow
def test_labels_equal_local_labels_on_sample_and_corpus_slice(spark, run_cli,
                                                              tmp_path, corpus_slice):
    import pandas as pd

    args = ["label", SAMPLE, corpus_slice, "--context", "0.5"]   # not the default
    on_spark = run_cli(*args, "-o", tmp_path / "spark.jsonl", "--paragraphs",
                       tmp_path / "paras", "--spark", MASTER)
    local = run_cli(*args, "-o", tmp_path / "local.jsonl", "--paragraphs",
                    tmp_path / "paras.parquet")
    same_run(on_spark, local)
    assert on_spark.returncode == 1          # the two bad lines, named as locally
    assert "xwlb_slice.jsonl.gz:302: malformed JSON" in on_spark.stderr
    spark_lines = lines(tmp_path / "spark.jsonl" / "part-*.jsonl")
    assert len(spark_lines) == 315 and spark_lines == lines(tmp_path / "local.jsonl")
    # the printed theme summary is the same table
    assert on_spark.stdout.split("\n")[:11] == local.stdout.split("\n")[:11]
    # the paragraph table (a Parquet folder) holds the local table's rows
    got, want = (pd.read_parquet(tmp_path / name).sort_values("unit_id",
                                                              ignore_index=True)
                 for name in ("paras", "paras.parquet"))
    assert list(got.columns) == list(want.columns) and len(got) == len(want) > 1000
    assert got.astype(str).equals(want.astype(str))


@pytest.mark.slow
def test_label_table_and_segment_folders_read_back(spark, run_cli, tmp_path):
    import pandas as pd

    articles = tmp_path / "articles.parquet"
    res = run_cli("ingest", SAMPLE, "-o", articles, "--spark", MASTER)
    assert res.returncode == 0 and "wrote 14 articles" in res.stderr
    assert (articles / "_SUCCESS").exists()
    # a Parquet folder written by Spark is an input like any other
    res = run_cli("label", articles, "-o", tmp_path / "labels", "--spark", MASTER, "-q")
    assert res.returncode == 0, res.stderr
    run_cli("label", SAMPLE, "-o", tmp_path / "local.parquet", "-q")
    on_spark, local = (pd.read_parquet(tmp_path / name).sort_values("id",
                                                                     ignore_index=True)
                       for name in ("labels", "local.parquet"))
    assert on_spark.astype(str).equals(local.astype(str))
    res = run_cli("segment", articles, "-o", tmp_path / "tokens.jsonl", "--spark",
                  MASTER, "--learn-quoted", "2")
    run_cli("segment", SAMPLE, "-o", tmp_path / "local.jsonl", "--learn-quoted", "2")
    assert res.returncode == 0 and "wrote 199 paragraphs" in res.stderr
    assert lines(tmp_path / "tokens.jsonl" / "part-*") == \
        lines(tmp_path / "local.jsonl")


def test_reads_warc_and_jsonl_gz_from_a_folder_of_many_files(spark, run_cli,
                                                            tmp_path, corpus_slice):
    from test_warc import write_warc

    from topics.settings import ReadSettings
    from topics.spark.read import read_corpus

    folder = tmp_path / "crawl"
    records = [ln for ln in gzip.open(corpus_slice, "rt", encoding="utf-8")][:300]
    for i in range(30):                     # 30 parts of 10 stories, in sub-folders
        part = folder / f"day{i % 3}" / f"part-{i:02d}.jsonl.gz"
        part.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(part, "wt", encoding="utf-8") as fh:
            fh.writelines(records[i * 10:(i + 1) * 10])
    (folder / "site").mkdir()
    write_warc(folder / "site" / "crawl.warc.gz", gz=True)
    write_warc(folder / "site" / "again.warc", gz=False)
    for seed in SAMPLE.glob("*.txt"):
        (folder / "pages").mkdir(exist_ok=True)
        (folder / "pages" / seed.name).write_bytes(seed.read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF")             # skipped in a folder
    on_spark = run_cli("ingest", folder, "-o", tmp_path / "spark.jsonl", "--spark",
                       MASTER)
    local = run_cli("ingest", folder, "-o", tmp_path / "local.jsonl")
    same_run(on_spark, local)
    got = lines(tmp_path / "spark.jsonl" / "part-*.jsonl")
    assert got == lines(tmp_path / "local.jsonl") and len(got) == 300 + 8 + 14
    # the articles come back in the local order; a .jsonl.gz is spread over partitions
    corpus = read_corpus(spark, [corpus_slice], ReadSettings(),
                         SparkSettings(partitions=4))
    sizes = [n for n in corpus.rdd.glom().map(len).collect() if n]
    assert len(sizes) == 4 and min(sizes) > 50
    from topics.corpus.ingest import ingest

    assert [a.to_dict() for a in corpus.articles()] == \
        [a.to_dict() for a in ingest([corpus_slice])[0]]


def test_large_inputs_get_more_partitions_and_stay_off_the_heap(spark, corpus_slice):
    """30 copies of the corpus ran a 1 GB local heap out of memory: partitions grow with
    the input's text and the corpus is cached on disk, not on the JVM heap."""
    from pyspark import StorageLevel

    from topics.settings import ReadSettings
    from topics.spark.read import read_corpus
    from topics.spark.session import PARTITION_TEXT, default_partitions

    few = 3 * spark.sparkContext.defaultParallelism
    assert default_partitions(spark, SparkSettings(), [("a.txt", 1000)]) == few
    big = [(f"part-{i}.jsonl.gz", 10 * 2**20) for i in range(30)]   # 1.2 GB of text
    assert default_partitions(spark, SparkSettings(), big) == \
        -(-30 * 10 * 2**20 * 4 // PARTITION_TEXT) > few
    assert default_partitions(spark, SparkSettings(), [("a.txt", 10 * PARTITION_TEXT)]) \
        == max(few, 10)
    assert default_partitions(spark, SparkSettings(partitions=5), big) == 5
    corpus = read_corpus(spark, [corpus_slice], ReadSettings())
    assert corpus.cached.getStorageLevel() == StorageLevel.DISK_ONLY
    corpus.release()


# -- topics ----------------------------------------------------------------------
@pytest.mark.slow
def test_discover_on_spark_writes_the_same_files(spark, run_cli, tmp_path,
                                                 corpus_slice):
    common = ["discover", corpus_slice, "--unit", "article", "--k", "5", "--min-df",
              "3", "--mapping", "seeds", "-q"]
    runs = {"local": [], "spark": ["--spark", MASTER],
            "mllib": ["--engine", "spark", "--spark", MASTER]}
    for name, extra in runs.items():       # exit 1: the two bad lines
        assert run_cli(*common, "--out", tmp_path / name, *extra).returncode == 1

    def files(d):
        return sorted(str(p.relative_to(d)) for p in d.rglob("*"))

    assert files(tmp_path / "local") == files(tmp_path / "spark") \
        == files(tmp_path / "mllib")
    local, on_spark, mllib = (json.loads((tmp_path / d / "topics.json").read_text())
                              for d in runs)
    # counted on the cluster, fitted by the default engine: the local topics
    assert on_spark == local
    for name in ("doc_topics.csv", "theme_map.csv", "vocabulary.txt"):
        assert (tmp_path / "spark" / name).read_text() == \
            (tmp_path / "local" / name).read_text()
    assert mllib["engine"] == "spark" and mllib["params"]["n_iter"] == 20
    assert set(mllib["topics"][0]) == set(local["topics"][0])   # words, FREX, theme …
    assert mllib["params"]["n_words"] == local["params"]["n_words"]
    assert 0 < mllib["quality"]["diversity"] <= 1 and -1 < mllib["quality"]["npmi"] < 1
    from topics.topicmodel.discover import DiscoveredTopics

    model = DiscoveredTopics.load(tmp_path / "mllib" / "model")
    shares = model.infer_texts(["国务院常务会议部署稳就业稳外贸工作"])
    assert shares.shape == (1, 5) and abs(shares.sum() - 1) < 1e-6


def test_spark_engine_is_deterministic_for_a_seed(spark):
    from scipy import sparse

    from topics.topicmodel.estimator import TopicModel

    rng = np.random.default_rng(0)
    X = sparse.csr_matrix(rng.poisson(0.3, size=(200, 60)).astype(float))
    a, b = (TopicModel(4, engine="spark", random_state=3, n_iter=5).fit(X)
            for _ in range(2))
    assert np.array_equal(a.components_, b.components_)
    assert np.allclose(a.components_.sum(axis=1), 1) and a.alpha_.shape == (4,)
    c = TopicModel(4, engine="spark", random_state=4, n_iter=5).fit(X)
    assert not np.array_equal(a.components_, c.components_)


def test_vocabulary_on_spark_equals_scikit_learn(spark, sample_articles):
    from topics.features import bag_of_words
    from topics.segment import Segmenter
    from topics.spark.discover import vocabulary_on_spark
    from topics.units import make_units, tokenize_units

    units = tokenize_units(make_units(sample_articles), Segmenter())
    rdd = spark.sparkContext.parallelize(units, 3)
    for min_df, max_df in [(2, 0.5), (0.01, 1.0), (1, 0.05)]:
        _, vocab = bag_of_words([u.tokens for u in units], min_df=min_df,
                                max_df=max_df)
        assert vocabulary_on_spark(spark, rdd, len(units), min_df=min_df,
                                   max_df=max_df) == vocab
    from topics.errors import ConfigError

    with pytest.raises(ConfigError, match="min_df=500 is more than the 199 units"):
        vocabulary_on_spark(spark, rdd, len(units), min_df=500)


@pytest.mark.slow
def test_run_on_spark_gives_the_same_metrics(spark, run_cli, tmp_path):
    exp = tmp_path / "exp.toml"
    exp.write_text(f'[run]\nname = "s"\nruns_dir = "{tmp_path / "runs"}"\n'
                   f'[corpus]\npaths = ["{SAMPLE}"]\n[topics]\nk = "4"\nmin_df = 3\n'
                   '[themes]\nmapping = "seeds"\n[label]\nbootstrap = 20\n',
                   encoding="utf-8")
    assert run_cli("run", exp, "-q").returncode == 0
    res = run_cli("run", exp, "--spark", MASTER, "-q")
    assert res.returncode == 0, res.stderr
    local, on_spark = sorted((tmp_path / "runs").iterdir())
    assert (on_spark / "overrides.txt").read_text().strip() == 'spark.master="local[2]"'
    for name in ("metrics.json", "artifacts/articles.jsonl"):
        assert (on_spark / name).read_text() == (local / name).read_text(), name
    # Spark keeps reprints, and its config.json says so
    skip = [json.loads((r / "config.json").read_text())["reprints"]["skip"] for r in (local, on_spark)]
    assert skip == [True, False]


# -- errors: one line, exit 2 ------------------------------------------------------
@pytest.mark.parametrize("args, message", [
    (["label", SAMPLE, "-o", "{tmp}/x.csv"],
     "on Spark outputs are folders of Parquet"),
    (["ingest", SAMPLE, "-o", "{tmp}/full"],
     "exists and is not an earlier Spark output"),
    (["ingest", "{tmp}/none", "-o", "{tmp}/out"], "no such file or folder: {tmp}/none"),
    (["ingest", "{tmp}/full", "-o", "{tmp}/full"], "is also an input"),
    (["ingest", SAMPLE, "-o", "{tmp}/out", "--spark", "mesos://x:5050"],
     "error: --spark: must be local[N], spark://HOST:PORT, yarn or k8s://"),
])
def test_usage_errors_on_spark(spark, run_cli, tmp_path, args, message):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "mine.txt").write_text("keep me")
    args = [str(a).format(tmp=tmp_path) for a in args]
    res = run_cli(*args, *([] if "--spark" in args else ["--spark", MASTER]))
    assert res.returncode == 2, res.stderr
    assert message.format(tmp=tmp_path) in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert (tmp_path / "full" / "mine.txt").exists()
    assert not (tmp_path / "out").exists()


def test_an_earlier_output_folder_is_replaced(spark, run_cli, tmp_path):
    out = tmp_path / "articles.jsonl"
    assert run_cli("ingest", SEED_004, "-o", out, "--spark", MASTER).returncode == 0
    first = set(os.listdir(out))
    assert run_cli("ingest", SAMPLE, "-o", out, "--spark", MASTER).returncode == 0
    assert len(lines(out / "part-*")) == 14 and first != set(os.listdir(out))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def _no_java_env(tmp_path, java_home=None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(tmp_path)            # no java here
    if java_home:
        env["JAVA_HOME"] = java_home
    return env


@pytest.mark.parametrize("java_home, message", [
    (None, "there is no `java` on PATH and JAVA_HOME is not set"),
    ("/nonexistent/jdk", "JAVA_HOME=/nonexistent/jdk has no bin/java"),
])
def test_a_clear_error_without_java(tmp_path, java_home, message):
    res = run_subprocess("label", SAMPLE, "-o", tmp_path / "out", "--spark", MASTER,
                         env=_no_java_env(tmp_path, java_home))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"error: Spark needs Java 17 or 21, and {message}; "
                                  "install a JRE (e.g. apt-get install "
                                  "openjdk-17-jre-headless) or set JAVA_HOME")
    assert not (tmp_path / "out").exists()


def test_a_clear_error_when_the_cluster_cannot_be_reached(tmp_path):
    res = run_subprocess("ingest", SAMPLE, "-o", tmp_path / "out", "--spark",
                         "spark://127.0.0.1:9", env=dict(os.environ))
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "error: cannot reach the Spark master spark://127.0.0.1:9 (127.0.0.1:9: " \
           "Connection refused); check the address" in res.stderr


def test_a_clear_error_without_pyspark(monkeypatch):
    from topics.errors import SparkError
    from topics.spark.session import check_pyspark

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(SparkError,
                       match=r"needs pyspark, .*pip install 'topics\[spark\]'"):
        check_pyspark()


def test_environment_for_spark(monkeypatch):
    from topics.spark.session import package_zip, prepare_environment, session_conf

    for name in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "SPARK_LOCAL_IP"):
        monkeypatch.delenv(name, raising=False)
    prepare_environment("yarn")
    assert os.environ["PYSPARK_PYTHON"] == sys.executable
    assert "SPARK_LOCAL_IP" not in os.environ
    monkeypatch.setenv("PYSPARK_PYTHON", "/opt/py/bin/python")
    prepare_environment("local[2]")
    assert os.environ["PYSPARK_PYTHON"] == "/opt/py/bin/python"
    assert os.environ["SPARK_LOCAL_IP"] == "127.0.0.1"
    conf = session_conf(SparkSettings(conf=("spark.executor.memory=4g",)))
    assert conf["spark.ui.showConsoleProgress"] == "false"
    assert conf["spark.executor.memory"] == "4g"
    import zipfile

    names = zipfile.ZipFile(package_zip()).namelist()
    assert "topics/spark/read.py" in names and "topics/data/policy_terms.txt" in names
    assert not any("__pycache__" in n for n in names)


def test_uri_paths_keep_their_names():
    from topics.spark.files import RemotePath, is_uri, to_uri

    uri = "hdfs://nn:8020/corpus/2024/a.jsonl.gz"
    p = RemotePath(uri)
    assert (p.name, p.stem, p.suffix, str(p)) == ("a.jsonl.gz", "a.jsonl", ".gz", uri)
    assert is_uri("s3a://bucket/x") and is_uri("file:/tmp/x") and not is_uri("corpus/x")
    assert to_uri("/tmp/a b.txt") == "file:///tmp/a b.txt"
    assert Path(to_uri("rel")[len("file://"):]).is_absolute()
