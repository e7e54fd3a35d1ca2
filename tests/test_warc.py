"""WARC input (topics.corpus.warc): round trips through warcio's writer; broken files."""

import json
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from topics.corpus.ingest import ingest, iter_ingest
from topics.corpus.warc import page_id

PARAS = (
    "街道召开老旧小区改造推进会，听取各社区工作进展情况汇报，研究解决存在的问题。",
    "会议强调，要坚持民生导向，倾听居民意见，确保改造工程质量安全和进度。",
)


def html_page(title: str, encoding: str = "utf-8") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<html><head><meta charset='{encoding}'><title>{title}_某某街道</title></head>"
        f"<body><div class='nav'><a href='/'>首页</a></div><h1>{title}</h1>"
        f"<div class='content'><p>发布时间：2024-03-0{len(title) % 9 + 1}</p>{body}</div>"
        "</body></html>"
    ).encode(encoding)


# (url, record type, status, content type, payload)
RECORDS = [
    ("http://www.example.gov.cn/", "request", None, None, b""),
    (
        "http://www.example.gov.cn/a/1.html",
        "response",
        "200 OK",
        "text/html; charset=utf-8",
        html_page("老旧小区改造推进会"),
    ),
    (
        "http://www.example.gov.cn/logo.png",
        "response",
        "200 OK",
        "image/png",
        b"\x89PNG\r\n",
    ),
    (
        "http://www.example.gov.cn/old.html",
        "response",
        "301 Moved",
        "text/html",
        b"<a href='/'>moved</a>",
    ),
    (
        "http://www.example.gov.cn/a/2.html",
        "response",
        "200 OK",
        "text/html",
        html_page("街道部署防汛工作", "gbk"),
    ),
    (
        "http://www.example.gov.cn/a/3.xhtml",
        "response",
        "200 OK",
        "application/xhtml+xml",
        html_page("社区开展义诊活动"),
    ),
    (
        "http://www.example.gov.cn/a/1.html",
        "response",
        "200 OK",
        "text/html",
        html_page("老旧小区改造推进会"),
    ),  # fetched twice
]


