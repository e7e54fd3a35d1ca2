"""Reprint detection: re-wrapped copies found, look-alike stories not, first-seen wins.

Every text here is invented. The test over real stories reads ``../shared/corpora`` at
run time and is skipped when it is missing.
"""
import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import topics.corpus.dedupe as dedupe
from topics.corpus.dedupe import (ReprintIndex, candidate_probability, find_reprints,
                                  jaccard, lsh_bands, normalise, shingle_hashes,
                                  shingle_sets, similarity)
from topics.settings import ReprintSettings, SettingError

ROADS = (
    "青溪县今年以来把农村公路提档升级作为民生实事来抓，全县新改建农村公路一百二十公里，"
    "实现了二十户以上自然村通硬化路全覆盖。\n"
    "在白石乡，一条连接六个行政村的产业路刚刚建成通车，沿线的茶叶基地和民宿集群第一次有了"
    "像样的出山通道。村党支部书记说，过去运一车茶青要绕行四十分钟，现在十分钟就到加工厂。\n"
    "县交通运输局介绍，全县推行路长制，每条农村公路都明确了县乡村三级路长和专职养护员，"
    "养护经费纳入财政预算，做到有路必养、养必到位。\n"
    "下一步，青溪县将结合乡村振兴示范带建设，推进农村公路与旅游、物流融合发展，"
    "让群众出行更便捷、产业发展更有后劲。")
CANTEEN = (
    "安丰县东湖街道的老年食堂开张三个月，每天中午都坐满了附近小区的老人。食堂按照"
    "两荤两素一汤的标准配餐，八十岁以上老人每餐只需六元，困难老人由街道全额补助。\n"
    "街道负责人介绍，食堂由社区提供场地、国有企业负责运营、志愿者参与送餐，行动不便的"
    "老人可以通过电话预约，由网格员把饭菜送到家门口。\n"
    "截至目前，安丰县已建成城乡老年食堂四十七个，覆盖全县百分之八十的村和社区，"
    "今年还将新增助餐点二十个，并探索在养老服务中心增设康复理疗和日间照料功能。")
ROADS_ELSEWHERE = (  # same theme, same words, another story
    "石门县今年以来加快推进四好农村路建设，全县新改建农村公路八十五公里，完成危桥改造"
    "十二座，农村公路优良中等路率达到百分之九十以上。\n"
    "在龙潭镇，一条通往高山蔬菜基地的产业路正在铺设沥青，施工队伍抢抓晴好天气倒排工期。"
    "镇长说，道路建成后，蔬菜从地头到批发市场的时间将缩短一半。\n"
    "县里建立了农村公路管理养护长效机制，落实县乡村三级路长责任，养护资金按每公里标准"
    "列入年度预算。石门县还将推动农村客运和邮政快递融合，打通农村物流最后一公里。")


def drop_paragraph(text):
    paras = text.split("\n")
    return "\n".join(paras[:1] + paras[2:])


def change_characters(text):
    return "".join("某" if i % 80 == 79 else c for i, c in enumerate(text))


REWRAPS = [
    ("site chrome", lambda s: "首页 > 新闻中心 > 正文\n字号：大 中 小\n" + s
     + "\n【打印】【关闭】\n上一篇：县委召开全会\n下一篇：全县秋粮收购开始"),
    ("headline prefix", lambda s: "【转载】人民日报：农村公路通到家门口\n" + s),
    ("dateline", lambda s: "新华社杭州9月12日电（记者 王某）" + s),
    ("source and editor lines", lambda s: "来源：浙江日报  发布时间：2026-09-12 10:30\n" + s
     + "\n责任编辑：李某某  审核：张某"),
    ("ending cut by 20 %", lambda s: s[:int(len(s) * 0.8)] + "……"),
    ("a paragraph dropped", drop_paragraph),
    ("characters changed (1 in 80)", change_characters),
    ("punctuation, spaces, full-width digits", lambda s: s.replace("，", ", ")
     .replace("。", ". ").replace("\n", "\n\n  ").replace("二十", "２０")),
    ("chrome and ending cut together", lambda s: "当前位置：首页 > 要闻\n【转载】"
     + s[:int(len(s) * 0.85)] + "\n责任编辑：王某\n【打印本页】【关闭窗口】"),
]


@pytest.mark.parametrize("kind, rewrap", REWRAPS, ids=[r[0] for r in REWRAPS])
@pytest.mark.parametrize("story", [ROADS, CANTEEN], ids=["roads", "canteen"])
def test_reprints_are_found(kind, rewrap, story):
    assert find_reprints([story, rewrap(story)], ["orig", "copy"]) == [None, "orig"]


