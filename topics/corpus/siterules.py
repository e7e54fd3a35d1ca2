"""What Chinese news and government sites put around an article's text.

Each rule is a small pure function of one text block (a line of the page, as
``topics.corpus.dom`` cuts it), so each can be tested from a table of examples
(``tests/test_extract.py``):

- ``is_widget``: print/close/bookmark buttons, font-size pickers (``【字体：大 中 小】``),
  share bars (``分享到``), QR-code captions (``扫一扫``), click counters (``点击数``),
  editor and reviewer lines (``责任编辑``), previous/next links (``上一篇``);
- ``is_related_heading``: the heading of a related-article list (``相关阅读``), after
  which link lines are dropped; ``is_tail_heading``: that or a comments heading;
- ``header_fields``: a ``来源：… 发布时间：… 作者：…`` line, parsed into metadata;
- ``gov_fields``: the government-document header (``索引号``, ``发文机关``, ``文号`` …).
"""

from __future__ import annotations

import re

from topics.corpus.lines import PROSE_CLAUSE as _SENTENCE
from topics.corpus.lines import SENTENCE_END, is_chinese_name, parse_date

_MAX_WIDGET = 80
_MAX_QR = 30  # a share/QR caption is short; a sentence starting 手机… is not one
_RELATED = re.compile(
    r"^[\s【\[（(—－-]*(?:相[关關](?:阅读|閱讀|新闻|新聞|链接|鏈接|文章|报道|報導|推荐|推薦|资讯|資訊|稿件|内容|信息|專題|专题|解读|附件|文件)|"
    r"附件下载|政策问答|[\u4e00-\u9fff]{2,8}(?=\s*更多\s*[>»＞])|"       # 通知公告 更多>>: a side box
    r"推[荐薦]阅读|推[荐薦]閱讀|延伸[阅閱][读讀]|扩展阅读|热[点门]推荐|熱[點門]推薦|热门文章|热门新闻|热点新闻|"
    r"热文推荐|精彩推荐|猜你喜[欢歡]|更多精彩|往期回顾|为您推荐|為您推薦|今日推荐|编辑推荐|图片新闻|"
    r"[你您]可能(?:还|還)?(?:感兴趣|感興趣|喜欢|喜歡|想看|想读)|其他人(?:也|都)在看|大家(?:都|也)在看|"
    r"热点排行|排行榜|点击排行|最新新闻|最新文章|专题推荐|看了本文的人还看了|"
    r"最新信件|最新留言|热门留言|相关留言|相关信件|相关帖子|相关主题|往期推荐|往期精彩|END|End)"
    r"[\s】\]）):：>»—－-]*(?:更多\s*[>»]*)?$"
)
_COMMENTS = re.compile(
    r"^[\s【\[]*(?:网易跟贴|跟贴\s*\d*\s*参与\s*\d*|"
    r"(?:网友|網友|最新|热门|熱門|精彩|精选|全部|读者|讀者)?(?:评论|評論|留言)(?:区|區|列表)?|写留言|"
    r"以下留言(?:经|由)?(?:作者|公众号)?(?:筛选|精选)后?(?:显示|展示)|"
    r"发表评论|發表評論|我要评论|我要留言|(?:共|已有)?\s*\d+\s*[条件則则]\s*(?:评论|評論|留言)|"
    r"评论\s*[（(]?\s*\d+\s*[)）]?|(?:讨论|评论|回复)(?:数量|数)\s*[:：]?\s*\d+)"
    r"[\s】\]：:]*$"
)
# a comment box's note in brackets: （只显示最新10条。评论内容只代表网友观点…）
_NOTE = re.compile(r"[（(][^）)]{0,40}(?:显示|代表|观点|立场|审核|文明|理性)[^）)]{0,40}[）)]\s*$")
# a blog's ``《headline》已有1件评论``: the comments heading names the post
_NAMED_POST = re.compile(
    r"^\s*《[^》]{1,60}》\s*(?:已有|共)\s*\d+\s*[条件則则]\s*(?:评论|評論|留言|回复|回復)\s*$"
)
_PAGER = re.compile(
    r"^(?:(?:首页|上一页|下一页|尾页|末页|共\s*\d+\s*页|第\s*\d+\s*页|\d+|[|｜<>«»…\s])\s*)+$"
)
_PREV_NEXT = re.compile(
    r"^[\s【\[]*(?:(?:Previous|Prev|Next)\s*)?(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇|前一篇|后一篇)"
)
_SIZE = "(?:大|中|小|默认|超大|特大|较大)"
_WIDGET_PARTS = (
    rf"【?\s*字[体号]\s*[:：]?\s*[\[【]?\s*{_SIZE}(?:\s*[\]】]?\s*[\[【]?\s*{_SIZE})*"
    r"\s*[\]】]?\s*】?",
    r"[【\[]?\s*(?:打印(?:本页|正文|此文|文章|本文)?|关闭(?:窗口|本页)?|收藏(?:本页|本文)?|加入收藏|"
    r"返回(?:顶部|首页|列表)?|我要纠错|纠错|保存|视力保护色|朗读|"
    r"放大|缩小|默认|复制链接|原文链接|分享|取消|播报(?:文章)?|点赞|在看|转发)\s*[\]】]?",
    r"关注\s*[“\"「]?[^”\"」\s，。、；：！？,.;:!?]{1,20}[”\"」]?\s*(?:微信)?公众号",     # 关注“缙云组工”微信公众号
    r"附件\s*[:：]?",          # the label left when the attachment links are gone
    r"[|｜/·\s]",
    r"#[^#\s]{1,20}#?(?:\s*#[^#\s]{1,20}#?)+",   # a WeChat article's hashtags (#医养结合#重阳节)
)
_WIDGET_ONLY = re.compile(f"^(?:{'|'.join(_WIDGET_PARTS)})+$")
_WIDGET_START = re.compile(
    r"^[\s【\[↑↓▲▼△▽☝👆👇]*(?:分享到|分享至|分享：|点击(?:上方)?蓝(?:字|色字体?)\s*关注|"
    r"长按(?:识别|扫描)?(?:图中|下方|上方)?二维码[，,\s]*(?:关注(?:我们|本号|公众号|[“\"][^”\"]{1,16}[”\"])?)?\s*$|扫一扫|扫描二维码|微信扫一扫|手机扫一扫|用微信扫描|用微信扫码|扫码|"
    r"点击?(?:下方|右下角|文末)?\s*[“\x22「]?在看[”\x22」]|二维码|手机(?:看|阅读|浏览|打开)|发布于|IP属地|您需要\s*登录\s*后才可以(?:回帖|发帖|回复|评论)(?=\s*(?:登录|立即注册|注册|$|[|｜]|[，,]?\s*没有[帐账]号))|阅读\s*[（(]\s*[\d.]+万?\s*[)）]|"
    r"您是(?:本[文站页]的?)?第\s*\d+\s*[个位名](?:阅览者|访问者|访客|读者|浏览者))"  # 您是本文第154个阅览者
)
# the print/close bar under an article: 【打印本页】 【关闭窗口】 [返回顶部]
_PRINT_CLOSE = re.compile(
    r"^(?:\s*[【\[]?\s*(?:打印本页|打印此文|打印正文|打印|关闭窗口|关闭本页|关闭|返回顶部|加入收藏|收藏本页|收藏)"
    r"\s*[】\]]?\s*)+$")