def write_warc(path, records=RECORDS, *, gz: bool) -> list[int]:
    """Write the records; return each record's byte offset."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, (url, kind, status, ctype, payload) in enumerate(records):
            offsets.append(fh.tell())
            if kind == "request":
                headers = StatusAndHeaders(
                    "GET / HTTP/1.1",
                    [("Host", "www.example.gov.cn")],
                    is_http_request=True,
                )
            else:
                headers = StatusAndHeaders(
                    status, [("Content-Type", ctype)], protocol="HTTP/1.1"
                )
            record = writer.create_warc_record(
                url,
                kind,
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={
                    "WARC-Date": "2024-03-05T08:00:00Z",
                    "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",
                },
            )
            writer.write_record(record)
    return offsets


@pytest.mark.parametrize("suffix,gz", [(".warc", False), (".warc.gz", True)])
def test_round_trip(tmp_path, suffix, gz):
    path = tmp_path / f"crawl{suffix}"
    write_warc(path, gz=gz)
    articles, errors = ingest([path])
    assert not errors
    assert [a.title for a in articles] == [
        "老旧小区改造推进会",
        "街道部署防汛工作",
        "社区开展义诊活动",
        "老旧小区改造推进会",
    ]
    first, gbk, xhtml, again = articles
    assert first.paragraphs == list(PARAS) and gbk.paragraphs == list(PARAS)
    assert first.meta["url"] == "http://www.example.gov.cn/a/1.html"
    assert first.meta["fetched"] == "2024-03-05T08:00:00Z"
    assert first.date == "2024-03-01" and first.path == str(path)
    assert gbk.meta["encoding"] == "gb18030"
    assert first.id == page_id(first.meta["url"], {}) and again.id == first.id + "-2"
    assert len({a.id for a in articles}) == 4


def test_ids_are_deterministic(tmp_path):
    a, b = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    write_warc(a, gz=True)
    write_warc(b, gz=True)
    assert [x.id for x in ingest([a])[0]] == [x.id for x in ingest([b])[0]]
    assert page_id("http://www.example.gov.cn/a/1.html", {}).startswith(
        "www.example.gov.cn-"
    )


@pytest.mark.parametrize("suffix,gz", [(".warc", False), (".warc.gz", True)])
def test_corrupt_record_is_named_and_the_rest_comes_through(tmp_path, suffix, gz):
    path = tmp_path / f"bad{suffix}"
    offsets = write_warc(path, gz=gz)
    data = path.read_bytes()
    at = offsets[4]  # the GBK page's record
    path.write_bytes(data[:at] + b"\x00garbage, not a record\x00" * 4 + data[at + 40 :])
    items = list(iter_ingest([path]))
    errors = [x for x in items if not hasattr(x, "paragraphs")]
    titles = [x.title for x in items if hasattr(x, "paragraphs")]
    assert titles == ["老旧小区改造推进会", "社区开展义诊活动", "老旧小区改造推进会"]
    assert len(errors) == 1
    assert errors[0].path == str(path)
    assert f"record at byte offset {at} is corrupt" in errors[0].reason


@pytest.mark.parametrize("suffix,gz", [(".warc", False), (".warc.gz", True)])
@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_file(tmp_path, suffix, gz, keep):
    path = tmp_path / f"cut{suffix}"
    offsets = write_warc(path, gz=gz)
    data = path.read_bytes()
    path.write_bytes(data[: offsets[-1] + int((len(data) - offsets[-1]) * keep)])
    articles, errors = ingest([path])
    assert [a.title for a in articles] == [
        "老旧小区改造推进会",
        "街道部署防汛工作",
        "社区开展义诊活动",
    ]
    assert len(errors) == 1 and f"byte offset {offsets[-1]}" in errors[0].reason
    assert "truncated" in errors[0].reason or "corrupt" in errors[0].reason


def test_index_page_in_a_warc_is_an_error_naming_the_record(tmp_path):
    links = "".join(
        f"<li><a href='/a/{i}.html'>街道召开第{i}次安全生产工作例会</a></li>"
        for i in range(30)
    )
    records = [
        (
            "http://www.example.gov.cn/list.html",
            "response",
            "200 OK",
            "text/html",
            f"<html><body><ul>{links}</ul></body></html>".encode(),
        )
    ]
    path = tmp_path / "list.warc"
    write_warc(path, records, gz=False)
    articles, errors = ingest([path])
    assert not articles and len(errors) == 1
    assert errors[0].reason.startswith(
        "record at byte offset 0 (http://www.example.gov.cn/list.html): index page"
    )


@pytest.mark.parametrize("gz", [False, True])
def test_a_file_that_is_no_warc_is_an_error_not_an_empty_archive(tmp_path, gz):
    import gzip

    text = b"this is not a warc file\n"
    path = tmp_path / ("not.warc.gz" if gz else "not.warc")
    path.write_bytes(gzip.compress(text) if gz else text)
    articles, errors = ingest([path])
    assert articles == [] and len(errors) == 1
    assert "not a WARC record" in errors[0].reason and "this is not" in errors[0].reason


def test_garbage_after_the_records_is_reported_once_not_per_fragment(tmp_path):
    path = tmp_path / "tail.warc.gz"
    write_warc(path, gz=True)
    with open(path, "ab") as fh:
        fh.write(b"\x1f\x8b\x08\x00garbagegarbage" * 20)     # 20 false gzip starts
    articles, errors = ingest([path])
    assert len(articles) == 4
    assert len(errors) <= 7 and "stopped reading" in errors[-1].reason


def test_many_bad_pages_in_a_row_do_not_stop_a_whole_archive(tmp_path):
    """Pages that cannot be used (binary attachments served as HTML) are errors of
    their own; only damaged WARC structure counts toward stopping the file."""
    binary = [(f"http://www.example.gov.cn/f/{i}.html", "response", "200 OK", "text/html",
               b"\x00\x01\x02" * 200) for i in range(8)]
    path = tmp_path / "many.warc.gz"
    write_warc(path, binary + RECORDS, gz=True)
    articles, errors = ingest([path])
    assert len(errors) == 8 and not any("stopped reading" in e.reason for e in errors)
    assert len(articles) == 4


def test_labels_of_a_warc_carry_each_page_url(run_cli, tmp_path):
    """`topics label` on a web archive: each row says which page it is (url), so
    labels can be joined back to the crawl."""
    import pandas as pd

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gz=True)
    res = run_cli("label", path, "-o", tmp_path / "l.jsonl", "--paragraphs", tmp_path / "p.csv")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["url"] == "http://www.example.gov.cn/a/1.html"
    res = run_cli("label", path, "-o", tmp_path / "l.csv")
    assert pd.read_csv(tmp_path / "l.csv")["url"][0] == "http://www.example.gov.cn/a/1.html"


def test_a_record_with_a_binary_body_says_so(tmp_path):
    path = tmp_path / "bin.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "http://www.example.gov.cn/x.html", "response",
            payload=io.BytesIO(bytes(range(256)) * 40), http_headers=headers))
    articles, errors = ingest([path])
    assert not articles and "(http://www.example.gov.cn/x.html): its body is binary or garbled" in errors[0].reason
