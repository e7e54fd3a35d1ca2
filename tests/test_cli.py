"""The command line in this process: exit codes, one-line messages, help, init."""
import errno
import json
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SAMPLE, SEEDS, run_subprocess


def test_help_lists_every_command_and_is_fast(run_cli):
    res = run_cli("--help")
    assert res.returncode == 0
    for command in ("ingest", "segment", "discover", "vectors", "train", "label", "validate",
                    "agreement", "run", "runs", "report", "init"):
        assert f"    {command}" in res.stdout
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "topics", "--help"], capture_output=True)
    assert proc.returncode == 0 and time.perf_counter() - start < 2.0   # measured: ~0.2 s
    assert "sklearn" not in subprocess.run(
        [sys.executable, "-c", "import sys, topics.cli; topics.cli.build_parser(); "
         "print(' '.join(sys.modules))"], capture_output=True, text=True).stdout


def test_flags_come_from_the_settings(run_cli):
    res = run_cli("discover", "--help")
    for flag in ("--k K", "--min-df N", "--segmenter", "--no-policy-terms", "--keep-traditional",
                 "--themes FILE", "-j N, --workers N", "--seed N"):
        assert flag in res.stdout, flag
    assert "(default: 5.0)" in res.stdout


def test_no_command_is_a_usage_error(run_cli):
    res = run_cli()
    assert res.returncode == 2 and "ingest" in res.stderr


@pytest.mark.parametrize("args, message", [
    (["label", "nosuch.jsonl", "-o", "{tmp}/x.jsonl"], "error: no such file or folder: nosuch.jsonl"),
    (["label", str(SAMPLE), "-o", "{tmp}/x.txt"], "must end in .jsonl or .csv or .tsv or .parquet"),
    (["ingest", str(SEEDS["004"]), "-o", "{tmp}/file/out.jsonl"], "is a file, not a folder"),
    (["ingest", str(SEEDS["004"]), "-o", str(SEEDS["004"]) + ".jsonl", "--max-mb", "inf"],
     "error: --max-mb: must be a finite number, got inf"),
    (["ingest", "{tmp}/in.jsonl", "-o", "{tmp}/in.jsonl"], "is also an input"),
    (["label", str(SAMPLE), "-o", "{tmp}/x.csv", "--paragraphs", "{tmp}/x.csv"], "another output"),
    (["ingest", "{tmp}/in.jsonl", "-o", "{tmp}/x.jsonl", "--text-column", ""], "--text-column: must name a column"),
    (["discover", str(SAMPLE), "--out", "{tmp}/file/d", "--k", "3"], "file is a file, not a folder"),
    (["train", str(SAMPLE), "-o", "{tmp}/file/m"], "file is a file, not a folder"),
    (["segment", str(SAMPLE), "-o", "{tmp}/t.tsv", "--terms", "{tmp}/none.txt"], "cannot read word list"),
    (["discover", str(SAMPLE), "--out", "{tmp}/d", "--themes", "{tmp}/none.toml"],
     "cannot read theme scheme"),
    (["label", str(SAMPLE), "-o", "{tmp}/x.jsonl", "-j", "0"], "error: --workers: must be 1 or more"),
])
def test_usage_errors_exit_2_with_one_line_and_no_output(run_cli, tmp_path, args, message):
    (tmp_path / "file").write_text("x")
    (tmp_path / "in.jsonl").write_text('{"text": "正文。"}\n', encoding="utf-8")
    res = run_cli(*[a.format(tmp=tmp_path) for a in args])
    assert res.returncode == 2, res.stderr
    assert message in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.jsonl").exists() and not (tmp_path / "d").exists()


@pytest.mark.parametrize("code, hint", [(errno.ENOSPC, "No space left on device; free some space"),
                                        (errno.EROFS, "Read-only file system; write to a writable")])
