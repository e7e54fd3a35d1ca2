import random
import re

import pytest

from topics.corpus import normalize as N
from topics.corpus.normalize import (normalize_spaces, normalize_text, normalize_width,
                                     remove_inner_spaces, remove_invisible, to_simplified)


@pytest.mark.parametrize("raw, expected", [
    ("計劃總結", "计划总结"),
    ("堅持把“民之所盼”當做“政之所向”", "坚持把“民之所盼”当做“政之所向”"),
    ("已经是简体", "已经是简体"),
])
def test_to_simplified(raw, expected):
    assert to_simplified(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("ＡＢＣ１２３", "ABC123"),                      # full-width letters/digits -> half-width
    ("资金1.2亿元,用于", "资金1.2亿元，用于"),          # half-width comma in Chinese -> full-width
    ("市场(行业)整治", "市场（行业）整治"),
    ("比例为1,234.5", "比例为1,234.5"),               # a comma between digits stays
    ("Hello, world", "Hello, world"),                # ASCII text untouched
    ("象山:双随机", "象山：双随机"),
])
def test_normalize_width(raw, expected):
    assert normalize_width(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("城市\u200b更新\ufeff", "城市更新"),
    ("a\x07b\u202ec", "abc"),
    ("行1\n行2\t", "行1\n行2\t"),
])
def test_remove_invisible(raw, expected):
    assert remove_invisible(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("孙菊红\xa0 李昊翔", "孙菊红 李昊翔"),
    ("\u3000\u3000看数据，8个省  ", "看数据，8个省"),
    ("a \n  b", "a\nb"),
])
def test_normalize_spaces(raw, expected):
    assert normalize_spaces(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("城市 更新", "城市更新"),
    ("2022 年 工作", "2022年工作"),
    ("比亚迪 BYD 项目", "比亚迪 BYD 项目"),   # spaces next to Latin words are kept
    ("好 ，很好", "好，很好"),
])
def test_remove_inner_spaces(raw, expected):
    assert remove_inner_spaces(raw) == expected


def test_normalize_text_composes_all_passes():
    assert normalize_text("計劃\u200b總結,２０２３年\r\n\xa0面向社會 ") == "计划总结，2023年\n面向社会"
    assert normalize_text("計劃總結", simplified=False) == "計劃總結"


# -- the fast paths agree with the plain definitions ------------------------------------
# Each function first looks whether there is anything to do, and its patterns are
# written so that ``re`` can skip ahead; these are the plain forms they must equal.
_OLD_HALF_PUNCT = re.compile(
    f"(?<=[{N._CJK}{N._CJK_PUNCT}])([,;:?!()])|([,;:?!()])(?=[{N._CJK}{N._CJK_PUNCT}])")
PLAIN = {
    remove_invisible: lambda t: N._CONTROL.sub("", N._INVISIBLE.sub("", t)),
    normalize_width: lambda t: _OLD_HALF_PUNCT.sub(
        lambda m: N._HALF_TO_FULL[m.group(1) or m.group(2)], t.translate(N._FULLWIDTH_ASCII)),
    normalize_spaces: lambda t: "\n".join(N._SPACES.sub(" ", x).strip() for x in t.split("\n")),
    remove_inner_spaces: lambda t: N._INNER_SPACE.sub("", t),
}
PLAIN[normalize_text] = lambda t: PLAIN[normalize_spaces](PLAIN[normalize_width](
    to_simplified(PLAIN[remove_invisible](t.replace("\r\n", "\n").replace("\r", "\n")))))
PIECES = ["城", "市", "更新", "計劃", "總結", "。", "，", "“", "”", "（", "a", "B", "1", "Ａ", "１", ",", ";",
          ":", "?", "!", "(", ")", " ", "  ", "\t", "\xa0", "\u3000", "\u2003", "\u202f",
          "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u200b", "\ufeff",
          "\x07", "\x9f", "—", "·"]


def random_texts(pieces, n=3000, max_len=25, seed=11):
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(0, max_len))) for _ in range(n)]


@pytest.mark.parametrize("func", list(PLAIN), ids=lambda f: f.__name__)
def test_fast_paths_agree_with_plain_definitions(func):
    for text in random_texts(PIECES):
        assert func(text) == PLAIN[func](text), repr(text)


@pytest.mark.parametrize("text, simplified", [
    ("带头破坏土地，覆盖全县，叱咤风云，扭转乾坤，蒜薹丰收。", "带头破坏土地，覆盖全县，叱咤风云，扭转乾坤，蒜薹丰收。"),  # simplified: untouched
    ("电影《哪吒之魔童闹海》票房领先", "电影《哪吒之魔童闹海》票房领先"),  # GB 2312's own: untouched
    ("泥沙於埋，於姓村民说", "泥沙於埋，於姓村民说"),
    ("寧波市政府工作報告,鄉村振興", "宁波市政府工作报告，乡村振兴"),
    ("理髮店的頭髮很長", "理发店的头发很长"),                         # whole text: OpenCC's phrases
    ("鴻海带头破坏土地", "鸿海带头破坏土地"),                         # one stray character
    ("全县破坏生态环境的行为依法惩处，专项整治行动覆盖所有乡镇，群众满意度明显提升，" * 3 + "內容",
     "全县破坏生态环境的行为依法惩处，专项整治行动覆盖所有乡镇，群众满意度明显提升，" * 3 + "内容"),
])
def test_to_simplified_converts_traditional_and_never_changes_simplified_text(text, simplified):
    """OpenCC's t2s over simplified text turns 坏 into 坯, 覆 into 复, 乾 into 干, 咤 into 吒:
    only a text that is traditional is converted whole; in others only characters
    that are traditional forms alone are replaced."""
    assert N.normalize_text(text) == simplified
