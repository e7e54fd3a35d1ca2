"""Main-content extraction from web pages (topics.corpus.extract and friends).

Fixtures are small invented pages shaped like Chinese government and newspaper
sites; the last tests measure the extractor on ../shared/pages (skipped without it)
and on the invented county-portal pages of tests/data/local_pages.
"""

import json
from pathlib import Path

import pytest

from conftest import SHARED
from topics.corpus import siterules as R
from topics.corpus.decode import decode_html, declared_charset
from topics.corpus.dom import is_overlay, parse_html
from topics.corpus.extract import IndexPageError, extract_html
from topics.corpus.ingest import ingest
from topics.settings import ReadSettings, SettingError
from topics.corpus.pagebench import bigram_prf, load_pages, mean_scores, split_of
from topics.corpus.pagemeta import date_from_url, title_segments
from topics.errors import ConfigError

PARAS = (
    "为进一步推进城乡环境整治，县政府近日召开专题会议，研究部署下一阶段重点工作任务。",
    "会议指出，各乡镇要压实责任，细化措施，确保各项整治任务按期完成，群众满意度持续提升。",
    "会议要求，相关部门要加强督查考核，对工作推进不力的单位及时通报，切实形成工作合力。",
)
NAV = (
    '<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a>'
    '<a href="/b">新闻中心</a></div>'
)
FOOTER = (
    '<div class="footer"><p>版权所有：某某县人民政府办公室</p>'
    "<p>浙ICP备12345678号</p></div>"
)


def page(
    body: str = "",
    *,
    head: str = "<title>县政府召开城乡环境整治专题会议_某某县人民政府</title>",
    before: str = "",
    after: str = "",
) -> str:
    """An invented government news page; ``before``/``after`` go around the text
    inside the content element, ``body`` after it."""
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body>{NAV}"
        f"<div class='main'><h1>县政府召开城乡环境整治专题会议</h1>"
        f"<div class='article-content'>{before}{paras}{after}</div>{body}</div>"
        f"{FOOTER}</body></html>"
    )


def text_of(html: str) -> str:
    return "\n".join(extract_html(html).paragraphs)


# -- one row per site rule: snippet (inside the text or after it) -> dropped -------
LINKS = "".join(
    f'<li><a href="/n{i}.html">某某镇开展第{i}次垃圾分类宣传活动取得实效</a></li>'
    for i in range(6)
)
SITE_RULES = [
    (
        "related list after the text",
        dict(body=f"<div class='xg'><h3>相关阅读</h3><ul>{LINKS}</ul></div>"),
        "垃圾分类宣传",
    ),
    (
        "推荐阅读 inside the text",
        dict(after=f"<p>推荐阅读</p><ul>{LINKS}</ul>"),
        "垃圾分类宣传",
    ),
    (
        "相关新闻 heading with colon",
        dict(after=f"<p>【相关新闻】</p>{LINKS}"),
        "垃圾分类宣传",
    ),
    (
        "previous / next",
        dict(
            after='<p>上一篇：<a href="/1">关于开展春季植树活动的通知</a></p>'
            '<p>下一篇：<a href="/2">县领导调研安全生产工作</a></p>'
        ),
        "植树活动",
    ),
    (
        "a WeChat article's reading bar and its selected comments",
        dict(after="<p>阅读 1562 赞 47 分享 在看 19</p><p>以下留言经筛选后显示</p>"
                   "<p>桂花树下</p><p>支持！我们12幢楼道早就该清了，每次搬东西上楼都要绕来绕去。</p>"
                   "<p>已无更多数据</p>"),
        "楼道",
    ),
    (
        "相关附件 heading and its attachment links after the text",
        dict(after='<p>相关附件：</p><p><a href="/f/1.docx">某某县城乡环境整治实施方案.docx</a></p>'),
        "附件",
    ),
    ("related documents box", dict(after="<div>相关文件</div><p>某某县城乡环境整治三年行动实施方案，"
                                         "县政府办公室印发，2024年5月。</p>"), "实施方案"),
    ("a CMS's tag line", dict(after="<p>相关热词搜索：人大 主席团</p>"), "热词"),
    (
        "a WeChat article's follow badges",
        dict(before="<p>点击蓝字 关注我们</p>", after="<p>长按识别二维码 关注“柳湖发布”</p>"),
        "关注",
    ),
    (
        "print / close / bookmark",
        dict(after="<p>【打印本页】【关闭窗口】【收藏】</p>"),
        "打印",
    ),
    (
        "print widget with separators",
        dict(after="<div>打印 | 关闭 | 返回顶部</div>"),
        "返回顶部",
    ),
    ("click counter", dict(before="<p>点击数：1024</p>"), "点击数"),
    ("browse counter", dict(after="<p>浏览次数：88</p>"), "浏览次数"),
    ("editor line", dict(after="<p>责任编辑：张晓明</p>"), "张晓明"),
    ("editor and reviewer", dict(after="<p>编辑：李华 审核：王强</p>"), "审核"),
    ("share bar", dict(after="<div>分享到：微信 微博 QQ空间</div>"), "分享到"),
    ("font-size picker", dict(before="<div>【字体：大 中 小】</div>"), "字体"),
    (
        "font-size picker without brackets",
        dict(before="<div>字号：大 中 小</div>"),
        "字号",
    ),
    ("QR-code caption", dict(after="<p>扫一扫在手机打开当前页</p>"), "扫一扫"),
    (
        "QR-code caption 2",
        dict(after="<p>用微信扫码二维码，分享至好友和朋友圈</p>"),
        "二维码",
    ),
    (
        "source/date header line",
        dict(before="<p>来源：某某日报 发布时间：2024-05-15 10:20</p>"),
        "来源",
    ),
    (
        "readers' comments",
        dict(
            body="<div><h3>网友评论</h3><p>说得好，支持县里的做法，希望早日见到成效！</p></div>"
        ),
        "说得好",
    ),
    (
        "disclaimer",
        dict(
            after="<p>特别声明：本文转载仅为传播信息，不代表本网观点，如有侵权请联系删除。</p>"
        ),
        "特别声明",
    ),
    (
        "newspaper's copyright notice block",
        dict(
            after="<p>反侵权公告：</p><p>根据《中华人民共和国著作权法》等法律法规，"
            "未经书面许可，擅自转载本报社作品的，将涉嫌侵犯著作权人合法权益。</p>"
            "<p>一、任何单位或个人使用本报社的原创内容，必须事先取得书面授权；</p>"
        ),
        "任何单位",
    ),
    (
        "reprint notice",
        dict(after="<p>本网专稿，未经书面授权请勿转载。</p>"),
        "请勿转载",
    ),
    ("pager", dict(after="<div>首页 | 上一页 1 2 下一页 | 尾页</div>"), "尾页"),
    (
        "video player controls",
        dict(
            before="<div>倍速</div><div>2.0X</div><div>高清</div>"
            "<div>播放速度：2X</div><div>00:00/00:00</div>"
        ),
        "倍速",
    ),
    (
        "blog's comments heading naming the post",
        dict(
            body="<div><p>《县政府召开城乡环境整治专题会议》已有1件评论</p>"
            "<p>说得好，支持县里的做法，希望早日见到成效！</p></div>"
        ),
        "说得好",
    ),
    (
        "comment count heading",
        dict(body="<div><p>讨论数量: 2</p><p>说得好，支持县里的做法！</p></div>"),
        "说得好",
    ),
    (
        "empty comments placeholder",
        dict(body="<div class='comments'><p>(=￣ω￣=)··· 暂无内容！</p></div>"),
        "暂无内容",
    ),
    (
        "uploaded-content statement",
        dict(
            after="<p>以上内容（包括图片及视频）为创作者平台用户上传并发布，"
            "本平台仅提供信息存储服务</p><p>不喜欢</p>"
        ),
        "不喜欢",
    ),
    (
        "report form options",
        dict(
            body="<form class='report'>"
            + "".join(
                f"<div class='field'><input type='radio' name='r' value='{i}'>"
                f"<label>理由{i}：恶意灌水、广告、推广、测试、文不对题等内容</label></div>"
                for i in range(12)
            )
            + "</form>"
        ),
        "恶意灌水",
    ),
    ("copyright footer", {}, "版权所有"),
    ("site navigation", {}, "政务公开"),
    (
        "a paper's 【版权声明】 after the text, no colon",
        dict(after="<p>【版权声明】凡注明“来源：丽水日报”“来源：丽水晚报”或“来源：丽水新闻网”的所有作品，"
                   "版权均属于丽水日报报业传媒集团，未经授权不得转载、摘编或利用其它方式使用上述作品。</p>"),
        "版权声明",
    ),
    (
        "bilingual Previous/Next links close the text; English side boxes after them",
        dict(after="<p>Previous 上一篇：开发区召开重点项目推进会</p><p>Next 下一篇：开发区举办人才招聘会</p>"
                   "<h3>Latest News</h3><p>A German automotive parts supplier signed an agreement "
                   "on September 12 to build its second plant in the zone, with an investment of "
                   "80 million euros.</p>"),
        "German automotive",
    ),
]


@pytest.mark.parametrize(
    "name,parts,dropped", SITE_RULES, ids=[r[0] for r in SITE_RULES]
)
def test_site_rule_drops_furniture_and_keeps_text(name, parts, dropped):
    text = text_of(page(**parts))
    assert dropped not in text
    assert all(p in text for p in PARAS)


def test_related_stream_after_a_short_article_is_not_the_article():
    stream = "".join(
        f"<li><p>某地第{i}条推荐新闻的摘要，内容较长，介绍了相关情况和最新进展，"
        f"吸引读者点击阅读全文。</p><span>{i}小时前</span></li>"
        for i in range(12)
    )
    html = page(
        body=f"<div class='stream'><h3>你可能还想看</h3><ul>{stream}</ul></div>"
    )
    text = text_of(html)
    assert all(p in text for p in PARAS) and "推荐新闻" not in text


def test_next_story_appended_below_is_not_the_article():
    """An endless feed: the page's story, then the next one under a headline made
    like the page's own, longer and heavier than the page's story."""
    nxt = "".join(
        f"<p>另一篇报道的第{i}段，讲述了一位歌手的成长经历和家庭生活，篇幅很长，"
        f"内容与本页标题毫无关系，却比本页的新闻长得多。</p>"
        for i in range(10)
    )
    html = (
        "<html><head><title>县政府召开城乡环境整治专题会议_快资讯</title></head><body>"
        f"{NAV}<div class='detail'>"
        "<h1 class='article__title'>县政府召开城乡环境整治专题会议</h1>"
        f"<div class='content'><p>{PARAS[0]}</p></div></div>"
        "<div class='detail recommend'><h1 class='article__title'>歌手的故事</h1>"
        f"<div class='content'>{nxt}</div></div>{FOOTER}</body></html>"
    )
    text = text_of(html)
    assert PARAS[0] in text and "另一篇报道" not in text


def test_text_inside_a_dialog_box_is_not_the_article():
    dialog = "".join(
        f"<p>付费说明第{i}条：余额是钱包充值的虚拟货币，按照一比一的比例抵扣，"
        f"不可提现，可以购买会员和付费专栏。</p>"
        for i in range(4)
    )
    box = f"<div class='ui modal'><div class='modal-content'>{dialog}</div></div>"
    html = page(body=box)
    text = text_of(html)
    assert all(p in text for p in PARAS) and "付费说明" not in text


@pytest.mark.parametrize(
    "text,tail",
    [
        ("相关阅读", True),
        ("相关帖子", True),
        ("【推荐阅读】", True),
        ("网友评论", True),
        ("共63条评论", True),
        ("相关阅读材料显示，今年全县粮食产量稳中有升。", False),
        ("评论员文章：把惠民实事办到群众心坎上", False),
        ("责任编辑：王强", False),
        ("通知公告更多>>", True),            # a side box's header
        ("—往期回顾—", True),
        ("相关解读", True),
        ("相关信息", True),         # a 信息公开 page's list of other notices
        ("相关信息显示，全县今年新增市场主体三千余户。", False),
        ("附件下载：", True),
        ("政策解读", False),        # also a section of an article (【政策解读】)
        ("精彩回顾", False),
        ("往期推荐", True),
        ("— END —", True),
        ("Endless river", False),
        ("相关信件", True),
        ("我们更多地关注群众需求>>", False),
    ],
)
def test_is_tail_heading(text, tail):
    assert R.is_tail_heading(text) is tail


@pytest.mark.parametrize(
    "cls,overlay",
    [
        ("ui modal small report", True),
        ("modal-content", True),
        ("pay-code-tile", True),
        ("login-popup", True),
        ("dialogue-transcript", False),
        ("repay-plan", False),
        ("modal-open", False),
        ("uls-dialog-sticky-hide", False),
        ("article-content", False),
    ],
)
def test_is_overlay(cls, overlay):
    el = parse_html(f"<html><body><div class='{cls}'><p>内容</p></div></body></html>")
    assert is_overlay(el.find(".//div")) is overlay


def test_copyright_notice_above_a_short_post_is_not_the_content():
    post = (
        "<div class='article_content'><p>模型评估代做的说明<br>"
        "1107436458 某某 说明来处 联系方式见个人主页</p></div>"
    )
    notice = (
        "<div class='creativecommons'>版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA "
        "版权协议，转载请附上原文出处链接和本声明。</div>"
    )
    html = (
        "<html><head><title>模型评估代做的说明_博客</title></head><body>"
        f"<h1 class='title-article'>模型评估代做的说明</h1>{notice}{post}</body></html>"
    )
    assert text_of(html) == "1107436458 某某 说明来处 联系方式见个人主页"


def test_channel_page_with_a_short_heading_is_still_an_index_page():
    links = "".join(
        f'<li><a href="/art/{i}.html">某某街道召开第{i}季度安全生产工作例会</a></li>'
        for i in range(20)
    )
    for heading in ("<h1>通知公告</h1>", "<h2>重点领域信息公开工作专栏</h2>"):
        html = (
            "<html><head><title>通知公告_重点领域信息公开工作专栏</title></head><body>"
            f"{heading}<p>本栏目发布本县重点领域信息。</p><ul>{links}</ul></body></html>"
        )
        with pytest.raises(IndexPageError):
            extract_html(html)


def test_short_article_under_its_headline_is_not_an_index_page():
    """A short unpunctuated post on a page with many headline links is an article
    when it follows the page's headline; the same page without it is an index."""
    links = "".join(
        f'<li><a href="/art/{i}.html">某某街道召开第{i}季度安全生产工作例会</a></li>'
        for i in range(30)
    )
    post = "<p>安装依赖检查工具 depcheck</p><pre>npm i -g depcheck</pre>"
    headline = "<h1><div class='pull-left'>解决新项目的依赖报错问题</div></h1>"
    html = (
        "<html><head><title>解决新项目的依赖报错问题 | 技术论坛</title></head><body>"
        f"{headline}<div class='markdown-body'>{post}</div>"
        f"<ul class='list'>{links}</ul></body></html>"
    )
    assert "npm i -g depcheck" in text_of(html)
    with pytest.raises(IndexPageError):
        extract_html(html.replace(headline, ""))


def test_lead_paragraph_in_its_own_box_is_kept():
    html = page().replace(
        "<div class='article-content'>",
        "<div class='lead'><p>导读：全县城乡环境整治进入攻坚阶段，各项任务有序推进。"
        "</p></div><div class='article-content'>",
    )
    assert extract_html(html).paragraphs[0].startswith("导读：")


@pytest.mark.parametrize("wrap", ["{}", "<section><span leaf=''>{}</span></section>",
                                  "<div><section>{}</section></div>"])
def test_schedule_table_is_kept_one_row_per_line(wrap):
    """Each cell's text bare, or in one wrapper inside another (a WeChat editor's
    ``<section>``, Word's ``<div>``): still one row a line."""
    def row(cells, tag="td"):
        return "<tr>" + "".join(f"<{tag}>{wrap.format(c)}</{tag}>" for c in cells) + "</tr>"
    table = ("<table>" + row(["时间", "内容", "责任单位"], "th") + row(["5月10日", "召开动员部署会", "县住建局"])
             + row(["5月20日", "开展集中整治行动", "各乡镇"]) + "</table>")
    lines = extract_html(page(after=table)).paragraphs
    assert "5月10日 召开动员部署会 县住建局" in lines
    assert "5月20日 开展集中整治行动 各乡镇" in lines


@pytest.mark.parametrize("row,schedule", [
    ("6月22日 9:00 开幕式暨文艺演出 稻香广场主舞台", True),
    ("湘菜粤菜 兵分两路 (图) 2005-06-14 03:25:55", False),     # a blog post's header row
    ("6月22日 9:00", False),
])
def test_is_schedule_row(row, schedule):
    assert R.is_schedule_row(row) is schedule


def test_cell_of_two_boxes_is_no_datum():
    from topics.corpus.dom import is_data_row, parse_html

    tr = parse_html("<table><tr><td><div>县住建局</div><div>联系人：王某</div></td>"
                    "<td>召开动员部署会</td></tr></table>").find(".//tr")
    assert not is_data_row(tr)


