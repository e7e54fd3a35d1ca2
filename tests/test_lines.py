import random
import re

import pytest

from topics.corpus import lines as L


@pytest.mark.parametrize("line, names", [
    ("应磊 孙志鹏 应雨航", ["应磊", "孙志鹏", "应雨航"]),
    ("李华", ["李华"]),
    ("孙菊红 李昊翔", ["孙菊红", "李昊翔"]),
    ("记者 王凯", ["王凯"]),
    ("嵊州新貌", None),                # a caption, not a name
    ("跨越山海 直通亚运", None),        # a headline
    ("融媒产品", None),
    ("抓精准帮扶", None),
    ("奚丹霓 张赛", ["奚丹霓", "张赛"]),  # rarer surnames
    ("浦东新区", None),                # a place: 浦 and 燕 begin words too often
    ("燕赵大地", None),
    ("这几天，三河村村民吉斯有色一口气买了40头西门塔尔牛", None),
])
def test_byline_names(line, names):
    assert L.byline_names(line) == names


@pytest.mark.parametrize("line, expected", [
    ("王凯艺 吴超 摄", True),
    ("葛岙水库航拍图 樊建威 摄", True),
    ("（图片由泗门镇提供）", True),
    ("(图片由庄市街道、大学科技园提供)", True),
    ("奉化区尚田街道是“国家级农业产业强镇” 樊建威 摄", True),
    ("摄影爱好者们来到村里拍摄。", False),
    ("王凯艺 吴超", False),
    ("图为平桥镇中心敬老院工作人员为老人佩戴智能手环。记者 陈思远 摄", False),   # a caption
    ("资料图。记者 王刚 摄", True),
])
def test_is_photo_credit(line, expected):
    assert L.is_photo_credit(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("您当前的位置 :浙江在线 > 浙江新闻 > 浙江纵横 正文", True),
    ("当前位置： 首页>清廉浙江", True),
    ("字体：", True),
    ("—2022—", True),
    ("10/10", True),
    ("12:05:07", True),
    ("版权和免责申明", True),
    ("浙江在线新闻网站版权所有 Copyright © 1999-2023 Zjol. All Rights Reserved", True),
    ("标签：嵊州；富裕；钟灵毓秀；美丽乡村；重大项目；比亚迪责任编辑：鲁杰", True),
    ("Produced By 大汉网络 大汉版通发布系统 Produced By 大汉网络 大汉版通发布系统", True),
    ("11330282002970487/2023-00268", True),
    ("一、2022年工作回顾", False),
    ("嵊州新貌", False),
    ("2022年，街道预计可实现地区生产总值58亿元。", False),
])
def test_is_boilerplate(line, expected):
    assert L.is_boilerplate(line) is expected


@pytest.mark.parametrize("line, parsed", [
    ("2022-10-10 12:05:07 来源：绍兴日报 张峰", {"date": "2022-10-10", "source": "绍兴日报", "authors": ["张峰"]}),
    ("2020-09-07 09:55 来源：《今日浙江》杂志 作者：孙菊红 李昊翔",
     {"date": "2020-09-07", "source": "《今日浙江》杂志", "authors": ["孙菊红", "李昊翔"]}),
])
def test_dateline(line, parsed):
    assert L.is_dateline(line)
    assert L.parse_dateline(line) == parsed


@pytest.mark.parametrize("line, expected", [
    ("一、2022年工作回顾", True),
    ("（一）坚持把“民之所盼”当做“政之所向”", True),
    ("1.强化项目推进，提升城镇环境。", True),
    ("——回顾过去一年，我们真抓实干", True),
    ("1.2亿元用于项目", False),
    ("2022年，街道预计", False),
])
def test_numbered_heading(line, expected):
    assert L.is_numbered_heading(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("对口帮扶昭觉县一年来，余姚陆续投入东西部协作资金1.2亿", True),
    ("为完善全生命周期养老服务链，慈溪市", True),
    ("元，用于实施“雁阵工程”等项目。", False),       # terminated
    ("跨越山海 直通亚运", False),                    # headline with a space
    ("经济发展稳进提质", False),                     # short subheading
    ("一、2022年工作回顾", False),
    ("“通过东西部协作，三河村的牛将以订单式输出。”", False),
])
def test_is_fragment(line, expected):
    assert L.is_fragment(line) is expected


# -- the fast paths agree with the plain definitions ------------------------------------
# The rules look for a word that must be there, or try anchored patterns at the start
# of the line only, before running a pattern; these are the plain forms they must equal.
_OLD_SHORT = re.compile("|".join(f"(?:{p.pattern})" for p in (
    L._NAV, L._WIDGET, L._DATE_PIECE, L._EDITOR, L._INDEX_NO)))