_WIDGET_LINE = re.compile(
    r"^[\s【\[]*(?:责任编辑|编辑|责编|审核|审校|校对|初审|复审|终审|监制|供稿|文字|图片|摄影|排版|美编|"
    r"点击数|点击量|点击次数|浏览次数|浏览量|阅读次数|阅读量|访问量|访问次数|"
    r"【?纠错】?|标签|关键词|关键字|相关热词(?:搜索)?|TAG|Tags)"
    r"\s*(?:[:：]|\d|】|$)",
    re.I,
)
_COUNTER = re.compile(
    r"(?:点击数|点击量|浏览次数|阅读次数|阅读量|浏览量|访问量|访问次数|人次)\s*[:：]?\s*\d*"
)
_COPYRIGHT = re.compile(
    r"版权所有|Copyright|©|ICP备|ICP证|网安备|公网安备|"
    r"网站标识码|建议使用.{0,20}浏览器|最佳分辨率|分辨率.{0,12}浏览|免责声明|隐私政策"
)
_FOOTER_LABEL = re.compile(r"(?:主办|承办|协办)单位\s*[:：]|技术支持\s*[:：]|联系我们\s*[:：]")
# a footer's own words, which prose may use too (请各承办单位…, 欢迎联系我们的志愿者…):
# only in a line that is no sentence (主办单位 某某县人民政府 | 联系我们 | 网站地图)
_FOOTER_WORD = re.compile(r"主办单位|承办单位|协办单位|技术支持|联系我们|网站地图")
_REPRINT = re.compile(
    r"未经(?:书面|本网|本站)?(?:许可|授权)|请勿转载|禁止转载|不得转载|转载请注明|转载请联系"
)
_COPYRIGHT_START = re.compile(r"(?:Copyright|©|\(c\)|版权所有)", re.I)
_FIELD = re.compile(
    r"(来源|稿源|出处|作者|记者|通讯员|撰稿|发布人|发布者|发布单位|发布时间|发布日期|发表时间|发稿时间|更新时间|时间|日期|"
    r"编辑|责任编辑|点击数|浏览次数|阅读次数)\s*[:：]\s*"
    r"|(发布时间|发布日期|发表时间|发表于|发布于|更新时间)\s*(?=[12]\d{3}\s*[-/.年])"
)
_GOV_FIELDS = {
    "索引号": "index_no",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "发布日期": "published",
    "成文日期": "written",
    "发文日期": "issued",
    "主题分类": "category",
    "主题词": "keywords",
    "关键词": "keywords",
    "体裁分类": "genre",
    "组配分类": "category2",
    "信息分类": "category3",
    "有效性": "validity",
    "公开方式": "disclosure",
    "公开范围": "disclosure_scope",
    "信息来源": "info_source",
    "生成日期": "created",
    "统一登记号": "registration_no",      # a 规范性文件's
    "解读类型": "interpretation",          # a 政策解读 page's
    "解读人": "interpreter",
}
_GOV_DATES = ("published", "issued", "written")   # 发布日期, 发文日期, 成文日期
# a 信息公开 catalogue's own field alone on its row (``有效性：有效``): never an article's line
_CATALOGUE_FIELD = re.compile(
    r"^\s*(?:有\s*效\s*性|主题分类|信息分类|体裁分类|组配分类|公开方式|公开范围|生成日期)\s*[:：]\s*[^\s，。；！？]{1,20}\s*$")
_NEXT_LABEL = re.compile(r"\s+(?=[^\s:：]{1,8}[:：])")  # 新市镇 访问次数：: the value ends
_GOV_NAMES = ("(" + "|".join(r"\s*".join(k) for k in sorted(_GOV_FIELDS, key=len, reverse=True))
              + ")")     # 文　　号： spaced out to line up with the longer labels
_GOV_FIELD = re.compile(_GOV_NAMES + r"\s*[:：]?\s*")
_GOV_LABEL = re.compile(_GOV_NAMES + r"\s*[:：]")          # with its colon