def test_full_or_read_only_disk_is_one_line(run_cli, tmp_path, monkeypatch, code, hint):
    import topics.io

    def fail(path, records):
        raise OSError(code, __import__("os").strerror(code), str(path))

    monkeypatch.setattr(topics.io, "write_jsonl", fail)
    res = run_cli("ingest", SEEDS["004"], "-o", tmp_path / "out.jsonl")
    assert res.returncode == 2 and hint in res.stderr and "Traceback" not in res.stderr
    assert str(tmp_path / "out.jsonl") in res.stderr


def test_a_bug_is_one_line_and_a_traceback_only_with_vv(run_cli, monkeypatch):
    import topics.cli.ingest

    monkeypatch.setattr(topics.cli.ingest, "check_inputs", lambda paths: 1 / 0)
    res = run_cli("ingest", SAMPLE, "-o", "x.jsonl")
    assert res.returncode == 2 and "internal error (ZeroDivisionError" in res.stderr
    assert "Traceback" not in res.stderr
    res = run_cli("ingest", SAMPLE, "-o", "x.jsonl", "-vv")
    assert "Traceback" in res.stderr


def test_init_writes_a_runnable_experiment(run_cli, tmp_path):
    exp = tmp_path / "my.toml"
    assert run_cli("init", exp, "-q").returncode == 0
    text = exp.read_text(encoding="utf-8")
    assert "[topics]" in text and "min_df = 5.0  # drop words in fewer units" in text
    assert str(SAMPLE) in text
    res = run_cli("init", exp)
    assert res.returncode == 2 and "exists" in res.stderr
    from topics.config import load_config

    cfg = load_config(exp)
    assert cfg.corpus.paths == (str(SAMPLE),) and cfg.topics.k == "20"


def test_label_tables_and_summary(run_cli, tmp_path):
    import pandas as pd

    res = run_cli("label", SAMPLE, "-o", tmp_path / "a.parquet", "--paragraphs", tmp_path / "p.csv")
    assert res.returncode == 0, res.stderr
    arts, paras = pd.read_parquet(tmp_path / "a.parquet"), pd.read_csv(tmp_path / "p.csv")
    assert len(arts) == 14 and list(arts.columns[:7]) == ["id", "title", "date", "source", "url",
                                                         "labels", "n_paragraphs"]
    assert list(arts["labels"][0])[:2] == ["poverty_aid", "rural"]
    assert len(paras) == arts["n_paragraphs"].sum() and paras["unit_id"][0].endswith(":p0")
    lines = res.stdout.splitlines()   # the summary: one row per theme, shares of articles and paragraphs
    assert lines[0].split() == ["theme", "articles", "share", "paragraphs", "share"]
    assert len(lines) == 11 and lines[-1].split()[0] == "other"


def test_real_entry_point():
    res = run_subprocess("ingest", SEEDS["004"], "-o", "/dev/null/x.jsonl")
    assert res.returncode == 2 and res.stderr.startswith("error: ") and "Traceback" not in res.stderr


def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    """`topics label … | head -1`: the outputs are written, the summary's reader has
    gone; no error, exit 0."""
    proc = subprocess.Popen([sys.executable, "-m", "topics", "label", str(SAMPLE), "-o",
                             str(tmp_path / "l.jsonl")], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdout.close()                      # the reader leaves before the summary
    err = proc.stderr.read()
    assert proc.wait() == 0 and "error" not in err, err
    assert len((tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()) == 14


@pytest.mark.parametrize("command", ["train", "validate", "agreement"])
def test_commands_offer_only_the_theme_settings_they_use(run_cli, command):
    res = run_cli(command, "--help")
    assert "--themes" in res.stdout
    assert not any(flag in res.stdout for flag in ("--mapping", "--min-agreement", "--model "))


def test_tables_align_chinese_text_by_its_display_width(capsys):
    from topics.cli._util import display_width, print_table

    print_table(["label", "share"], [["养老服务", 0.5], ["rural", 0.25]])
    lines = capsys.readouterr().out.splitlines()
    assert [display_width(x) for x in lines[1:]] == [display_width(lines[1])] * 2
    assert lines[1].endswith("0.500") and lines[2].endswith("0.250")
