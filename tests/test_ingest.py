"""Cleaning rules on the seed documents, article splitting, encodings and bad input."""
import codecs
import gzip
import json
import os
from pathlib import Path

import pytest

from conftest import SAMPLE, SEEDS
from topics.corpus.ingest import ingest
from topics.settings import ReadSettings
from topics.errors import InputError


def all_text(articles):
    return "\n".join(a.title or "" for a in articles) + "\n" + "\n".join(p for a in articles for p in a.paragraphs)


def test_article_counts(by_seed):
    assert {k: len(v) for k, v in by_seed.items()} == {"000": 8, "001": 3, "002": 1, "003": 1, "004": 1}


def test_bylines_become_authors_not_text(by_seed):
    first = by_seed["000"][0]
    assert first.authors == ["应磊", "孙志鹏", "应雨航"]
    assert first.title.startswith("余姚对口帮扶凉山昭觉")
    assert [a.authors for a in by_seed["001"]] == [["李华"], ["仇欢", "莫依梦"], ["周文丹", "尚媛"]]
    assert by_seed["004"][0].authors == ["孙菊红", "李昊翔"]
    assert "应磊 孙志鹏 应雨航" not in all_text(by_seed["000"]).split("\n")[8:]
    photo = by_seed["000"][1]
    assert photo.title == "跨越山海 直通亚运" and photo.authors == []


@pytest.mark.parametrize("seed, joined", [
    ("000", "余姚陆续投入东西部协作资金1.2亿元，用于实施“雁阵工程”等项目。"),
    ("000", "创新土地出让机制，深化产业用地供给侧改革"),
    ("000", "累计已建设数字化车间"),
    ("000", "能吃上热饭热菜"),
    ("001", "打造宜居宜业宜学福地"),
    ("001", "作为首批入驻企业"),
    ("001", "今年1至6月"),
])
def test_broken_lines_are_joined(by_seed, seed, joined):
    assert any(joined in p for a in by_seed[seed] for p in a.paragraphs)


@pytest.mark.parametrize("seed, gone", [
    ("000", "王凯艺 吴超 摄"), ("001", "图片由"), ("001", "樊建威"), ("001", "两个先行看宁波"),
    ("003", "您当前的位置"), ("003", "字体"), ("003", "12:05:07"), ("003", "版权"), ("003", "责任编辑"),
    ("003", "标签"), ("003", "融媒产品"), ("003", "Copyright"),
    ("004", "当前位置"), ("004", "Produced By"), ("004", "大汉网络"),
    ("002", "11330282002970487"), ("002", "政务公开"),
])
def test_boilerplate_removed(by_seed, seed, gone):
    assert gone not in all_text(by_seed[seed])


def test_traditional_report_and_metadata(by_seed):
    (report,) = by_seed["002"]
    text = all_text([report])
    assert "坚持把“民之所盼”当做“政之所向”" in text and "計劃" not in text and "堅持" not in text
    assert report.meta["index_no"] == "11330282002970487/2023-00268"
    assert report.date == "2023-01-09"
    assert "坎墩街道" in report.meta["fields"]
    # numbered headings stay their own paragraphs
    assert "一、2022年工作回顾" in report.paragraphs
    assert any(p.startswith("（一）坚持把") for p in report.paragraphs)


def test_web_article_metadata(by_seed):
    (web,) = by_seed["003"]
    assert web.title == "嵊州市发改局当好发展主推手 跑出共富加速度"
    assert (web.date, web.source, web.authors) == ("2022-10-10", "绍兴日报", ["张峰"])
    assert all(" " not in p for p in web.paragraphs)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "gbk", "gb18030"])
def test_encodings_detected(tmp_path, encoding, by_seed):
    raw = SEEDS["004"].read_text(encoding="utf-8").replace("\xa0", " ")  # GBK has no NBSP
    path = tmp_path / f"seed_{encoding}.txt"
    path.write_bytes(raw.encode(encoding))
    (article,), errors = ingest([path])
    assert not errors
    assert article.paragraphs == by_seed["004"][0].paragraphs