_LINK_LINE = re.compile(
    r"^\s*(?:本文链接|原文链接|原文地址|文章链接|本文地址|本页地址|本页链接|页面地址|本页网址)\s*[:：]\s*[!-~]+$"
)


_URL_LINE = re.compile(r"^\s*https?://[!-~]+\s+[^\s，。！？；:/]{2,30}\s*$")
# an empty list's placeholder: ``暂无评论``, ``(=￣ω￣=)··· 暂无内容！``, ``快来抢沙发``
_PLACEHOLDER = re.compile(
    r"^[^\u4e00-\u9fff]{0,20}(?:暂无(?:评论|内容|回复|留言|数据)|(?:还|暂时)?没有任何(?:评论|留言)(?![。！])|"
    r"还没有(?:评论|回复)|快来抢沙发|(?:已无|没有)更多(?:数据|内容|评论|留言)了?|"
    r"(?:\S{0,6}(?:数据|内容|评论|页面|问题|图片|视频))?(?:正在)?加载中(?:，请稍[候后])?|"
    r"若长时间无响应，请刷新本?页面|"
    r"阅读剩余全文|展开剩余\d*%?)[^\u4e00-\u9fff]{0,10}$"
)


def is_widget(text: str) -> bool:
    """Buttons, pickers, share bars, counters, editor lines, previous/next links,
    placeholders of empty lists, ``本文链接：https://…``, a page's own address with
    the site's name beside it (a print view's header)."""
    if len(text) <= 300 and (_LINK_LINE.match(text) or _URL_LINE.match(text)):
        return True
    if len(text) > _MAX_WIDGET:
        return False
    t = text.strip()
    return bool(
        _WIDGET_ONLY.match(t)
        or _WIDGET_LINE.match(t)
        or _PREV_NEXT.match(t)
        or (_PAGER.match(t) and re.search("[页]", t))
        or (len(t) <= _MAX_QR and _WIDGET_START.match(t))
        or (len(t) <= _MAX_QR and _PLACEHOLDER.match(t))
    )


_UI_WORD = (
    r"(?:点赞数|点赞|首赞|赞同|赞|反对|踩|举报|回复|引用|收藏|分享|转发|评论|只看楼主|仅看楼主|倒序看帖|"
    r"正序看帖|楼主|沙发|板凳|地板|编辑|删除|置顶|精华|已编辑|有用|没用|关注|私信|加载更多|在看|"
    r"展开|收起|展开全文|查看全部|查看更多|更多回复|阅读全文|手机查看|复制链接|阅读|浏览|点击|查看|官方回复|电梯直达|"
    r"Copy|Reply|Like|Share)"
)
_POST_FURNITURE = re.compile(
    rf"^(?:[\[【(（]?\s*{_UI_WORD}\s*[\]】)）]?\s*[:：]?\s*[\d.万kK+]*\s*[个条次]?\s*[|｜]?\s*)+$|"
    rf"^[\d.万kK+]+\s*[个条次人]?\s*{_UI_WORD}$|"
    r"^[\d\s.,:：/#+\-]+$|"
    r"^\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)\s*(?:前|后)$|"
    r"^(?:发布|发表|回复|编辑)?\s*#\d+\b.{0,30}$",
    re.I,
)
_META_DATE_LINE = re.compile(
    r"(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|\d{1,2}:\d{2})"
)
_MAX_META_LINE = 40


_PLAYER = re.compile(
    r"^(?:广告|直播|倍速|播放速度.*|清晰度.*|[\d.]+\s*[xX倍]|\d{3,4}[pP]|\d{1,3}%|高清|超清|标清|流畅|蓝光|"
    r"全屏|退出全屏|网页全屏|静音|取消静音|播放|暂停|重播|重新播放|循环播放|跳过片[头尾]|设置成功|"
    r"正在为您切换.*|正在加载.*|加载中.*|很抱歉，当前视频.*|错误代码.*|您的浏览器不支持.*)$"
)


def is_print_close(text: str) -> bool:
    """The print/close bar (``【打印本页】 【关闭窗口】``), printing or closing named."""
    t = text.strip()
    return bool(_PRINT_CLOSE.match(t)) and ("打印" in t or "关闭" in t)


def is_player_control(text: str) -> bool:
    """Video player controls and messages (``倍速``, ``2.0X``, ``高清``, ``播放速度：2X``,
    ``正在为您切换到高清…``, ``错误代码：…``)."""
    t = text.strip()
    return len(t) <= _MAX_META_LINE and bool(_PLAYER.match(t))


def text_lines(text: str) -> list[str]:
    """The lines of a block's text, stripped, blank ones left out."""
    return [x.strip() for x in text.split("\n") if x.strip()]


# a forum user's panel beside each post: 14主题146帖子388积分, 中级会员, 官方认证
_PANEL_WORD = r"(?:主题|帖子|积分|精华|威望|金钱|贡献|好友|回帖)"
_FORUM_RANK = re.compile(
    rf"^(?:\d+\s*{_PANEL_WORD}\s*){{2,}}$|"
    r"^(?:新手上路|注册会员|初级会员|中级会员|高级会员|金牌会员|论坛元老|实习版主|超级版主|版主|管理员)$")
