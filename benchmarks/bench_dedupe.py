"""Reprint detection: quality on re-wrapped real stories, speed on 100,000 articles.

    python benchmarks/bench_dedupe.py quality [--ks 3,4,5,6,8] [--thresholds ...]
    python benchmarks/bench_dedupe.py libraries [--repeats 3]
    python benchmarks/bench_dedupe.py speed [--repeats 3] [--n 100000]
    python benchmarks/bench_dedupe.py ingest-share [--repeats 3]

Everything is built at run time from ``../shared/corpora/xwlb_2022_2025.jsonl.gz``
(16,831 新闻联播 stories); nothing from it is stored. Needs ``pip install -e .[bench]``
for the datasketch peer.

**The test set.** The corpus's dates are split at random (seed 0) into a dev half and a
test half. Each half holds every story of its dates (so same-day stories on the same
theme, and the corpus's own template-like stories: daily epidemic reports, 本台明天将直播
announcements, welcome ceremonies, year-on-year commemorations, are hard negatives),
plus

* reprints: 1,000 stories (>= 100 characters) drawn per half, each re-posted 1-3 times
  the way local sites re-post: other site chrome (navigation, 当前位置, share bars,
  【打印】【关闭】, 上一篇/下一篇, copyright footers), a headline with a prefix (【转载】,
  人民日报：, 新华社北京X月X日电 …), a 来源/发布时间 line, a dateline, an editor line, and
  with some probability a truncated ending (10-30 % cut), a dropped paragraph, or edited
  characters (0.5-2 %); each reprint is dated 1 day before to 3 days after its story;
* invented template stories: weather forecasts and county meeting announcements
  filled from one template each with different places, dates, numbers and agendas.

Articles are ordered by date (ties at random). Gold ``duplicate_of``: within a group
(a story, its reprints, and any story whose normalised text is identical to it, at
least 50 characters) the first in order is the original and every other member names
it. Scores are over ``duplicate_of`` itself: a prediction is right only if it names the
gold original (precision over predicted reprints, recall over gold reprints).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import gzip
import json
import os
import pickle
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import topics.corpus.dedupe as dedupe
from topics.corpus.dedupe import (ReprintIndex, jaccard, lsh_bands, normalise,
                                  shingle_hashes, shingle_sets)
from topics.settings import ReprintSettings

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/xwlb_2022_2025.jsonl.gz"
SEED = 0

# -- invented page furniture -----------------------------------------------------------
SITES = ["宁波市江北区人民政府", "慈溪新闻网", "余姚市融媒体中心", "象山县人民政府门户网站",
         "奉化区委宣传部", "镇海新闻网", "嵊州市人民政府", "海曙区人民政府", "青田县融媒体",
         "商洛市人民政府", "浙江在线", "中国宁波网"]
SOURCES = ["新华社", "人民日报", "央视网", "新华网", "人民网", "浙江日报", "宁波日报",
           "中国新闻网", "光明日报", "经济日报", "央视新闻客户端", "学习强国"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红文斌晓东海燕"
NAV = ["首页 > 新闻中心 > 时政要闻 > 正文", "当前位置：首页 > 要闻动态", "您的位置：首页 >> 新闻 >> 国内",
       "首页 | 政务公开 | 政务服务 | 互动交流 | 走进{site}", "{site}欢迎您！ 登录 注册 无障碍 长者模式",
       "首页 > 媒体聚焦"]
TOOLS = ["字号：大 中 小", "【字体：大 中 小】 【打印本页】", "分享到：微信 微博 QQ空间",
         "浏览次数：{n}", "阅读量：{n}"]
FOOT = ["【打印】【关闭】", "【打印本页】 【关闭窗口】", "上一篇：{t1}\n下一篇：{t2}",
        "扫一扫在手机打开当前页", "版权所有：{site} 主办单位：{site}办公室 浙ICP备{n}号",
        "网站标识码：{n} 公安机关备案号：{n}", "免责声明：本网转载稿件仅为传递更多信息，不代表本网观点。",
        "相关阅读：\n{t1}\n{t2}"]
PREFIX = ["【转载】", "人民日报：", "新华社：", "转发：", "【要闻】", "央视新闻｜", "权威发布｜", ""]
FILLER_CHARS = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同"
                "工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自")

# -- invented templates ----------------------------------------------------------------
COUNTIES = ["青溪县", "安丰县", "石门县", "云台县", "南湖区", "北仑镇", "东阳县", "梅山县", "清河县",
            "白沙区", "龙泉县", "桃源县", "临江县", "花溪区", "长兴县", "双峰县"]
WEATHER = ["晴", "多云", "阴", "小雨", "阵雨", "雷阵雨", "中雨", "晴转多云", "多云转阴", "小雪"]
AGENDA = ["安全生产", "防汛防台", "秋冬季森林防火", "农村人居环境整治", "营商环境优化",
          "老旧小区改造", "义务教育均衡发展", "养老服务体系建设", "耕地保护", "河湖长制",
          "就业创业", "乡村振兴重点帮扶", "数字政府建设", "消防安全隐患排查", "粮食安全责任制"]


def name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


def weather_story(rng, day: dt.date) -> tuple[str, str]:
    c = rng.choice(COUNTIES)
    lo = rng.randint(-5, 24)
    hi = lo + rng.randint(4, 11)
    w1, w2, w3 = rng.choices(WEATHER, k=3)
    d = rng.choice(["东北", "东南", "偏北", "西南"])
    text = (f"{c}气象台{day.month}月{day.day}日{rng.randint(5, 17)}时发布天气预报：今天夜里{w1}，"
            f"{d}风{rng.randint(1, 3)}到{rng.randint(3, 5)}级；明天{w2}，最低气温{lo}℃，最高气温{hi}℃；"
            f"后天{w3}，气温{lo + rng.randint(-3, 3)}到{hi + rng.randint(-3, 3)}℃。\n"
            f"气象部门提醒，近期{rng.choice(['昼夜温差较大', '降水偏多', '空气干燥', '有雾'])}，"
            f"请广大市民注意{rng.choice(['添衣保暖', '出行安全', '防范地质灾害', '森林防火'])}，"
            f"农业生产单位做好{rng.choice(['田间排水', '设施大棚加固', '春播准备', '秋收晾晒'])}等工作。")
    return f"{c}天气预报", text


def meeting_story(rng, day: dt.date) -> tuple[str, str]:
    c, n = rng.choice(COUNTIES), rng.randint(1, 60)
    a1, a2, a3 = rng.sample(AGENDA, 3)
    head = rng.choice(["县长", "区长", "代县长"])
    text = (f"{day.month}月{day.day}日，{c}{head}{name(rng)}主持召开{c}政府第{n}次常务会议，"
            f"研究部署{a1}、{a2}等工作。\n会议传达学习了上级关于{a3}工作的重要指示精神，"
            f"听取了{c}{a1}工作情况汇报，审议通过了《{c}{a2}工作实施方案》。\n"
            f"会议强调，要压紧压实责任，抓好{a1}各项措施落地见效；要坚持问题导向，"
            f"扎实推进{a2}工作，确保取得实效。\n{c}政府领导班子成员出席会议，"
            f"各乡镇（街道）和县直有关部门主要负责人列席会议。")
    return f"{c}政府召开第{n}次常务会议", text


# -- reprints --------------------------------------------------------------------------
def _fill(s: str, rng, titles) -> str:
    t1, t2 = rng.sample(titles, 2)
    return s.format(site=rng.choice(SITES), n=rng.randint(10, 99999), t1=t1, t2=t2)


def _edit_chars(text: str, rng, rate: float) -> str:
    chars = list(text)
    for i in rng.sample(range(len(chars)), max(1, int(len(chars) * rate))):
        if chars[i] not in "\n":
            chars[i] = rng.choice(FILLER_CHARS)
    return "".join(chars)


def rewrap(title: str, text: str, day: dt.date, rng, titles) -> tuple[str, set]:
    """One local-site re-post of a story, and the kinds of change made."""
    paras = [p for p in text.split("\n") if p.strip()]
    kinds = set()
    if len(paras) >= 3 and rng.random() < 0.3:
        del paras[rng.randrange(1, len(paras))]
        kinds.add("paragraph dropped")
    if rng.random() < 0.5:
        body = "\n".join(paras)
        cut = int(len(body) * (1 - rng.uniform(0.10, 0.30)))
        body = body[:cut] + rng.choice(["……", "", "（未完）", "\n点击阅读全文"])
        paras = body.split("\n")
        kinds.add("ending cut")
    if rng.random() < 0.4:
        paras = _edit_chars("\n".join(paras), rng, rng.uniform(0.005, 0.02)).split("\n")
        kinds.add("characters edited")
    if rng.random() < 0.4:
        paras[0] = (f"{rng.choice(SOURCES)}北京{day.month}月{day.day}日电（记者 {name(rng)}）"
                    + paras[0])
        kinds.add("dateline")
    top = [_fill(rng.choice(NAV), rng, titles) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.8:
        top.append(rng.choice(PREFIX) + title)
        kinds.add("headline")
    if rng.random() < 0.8:
        top.append(f"来源：{rng.choice(SOURCES)}  发布时间：{day.isoformat()} "
                   f"{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}")
        kinds.add("source line")
    if rng.random() < 0.6:
        top.append(_fill(rng.choice(TOOLS), rng, titles))
    bottom = []
    if rng.random() < 0.7:
        bottom.append(f"责任编辑：{name(rng)}" if rng.random() < 0.6
                      else f"编辑：{name(rng)}  审核：{name(rng)}")
        kinds.add("editor line")
    bottom += [_fill(f, rng, titles) for f in rng.sample(FOOT, rng.randint(1, 3))]
    kinds.add("site chrome")
    return "\n".join(top + paras + bottom), kinds


# -- the evaluation set ----------------------------------------------------------------
def load_stories() -> list[dict]:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} not found: this benchmark needs ../shared/ beside the "
                 "project")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def split_dates(stories, seed=SEED) -> dict[str, set]:
    dates = sorted({s["date"] for s in stories})
    random.Random(seed).shuffle(dates)
    half = len(dates) // 2
    return {"dev": set(dates[:half]), "test": set(dates[half:])}


def build_split(stories, dates: set, seed: int, n_sources=1000, n_templates=150):
    """Articles ``[{id, text, day, kind, group, changes}]`` in input order."""
    rng = random.Random(seed)
    base = [s for s in stories if s["date"] in dates]
    titles = [s["title"] for s in base]
    items = []
    for s in base:
        items.append({"id": s["id"], "text": s["text"], "kind": "story",
                      "day": dt.date.fromisoformat(s["date"]), "group": s["id"],
                      "changes": ()})
    pool = [s for s in base if len(normalise(s["text"])) >= 100]
    for s in rng.sample(pool, min(n_sources, len(pool))):
        day = dt.date.fromisoformat(s["date"])
        for j in range(rng.choice((1, 1, 2, 2, 3))):
            when = day + dt.timedelta(days=rng.choice((-1, 0, 0, 1, 1, 2, 3)))
            text, kinds = rewrap(s["title"], s["text"], when, rng, titles)
            items.append({"id": f"{s['id']}-r{j}", "text": text, "day": when,
                          "kind": "reprint", "group": s["id"],
                          "changes": tuple(sorted(kinds))})
    days = sorted({i["day"] for i in items})
    for j in range(n_templates):
        for kind, make in (("weather", weather_story), ("meeting", meeting_story)):
            day = rng.choice(days)
            _, text = make(rng, day)
            items.append({"id": f"{kind}-{seed}-{j}", "text": text, "day": day,
                          "kind": kind, "group": f"{kind}-{seed}-{j}", "changes": ()})
    keyed = [(i["day"], rng.random(), i) for i in items]
    items = [i for *_, i in sorted(keyed, key=lambda x: (x[0], x[1]))]
    _merge_identical(items)
    return items


def _merge_identical(items) -> None:
    """Stories whose normalised texts are identical (>= 50 characters) share a group."""
    first = {}
    for it in items:
        if it["kind"] != "story":
            continue
        norm = normalise(it["text"])
        if len(norm) >= 50:
            first.setdefault(norm, it["group"])
            it["group"] = first[norm]
    moved = {it["id"]: it["group"] for it in items if it["kind"] == "story"}
    for it in items:
        if it["kind"] == "reprint":
            it["group"] = moved.get(it["group"], it["group"])


def gold_of(items) -> list[str | None]:
    seen: dict[str, str] = {}
    out = []
    for it in items:
        g = it["group"]
        out.append(seen[g] if g in seen else None)
        seen.setdefault(g, it["id"])
    return out


def score(pred, gold) -> dict:
    tp = sum(p is not None and p == g for p, g in zip(pred, gold))
    n_pred = sum(p is not None for p in pred)
    n_gold = sum(g is not None for g in gold)
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def errors_by_kind(items, pred, gold) -> dict:
    """Missed reprints by kind of change; false reprints by kind of article."""
    missed, total, false = Counter(), Counter(), Counter()
    for it, p, g in zip(items, pred, gold):
        if g is not None:
            for c in it["changes"] or ("(story after a reprint, or identical)",):
                total[c] += 1
                missed[c] += p != g
        if p is not None and p != g:
            false[it["kind"] if g is None else "wrong original"] += 1
    recall = {c: 1 - missed[c] / total[c] for c in total}
    return {"recall_by_change": recall, "false_by_kind": dict(false)}


# -- the libraries ---------------------------------------------------------------------
class PeerIndex:
    """The same steps as ``ReprintIndex`` (normalising, first-seen originals, exact
    verification with our shingle sets) but sketches and candidates from a library's
    own objects: one MinHash per text from Python string shingles, and its LSH index
    (same bands). ``estimate=True`` verifies with the MinHash estimate of Jaccard."""

    lib = ""

    def __init__(self, settings: ReprintSettings, estimate: bool = False):
        self.settings, self.estimate = settings, estimate
        self.bands, self.rows = lsh_bands(settings.threshold, settings.num_perm)
        self.lsh = self.new_lsh()
        self.sets, self.sketches, self.roots, self.ids = [], [], [], []

    def add_many(self, ids, texts):
        s, out = self.settings, []
        for start in range(0, len(texts), 2000):
            norms = [normalise(t) for t in texts[start:start + 2000]]
            k = s.shingle
            keep = [i for i, x in enumerate(norms) if len(x) >= max(s.min_chars, k)]
            grams = [[norms[i][j:j + k] for j in range(len(norms[i]) - k + 1)]
                     for i in keep]
            sketches = self.sketch(grams) if grams else []
            sets = shingle_sets(*shingle_hashes([norms[i] for i in keep], s.shingle))
            found = dict(zip(keep, zip(sketches, sets)))
            for i, aid in enumerate(ids[start:start + 2000]):
                out.append(self.add(aid, *found[i]) if i in found else None)
        return out

    def add(self, aid, sk, grams):
        t = self.settings.threshold
        cands = sorted((self.roots[c], c) for c in self.lsh.query(sk))
        root = next((r for r, c in cands
                     if (sk.jaccard(self.sketches[c]) if self.estimate
                         else jaccard(grams, self.sets[c])) >= t), None)
        pos = len(self.ids)
        self.lsh.insert(pos, sk)
        self.ids.append(aid)
        self.sets.append(grams)
        if self.estimate:
            self.sketches.append(sk)
        self.roots.append(pos if root is None else root)
        return None if root is None else self.ids[root]


class RensaPeer(PeerIndex):
    """rensa's RMinHash objects and RMinHashLSH index (which needs ``num_perm =
    bands * rows``, so its sketches have that many values)."""

    def new_lsh(self):
        from rensa import RMinHashLSH

        return RMinHashLSH(self.settings.threshold, self.bands * self.rows, self.bands)

    def sketch(self, grams):
        from rensa import RMinHash

        return RMinHash.from_token_sets(grams, self.bands * self.rows, 1)


class DatasketchPeer(PeerIndex):
    """datasketch's MinHash (SHA-1 of each UTF-8 shingle, its default) and
    MinHashLSH."""

    def new_lsh(self):
        from datasketch import MinHashLSH

        s = self.settings
        return MinHashLSH(s.threshold, s.num_perm, params=(self.bands, self.rows))

    def sketch(self, grams):
        from datasketch import MinHash

        return MinHash.bulk([[g.encode() for g in t] for t in grams],
                            num_perm=self.settings.num_perm, seed=1)


class NearExact(ReprintIndex):
    """Ours without the shortcuts: LSH catching 99.99 % of pairs at the threshold,
    no bucket cap, no MinHash gate (every candidate verified exactly); a reference
    for what the shortcuts cost."""

    def __init__(self, settings):
        super().__init__(settings)
        self.bands, self.rows = lsh_bands(settings.threshold, settings.num_perm, 0.9999)
        self.gate = 0.0

    def add_many(self, ids, texts):
        cap, dedupe._BUCKET_CAP = dedupe._BUCKET_CAP, 10**9
        try:
            return super().add_many(ids, texts)
        finally:
            dedupe._BUCKET_CAP = cap


LIBRARIES = {
    "ours: rensa signatures (numpy shingle hashes) + banding":
        lambda s: ReprintIndex(s),
    "ours without shortcuts (near-exhaustive reference)": lambda s: NearExact(s),
    "rensa RMinHash + RMinHashLSH": lambda s: RensaPeer(s),
    "datasketch MinHash + MinHashLSH": lambda s: DatasketchPeer(s),
    "rensa, estimated J": lambda s: RensaPeer(s, estimate=True),
    "datasketch, estimated J": lambda s: DatasketchPeer(s, estimate=True),
}
SHORT = dict(zip(("ours", "exhaustive", "rensa", "datasketch", "rensa-est",
                 "datasketch-est"), LIBRARIES))


def run(make, items, dated=False, **settings) -> list[str | None]:
    """``duplicate_of`` of each item; ``dated``: with the items' dates (ours only; the
    commands give each article's date)."""
    index = make(ReprintSettings(**settings))
    ids, texts = [i["id"] for i in items], [i["text"] for i in items]
    if dated:
        return index.add_many(ids, texts, [i["day"].isoformat() for i in items])
    return index.add_many(ids, texts)