def test_notice_whose_body_is_mostly_a_table_keeps_the_table_and_signature():
    """One intro paragraph, a table of short rows (each weighs a little below zero:
    no punctuation) and the issuing office: the body does not stop at the table."""
    rows = "".join(f"<tr><td><p>{i}</p></td><td><p>第{i}中学</p></td><td><p>普通高中</p></td>"
                   f"<td><p>{100 * i}</p></td></tr>" for i in range(1, 9))
    html = (
        f"<html><head><meta charset='utf-8'><title>关于公布2024年某某县高中段学校招生计划的通知_某某县教育局</title></head>"
        f"<body>{NAV}<div class='art'><h1>关于公布2024年某某县高中段学校招生计划的通知</h1>"
        "<div id='zoom'><p>根据市、县高中段学校招生工作实施意见，经研究，现将我县2024年"
        "高中段学校招生计划公布如下：</p>"
        f"<table class='MsoNormalTable'><tr><td><p>序号</p></td><td><p>学校名称</p></td>"
        f"<td><p>招生类别</p></td><td><p>招生计划</p></td></tr>{rows}</table>"
        "<p>某某县教育局</p></div><p>相关附件：</p>"
        "<p><a href='/f.pdf'>某某县2024年高中段学校招生工作实施方案.pdf</a></p>"
        f"<div class='art-tool'>分享到：微信 微博【打印本页】【关闭窗口】</div></div>{FOOTER}"
        "</body></html>"
    )
    lines = extract_html(html).paragraphs
    assert lines[0].startswith("根据市、县")
    assert "序号 学校名称 招生类别 招生计划" in lines and "8 第8中学 普通高中 800" in lines
    assert lines[-1] == "某某县教育局"
    signed = extract_html(html.replace("<p>某某县教育局</p>", "<p>某某县教育局</p><p>2024年5月20日</p>")
                          .replace("<div class='art'>", "<div class='art'><p>发布时间：2024-05-21</p>"))
    assert signed.paragraphs[-2:] == ["某某县教育局", "2024年5月20日"]   # text, not the date
    assert signed.date == "2024-05-21"
    body = "<p>" + "为进一步加强安全生产工作，切实保障人民群众生命财产安全，开展专项检查。" * 3 + "</p>"
    menu = "".join(f"<tr><td>{x}</td></tr>" for x in ("热点专题", "乡村振兴", "优化营商环境"))
    after_menu = extract_html(
        f"<html><head><title>关于开展安全生产检查的通知_某某县</title></head><body><div id='wrap'>"
        f"<h1>关于开展安全生产检查的通知</h1><div class='content'>{body * 3}</div>"
        f"<table class='layout'>{menu}</table><div>政务服务</div></div></body></html>")
    assert after_menu.paragraphs[-1].startswith("为进一步")     # a one-column menu is no data
    notice = extract_html(html.replace(f"<table class='MsoNormalTable'>", "<table class='x'>")
                          .split("<table class='x'>")[0] + "<p>某某县教育局</p><p>2024年5月20日</p>"
                          "</div></div>" + FOOTER + "</body></html>")
    assert notice.paragraphs[-2:] == ["某某县教育局", "2024年5月20日"]   # no table before them
    dated = extract_html(
        "<html><head><title>春风化雨，润物无声——记教师张三_某某县</title></head><body>"
        "<div class='top'>2024年6月1日 星期六</div><div class='content'>"
        f"<h1>春风化雨，润物无声——记教师张三</h1><p>2024-05-20 10:30</p>{body * 3}</div></body></html>")
    assert dated.date == "2024-05-20" and dated.paragraphs[0].startswith("为进一步")


def test_header_line_goes_into_metadata_not_text():
    got = extract_html(
        page(
            before="<p>来源：某某日报 作者：李华 王明 发布时间：2024-05-15 10:20 点击数：33</p>"
        )
    )
    assert (got.source, got.date, got.authors) == (
        "某某日报",
        "2024-05-15",
        ["李华", "王明"],
    )
    assert not any("来源" in p or "点击数" in p for p in got.paragraphs)


@pytest.mark.parametrize("before,original", [
    ("<p>原标题：《县域医疗“一盘棋” 群众看病少跑腿——我县医共体建设见闻》</p>",
     "《县域医疗“一盘棋” 群众看病少跑腿——我县医共体建设见闻》"),
    ("<p>【原标题】山区县如何让村集体“钱袋子”鼓起来</p>", "山区县如何让村集体“钱袋子”鼓起来"),
])
def test_reprint_original_headline_goes_into_metadata_not_text(before, original):
    got = extract_html(page(before=before))
    assert got.meta["original_title"] == original
    assert not any("原标题" in p for p in got.paragraphs) and list(PARAS) == got.paragraphs


@pytest.mark.parametrize("before", [
    "<table><tr><th>标　　题：</th><td>县政府召开城乡环境整治专题会议</td></tr></table>",  # 信息公开 header row
    "<p>县政府召开城乡环境整治<br>专题会议</p>",          # a headline broken in two lines
    "<table><tr><th>名　　称：</th><td>县政府召开城乡环境整治专题会议</td></tr></table>",  # or 名　称：
    "<table><tr><th>标　　题：</th><td>县政府召开城乡环境整治专题会议</td></tr></table>"
    "<h2>县政府召开城乡环境整治专题会议</h2>",                # the label row and the headline
])
def test_headline_repeated_in_the_body_in_another_form_is_dropped(before):
    got = extract_html(page(before=before))
    assert got.paragraphs == list(PARAS)


LEAD = PARAS[0]
SUMMARY_CASES = [   # (description, what is above the body, dropped)
    ("", f"<div class='intro'>{LEAD[:30]}</div>", True),                 # the lead's start again
    (LEAD[:25] + "，召开专题会议。", f"<div class='intro'>内容提要：{LEAD[:25]}，召开专题会议。</div>", True),
    (LEAD[:12] + "，部署整治重点。", f"<div class='summary'>{LEAD[:12]}，部署整治重点。</div>", True),
    ("记者走进县城，看到整治成效正在显现……", "<div class='intro'>记者走进县城，看到整治成效正在显现……</div>",
     True),                             # a teaser cut with ……, the description's
    ("县政府召开专题会议。", "<p>记者走进县城，看到整治成效正在显现……</p>", False),
    ("县政府近日召开专题会议，研究部署下一阶段城乡环境整治重点工作任务。",
     "<div class='intro'>县政府近日召开专题会议，研究部署下一阶段城乡环境整治重点工作任务。</div>",
     True),                             # the description in a box, which the lead restates
    ("古桥修缮工程于今年春天完工，石拱桥重新向游人开放。",
     "<div class='lead'>古桥修缮工程于今年春天完工，石拱桥重新向游人开放。</div>",
     False),                            # a lead box the text does not repeat: it stays
    (LEAD, "", False),                  # the description is the lead itself: it stays
    (LEAD[:12] + "，部署整治重点。", "<p>乡镇的整治任务已经分解到村，部署整治重点。</p>", False),
]


@pytest.mark.parametrize("description,before,dropped", SUMMARY_CASES)
def test_summary_box_repeating_the_lead_is_dropped(description, before, dropped):
    head = (f"<title>县政府召开城乡环境整治专题会议</title>"
            f"<meta name='description' content='{description}'>")
    got = extract_html(page(head=head, before=before)).paragraphs
    assert got[-3:] == list(PARAS)
    assert (got == list(PARAS)) is (dropped or not before)


def test_sentence_naming_an_original_headline_is_text():
    line = "该文原标题为《山区县如何让村集体钱袋子鼓起来》，刊发后引起广泛关注。"
    assert line in extract_html(page(after=f"<p>{line}</p>")).paragraphs


def test_gov_document_header_fields():
    header = (
        "<table class='xxgk'><tr><td>索引号：001008003/2024-00123</td>"
        "<td>主题分类：城乡建设</td></tr>"
        "<tr><td>发文机关：某某县人民政府</td><td>文号：某政发〔2024〕5号</td></tr>"
        "<tr><td>发布日期：2024-05-16</td><td>成文日期：2024-05-10</td>"
        "<td>发文日期：2024-05-12</td></tr></table>"
    )
    got = extract_html(page(before=header))
    assert got.meta["written"] == "2024-05-10" and got.meta["issued"] == "2024-05-12"
    info = R.gov_fields("发布日期：2024-09-20 信息来源：新市镇 访问次数： 字号：[ 大 中 小 ]")
    assert info == {"published": "2024-09-20", "info_source": "新市镇"}
    spaced = R.line_fields("文　　号： 甘政发〔2024〕21号 成文日期： 2024-06-12")
    assert spaced == {"doc_no": "甘政发〔2024〕21号", "written": "2024-06-12"}  # not a 日期： line
    # a catalogue's field alone on its row is a header field; a sentence is not
    assert R.line_fields("有效性： 有效") == {"validity": "有效"}
    assert R.line_fields("文号： 关键词： 医疗保险 参保缴费") == {"keywords": "医疗保险 参保缴费"}
    assert not R.is_gov_header("有效性：经审查，该文件继续有效。")
    assert got.meta["index_no"] == "001008003/2024-00123"
    assert got.meta["issuer"] == "某某县人民政府"
    assert got.meta["doc_no"] == "某政发〔2024〕5号"
    assert got.meta["published"] == "2024-05-16" and got.meta["category"] == "城乡建设"
    assert not any("索引号" in p or "文号" in p for p in got.paragraphs)


@pytest.mark.parametrize("row,fields", [
    ("索 引 号： 014122375/2024-00046 分　　类： 政策解读", {"index_no": "014122375/2024-00046"}),
    ("有 效 性： 有效 统一登记号： LFDR-2024-00007", {"validity": "有效", "registration_no": "LFDR-2024-00007"}),
    ("解读类型： 部门解读 解读人： 县人社局就业促进科", {"interpretation": "部门解读", "interpreter": "县人社局就业促进科"}),
])
def test_gov_header_rows_spaced_to_their_cells(row, fields):
    assert R.is_gov_header(row)
    assert R.line_fields(row) == fields
    assert not any(v in "\n".join(extract_html(page(before=f"<p>{row}</p>")).paragraphs)
                   for v in fields.values())


def thread_page() -> str:
    posts = [
        (
            "老张",
            "请问社区的便民服务中心周末开门吗？想去办理居住证，不知道需要带哪些材料。",
        ),
        ("社区小李", "周六上午开门，带身份证和租房合同即可，别忘了提前在网上预约。"),
        ("王阿姨", "我上周去办过，人不多，大概二十分钟就办好了，工作人员很耐心。"),
    ]
    items = "".join(
        f"<div class='post'><div class='author'><a href='/u/{i}'>{u}</a></div>"
        f"<div class='meta'>2024-05-{i + 10} 09:3{i}</div>"
        f"<div class='message'><p>{m}</p></div>"
        f"<div class='actions'><a>点赞</a> <a>回复</a> <a>举报</a></div>"
        f"<div>{i + 3}个评论</div></div>"
        for i, (u, m) in enumerate(posts)
    )
    return (
        f"<html><head><title>便民服务中心周末开门吗_社区论坛</title></head><body>{NAV}"
        f"<h1>便民服务中心周末开门吗</h1><div class='thread'>{items}</div>{FOOTER}</body></html>"
    )


def test_thread_keeps_an_offices_signed_reply_and_drops_its_rating_log():
    """A department posting its reply signs it with its own name (which recurs as
    the poster's) and a date: both stay. A post's rating log (Discuz ``dl.rate``) and
    the ``电梯直达`` box are furniture."""
    posts = [("石塘村民", "城南大道丰收路口到石塘村这段路坑坑洼洼大半年了，下雨天积水严重，什么时候修？", ""),
             ("松川县交通运输局", "您好！该路段维修工程已列入今年计划，将于6月底前完成路面修复，感谢您的监督。",
              "<div align='right'>松川县交通运输局</div><div align='right'>2024年5月17日</div>"),
             ("老街口的风", "终于有回音了，希望按时完工，到时候我们再来看看效果。", "")]
    rate = ("<dl id='ratelog_2' class='rate'><table class='ratl'><tr><th>参与人数 6</th><th>威望 +6</th></tr>"
            "<tr><td><a href='/u/9'>老街口的风</a></td><td>+ 1</td><td>赞一个！</td></tr></table></dl>")
    items = "".join(
        f"<div class='post'><div class='authi'><a href='/u/{i}'>{u}</a></div>"
        f"<div class='meta'>发表于 2024-05-{i + 15} 09:3{i}</div>"
        f"<div class='t_f'>{m}{sign}</div>{rate if i == 1 else ''}</div>"
        for i, (u, m, sign) in enumerate(posts))
    html = (f"<html><head><title>这段路什么时候修_松川论坛</title></head><body>{NAV}"
            f"<div class='pgs'><label>电梯直达</label></div>"
            f"<h1>这段路什么时候修</h1><div id='postlist'>{items}</div>{FOOTER}</body></html>")
    got = extract_html(html).paragraphs
    assert got == [posts[0][1], posts[1][1], "松川县交通运输局", "2024年5月17日", posts[2][1]]


def test_thread_drops_a_posters_panel_a_quote_and_the_rating_heading():
    """Discuz: the poster's panel (``td.pls`` with ``dl.pil`` 认证 lines), a reply's
    quote of an earlier post (``div.quote > blockquote`` opening with its 发表于
    header), the ``h3.psth`` 评分 heading and 快速回复 are no post's text; the reply's
    own words stay."""
    first = "锦绣花园北门晚上十点后还在施工，噪音很大，孩子没法睡觉，请有关部门管一管。"
    official = "您反映的问题已收悉，街道已责成施工单位晚上十点后停止施工，感谢您的监督。"
    reply = "今晚果然安静了，感谢街道的及时处理，希望能一直坚持下去。"
    def post(n, name, body, panel=""):
        return (f"<div id='post_{n}'><table class='plhin'><tr><td class='pls'><div class='authi'>{name}</div>"
                f"{panel}</td><td class='plc'><div class='authi'>{name} 发表于 2024-5-{n + 8} 16:20 | 只看该作者</div>"
                f"<div class='t_f'>{body}</div></td></tr></table></div>")
    panel = "<dl class='pil cl'><dt>认证</dt><dd>东湖街道办事处官方账号</dd></dl>"
    rate = "<h3 class='psth xs1'>评分</h3>"
    quote = (f"<div class='quote'><blockquote>东湖街道办事处 发表于 2024-5-9 16:20<br>"
             f"{official[:20]} ...</blockquote></div>")
    html = (f"<html><head><title>北门夜间施工噪音扰民_东湖论坛</title></head><body>{NAV}"
            "<h1>北门夜间施工噪音扰民</h1><div id='postlist'>"
            + post(0, "锦绣居民", first) + post(1, "东湖街道办事处", official + rate, panel)
            + post(2, "锦绣居民", quote + reply) + f"<div class='fastre'>快速回复</div></div>{FOOTER}</body></html>")
    assert extract_html(html).paragraphs == [first, official, reply]


def test_recurring_comment_button_is_not_the_end_of_a_thread():
    """``评论`` under every reply is a button; names that recur in a thread are not
    text; a subheading that a table of contents names first is kept in an article."""
    replies = [
        ("香樟树", "想听听关于生物医药类专利的改写，最好能讲讲权利要求怎么写。"),
        ("知产人李鑫", "可惜，我对生物医药的不怎么熟悉啊，机械类的会有。"),
        ("香樟树", "那期待机械类的，顺便讲讲说明书附图的常见问题。"),
        ("知产人李鑫", "好的，会放在第二期里，软件类的也会有。"),
    ]
    items = "".join(
        f"<li class='reply'><div class='user'>{u}</div><div class='body'><p>{m}</p></div>"
        "<div class='bar'>评论</div></li>"
        for u, m in replies
    )
    html = (
        "<html><head><title>专利直播课程征集_论坛</title></head><body>"
        "<h1>专利直播课程征集</h1><ul class='replies'>" + items + "</ul></body></html>"
    )
    lines = extract_html(html).paragraphs
    assert [x for x in lines if "香樟树" in x or "评论" == x] == []
    assert sum("会有" in x or "期待" in x or "第二期" in x for x in lines) == 3
    # an article in sections, each a box made alike, headings named by a contents
    # list first: not a thread, nothing dropped
    heads = ["（一）总体要求", "（二）重点任务", "组织保障"]
    toc = "".join(f"<p>{h}</p>" for h in heads)
    parts = "".join(
        f"<div class='part'><p>{h}</p><p>{p}</p></div>" for h, p in zip(heads, PARAS)
    )
    html = page().replace("".join(f"<p>{p}</p>" for p in PARAS), toc + parts)
    assert all(text_of(html).count(h) == 2 for h in heads)
    # a heading that recurs ends an article at the comments, thread or not
    comments = "<div><h3>网友评论</h3><p>说得好，支持县里的做法，希望早日见到成效！</p>"
    assert "说得好" not in text_of(page(body=comments + "<p>网友评论</p></div>"))


def test_forum_thread_keeps_every_post_and_drops_post_furniture():
    lines = extract_html(thread_page()).paragraphs
    assert len(lines) == 3 and lines[1].startswith("周六上午开门")
    assert not any(w in "".join(lines) for w in ("点赞", "举报", "个评论", "2024-05"))


