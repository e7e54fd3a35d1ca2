import json
import math
import re

import pytest

from conftest import ROOT, XWLB
from topics.annotations import agreement, data_hash, group_of, load_records, resolve_texts, text_hash, validate
from topics.errors import InputError
from topics.themes import load_scheme

THEMES = load_scheme().ids


def write(tmp_path, rows, name="a.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("rows, message", [
    ([{"id": "a", "labels": ["sports"], "text": "x"}], "unknown label(s) 'sports'"),
    ([{"id": "a", "labels": ["industry"], "text": "x"}, {"id": "a", "labels": ["rural"], "text": "y"}], "duplicate id 'a'"),
    ([{"id": "a", "labels": ["other", "industry"], "text": "x"}], "'other' must stand alone"),
    ([{"id": "a", "labels": [], "text": "x"}], "needs 1 to 3 labels"),
    ([{"id": "a", "labels": ["industry", "rural", "urban", "ecology"], "text": "x"}], "needs 1 to 3 labels"),
    ([{"id": "a", "labels": ["industry", "industry"], "text": "x"}], "repeated label"),
    ([{"id": "a", "labels": ["industry"], "text": "新的文本", "text_sha256": text_hash("旧的文本")}], "text hash mismatch"),
])
def test_validator_cases(tmp_path, rows, message):
    problems = validate(load_records([write(tmp_path, rows)]), THEMES)
    assert len(problems) == 1 and message in problems[0] and "a.jsonl:" in problems[0]


def test_any_label_set_when_not_checking_scheme(tmp_path):
    assert validate(load_records([write(tmp_path, [{"id": "a", "labels": ["sports"], "text": "x"}])])) == []


