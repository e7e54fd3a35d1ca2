import functools
import importlib.util
import random
from pathlib import Path

import pytest

from conftest import SAMPLE
from topics.corpus import lines as L
from topics.corpus import repair as R
from topics.corpus.repair import join_broken_lines, word_spans_break
from topics.segment import load_policy_terms


@pytest.mark.parametrize("lines, expected", [
    # a number cut from its unit
    (["余姚陆续投入东西部协作资金1.2亿", "元，用于实施“雁阵工程”等项目。"],
     ["余姚陆续投入东西部协作资金1.2亿元，用于实施“雁阵工程”等项目。"]),
    # a word cut in half
    (["同时，镇海创新土地出让机", "制，深化产业用地供给侧改革。"], ["同时，镇海创新土地出让机制，深化产业用地供给侧改革。"]),
    (["到去年底累计已建设数字", "化车间/智能工厂63家。"], ["到去年底累计已建设数字化车间/智能工厂63家。"]),
    # a short line with no punctuation: joined only because a word spans the break
    (["庄市街道承载着镇海区打造宜居宜", "业宜学福地的“门户”重任，也肩负着关键使命。"],
     ["庄市街道承载着镇海区打造宜居宜业宜学福地的“门户”重任，也肩负着关键使命。"]),
    # a caption dropped into the middle of a sentence moves after it
    (["一派繁忙景象。作为首", "易津新能源汽车产业园", "批入驻企业，赛福公司的项目年底投产。"],
     ["一派繁忙景象。作为首批入驻企业，赛福公司的项目年底投产。", "易津新能源汽车产业园"]),
    # real paragraph ends and headings stay separate
    (["一、2022年工作回顾", "2022年是关键之年。"], ["一、2022年工作回顾", "2022年是关键之年。"]),
    (["为实现上述目标，重点是抓好以下五方面工作：", "（一）坚持把“民之所盼”当做“政之所向”"],
     ["为实现上述目标，重点是抓好以下五方面工作：", "（一）坚持把“民之所盼”当做“政之所向”"]),
    (["经济发展稳进提质", "嵊州美食街，20多家餐馆灯火通明。"], ["经济发展稳进提质", "嵊州美食街，20多家餐馆灯火通明。"]),
    (["以“钉钉子”精神 啃下发展“硬骨头”", "9月21日晚，风采展举行。"], ["以“钉钉子”精神 啃下发展“硬骨头”", "9月21日晚，风采展举行。"]),
    (["这是一个完整的句子。", "另一个段落开始了，内容很长。"], ["这是一个完整的句子。", "另一个段落开始了，内容很长。"]),
])
def test_join_broken_lines(lines, expected):
    assert join_broken_lines(lines) == expected


def test_word_spans_break():
    assert word_spans_break("土地出让机", "制")
    assert not word_spans_break("经济发展稳进提质", "嵊州美食街")


# -- the fast paths agree with the plain definitions ------------------------------------
@functools.lru_cache(maxsize=1)
def _dictionary_words():
    """Words of 2–4 characters of jieba's dict.txt plus the policy terms, read plainly."""
    path = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    with open(path, encoding="utf-8") as fh:
        words = {line.split(" ", 1)[0] for line in fh}
    words.update(load_policy_terms())
    return frozenset(w for w in words if 2 <= len(w) <= 4)


def test_is_word_is_membership_in_jiebas_dictionary_and_the_policy_terms():
    words = _dictionary_words()
    rng = random.Random(5)
    chars = [c for w in sorted(words) for c in w]
    others = ["".join(rng.sample(chars, k)) for k in (1, 2, 3, 4, 5) for _ in range(3000)]
    prefixes = [w[:k] for w in sorted(words)[::50] for k in (1, 2, 3)]
    for text in [*sorted(words)[::7], *others, *prefixes, "", "东西部协作"]:
        assert R.is_word(text) == (text in words), text


def _plain_word_spans_break(upper, lower):
    vocab = _dictionary_words()
    return any(upper[-i:] + lower[:j] in vocab for i in range(1, 4) for j in range(1, 4)
               if i + j <= 4 and len(upper) >= i and len(lower) >= j)


def _plain_is_broken(upper, lower):
    if not R._can_continue(lower):
        return False
    if L.is_fragment(upper):
        return True
    short_plain = (not L.is_terminated(upper) and " " not in upper
                   and not L.has_sentence_punct(upper) and R._can_continue(upper))
    return (short_plain and len(lower) >= 8 and L.has_sentence_punct(lower)
            and _plain_word_spans_break(upper, lower))


def _plain_join(lines):
    """join_broken_lines without its look at whether a line ends a sentence."""
    out, pending, i = [], [], 0
    while i < len(lines):
        current = lines[i]
        i += 1
        while i < len(lines):
            nxt = lines[i]
            if (i + 1 < len(lines) and L.is_fragment(current) and R._is_caption(nxt)
                    and not _plain_word_spans_break(current, nxt)
                    and R._can_continue(lines[i + 1]) and not R._is_caption(lines[i + 1])):
                pending.append(nxt)
                current, i = current + lines[i + 1], i + 2
            elif _plain_is_broken(current, nxt):
                current, i = current + nxt, i + 1
            else:
                break
        out.append(current)
        out.extend(pending)
        pending = []
    return out


def _random_lines(rng):
    """Lines cut at random places out of the sample pages: fragments, captions,
    short and long lines, ends with and without punctuation."""
    text = SAMPLE_TEXT
    lines = []
    for _ in range(rng.randint(1, 8)):
        a = rng.randrange(len(text) - 100)
        lines.append(text[a:a + rng.choice([2, 5, 9, 15, 25, 45, 90])].strip() or "。")
    return lines


SAMPLE_TEXT = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))
                      ).replace("\n", "")


def test_fast_paths_agree_with_plain_definitions():
    rng = random.Random(11)
    for _ in range(3000):
        lines = _random_lines(rng)
        assert join_broken_lines(lines) == _plain_join(lines), lines
        upper, lower = (lines * 2)[:2]
        assert word_spans_break(upper, lower) == _plain_word_spans_break(upper, lower)