def test_html_jsonl_csv(tmp_path):
    html = tmp_path / "page.html"
    html.write_text("<html><head><title>站点</title><script>var x=1;</script></head><body><nav>首页 新闻</nav>"
                    "<h1>慈溪养老服务提质</h1><p>慈溪市拥有各类型养老机构17家、养老床位4047个。</p>"
                    "<p>居家养老服务中心每天为老人送餐，确保每个人能吃上热饭热菜。</p><footer>版权所有</footer></body></html>",
                    encoding="utf-8")
    jsonl = tmp_path / "recs.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "r1", "title": "标题", "date": "2024-01-02", "text": "第一段，很长的内容。\n第二段。"}, ensure_ascii=False) + "\n")
    csv_path = tmp_path / "recs.csv"
    csv_path.write_text("id,body\nc1,\"东西部协作资金用于产业项目，带动农户增收。\"\n", encoding="utf-8")
    articles, errors = ingest([html, jsonl, csv_path], ReadSettings(text_column="body"))
    assert not errors
    page, rec, row = articles
    assert page.title == "慈溪养老服务提质" and len(page.paragraphs) == 2 and "var x" not in page.text
    assert (rec.id, rec.title, rec.date, rec.paragraphs) == ("r1", "标题", "2024-01-02", ["第一段，很长的内容。", "第二段。"])
    assert row.id == "c1" and row.paragraphs == ["东西部协作资金用于产业项目，带动农户增收。"]


def test_ingest_output_reads_back_unchanged(run_cli, tmp_path, sample_articles):
    out = tmp_path / "a.jsonl"
    assert run_cli("ingest", SAMPLE, "-o", out, "-q").returncode == 0
    again, errors = ingest([out])
    assert not errors
    assert [a.to_dict() for a in again] == [a.to_dict() for a in sample_articles]


def test_parallel_ingest_is_identical(tmp_path):
    from conftest import xwlb_slice

    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in xwlb_slice(300)), encoding="utf-8")
    one, _ = ingest([path], n_jobs=1)
    two, _ = ingest([path], n_jobs=2)
    assert [a.to_dict() for a in one] == [a.to_dict() for a in two] and len(one) == 300