def meeting(county, n, first, second, chair):
    return (f"9月{n}日，{county}县长{chair}主持召开{county}政府第{n}次常务会议，研究部署"
            f"{first}、{second}等工作。\n会议听取了{county}{first}工作情况汇报，审议通过了"
            f"《{county}{second}工作实施方案》。\n会议强调，要压紧压实责任，抓好{first}各项"
            f"措施落地见效；要坚持问题导向，扎实推进{second}工作，确保取得实效。")


def weather(city, day, sky, low, high):
    return (f"{city}气象台9月{day}日发布天气预报：今天夜里到明天{sky}，偏北风3到4级，"
            f"最低气温{low}℃，最高气温{high}℃。气象部门提醒，近期昼夜温差较大，请市民"
            f"注意添衣保暖，农业生产单位做好秋收晾晒等工作。")


HARD_NEGATIVES = [
    ("same theme and words, another county's story", ROADS, ROADS_ELSEWHERE),
    ("two unrelated stories", ROADS, CANTEEN),
    ("meeting announcements from one template",
     meeting("青溪县", 3, "安全生产", "防汛防台", "王某"),
     meeting("青溪县", 17, "耕地保护", "老旧小区改造", "王某")),
    ("weather forecasts from one template", weather("青溪县", 3, "多云转阴", 12, 21),
     weather("安丰县", 4, "小雨", 9, 15)),
    ("one paragraph quoted in another article", ROADS,
     CANTEEN + "\n正如报道所说：" + ROADS.split("\n")[1]),
]


@pytest.mark.parametrize("kind, first, second", HARD_NEGATIVES,
                         ids=[h[0] for h in HARD_NEGATIVES])
def test_look_alike_stories_are_not_reprints(kind, first, second):
    assert find_reprints([first, second], ["a", "b"]) == [None, None]
    assert similarity(first, second) < ReprintSettings().threshold


def test_first_seen_wins_and_every_reprint_names_an_original():
    cut = ROADS[:int(len(ROADS) * 0.8)]
    chrome = "首页 > 新闻\n" + ROADS + "\n责任编辑：王某"
    texts = [cut, CANTEEN, ROADS, chrome, CANTEEN + "\n【打印】【关闭】"]
    assert find_reprints(texts, list("abcde")) == [None, None, "a", "a", "b"]


def test_a_match_with_an_earlier_reprint_counts_as_its_original():
    parts = [f"第{n}段：" + (ROADS + CANTEEN)[n * 60:(n + 1) * 60] for n in range(5)]
    x0, x1, x2 = ("".join(parts[i:i + 3]) for i in range(3))
    assert similarity(x0, x2, shingle=5) < 0.45 <= similarity(x1, x2, shingle=5)
    assert find_reprints([x0, x1, x2], ["x0", "x1", "x2"], threshold=0.45,
                         shingle=5) == [None, "x0", "x0"]


def test_order_decides_the_original_and_results_are_deterministic():
    texts = [ROADS, CANTEEN, "【转载】" + ROADS, "来源：新华社\n" + CANTEEN]
    ids = ["r", "c", "r2", "c2"]
    first = find_reprints(texts, ids)
    assert first == [None, None, "r", "c"] == find_reprints(texts, ids)
    assert find_reprints(texts[::-1], ids[::-1]) == [None, None, "c2", "r2"]