_PANEL_LABEL = re.compile(rf"^{_PANEL_WORD}$")          # its count on a line of its own
_VERIFIED = re.compile(r"^(?:官方认证|认证用户)(?:[:：].{1,30})?$")
_PANEL_FIELD = re.compile(        # phpwind's panel: 发帖：37, 威望：4点, 金钱：111铜板, 级别：侠客
    r"^(?:发帖|帖子|主题|积分|威望|金钱|贡献值?|精华|在线时间)[:：]\s*\d+\s*[^\d\s，。；！？]{0,3}$|"
    r"^(?:级别|等级|用户组|阅读权限)[:：]\s*[^\s，。；！？]{1,6}$|"
    r"^(?:注册时间|最后登录)[:：]\s*\d{4}-\d{1,2}-\d{1,2}[\d:\s]*$|"
    r"^本帖最近评分记录[:：]?$|"
    r"^\S{1,12}\s+(?:威望|金钱|积分|贡献值?)\s*[+\-]\s*\d+\s+\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}.{0,40}$")


def is_user_panel(text: str) -> bool:
    """A line of a forum user's panel (``14主题146帖子388积分``, ``中级会员``, a label
    ``积分`` whose count stands apart, ``官方认证：…``): a thread's furniture (on
    other pages such a word may head a section)."""
    lines = text_lines(text)
    return bool(lines) and all(_FORUM_RANK.match(t) or _PANEL_LABEL.match(t) or _VERIFIED.match(t)
                               for t in lines)


def panel_fields(text: str) -> int:
    """How many lines of ``text`` are a phpwind poster's panel fields (``发帖：37``,
    ``威望：4 点``, ``级别：侠客``, a rating record with its time), 0 unless every line
    is a panel line: a thread's furniture when two or more stand together (one alone
    may be a listing's ``级别: 紧凑型车`` or a card's ``积分：128分``)."""
    lines = text_lines(text)
    if not lines or not all(_FORUM_RANK.match(t) or _PANEL_FIELD.match(t) for t in lines):
        return 0
    if any(t.startswith("本帖最近评分记录") for t in lines):
        return 2
    return sum(bool(_PANEL_FIELD.match(t)) for t in lines)


def is_panel_label(text: str) -> bool:
    """A panel's label alone (``积分``): furniture only beside its count."""
    return bool(_PANEL_LABEL.match(text.strip()))


def is_forum_marker(text: str) -> bool:
    """What only a forum thread shows: a user's rank or counts, ``只看该作者``."""
    t = text.strip()
    return bool(_FORUM_RANK.match(t)) or "只看该作者" in t or "只看楼主" in t


_EDIT_STAMP = re.compile(r"^\s*本帖最后由\s*\S{1,20}\s*于\s*[\d\-/: ]+\s*编辑\s*$")


def is_edit_stamp(line: str) -> bool:
    """A Discuz post's edit stamp (``本帖最后由 衢江边老陈 于 2024-5-16 21:15 编辑``), on
    its own line or the first line of the post's cell."""
    return bool(_EDIT_STAMP.match(line))


def is_post_furniture(text: str) -> bool:
    """Buttons and counters of a forum post or comment (``点赞``, ``举报``, ``4个评论``,
    ``仅看楼主``, ``7464``, ``9 天 后``, ``发布 #4 …``) and short date/time lines
    without a sentence or a period in them (``2024-04-07 13:19 贵州``)."""
    t = text.strip()
    if len(t) > _MAX_META_LINE:
        return False
    if _POST_FURNITURE.match(t) or _EDIT_STAMP.match(t):
        return True
    return bool(_META_DATE_LINE.search(t)) and not _SENTENCE.search(t) and not _DATE_RANGE.search(t)


_LIST_PAGER = re.compile(r"共\s*(\d+)\s*(条|页)")
_PAGE_JUMP = re.compile(r"(?:跳转到?|转到|到)第\s*页")       # 转到第[ ]页: the jump box
_PAGER_WORDS = re.compile(
    r"(?:共|每页|当前第?|第)?\s*[\d/]+\s*(?:条|页)(?:记录|信息|数据)?|首页|上一?页|下一?页|尾页|末页|前页|后页|"
    rf"页次|{_PAGE_JUMP.pattern}|跳转到?|转到|到第?|页|GO|\d+|[/\s|｜:：<>«»….\-\[\]（）()]", re.I)


def list_pager(text: str) -> tuple[int, int] | None:
    """``(records, pages)`` of a paged list's pager (``共286条``, ``首页 上一页 1 2 下一页
    共 9 页``: nothing else on the line), or None: ``全县共36条道路…`` in a sentence,
    ``网友留言（共28条）`` and ``共3条评论`` are no list's pager."""
    if (len(text) > _MAX_WIDGET or "共" not in text or not _LIST_PAGER.search(text)
            or _PAGER_WORDS.sub("", text)):
        return None
    counts = {unit: int(n) for n, unit in _LIST_PAGER.findall(text)}
    if _PAGE_JUMP.search(text) and not counts.get("条"):
        return None     # 共5页 … 转到第[ ]页 with no records counted: an article's own pager too
    return counts.get("条", 0), counts.get("页", 0)


def is_prev_next(text: str) -> bool:
    """``上一篇：…`` / ``下一篇：…`` (with the colon: ``下篇　主要内容`` is a heading):
    links to the neighbouring stories, which sit right under an article's body."""
    m = _PREV_NEXT.match(text)
    return len(text) <= _MAX_WIDGET and m is not None and text[m.end():].lstrip()[:1] in (":", "：")


def is_related_heading(text: str) -> bool:
    """``相关阅读``, ``【推荐阅读】``, ``相关新闻：`` …: a related-article list starts."""
    return len(text) <= 30 and bool(_RELATED.match(text.strip()))


def is_tail_heading(text: str) -> bool:
    """A related-article list's or the comments' heading: what follows is others'
    text, not the article's."""
    return is_related_heading(text) or is_comments_heading(text)


