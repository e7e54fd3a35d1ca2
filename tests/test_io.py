"""Atomic writes: nothing half-written, stale temporaries of dead processes removed."""
import os
from pathlib import Path

import pytest

from topics.io import atomic_open, clean_stale, temp_dir_for, write_jsonl


def test_failed_write_leaves_nothing(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")

    def records():
        yield {"a": 1}
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        write_jsonl(out, records())
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path):
    out = tmp_path / "out.jsonl"
    dead = tmp_path / ".out.jsonl.999999999.abcd.tmp"       # no such process
    dead.write_text("x", encoding="utf-8")
    dead_dir = tmp_path / ".out.jsonl.999999998.efgh.tmp"
    dead_dir.mkdir()
    mine = tmp_path / f".out.jsonl.{os.getppid()}.ijkl.tmp"   # a live process: kept
    mine.write_text("y", encoding="utf-8")
    with atomic_open(out) as fh:
        fh.write("new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.jsonl", mine.name])
    clean_stale(tmp_path / "nothing-here" / "x")  # a missing folder is fine


def test_temp_dir_is_hidden_beside_the_target(tmp_path):
    tmp = temp_dir_for(tmp_path / "runs" / "r1")
    assert tmp.parent == tmp_path / "runs" and tmp.name.startswith(f".r1.{os.getpid()}.")


def test_jsonl_lines_read_back_as_written(tmp_path):
    import json

    import numpy as np

    records = [{"id": "a", "text": "浙江\u2028宁波", "scores": {"rural": np.float64(0.25), 3: np.int64(2)},
                "labels": ["rural"], "none": None},
               {"id": "b", "paragraphs": [], "x": np.array([1.5, 2.0])}]
    assert write_jsonl(tmp_path / "o.jsonl", records) == 2
    raw = (tmp_path / "o.jsonl").read_bytes()
    assert "浙江".encode() in raw                 # UTF-8, not \u escapes
    lines = raw.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 3    # one record per line, U+2028 kept inside
    assert [json.loads(x) for x in lines[:2]] == [
        {"id": "a", "text": "浙江\u2028宁波", "scores": {"rural": 0.25, "3": 2}, "labels": ["rural"],
         "none": None},
        {"id": "b", "paragraphs": [], "x": [1.5, 2.0]}]


def test_hidden_progress_draws_nothing_and_passes_items_through(monkeypatch, capsys):
    import topics.progress as P

    monkeypatch.setattr(P, "_shown", lambda: False)
    bar = P.Progress()
    bar("read", 1, 3)
    assert bar.bars == {}
    assert list(P.progress([1, 2], desc="x")) == [1, 2]
    monkeypatch.setattr(P, "_shown", lambda: True)
    quiet = P.Progress(quiet=True)
    quiet("read", 1, 3)
    assert quiet.bars == {} and list(P.progress([3], desc="x", quiet=True)) == [3]
    shown = P.Progress()
    shown("read", 1, 3)
    assert shown.bars["read"].total == 3 and shown.bars["read"].n == 1
    shown("read", 4, 4)                       # totals may grow; the bar closes at the end
    assert shown.bars["read"].total == 4 and shown.bars["read"].n == 4
    assert "read" in capsys.readouterr().err


def test_json_lines_fall_back_and_stay_readable_where_asked(tmp_path):
    import json

    from topics.io import json_line

    assert json_line({"a": float("nan"), "b": [1, 2]}) == b'{"a":null,"b":[1,2]}'
    big = {"id": "x", "meta": {"n": 2**70}}       # beyond orjson: json.dumps writes it
    assert json.loads(json_line(big)) == big
    assert json_line({"id": "甲", "labels": ["rural"]}, readable=True) == \
        '{"id": "甲", "labels": ["rural"]}'.encode()
    write_jsonl(tmp_path / "a.jsonl", [{"id": "甲", "labels": ["rural"]}], readable=True)
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8") == '{"id": "甲", "labels": ["rural"]}\n'


def test_a_folder_of_outputs_is_written_whole_or_not_at_all(tmp_path):
    import errno

    from topics.io import atomic_folder

    out = tmp_path / "model"
    with pytest.raises(OSError) as err:          # a full disk half-way: nothing is left
        with atomic_folder(out) as tmp:
            (tmp / "arrays.npz").write_bytes(b"x")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert err.value.filename == str(out)        # the message can name the output
    assert not out.exists() and os.listdir(tmp_path) == []
    with pytest.raises(OSError) as err:          # an inner write names its place in the output
        with atomic_folder(out) as tmp:
            raise OSError(errno.ENOSPC, "No space left on device", str(tmp / "figures" / "a.png"))
    assert err.value.filename == str(out / "figures" / "a.png")
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    (out / "sweep.csv").write_text("an earlier run's")
    with atomic_folder(out, replaces=["sweep.csv", "model.json"]) as tmp:
        (tmp / "model.json").write_text("new")
    assert sorted(os.listdir(out)) == ["keep.txt", "model.json"] and os.listdir(tmp_path) == ["model"]


def test_a_model_that_cannot_be_written_leaves_no_half_made_folder(tmp_path, monkeypatch):
    import errno

    import numpy as np

    from topics import modelio

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(modelio.Path, "write_bytes", full)
    with pytest.raises(OSError, match="No space") as err:
        modelio.save_model(tmp_path / "m", "classifier", {"a": np.zeros(3)}, {})
    assert err.value.filename == str(tmp_path / "m") and os.listdir(tmp_path) == []


def test_a_model_folder_behind_a_link_to_another_file_system_is_replaced_in_place(tmp_path):
    """The outputs are staged inside an existing folder: a folder that is a link to
    (or a mount of) another file system is written, and its old model is not lost."""
    import tempfile

    import numpy as np

    from topics import modelio

    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system to link to")
    with tempfile.TemporaryDirectory(dir=shm) as other:
        link = tmp_path / "model"
        link.symlink_to(other)
        modelio.save_model(link, "classifier", {"a": np.zeros(3)}, {"n": 1})
        modelio.save_model(link, "classifier", {"a": np.ones(3)}, {"n": 2})
        arrays, info = modelio.load_model(link, "classifier")
        assert info["n"] == 2 and arrays["a"].tolist() == [1, 1, 1]
        assert sorted(os.listdir(other)) == ["arrays.npz", "model.json"]


def test_old_outputs_come_back_when_a_new_one_cannot_be_moved_in(tmp_path, monkeypatch):
    from topics.io import atomic_folder

    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text("old a")
    (out / "b.txt").write_text("old b")
    real = Path.rename

    def rename(self, target):
        if Path(target) == out / "b.txt" and self.name == "b.txt" and ".replaced" not in str(self):
            raise OSError(18, "Invalid cross-device link")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        with atomic_folder(out) as tmp:
            (tmp / "a.txt").write_text("new a")
            (tmp / "b.txt").write_text("new b")
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.txt": "old a", "b.txt": "old b"}


def test_a_file_that_cannot_be_made_is_named_not_its_temporary(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise OSError(13, "Permission denied", str(tmp_path / ".out.jsonl.1.x.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OSError) as err:
        with atomic_open(tmp_path / "out.jsonl"):
            pass
    assert err.value.filename == str(tmp_path / "out.jsonl") and err.value.errno == 13