def test_malformed_file(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "labels": ["industry"]}\n{"id": \n', encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2: malformed JSON"):
        load_records([p])


def test_malformed_lines_can_be_collected(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "labels": ["industry"]}\n{"id": \n[1]\n'
                 '{"id": "b", "labels": ["rural"]}\n', encoding="utf-8")
    errors = []
    records = load_records([p], errors=errors)
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[1]["_where"] == f"{p}:4"
    assert [str(e) for e in errors] == [f"{p}:2: malformed JSON (Expecting value)",
                                        f"{p}:3: each line needs a string 'id' and 'labels'"]


def test_cli_validate_reports_malformed_lines_with_the_rest(run_cli, tmp_path):
    p = write(tmp_path, [{"id": "a", "labels": ["industry"], "text": "x"}])
    bad = '{"id": \n' + json.dumps({"id": "a", "labels": ["sport"], "text": "y"}) + "\n"
    p.write_text(p.read_text(encoding="utf-8") + bad, encoding="utf-8")
    res = run_cli("validate", p)
    assert res.returncode == 1
    assert f"error: {p}:2: malformed JSON" in res.stderr
    assert f"error: {p}:3: unknown label(s) 'sport'" in res.stderr
    assert f"error: {p}:3: duplicate id 'a'" in res.stderr
    assert "2 units, 3 problem(s)" in res.stderr


def test_cli_train_still_stops_on_a_malformed_line(run_cli, tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "a", "labels": ["industry"], "text": "x"}\n{"id": \n',
                 encoding="utf-8")
    res = run_cli("train", p, "-o", tmp_path / "model")
    assert res.returncode == 2 and f"{p}:2: malformed JSON" in res.stderr
    assert not (tmp_path / "model").exists()


def test_project_annotations_are_valid_and_resolve():
    if not XWLB.exists():
        pytest.skip("../shared not present")
    records = load_records([ROOT / "annotations" / "themes.jsonl"])
    assert resolve_texts(records) == []
    assert validate(records, THEMES) == []
    assert len(records) >= 1000
    counts = {t: sum(t in r["labels"] for r in records) for t in THEMES}
    assert min(counts.values()) >= 50, counts
    # corpus units keep no text in the project; the sample's and the written units do
    assert all("text" not in json.loads(line) for line in (ROOT / "annotations" / "themes.jsonl").read_text(encoding="utf-8").splitlines()
               if json.loads(line)["source"] not in ("sample", "written", "written-pages"))
    probe = load_records([ROOT / "annotations" / "local_probe.jsonl"])
    assert validate(probe, THEMES) == [] and len(probe) >= 300
    assert {r["source"] for r in probe} == {"written-probe"}
    # the probe is held out: no article of it is in the training annotations
    assert not {group_of(r["id"]) for r in probe} & {group_of(r["id"]) for r in records}
    assert not {r["text_sha256"] for r in probe} & {r["text_sha256"] for r in records}
    pages = load_records([ROOT / "annotations" / "page_probe.jsonl"])
    assert validate(pages, THEMES) == [] and len(pages) >= 600
    assert {r["source"] for r in pages} == {"page-probe"}
    assert not {group_of(r["id"]) for r in pages} & {group_of(r["id"]) for r in records}
    assert not {r["text_sha256"] for r in pages} & {r["text_sha256"] for r in records}
    # each unit is a line of the gold text of its invented page (tests/data/local_pages4-6)
    unit = pages[0]
    group, _, line = unit["id"].rpartition(":p")
    folder = ROOT / "tests" / "data" / f"local_pages{group[2]}" / f"local__{group[4:]}"
    gold = [x.strip() for x in (folder / "gold.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert gold[int(line)] == unit["text"]
    # so is each unit of the other invented pages, which train (round 9)
    unit = next(r for r in records if r["source"] == "written-pages")
    group, _, line = unit["id"].rpartition(":p")
    folder = ROOT / "tests" / "data" / ("local_pages" + group[2].replace("1", "")) / f"local__{group[4:]}"
    gold = [x.strip() for x in (folder / "gold.txt").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert gold[int(line)] == unit["text"]


def test_changed_corpus_is_detected(tmp_path):
    if not XWLB.exists():
        pytest.skip("../shared not present")
    rec = [json.loads(line) for line in (ROOT / "annotations" / "themes.jsonl").read_text(encoding="utf-8").splitlines() if line.startswith('{"id": "xwlb')][0]
    rec["text_sha256"] = "0" * 64
    records = load_records([write(tmp_path, [rec])])
    assert resolve_texts(records) == []
    assert "hash mismatch" in validate(records, THEMES)[0]


def test_unresolvable_ids(tmp_path):
    records = load_records([write(tmp_path, [{"id": "xwlb-19000101-00:p0", "labels": ["industry"], "source": "xwlb_2022_2025.jsonl.gz"},
                                              {"id": "y:p0", "labels": ["industry"], "source": "missing.jsonl.gz"}])])
    problems = resolve_texts(records, [XWLB.parent])
    assert "does not resolve" in problems[0] or "not found" in problems[0]
    assert "its source corpus missing.jsonl.gz is not in" in problems[1] and "TOPICS_CORPUS_DIR" in problems[1]


def test_agreement_kappa(tmp_path):
    a = [{"id": str(i), "labels": ["industry" if i % 2 else "rural"]} for i in range(20)]
    b = [dict(r) for r in a]
    b[0] = {"id": "0", "labels": ["industry"]}
    res = agreement(a, b, ["industry", "rural"])
    assert res["n_units"] == 20 and res["exact_set_agreement"] == 0.95
    assert 0.8 < res["per_label"]["industry"]["kappa"] < 1


def test_agreement_kappa_undefined_for_an_unused_label(tmp_path, run_cli):
    a = [{"id": str(i), "labels": ["industry" if i % 2 else "rural"]} for i in range(10)]
    res = agreement(a, a, ["industry", "rural", "urban"])
    assert res["per_label"]["industry"]["kappa"] == 1.0       # agreement on a used label
    for unused in ("urban", "other"):                         # 0/0: neither used it
        assert math.isnan(res["per_label"][unused]["kappa"])
        assert res["per_label"][unused]["a"] == res["per_label"][unused]["b"] == 0
    p = write(tmp_path, a)
    out = run_cli("agreement", p, p).stdout
    assert re.search(r"^public_services\s+–\s+0\s+0$", out, re.M)
    assert re.search(r"^industry\s+1\.000\s+5\s+5$", out, re.M)
    assert "–: kappa undefined (0/0)" in out


def test_data_hash_changes_with_labels():
    a = [{"id": "1", "labels": ["industry"], "text": "x"}]
    assert data_hash(a) != data_hash([{"id": "1", "labels": ["rural"], "text": "x"}])


def test_cli_validate_and_agreement(run_cli, tmp_path):
    bad = write(tmp_path, [{"id": "a", "labels": ["sport"], "text": "x"}])
    res = run_cli("validate", bad)
    assert res.returncode == 1 and "unknown label(s) 'sport'" in res.stderr
    res = run_cli("agreement", ROOT / "annotations/double/a.jsonl", ROOT / "annotations/double/b.jsonl")
    assert res.returncode == 0 and "7019 units annotated by both" in res.stdout and "poverty_aid" in res.stdout


def test_record_without_text_or_source(tmp_path):
    records = load_records([write(tmp_path, [{"id": "a", "labels": ["industry"]}])])
    assert "has no text and no source" in resolve_texts(records)[0]


def test_bad_annotation_files(tmp_path):
    p = tmp_path / "u16.jsonl"
    p.write_bytes('{"id": "a", "labels": ["industry"], "text": "x"}\n'.encode("utf-16"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_records([p])
    p.write_text('{"id": 5, "labels": ["industry"]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="string 'id'"):
        load_records([p])
    p.write_text('\ufeff{"id": "a", "labels": ["industry"], "text": "x"}\n', encoding="utf-8")
    assert load_records([p])[0]["id"] == "a"          # a UTF-8 BOM is fine
    good = '{"id": "a", "labels": ["industry"], "text": "x"}\n'
    for line, message in [('{"id": "b", "labels": [1, 2], "text": "x"}', "labels must be strings"),
                          ('{"id": "b", "labels": [null], "text": "x"}', "labels must be strings"),
                          ('{"id": "b", "labels": ["rural"], "text": 123}', "'text' must be a string"),
                          ('{"id": "b", "labels": ["rural"], "source": ["a"]}', "'source' must be a string"),
                          ("[" * 100_000 + "]" * 100_000, "nested too deeply")]:
        p.write_text(good + line + "\n", encoding="utf-8")
        with pytest.raises(InputError, match=message) as err:
            load_records([p])
        assert err.value.line == 2
    import gzip
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(good.encode("utf-8")))
    assert load_records([gz])[0]["text"] == "x"       # gzipped annotations are read
    gz.write_bytes(gzip.compress(good.encode("utf-8"))[:-6])
    with pytest.raises(InputError, match="gzip"):
        load_records([gz])


def test_ids_resolve_in_other_fields_and_in_pages(tmp_path):
    corpus = tmp_path / "corpora" / "letters.jsonl"
    corpus.parent.mkdir()
    corpus.write_text(json.dumps({"id": "L1", "text": "来信第一段\n来信第二段",
                                  "reply": "回复第一段，关于道路硬化问题的答复如下。\n回复第二段"},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    page = tmp_path / "pages" / "site-a"
    page.mkdir(parents=True)
    (page / "gold.txt").write_text("标题\n\n正文第一段。", encoding="utf-8")
    records = load_records([write(tmp_path, [
        {"id": "L1:p1", "labels": ["urban"], "source": "letters.jsonl"},
        {"id": "L1#reply:p0", "labels": ["urban"], "source": "letters.jsonl"},
        {"id": "site-a:p2", "labels": ["other"], "source": "pages"},
        {"id": "site-a:p5", "labels": ["other"], "source": "pages"}])])
    problems = resolve_texts(records, [corpus.parent])
    assert [r.get("text") for r in records[:3]] == ["来信第二段", "回复第一段，关于道路硬化问题的答复如下。", "正文第一段。"]
    assert len(problems) == 1 and "'site-a:p5' does not resolve in pages" in problems[0]


@pytest.mark.parametrize("unit_id, group", [
    ("xwlb-20240101-01:p3", "xwlb-20240101-01"),
    ("shangluo-1#reply:p2", "shangluo-1"),
    ("shangluo-1:p0", "shangluo-1"),
    ("plain-id", "plain-id"),
    ("a:pX", "a:pX"),
])
def test_group_of(unit_id, group):
    from topics.annotations import group_of

    assert group_of(unit_id) == group