@pytest.mark.parametrize(
    "text,furniture",
    [
        ("点赞 回复 举报", True),
        ("4个评论", True),
        ("阅读 1562赞 47分享在看 19", True),          # a WeChat article's reading bar
        ("在看", True),
        ("仅看楼主", True),
        ("7464", True),
        ("9 天 后", True),
        ("发布 #4 2023年10月11日 08点37分", True),
        ("2024-04-07 13:19:20 贵州", True),
        ("一、主要工作", False),
        ("会议于2024年5月7日召开，研究部署相关工作。", False),
        ("查看：1263|回复：2", True),               # a Discuz thread's counters
        ("【官方回复】", True),
        ("本帖最后由 衢江边老陈 于 2024-5-16 21:15 编辑", True),   # a Discuz edit stamp
        ("本帖最后由版主编辑，请大家注意。", False),
        ("14主题146帖子388积分", False), ("中级会员", False),    # a user's panel: threads only
        ("查看：现场情况良好。", False), ("会员单位要遵守规定。", False),
    ],
)
def test_is_post_furniture(text, furniture):
    assert R.is_post_furniture(text) is furniture


@pytest.mark.parametrize("text,heading", [
    ("网友评论", True), ("读者留言（摘编）", False), ("网友留言（2024年4月12日）", False),
    ("网友评论：（只显示最新10条。评论内容只代表网友观点，与本站立场无关！）", True),
    ("网友评论了这次活动，认为组织得很好。", False),
    ("以下留言经筛选后显示", True), ("精选留言", True), ("写留言", True),
    ("以下留言经筛选后将在三个工作日内答复。", False),
])
def test_is_comments_heading(text, heading):
    assert R.is_comments_heading(text) is heading


@pytest.mark.parametrize("text,panel", [
    ("14主题146帖子388积分", True), ("3 主题 38 帖子 97 积分", True), ("中级会员", True),
    ("官方认证", True), ("136积分", False), ("管理员负责账号分配。", False),
    ("威望：4 点", False),                  # a phpwind panel's field: panel_fields
])
def test_is_user_panel(text, panel):
    """A forum user's panel beside each post, dropped in threads only (elsewhere
    ``管理员`` may head a section and ``136积分`` be a village's points table)."""
    assert R.is_user_panel(text) is panel


@pytest.mark.parametrize("text,fields", [
    ("威望：4 点", 1), ("金钱：111铜板\n贡献值：1点", 2), ("级别：侠客\n发帖：561", 2),
    ("本帖最近评分记录：", 2), ("南市小王 威望 +1 03-15 22:11 好问题，顶上去", 1),
    ("威望：用于衡量会员在论坛的声望，版主可以给优质帖子加分。", 0), ("积分：每发一帖加2分", 0),
    ("注册时间：2019-3-2", 1), ("发帖：37\n这条路确实该修了，大家一起反映。", 0),
    ("发表主题：积分+2，金钱+5", 0),
])
def test_panel_fields(text, fields):
    """A phpwind poster's panel lines (dropped in threads when two or more stand
    together; one alone may be a listing's ``级别：紧凑型车`` or a card's 积分)."""
    assert R.panel_fields(text) == fields


# -- metadata table -----------------------------------------------------------------
TITLE = "县政府召开城乡环境整治专题会议"
META_CASES = [
    ("h1 inside <title> with site suffix", page(), TITLE),
    (
        "<title> minus _新浪网",
        page(head=f"<title>{TITLE}_新浪网</title>")
        .replace("<h1>", "<p>")
        .replace("</h1>", "</p>"),
        TITLE,
    ),
    (
        "<title> minus -搜狐财经",
        page(head=f"<title>{TITLE}-搜狐财经</title>")
        .replace("<h1>", "<div>")
        .replace("</h1>", "</div>"),
        TITLE,
    ),
    (
        "<title> minus ' - 维基百科'",
        page(head=f"<title>{TITLE} - 维基百科，自由的百科全书</title>")
        .replace("<h1>", "<b>")
        .replace("</h1>", "</b>"),
        TITLE,
    ),
    (
        "og:title over the site logo h1",
        page(
            head=f"<title>某某县人民政府</title><meta property='og:title' content='{TITLE}'>"
        ).replace(f"<h1>{TITLE}</h1>", "<h1>某某县人民政府</h1>"),
        TITLE,
    ),
    (
        "a school's name before -- is the site, not the headline",
        page(head=f"<title>长兴县实验小学--{TITLE}</title>")
        .replace("<h1>", "<td class='main_ArticleTitle'><b>")
        .replace("</h1>", "</b></td>"),
        TITLE,
    ),
    (
        "a dash between numbers is a range, not a separator",
        page(head="<title>2024年1—5月重大项目建设进展情况—某某县人民政府</title>")
        .replace(f"<h1>{TITLE}</h1>", ""),
        "2024年1—5月重大项目建设进展情况",
    ),
    (
        "never the navigation menu",
        page(head="<title>首页 政务公开 新闻中心 办事服务 互动交流</title>"),
        TITLE,
    ),
    (
        "a headline in an element named as a title, not the <title>'s first words",
        page(head="<title>龙泉新闻网--龙泉—南湖山海协作项目签约_专题</title>")
        .replace(f"<h1>{TITLE}</h1>",
                 "<div class='newstitle'>龙泉—南湖山海协作项目签约</div>"),
        "龙泉—南湖山海协作项目签约",
    ),
    (
        "a <title> of names only (site, channel) and a titled headline",
        page(head="<title>浦江县图书馆--读者活动--活动预告</title>")
        .replace(f"<h1>{TITLE}</h1>", "<h3>读者活动</h3><div class='tit'>少儿暑期阅读季活动预告</div>"),
        "少儿暑期阅读季活动预告",
    ),
    (
        "of elements named as a title, the longest: a side box's title is shorter",
        page(head="<title>通知公告</title>")
        .replace(f"<h1>{TITLE}</h1>", "<div class='left'><div class='title'>机构职能与领导信息"
                 "</div></div><div class='news_title'>关于开展安全生产检查的通知</div>"),
        "关于开展安全生产检查的通知",
    ),
    (
        "a short headline in the <title> is not lost to the site's name in an h1",
        page(head="<title>秋日田野_某某县人民政府</title>")
        .replace(f"<h1>{TITLE}</h1>", "<h1>某某县人民政府门户网站</h1><h2>秋日田野</h2>"),
        "秋日田野",
    ),
    (
        "a print page's <title> names the site and the print view only",
        page(head="<title>竹山县人民政府门户网站--打印页面</title>")
        .replace(f"<h1>{TITLE}</h1>", f"<div class='ptitle'>{TITLE}</div>"),
        TITLE,
    ),
    (
        "no <title>: the first heading long enough to be a headline, not a box's name",
        page(head="<title></title>")
        .replace(NAV, NAV + "<h2 class='box'>新闻动态</h2>").replace("<h1>", "<h2>").replace("</h1>", "</h2>"),
        TITLE,
    ),
    (
        "a headline holding a separator, as og:title gives it whole",
        page(head="<title>护航“舌尖上的安全”｜县市场监管局开展食堂检查</title>"
                  "<meta property='og:title' content='护航“舌尖上的安全”｜县市场监管局开展食堂检查'>")
        .replace(f"<h1>{TITLE}</h1>", "<h1>护航“舌尖上的安全”｜县市场监管局开展食堂检查</h1>"),
        "护航“舌尖上的安全”｜县市场监管局开展食堂检查",
    ),
    (
        "a Founder e-paper's enpproperty comment",
        page(head="<title>今日仙居</title><!--enpproperty <articleid>1</articleid>"
                  "<date>2024-06-19</date><author>吴梦蝶</author>"
                  "<title>仙居杨梅在川西高原挂果了</title>/enpproperty-->")
        .replace(f"<h1>{TITLE}</h1>", "<td class='font01'>仙居杨梅在川西高原挂果了</td>"),
        "仙居杨梅在川西高原挂果了",
    ),
    (
        "a Founder e-paper's founder-title, beside a longer 副题 in a title cell",
        page(head="<title>今日松阳-数字报刊平台</title>").replace(
            f"<h1>{TITLE}</h1>",
            "<table><tr><td class='bt1'><founder-yinti>深化山海协作 推动共同富裕</founder-yinti></td></tr>"
            "<tr><td class='bt2'><founder-title>山海协作“飞地”再结硕果</founder-title></td></tr>"
            "<tr><td class='bt3'><founder-subtitle>总投资21.6亿元，涵盖茶产业、不锈钢新材料等领域"
            "</founder-subtitle></td></tr></table>"),
        "山海协作“飞地”再结硕果",
    ),
    (
        "a headline that goes on (——副题) where the <title> stops",
        page(head="<title>某某县人民政府门户网站-山海携手结硕果 “飞地”共建添动能</title>").replace(
            f"<h1>{TITLE}</h1>",
            "<span class='arttitle'>山海携手结硕果 “飞地”共建添动能——东坑镇与白峰街道签订结对帮扶协议</span>"),
        "山海携手结硕果 “飞地”共建添动能——东坑镇与白峰街道签订结对帮扶协议",
    ),
    (
        "a <title> that is only an office's name, the headline in a title-named box",
        page(head="<title>某某市生态环境局</title>").replace(
            f"<h1>{TITLE}</h1>", "<div class='con_tit'><h2>上半年我市空气质量优良天数比例达87.3%</h2></div>"),
        "上半年我市空气质量优良天数比例达87.3%",
    ),
    (
        "… but not a heading with a counter glued to it",
        page(head="<title>第二章 失乡号的船长 _《深海余烬》小说在线阅读</title>").replace(
            f"<h1>{TITLE}</h1>", "<h2>第二章 失乡号的船长241</h2>"),
        "第二章 失乡号的船长",
    ),
]


@pytest.mark.parametrize("name,html,title", META_CASES, ids=[c[0] for c in META_CASES])
def test_title(name, html, title):
    assert extract_html(html).title == title