def test_results_do_not_depend_on_the_process():
    code = ("import json, sys; from topics.corpus.dedupe import find_reprints; "
            "t = json.load(sys.stdin); print(json.dumps(find_reprints(t, t)))")
    texts = [ROADS, CANTEEN, "【转载】" + ROADS, ROADS_ELSEWHERE, CANTEEN + "……"]
    runs = {subprocess.run([sys.executable, "-c", code], input=json.dumps(texts),
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(runs) == 1 and json.loads(runs.pop()) == find_reprints(texts, texts)


def test_streaming_batches_and_one_call_agree(monkeypatch):
    texts = [ROADS, CANTEEN, ROADS_ELSEWHERE, "【转载】" + ROADS, CANTEEN[:300], "", "短"]
    ids = [str(i) for i in range(len(texts))]
    batch = find_reprints(texts, ids)
    index = ReprintIndex()
    assert [index.add(i, t) for i, t in zip(ids, texts)] == batch
    monkeypatch.setattr(dedupe, "_CHUNK", 2)
    assert find_reprints(texts, ids) == batch
    assert batch == [None, None, None, "0", "1", None, None]


CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"


def invented(seed, n=300):
    rng = random.Random(seed)
    return "".join(rng.choice(CHARS) for _ in range(n))


FOOTER = ("\n版权所有：青溪县人民政府办公室 主办单位：青溪县融媒体中心 网站标识码：3300000001 "
          "免责声明：本网转载稿件仅为传递更多信息，不代表本网观点和立场。【打印本页】【关闭窗口】")


def test_shared_page_chrome_neither_matches_nor_hides_reprints():
    pages = [invented(i) + FOOTER for i in range(100)]  # one site, 100 stories
    texts = pages + ["【转载】" + pages[0], "来源：青溪发布\n" + pages[99]]
    ids = [f"p{i}" for i in range(100)] + ["copy0", "copy99"]
    assert find_reprints(texts, ids) == [None] * 100 + ["p0", "p99"]


def test_a_story_reposted_many_times_points_every_copy_to_it():
    copies = [f"转载自第{i}个网站：\n" + ROADS + f"\n责任编辑：编辑{i}号" for i in range(80)]
    assert find_reprints([ROADS] + copies, [str(i) for i in range(81)]) == \
        [None] + ["0"] * 80


def test_query_does_not_index():
    index = ReprintIndex()
    assert index.add("a", ROADS) is None and len(index) == 1
    assert index.query("【转载】" + ROADS) == "a"
    assert len(index) == 1 and index.query(CANTEEN) is None


HEADLINE = "青溪县农村公路提档升级"  # 11 characters


@pytest.mark.parametrize("texts, expected", [
    (["", ""], [None, None]),
    (["  \n\t ", "，。！"], [None, None]),
    ([HEADLINE, HEADLINE], [None, None]),  # identical, but near-nothing to go on
    ([HEADLINE * 4, HEADLINE * 4], [None, None]),  # 44 characters < 50
    ([HEADLINE * 5, HEADLINE * 5], [None, "0"]),  # 55 characters: compared
    ([ROADS, ROADS[:40]], [None, None]),  # a short excerpt is never a reprint
    ([ROADS[:40], ROADS], [None, None]),  # nor an original
    (["", ROADS, "", "【转载】" + ROADS], [None, None, None, "1"]),
])
def test_short_and_empty_texts_are_never_matched(texts, expected):
    assert find_reprints(texts, [str(i) for i in range(len(texts))]) == expected


def test_min_chars_is_a_setting_and_a_text_needs_one_shingle():
    texts = [HEADLINE * 2, "【转载】" + HEADLINE * 2]  # 22 characters
    assert find_reprints(texts, ["a", "b"], min_chars=10, shingle=5) == [None, "a"]
    assert find_reprints(texts, ["a", "b"], min_chars=10, shingle=25) == [None, None]


@pytest.mark.parametrize("text, expected", [
    ("Ａ股， 上涨 3%！", "a股上涨3"),
    ("首页 > 新闻\n【打印】", "首页新闻打印"),
    ("2026年9月12日 10:30", "2026年9月12日1030"),
    ("①号 ½", "1号12"),
    ("", ""),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_shingles_and_exact_jaccard():
    flat, offsets = shingle_hashes(["abcdef", "", "abcxyz", "ab"], 3)
    assert offsets.tolist() == [0, 4, 4, 8, 8]
    sets = shingle_sets(flat, offsets)
    assert [len(s) for s in sets] == [4, 0, 4, 0]
    assert jaccard(sets[0], sets[2]) == pytest.approx(1 / 7)  # only "abc" shared
    assert jaccard(sets[0], sets[0]) == 1.0 and jaccard(sets[0], sets[1]) == 0.0
    assert similarity("今天，天气很好", "今天天气 很好！", shingle=2) == 1.0


def test_shingle_hashes_do_not_depend_on_the_batch():
    texts = [normalise(t) for t in (ROADS, CANTEEN, ROADS_ELSEWHERE)]
    flat, off = shingle_hashes(texts, 5)
    for i, text in enumerate(texts):
        alone, _ = shingle_hashes([text], 5)
        assert np.array_equal(alone, flat[off[i]:off[i + 1]])


@pytest.mark.parametrize("threshold", [0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0])
@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_lsh_bands_find_pairs_at_the_threshold(threshold, num_perm):
    b, r = lsh_bands(threshold, num_perm)
    assert b * r <= num_perm
    assert candidate_probability(threshold, b, r) >= 0.98
    if threshold >= 0.7:  # lower thresholds need few rows: a looser filter
        assert candidate_probability(threshold / 4, b, r) < 0.05


@pytest.mark.parametrize("kwargs, message", [
    ({"threshold": 0}, "reprints.threshold: must be more than 0, got 0.0"),
    ({"threshold": 1.5}, "reprints.threshold: must be at most 1, got 1.5"),
    ({"threshold": "high"}, "reprints.threshold: must be a number, got 'high'"),
    ({"threshold": float("nan")}, "reprints.threshold: must be a finite number"),
    ({"shingle": 0}, "reprints.shingle: must be at least 1, got 0"),
    ({"min_chars": 0}, "reprints.min_chars: must be at least 1, got 0"),
    ({"num_perm": 4}, "reprints.num_perm: must be at least 8, got 4"),
])
def test_settings_are_validated_and_named(kwargs, message):
    with pytest.raises(SettingError, match=message):
        ReprintSettings(**kwargs)
    with pytest.raises(SettingError, match=message):
        find_reprints([ROADS], ["a"], **kwargs)


def test_bad_inputs_say_how_to_fix():
    with pytest.raises(SettingError, match="reprints.threshold: must be at most 1"):
        ReprintIndex(threshold=2.0)
    with pytest.raises(ValueError, match="got 2 texts but 1 ids; give one id per text"):
        find_reprints([ROADS, CANTEEN], ["a"])
    with pytest.raises(TypeError, match="texts must be strings, got NoneType.*pass ''"):
        find_reprints([ROADS, None], ["a", "b"])


CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpora")
def test_real_stories_rewrapped_are_found_precisely():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        stories = [json.loads(next(fh))["text"] for _ in range(300)]
    stories = [s for s in stories if len(normalise(s)) >= 200]
    copies = ["首页 > 新闻 > 正文\n来源：新华社\n" + s[:int(len(s) * 0.85)] + "\n责任编辑：王某"
              for s in stories]
    ids = [f"s{i}" for i in range(len(stories))] + [f"c{i}" for i in range(len(copies))]
    found = find_reprints(stories + copies, ids)
    hits = sum(f == f"s{i}" for i, f in enumerate(found[len(stories):]))
    assert hits >= 0.95 * len(copies)
    texts = dict(zip(ids, stories + copies))
    for aid, dup in zip(ids, found):  # precise by construction: exact J >= threshold
        assert dup is None or similarity(texts[aid], texts[dup]) >= 0.5


def test_a_reprint_is_published_within_max_days_of_its_original():
    """The same text a year later (a yearly ceremony's announcement) is a new story; a
    copy a few days later is a reprint of the nearest original in time; one with no
    full date is compared by text alone."""
    story = "烈士纪念日向人民英雄敬献花篮仪式将于9月30日上午在北京天安门广场隆重举行，届时将现场直播。" * 3
    ids = ["y2022", "y2023", "copy", "undated", "yearonly"]
    dates = ["2022-09-29", "2023-09-29", "2023-10-02 08:00", None, "2023"]
    assert find_reprints([story] * 5, ids, dates=dates) == [None, None, "y2023", "y2022", "y2022"]
    assert find_reprints([story] * 5, ids, dates=dates, max_days=0) == [None, "y2022", "y2022", "y2022", "y2022"]
    index = ReprintIndex(max_days=7)
    assert index.add("a", story, "2024-01-01") is None
    assert index.query(story, "2024-01-09") is None and index.query(story, "2024-01-08") == "a"
    with pytest.raises(ValueError, match="2 dates; give one id and one date per text"):
        find_reprints([story] * 3, ["a", "b", "c"], dates=["2024-01-01"] * 2)


def test_one_programme_has_few_reprints_of_itself():
    """新闻联播 repeats yearly announcements word for word: the same text in different
    years is not a reprint (before the date window 107 of its stories were marked, 38
    now: same-week template stories, 本台明天将直播 … ; see README)."""
    from topics.corpus.article import Article

    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    articles = [Article(id=r["id"], paragraphs=r["text"].split("\n"), date=r["date"]) for r in recs]
    found = dedupe.article_reprints(articles)
    assert sum(f is not None for f in found) <= 45


# -- reprints in the commands ------------------------------------------------------------
STORY = ("宁波市今年以来深入推进东西部协作，余姚对口帮扶凉山昭觉县，投入协作资金一点二亿元，"
         "实施雁阵工程，扶持当地养牛大户扩大规模，带动三河村村民增收致富。挂职干部挨家挨户走访，"
         "找准当地百姓干得了又愿意干的产业，让帮扶从输血变为造血。")
OTHER_STORY = ("慈溪市拥有各类型养老机构十七家，养老床位四千多个，居家养老服务中心每天为老人送餐，"
               "养老护理员定期上门照料高龄和失能老人，让老年人在家门口安享晚年。")


def _records(path):
    import json as _json

    rows = [{"id": "a", "text": STORY}, {"id": "b", "text": OTHER_STORY},
            {"id": "c", "title": "【转载】" , "text": "来源：县融媒体中心\n" + STORY + "\n责任编辑：张三"}]
    path.write_text("".join(_json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_commands_count_each_story_once(run_cli, tmp_path):
    import json as _json

    data = _records(tmp_path / "r.jsonl")
    res = run_cli("ingest", data, "-o", tmp_path / "a.jsonl", "--dedupe")
    assert res.returncode == 0 and "marked 1 reprint(s)" in res.stderr
    rows = [_json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r.get("duplicate_of") for r in rows] == [None, None, "a"]
    res = run_cli("label", data, "-o", tmp_path / "l.jsonl")
    assert res.returncode == 0 and "1 reprint(s) of earlier articles marked" in res.stderr
    labelled = [_json.loads(x) for x in (tmp_path / "l.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r.get("duplicate_of") for r in labelled] == [None, None, "a"]
    assert list(labelled[2])[:6] == ["id", "title", "date", "source", "duplicate_of",
                                     "labels"]
    summary = {line.split()[0]: line.split()[1] for line in res.stdout.splitlines()[1:]}
    assert summary["poverty_aid"] == "1"               # the reprint is not counted again
    res = run_cli("label", data, "-o", tmp_path / "l2.jsonl", "--keep-reprints")
    assert "reprint" not in res.stderr
    # marked on input (by ingest --dedupe): kept as they are, and not reported again
    res = run_cli("label", tmp_path / "a.jsonl", "-o", tmp_path / "l3.jsonl", "--keep-reprints")
    assert res.returncode == 0 and "reprint" not in res.stderr
    kept = [_json.loads(x) for x in (tmp_path / "l3.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r.get("duplicate_of") for r in kept] == [None, None, "a"]
    res = run_cli("label", data, "-o", tmp_path / "l2.jsonl", "--keep-reprints")
    summary = {line.split()[0]: line.split()[1] for line in res.stdout.splitlines()[1:]}
    assert summary["poverty_aid"] == "2"


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_labelling_marks_reprints_as_marking_first_would(n_jobs):
    from topics.classify.label import label_corpus, load_classifier
    from topics.corpus.article import Article
    from topics.settings import ReprintSettings

    def articles():
        return [Article(id="a", paragraphs=[STORY]), Article(id="b", paragraphs=[OTHER_STORY]),
                Article(id="c", title="转载", paragraphs=["来源：县融媒体中心", STORY]),
                Article(id="d", paragraphs=[]), Article(id="e", paragraphs=[STORY[:60]])]

    clf = load_classifier()
    first = articles()
    dedupe.mark_reprints(first, ReprintSettings())
    expected = label_corpus(first, clf, batch=2)
    together = articles()
    got = label_corpus(together, clf, batch=2, n_jobs=n_jobs, reprints=ReprintSettings())
    assert [r.get("duplicate_of") for r in got] == [None, None, "a", None, "a"]  # e: cut short
    assert [a.duplicate_of for a in together] == [a.duplicate_of for a in first]
    assert [list(r) for r in got] == [list(r) for r in expected]   # same fields, same order
    assert got == expected


def test_a_text_repeated_daily_for_months_is_an_original_once_a_window():
    """The same text every day for 100 days: with a 30-day window, an original every
    31 days and every other day a reprint of the latest one (full buckets make room for
    new originals)."""
    import datetime as dt

    story = "本台明天将直播全国人民代表大会开幕会，届时中央广播电视总台各频道将现场直播，敬请收看。" * 3
    days = [(dt.date(2024, 1, 1) + dt.timedelta(days=i)).isoformat() for i in range(100)]
    found = find_reprints([story] * 100, [f"d{i}" for i in range(100)], dates=days)
    originals = [i for i, f in enumerate(found) if f is None]
    assert originals == [0, 31, 62, 93]
    assert all(f == f"d{max(o for o in originals if o <= i)}" for i, f in enumerate(found) if f)