_DISCLAIMER = re.compile(
    r"^[\s【\[]*(?:平台声明|特别声明|免责声明|版权声明|郑重声明|声明|"
    r"(?:反侵权|侵权|版权)(?:公告|声明|说明))\s*(?:[】\]]\s*[:：]?|[:：])|"
    r"^Notice: The content above|"
    r"^以上内容.{0,40}仅提供信息存储服务"  # 网易号, 搜狐号, 快传号: a reader's upload
)


def is_disclaimer(text: str) -> bool:
    """``特别声明：以上内容…``, ``平台声明：…``, a paper's ``反侵权公告：`` block:
    the article has ended."""
    return len(text) <= 400 and bool(_DISCLAIMER.match(text.strip()))


def is_comments_heading(text: str) -> bool:
    """``网友评论``, ``发表评论``, ``共63条评论``, ``《标题》已有1件评论``: readers'
    comments start."""
    if _NAMED_POST.match(text):
        return True
    text = _NOTE.sub("", text)         # 网友评论：（只显示最新10条。…）
    return len(text) <= 20 and bool(_COMMENTS.match(text.strip()))


def is_copyright(text: str, footer_words: bool = True) -> bool:
    """A site footer line (copyright, ICP number, organiser, browser advice). With
    ``footer_words`` false, a footer's own words (主办单位：…, 技术支持, 网站地图) do not
    count: the caller knows the line stands inside an article's text."""
    t = text.lstrip()
    if len(t) <= 80 and _REPRINT.search(t):
        return True
    if len(t) <= 300 and footer_words and (
            _FOOTER_LABEL.search(t) or _FOOTER_WORD.search(t) and not _SENTENCE.search(t)):
        return True
    return (len(t) <= 300 and bool(_COPYRIGHT.search(t))) or bool(_COPYRIGHT_START.match(t))


_SOURCE_START = re.compile(r"^[（(]?(?:来源|稿源|出处|作者|记者|通讯员)\s*[:：]")


def header_fields(text: str) -> dict | None:
    """A short ``来源：人民网 2024-05-15 10:20 作者：李华`` line -> its fields
    (``source``, ``date``, ``authors``, ``editors``), or a reporters' byline
    (``新华社记者 王建宏 张文攀``) -> ``authors``; None when the line is neither."""
    t = text.strip()
    reporters = byline_names(t)
    if (len(t) > 120 or (t.endswith("。") and not _SOURCE_START.match(t))
            or not (_FIELD.search(t) or is_date_line(t))
            or (_DATE_RANGE.search(t) and not _PAGE_FIELD.search(t))):
        # a sentence (``公示时间：6月21日至6月27日。``) or a period is text, not a header line
        return {"authors": reporters} if reporters else None
    rest = _FIELD.sub("\x00", t)
    prose = re.sub(r"[\x00\s\d:：\-/.年月日时分秒|｜]", "", rest)
    pieces = _field_values(t)
    if is_date_line(t):
        return {"date": parse_date(t)}
    if not pieces or len(prose) > 20 * len(pieces) + 20:
        return None
    out: dict = {}
    for key, value in pieces:
        _put_field(out, key, value)
    if "date" not in out and (date := parse_date(t)):
        out["date"] = date
    if reporters:
        out["authors"] = list(dict.fromkeys(out.get("authors", []) + reporters))
    return out


_PAGE_FIELD = re.compile(r"来源|作者|发布|浏览|点击|阅读|编辑|更新")   # an info bar's, beside a period
_DATE_RANGE = re.compile(   # 2024年7月10日至2024年7月20日, 7月10日—20日: a period
    r"\d{1,2}\s*日?\s*(?:至|到|～|~|—|－)\s*(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日|"
    r"即日起\s*(?:至|到)")
_DATE_ONLY = re.compile(
    r"^[\[【（(]?\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}\s*[:：时]\s*\d{1,2}(?:\s*[:：分]\s*\d{1,2}\s*秒?)?)?\s*"
    r"(?:星期.|周.)?\s*[\]】）)]?$"
)


# an event's time (坐诊时间：…, 报名日期：…, 二、笔试时间：…, 时间：… beside 地点：…), not a page's
# or a document's date, nor an office's hours (办公时间：… in its contact box), nor a post's
# timestamp (回帖时间：06-13 07:55, 发帖时间：3 天前)
_LIST_MARK = r"(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]\s*)?"
_SCHEDULE_TIME = re.compile(
    rf"^\s*{_LIST_MARK}(?!发布|发表|发稿|发行|发文|更新|成文|生成|创建|信息|添加|录入|上传|公开|印发|来信|回复|答复|"
    r"留言|写信|转办|办理|受理|评价|打印|注册|办公|工作|服务|营业|接待|开放|值班|咨询)"
    r"(?:[\u4e00-\u9fff]{0,6}(?:时间|日期)|时\s+间)\s*[:：]\s*(.*)$")
_EVENT_WORDS = re.compile(r"[月日周午晚起至前后]|星期|每天|每周")
# a post's timestamp: 06-13 07:55, 2024-6-13 07:55, 3 天前, 昨天 21:14
_POST_TIME = re.compile(r"^(?:(?:\d{4}-)?\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?|"
                        r"\d+\s*(?:秒|分钟|小时|天|周|个月)\s*前|刚刚|(?:今天|昨天|前天)\s*[\d:]*)\s*$")
_DATE_IN = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?")


