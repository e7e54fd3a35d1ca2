import pytest

from topics.corpus.repair import join_broken_lines, word_spans_break


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