# -- commands --------------------------------------------------------------------------
def splits(stories, cleaned=False):
    """The dev and test sets; ``cleaned``: every text as ``topics ingest`` cleans a
    JSONL record (navigation, source, date and editor lines dropped; page chrome it
    does not know, such as 上一篇/下一篇 or 【打印】【关闭】, stays)."""
    halves = split_dates(stories)
    data = {name: build_split(stories, halves[name], seed=n)
            for n, name in enumerate(("dev", "test"), 1)}
    if cleaned:
        from topics.corpus.clean import paragraphs_from_text

        for items in data.values():
            for it in items:
                it["text"] = "\n".join(paragraphs_from_text(it["text"]))
    return data


def describe(name, items):
    kinds = Counter(i["kind"] for i in items)
    gold = gold_of(items)
    parts = ", ".join(f"{v} {k}" for k, v in kinds.items())
    print(f"{name}: {len(items)} articles ({parts}); "
          f"{sum(g is not None for g in gold)} gold reprints")


def cmd_quality(args):
    data = splits(load_stories(), args.cleaned)
    for name, items in data.items():
        describe(name, items)
    ks = [int(k) for k in args.ks.split(",")]
    ts = [float(t) for t in args.thresholds.split(",")]
    rows = []
    for k in ks:
        for t in ts:
            row = {"k": k, "t": t}
            for name, items in data.items():
                t0 = time.process_time()
                pred = run(ReprintIndex, items, not args.no_dates, threshold=t, shingle=k)
                row[name] = score(pred, gold_of(items))
                row[name]["cpu"] = time.process_time() - t0
            rows.append(row)
            d, e = row["dev"], row["test"]
            print(f"| {k} | {t:.2f} | {d['P']:.3f} | {d['R']:.3f} | {d['F1']:.3f} "
                  f"| {e['P']:.3f} | {e['R']:.3f} | {e['F1']:.3f} | {d['cpu']:.1f} |",
                  flush=True)
    best = max(rows, key=lambda r: (round(r["dev"]["F1"], 4), r["t"]))
    print(f"best on dev: shingle {best['k']}, threshold {best['t']} "
          f"(dev F1 {best['dev']['F1']:.3f}; test F1 {best['test']['F1']:.3f})")
    for name, items in data.items():
        pred = run(ReprintIndex, items, not args.no_dates, threshold=best["t"], shingle=best["k"])
        print(name, json.dumps(errors_by_kind(items, pred, gold_of(items)),
                               ensure_ascii=False, indent=1))