_OLD_ANY = re.compile(f"(?:{L._COPYRIGHT.pattern})|(?:{L._CMS.pattern})")


def _plain_terminated(line):
    core = line.rstrip(L._CLOSERS)
    if core != line and core and core[-1] in L.TERMINAL:
        return True
    return bool(line) and line[-1] in L.TERMINAL


def _plain_fragment(line):
    if (_plain_terminated(line) or L.is_numbered_heading(line)
            or PLAIN[L.is_boilerplate](line)):
        return False
    if (L.byline_names(line) is not None or PLAIN[L.is_photo_credit](line)
            or PLAIN[L.is_dateline](line)):
        return False
    return " " not in line and (L.has_sentence_punct(line) or len(line) >= 40)


PLAIN = {
    L.is_boilerplate: lambda x: bool(len(x) <= 80 and _OLD_SHORT.search(x)
                                     or _OLD_ANY.search(x)),
    L.is_footer_start: lambda x: bool(L._COPYRIGHT.search(x) or L._CMS.search(x)
                                      or L._EDITOR.search(x)),
    L.is_photo_credit: lambda x: len(x) <= 60 and bool(L._PHOTO_CREDIT.match(x)),
    L.is_dateline: lambda x: (bool(L._DATE.search(x)) and bool(
        L._SOURCE_LINE.search(x) or L._AUTHOR_FIELD.search(x)) and len(x) <= 80),
    L.is_terminated: _plain_terminated,
    L.is_fragment: _plain_fragment,
}
PIECES = ["版权所有", "Copyright", "©", "ICP备", "技术支持：", "技术支持:", "网站地图",
          "责任编辑：", "编辑:", "标签：", "审核：", "校对:", "【纠错】", "[纠错]", "您当前的位置",
          "首页 >", "字体：大 中 小", "【打印】", "打印本页", "分享到：", "扫一扫", "2022-10-10",
          "2022年1月2日", "12:05", "发布时间：", "来源：", "稿源:", "作者：", "绍兴日报", "张峰",
          "王凯艺", "吴超", " ", "/", "摄", "摄影", "图：", "图片", "由", "提供", "（", "）", "。",
          "，", "”", "！", "：", "一、", "（一）", "1.", "——", "11330282002970487/2023-00268",
          "索引号：", "城市更新", "这是一个很长的句子内容", "推进共同富裕示范区建设"]


@pytest.mark.parametrize("rule", list(PLAIN), ids=lambda f: f.__name__)
def test_fast_paths_agree_with_plain_definitions(rule):
    rng = random.Random(11)
    for _ in range(4000):
        line = "".join(rng.choices(PIECES, k=rng.randint(0, 12)))
        assert rule(line) == PLAIN[rule](line), line


def test_no_footer_words_means_only_rules_at_the_start():
    rng = random.Random(11)
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choices(PIECES + ["\n"] * 6, k=rng.randint(0, 14)))
        if L.has_footer_words(text):
            continue
        for line in text.split("\n"):
            checked += 1
            assert not L.is_footer_start(line), line
            assert L.is_boilerplate(line) == L.is_boilerplate_at_start(line), line
    assert checked > 1000


@pytest.mark.parametrize("line, kept", [
    ("版权所有：宁波市人民政府 浙ICP备12345678号", ""),                       # a footer line
    ("主办单位：某某县人民政府办公室 技术支持：大汉网络", ""),
    ("全县新建养老床位300张，覆盖所有乡镇。" * 6 + "Produced By 大汉网络 大汉版通发布系统",
     "全县新建养老床位300张，覆盖所有乡镇。" * 6),                            # glued to a text on one line
    ("宁波市推进乡村振兴，农民收入持续增长。版权所有：宁波市人民政府 全市共建成美丽乡村示范村一百二十个。",
     "宁波市推进乡村振兴，农民收入持续增长。版权所有：宁波市人民政府 全市共建成美丽乡村示范村一百二十个。"),
    ("新时代以来，联系我们走过的极不寻常的历程，深刻领悟党的二十大精神。" * 3,
     "新时代以来，联系我们走过的极不寻常的历程，深刻领悟党的二十大精神。" * 3),     # said in passing
    ("本网站联系我们：电话0574-12345678 地址：宁波市某某路1号", ""),
    ("首页 > 新闻中心 > 本地新闻", ""),
    ("标签：" + "乡村振兴 工作推进会 " * 9, ""),                               # a long tag line
    ("镇里召开乡村振兴推进会。", "镇里召开乡村振兴推进会。"),
])
def test_without_footer(line, kept):
    assert L.without_footer(line) == kept
