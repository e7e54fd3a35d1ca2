import json
import pickle
import random
import re

import pytest

from conftest import SAMPLE, xwlb_slice
from topics.segment import (Segmenter, tokens_of_each, find_quoted_terms, load_policy_terms,
                            longest_match_pattern, segment_many)

POLICY = ["五问五破", "五比五先", "两个先行", "雁阵工程", "共同富裕", "东西部协作", "山海协作", "对口帮扶", "居家养老", "村集体经济"]


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
@pytest.mark.parametrize("term", POLICY)
def test_policy_terms_stay_whole(engine, term):
    seg = Segmenter(engine=engine, policy_stopwords=False)
    text = f"各地围绕“{term}”开展工作，推动{term}取得实效。"
    assert seg.cut(text).count(term) == 2


def test_policy_terms_listed():
    assert set(POLICY) <= set(load_policy_terms())


def test_without_policy_terms_they_split():
    assert "雁阵工程" not in Segmenter(policy_terms=False).cut("实施“雁阵工程”")


@pytest.mark.parametrize("text, expected", [
    ("余姚陆续投入东西部协作资金1.2亿元，实施“雁阵工程”", ["余姚", "陆续", "投入", "东西部协作", "资金", "雁阵工程"]),
    ("2022年，我们要加强和推进基层治理。", ["基层治理"]),               # stop words, numbers, punctuation
    ("比亚迪 BYD 新能源项目", ["比亚迪", "byd", "新能源", "项目"]),
])
def test_tokens(text, expected):
    assert Segmenter().tokens(text) == expected


def test_filters_are_configurable():
    text = "我们要加强基层治理，投入3亿元。"
    assert "加强" in Segmenter(policy_stopwords=False).tokens(text)
    assert "我们" in Segmenter(stopwords=False, policy_stopwords=False).tokens(text)
    assert "3" in Segmenter(keep_numbers=True, min_len=1).tokens(text)
    assert "基层治理" not in Segmenter(extra_stopwords=["基层治理"]).tokens(text)
    assert "投入3" not in Segmenter().tokens(text)


def test_extra_terms_and_quoted_terms():
    texts = ["实施“强村富民”行动和“千企结千村”活动", "推进“千企结千村”", "深化“千企结千村”"]
    assert find_quoted_terms(texts, min_count=2) == ["千企结千村"]
    seg = Segmenter(extra_terms=["千企结千村"])
    assert "千企结千村" in seg.tokens(texts[1])


def test_unknown_engine_message():
    with pytest.raises(ValueError, match="unknown segmentation engine 'foo'; choose one of rjieba, jieba"):
        Segmenter(engine="foo").cut("文本")


def test_picklable_and_parallel_identical():
    seg = Segmenter()
    assert pickle.loads(pickle.dumps(seg)).get_params() == seg.get_params()
    texts = [p for r in xwlb_slice(200) for p in r["text"].split("\n") if p]
    assert list(segment_many(texts, seg, n_jobs=1)) == list(segment_many(texts, seg, n_jobs=2, chunk_size=50))


def _cjk_only(tokens):
    return [t for t in tokens if re.search("[\u4e00-\u9fff]", t)]


def test_jieba_and_rjieba_agree(sample_articles):
    fast, ref = Segmenter(engine="rjieba"), Segmenter(engine="jieba")
    paras = [p for a in sample_articles for p in a.paragraphs]
    paras += [p for r in xwlb_slice(400) for p in r["text"].split("\n") if p]
    same = sum(fast.cut(p) == ref.cut(p) for p in paras)
    assert same / len(paras) >= 0.99
    # where they differ at all, it is only in Latin/number runs such as "S-300"
    assert all(_cjk_only(fast.cut(p)) == _cjk_only(ref.cut(p)) for p in paras)


def test_cli_segment(run_cli, tmp_path, sample_articles):
    out = tmp_path / "tok.jsonl"
    res = run_cli("segment", SAMPLE, "-o", out, "-j", "2", "-q")
    assert res.returncode == 0, res.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == sum(len(a.paragraphs) for a in sample_articles) and rows[0]["unit_id"] == "000_9e6ecdd00a6a378a-01:p0"
    assert "东西部协作" in rows[1]["tokens"]
    tsv = tmp_path / "tok.tsv"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01" * 50)
    res = run_cli("segment", bad, SAMPLE / "004_fca2d5a61c11e164.txt", "-o", tsv, "-q")
    assert res.returncode == 1 and f"error: {bad}: binary file" in res.stderr
    missing = run_cli("segment", tmp_path / "missing.jsonl", "-o", tmp_path / "m.tsv")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    assert not (tmp_path / "m.tsv").exists()
    lines = tsv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "unit_id\tarticle_id\tparagraph\ttokens" and len(lines) == 24


def test_cli_help_explains(run_cli):
    res = run_cli("segment", "--help")
    assert res.returncode == 0 and "quanteda" in res.stdout and "--learn-quoted" in res.stdout
    res = run_cli()
    assert res.returncode == 2 and "ingest" in res.stderr


# -- the fast paths agree with the plain definitions ------------------------------------
def test_longest_match_pattern_splits_like_the_plain_alternation():
    rng = random.Random(11)
    for _ in range(500):
        words = {"".join(rng.choices("五问破比先a+", k=rng.randint(1, 4))) for _ in range(6)}
        plain = re.compile("(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")")
        ours = re.compile(f"({longest_match_pattern(words)})")
        for _ in range(20):
            text = "".join(rng.choices("五问破比先a+b ", k=rng.randint(0, 30)))
            assert ours.split(text) == plain.split(text), (words, text)