def cmd_libraries(args):
    data = splits(load_stories(), args.cleaned)
    s = ReprintSettings()
    print(f"settings: threshold {s.threshold}, shingle {s.shingle}, "
          f"num_perm {s.num_perm}, LSH (bands, rows) "
          f"{lsh_bands(s.threshold, s.num_perm)}")
    for lib, make in LIBRARIES.items():
        for name, items in data.items():
            times = []
            for _ in range(args.repeats):
                gc.collect()
                t0 = time.perf_counter()
                pred = run(make, items)
                times.append(time.perf_counter() - t0)
            sc = score(pred, gold_of(items))
            print(f"| {lib} | {name} | {sc['P']:.3f} | {sc['R']:.3f} | {sc['F1']:.3f} "
                  f"| {statistics.median(times):.2f} |", flush=True)


# -- speed on 100,000 articles ---------------------------------------------------------
def big_corpus(n: int) -> list[str]:
    """The 16,831 stories, then re-wrapped copies of the non-empty ones (each a fresh
    random re-wrapping, as in the test set) until ``n`` articles, shuffled (seed 0)."""
    stories = load_stories()
    rng = random.Random(SEED)
    titles = [s["title"] for s in stories]
    texts = [s["text"] for s in stories]
    sources = [s for s in stories if s["text"].strip()]
    while len(texts) < n:
        s = sources[len(texts) % len(sources)]
        texts.append(rewrap(s["title"], s["text"], dt.date.fromisoformat(s["date"]),
                            rng, titles)[0])
    rng.shuffle(texts)
    return texts[:n]


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        line = next(x for x in fh if x.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def speed_child(lib: str, path: str) -> None:
    with open(path, "rb") as fh:
        texts = pickle.load(fh)
    ids = [str(i) for i in range(len(texts))]
    gc.collect()
    before = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    pred = LIBRARIES[SHORT[lib]](ReprintSettings()).add_many(ids, texts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "cpu": cpu, "peak_mb": peak, "before_mb": before,
                      "reprints": sum(p is not None for p in pred)}))