DATE_CASES = [
    (
        "发布时间 line",
        page(before="<p>发布时间：2024-05-15 10:20</p>"),
        None,
        "2024-05-15",
    ),
    (
        "Chinese date line",
        page(before="<div>2024年5月6日 来源：县融媒体中心</div>"),
        None,
        "2024-05-06",
    ),
    (
        "PubDate meta tag",
        page(head="<title>x</title><meta name='PubDate' content='2023-11-02 08:00'>"),
        None,
        "2023-11-02",
    ),
    (
        "article:published_time",
        page(
            head="<meta property='article:published_time' "
            "content='2022-01-20T16:31:00+08:00'>"
        ),
        None,
        "2022-01-20",
    ),
    (
        "date in the URL",
        page(),
        "http://www.example.gov.cn/art/2021/3/9/art_1_2.html",
        None,
    ),
    (
        "date in a news URL",
        page(),
        "http://www.example.cn/20240515/abc/c.html",
        "2024-05-15",
    ),
    (
        "a newspaper's issue date in its masthead",
        page().replace(NAV, "<p class='dt'>2024年06月12日 星期三 第4512期</p>" + NAV),
        None,
        "2024-06-12",
    ),
    (
        "an e-paper's issue date before its page (版面) and the issue links",
        page().replace(NAV, "<div class='ban'>2024年11月13日 星期三 | 第03版：综合新闻 | 上一版 下一版</div>"
                       + NAV + "<ul>" + "".join(f"<li><a href='/b{i}'>第{i:02d}版：要闻</a></li>"
                                                for i in range(1, 21)) + "</ul>"),
        None,
        "2024-11-13",
    ),
    (
        "not a portal's today-is line",
        page().replace(NAV, "<div>今天是：2024年6月1日 星期六</div>" + NAV),
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    "name,html,url,date", DATE_CASES, ids=[c[0] for c in DATE_CASES]
)
def test_date(name, html, url, date):
    assert extract_html(html, url=url).date == date


@pytest.mark.parametrize(
    "line,fields",
    [
        ("来源：人民网 2024-05-15 10:20", {"source": "人民网", "date": "2024-05-15"}),
        (
            "作者：李华 发布时间：2024-05-15",
            {"authors": ["李华"], "date": "2024-05-15"},
        ),
        ("发布时间：2024-05-15 点击数：12", {"date": "2024-05-15"}),
        ("记者 王强 通讯员 李明", {"authors": ["王强", "李明"]}),
        ("新京报记者 彭冲 山东冠县报道", {"authors": ["彭冲"]}),
        ("顶端新闻·河南商报记者马俊峰/文受访者供图", {"authors": ["马俊峰"]}),
        (
            "编辑： 金金 来源： 21世纪经济报道 作者：宋怡 杨志华",
            {"editors": ["金金"], "source": "21世纪经济报道", "authors": ["宋怡", "杨志华"]},
        ),
        ("来源：[ 国际金融报 ]\ue5c2", {"source": "国际金融报"}),
        ("来源：第一财经日报 网友评论 0 条", {"source": "第一财经日报"}),
        ("记者们走进社区，倾听居民的意见。", None),
        ("记者手记", None),
        ("优秀通讯员 张三 李四", None),
        ("基层通讯员 培训班开班", None),
        ("【本报记者 张三 李四】", {"authors": ["张三", "李四"]}),
        (
            "来源：浙江在线 记者 张三 2024-05-15",
            {"source": "浙江在线", "date": "2024-05-15", "authors": ["张三"]},
        ),
        ("[2024-05-15]", {"date": "2024-05-15"}),
        ("公示时间：2024年6月21日至2024年6月27日（5个工作日）。", None),   # a sentence of a notice
        ("2024-10-12 09:16:04发布人：上溪村村务监督委员会阅读128点赞9",   # spans without gaps
         {"source": "上溪村村务监督委员会", "date": "2024-10-12"}),
        ("发布人：张小明 发布时间：2024-01-02", {"authors": ["张小明"], "date": "2024-01-02"}),
        ("作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30",
         {"authors": ["zboygirl"], "date": "2005-07-31"}),          # counters are no names
        (
            "会议指出，来源：各地报送的材料显示，全县今年以来共完成整治项目一百二十个，成效明显，群众普遍满意。",
            None,
        ),
    ],
)
def test_header_fields(line, fields):
    assert R.header_fields(line) == fields


@pytest.mark.parametrize("line, schedule", [
    ("坐诊时间：6月15日（周六）上午8:30—12:00", True),     # when the experts come: text
    ("活动时间：每周三下午", True),
    ("报名日期：6月20日至6月25日", True),
    ("发布时间：2024-06-20", False),                       # the page's own dates
    ("创建时间：6月20日", False),
    ("来信时间：6月20日", False),
    ("活动时间：2024年6月20日", False),                    # a full date may be the page's
    ("时间：6月15日上午", True),                           # a bare label beside 地点：… (review17 s02)
    ("回帖时间：06-13 07:55", False),                      # a post's timestamp (review17 s03)
    ("二、笔试时间：6月22日（星期六）上午9:00—11:30", True),  # after a list number (review17 s01)
    ("办公时间：工作日 8:30-12:00", False),                 # an office's hours: its contact box
])
def test_schedule_time(line, schedule):
    assert R.is_schedule_time(line) is schedule


def test_authors_from_bylines_not_from_a_menu():
    menu = "<div><a href='/a'>记者调查</a> <a href='/b'>民意调查</a></div>"
    html = page(before="<p>本报记者 张晓明 通讯员 李华</p>").replace(NAV, NAV + menu)
    got = extract_html(html)
    assert got.authors == ["张晓明", "李华"] and "张晓明" not in "".join(got.paragraphs)
    closing = page(after="<p>全县已完成整治项目一百二十个。（王强 陈静）</p>")
    assert extract_html(closing.replace(NAV, NAV + menu)).authors == ["王强", "陈静"]
    edited = extract_html(page(after="<p>责任编辑：刘洋</p>"))
    assert edited.meta["editors"] == ["刘洋"] and edited.authors == []
    linked = "<div class='info'>来源：<a href='http://www.people.com.cn'>人民网</a></div>"
    assert extract_html(page().replace(NAV, NAV + linked)).source == "人民网"
    tagged = page(after="<p>全县已完成整治项目。（王强 陈静）</p>").replace(
        "</head>", "<meta name='author' content='李明'></head>"
    )
    assert extract_html(tagged).authors == ["李明"]  # the page's own tag first
    footer = ("<table><tr><td>编辑：金金</td><td>来源：某某日报</td><td>作者：宋怡 杨志华</td></tr>"
              "</table><div><h3>相关新闻</h3><p>作者：王五</p></div>")
    below = extract_html(page(body=footer))     # fields printed under the text, outside it
    assert below.authors == ["宋怡", "杨志华"] and below.source == "某某日报"
    assert below.meta["editors"] == ["金金"] and "宋怡" not in "".join(below.paragraphs)
    above = extract_html(page(before="<p>作者：张晓明</p>", body=footer))
    assert above.authors == ["张晓明"]          # a byline above the text wins


def test_a_page_with_a_dialog_open_is_still_read():
    html = page().replace("<body>", "<body class='modal-open'>")
    assert all(p in text_of(html) for p in PARAS)


@pytest.mark.parametrize(
    "paragraph,names",
    [
        ("过一个平安、祥和、温馨、廉洁的新春佳节。（常书香 马丹阳 ）", ["常书香", "马丹阳"]),
        ("所有的改革难道不都是利益再分配的过程吗？”（姚峰 上海报道）", ["姚峰"]),
        ("会议由县长主持。（记者 张三 通讯员 李四）", ["张三", "李四"]),
        ("据新华社电。（新华社）", []),
        ("现场气氛热烈。（李华 摄）", []),
        ("本次活动共有三百人参加（完）", []),
        ("附件：某某县城乡环境整治实施方案（试行）", []),
        ("关于印发工作方案的通知（征求意见稿）", []),
        ("全镇共清理垃圾三百吨。（城关镇）", []),
        ("会议传达了有关精神。（乡政府 张三）", []),
        ("共同推进工作落实。（待续）", []),
        ("（总台央视记者 奚丹霓 张赛）", ["奚丹霓", "张赛"]),
    ],
)
def test_trailing_byline(paragraph, names):
    assert R.trailing_byline(paragraph) == names


@pytest.mark.parametrize(
    "text,widget",
    [
        ("【字体：大 中 小】", True),
        ("点击蓝字关注我们", True),                 # WeChat articles
        ("点击蓝字 关注我们", True),
        ("长按识别二维码 关注“柳湖发布”", True),
        ("长按识别二维码", True),
        ("长按识别二维码即可报名参加活动。", False),
        ("已无更多数据", True),
        ("您需要 登录 后才可以回帖，没有帐号？注册", True),      # a forum's login prompt
        ("您需要登录后才可以办理此项业务，请先实名注册账号并完成认证。", False),
        ("已无更多数据可供分析。", False),
        ("分享·收藏·点赞·在看", True),
        ("#医养结合#重阳节", True),
        ("#洞窟艺术", False),                       # a heading marked up with #
        ("文字：党委办公室陈思琪", True),
        ("文字是文化的载体，我们要保护。", False),
        ("字号：大 中 小", True),
        ("【打印】 【关闭】", True),
        ("上一篇：县领导调研", True),
        ("点击数：35", True),
        ("责任编辑：刘洋", True),
        ("分享到：", True),
        ("扫一扫在手机打开当前页", True),
        ("本文链接：https://www.example.cn/a/2024/0515/c1.html", True),
        ("本页地址：http://www.example.gov.cn/c01/20240511/i3354412.html", True),
        ("【打印】【关闭】 关注“某某组工”微信公众号", True),
        ("附件：", True),
        ("您是本文第154个阅览者", True),
        ("供稿：镇社会事务办", True),
        ("http://www.example.gov.cn/xxgk/t20240614_1.shtml 某某县人民政府门户网站", True),
        ("https://github.com/example/flarum-ext-filter-plus", False),      # a post's link
        ("https://example.com/a 详见附件，请各单位按时报送材料。", False),
        ("您是第3位发言的居民代表，请简要说明诉求。", False),
        ("附件：1.某某镇防汛工作方案", False),
        ("欢迎关注本站微信公众号获取更多资讯，街道将持续推进", False),
        ("关注青少年心理健康，请扫码关注公众号", False),
        ("页面地址：www.example.gov.cn/bm/，欢迎广大群众登录查询。", False),
        ("播报文章", True),
        ("调查问题加载中，请稍候。", True),
        ("若长时间无响应，请刷新本页面", True),
        ("阅读剩余全文（）", True),
        ("展开剩余85%", True),
        ("加载中的数据显示，全县共有三百个项目。", False),
        ("美丽乡村正在加载中", False),
        ("春天加载中", False),
        ("暂无评论", True), ("没有任何评论", True),
        ("(=￣ω￣=)··· 暂无内容！", True),
        ("暂无数据表明该政策已全面落地。", False),
        ("编辑部召开会议，研究部署下半年工作。", False),
        ("会议要求打印材料分发到各村。", False),
    ],
)
def test_is_widget(text, widget):
    assert R.is_widget(text) is widget


@pytest.mark.parametrize("text,footer", [
    ("主办单位：某某县人民政府办公室 承办单位：某某县大数据发展管理局", True),
    ("主办单位 某某县人民政府", True),
    ("联系我们 | 网站地图 | 免责声明", True),
    ("转载申请事宜以及报告非法侵权行为，请联系我们：010-56807194", True),
    ("版权所有：某某县人民政府 浙ICP备12345678号", True),
    ("近期我市持续高温，请各承办单位密切关注供水供电、防暑降温等方面的群众诉求。", False),
    ("本次大赛由县文旅局主办，承办单位为各乡镇文化站，技术支持来自县融媒体中心。", False),
])
def test_is_copyright(text, footer):
    assert R.is_copyright(text) is footer


def test_title_segments_longest_first():
    assert title_segments("标题很长的一篇报道_频道_新浪网")[0] == "标题很长的一篇报道"
    # a headline ending in 医院 or 小学 is still the headline
    assert title_segments("县委书记调研县人民医院 - 长兴发布")[0] == "县委书记调研县人民医院"
    assert title_segments("市领导走访慰问实验小学_教育新闻_某某县教育局")[0] == "市领导走访慰问实验小学"
    assert title_segments("1——5月项目进展——某某县人民政府") == ["1——5月项目进展", "某某县人民政府"]
    assert title_segments("今日缙云数字报-“共富工坊”开进深山村")[0] == "“共富工坊”开进深山村"  # an e-paper's name
    assert date_from_url("http://x.cn/2024-05/15/c_1.htm") == "2024-05-15"


# -- index pages and page identity --------------------------------------------------
def index_page() -> str:
    items = "".join(
        f'<li><a href="/art/{i}.html">某某街道召开第{i}季度安全生产工作例会</a>'
        f"<span>2024-05-{i % 28 + 1:02d}</span></li>"
        for i in range(40)
    )
    return (
        f"<html><head><title>工作动态_某某街道</title></head><body>{NAV}"
        f"<ul class='list'>{items}</ul>{FOOTER}</body></html>"
    )


def test_index_page_is_reported():
    with pytest.raises(IndexPageError, match="index page: 40 headline links"):
        extract_html(index_page())
    contacts = "".join(f"<p>{n}：0577-6758{i}234</p>" for i, n in enumerate(
        ["人社服务热线", "就业服务中心", "社保中心", "劳动监察大队", "人事考试中心", "档案室"]))
    with pytest.raises(IndexPageError):      # a box of phone numbers beside the list
        extract_html(index_page().replace("</ul>", f"</ul><div class='box'>{contacts}</div>"))


SIDE_PROFILE = (
    "<table class='lbox'><tr><td class='ltitle'>镇情简介</td></tr><tr><td class='lcon'>"
    "某某镇位于县境西北部，总面积约87平方公里，下辖21个行政村和2个社区，户籍人口6.8万人，"
    "是省级中心镇和全国重点镇，素有“鱼米之乡”的美誉。近年来，该镇坚持工业强镇、"
    "农业稳镇、旅游兴镇，先后获得省级美丽城镇样板镇、省级森林城镇等荣誉称号。</td></tr></table>"
    "<table class='lbox'><tr><td class='ltitle'>便民电话</td></tr><tr><td class='lcon'>"
    "镇便民服务中心：0574-62181234</td></tr></table>"
)


@pytest.mark.parametrize("line,pager", [
    ("共 236 条记录 当前第 1/20 页 首页 上一页 1 2 3 4 5 … 下一页 尾页 跳转到 页 GO", (236, 0)),
    ("首页上页1234...13下页尾页共126条1/13", (126, 0)),
    ("共 9页176条记录", (0, 9)),
    ("共 426 条记录 每页 15 条 页次：1/29 首页上一页1234567…29下一页尾页 转到第页", (426, 0)),
    ("第一条 为规范村级工程项目管理，共5页。", None),
    ("本次行动共排查国省道、县乡道路，全县共36条道路存在安全隐患。", None),
    ("网友留言（共28条）", None),
])
def test_list_pager(line, pager):
    assert R.list_pager(line) == pager


@pytest.mark.parametrize("pager,index", [
    ("<div class='pagelist'>首页 上一页 1 2 3 下一页 尾页 共286条</div>", True),
    ("<div class='pagelist'>共 9 页 首页 上一页 1 2 下一页</div>", True),
    ("<div class='comments'>共3条评论</div>", False),
    ("<div class='pagelist'>共 2 页</div>", False),
    ("", False),
])
def test_paged_list_beside_a_side_box_is_an_index_page(pager, index):
    """A column list (a dozen dated links, a pager counting its records) beside a
    town profile: the profile's prose is no article."""
    items = "".join(f"<li><a href='/n/{i}.html'>关于第{i}批项目</a><span>[2024-01-0{i % 9 + 1}]</span></li>"
                    for i in range(1, 17))
    html = (f"<html><head><title>通知公告</title></head><body>{NAV}"
            f"<table><tr><td class='left'>{SIDE_PROFILE}</td>"
            f"<td class='right'><ul>{items}</ul>{pager}</td></tr></table>{FOOTER}</body></html>")
    if index:
        with pytest.raises(IndexPageError):
            extract_html(html)
    else:
        assert "某某镇位于县境西北部" in text_of(html)


def test_list_kept_in_a_script_data_block_is_an_index_page():
    """A Hanweb column whose list is only in ``<script type="text/xml"><datastore>``
    records, beside a lead summary: an index page; a page with two records is not."""
    def records(n):
        return "".join(f"<record><![CDATA[<li><a href='/art/{i}.html'>市场监管局开展第{i}次专项检查"
                       f"</a><span>2024-06-0{i % 9 + 1}</span></li>]]></record>" for i in range(n))
    lead = ("<div class='toutiao'><p>6月13日至14日，市市场监管局组织执法人员对全市大中型商超、"
            "粽子生产企业和农贸市场开展节前食品安全专项检查，共检查经营主体126家。</p></div>")
    def html(n):
        return (f"<html><head><title>工作动态</title></head><body>{NAV}{lead}"
                f"<div id='list'><script type='text/xml'><datastore><recordset>{records(n)}"
                f"</recordset></datastore></script></div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError, match="index page: 15 headline links"):
        extract_html(html(15))
    assert "共检查经营主体126家" in text_of(html(2))


def test_links_to_the_neighbouring_stories_close_the_article():
    """Text after ``上一篇/下一篇`` (a side box of project summaries in the same
    layout box) is not the article's."""
    side = ("<div class='side'><h4>“红马甲”安全用电守护行动</h4>"
            "<p>面向全县独居、空巢及高龄老人家庭，每季度开展一次上门用电安全检查，免费更换老化线路。</p>"
            "<p>组织百姓名嘴、乡贤能人等宣讲员，利用农闲时节在祠堂、院坝开设“板凳课堂”。</p></div>")
    pn = ("<div class='pn'><div>上一篇：<a href='/1.html'>太白镇开展敬老月志愿服务活动</a></div>"
          "<div>下一篇：<a href='/2.html'>秋口镇开展移风易俗文艺巡演</a></div></div>")
    text = text_of(page(after=pn + side))
    assert text.endswith(PARAS[-1]) and "板凳课堂" not in text


def test_two_side_boxes_each_under_its_name_are_no_thread():
    """Side boxes (a name, then links; a name, then project summaries) beside an
    article are not a forum thread's posts, so ``上一篇/下一篇`` still closes the
    article: the reporter line ends it (its names become the authors), the boxes
    stay out."""
    projects = "".join(
        f"<div class='proj'><h4>“{name}”志愿服务项目</h4><p class='org'>实施单位：县{name}志愿服务队</p>"
        f"<p class='desc'>面向全县独居、空巢及高龄老人家庭，每季度开展一次{name}上门服务，"
        f"并建立服务台账，实现重点对象全覆盖。</p><a href='#'>我要点单</a></div>"
        for name in ("红马甲", "板凳课堂", "书香童年"))
    side = (
        "<div class='detail-side'><div class='side-card'><div class='sc-tit'>最新动态</div><ul>"
        + "".join(f"<li><a href='/n/{i}'>某某镇开展第{i}次志愿服务活动</a></li>" for i in range(5))
        + f"</ul></div><div class='side-card'><div class='sc-tit'>志愿服务项目</div>{projects}</div></div>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAS) + "<p>（通讯员 詹丽萍 俞晓东）</p>"
    html = (f"<html><head><title>敬老月志愿服务</title></head><body>{NAV}<div class='page-detail'>"
            f"<div class='detail-main'><h1>某某镇开展敬老月系列志愿服务活动</h1>"
            f"<div class='detail-body'>{body}</div><div class='detail-editor'>责任编辑：汪小琴</div>"
            "<div class='detail-pn'><div>上一篇：<a href='/1.html'>太白镇开展敬老月志愿服务活动</a></div>"
            "<div>下一篇：<a href='/2.html'>秋口镇开展移风易俗文艺巡演</a></div></div>"
            f"</div>{side}</div>{FOOTER}</body></html>")
    got = extract_html(html)
    assert got.paragraphs[-1] == PARAS[-1] and got.authors == ["詹丽萍", "俞晓东"]
    assert not any("实施单位" in p for p in got.paragraphs)


def test_short_article_under_its_headline_beside_a_longer_profile_box():
    """Three paragraphs under the page's ``<h1>``, then 上一篇/下一篇, then a side
    widget whose community profile is longer than the article: the article is read."""
    profile = "".join(
        f"<p>{x}社区成立于2001年，现有住宅小区7个，居民楼89幢，常住人口5260户、12800余人，"
        "社区党委下设党支部6个，党员298名，先后获得省级老年友好型社区等荣誉。</p>"
        for x in ("文昌", "该", "本", "全"))
    html = (
        "<html><head><title>社区助餐服务升级 – 白云街道文昌社区</title></head><body>"
        f"{NAV}<div id='primary' class='content-area'><main class='site-main'><article class='post'>"
        "<h1 class='entry-title'>社区助餐服务升级</h1><div class='entry-content'>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</div></article><nav><div>上一篇：<a href='/1'>社区开展老年人免费体检活动</a></div>"
        "<div>下一篇：<a href='/2'>志愿队为独居老人安装烟感报警器</a></div></nav></main></div>"
        "<aside id='secondary' class='widget-area'><section class='widget widget_text'>"
        f"<h2 class='widget-title'>社区简介</h2><div class='textwidget'>{profile}</div></section>"
        f"</aside>{FOOTER}</body></html>"
    )
    assert extract_html(html).paragraphs == list(PARAS)


def test_leaders_page_and_site_map_are_index_pages():
    """领导之窗 (a name, 职务 and 工作分工 for each leader) and a 网站地图 with an
    introductory sentence are index pages; one leader's profile is not."""
    leaders = "".join(
        f"<div class='ld'><h3>{name}</h3><p>职务：副县长</p><p>工作分工：负责教育、卫生健康、"
        f"民政方面工作。分管县教育局、县民政局、县卫生健康局。</p></div>"
        for name in ("陈浩然", "王静怡", "林国栋", "应雪峰"))
    html = (f"<html><head><title>领导之窗_某某县人民政府</title></head><body>{NAV}"
            f"<div class='content'>{leaders}</div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    one = leaders.split("</div>")[0] + "</div><p>" + "".join(PARAS) + "</p>"
    assert "工作分工" in text_of(html.replace(leaders, one))
    columns = "".join(f"<dl><dt>{c}</dt>" + "".join(f"<dd><a href='/{c}/{i}'>{c}{i}</a></dd>"
                                                     for i in range(6)) + "</dl>"
                      for c in ("政务公开", "政务服务", "互动交流", "走进西塘"))
    site_map = (f"<html><head><title>某某镇人民政府 网站地图</title></head><body>{NAV}"
                "<div class='content'><p>本网站栏目结构如下，点击栏目名称可直接进入相应页面。</p>"
                f"{columns}</div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(site_map)
    cards = "".join(   # no labels: the post on a line, the duties under it
        f"<li><h4>{name}</h4><p class='zw'>{post}</p><p class='fg'>负责{duty}等方面工作。</p></li>"
        for name, post, duty in (("陆启航", "县委副书记、县长", "政府全面"), ("沈慧敏", "常务副县长", "发展改革、财政"),
                                 ("钟立强", "副县长", "自然资源和规划、交通运输"), ("郎嘉禾", "副县长（挂职）", "山海协作")))
    html = (f"<html><head><title>安吉县人民政府 领导信息</title></head><body>{NAV}"
            f"<div class='content'><ul>{cards}</ul></div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    notice = html.replace("<ul>", "<h1>关于县政府领导同志工作分工调整的通知</h1><ul>").replace(
        "安吉县人民政府 领导信息", "关于县政府领导同志工作分工调整的通知")
    assert "副县长（挂职）" in extract_html(notice).paragraphs        # a notice setting them out


def test_page_of_teachers_cards_is_an_index_page():
    """教师风采: each teacher a linked name, ``任教学科：… 职称：…`` and a bio; one
    teacher's story under its own headline stays an article."""
    cards = "".join(
        f"<article class='hentry'><h2><a href='/t/{i}'>{name}</a></h2><p>任教学科：{subject} 职称：高级教师</p>"
        f"<p>{2003 + i}年起任教，县{subject}学科骨干教师，指导学生在市级以上比赛中多次获奖。</p></article>"
        for i, (name, subject) in enumerate((("周晓岚", "语文"), ("钱立新", "数学"), ("吴佳音", "英语"), ("郑宏", "物理"))))
    html = (f"<html><head><title>教师风采_某某县实验初级中学</title></head><body>{NAV}"
            f"<main><p>学高为师，身正为范。</p>{cards}</main>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    story = ("<h1>周晓岚：让阅读成为习惯</h1><p>任教学科：语文 职称：高级教师</p>"
             + "".join(f"<p>{p}</p>" for p in PARAS))
    one = (f"<html><head><title>周晓岚：让阅读成为习惯_某某县实验初级中学</title></head><body>{NAV}"
           f"<main>{story}</main>{FOOTER}</body></html>")
    assert extract_html(one).paragraphs[-3:] == list(PARAS)


def test_table_layout_keeps_the_headline_column_not_the_column_of_summaries():
    """An old ASP layout: one table, a left cell of recommended articles with their
    summaries, a right cell with the headline and the article. The right cell is read."""
    summaries = "".join(
        f"<tr><td><a href='/a/{i}.html'>龙游商帮：明清“遍地龙游”的传奇{i}</a><br>龙游商帮是明清时期浙江"
        f"最有影响的商帮之一，其足迹遍及全国，有“遍地龙游”之称，商帮以经营书业、纸业著称。</td></tr>"
        for i in range(3))
    paras = [p + p.replace("会议", "大会") for p in PARAS]      # an article longer than the summaries
    body = "".join(f"<p>{p}</p>" for p in paras)
    html = (
        f"<html><head><title>方志里的衢江航运往事_龙游档案史志网</title></head><body>{NAV}"
        "<table width='1000'><tr><td width='240' valign='top'><table>"
        f"<tr><td class='ltit'>推荐文章</td></tr>{summaries}</table></td>"
        "<td valign='top'><table><tr><td class='ctit'>方志里的衢江航运往事</td></tr>"
        f"<tr><td class='cinfo'>作者：徐志远 来源：龙游县档案馆 更新时间：2023-11-20</td></tr>"
        f"<tr><td>{body}</td></tr></table></td></tr></table>{FOOTER}</body></html>"
    )
    assert extract_html(html).paragraphs == paras


def test_list_kept_in_a_scripts_json_beside_a_column_description_is_an_index_page():
    """The list is drawn by a script from ``var listData = {"list": [{"title": …}]}``;
    the page's only text is a sentence describing the column."""
    rows = ", ".join(f'{{"id": {i}, "title": "天荒坪镇召开第{i}次和美乡村建设推进会", '
                     f'"pubDate": "2025-05-{i + 1:02d}"}}' for i in range(15))
    html = (f"<html><head><title>镇村动态</title></head><body>{NAV}<h2>镇村动态</h2>"
            "<p>本栏目发布本镇及各村（社区）的工作动态、重点项目进展和基层治理经验做法，欢迎关注。</p>"
            f"<ul id='list'></ul><script>var listData = {{\"total\": 128, \"pageSize\": 15, "
            f"\"list\": [{rows}]}};</script>"
            f"{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    one = html.replace(rows, rows.split("}, ")[0] + "}")      # one record: a share widget's
    assert extract_html(one).paragraphs[0].startswith("本栏目发布")
    unpaged = html.replace('"total": 128, "pageSize": 15, ', "")   # related news, a gallery
    assert extract_html(unpaged).paragraphs[0].startswith("本栏目发布")


def test_short_article_under_its_headline_beside_a_column_of_tips_above_it():
    """The best run starts in a left column of tips (each a heading, a paragraph and a
    date) and goes on into the headline and a one-paragraph article: the article is
    what follows the headline, not the tips."""
    tips = "".join(f"<h5>春季交通安全提示{i}</h5><p>近期我市多雨雾天气，能见度较低、路面湿滑，驾车时请开启雾灯、"
                   f"近光灯和示廓灯，与前车保持足够的安全距离，谨慎驾驶。</p><li>2025-03-{i + 10}</li>"
                   for i in range(3))
    html = (f"<html><head><title>江山交警走进校园开展安全宣传_江山市公安局</title></head><body>{NAV}"
            f"<div class='left'><h3>交通安全提示</h3><ul>{tips}</ul></div>"
            "<div class='main'><h1>江山交警走进校园开展安全宣传</h1><div class='meta'>发布时间：2025-03-18</div>"
            "<p>3月17日，江山市公安局交警大队民警走进城南小学，以“一盔一带 安全常在”为主题，为全校"
            "800余名师生上了一堂生动的交通安全课，现场还为学生家长发放了安全头盔。（通讯员 徐帆）</p></div>"
            f"{FOOTER}</body></html>")
    got = extract_html(html)
    assert got.paragraphs == ["3月17日，江山市公安局交警大队民警走进城南小学，以“一盔一带 安全常在”为主题，为全校"
                              "800余名师生上了一堂生动的交通安全课，现场还为学生家长发放了安全头盔。（通讯员 徐帆）"]


def test_short_notice_under_its_headline_beside_a_box_of_phone_lines_above_it():
    """The best run starts in a left column's 联系我们 box (each line an office and its
    phone number) and goes on into the headline and a short notice: the box goes, the
    notice's own phone lines (inside the article's box) stay."""
    phones = "".join(f"<p>{n}：0575-830265{i}{i}</p>" for i, n in
                     enumerate(["办公室", "基础教育科", "招生咨询", "监督举报"], 1))
    html = (f"<html><head><title>关于公布优秀校本课程评选结果的通知_嵊州市教育体育局</title></head><body>{NAV}"
            f"<div class='left'><p class='tit'>联系我们</p>{phones}</div>"
            "<div class='right'><div class='location'>您当前的位置：首页 > 通知公告 > 正文</div>"
            "<div class='art'><h1>关于公布优秀校本课程评选结果的通知</h1>"
            "<div class='info'>发布时间：2024-07-04</div>"
            "<p>各中小学、幼儿园：经学校申报、专家初评和结果公示，共评选出一等奖8项、二等奖15项，现予以公布。</p>"
            "<p>咨询电话：0575-83026533</p></div></div>"
            f"{FOOTER}</body></html>")
    got = extract_html(html)
    assert got.paragraphs == ["各中小学、幼儿园：经学校申报、专家初评和结果公示，共评选出一等奖8项、二等奖15项，现予以公布。",
                              "咨询电话：0575-83026533"]


def test_story_under_its_headline_after_a_side_column_of_notice_items_above_it():
    """An ASP.NET layout puts div#sidebar (a 信访须知 box of numbered prose items, a
    schedule) before div#main (the crumb, the headline, the story): the run reaches
    the story from the box, which goes."""
    items = "".join(f"<p>{n}、信访人应当如实反映情况，不得捏造、歪曲事实，不得诬告、陷害他人，第{n}条。</p>"
                    for n in "一二三四五")
    html = (f"<html><head><title>县领导开展公开接访活动_平澜县信访局</title></head><body>{NAV}"
            f"<div id='container'><div id='sidebar'><div class='stitle'>信访须知</div>{items}"
            "<div class='stitle'>县领导接访安排</div><p>3月28日 县委常委 钱某某</p></div>"
            "<div id='main'><div class='position'>当前位置：首页 > 领导接访 > 正文</div>"
            "<h1><span>县领导开展公开接访活动</span></h1><div class='newsinfo'>发布时间：2024/3/22</div>"
            + "".join(f"<p>{p}</p>" for p in PARAS) + f"</div></div>{FOOTER}</body></html>")
    assert extract_html(html).paragraphs == list(PARAS)


def test_story_under_its_headline_after_a_banner_card_of_another_story():
    """A 头条 banner above the article holds another story's linked headline and its
    summary: the run starts there, and the card goes."""
    banner = ("<section class='toutiao'><span>头条</span><h2><a href='/2024/09/23/5817.html'>"
              "省对口支援工作前方指挥部召开第三季度工作推进会</a></h2><p>会议总结前三季度援疆项目建设、"
              "产业合作和干部人才工作情况，部署第四季度重点任务。</p></section>")
    html = (f"<html><head><title>县政府召开城乡环境整治专题会议_某某援疆网</title></head><body>{NAV}"
            f"{banner}<article><h1>县政府召开城乡环境整治专题会议</h1>"
            + "".join(f"<p>{p}</p>" for p in PARAS) + f"</article>{FOOTER}</body></html>")
    assert extract_html(html).paragraphs == list(PARAS)


def test_photo_wall_whose_only_text_is_an_address_is_an_index_page():
    """Twelve photo tiles, each a linked title, and the site's address box: no sentence
    anywhere, so no article. A short notice of one sentence beside the same tiles,
    under no headline of its own, stays text."""
    tiles = "".join(f"<li><a href='/art/{i}.html'><img src='/p{i}.jpg'><p>桃渚镇第{i}期美丽庭院评选现场</p></a></li>"
                    for i in range(12))
    def wall(text):
        return (f"<html><head><title>图片新闻_桃渚镇人民政府</title></head><body>{NAV}"
                f"<ul class='pic'>{tiles}</ul><div class='lx'>{text}</div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(wall("<p>地址：临海市桃渚镇城中路88号</p><p>电话：0576-85410000</p>"))
    notice = "因线路检修，本周六镇政府网站暂停访问，给您带来不便，敬请谅解。"
    assert notice in extract_html(wall(f"<p>{notice}</p>")).paragraphs
    assert extract_html(wall("")).paragraphs == []     # nothing read is no evidence of a list


def test_column_led_by_a_story_card_is_an_index_page():
    """A 镇街动态 column: a lead card (the story's linked headline, its summary, its
    date) above twenty linked headlines. The summary is another page's, not an
    article of this one; a short article under its own linked headline stays one."""
    items = "".join(f"<li><a href='/art/{i}.html'>乾元镇召开第{i}次强村公司抱团发展工作推进会</a>"
                    f"<span>2024-11-{i + 1:02d}</span></li>" for i in range(20))
    summary = ("11月22日晚，新市古镇“千年运河·灯火新市”夜游灯光秀正式亮灯，灯光秀沿古镇河道延伸1.8公里，"
               "串联起驾仙桥、觉海寺、西河口等12处历史节点，融合光影投影、水幕演艺和非遗展演等多种形式，"
               "开放首周累计接待游客3.2万人次。")
    card = ("<div class='lead'><h3><a href='/art/99.html'>新市镇古镇夜游灯光秀正式开放 首周接待游客超3万人次</a>"
            f"</h3><p>{summary}</p><div class='tn-txt'>2024-11-28</div></div>")
    html = (f"<html><head><title>镇街动态_德清县人民政府</title></head><body>{NAV}<h2>镇街动态</h2>"
            f"{card}<ul class='list'>{items}</ul>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    own = (f"<html><head><title>新市镇古镇夜游灯光秀正式开放 首周接待游客超3万人次_德清县人民政府</title>"
           f"</head><body>{NAV}{card}<h3>相关新闻</h3><ul class='list'>{items}</ul>{FOOTER}</body></html>")
    assert extract_html(own).paragraphs == [summary]


def test_photo_column_led_by_a_summary_above_its_read_more_link_is_an_index_page():
    """A 图片新闻 column: the lead story's linked title (no heading), its date, its
    summary and ``[详细]``, then a grid of twenty titles. A story ending in a link to
    its source (阅读原文) stays an article."""
    tiles = "".join(f"<li><a href='/art/{i}.html'><img src='/p/{i}.jpg'><p class='t'>"
                    f"开化县第{i}届根雕艺术节暨文化旅游推介会开幕</p></a></li>" for i in range(20))
    summary = ("12月15日清晨，受冷空气影响，钱江源国家公园古田山一带出现今冬首场雾凇景观。海拔800米以上的林木"
               "枝头挂满晶莹的冰晶，与云海、山峦交相辉映，宛如一幅水墨画卷，吸引众多摄影爱好者前来观赏。"
               "近年来园区生态持续向好，冬季雾凇出现的频次逐年增加。")
    lead = (f"<div class='lead'><div class='lead-txt'><a href='/art/99.html'>钱江源国家公园迎来今冬首场雾凇</a>"
            f"</div><p class='lead-d'>2024-12-16</p><p class='lead-s'>{summary}</p>"
            "<div class='lead-txt'><a href='/art/99.html'>[详细]</a></div></div>")
    html = (f"<html><head><title>开化县人民政府 图片新闻</title></head><body>{NAV}<h2>图片新闻</h2>"
            f"{lead}<ul class='pics'>{tiles}</ul>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    source = html.replace("[详细]", "阅读原文")
    assert extract_html(source).paragraphs[0] == summary


def test_topic_landing_page_is_an_index_page():
    """A 专题 landing page: the topic's name as its headline, an introduction (under
    ``专题简介``, or the breadcrumb ending in the topic's name under 专题专栏), and boxes
    of links each headed ``工作动态 更多>>``. An article of the topic (its breadcrumb
    goes on to the column) and a county profile under ``县情简介`` stay articles."""
    def box(name):
        links = "".join(f"<li><a href='/art/{name}{i}.html'>嵊州市召开营商环境优化提升第{i}次推进会</a>"
                        f"<span>2024-09-{i + 10}</span></li>" for i in range(6))
        return f"<div class='box'><div class='hd'><h3>{name}</h3><a href='/col/{name}'>更多>></a></div><ul>{links}</ul></div>"
    intro = ("为深入实施营商环境优化提升“一号改革工程”，嵊州市围绕政务服务、要素保障、法治环境、市场准入等重点"
             "领域，推出一批务实管用的改革举措。本专题集中发布相关工作动态、政策文件和典型案例，欢迎社会各界关注。")
    def page(crumb, heading):
        return (f"<html><head><title>营商环境优化提升“一号改革工程”_嵊州市人民政府</title></head><body>{NAV}"
                f"<h1>营商环境优化提升“一号改革工程”</h1><div class='pos'>{crumb}</div>"
                f"<div class='intro'>{heading}<p>{intro}</p></div>"
                f"{box('工作动态')}{box('政策文件')}{box('典型案例')}{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(page("当前位置：首页 > 新闻中心", "<h4>专题简介</h4>"))
    with pytest.raises(IndexPageError):
        extract_html(page("当前位置：首页 > 专题专栏 > 营商环境优化提升“一号改革工程”", ""))
    article = page("当前位置：首页 > 专题专栏 > 营商环境优化提升“一号改革工程” > 工作动态 > 正文", "")
    assert extract_html(article).paragraphs[-1] == intro
    profile = page("当前位置：首页 > 新闻中心", "<h4>县情简介</h4>")
    assert extract_html(profile).paragraphs[-1] == intro


def test_topic_landing_page_whose_only_text_is_a_boxs_cards_is_an_index_page():
    """No introduction: the text found is one box's story cards (a linked headline
    with its date, then its summary). Under the page's own headline, a story beside
    such boxes stays an article."""
    def box(name, summaries=False):
        items = "".join(f"<li><a href='/art/{name}{i}.html'>仙居坑村乡村振兴第{i}批项目建设经验</a>"
                        f"<span>2024-10-{i + 10}</span>"
                        + (f"<p>该村依托古村落资源引入运营团队，三年累计接待游客{i + 40}万人次，"
                           "村集体经营性收入明显增加。</p>" if summaries else "") + "</li>"
                        for i in range(3 if summaries else 6))
        return (f"<div class='box'><div class='hd'><h3>{name}</h3><a href='/col/{name}'>更多>></a></div>"
                f"<ul>{items}</ul></div>")
    boxes = box("工作动态") + box("政策文件") + box("典型经验", summaries=True)
    landing = (f"<html><head><title>全面推进乡村振兴 专题专栏</title></head><body>{NAV}"
               f"<div class='logo'>全面推进乡村振兴</div>{boxes}{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(landing)
    story = ("<h1>县政府召开城乡环境整治专题会议</h1><div class='text'>"
             + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>")
    article = landing.replace("<div class='logo'>全面推进乡村振兴</div>", story)
    assert extract_html(article).paragraphs == list(PARAS)


def test_short_story_under_its_headline_after_a_box_of_profiles_above_it():
    """A hospital's story in the right column; the left column's 专家介绍 box ends with
    a doctor's profile right above the headline, and the best run starts there: the
    profile (one of four alike cards) goes, the story stays."""
    doctors = "".join(
        f"<h4>{n}</h4><p class='zc'>{post} 主任医师</p><p class='js'>从事{post}临床工作二十余年，曾赴省级三甲医院"
        f"进修，擅长{post}常见病、多发病及疑难危重症的诊断与治疗，每周二、周四在分院坐诊。</p>"
        for n, post in (("王建国", "心血管内科"), ("戴丽君", "内分泌科"), ("应浩", "骨科"), ("林雅琴", "眼科")))
    story = ["为让沿海群众在家门口享受到县级医院的优质医疗服务，4月18日起，县人民医院医共体在健跳分院开设"
             "“联合门诊”，每周安排心血管内科、内分泌科、骨科、眼科等专家轮流坐诊。",
             "开诊首日，前来就诊的群众络绎不绝。家住健跳镇的72岁村民叶大伯患高血压多年，以往每次复查都要"
             "坐一个多小时的车到县城，如今在家门口就能看上县级专家。"]
    html = (f"<html><head><title>县级专家下沉坐诊 健跳分院联合门诊正式开诊_县人民医院</title></head><body>{NAV}"
            f"<div class='side'><div class='tit'>专家介绍</div>{doctors}</div>"
            "<div class='main'><h2 class='tit'>县级专家下沉坐诊 健跳分院联合门诊正式开诊</h2>"
            "<div class='info'>发布时间：2024-04-19 来源：医务部</div>"
            + "".join(f"<p>{p}</p>" for p in story) + f"</div>{FOOTER}</body></html>")
    assert extract_html(html).paragraphs == story


@pytest.mark.parametrize("named", [False, True])
def test_discuz_thread_whose_posts_are_not_alike_siblings(named):
    """A Discuz thread whose posts are each a ``div#post_N`` without a class (so no
    alike siblings): its ``发表于`` lines (``named``: after the poster's name) make it
    a thread, and each poster's panel (the counts dropped, the labels 主题/帖子/积分
    left alone), signature (``div.sign``) and ``官方认证：`` line go; the headline goes
    with its ``[求助]`` tag, and the title is the subject without it."""
    def post(n, name, text, extra=""):
        return (f"<div id='post_{n}'><table class='plhin'><tr><td class='pls'><div class='authi'><a href='space-uid-{n}.html' class='xw1'>{name}</a></div>"
                "<table><tr><th><p>46</p>主题</th><th><p>389</p>帖子</th><td><p>1320</p>积分</td></tr></table>"
                f"{extra}<dl><dt>积分</dt><dd>1320</dd></dl></td><td class='plc'>"
                f"<div class='authi'>{name + ' ' if named else ''}发表于 2024-5-{n + 6} 21:14 |只看该作者</div>"
                f"<div class='pct'><td class='t_f'>{text}</td></div>"
                "<div class='sign'>生活就是一碗豆腐花，甜咸随你</div></td></tr></table></div>")
    texts = ["大家好，想问一下蜀阜路从菜场门口到华舍中学那一段什么时候修？这段路坑坑洼洼已经一年多了。",
             "同问！天天骑车上班经过，颠得腰都要断了，希望早点修好。",
             "网友您好，感谢您对辖区道路问题的关注！路面修复工程计划于6月中旬开工，7月底前完成。"]
    html = (f"<html><head><title>{'[求助] ' if named else ''}蜀阜路菜场到华舍中学那段烂路什么时候修啊？ - 华舍论坛"
            f"</title></head><body>{NAV}"
            "<div class='hm'>查看: 2317|回复: 2</div><h1 class='ts'>[求助] 蜀阜路菜场到华舍中学那段烂路什么时候修啊？</h1>"
            + post(0, "老街豆腐西施", texts[0]) + post(1, "华舍小陈", texts[1])
            + post(2, "华舍街道", texts[2], "<p>官方认证：绍兴市柯桥区华舍街道办事处</p>")
            + f"{FOOTER}</body></html>")
    got = extract_html(html)
    assert got.paragraphs == texts
    assert got.title == "蜀阜路菜场到华舍中学那段烂路什么时候修啊？"


def test_print_close_bar_ends_the_article_before_a_box_of_story_cards():
    """An old table layout whose content cell holds the article, its 【打印本页】【关闭窗口】
    bar, then a 廉政文化 box of story cards (a linked heading, a summary longer than
    the article's paragraphs, [详细]): the bar closes the article, the byline under it
    still read. Above the text, in the info bar, it closes nothing."""
    story = ["为进一步筑牢党员干部拒腐防变思想防线，5月16日，马金镇组织镇村两级党员干部40余人赴县廉政教育基地开展警示教育活动。",
             "参观结束后，全体党员干部面对党旗重温入党誓词，大家纷纷表示，将以案为鉴、以案明纪，始终做到知敬畏、存戒惧、守底线。"]
    cards = "".join(
        f"<h4><a href='/art/{i}.html'>清廉家风：古村里的第{i}条家训</a></h4><p>在马金镇一处明清古村落的宗祠里，至今悬挂着一块刻有"
        "“不贪非分之财、不占公家之利”的木匾，村里的老人说，这是祖辈留下的家训，世世代代的村干部都以此自省，"
        f"村里的红白喜事从不大操大办。</p><div class='lz_item'><a href='/art/{i}.html'>[详细]</a></div>"
        for i in range(2))
    html = (f"<html><head><title>马金镇组织党员干部开展警示教育活动_开化县人民政府</title></head><body>{NAV}"
            "<table><tr><td class='art_title'>马金镇组织党员干部开展警示教育活动</td></tr>"
            "<tr><td>信息来源：马金镇 发布日期：2024-05-17 【打印本页】 【关闭窗口】</td></tr><tr><td>"
            + "".join(f"<p>{p}</p>" for p in story)
            + "<div class='print'>【打印本页】 【关闭窗口】</div><p>作者：徐丽娟 来源：马金镇</p>"
            f"<div class='rbox_tit'>廉政文化</div>{cards}</td></tr></table>{FOOTER}</body></html>")
    got = extract_html(html)
    assert got.paragraphs == story
    assert got.authors == ["徐丽娟"] and got.source == "马金镇"     # read under the bar


def test_notice_keeps_its_publicity_period_and_its_sign_off_block():
    """A village's 公示: the period line (``公示时间：…至…``) is the notice's text, not
    the page's date, and its 落款 (two offices and a date in one ``<br>``-broken
    block) is no comment's date line."""
    body = ["根据村务公开有关规定，经村务监督委员会审核，现将溪南村2024年第二季度村级财务收支情况公示如下。",
            "公示期间，村民如有疑问，可向村务监督委员会反映。联系人：张美芬，联系电话：0579-84216035。"]
    html = (f"<html><head><title>溪南村2024年第二季度村级财务收支公示_溪南村</title></head><body>{NAV}"
            "<h1>溪南村2024年第二季度村级财务收支公示</h1><div class='info'>发布时间：2024-07-10</div>"
            + "".join(f"<p>{p}</p>" for p in body)
            + "<p>公示时间：2024年7月10日至2024年7月20日</p>"
            "<p>浦江县虞宅乡溪南村股份经济合作社<br>溪南村村务监督委员会<br>2024年7月10日</p>"
            f"{FOOTER}</body></html>")
    got = extract_html(html)
    assert got.paragraphs == body + ["公示时间：2024年7月10日至2024年7月20日", "浦江县虞宅乡溪南村股份经济合作社",
                                     "溪南村村务监督委员会", "2024年7月10日"]
    assert got.date == "2024-07-10"


def test_directory_of_offices_each_with_its_duties_is_an_index_page():
    """A department's 内设机构 page: each office's name a short link, then a sentence or
    two of its duties and its phone line. Office names are shorter than headlines."""
    names = ["办公室", "政策法规科", "计划财务科", "乡村产业科", "种植业管理科", "畜牧兽医科",
             "农田建设管理科", "乡村建设指导科", "农村合作经济指导科"]
    items = "".join(
        f"<li><div class='jg-name'><a href='/col/{i}.html'>{n}</a></div>"
        f"<div class='jg-duty'>负责{n}职责范围内的各项工作，承担有关规划拟订、政策研究和监督管理，"
        f"完成局党委交办的其他任务。</div><div class='jg-tel'>联系电话：0573-860123{i:02d}</div></li>"
        for i, n in enumerate(names))
    html = (f"<html><head><title>县农业农村局 内设机构</title></head><body>{NAV}"
            f"<h2>内设机构</h2><ul class='jg-list'>{items}</ul>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)


def test_table_of_linked_documents_with_dates_is_an_index_page():
    """A 信息公开 column: a description of the column, then a table of documents, each
    row a number, an index number, a linked title and a date. Three such rows under an
    article (its attachments) leave it an article."""
    def rows(n):
        return "".join(
            f"<tr><td>{i}</td><td>113308XP/2024-000{i:02d}</td><td><a href='/art/{i}.html'>"
            f"关于开展2024年第{i}批医疗机构安全生产专项检查的通知</a></td><td>2024-11-{i:02d}</td></tr>"
            for i in range(1, n + 1))
    intro = ("<p>本栏目主要公开区卫生健康局发布的各类通知、公告、公示信息，包括医疗机构校验结果、"
             "节假日值班安排、职称评审公示、招聘公示、行政处罚决定等内容，欢迎社会各界监督。"
             "如对公开内容有疑问，请在工作日拨打咨询电话联系我局办公室。</p>")
    html = (f"<html><head><title>区卫生健康局</title></head><body>{NAV}<div class='zwgk'>"
            f"<h2>通知公告</h2>{intro}<table class='list'>{rows(15)}</table></div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    article = page(after=f"<p>附件清单：</p><table>{rows(3)}</table>")
    assert extract_html(article).paragraphs[:3] == list(PARAS)


def test_read_only_textarea_is_text_with_its_line_breaks():
    body = "\n".join(["各行政村、镇属各单位：",
                      "当前正值春季森林防火紧要期，天气干燥，风力较大，各村要切实落实防火责任。",
                      "一、提高思想认识，落实防火责任。各村要把森林防火工作列入当前重要议事日程。",
                      "某某镇人民政府"])
    html = page().replace("<div class='article-content'>",
                          f"<div class='article-content'><textarea readonly>{body}</textarea>")
    assert extract_html(html).paragraphs[:4] == body.split("\n")
    form = page().replace("<div class='article-content'>",
                          "<div class='article-content'><textarea name='q'>请输入您的留言内容</textarea>")
    assert "请输入" not in "".join(extract_html(form).paragraphs)     # a form's box is not


@pytest.mark.parametrize("line,date", [
    ("来 信 人 王** 来信时间 2024-05-06 09:12:33", "2024-05-06"),   # <th>/<td>: no colon
    ("来信人：王** 来信时间：2024-05-06 09:12:33", "2024-05-06"),
    ("回复时间：2024-05-10", "2024-05-10"), ("来信人： 江**", None),
])
def test_letter_date(line, date):
    """A letter page's date is the letter's (来信时间), with or without its colon."""
    assert R.letter_date(line) == date


@pytest.mark.parametrize("line,got", [
    ("来信内容：县长您好！学校门口车流量大，建议增设减速带。", ("text", "县长您好！学校门口车流量大，建议增设减速带。")),
    ("回复内容：", ("text", "")),
    ("来信标题：建议增设人行横道", ("title", "建议增设人行横道")),
    ("回复单位：某某县公安局", ("field", "回复单位：某某县公安局")),
    ("来信人评价：满意", ("field", "来信人评价：满意")),
    ("您对本次回复是否满意？", ("field", "您对本次回复是否满意？")),
    ("来信人反映的问题已转交相关部门办理。", None),
    ("回复群众关切，是政府的责任。", None),
    ("信件编号 YX2024031100087信件类型投诉求助", ("field", "信件编号 YX2024031100087信件类型投诉求助")),
    ("办理单位县交通运输局办理状态已办结", ("field", "办理单位县交通运输局办理状态已办结")),  # <th> and <td>
    ("来信内容应当客观真实，不得捏造事实。", None),       # a sentence: the label needs a colon or gap
    ("来信内容 县长您好！村道破损严重。", ("text", "县长您好！村道破损严重。")),   # <th> and <td>
    ("来信标题 关于画溪路口积水的问题", ("title", "关于画溪路口积水的问题")),
    ("满意度测评结果", None),                               # a heading, not a row of fields
    ("当前评价：非常满意12满意5基本满意1", ("field", "当前评价：非常满意12满意5基本满意1")),
    ("办理单位认真研究，及时答复。", None),
    ("留言主题应当简明扼要，便于分类交办。", None),
    ("答复内容", ("text", "")),                     # the label alone in its cell
    ("满意度评价 ★★★★★ 满意", ("field", "满意度评价 ★★★★★ 满意")),
    ("来 信 人： 江**", ("field", "来信人： 江**")),          # a label spaced to its cell's width
    ("信件类别：咨询", ("field", "信件类别：咨询")), ("所属领域：城乡建设", ("field", "所属领域：城乡建设")),
    ("来 信 人 反映的问题已转交。", None),
    ("查询码：", ("field", "查询码：")),                    # the rating form's input
])
def test_letter_line(line, got):
    assert R.letter_line(line) == got


def test_letter_page_keeps_the_letter_and_the_reply_without_their_labels():
    html = (
        f"<html><head><title>县长信箱</title></head><body>{NAV}<table class='xx'>"
        "<tr><td>来信标题：建议在县第三中学门口增设减速带</td></tr>"
        "<tr><td>来信人：王** 办理状态：已办结</td></tr><tr><td>来信时间：2024-10-08 09:12</td></tr>"
        "<tr><td>来信内容：县长您好！学校大门正对着大道，上下学时段车流量大，"
        "学生过马路很危险，建议增设人行横道和减速带。</td></tr>"
        "<tr><td>回复单位：某某县公安局</td></tr><tr><td>回复时间：2024-10-14</td></tr>"
        "<tr><td>回复内容：</td></tr>"
        "<tr><td>经我局交警大队实地查看，该路段确实存在安全隐患，我局已协调施划人行横道，"
        "并将于本月内安装减速带。感谢您对交通安全工作的关心。</td></tr>"
        f"<tr><td>满意度评价：</td></tr></table>{FOOTER}</body></html>"
    )
    got = extract_html(html)
    assert got.title == "建议在县第三中学门口增设减速带" and got.date == "2024-10-08"
    assert got.paragraphs[0].startswith("县长您好！") and got.paragraphs[1].startswith("经我局")
    assert len(got.paragraphs) == 2


def test_letter_box_side_column_in_the_letters_layout_table_is_dropped():
    """An old table layout puts the box's menu, its leaders and its statistics in a
    column of the letter's table, and the crumb above the letter: not the letter."""
    side = ("<td><table><tr><td>信箱导航</td></tr><tr><td><a href='w'>·我要写信</a><br>"
            "<a href='s'>·信件查询</a></td></tr><tr><td>县政府领导</td></tr>"
            "<tr><td>县　长：赵某<br>副县长：曾某</td></tr><tr><td>办理统计</td></tr>"
            "<tr><td>本年受理：1286 件<br>已办结：1214 件<br>满意率：96.3%</td></tr></table></td>")
    letter = ("<td><p>您现在的位置：<a href='/'>首页</a> &gt; 县长信箱 &gt; 信件详情</p><table>"
              "<tr><td>信件标题</td><td>建议在县第三中学门口增设减速带</td></tr>"
              "<tr><td>来信内容</td><td>县长您好！学校大门正对着大道，上下学时段车流量大，"
              "学生过马路很危险，建议增设人行横道和减速带。</td></tr>"
              "<tr><td>回复内容</td><td>经我局交警大队实地查看，该路段确实存在安全隐患，我局已协调"
              "施划人行横道。感谢您对交通安全工作的关心。</td></tr></table></td>")
    html = (f"<html><head><title>县长信箱</title></head><body>{NAV}<table><tr>{side}{letter}"
            f"</tr></table>{FOOTER}</body></html>")
    got = extract_html(html).paragraphs
    assert got[0].startswith("县长您好！") and got[1].startswith("经我局") and len(got) == 2


def test_letter_cell_broken_by_br_gives_one_paragraph_per_line():
    """A label cell beside a cell of prose broken by <br>s is a letter, not a data
    row: its paragraphs stay apart (they were joined into one line)."""
    html = (
        f"<html><head><title>书记信箱</title></head><body>{NAV}<table class='md'>"
        "<tr><th>信件标题</th><td colspan='3'>关于长松路东段路灯长期不亮的问题</td></tr>"
        "<tr><th>来信时间</th><td>2024-05-13 21:36:08</td></tr>"
        "<tr><th>来信内容</th><td colspan='3'>尊敬的书记：您好！<br>"
        "我是西屏街道一个小区的居民。小区北门外的长松路东段路灯已经坏了两个多月。<br>"
        "我们曾多次打过12345热线，到现在还没有人来修，希望尽快把路灯修好。</td></tr>"
        "<tr><th>答复内容</th><td colspan='3'><p>网友您好！您反映的问题已收悉。经我局核实，"
        "该路段路灯线路因周边管网施工被挖断，我局已于5月17日完成线路更换。</p></td></tr>"
        f"</table>{FOOTER}</body></html>"
    )
    got = extract_html(html).paragraphs
    assert got[:3] == ["尊敬的书记：您好！", "我是西屏街道一个小区的居民。小区北门外的长松路东段路灯已经坏了两个多月。",
                       "我们曾多次打过12345热线，到现在还没有人来修，希望尽快把路灯修好。"]
    assert got[3].startswith("网友您好！") and len(got) == 4


def test_letter_box_notices_beside_the_letter_are_dropped():
    """写信须知 with its items, 信件统计 and a 书记信箱说明 paragraph are the letter
    box's furniture, not the letter."""
    side = ("<div class='hd-xz'><h4>写信须知</h4><p>1. 请遵守国家法律法规，如实反映问题，"
            "不得捏造、歪曲事实。</p><p>2. 一般信件自受理之日起10个工作日内答复。</p></div>"
            "<div class='hd-tj'><h4>信件统计</h4><ul><li>累计收到信件：<b>8126</b> 件</li>"
            "<li>群众满意率：<b>97.6%</b></li></ul></div>"
            "<div class='mail-notice'><p><b>书记信箱说明：</b>本信箱主要受理对全县经济社会发展的"
            "意见建议。来信人应当对来信内容的真实性负责，原则上在15个工作日内办理答复。</p></div>")
    html = (
        f"<html><head><title>书记信箱</title></head><body>{NAV}{side}<table class='md'>"
        "<tr><th>信件标题</th><td colspan='3'>关于长松路东段路灯长期不亮的问题</td></tr>"
        "<tr><th>来信内容</th><td colspan='3'>我是西屏街道一个小区的居民，小区北门外的长松路东段"
        "路灯已经坏了两个多月，希望尽快修好。</td></tr>"
        "<tr><th>答复内容</th><td colspan='3'><p>网友您好！经我局核实，该路段路灯线路因周边"
        "管网施工被挖断，我局已于5月17日完成线路更换。</p></td></tr>"
        f"</table>{FOOTER}</body></html>"
    )
    got = extract_html(html).paragraphs
    assert got[0].startswith("我是西屏街道") and got[1].startswith("网友您好！") and len(got) == 2


def test_letter_box_notice_left_out_of_the_run_but_its_second_item():
    """On set 11's 县长信箱 page the run starts at the second item of the left column's
    写信须知 box (its heading and first item left out): the item goes with its box,
    the letter and the reply stay whole."""
    page = next(p for p in load_pages(LOCAL_PAGES11) if p.name == "local__n2-02")
    got = extract_html(decode_html(page.html)[0]).paragraphs
    assert not any("如实填写姓名" in p for p in got)
    assert got[0].startswith("县长您好！") and got[-1].startswith("感谢您对城市建设工作")


def test_letter_box_notice_in_a_side_table_is_dropped_with_its_rows():
    """An old layout: 写信须知 heads a side table whose every item is a row of its own."""
    items = "".join(f"<tr><td class='note'>{n}、来信人应当如实填写真实姓名、有效联系方式等信息，"
                    "不得捏造、歪曲事实。</td></tr>" for n in "一二三")
    html = (
        f"<html><head><title>县长信箱-信件详情</title></head><body>{NAV}<table><tr><td>"
        "<div class='mailtit'>信件详情</div><table>"
        "<tr><td>信件标题：</td><td>关于江滨小区老旧小区改造进度的咨询</td></tr>"
        "<tr><td>来 信 人：</td><td>江**</td></tr><tr><td>所属领域：</td><td>城乡建设</td></tr>"
        "<tr><td>信件内容：</td><td>县长您好：<br>我是南明街道江滨小区的居民，去年听社区说小区已列入老旧小区改造"
        "计划，要改造雨污管网和外墙，想请问改造什么时候开始？谢谢！</td></tr>"
        "<tr><td>答复内容：</td><td>您好！江滨小区已列入我县2024年城镇老旧小区改造计划，预计10月开工。</td></tr>"
        "</table></td><td><table><tr><td class='sidet'>写信须知</td></tr>"
        f"{items}</table></td></tr></table>{FOOTER}</body></html>"
    )
    got = extract_html(html)
    assert got.paragraphs == ["县长您好：", "我是南明街道江滨小区的居民，去年听社区说小区已列入老旧小区改造"
                              "计划，要改造雨污管网和外墙，想请问改造什么时候开始？谢谢！",
                              "您好！江滨小区已列入我县2024年城镇老旧小区改造计划，预计10月开工。"]
    assert got.title == "关于江滨小区老旧小区改造进度的咨询"


@pytest.mark.parametrize("line,got", [
    ("写信须知", True), ("信件统计", True), ("书记信箱说明：本信箱主要受理…", True),
    ("县长信箱受理范围：对全县经济社会发展的意见建议", True),
    ("县长信箱是群众反映问题的重要渠道。", False), ("来信须要写明姓名", False),
    ("温馨提示", True), ("温馨提示：如有疑问，请拨打县交通运输局电话咨询。", False),  # a reply's own
    ("温馨提示：仅来信人凭查询码可对答复进行评价。", True),      # the rating form's
])
def test_mailbox_notice(line, got):
    assert R.is_mailbox_notice(line) == got


def test_mailbox_heading():
    assert R.is_mailbox_heading("最新来信") and R.is_mailbox_heading("信件详情")
    assert R.is_mailbox_heading("办理回复") and not R.is_mailbox_heading("办理回复情况如下：")
    assert not R.is_mailbox_heading("最新来信反映的问题已办结。")
    assert R.is_mailbox_heading("答复详情") and R.is_mailbox_heading("来信详情")


def test_founder_e_paper_keeps_its_headline_parts_out_of_the_text():
    """引题, headline and 副题 of a Founder e-paper are the headline's, not the text's."""
    head = ("<table><tr><td class='bt1'><founder-yinti>深化山海协作 推动共同富裕</founder-yinti></td></tr>"
            "<tr><td class='bt2'><founder-title>山海协作“飞地”再结硕果</founder-title></td></tr>"
            "<tr><td class='bt3'><founder-subtitle>总投资21.6亿元，涵盖茶产业、不锈钢新材料等领域"
            "</founder-subtitle></td></tr></table>")
    assert extract_html(page(before=head)).paragraphs == list(PARAS)


def test_channel_page_with_a_summary_under_every_headline_is_an_index_page():
    items = "".join(
        f"<li><h3><a href='/art/{i}.html'>某某镇开展第{i}次农村集体资产清查工作</a></h3>"
        f"<p>会议通报了前期清查情况，要求各村规范合同管理和财务公开，确保集体资产保值增值。</p>"
        f"<span>2024-05-{i + 1:02d}</span></li>" for i in range(10))
    html = (f"<html><head><title>乡镇动态</title></head><body>{NAV}"
            f"<div class='list'><ul>{items}</ul></div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):
        extract_html(html)
    hits = "".join(
        f"<div class='hit'><h3><a href='/art/{i}.html'>嵊泗县推进海岛旅游第{i}项重点工作</a></h3>"
        f"<p>今年，我县将围绕海岛旅游目的地建设目标，深入推进全域旅游，提升服务质量。</p>"
        f"<p>www.example.gov.cn/art/2024/3/{i}/art_1.html</p><p>栏目：部门动态 2024-03-0{i % 9 + 1}</p>"
        "</div>" for i in range(12))
    search = (f"<html><head><title>站内搜索</title></head><body>{NAV}<p>找到约 312 条结果</p>"
              f"<div class='results'>{hits}</div>{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):     # search results: address and date lines too
        extract_html(search)
    menu = ("<div class='side fl'><h2>新闻动态</h2><ul><li><a href='/xwdt/'>新闻动态</a></li>"
            "<li><a href='/tpxw/'>图片新闻</a></li><li><a href='/mtbd/'>媒体报道</a></li></ul>"
            "<div class='lxwm'><h3>联系我们</h3><p>地址：某某县城南路66号</p><p>电话：0571-64281100</p>"
            "</div></div>")
    column = (f"<html><head><title>新闻动态</title></head><body>{NAV}<div class='main'>{menu}"
              "<div class='cont fr'><h2>新闻动态</h2><div class='crumb'>当前位置：<a href='/'>首页</a>"
              f" &gt; 新闻动态</div><div class='news-list'><ul>{items}</ul></div></div></div>"
              f"{FOOTER}</body></html>")
    with pytest.raises(IndexPageError):     # a side menu's 图片新闻 is no story's tail heading
        extract_html(column)
    related = page(after=f"<h3>相关新闻</h3><ul>{items}</ul>")   # under an article: its own
    assert extract_html(related).paragraphs[0].startswith("为进一步推进")


def test_code_heavy_post_beside_many_links_is_not_an_index_page():
    code = "\n".join(
        f"result_{i} = compute(data[{i}], threshold={i * 10})" for i in range(20)
    )
    links = "".join(
        f'<li><a href="/b/{i}.html">如何用脚本批量整理第{i}批数据文件</a></li>'
        for i in range(30)
    )
    html = (
        f"<html><head><title>批量处理脚本_技术博客</title></head><body>{NAV}"
        f"<h1>批量处理脚本</h1><div class='article'><p>代码如下：</p><pre>{code}</pre></div>"
        f"<div class='side'><ul>{links}</ul></div></body></html>"
    )
    assert "result_19 = compute" in "\n".join(extract_html(html).paragraphs)


def test_ingest_reports_index_page_as_input_error(tmp_path):
    path = tmp_path / "list.html"
    path.write_text(index_page(), encoding="utf-8")
    articles, errors = ingest([path])
    assert not articles
    assert (
        len(errors) == 1
        and "index page" in errors[0].reason
        and errors[0].path == str(path)
    )


def test_ingest_keeps_the_date_under_a_notice_signature(tmp_path):
    """A notice's issuing office and date stay text through ingest's cleaning; a date
    under an infobox label (``批准时间``) does not."""
    notice = ("<p>公示期间，如对公示对象有情况反映，请通过来信、来电、来访等方式向县委组织部反映。</p>"
              "<p>中共某某县委组织部</p><p>2024年6月21日</p>")
    path = tmp_path / "notice.html"
    path.write_text(page(after=notice), encoding="utf-8")
    infobox = tmp_path / "infobox.html"
    infobox.write_text(page(after="<p>批准时间</p><p>2023年12月27日</p>"), encoding="utf-8")
    articles, errors = ingest([path, infobox])
    assert not errors
    assert articles[0].paragraphs[-2:] == ["中共某某县委组织部", "2024年6月21日"]
    assert articles[1].paragraphs[-1] == "批准时间"


def test_page_with_several_bylines_stays_one_article(tmp_path):
    body = "".join(f"<p>本报记者 王强 李明</p><p>{p}</p>" for p in PARAS)
    path = tmp_path / "one.html"
    path.write_text(page(after=body), encoding="utf-8")
    articles, errors = ingest([path])
    assert not errors and len(articles) == 1
    article = articles[0]
    assert article.id == "one" and article.title == TITLE
    assert article.meta["encoding"] == "utf-8"


def test_full_extractor_option_and_its_validation(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(page(), encoding="utf-8")
    (article,), _ = ingest([path], ReadSettings(html="full"))
    assert PARAS[0] in article.paragraphs
    with pytest.raises(SettingError, match="read.html: must be one of main, full, got 'best'"):
        ReadSettings(html="best")


# -- encodings ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "encoding,declared,expected",
    [
        ("gbk", "gb2312", "gb18030"),
        ("utf-8", "gb2312", "utf-8"),  # a browser-saved page keeps its old declaration
        ("big5", "big5", "big5"),
        ("utf-8", None, "utf-8"),
    ],
)
def test_decode_html_honours_a_plausible_meta_charset(encoding, declared, expected):
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
        if declared
        else ""
    )
    html = f"<html><head>{meta}</head><body><p>會議指出，各鄉鎮要壓實責任，細化措施。</p></body></html>"
    text, used = decode_html(html.encode(encoding))
    assert used == expected and "壓實責任" in text
    assert declared_charset(html.encode(encoding)) == declared


def test_decode_html_replaces_a_few_broken_bytes():
    data = ("<p>" + "会议要求，各部门加强协作。" * 50 + "</p>").encode("gbk")
    broken = (
        data[:301] + b"\x80" + data[301:] + b"\xd6"
    )  # a stray byte; cut mid-character
    text, used = decode_html(broken)
    assert used == "gb18030 (2 undecodable bytes replaced)" and "会议要求" in text


# -- the benchmark pages --------------------------------------------------------------
PAGES = SHARED / "pages"
# Mean F1 reached on every page of each group (see benchmarks/bench_extract.py);
# the test fails if a change loses more than 0.01.
REACHED = {"magichtml-article": 0.972, "cwced": 0.966, "magichtml-forum": 0.829}


def test_bigram_scores_by_hand():
    assert bigram_prf("今天天气好", "今天天气") == pytest.approx(
        {"precision": 0.75, "recall": 1.0, "f1": 6 / 7}
    )
    assert bigram_prf("", "")["f1"] == 1.0 and bigram_prf("", "一二")["f1"] == 0.0
    assert split_of(["a__1", "a__2", "a__3"]) == split_of(["a__3", "a__2", "a__1"])


def test_mean_f1_on_real_pages_does_not_drop():
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} not present (CI has ../shared beside the project)")
    pages = load_pages(PAGES)
    by_group: dict[str, list] = {}
    for p in pages:
        try:
            text = "\n".join(
                extract_html(decode_html(p.html)[0], url=p.meta.get("url")).paragraphs
            )
        except IndexPageError:
            text = ""
        by_group.setdefault(p.group, []).append(bigram_prf(text, p.gold))
    for group, reached in REACHED.items():
        assert mean_scores(by_group[group])["f1"] >= reached - 0.01, group


LOCAL_PAGES = Path(__file__).parent / "data" / "local_pages"
LOCAL_PAGES2 = Path(__file__).parent / "data" / "local_pages2"
LOCAL_PAGES3 = Path(__file__).parent / "data" / "local_pages3"
LOCAL_PAGES4 = Path(__file__).parent / "data" / "local_pages4"
LOCAL_PAGES5 = Path(__file__).parent / "data" / "local_pages5"
LOCAL_PAGES6 = Path(__file__).parent / "data" / "local_pages6"
LOCAL_PAGES7 = Path(__file__).parent / "data" / "local_pages7"
LOCAL_PAGES8 = Path(__file__).parent / "data" / "local_pages8"
LOCAL_PAGES9 = Path(__file__).parent / "data" / "local_pages9"
LOCAL_PAGES10 = Path(__file__).parent / "data" / "local_pages10"
LOCAL_PAGES11 = Path(__file__).parent / "data" / "local_pages11"
LOCAL_PAGES12 = Path(__file__).parent / "data" / "local_pages12"
LOCAL_PAGES13 = Path(__file__).parent / "data" / "local_pages13"
LOCAL_PAGES14 = Path(__file__).parent / "data" / "local_pages14"
LOCAL_PAGES15 = Path(__file__).parent / "data" / "local_pages15"
LOCAL_PAGES16 = Path(__file__).parent / "data" / "local_pages16"
LOCAL_PAGES17 = Path(__file__).parent / "data" / "local_pages17"
LOCAL_PAGES18 = Path(__file__).parent / "data" / "local_pages18"
LOCAL_PAGES19 = Path(__file__).parent / "data" / "local_pages19"


def read_invented(folder: Path) -> dict:
    """Each invented page read as ``topics ingest`` reads a page (extraction, then the
    text cleaning): per article page its bigram scores, whether the headline and the
    date are right; the names of the pages reported as index pages; and for the index
    pages not reported, whether they gave no text."""
    from topics.corpus.clean import clean_web_paragraphs

    out: dict = {"scores": [], "headlines": [], "dates": [], "index": [], "empty": []}
    for p in load_pages(folder):
        try:
            got = extract_html(decode_html(p.html)[0])
        except IndexPageError:
            out["index"].append(p.name)
            continue
        text = "\n".join(clean_web_paragraphs(got.paragraphs))
        if p.meta["page_kind"] == "index":
            out["empty"].append(not text)
            continue
        out["scores"].append(bigram_prf(text, p.gold))
        out["headlines"].append(got.title == p.meta["headline"])
        out["dates"].append(got.date == p.meta["gold_date"])
    return out


def test_invented_county_portal_pages():
    """The 30 invented county-portal pages (tests/data/local_pages/README.md): main
    text, headline and date, and the three column pages reported as index pages."""
    got = read_invented(LOCAL_PAGES)
    assert sorted(got["index"]) == ["local__lp-10", "local__lp-19", "local__lp-29"]
    assert len(got["scores"]) == 27 and mean_scores(got["scores"])["f1"] >= 0.99
    assert all(got["headlines"]) and all(got["dates"])


def test_invented_local_pages_second_set():
    """The second set (tests/data/local_pages2/README.md): all six column pages are
    reported as index pages, the two that hold their list only in a script's data
    block among them."""
    got = read_invented(LOCAL_PAGES2)
    assert sorted(got["index"]) == ["local__a-11", "local__a-12", "local__b-11", "local__b-12",
                                    "local__c-11", "local__c-12"]
    assert len(got["scores"]) == 30 and mean_scores(got["scores"])["f1"] >= 0.985
    assert all(got["headlines"])
    assert all(got["dates"])


def test_invented_local_pages_third_set():
    """The third set (tests/data/local_pages3/README.md): every index page reported,
    a list of leaders and a site map among them."""
    got = read_invented(LOCAL_PAGES3)
    assert sorted(got["index"]) == ["local__d-11", "local__d-12", "local__e-11", "local__e-12",
                                    "local__f-11", "local__f-12"]
    assert len(got["scores"]) == 30 and mean_scores(got["scores"])["f1"] >= 0.975
    assert sum(got["headlines"]) >= 29 and sum(got["dates"]) >= 29


def test_invented_local_pages_fourth_set():
    """The fourth set (tests/data/local_pages4/README.md), measured blind first
    (0.883) and only then used to write rules: every index page reported as such,
    the paged lists beside a side box's prose among them."""
    got = read_invented(LOCAL_PAGES4)
    assert sorted(got["index"]) == ["local__g-10", "local__g-12", "local__h-11", "local__h-12",
                                    "local__i-10", "local__i-11"]
    assert len(got["scores"]) == 30 and mean_scores(got["scores"])["f1"] >= 0.965
    # 29 dates: the letter page's gold is its reply's date; we give the letter's (来信日期)
    assert sum(got["headlines"]) >= 27 and sum(got["dates"]) >= 29


def test_invented_local_pages_fifth_set():
    """The fifth set (tests/data/local_pages5/README.md): every index page reported (since
    the fourteenth session also the one whose list is only in a script's JSON), every
    headline."""
    got = read_invented(LOCAL_PAGES5)
    assert sorted(got["index"]) == ["local__j-05", "local__j-10", "local__k-05", "local__k-10",
                                    "local__l-05", "local__l-11"]
    assert len(got["scores"]) == 30 and mean_scores(got["scores"])["f1"] >= 0.98
    assert all(got["headlines"]) and all(got["dates"])


def test_invented_local_pages_sixth_set():
    """The sixth set (tests/data/local_pages6/README.md), measured blind at 0.953: every
    index page reported (since the fourteenth session also the list of offices with
    their duties), every article headline and date."""
    got = read_invented(LOCAL_PAGES6)
    assert sorted(got["index"]) == ["local__m-05", "local__m-12", "local__n-07", "local__n-11",
                                    "local__o-07", "local__o-11"]
    assert len(got["scores"]) == 30 and mean_scores(got["scores"])["f1"] >= 0.99
    assert all(got["headlines"]) and all(got["dates"])


def test_invented_local_pages_seventh_set():
    """The seventh set (tests/data/local_pages7/README.md), measured blind at 0.901 on
    the session's final rules, then used for three rules: every index page reported."""
    got = read_invented(LOCAL_PAGES7)
    assert sorted(got["index"]) == ["local__p-11", "local__p-12", "local__q-11", "local__q-12",
                                    "local__r-11", "local__r-12"]
    assert len(got["scores"]) == 30 and mean_scores(got["scores"])["f1"] >= 0.975
    assert sum(got["headlines"]) >= 29 and sum(got["dates"]) >= 29


def test_invented_local_pages_eighth_set():
    """The eighth set (tests/data/local_pages8/README.md), measured blind at 0.929 (five
    of seven index pages reported), then used for three rules: every index page
    reported, every article headline."""
    got = read_invented(LOCAL_PAGES8)
    assert sorted(got["index"]) == ["local__s-04", "local__s-05", "local__s-12", "local__t-07",
                                    "local__t-12", "local__u-05", "local__u-12"]
    assert len(got["scores"]) == 29 and mean_scores(got["scores"])["f1"] >= 0.985
    assert all(got["headlines"]) and sum(got["dates"]) >= 27


def test_invented_local_pages_ninth_set():
    """The ninth set (tests/data/local_pages9/README.md), measured blind at 0.897, then
    used for six rules: every index page reported (the 专题 page with an introduction
    under its headline since the fifteenth session), every article headline."""
    got = read_invented(LOCAL_PAGES9)
    assert sorted(got["index"]) == ["local__v-10", "local__v-11", "local__v-12", "local__w-10",
                                    "local__w-11", "local__w-12", "local__x-09", "local__x-10",
                                    "local__x-11"]
    assert len(got["scores"]) == 27 and mean_scores(got["scores"])["f1"] >= 0.99
    assert all(got["headlines"]) and sum(got["dates"]) >= 25


def test_invented_local_pages_tenth_set():
    """The tenth set (tests/data/local_pages10/README.md), measured blind at 0.956 on
    the fourteenth session's final code, then used for two rules (a side box of phone
    lines above the headline, a column led by a story card): every index page."""
    got = read_invented(LOCAL_PAGES10)
    assert sorted(got["index"]) == ["local__k2-10", "local__k2-11", "local__k2-12", "local__y-10",
                                    "local__y-11", "local__y-12", "local__z-09", "local__z-10",
                                    "local__z-11"]
    assert len(got["scores"]) == 27 and mean_scores(got["scores"])["f1"] >= 0.985
    assert sum(got["headlines"]) >= 25 and all(got["dates"])



def test_invented_local_pages_eleventh_set():
    """The eleventh set (tests/data/local_pages11/README.md), measured blind at 0.934
    (every article page's headline and date), then used for six rules (a lead card
    above a read-more link, a 专题 landing page, a side box of profiles, a Discuz
    thread known by its 发表于 lines, its panels and signatures, a letter box's
    notice whose heading was left out): every index page."""
    got = read_invented(LOCAL_PAGES11)
    assert sorted(got["index"]) == ["local__m2-05", "local__m2-10", "local__n2-04", "local__n2-10",
                                    "local__o2-04", "local__o2-08", "local__o2-12"]
    assert len(got["scores"]) == 29 and mean_scores(got["scores"])["f1"] >= 0.995
    assert all(got["headlines"]) and all(got["dates"])


def test_invented_local_pages_twelfth_set():
    """The twelfth set (tests/data/local_pages12/README.md), measured blind at 0.979,
    then used for four rules (a print/close bar ends the article, a phpwind poster's
    panel, a period line and a 落款 block kept, a caption ending with its
    photographer)."""
    got = read_invented(LOCAL_PAGES12)
    assert sorted(got["index"]) == [f"local__{w}-{n}" for w in ("p2", "q2", "r2")
                                    for n in ("04", "10", "12")]
    assert len(got["scores"]) == 27 and mean_scores(got["scores"])["f1"] >= 0.99
    assert all(got["headlines"]) and sum(got["dates"]) >= 26


def test_invented_local_pages_thirteenth_set():
    """The thirteenth set (tests/data/local_pages13/README.md), measured blind at 0.991
    on the fifteenth session's final code; no rule written from it."""
    got = read_invented(LOCAL_PAGES13)
    assert sorted(got["index"]) == [f"local__{w}-{n}" for w in ("s2", "t2", "u2")
                                    for n in ("04", "10", "12")]
    assert len(got["scores"]) == 27 and mean_scores(got["scores"])["f1"] >= 0.98
    assert all(got["headlines"]) and sum(got["dates"]) >= 26


def test_invented_local_pages_fourteenth_set():
    """The fourteenth set (tests/data/local_pages14/README.md): measured blind at 0.960;
    its nine rules read it whole (0.999)."""
    got = read_invented(LOCAL_PAGES14)
    assert sorted(got["index"]) == [f"local__{w}-10" for w in ("v2", "w2", "x2")]
    assert len(got["scores"]) == 33 and mean_scores(got["scores"])["f1"] >= 0.995
    assert all(got["headlines"]) and sum(got["dates"]) >= 32


def test_invented_local_pages_fifteenth_set():
    """The fifteenth set (tests/data/local_pages15/README.md), measured blind at 0.948
    on the sixteenth session's rules; then three rules from its errors (a footer's
    words in prose, a side column of notice items, a photo wall)."""
    got = read_invented(LOCAL_PAGES15)
    assert sorted(got["index"]) == ["local__a3-08", "local__y2-08", "local__z2-08"]
    assert len(got["scores"]) == 33 and mean_scores(got["scores"])["f1"] >= 0.985
    assert sum(got["headlines"]) >= 32 and sum(got["dates"]) >= 31


def test_invented_local_pages_sixteenth_set():
    """The sixteenth set (tests/data/local_pages16/README.md), measured blind at 0.963;
    then seven rules from its errors (a thread's panel and quotes, a forum's login
    prompt, a letter box's 温馨提示, a restated summary box, wrapped table cells, a
    page of teachers' cards)."""
    got = read_invented(LOCAL_PAGES16)
    assert sorted(got["index"]) == [f"local__{w}-08" for w in ("b3", "c3", "d3")]
    assert len(got["scores"]) == 33 and mean_scores(got["scores"])["f1"] >= 0.995


def test_invented_local_pages_seventeenth_set():
    """The seventeenth set (tests/data/local_pages17/README.md), measured blind on the
    sixteenth session's final code, no rule written from it: the figures it reached."""
    got = read_invented(LOCAL_PAGES17)
    assert sorted(got["index"]) == [f"local__{w}-08" for w in ("e3", "f3", "g3")]
    assert len(got["scores"]) == 33 and mean_scores(got["scores"])["f1"] >= 0.985
    assert sum(got["headlines"]) >= 30 and sum(got["dates"]) >= 30


def test_invented_local_pages_eighteenth_set():
    """The eighteenth set (tests/data/local_pages18/README.md), measured blind at 0.967
    (one index page read as an article); then rules from its errors."""
    got = read_invented(LOCAL_PAGES18)
    assert sorted(got["index"]) == [f"local__{w}-10" for w in ("h3", "i3", "j3")]
    assert len(got["scores"]) == 33 and mean_scores(got["scores"])["f1"] >= 0.995
    assert sum(got["headlines"]) >= 33 and sum(got["dates"]) >= 31

# -- pages a reviewer wrote against the thirteenth session's rules (tests/data/extract_cases)
EXTRACT_CASES = Path(__file__).parent / "data" / "extract_cases"
REVIEW_CASES = [
    ("c1", "a sentence counting 共36条 is no list's pager",
     lambda p: "本次行动共排查国省道、县乡道路，全县共36条道路存在安全隐患。" in p.paragraphs),
    ("c2", "网友留言（共28条） is no pager", lambda p: p.paragraphs[0].startswith("6月20日")),
    ("c3", "a side box of 8 records in a script is no column",
     lambda p: len(p.paragraphs) == 3),
    ("c4", "下篇 heading without a colon does not close the text",
     lambda p: p.paragraphs[-1].startswith("规划还对历史文化保护")),
    ("c4b", "a sentence starting 下一条 does not close the text",
     lambda p: p.paragraphs[-1].startswith("规划还对历史文化保护")),
    ("c6", "short replies are still a thread's posts", lambda p: "香樟树" not in p.paragraphs),
    ("c7", "sentences starting 留言主题/来信内容 are text",
     lambda p: p.title == "县长信箱使用须知"
     and "来信内容应当客观真实，不得捏造、歪曲事实，不得诬告、陷害他人。" in p.paragraphs),
    ("c8", "a heading starting 满意度 is text", lambda p: "满意度测评结果" in p.paragraphs),
    ("c9", "a notice setting out leaders' duties is an article",
     lambda p: "分管部门：县审计局。" in p.paragraphs),
    ("c12", "a headline ending in 会 is no office's name",
     lambda p: p.title == "某某镇召开党委理论学习中心组学习会"),
    ("c13", "Founder tags beside the text: the text stays",
     lambda p: p.title == "我县一季度经济运行稳中向好" and len(p.paragraphs) == 2),
    ("c14b", "【政策解读】 inside an article does not end it",
     lambda p: p.paragraphs[-1].startswith("在用地保障方面")),
    ("c15", "a school's signature keeps its date", lambda p: p.paragraphs[-1] == "2024年4月28日"),
    ("c16", "发布人：系统管理员 is nobody", lambda p: p.authors == []),
    ("c16b", "发布者：admin is nobody", lambda p: p.authors == []),
    ("c17", "a headline holding 报刊 is no paper's name",
     lambda p: p.title == "关于做好2025年度重点报刊发行工作的通知"),
    ("c18", "one page of a multi-page article is an article", lambda p: len(p.paragraphs) >= 1),
]


def test_invented_local_pages_nineteenth_set():
    """The nineteenth set (tests/data/local_pages19/README.md), measured blind on the
    seventeenth session's final code, no rule written from it: the figures it reached."""
    got = read_invented(LOCAL_PAGES19)
    assert sorted(got["index"]) == ["local__k3-09", "local__l3-10", "local__m3-10"]
    assert len(got["scores"]) == 33 and mean_scores(got["scores"])["f1"] >= 0.994
    assert sum(got["headlines"]) >= 32 and sum(got["dates"]) >= 32


@pytest.mark.parametrize("name,why,check", REVIEW_CASES, ids=[c[0] for c in REVIEW_CASES])
def test_reviewed_case(name, why, check):
    """Each page was written by a reviewer to break a rule's first version; the
    rule was narrowed until the page reads as a careful reader would read it."""
    got = extract_html((EXTRACT_CASES / f"{name}.html").read_text(encoding="utf-8"))
    assert check(got), why


# -- pages a reviewer wrote against the fourteenth session's rules (extract_cases/review14)
REVIEW14 = sorted(f"{p.parent.name}/{p.name[: -len('.expect.json')]}"
                  for folder in ("review14", "review14b", "review15", "review15b", "review15c",
                                 "review16", "review16b", "review16c", "review17")
                  for p in (EXTRACT_CASES / folder).glob("*.expect.json"))


@pytest.mark.parametrize("case", REVIEW14)
def test_reviewed_case_fourteenth_session(case):
    """Each page broke a first version of a rule of the fourteenth session (review14: a
    <br>-broken cell, a letter box's notices, a list of offices, a script's JSON list,
    a forum user's panel; review14b: a run starting at the headline, a page-jump pager,
    leaders' cards, comment headings' notes, spaced letter labels, an e-paper's
    masthead) or of the fifteenth (review15: a phone box above the headline, a
    column's lead card, a 专题 landing page; review15b: a side box's cards above the
    headline, a thread known by its 发表于 lines, its panels' labels and signatures,
    a thread's tagged headline; review15c: a print/close bar closing the article,
    phpwind panels, periods and 落款 kept, captions ending with a photographer) or of
    the sixteenth (review16: WeChat badges and 精选留言, 原标题 beside a correction, a
    poem whose first line is its title, a sentence naming header fields, 【相关文件】
    as a guide's section, summaries and the meta description, a letter without
    punctuation, a 专题 page's cards, an office's post header; review16b: a notice's
    own 主办单位 lines, a profile's left card, an 编者按 under a series' linked name,
    unpunctuated poems and captions under a div headline, an essay's first paragraph
    ending in ……, relative post times; review16c: a thread's own [quote] of a notice,
    deputies' quote cards, a forum FAQ on logging in, 【快速回复】 as a heading, a
    reply's own 温馨提示, a letter without a 来信内容 label, a Word-pasted lead equal to
    the description, a schedule's rows in WeChat cells, an expert clinic notice and
    a 名师风采 page) or of the seventeenth (review17: numbered and bare 时间： lines of
    an event, a post's 回帖时间, a story beside a 图片新闻 box, a channel under a
    contact box, a record's 名　称： row, 相关信息 as a notice's own section, a reply's
    own 评价 tip, a 查询码 defined in a guide, WeChat dates); its
    ``.expect.json`` says what a careful reader keeps and drops
    (``A\\nB``: line B right after line A; review14b compares without whitespace) and
    the date. ``known_misses`` lists what no version got right."""
    from topics.corpus.clean import clean_web_paragraphs

    folder, name = (EXTRACT_CASES / case).parent, case.rsplit("/", 1)[1]
    expect = json.loads((folder / f"{name}.expect.json").read_text(encoding="utf-8"))
    try:
        got = extract_html(decode_html((folder / f"{name}.html").read_bytes())[0])
    except IndexPageError:
        assert expect["index"], expect["why"]
        return
    assert not expect["index"], expect["why"]
    out = f"TITLE {got.title}\n" + "\n".join(clean_web_paragraphs(got.paragraphs))
    if folder.name == "review14b":          # that reviewer compared text without whitespace
        out = "".join(out.split())
        expect = {**expect, **{k: ["".join(s.split()) for s in expect[k]]
                               for k in ("must_contain", "must_not_contain")}}
    assert all(s in out for s in expect["must_contain"]), expect["why"]
    assert not any(s in out for s in expect["must_not_contain"]), expect["why"]
    if expect.get("date"):
        assert got.date == expect["date"], expect["why"]


def test_wechat_article_meta_line_and_script_date():
    """A WeChat article's 原创 · author · account line is metadata, its script's
    ``var ct`` (seconds, China time) its date, ``#js_name`` its source."""
    html = (
        "<html><head><title>夜市开市</title><script>var ct = \"1715963400\";</script></head>"
        "<body><div id='js_article'><h1 class='rich_media_title' id='activity-name'>临湖老街夜市正式开市</h1>"
        "<div id='meta_content' class='rich_media_meta_list'>"
        "<span id='copyright_logo' class='rich_media_meta'>原创</span>"
        "<span class='rich_media_meta rich_media_meta_text'>临湖融媒</span>"
        "<span class='rich_media_meta_nickname'><a id='js_name' href='javascript:void(0);'>临湖发布</a></span>"
        "<em id='publish_time' class='rich_media_meta'></em></div>"
        f"<div class='rich_media_content' id='js_content'>{''.join(f'<section><span>{p}</span></section>' for p in PARAS)}"
        "</div></div></body></html>")
    got = extract_html(html)
    assert got.paragraphs == list(PARAS)
    assert got.date == "2024-05-18" and got.source == "临湖发布"   # 00:30 in China, still the 17th in UTC