@pytest.mark.parametrize("params", [{}, {"keep_numbers": True, "min_len": 1},
                                    {"extra_terms": [" ", "C++", "3亿"], "stopwords": False},
                                    {"extra_terms": ["图标\U000F0001"], "min_len": 1},
                                    {"engine": "jieba", "extra_terms": ["5G"]}])
def test_tokens_are_cut_then_keep(params):
    """``tokens`` (through the token-form table) gives ``cut`` then ``keep``, also for
    private-use characters and the other engine."""
    seg = Segmenter(**params)
    texts = [p for r in xwlb_slice(300) for p in r["text"].split("\n")]
    texts += ["比亚迪 BYD 新能源  项目\t投入3亿元", " C++ 和 Python ", "", "   ", "一二三",
              "图标\ue000乡村振兴\uf8ff共同富裕", "\ue001", "a5G网络和15G", "村集体经济C++3亿",
              "图标\U000F0000乡村振兴\U000FFFFD共同富裕", "\U000F0001"]
    for text in texts:
        plain = [t.lower() if t.isascii() else t for t in seg.cut(text) if seg.keep(t)]
        assert seg.tokens(text) == plain, text


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_tokens_of_many_texts_equals_one_by_one(engine):
    seg = Segmenter(engine=engine, extra_terms=["C++"])
    paras = [p for r in xwlb_slice(120) for p in r["text"].split("\n")]
    odd = ["", " ", "  ", "共同富裕", "共同富裕 ", " 共同富裕", "a b", "C++", "3.5%", "Hello, world!",
           "数字化改革。", "\t", "末尾空格 ", "\u3000全角空格", "。", "“五问五破”",
           "\ue000", "图标\uf8ff乡村振兴",
           "\U000F0000", "图标\U000FFFFD乡村振兴"]
    rng = random.Random(11)
    for _ in range(40):
        texts = rng.sample(paras, 5) + rng.choices(odd, k=rng.randint(0, 6))
        rng.shuffle(texts)
        assert seg.tokens_of(texts) == [seg.tokens(t) for t in texts]
    # texts holding a newline or carriage return are cut one by one
    texts = ["第一段\n第二段", "回车\r", "\n", "共同富裕"]
    assert seg.tokens_of(texts) == [seg.tokens(t) for t in texts]
    # the newline that joins texts is never a token of a text
    assert seg.tokens("第一段\n第二段") == ["第一段", "第二段"] and seg.tokens("\n") == []
    assert seg.tokens_of([]) == [] and seg.tokens_of(["数字化改革"]) == [["数字化改革"]]


def test_segmenters_that_cut_alike_share_one_cut(monkeypatch):
    """Segmenters that differ only in their filters get what each alone gives, from one
    call of the engine; one with other terms is cut on its own."""
    texts = [p for r in xwlb_slice(30) for p in r["text"].split("\n")] + ["", "3.5%", "的"]
    plain, every, termed = (Segmenter(), Segmenter(stopwords=False, min_len=1, keep_numbers=True),
                            Segmenter(extra_terms=["乡村振兴"]))
    expected = [s.tokens_of(texts) for s in (plain, every, termed)]
    assert expected[0] != expected[1]
    calls = []
    for s in (plain, every, termed):
        real = s._pieces
        monkeypatch.setattr(s, "_pieces", lambda text, real=real: calls.append(1) or real(text))
    assert tokens_of_each(texts, [plain, every, termed]) == expected
    assert len(calls) == 2
    assert tokens_of_each(["第一段\n第二段", "共同富裕"], [plain, every]) == [
        [s.tokens("第一段\n第二段"), s.tokens("共同富裕")] for s in (plain, every)]


def test_tokens_of_cuts_one_by_one_when_joins_are_not_tokens_of_their_own(monkeypatch):
    """An engine that merged two newlines into one token would shift every later
    text's tokens onto the wrong text; the count of newline tokens catches it."""
    seg = Segmenter()
    texts = ["乡村振兴", "", "共同富裕", "数字化改革"]
    expected = [seg.tokens(t) for t in texts]
    real = seg._pieces

    def pieces(text):  # the engine, but a double newline comes out as one token
        return ["\n\n" if p == "\x00" else p for p in real(text.replace("\n\n", "\x00"))]

    monkeypatch.setattr(seg, "_pieces", pieces)
    assert "\n\n" in seg._pieces("\n".join(texts))  # the engine merged the joins
    assert seg.tokens_of(texts) == expected


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_hmm_setting_reaches_the_engine(engine):
    # 杭研 is in no dictionary: only the HMM joins the two characters
    assert Segmenter(engine=engine).cut("他来到了网易杭研大厦")[-2:] == ["杭研", "大厦"]
    assert Segmenter(engine=engine, hmm=False).cut("他来到了网易杭研大厦")[-3:] == ["杭", "研", "大厦"]


def test_rjieba_segmenter_leaves_the_global_instance_unchanged():
    import rjieba

    before = rjieba.cut("他来到了网易杭研大厦")
    assert "杭研大厦" not in before
    assert Segmenter(extra_terms=["杭研大厦"]).cut("他来到了网易杭研大厦")[-1] == "杭研大厦"
    assert rjieba.cut("他来到了网易杭研大厦") == before