def cmd_speed(args):
    path = Path(tempfile.gettempdir()) / f"bench_dedupe_{args.n}.pkl"
    if not path.exists():
        texts = big_corpus(args.n)
        with open(path, "wb") as fh:
            pickle.dump(texts, fh)
    with open(path, "rb") as fh:
        texts = pickle.load(fh)
    print(f"{len(texts)} articles, {sum(map(len, texts)) / 1e6:.1f} M characters; "
          f"load average {os.getloadavg()[0]:.1f}")
    for lib in args.libraries.split(","):
        runs = []
        for _ in range(args.repeats):
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "_child", lib, str(path)],
                    capture_output=True, text=True, check=True, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"| {lib} | not finished in {args.timeout} s |", flush=True)
                break
            runs.append(json.loads(out.stdout))
        if not runs:
            continue
        med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        walls = ", ".join(f"{r['wall']:.1f}" for r in runs)
        print(f"| {lib} | {med['wall']:.1f} ({walls}) | {med['cpu']:.1f} "
              f"| {med['peak_mb']:.0f} | {med['peak_mb'] - med['before_mb']:.0f} "
              f"| {med['reprints']:.0f} |", flush=True)


def cmd_ingest_share(args):
    """CPU time of finding reprints among the ingested stories beside that of
    ingesting them (both one process, so the load of a shared machine counts alike)."""
    from topics.corpus.dedupe import find_reprints
    from topics.corpus.ingest import ingest

    ingest_cpu, dedupe_cpu = [], []
    for _ in range(args.repeats):
        t0 = time.process_time()
        articles, _ = ingest([CORPUS], n_jobs=1)
        ingest_cpu.append(time.process_time() - t0)
        t0 = time.process_time()
        found = find_reprints([a.text for a in articles], [a.id for a in articles])
        dedupe_cpu.append(time.process_time() - t0)
    i, d = statistics.median(ingest_cpu), statistics.median(dedupe_cpu)
    print(f"{len(articles)} articles; ingest {i:.2f} s CPU, find_reprints "
          f"{d:.2f} s CPU ({d / i:.1%} of ingest); "
          f"{sum(f is not None for f in found)} reprints; "
          f"load average {os.getloadavg()[0]:.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--ks", default="3,4,5,6,8")
    q.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8,0.9")
    q.add_argument("--no-dates", action="store_true",
                   help="compare texts only (no window of reprints.max_days)")
    lib = sub.add_parser("libraries")
    lib.add_argument("--repeats", type=int, default=3)
    for p in (q, lib):
        p.add_argument("--cleaned", action="store_true",
                       help="clean every text as topics ingest does first")
    sp = sub.add_parser("speed")
    sp.add_argument("--repeats", type=int, default=3)
    sp.add_argument("--n", type=int, default=100_000)
    sp.add_argument("--libraries", default="ours,rensa,datasketch")
    sp.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    ing = sub.add_parser("ingest-share")
    ing.add_argument("--repeats", type=int, default=3)
    ch = sub.add_parser("_child")
    ch.add_argument("lib")
    ch.add_argument("path")
    args = ap.parse_args()
    if args.cmd == "_child":
        speed_child(args.lib, args.path)
    else:
        commands = {"quality": cmd_quality, "libraries": cmd_libraries,
                    "speed": cmd_speed, "ingest-share": cmd_ingest_share}
        commands[args.cmd](args)


if __name__ == "__main__":
    main()