# -- bad input: one line each, nothing lost, non-zero exit ----------------------------
BAD = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\n ", "empty file"),
    "binary.txt": (bytes(range(256)) * 8, "binary file"),
    "undecodable.txt": (b"\x81\x30\xfd abc \xff\n" * 50, "cannot decode"),
    "bom_but_broken.txt": (codecs.BOM_UTF8 + b"\xff\xff\xff", "byte-order mark"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_reported(tmp_path, name):
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    articles, errors = ingest([path, SEEDS["004"]])
    assert len(articles) == 1 and len(errors) == 1
    assert errors[0].path == str(path) and reason in errors[0].reason


def test_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("长" * 5000, encoding="utf-8")
    _, errors = ingest([big], ReadSettings(max_mb=1000 / 2**20))
    assert "over the" in errors[0].reason and "max_mb" in errors[0].reason


def test_malformed_jsonl_line_names_line(tmp_path):
    path = tmp_path / "recs.jsonl"
    path.write_text('{"id": "a", "text": "第一篇文章的正文内容。"}\n{"id": "b", "text": \n["not", "a dict"]\n{"id": "c", "text": ""}\n{"id": "d", "text": "第四篇。"}\n'
                    + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    articles, errors = ingest([path])
    assert [(a.id, bool(a.paragraphs)) for a in articles] == [("a", True), ("c", False), ("d", True)]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (2, "malformed JSON"), (3, "a JSONL line must be an object with a 'text' field"),
        (6, "malformed JSON")]           # nested too deeply for the parser: that line alone


def test_unsupported_and_missing(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    _, errors = ingest([pdf, tmp_path / "nope.txt"])
    assert "pdftotext" in errors[0].reason and "no such file" in errors[1].reason


def test_cli_batch_with_bad_file(run_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "out.jsonl"
    res = run_cli("ingest", SEEDS["004"], bad, SEEDS["003"], "-o", out)
    assert res.returncode == 1
    assert f"error: {bad}: binary file" in res.stderr and "Traceback" not in res.stderr
    ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["004_fca2d5a61c11e164", "003_108671fbc84623c4"]


def test_cli_usage_errors(run_cli, tmp_path):
    res = run_cli("ingest", SEEDS["004"], "-o", tmp_path / "out.txt")
    assert res.returncode == 2 and "must end in .jsonl" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "out.txt").exists()


def test_input_error_is_picklable():
    import pickle

    err = pickle.loads(pickle.dumps(InputError("a.txt", "bad", line=3)))
    assert (err.path, err.reason, err.line, str(err)) == ("a.txt", "bad", 3, "a.txt:3: bad")


def test_short_notice_is_kept(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("本周六停水通知。\n请居民提前储水。\n", encoding="utf-8")
    (article,), errors = ingest([path])
    assert not errors and article.paragraphs == ["本周六停水通知。", "请居民提前储水。"]


def test_record_fields_are_strings_and_dates_normalised(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": 7, "title": 123, "date": "2023年1月5日", "text": "正文内容。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (a,), _ = ingest([path])
    assert (a.id, a.title, a.date) == ("7", "123", "2023-01-05")


def test_huge_csv_field_and_bad_csv(tmp_path):
    big = tmp_path / "big.csv"
    big.write_text('id,text\n1,"' + "长" * 200_000 + '"\n', encoding="utf-8")
    (a,), errors = ingest([big])
    assert not errors and len(a.paragraphs[0]) == 200_000
    bad = tmp_path / "bad.csv"
    bad.write_text('id,text\n1,"unterminated\n', encoding="utf-8")
    articles, errors = ingest([bad])
    assert articles == [] and errors[0].line == 2 and "never closed" in errors[0].reason


def test_outputs_readable_by_others(tmp_path):
    import os
    import stat

    from topics import io

    old = os.umask(0o022)
    try:
        io.write_jsonl(tmp_path / "x.jsonl", [{"a": 1}])
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "x.jsonl").stat().st_mode) == 0o644


# -- the bad-input battery, through the real entry point --------------------------------
def jsonl(path, *records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


GOOD = "慈溪市居家养老服务中心为老人送餐，养老护理员上门服务。"


def test_empty_records_are_counted_not_errors(run_cli, tmp_path):
    data = jsonl(tmp_path / "r.jsonl", {"id": "e1", "text": ""}, {"id": "g", "text": GOOD},
                 {"id": "e2", "text": "   "}, {"id": "e3", "paragraphs": []})
    res = run_cli("ingest", data, "-o", tmp_path / "a.jsonl")
    assert res.returncode == 0 and "skipped 3 empty record(s)" in res.stderr
    assert [json.loads(x)["id"] for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()] == ["g"]
    res = run_cli("label", data, "-o", tmp_path / "l.jsonl")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["labels"], r.get("empty", False)) for r in rows] == [
        ("e1", [], True), ("g", ["elder_care"], False), ("e2", [], True), ("e3", [], True)]


def test_unreadable_file_and_folder_are_named_and_the_rest_is_written(run_cli, tmp_path, monkeypatch):
    import os

    import topics.corpus.files
    import topics.corpus.ingest

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "x.txt").write_text(GOOD, encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(GOOD, encoding="utf-8")
    real_read, real_scandir = topics.corpus.ingest.read_bytes, os.scandir

    def read(path, limit, data=None):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, limit, data)

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(topics.corpus.ingest, "read_bytes", read)
    monkeypatch.setattr(topics.corpus.files.os, "scandir", scandir)
    res = run_cli("ingest", folder, "-o", tmp_path / "out.jsonl")
    assert res.returncode == 1
    assert f"error: {folder / 'a.txt'}: cannot read: Permission denied" in res.stderr
    assert f"error: {folder / 'locked'}: cannot read folder: Permission denied" in res.stderr
    assert [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()] == ["b"]


def test_jsonl_is_split_on_newlines_only(run_cli, tmp_path):
    data = jsonl(tmp_path / "r.jsonl", {"id": "a", "text": "第一段\u2028仍是第一条记录。"}, {"id": "b", "text": GOOD})
    with open(data, "a", encoding="utf-8") as fh:
        fh.write('{"id": "c", "text": \n')
    res = run_cli("ingest", data, "-o", tmp_path / "o.jsonl")
    assert res.returncode == 1 and f"error: {data}:3: malformed JSON" in res.stderr
    assert [json.loads(x)["id"] for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()] == ["a", "b"]


def test_csv_unclosed_quote_ids_and_titles(run_cli, tmp_path):
    data = tmp_path / "t.csv"
    data.write_text('key,headline,body\nk1,标题一,"多行\n正文，第一条。"\nk2,标题二,正文第二条。\n'
                    'k3,标题三,"没有结束的引号\nk4,标题四,正文\n', encoding="utf-8")
    res = run_cli("ingest", data, "-o", tmp_path / "o.jsonl", "--text-column", "body",
                  "--id-column", "key", "--title-column", "headline")
    assert res.returncode == 1 and f"error: {data}:5: a quoted field opened on this line is never closed" in res.stderr
    rows = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    # the row after the broken one is read again from its own line, not swallowed
    assert [(r["id"], r["title"]) for r in rows] == [("k1", "标题一"), ("k2", "标题二"), ("k4", "标题四")]
    broken = tmp_path / "b.csv"
    broken.write_text('text\n第一条。\n"没有结束的引号，\n第三条。\n第四条。\n', encoding="utf-8")
    articles, errors = ingest([broken])
    assert [e.line for e in errors] == [3]
    assert [(a.id, a.paragraphs) for a in articles] == [("b-1", ["第一条。"]), ("b-3", ["第三条。"]),
                                                         ("b-4", ["第四条。"])]
    plain = tmp_path / "p.csv"
    plain.write_text('text\n"两行\n的文本。"\n第二条。\n', encoding="utf-8")
    (a, b), _ = ingest([plain])
    assert (a.id, b.id) == ("p-1", "p-2")            # row numbers, not physical lines
    res = run_cli("ingest", plain, "-o", tmp_path / "x.jsonl", "--id-column", "nope")
    assert res.returncode == 1 and "no column 'nope'" in res.stderr and "--id-column" in res.stderr