def is_schedule_time(text: str) -> bool:
    """``坐诊时间：6月15日（周六）上午8:30—12:00``, ``二、笔试时间：6月22日（星期六）上午9:00—11:30``,
    ``活动时间：2024年5月25日（星期六）上午9:00开幕，…``: a line of an article's text that gives
    when something happens: not a post's timestamp (``回帖时间：06-13 07:55``), nor a full
    date with nothing after it (a page's date: ``时间：2024-06-11 09:12``)."""
    m = _SCHEDULE_TIME.match(text)
    if not m or len(text) > _MAX_WIDGET or _POST_TIME.match(m.group(1)):
        return False
    value = m.group(1)
    if not _DATE_IN.search(value):
        return True
    rest = _DATE_IN.sub("", value)            # a full date is the page's unless more follows it
    return bool(_EVENT_WORDS.search(rest)) and bool(re.search(r"[\u4e00-\u9fff]", rest))


def is_date_line(text: str) -> bool:
    """A line that is a date and nothing else (``2024年5月20日``)."""
    return bool(_DATE_ONLY.match(text.strip()))


def _field_values(text: str) -> list[tuple[str, str]]:
    marks = list(_FIELD.finditer(text))
    out = []
    for m, nxt in zip(marks, marks[1:] + [None]):
        value = text[m.end() : nxt.start() if nxt else len(text)]
        out.append((m.group(1) or m.group(2), value.strip(" |｜　\t")))
    return out


_ACCOUNT = re.compile(r"管理员|admin|webmaster|系统|发布员|录入员|编辑部", re.I)


def _put_field(out: dict, key: str, value: str) -> None:
    if key in ("发布人", "发布者") and (not value or _ACCOUNT.search(value)):
        return                          # 系统管理员, admin: the CMS's account
    if key in ("发布人", "发布者") and is_person_name(value.split()[0]):
        out.setdefault("authors", []).append(value.split()[0])
    elif key in ("来源", "稿源", "出处", "发布人", "发布者", "发布单位") and value:
        out.setdefault("source", _first_words(value))
    elif key in ("作者", "记者", "通讯员", "撰稿", "编辑", "责任编辑") and value:
        if names := _leading_names(_strip_date(value), is_person_name):
            field = "editors" if key.endswith("编辑") else "authors"
            out.setdefault(field, []).extend(names)
    elif key in (
        "发布时间",
        "发布日期",
        "发表时间",
        "发稿时间",
        "时间",
        "日期",
        "更新时间",
        "发表于",
        "发布于",
    ):
        if date := parse_date(value):
            out.setdefault("date", date)


_PERSON = re.compile(r"^[\u4e00-\u9fff·]{2,5}$|^[A-Za-z][A-Za-z0-9_.·-]{1,30}$")
# words that end like a medium, an office, a place's report, a credit or a document's
# stage, not like a person
_NOT_PERSON = re.compile(
    r"(?:报道|摄影?|供图|整理|综合|编译|频道|日报|晚报|新闻|客户端|网|社|台|站|报|"
    r"办|局|委|部|处|科|厅|院|所|中心|政府|镇|乡|村|县|市|区|试行|草案|稿|续|完)$"
)
_REPORTER = re.compile(r"(?:特约记者|记者|通讯员|实习生)")
# what comes before 记者 in a byline: nothing, or a medium's name (光明日报, 新华网…)
_MEDIUM = re.compile(r"报|网|台|社|刊|新闻|频道|客户端|在线|交汇点")
_NAME_SPLIT = re.compile(r"[\s、，,/／()（）【】\[\]]+")
_MAX_BYLINE = 40
_TRAILING_BYLINE = re.compile(r"[（(]([^（()）:：，。]{2,30}?)\s*[)）]\s*$")


def is_person_name(text: str) -> bool:
    """``李华``, ``欧阳明``, ``zboygirl``: a name that can be an author (not a date,
    a counter, a medium's or an office's name, or markup)."""
    return (
        bool(_PERSON.match(text))
        and not _FIELD.match(text + "：")
        and not re.fullmatch(_UI_WORD, text)
        and not _NOT_PERSON.search(text)
    )


def _reporter_name(word: str) -> bool:
    """A reporter's name in a byline without a ``作者：`` label: a Chinese name with
    a common surname (``奚丹霓``), never ``手记`` or ``培训班``."""
    return is_chinese_name(word) and not _NOT_PERSON.search(word)


def _leading_names(value: str, is_name, most: int = 6) -> list[str]:
    """The names at the start of ``value``; they end where other text begins."""
    names = []
    for word in _NAME_SPLIT.split(value.strip()):
        if not word:
            continue
        if not is_name(word):
            break
        names.append(word)
    return names[:most]


def byline_names(text: str) -> list[str]:
    """Reporters named in a byline line: ``光明日报记者 王建宏 张文攀``,
    ``新京报记者 彭冲 山东冠县报道``, ``本报记者 张三 通讯员 李四``,
    ``（总台央视记者 奚丹霓 张赛）``; [] for any other line (a sentence, a long line,
    ``记者手记``, ``优秀通讯员 张三``)."""
    t = text.strip()
    if len(t) > _MAX_BYLINE or _SENTENCE.search(t):
        return []
    names: list[str] = []
    for m in _REPORTER.finditer(t):
        after = t[m.end() :]
        if names or _byline_start(t[: m.start()], after):  # 记者 张三 通讯员 李四
            names += _leading_names(after.lstrip(" ：:"), _reporter_name)
    return list(dict.fromkeys(names))


def _byline_start(before: str, after: str) -> bool:
    """Whether 记者/通讯员 between ``before`` and ``after`` starts a byline: after a
    medium's name (``光明日报记者``) or 本报, or alone and followed by a space or a
    colon (``记者 张三``); not a word of a heading (``记者手记``) or of a list of
    honours (``优秀通讯员``)."""
    lead = before.strip(" （(【[")
    if lead in ("本报", "本台", "本刊", "本网"):
        return True
    if not lead:
        return after[:1].isspace() or after[:1] in "：:"
    return bool(_MEDIUM.search(lead))


