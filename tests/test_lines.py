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