def test_deep_folders_gz_limit_bad_paragraphs_and_repeated_ids(run_cli, tmp_path):
    import os

    deep = tmp_path / "deep"
    deep.mkdir()
    fd = os.open(deep, os.O_RDONLY)
    for _ in range(1100):       # deeper than Python's recursion limit; made without recursion
        os.mkdir("d", dir_fd=fd)
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    with open(os.open("x.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    os.close(fd)
    try:
        res = run_cli("ingest", deep, "-o", tmp_path / "deep.jsonl")
        assert res.returncode == 0, res.stderr[-300:]
    finally:   # shutil.rmtree (pytest's clean-up) would recurse: remove the tree bottom up
        fds = [os.open(deep, os.O_RDONLY)]
        for _ in range(1100):
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        os.unlink("x.txt", dir_fd=fds[-1])
        for parent, child in zip(reversed(fds[:-1]), reversed(fds[1:])):
            os.close(child)
            os.rmdir("d", dir_fd=parent)
        os.close(fds[0])
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "长" * 2_000_000}, ensure_ascii=False) + "\n")
    assert bomb.stat().st_size < 2**20
    data = jsonl(tmp_path / "r.jsonl", {"id": "x", "paragraphs": ["正文。", None]},
                 {"id": "y", "paragraphs": [3]}, {"id": "g", "text": GOOD}, {"id": "g", "text": GOOD})
    res = run_cli("ingest", bomb, data, "-o", tmp_path / "o.jsonl", "--max-mb", "1")
    assert res.returncode == 1
    assert f"error: {bomb}: the decompressed file is" in res.stderr and "over the 1 MB limit" in res.stderr
    assert f"error: {data}:1: 'paragraphs' must be a list of strings; item 1 is null" in res.stderr
    assert f"error: {data}:2: 'paragraphs' must be a list of strings; item 0 is 3" in res.stderr
    assert "warning: 1 article id(s) are used more than once (first: 'g')" in res.stderr


def test_one_line_in_another_encoding_or_with_a_nul_loses_only_that_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = [json.dumps({"id": f"r{i}", "text": f"第{i}篇文章的正文。"}, ensure_ascii=False).encode() for i in range(4)]
    gbk = json.dumps({"id": "g", "text": "乡村振兴推进会议召开"}, ensure_ascii=False).encode("gbk")
    nul = '{"id": "z", "text": "乡村\x00振兴"}'.encode()
    path.write_bytes(b"\n".join([good[0], good[1], gbk, good[2], nul, good[3]]) + b"\n")
    articles, errors = ingest([path])
    assert [a.id for a in articles] == ["r0", "r1", "r2", "r3"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (3, "not UTF-8 text; re-save the file as UTF-8"), (5, "malformed JSON")]
    assert "at at" not in errors[1].reason
    path.write_bytes(b"\n".join([gbk, gbk, good[0]]) + b"\n")          # mostly another encoding
    articles, errors = ingest([path])
    assert len(errors) == 1 and errors[0].line is None             # one error for the file