def trailing_byline(paragraph: str) -> list[str]:
    """Names in parentheses closing an article: ``（记者 张三）`` (a byline, as
    ``byline_names`` reads it), ``（常书香 马丹阳）``, ``（姚峰 上海报道）``; without
    记者/通讯员, [] unless every word is a name (a place's ``…报道`` aside) and they
    are two or more or precede ``…报道`` (``（试行）``, ``（城关镇）``, ``（待续）``
    are no bylines)."""
    m = _TRAILING_BYLINE.search(paragraph)
    if not m:
        return []
    if _REPORTER.search(m.group(1)):
        return byline_names(m.group(1))  # （总台央视记者 奚丹霓 张赛）
    words = [w for w in _NAME_SPLIT.split(m.group(1)) if w]
    report = bool(words) and bool(re.fullmatch(r"\S{2,8}报道", words[-1]))
    if report:
        words.pop()
    if not words or len(words) > 6 or not all(map(_reporter_name, words)):
        return []
    return words if report or len(words) >= 2 else []


def _strip_date(value: str) -> str:
    return re.sub(
        r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?",
        " ",
        value,
    ).strip()


_GLUED_COUNTER = re.compile(r"(?:阅读|浏览|点击|点赞)(?:量|数|次数)?\s*[:：]?\s*\d.*$")


def _first_words(value: str) -> str:
    """The source's name: the words before a gap, another field, a button, a
    counter or markup (``第一财经日报 网友评论 0 条`` -> ``第一财经日报``)."""
    value = re.sub(r"[\ue000-\uf8ff]", " ", _strip_date(value))  # icon-font glyphs
    value = _GLUED_COUNTER.sub("", value)       # 某某委员会阅读128点赞9: spans without a gap
    value = re.split(r"\s{2,}|\s+(?=\S+[:：])", value.strip())[0].strip(" []【】")
    words = []
    for word in value.split():
        if (
            re.search(r"[=<>|/]", word)
            or is_widget(word)
            or is_comments_heading(word)
            or _REPORTER.match(word)
            or re.fullmatch(_UI_WORD, word)
        ):
            break
        words.append(word)
    return " ".join(words)


_SPACED = r"(?:[\u4e00-\u9fff][ \u3000\u00a0]+){1,4}[\u4e00-\u9fff]"   # 来 信 人, 分　　类
_LABELS_SPACED = re.compile(_SPACED + r"(?=\s*[:：])")


def _close_up(labels: re.Pattern, text: str, count: int = 0) -> str:
    """``text`` with the spaces inside the labels ``labels`` finds taken out."""
    return labels.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text, count=count)


def gov_fields(text: str) -> dict:
    """``索引号：… 发文机关：… 文号：…`` fields in one block of a government page
    (labels spaced to their cells' width, ``分　　类：``, closed up first)."""
    text = _close_up(_LABELS_SPACED, text)
    marks = list(_GOV_FIELD.finditer(text))
    out = {}
    for m, nxt in zip(marks, marks[1:] + [None]):
        value = text[m.end() : nxt.start() if nxt else len(text)]
        value = _NEXT_LABEL.split(value.strip(), maxsplit=1)[0].strip(" |｜　\t")
        name = _GOV_FIELDS[re.sub(r"\s", "", m.group(1))]
        if value and len(value) <= 80 and name not in out:
            out[name] = (
                parse_date(value)
                if name in _GOV_DATES and parse_date(value)
                else value
            )
    return out


# the labelled fields of a 县长信箱 / 留言板 page: a letter and the reply to it
# the label, then its colon or a gap (a table row's cells: 来信内容 县长您好…; not
# the sentence 来信内容应当客观真实…)
_LETTER_TEXT = re.compile(r"^\s*(?:来信|留言|信件|回复|答复|回信)(?:内容|正文)(?:\s*[:：]\s*|\s+|$)")
_LETTER_TITLE = re.compile(r"^\s*(?:来信|留言|信件)(?:标题|主题)(?:\s*[:：]\s*|\s+)")
_LETTER_LABELS = (
    r"(?:(?:来信|写信|留言|信件|回复|答复|办理|受理|处理)(?:人|编号|类型|状态|单位|部门|时间|日期|方式)|"
    r"满意度(?:评价)?|(?:来信人|网友|群众)评价|来信信息|回复信息|答复信息|办理结果|官方回复|网友留言|"
    r"您对本次(?:回复|答复|办理).{0,8}满意.{0,3}|当前评价)"
)
_LETTER_FIELD = re.compile(rf"^\s*{_LETTER_LABELS}\s*(?:[:：]|$)|"      # 回复单位：…
                           r"^\s*(?:所属领域|(?:来信|留言|信件)类别)\s*[:：]|"  # with its colon only
                           r"^\s*查询码\s*[:：]\s*[A-Za-z0-9*＊]{0,24}\s*$")   # a code, or the form's empty box
_LETTER_LABEL = re.compile(rf"^\s*{_LETTER_LABELS}")
_LETTER_LABEL_ANY = re.compile(_LETTER_LABELS)
_SPACED_LABEL = r"^\s*" + _SPACED
_LABEL_GAPS = re.compile(_SPACED_LABEL + r"(?=\s*[:：])")
_LABEL_GAPS_BARE = re.compile(_SPACED_LABEL + r"(?=\s*[:：]|\s)")             # on letter pages
# the letter's date in a field line, its colon perhaps a table's cell gap (来信时间 2024-05-06)
_LETTER_DATE = re.compile(r"(?:来信|留言|信件|写信)(?:时间|日期)\s*[:：]?\s*(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2})")
_SPACED_VALUE = re.compile(rf"^\s*{_LETTER_LABELS}\s+\S")            # 信件编号 YX…