def test_parquet_records_and_a_parquet_file_without_a_text_column(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    good, bad = tmp_path / "a.parquet", tmp_path / "b.parquet"
    pq.write_table(pa.table({"id": ["x", "y"], "text": [GOOD, ""]}), good)
    pq.write_table(pa.table({"id": ["x", "y"], "body": [GOOD, GOOD]}), bad)
    articles, errors = ingest([good, bad])
    assert [(a.id, bool(a.paragraphs)) for a in articles] == [("x", True), ("y", False)]
    assert len(errors) == 1 and errors[0].path == str(bad)          # one error, not one per row
    assert "no 'text' or 'paragraphs' column (columns: id, body)" in errors[0].reason


def _wrapped(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def test_a_page_of_text_cut_at_a_fixed_width_is_joined_back(tmp_path):
    """Preformatted pages (a PDF or an e-mail turned into HTML) cut sentences at a fixed
    width, mid-word (``四`` / ``月十五日``); their lines are joined as a text file's are.
    A page of short paragraphs of its own is left as it is."""
    from topics.corpus.clean import is_hard_wrapped

    paras = ["今年以来，全县深入推进东西部协作，选派二十名挂职干部赴四川凉山开展对口帮扶工作，在当地建设了茶叶加工厂和养殖基地，带动三千余户农户增收。",
             "四月十五日，县里召开协作工作推进会，总结前一阶段成效，部署下一步工作，要求各部门压实责任、细化措施，确保各项帮扶项目按期建成投产并发挥效益。",
             "会议强调，要把产业帮扶作为重中之重，坚持输血和造血相结合，推动当地特色产业做大做强，让更多群众在家门口实现稳定就业，持续巩固拓展脱贫攻坚成果。"]
    lines = [x for p in paras for x in _wrapped(p, 24)]
    page = tmp_path / "pre.html"
    page.write_text("<html><body><h1>协作推进会召开</h1><div class='content'>" + "<br>".join(lines)
                    + "</div></body></html>", encoding="utf-8")
    (article,), errors = ingest([page])
    assert not errors and article.paragraphs == paras
    assert is_hard_wrapped(lines) and not is_hard_wrapped(paras * 3)
    short = ["镇里召开会议。", "会议部署了下一阶段的重点工作任务安排", "各村书记参加会议并作表态发言"] * 3
    assert not is_hard_wrapped(short)


def test_a_text_on_one_line_with_a_footer_glued_on_is_kept(tmp_path):
    """A record whose whole text is one line ending in the site's CMS footer was
    dropped as an empty record; only the footer goes."""
    prose = "全县新建居家养老服务中心十二个，新增养老床位三百张，为高龄老人提供助餐助浴服务。" * 4
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "j1", "text": prose + "Produced By 大汉网络 大汉版通发布系统"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    (article,), errors = ingest([path])
    assert not errors and article.paragraphs == [prose]


def test_record_titles_are_normalised_as_their_text(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "t1", "title": "寧波市政府工作報告,鄉村振興\n（摘要）",
                                "text": "寧波市全面推進鄉村振興，加快農業農村現代化。"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    (article,), errors = ingest([path])
    assert article.title == "宁波市政府工作报告，乡村振兴 （摘要）"
    assert article.paragraphs == ["宁波市全面推进乡村振兴，加快农业农村现代化。"]


def test_a_cut_off_gzip_file_keeps_its_complete_lines(run_cli, tmp_path):
    rows = [{"id": f"r{i}", "text": f"第{i}条记录：全县推进乡村振兴，农民收入持续增长。" * 5} for i in range(40)]
    blob = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(blob[: len(blob) * 2 // 3])
    two = tmp_path / "two.jsonl.gz"             # two gzip members, as `cat a.gz b.gz` makes
    two.write_bytes(gzip.compress(b'{"id": "a", "text": "\\u7b2c\\u4e00\\u6761\\u3002"}\n')
                    + gzip.compress(b'{"id": "b", "text": "\\u7b2c\\u4e8c\\u6761\\u3002"}\n'))
    res = run_cli("ingest", cut, two, "-o", tmp_path / "out.jsonl")
    assert res.returncode == 1 and "cut.jsonl.gz: the gzip file ends early" in res.stderr
    got = [json.loads(x)["id"] for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert got[-2:] == ["a", "b"] and 5 < len(got) - 2 < 40
    assert got[:-2] == [f"r{i}" for i in range(len(got) - 2)]


def test_broken_links_and_pipes_are_named_not_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "notes.bak").symlink_to(tmp_path / "nowhere.bak")      # not a corpus file: ignored
    articles, errors = ingest([folder])
    assert len(articles) == 1
    assert sorted((Path(e.path).name, e.reason.split(" (")[0].split(";")[0]) for e in errors) == [
        ("gone.txt", "a link to nothing"), ("pipe.txt", "not a regular file")]
    _, errors = ingest([folder / "pipe.txt"])
    assert "not a regular file" in errors[0].reason


def test_a_byline_in_a_record_keeps_the_spaces_between_names(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text('id,text\nr1,"应磊 孙志鹏 应雨航\n全县推进乡村振兴，农民收入 持续增长。"\n', encoding="utf-8")
    (article,), errors = ingest([path])
    assert article.paragraphs == ["应磊 孙志鹏 应雨航", "全县推进乡村振兴，农民收入持续增长。"]