# a letter box's own notices beside the letter: 写信须知, 信件统计, 县长信箱受理范围：…
_MAILBOX_NOTICE = re.compile(
    r"^\s*(?:写信须知|来信须知|留言须知|信件统计|\S{0,8}信箱(?:说明|须知|受理范围|简介)|"
    r"温馨提示\s*[:：]?\s*$|"        # (a heading alone: a reply may end 温馨提示：如有疑问…)
    r"温馨提示\s*[:：](?=.{0,80}$)(?=.*(?:查询码|(?:答复|回复|办理|满意度?)\S{0,6}评价|评价\S{0,6}(?:答复|回复|办理))))")
# (the rating form's own tip: its 查询码, or 评价 of the reply; not 综合素质评价结果 in a reply)
# the letter box's headings: the letter's (信件详情) and its lists of other letters'
_MAILBOX_HEADING = re.compile(r"^\s*(?:信件详情|来信详情|最新来信|热点来信|最新信件|办理回复|回复详情|答复详情)\s*$")


_TIP_HEADING = re.compile(r"^\s*温馨提示\s*[:：]?\s*$")


def is_tip_heading(text: str) -> bool:
    """A 温馨提示 heading alone on its line."""
    return bool(_TIP_HEADING.match(text))


_CELL_WORDS = re.compile(r"[\u4e00-\u9fff]{2}")
_TIMESTAMP = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")   # a post's time


def is_schedule_row(text: str) -> bool:
    """Whether a table row is a schedule's (``6月22日 9:00 开幕式 稻香广场``): words
    beside its date and time, and no post's full timestamp (a blog's row of headline
    and ``2005-06-14 03:25:55``)."""
    return not _TIMESTAMP.search(text) and bool(
        _CELL_WORDS.search(_META_DATE_LINE.sub("", re.sub(r"\d{1,2}月\d{1,2}日", "", text))))


def is_mailbox_notice(text: str) -> bool:
    """The head of a letter box's notice (``写信须知``, ``信件统计``, ``书记信箱说明：…``):
    its box is the box's furniture, not the letter."""
    return bool(_MAILBOX_NOTICE.match(text))


def is_mailbox_heading(text: str) -> bool:
    """A letter box's heading alone on its line (``信件详情``, ``最新来信``)."""
    return bool(_MAILBOX_HEADING.match(text))


def letter_line(text: str, *, letter_page: bool = False) -> tuple[str, str] | None:
    """A labelled line of a letter-and-reply page: ``("text", body)`` for
    ``来信内容：…`` / ``回复内容：…`` (the label dropped; body may be empty),
    ``("title", headline)`` for ``来信标题：…``, ``("field", line)`` for the other
    fields (``来信人``, ``信件编号``, ``回复单位``, ``满意度评价``); None otherwise. A
    label spaced to its cell's width (``来 信 人：``) needs its colon, or, on a page
    known to be a ``letter_page``, a gap before its value (``来 信 人 王**``)."""
    gaps = _LABEL_GAPS_BARE if letter_page else _LABEL_GAPS
    text = _close_up(gaps, text, count=1)
    if m := _LETTER_TEXT.match(text):
        return "text", text[m.end():].strip()
    if m := _LETTER_TITLE.match(text):
        return "title", text[m.end():].strip()
    if len(text) <= _MAX_WIDGET and (_LETTER_FIELD.match(text) or (
            _LETTER_LABEL.match(text) and not _SENTENCE.search(text)
            and (len(_LETTER_LABEL_ANY.findall(text)) >= 2 or _SPACED_VALUE.match(text)))):
        return "field", text.strip()     # a table row: 信件编号 YX…信件类型投诉求助
    return None


def letter_date(line: str) -> str | None:
    """The date of a letter page's field line: the letter's (``来信时间 2024-05-06``,
    with or without its colon), else the line's header date (``回复时间：…``)."""
    if (m := _LETTER_DATE.search(line)) and (date := parse_date(m.group(1))):
        return date
    return (header_fields(line) or {}).get("date")


# a reprint's original headline: 原标题：《…》, 【原标题】…
_ORIGINAL_TITLE = re.compile(r"^\s*[【\[]?\s*原标题\s*[】\]]?\s*[:：]?\s*(?<=[:：】\]])\s*(\S.{1,98})$")


def line_fields(text: str) -> dict | None:
    """Metadata of a header line: the fields of a government-document header block
    (``gov_fields``), a reprint's ``原标题：…`` (``original_title``), else
    ``header_fields``; None for any other line."""
    if is_gov_header(text):
        return gov_fields(text)
    if m := _ORIGINAL_TITLE.match(text):
        return {"original_title": m.group(1).strip()}
    return header_fields(text)


def has_field(text: str) -> bool:
    """Whether ``text`` holds a ``来源：``/``作者：``/``发布时间：`` label."""
    return bool(_FIELD.search(text))


_INDEX_NO_START = re.compile(r"^\s*索\s*引\s*号")    # 索 引 号： spaced to its cell


def is_gov_header(text: str) -> bool:
    """A block made of government-document header fields (at least two, or an
    index number), and nothing else: a sentence naming two fields (``…统一登记号，与
    发文字号一并标注…。``) needs two labels with their colons."""
    marks = _GOV_FIELD.findall(text)
    if SENTENCE_END.search(text) and len(_GOV_LABEL.findall(text)) < 2:
        marks = []          # 统一编排统一登记号，与发文字号一并标注…。: a sentence, not fields
    return len(text) <= 300 and (len(marks) >= 2 or bool(_INDEX_NO_START.match(text))
                                 or bool(_CATALOGUE_FIELD.match(text)))
