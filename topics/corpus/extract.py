"""Main content of a web page: the article (or forum thread) text and its metadata.

How it works (``extract_html``):

1. parse the page with lxml and cut its visible text into blocks (``dom``);
2. weigh every block: punctuated prose counts for its length, link lists, widgets
   and footers count against, times the ``class``/``id``/tag priors of its
   ancestors (``content`` up, ``nav``/``footer``/``related``/``modal`` down);
3. choose the content: the element whose blocks weigh most, or, when that element
   misses much of it, the run of consecutive blocks that weighs most (a layout
   table cell holding the article beside link lists); then the same element in
   every repeated post of a thread (``div.post``, ``li.reply``), so a forum page
   keeps the question and all its answers; on a page that appends the next story
   under a second headline, only the page's own story;
4. inside it, drop link lists, Chinese site furniture (``siterules``: related
   reading, previous/next, print/close/bookmark, share bars, font-size pickers,
   QR-code captions, counters, placeholders; in a thread, the user names and
   buttons that recur in every post) and lift ``来源``/``发布时间``/``作者``/``编辑``
   lines, reporters' bylines and the government-document header into metadata;
   the text ends at a related-reading, comments or disclaimer heading once the
   article has begun;
5. title, date, source and authors from the page (``pagemeta``; a byline closing
   the text, ``（常书香 马丹阳）``, when nothing else names the authors).

A page that is a list of links (a channel or index page) raises ``IndexPageError``.
A page is one article: the extractor never splits it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from topics.corpus import siterules as R
from topics.corpus.dom import Block, is_overlay, parse_html, text_blocks, text_content
from topics.corpus.lines import CLAUSE_MARK as _PUNCT
from topics.corpus.lines import PROSE_CLAUSE as _CLAUSE
from topics.corpus.lines import SENTENCE_END
from topics.corpus.lines import (
    SIGNATURE_CHARS,
    is_breadcrumb,
    is_chinese_name,
    is_issuer,
    is_numbered_heading,
)
from topics.corpus.pagemeta import find_title, meta_tags, page_metadata, squash
from topics.errors import TopicsError

_READ_MORE = re.compile(r"^[\[【(（]?\s*(?:详细|详情|查看详情|查看全文)\s*[\]】)）]?\s*(?:>>|»|＞＞|>)?$")  # a story's
_TOPIC_INTRO = re.compile(r"^\s*(?:专题|栏目)(?:简介|介绍|概述|说明)\s*$")   # a 专题 page's own text
_BOX_MORE = re.compile(r"^[^\s，。]{0,8}\s*[\[【]?更多\s*(?:>>|>|»|＞＞|＞)?[\]】]?$")  # 工作动态 更多>
_MAX_BOX_HEAD = 14
_TOPIC_INTRO_PROSE = 300  # characters of a 专题 page's introduction; an article is longer
_MIN_CARDS = 3  # alike blocks of a side box's list of profiles
_SIDE_NAME = re.compile(r"side|aside|left|right", re.I)   # a side column's class or id
_THREAD_TAG = re.compile(r"^\s*\[[^\[\]]{1,6}\]\s*")   # a forum thread's category: [求助]
_TIME_OF_DAY = re.compile(r"\d{1,2}[:：]\d{2}")
_BRACKET_SECTION = re.compile(r"^\s*【[^】]{2,8}】\s*$")       # 【所需材料】: a 办事指南's heading
_RELATED_SECTION = re.compile(r"^\s*【(?:相关附件|相关文件)】\s*$")
_OWN_MESSAGES = re.compile(r"^[\s【\[]*(?:精选留言|写留言)")
_MIN_MESSAGE = 10       # characters of a reader's message under a post's own 精选留言
_CORRECTED = re.compile(r"^\s*(?:更正为|更正后|修改为|现标题|新标题|现更正为)")   # beside 原标题：…
_BOX_LABELS = "内容提要|提要|导读|导语"            # a news page's summary box; 摘要 may be a paper's own
_SUMMARY_LABEL = re.compile(rf"^\s*(?:[【\[]\s*(?:{_BOX_LABELS}|内容摘要|摘要)\s*[】\]]\s*[:：]?|"
                            rf"(?:{_BOX_LABELS}|内容摘要|摘要)\s*[:：])\s*")
_BOX_LABEL = re.compile(rf"^\s*[【\[]?\s*(?:{_BOX_LABELS})")
_ELLIPSIS = re.compile(r"(?:\.{3,}|…+)\s*$")
_MIN_SUMMARY = 15       # characters of a summary box's text
_SHARED_OPENING = 10    # characters a summary and the body's first paragraph both open with
_CUT_SLACK = 5          # characters a box showing the description may hold beyond it
_RESTATED = 0.5         # share of a summary box's character pairs that the lead repeats
_TITLE_LABEL = re.compile(r"^\s*(?:标\s*题|名\s*称)\s*[:：]\s*")   # a 信息公开 header's 标　题：/名　称： row
_NAME_LABEL = re.compile(r"^\s*名\s*称\s*[:：]")
_INFO_SECTION = re.compile(r"^[\s【\[（(]*相[关關]信息[\s】\]）):：]*$")   # 相关信息 over prose: the body's section
_SIGNATURE = re.compile(r"(?:^|\s)(?:sign|signature|sightml)(?:\s|$)")   # Discuz: div.sign
_RATE_LOG = re.compile(r"^(?:ratelog|post_rate)|(?:^|\s)(?:ratl|rate|psth)(?:\s|$)")  # Discuz: dl#ratelog_1.rate, h3.psth 评分
# a post's furniture by its box (Discuz): the poster's panel (td.pls, dl.pil 认证) and a
# quote of an earlier post (div.quote > blockquote), which repeats that post
_POST_BOX = re.compile(r"(?:^|\s)(?:pls|pil)(?:\s|$)")
_QUICK_REPLY = re.compile(r"^\s*[\[【]?\s*快速回复\s*[\]】]?\s*$")
_QUOTE_BOX = re.compile(r"(?:^|\s)quote(?:\s|$)")
_BOX_DEPTH = 6        # levels climbed from a line to a post's box (its rating log, a quote)
_POSTED = re.compile(    # a post's time (Discuz), perhaps after the poster's name
    r"^\s*(?:[^\s，。！？：:]{1,16}\s+)?发表于\s*(?:\d{4}-\d{1,2}-\d{1,2}|"
    r"\d+\s*(?:秒|分钟|小时|天)\s*前|半小时前|刚刚|昨天|前天)")   # Discuz: 3 天前, 前天 21:14
_PHONE_LINE = re.compile(r"^[^，。！？；]{1,14}[:：]\s*(?:0\d{2,3}[-－]?\d{7,8}|1[3-9]\d{9}|\d{7,8})\s*$")
_COUNT = re.compile(r"^\s*[\d.]+\s*[万kK]?\s*$")
_FOOTER_PROSE = 20  # characters of a clause of text: a footer's words above it are the text's
_ADDRESS = re.compile(r"^\s*(?:地址|通讯地址|联系地址|邮编|邮政编码|电话|值班电话|传真|邮箱)\s*[:：]")
_BARE_TEXT = 100  # characters of text with no clause in it, beside a page's links (an address)
_CONTACT = re.compile(r"^[^，。！？；]{1,14}[:：][\d\s()（）/、\-－—]+$")  # 服务热线：12333
_POSITIVE = re.compile(
    r"article|content|text|main|detail|post|body|entry|story|news_?txt|zw|TRS_Editor|"
    r"con_?txt|rich|answer|reply|thread|message|topic",
    re.I,
)
_NEGATIVE = re.compile(
    r"nav|menu|footer|foot|sidebar|side|aside|related|recommend|hot|rank|share|"
    r"banner|breadcrumb|crumb|copyright|advert|ad-|ads|login|header|top_?bar|links?$|"
    r"friend|list_?r|right|left_?nav|tags|pager|pagination",
    re.I,
)
_MIN_INDEX_LINKS = 15
_MIN_LISTED = 8  # linked headlines among the text of a channel page with summaries
_DUTY = re.compile(r"^\s*(?:工作分工|分管(?:部门|单位|工作|领域)?|职务|主要职责|工作职责|职责分工|"
                   r"任教学科|所在科室|专业特长)\s*[:：]")   # leaders' cards; teachers' and doctors' too
# a leader's post on its own line, and the line of duties under it (no 工作分工： label)
_POST = re.compile(r"^[^，。；：\s]{0,20}(?:书记|县长|区长|市长|镇长|乡长|局长|主任|部长|主席|委员|成员|"
                   r"处长|科长|站长|所长|院长|校长|组长|队长)(?:[（(][^）)]{1,6}[）)])?$")
_DUTY_SENTENCE = re.compile(r"^(?:协助)?(?:负责|主持|分管|联系)")
_SITE_MAP = re.compile(r"(?:^|[\s_|｜\-—])(?:网站地图|站点地图)$|^(?:网站地图|站点地图)(?:$|[\s_|｜\-—])")
_DOCUMENT_TITLE = re.compile("(?:通知|决定|公告|公示|通报|意见|办法|批复|函)$")
_ROSTER_PROSE = 60  # characters of other text beside leaders' cards (more: a story, not a roster)
_SITE_MAP_PROSE = 200  # characters: a site map's introductory sentence, not an article
_ROW_DATE = re.compile(r"[12]\d{3}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*$")  # a row ends in its date
_LIST_TABLE_SHARE = 0.6  # of the content's blocks: rows of linked documents
_COLUMN_SHARE = 0.6  # of the prose: the headline's column, not a side column of summaries
_PAGED_LIST_PROSE = 600  # prose characters beside a paged list: a side box's, not an article's
_RECORD_LINK = re.compile(r"<record>\s*<!\[CDATA\[(?:(?!</record>).)*?<a\b[^>]*>(.*?)</a>", re.S | re.I)
_JSON_TITLE = re.compile(r'"title"\s*:\s*"([^"\\]{1,200})"')
_JSON_PAGING = re.compile(r'"(?:total|totalCount|totalPage|pageCount|pageSize|pageNo|pageIndex)"\s*:')
_OFFICE = re.compile(r"^[^，。！？；：、\s]{1,10}(?:科|室|办|股|处|所|站|队|中心)$")  # 政策法规科
_MIN_PAGED = 20  # records counted by a pager (共286条): a column, not an article's comments
_ITEM_BLOCKS = 5  # blocks of one listed item (headline, snippet, address, date, tags)
_ARTICLE_BEFORE_END = 80  # prose characters before a related/comments heading
_PRINT_BAR_BODY = 200  # characters of one block of prose above a print bar that closes it
_HEADLINE_LINK = (6, 60)
_FURNITURE_TAGS = {"nav": 0.3, "footer": 0.5, "aside": 0.5}
_FACTOR_RANGE = (0.25, 1.3)  # bounds of the product of ancestor priors
_HYBRID_SHARE = 0.6  # the best element must weigh this share of the best run
# a lead: within 3 blocks before the body, weight >= 30, nothing below -10 between
_LEAD_LOOKBACK, _LEAD_MIN, _LEAD_GAP = 3, 30.0, -10.0
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_MAX_POST_DEPTH = 12  # levels climbed from the content to a repeated post
_SKIPPED_NEAR_TOP = 10  # unchosen blocks near the top still read for metadata
_FOUNDER_HEADLINE = frozenset(("founder-yinti", "founder-title", "founder-subtitle"))
_TITLE_WINDOW = 4  # the headline repeated within the first lines is dropped
_MAX_LABEL = 12  # characters of a recurring name or button in a thread
_BOXES = frozenset("div table ul ol dl section aside".split())
_NOTICE_BOX = 600  # characters of a letter box's notice box (写信须知 and its items)
_MIN_HEADLINE = 8  # characters: a channel name (通知公告, 工作动态) is shorter
_HEADLINE_GAP = 12  # blocks between the headline and the text it heads
_SIGNATURE_LINES = 3  # a notice's issuing office and date


class IndexPageError(TopicsError, ValueError):
    """The page is a list of links (an index or channel page), not an article."""

    def __init__(self, links: int, text_chars: int):
        self.links, self.text_chars = links, text_chars
        super().__init__(
            f"index page: {links} headline links and {text_chars} characters of text "
            "beside them; give the article pages it links to, not the index"
        )

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.links, self.text_chars))


@dataclass
class WebPage:
    """What ``extract_html`` finds on one page."""

    paragraphs: list[str]
    title: str | None = None
    date: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)


# -- weights ------------------------------------------------------------------------
def block_weight(block: Block) -> float:
    """How much a block looks like article text (> 0) or page furniture (< 0)."""
    n = block.chars
    if n == 0:
        return 0.0
    links = min(block.link_chars, n)
    if links > 0.5 * n:
        return -float(links) - 2.0
    line = block.text
    if R.is_widget(line) or R.is_copyright(line) or R.is_disclaimer(line):
        return -float(n) - 5.0
    text = n - links
    if block.el.tag in ("pre", "code"):
        return 0.5 * text  # program code: no sentence punctuation, still content
    if text >= 10 and _PUNCT.search(block.text):
        return text - 0.5 * links
    if text >= 30:
        return 0.5 * text
    return 0.1 * text - 3.0


def _weighted(block: Block, cache: dict) -> float:
    w = block_weight(block)
    f = class_factor(block.el, cache)
    return w * f if w > 0 else w / f


def _prior(el) -> float:
    if el.tag in _FURNITURE_TAGS:
        return _FURNITURE_TAGS[el.tag]
    if is_overlay(el):  # a dialog's ``modal-content`` is still a dialog
        return _FACTOR_RANGE[0]
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return _name_prior(names) if names.strip() else 1.0


@lru_cache(maxsize=4096)
def _name_prior(names: str) -> float:
    if _POSITIVE.search(names):
        return 1.15
    if _NEGATIVE.search(names):
        return 0.7
    return 1.0


def best_container(blocks: list[Block], weights: list[float]):
    """The element whose blocks weigh most (with class/id priors), or None."""
    totals: dict = {}
    for block, w in zip(blocks, weights):
        el = block.el
        while el is not None:
            totals[el] = totals.get(el, 0.0) + w
            el = el.getparent()
    best, best_score = None, 0.0
    for el, total in totals.items():
        score = total * _prior(el) if total > 0 else total
        if score > best_score:
            best, best_score = el, score
    return best


def max_run(weights: list[float]) -> tuple[int, int]:
    """``(start, end)`` of the run of consecutive blocks with the largest total
    weight (Kadane); ``(0, 0)`` when no block weighs more than zero."""
    best, best_range, total, start = 0.0, (0, 0), 0.0, 0
    for i, w in enumerate(weights):
        if total <= 0:
            total, start = 0.0, i
        total += w
        if total > best:
            best, best_range = total, (start, i + 1)
    return best_range


def class_factor(el, cache: dict) -> float:
    """The product of the ``class``/``id``/tag priors of ``el`` and its ancestors,
    kept within ``_FACTOR_RANGE`` (a ``content`` box inside a ``modal`` is still
    a modal)."""
    if el is None:
        return 1.0
    if el not in cache:
        lo, hi = _FACTOR_RANGE
        cache[el] = min(hi, max(lo, _prior(el) * class_factor(el.getparent(), cache)))
    return cache[el]


def select_content(
    blocks: list[Block], weights: list[float], title: str | None = None
) -> tuple[list[Block], bool]:
    """The content blocks: the best element's blocks when they overlap the best run
    of consecutive blocks and weigh nearly as much, else that run (kept to the
    page's own story, ``_own_story``; then the same element in every repeated post
    of a thread, ``repeated_posts``); and whether the page is such a thread."""
    start, end = max_run(weights)
    run_total = sum(weights[start:end])
    best = best_container(blocks, weights)
    container = _headline_column(blocks, weights, best, title)
    inside = [
        i
        for i, b in enumerate(blocks)
        if container is not None and _inside(b.el, container)
    ]
    c_total = sum(weights[i] for i in inside)
    overlaps = any(start <= i < end for i in inside)
    if (overlaps and c_total >= _HYBRID_SHARE * run_total
            and not _side_box(blocks, weights, inside[0], start, c_total, title)):
        lead = _lead_before(weights, inside[0], start) if container is best else []
        chosen = lead + inside      # (a lead is the headline column's own)
    else:
        chosen = list(range(start, end))
    chosen = _not_a_related_stream(blocks, weights, chosen)
    chosen = _own_story(blocks, weights, chosen, title)
    chosen = _from_headline(blocks, weights, chosen, title)
    chosen = _with_headings_before(blocks, weights, chosen)
    chosen = _to_end_of_box(blocks, weights, chosen)
    anchor = _common_ancestor([blocks[i].el for i in chosen])
    posts = repeated_posts(anchor, blocks, weights)
    if posts:
        chosen = sorted(
            set(chosen)
            | {i for i, b in enumerate(blocks) if any(_inside(b.el, p) for p in posts)}
        )
    content = [blocks[i] for i in chosen]
    posted = sum(bool(_POSTED.match(b.text)) for b in content)    # 发表于 2024-5-6 21:14
    forum = any(R.is_forum_marker(b.text) for b in content)        # 中级会员, 只看该作者
    return content, bool(posts) or (posted >= 2 and forum) or _is_thread(anchor, content)


def _headline_column(blocks: list[Block], weights: list[float], container, title: str | None):
    """Within ``container``, the smallest table cell that holds the page's headline and
    ``_COLUMN_SHARE`` of the container's prose: in an old table layout the best
    element is the whole table, the article's column beside a column of summaries."""
    if container is None or not title:
        return container
    key = squash(title)
    head = next((b.el for b in blocks if squash(b.text) == key and _inside(b.el, container)),
                None)
    if head is None:
        return container
    chain = list(_ancestors(head))                  # the headline up to the container
    chain = chain[: chain.index(container) + 1]
    at = {id(el): i for i, el in enumerate(chain)}
    held = [0.0] * len(chain)                       # prose whose lowest chain element is each
    for b, w in zip(blocks, weights):
        if w > 0:
            el = b.el
            while el is not None and id(el) not in at:
                el = el.getparent()
            if el is not None:
                held[at[id(el)]] += w
    total = sum(held)
    return next((el for el, h in zip(chain, accumulate(held))
                 if el.tag == "td" and h >= _COLUMN_SHARE * total), container)


def _side_box(blocks: list[Block], weights: list[float], first: int, run_start: int,
              total: float, title: str | None) -> bool:
    """Whether the best element (from block ``first``, weighing ``total``) is a box
    further down a run that starts right under the page's headline with prose of
    its own, nearly as heavy: a long profile beside a short article."""
    before = sum(w for w in weights[run_start:first] if w > 0)
    return (first > run_start and before >= _HYBRID_SHARE * total
            and _headed(blocks, run_start, title))


def _is_thread(anchor, content: list[Block]) -> bool:
    """Whether the content is a list of posts: two or more sibling elements inside
    its common ancestor, made alike (same tag and class), each hold two or more of
    its blocks and start with a short line that is no heading (a post's author,
    where an article's section starts with its heading)."""
    held: dict = {}
    for block in content:
        el = block.el
        while el is not None and el is not anchor:
            if el.get("class"):
                held.setdefault(el, []).append(block)
            el = el.getparent()
    alike = Counter(
        (el.getparent(), _signature(el))
        for el, own in held.items()
        if len(own) >= 2 and _is_label(own[0]) and any(_is_prose(b) for b in own[1:])
    )
    return any(n >= 2 for n in alike.values())


def _is_prose(block: Block) -> bool:
    """A line of text, not a link: a post says something (two side boxes of links,
    each under its name, are no thread)."""
    return not block.is_link_list and block.chars >= 4 and bool(_PUNCT.search(block.text))


def _is_label(block: Block) -> bool:
    """A short line without punctuation that is no heading: a user's name, a button
    (``香樟树``, ``评论``), not ``（一）总体要求``."""
    return (
        block.chars <= _MAX_LABEL
        and not _PUNCT.search(block.text)
        and _heading(block.el) is None
        and not is_numbered_heading(block.text)
    )


def _lead_before(weights: list[float], first: int, run_start: int) -> list[int]:
    """A lead paragraph kept in its own box just before the body: positive blocks
    among the few before ``first`` (inside the best run), up to a heavy negative."""
    lead = []
    for i in range(first - 1, max(run_start, first - _LEAD_LOOKBACK) - 1, -1):
        if weights[i] < _LEAD_GAP:
            break
        if weights[i] >= _LEAD_MIN:
            lead.insert(0, i)
    return lead


def _with_headings_before(
    blocks: list[Block], weights: list[float], chosen: list[int]
) -> list[int]:
    """Subheadings right before the chosen blocks: a run of blocks starts at
    prose, so it leaves out the headings of its first section."""
    first = chosen[0] if chosen else 0
    while (
        first > 0
        and blocks[first - 1].el.tag in _HEADINGS
        and weights[first - 1] > _LEAD_GAP
        and not blocks[first - 1].is_link_list
    ):
        first -= 1
    return list(range(first, chosen[0])) + chosen if chosen else chosen


def _to_end_of_box(
    blocks: list[Block], weights: list[float], chosen: list[int]
) -> list[int]:
    """A body cut short by lines that weigh a little below zero each (short, without
    punctuation): the rows of a data table (no links) right after the chosen blocks,
    and the issuing office and date under a notice. The chosen blocks go on over
    the table's rows and then up to ``_SIGNATURE_LINES`` short lines (with no table
    before them, only when they end in a date line), inside the smallest element
    that holds the last chosen block and more, while none is furniture (a link, a
    widget, a block weighing below ``_LEAD_GAP``)."""
    if not chosen or chosen[-1] + 1 >= len(blocks):
        return chosen
    last = chosen[-1]
    table = _enclosing(blocks[last + 1].el, "table")
    if table is not None and _inside(blocks[last].el, table):
        return chosen
    box = _common_ancestor([blocks[last].el, table if table is not None else blocks[last + 1].el])
    if box is None or box.tag in ("body", "html"):
        return chosen

    def mild(i: int) -> bool:
        b = blocks[i]
        return _inside(b.el, box) and weights[i] > _LEAD_GAP and not b.link_chars

    end = last + 1
    while (table is not None and end < len(blocks) and _inside(blocks[end].el, table)
           and mild(end) and _row_cells(blocks[end].el) >= 2):  # a data table has columns; a menu one
        end += 1
    if table is not None and end < len(blocks) and _inside(blocks[end].el, table):
        return chosen           # a table that holds furniture is a layout table
    tail = end
    while (tail < len(blocks) and tail - end < _SIGNATURE_LINES and mild(tail)
           and blocks[tail].chars <= SIGNATURE_CHARS and not R.is_widget(blocks[tail].text)):
        tail += 1
    if end == last + 1:         # no table: a signature only, ending in its date
        tail = next((t + 1 for t in range(tail - 1, end - 1, -1)
                     if R.is_date_line(blocks[t].text)), end)
    return chosen + list(range(last + 1, tail))


def _row_cells(el) -> int:
    """How many cells the table row holding ``el`` has (0 outside a row)."""
    row = _enclosing(el, "tr")
    return 0 if row is None else sum(1 for c in row if c.tag in ("td", "th"))


def _enclosing(el, tag: str):
    """The nearest element named ``tag`` that holds ``el`` (``el`` itself included), or None."""
    while el is not None and el.tag != tag:
        el = el.getparent()
    return el


def _not_a_related_stream(
    blocks: list[Block], weights: list[float], chosen: list[int]
) -> list[int]:
    """Blocks that start with ``你可能还想看``/``相关阅读`` are a stream of related
    stories: take the best run before them instead, if there is one."""
    if not chosen or not R.is_related_heading(blocks[chosen[0]].text):
        return chosen
    start, end = max_run(weights[: chosen[0]])
    return list(range(start, end)) if end > start else chosen


def _own_story(
    blocks: list[Block], weights: list[float], chosen: list[int], title: str | None
) -> list[int]:
    """A page that appends the next story below its own (a feed that loads more as
    one scrolls): the chosen blocks stop at a second ``<h1>`` made like the page's
    headline (same class); when they start there, the best run of blocks between
    the two headlines is the story."""
    if not chosen or not title:
        return chosen
    key = squash(title)
    own = next(
        (i for i, b in enumerate(blocks[: chosen[-1]]) if _is_headline(b, key)), None
    )
    if own is None:
        return chosen
    head = _heading(blocks[own].el)
    if head.tag != "h1" or not head.get("class"):
        return chosen
    sig = _signature(head)
    second = next(
        (
            i
            for i in range(own + 1, chosen[-1] + 1)
            if (h := _heading(blocks[i].el)) is not None
            and _signature(h) == sig
            and squash(blocks[i].text) != key
        ),
        None,
    )
    if second is None:
        return chosen
    kept = [i for i in chosen if i < second]
    if any(i > own and weights[i] > 0 for i in kept):
        return kept
    start, end = max_run(weights[own + 1 : second])
    return list(range(own + 1 + start, own + 1 + end)) if end > start else chosen


def _from_headline(
    blocks: list[Block], weights: list[float], chosen: list[int], title: str | None
) -> list[int]:
    """A run that reaches the page's headline from a side column above it (a list of
    tips or summaries, each a heading, its text and its date; a box of phone lines,
    ``办公室：0575-83026512``, above the main column's breadcrumb; the last cards of a
    list of profiles; a box named as a side column, ``div#sidebar``, holding a
    notice's prose items; a banner's card of another story; then the headline and a
    short article): the blocks before the headline and outside the box that holds
    the headline and the article's first prose go when they are such a list (two or
    more headings and dates, two or more phone lines, ``_last_of_cards``,
    ``_in_side_column``, ``_other_stories``). What is inside that box stays (a lead,
    an 编者按 or a policy's 解读 above the headline)."""
    if not chosen or not title:
        return chosen
    key = squash(title)
    own = next((i for i in chosen if _is_headline(blocks[i], key)), None)
    if own is None or own == chosen[0]:
        return chosen
    prose = next((i for i in chosen if i > own and weights[i] > 0), None)
    if prose is None:
        return chosen
    box = _common_ancestor([blocks[own].el, blocks[prose].el])
    before = [i for i in chosen if i < own and not _inside(blocks[i].el, box)]
    headings = sum(_heading(blocks[i].el) is not None for i in before)
    dates = sum(R.is_date_line(blocks[i].text) for i in before)
    crumb = max((i for i in range(own) if is_breadcrumb(blocks[i].text)), default=-1)
    contacts = sum(bool(_PHONE_LINE.match(blocks[i].text)) for i in before if i < crumb)
    article = {_signature(blocks[i].el) for i in chosen if i > own}
    side_lists = (
        lambda: headings >= 2 and dates >= 2,        # tips or summaries, each with its date
        lambda: contacts >= 2,                       # phone lines above the main column's crumb
        lambda: _last_of_cards(blocks, weights, before, article, chosen[0], blocks[own].el),
        lambda: _in_side_column(blocks, weights, before, blocks[own].el, crumb),
        lambda: _other_stories(blocks, weights, before, key, crumb),
    )
    if not any(found() for found in side_lists):
        return chosen
    return [i for i in chosen if i not in before]


def _other_stories(blocks: list[Block], weights: list[float], before: list[int], key: str,
                   crumb: int = -1) -> bool:
    """Whether every prose block of ``before`` is another story's summary, right under
    that story's linked headline (a 头条 banner's card above the article): above the
    page's breadcrumb, where the headline may be any one link (div.tt-tit); with no
    breadcrumb, a heading's. Not under the breadcrumb (a series' 编者按 under the
    series' linked name)."""
    lo, hi = _HEADLINE_LINK
    prose = [i for i in before if weights[i] > 0]
    if crumb >= 0 and any(i > crumb for i in prose):
        return False
    return bool(prose) and all(
        any((crumb >= 0 or _heading(b.el) is not None) and b.is_link_list and lo <= b.chars <= hi
            and squash(b.text) != key for b in blocks[max(0, i - 2) : i])
        for i in prose)


def _in_side_column(blocks: list[Block], weights: list[float], before: list[int], head,
                    crumb: int = -1) -> bool:
    """Whether the prose of the blocks ``before`` the headline ``head`` all sits in a
    box named as a side column (``sidebar``, ``left``, ``aside`` in its class or id)
    that does not hold the headline (a 信访须知 box of numbered prose items beside the
    article)."""
    prose = [i for i in before if weights[i] > 0]
    if not prose or crumb >= 0 and max(prose) > crumb:
        return False            # under the page's breadcrumb: the article's own (a profile's card)
    el = _common_ancestor([blocks[i].el for i in prose])
    while el is not None and not _inside(head, el):
        if el.tag == "aside" or _SIDE_NAME.search(f"{el.get('class', '')} {el.get('id', '')}"):
            return True
        parent = el.getparent()
        if (crumb >= 0 and parent is not None and _inside(blocks[crumb].el, parent)
                and not _inside(blocks[crumb].el, el) and _inside(head, parent)):
            return True         # a column beside the one that holds the breadcrumb and headline
        el = parent
    return False


def _last_of_cards(blocks: list[Block], weights: list[float], before: list[int],
                   article: set, start: int, head) -> bool:
    """Whether the prose of ``before`` is the end of a list of cards: each of its
    blocks made like (same tag and class) ``_MIN_CARDS`` or more on the page, in a
    box without the headline ``head`` that the run cut into or that is named as a
    side box (``side``, ``left``), and unlike the article's blocks (the last
    doctor's profile of a 专家介绍 box; not a lead above the headline that shares its
    class with a side column's cards)."""
    prose = [i for i in before if weights[i] > 0]
    if not prose:
        return False
    for i in prose:
        sig = _signature(blocks[i].el)
        alike = [j for j, b in enumerate(blocks) if _signature(b.el) == sig]
        if not sig[1] or sig in article or len(alike) < _MIN_CARDS:
            return False
        box = _common_ancestor([blocks[j].el for j in alike])
        if _inside(head, box) or (min(alike) >= start and class_factor(box, {}) >= 1):
            return False            # not cut by the run, nor in a box named as a side box
    return True


def _signature(el) -> tuple:
    return el.tag, (el.get("class") or "").strip()


def repeated_posts(anchor, blocks: list[Block], weights: list[float]) -> list:
    """Elements like ``anchor`` in the other posts of a thread: walk up from the
    content element to an ancestor that has siblings of the same tag and class
    (``div.post``, ``li.reply``), and take the element at the same place inside
    each of them that holds prose. Empty when there is no such repetition."""
    if anchor is None:
        return []
    node, steps = anchor, []
    for _ in range(_MAX_POST_DEPTH):
        parent = node.getparent()
        if parent is None:
            return []
        sig = _signature(node)
        twins = [s for s in parent if s is not node and _signature(s) == sig]
        if twins and (sig[1] or anchor.get("class")):
            bodies = [b for s in twins if (b := _follow(s, steps)) is not None]
            if bodies:
                return bodies
        steps.insert(0, sig)
        node = parent
    return []


def _follow(el, steps: list[tuple]):
    for sig in steps:
        el = next(
            (c for c in el if isinstance(c.tag, str) and _signature(c) == sig), None
        )
        if el is None:
            return None
    return el


def _common_ancestor(els: list):
    if not els:
        return None
    path = list(_ancestors(els[0]))
    for el in els[1:]:
        mine = set(map(id, _ancestors(el)))
        path = [a for a in path if id(a) in mine]
    return path[0] if path else None


def _ancestors(el):
    while el is not None:
        yield el
        el = el.getparent()


def _inside(el, container) -> bool:
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


# -- pruning ------------------------------------------------------------------------
def _is_trailing_link(block: Block) -> bool:
    """A line of a related list: mostly links, or a short line without punctuation."""
    return block.is_link_list or (block.chars < 50 and not _PUNCT.search(block.text))


def _is_headline_part(el) -> bool:
    """A Founder e-paper's 引题, headline or 副题 (``<founder-subtitle>``): the
    headline's, not the text's."""
    return el.tag in _FOUNDER_HEADLINE or (
        len(el) == 1 and el[0].tag in _FOUNDER_HEADLINE and not (el.text or "").strip()
        and not (el[0].tail or "").strip())


def _notice_box(el, text: str, blocks: list[Block]):
    """The box a letter box's notice heads: the nearest box around the heading (a
    ``div``, ``table``, ``ul``…) when it starts with the heading, holds no more than a
    side box's text (the heading and its items) and none of the letter's own lines;
    else the heading alone."""
    box = el.getparent()
    while box is not None and box.tag not in _BOXES:
        box = box.getparent()
    if box is None:
        return el
    inside = squash("".join(box.itertext()))
    if (len(inside) > _NOTICE_BOX or not inside.startswith(squash(text)[:4])
            or any(_inside(b.el, box) and R.letter_line(b.text) for b in blocks)):
        return el
    return box


def _outside_notice_boxes(blocks: list[Block], content: list[Block]) -> list[Block]:
    """On a letter page, the content without the items of a letter box's notice
    whose heading (写信须知) was left out of the content: the run may start at its
    second item."""
    if not any((x := R.letter_line(b.text)) is not None and x[0] == "text" for b in content):
        return content
    chosen = set(map(id, content))
    boxes = [box for b in blocks if id(b) not in chosen and R.is_mailbox_notice(b.text)
             and (box := _notice_box(b.el, b.text, blocks)) is not b.el]
    return [b for b in content if not any(_inside(b.el, box) for box in boxes)] if boxes else content


def _sign_off(text: str, *, whole: bool = True) -> bool:
    """A notice's 落款: its issuing offices, then a date line (``whole``), or any line
    of one (an office's, a date's)."""
    lines = R.text_lines(text)
    if not whole:
        return bool(lines) and all(is_issuer(x) or R.is_date_line(x) for x in lines)
    return (len(lines) >= 2 and R.is_date_line(lines[-1])
            and all(is_issuer(x) for x in lines[:-1]))


def _body_section(text: str, out: list[str], after: list[Block]) -> bool:
    """Whether a related-list or comments heading is the body's own section: a
    ``【相关文件】`` among the body's ``【…】`` headings (a 办事指南's), or ``精选留言``
    over prose (a post presenting readers' messages; WeChat's comment area starts with
    a nickname)."""
    if _RELATED_SECTION.match(text):
        return any(_BRACKET_SECTION.match(x) for x in out)
    if _INFO_SECTION.match(text):       # 相关信息 heading the article's own paragraphs
        return (bool(after) and not after[0].is_link_list and after[0].chars >= _MIN_MESSAGE
                and bool(_CLAUSE.search(after[0].text)) and not R.is_date_line(after[0].text))
    return bool(_OWN_MESSAGES.match(text)) and bool(after) and not after[0].is_link_list and (
        after[0].chars >= _MIN_MESSAGE and bool(_PUNCT.search(after[0].text))
        and not R.is_tail_heading(after[0].text))


def _letter_box(el):
    """The table or box that holds a letter's first field (its fields and its text)."""
    el = el.getparent()
    while el is not None and el.tag not in ("table", "div", "dl", "ul", "form"):
        el = el.getparent()
    return None if el is None or el.tag in ("body", "html") else el


def _quoted_post(el) -> bool:
    """Whether ``el`` sits in a quote of an earlier post (Discuz ``div.quote``), which
    opens with that post's header (``溪畔老周 发表于 2024-6-17 09:42``); a quote the
    poster typed ([quote] of a notice, a news story) is the post's own text."""
    quote = _box_named(el, _QUOTE_BOX)
    lines = R.text_lines(text_content(quote)) if quote is not None else []
    return bool(lines) and bool(_POSTED.match(lines[0]))


def _box_named(el, names: re.Pattern):
    """The element (``el`` or one of its few nearest ancestors) whose id or class
    ``names`` matches, or None: a forum post's log of ratings (Discuz ``dl.rate``),
    its poster's panel, a quote."""
    for _ in range(_BOX_DEPTH):
        if el is None:
            return None
        if names.search(el.get("id", "")) or names.search(el.get("class", "")):
            return el
        el = el.getparent()
    return None


# a labelled line of an article's text with a time of day in it: 报名截止：5月20日17:00,
# 咨询电话：0578-6623107（工作日8:30—17:00） (no post's timestamp: a word or a phone beside it)
_LABELLED_TIME = re.compile(r"^\s*[\u4e00-\u9fff]{2,8}\s*[:：](?!.*\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
                            r".*?(?:\d{1,2}月\d{1,2}日|\d{3,4}-?\d{7,8})")
_WECHAT_META = re.compile(r"^(?:meta_content|rich_media_meta_list)$")  # 原创 · author · account


def prune(blocks: list[Block], meta: dict, thread: bool = False) -> list[str]:
    """Body lines of the content blocks; header fields go into ``meta``. In a
    ``thread``, a short line that recurs (a user's name, a ``评论`` button under
    every post) is furniture, and not the end of the text. (Not in an article:
    there such a line is often a subheading that a table of contents names first.)"""
    out: list[str] = []
    in_related = False
    prose = 0
    notice = None        # the box of a letter box's notice (写信须知 and its items)
    seen = Counter(b.text for b in blocks) if thread else Counter()
    signed = {j for k, (b, after) in enumerate(zip(blocks, blocks[1:]))   # a reply's 落款 lines
              if thread and not b.is_link_list and is_issuer(b.text) and R.is_date_line(after.text)
              and not _TIME_OF_DAY.search(after.text)        # a post's time: its header
              for j in (k, k + 1)}
    letters = [R.letter_line(b.text) for b in blocks]
    letter_page = any(x is not None and x[0] == "text" for x in letters) or (   # 来信内容：…
        any(x is not None and x[0] == "title" for x in letters)                  # 信件标题：… and
        and sum(x is not None and x[0] == "field" for x in letters) >= 2)         # two fields
    if letter_page:     # a label spaced to its cell's width may lack its colon there
        letters = [R.letter_line(b.text, letter_page=True) for b in blocks]
    first_letter = next((k for k, x in enumerate(letters) if x), 0) if letter_page else 0
    letter_box = _letter_box(blocks[first_letter].el) if letter_page else None
    counted = {k for k in range(len(blocks))          # 积分 beside 1320: a panel's label
               if any(_COUNT.match(b.text) for b in blocks[max(0, k - 1) : k + 2 : 2])
               } if thread else set()
    panel = [R.panel_fields(b.text) if thread else 0 for b in blocks]
    body = [0, 0]       # prose blocks and characters since the last header line or heading
    closed = False      # past the print/close bar: only its byline and source still count
    texts = [k for k, b in enumerate(blocks) if b.chars >= _FOOTER_PROSE and _CLAUSE.search(b.text)
             and not b.is_link_list]
    last_text = max(texts, default=-1)          # a footer's words inside the text are the text's
    text_boxes = {blocks[k].el.getparent() for k in texts}
    for k, (block, letter) in enumerate(zip(blocks, letters)):
        text = block.text
        if closed:
            for key, value in (R.line_fields(text) or {}).items():
                meta.setdefault(key, value)
            continue
        if in_related and _is_trailing_link(block):
            continue
        in_related = False
        if notice is not None and _inside(block.el, notice):
            continue
        if letter_page and R.is_mailbox_notice(text):
            box = _notice_box(block.el, text, blocks)
            if not (box is block.el and prose and R.is_tip_heading(text)):
                notice = box
                continue            # (a reply's own 温馨提示 paragraph, in its text: kept)
        if letter_page and R.is_mailbox_heading(text):
            continue
        if R.is_disclaimer(text) and prose >= _ARTICLE_BEFORE_END:
            break
        if k in signed and prose:      # an office's reply signed under its text (its name recurs)
            out.append(text.strip())
            continue
        if thread and _QUICK_REPLY.match(text):
            continue                # a thread's 快速回复 button (in an article: 【快速回复】 a heading)
        if thread and seen[text] > 1 and _is_label(block):
            continue
        if not thread and R.is_prev_next(text) and prose >= _ARTICLE_BEFORE_END:
            break  # the links to the neighbouring stories close the article
        if (not thread and R.is_print_close(text) and prose >= _ARTICLE_BEFORE_END
                and (body[0] >= 2 or body[1] >= _PRINT_BAR_BODY)):
            closed = True  # so does the print/close bar under a body (not a top toolbar's)
            continue
        if R.is_tail_heading(text) and not _body_section(text, out, blocks[k + 1 : k + 2]):
            if prose >= _ARTICLE_BEFORE_END:
                break  # the article ended; related items or comments follow
            in_related = True
            continue
        if (block.is_link_list or _is_headline_part(block.el)
                or _box_named(block.el, _WECHAT_META) is not None):
            continue
        if letter is not None:                                  # 来信内容：… 回复单位：…
            kind, value = letter
            if kind == "text" and value:
                out.extend(x for x in value.split("\n") if x.strip())
                prose += len(value)
            elif kind == "title" and value:
                meta.setdefault("letter_title", value)
            elif kind == "field" and (date := R.letter_date(value)):
                meta.setdefault("date", date)       # 来信时间 before 回复时间: the letter's
            continue
        if prose and not thread and R.is_date_line(text) and out and is_issuer(out[-1]):
            out.append(text.strip())  # the date under a notice's issuing office
            continue
        fields = R.line_fields(text)
        if fields and "original_title" in fields and any(
                _CORRECTED.match(b.text) for b in blocks[max(0, k - 1) : k + 2]):
            fields = None       # 原标题：… beside 更正为：…: the correction's own text
        schedule = bool(prose) and R.is_schedule_time(text)   # 坐诊时间：… among the text
        if fields is not None and not schedule:  # before widgets: 编辑：…
            body = [0, 0]
            for key, value in fields.items():
                meta.setdefault(key, value)
            continue
        footer_words = k > last_text and block.el.getparent() not in text_boxes
        if R.is_widget(text) or R.is_copyright(text, footer_words) or R.is_disclaimer(text):
            continue
        labelled = not thread and bool(prose) and bool(_LABELLED_TIME.match(text))   # 报名截止：5月20日17:00
        if ((R.is_post_furniture(text) and not (prose and _sign_off(text)) and not schedule and not labelled
             and not (block.el.tag == "tr" and not thread and R.is_schedule_row(text)))
                or R.is_player_control(text)):
            continue                # (a notice's 落款 of office and date is no post's)
        if panel[k] and (panel[k] >= 2 or any(panel[j] for j in (k - 1, k + 1) if 0 <= j < len(panel))):
            continue                # phpwind's panel: 发帖：37 beside 威望：4 点
        if thread and (R.is_user_panel(text) and (not R.is_panel_label(text) or k in counted)
                       or _SIGNATURE.search(block.el.get("class", ""))
                       and not _sign_off(text, whole=False)):
            continue                # a poster's panel (a label beside its count) and signature
        if thread and (_box_named(block.el, _RATE_LOG) is not None
                       or _box_named(block.el, _POST_BOX) is not None or _quoted_post(block.el)):
            continue                # a post's ratings (参与人数 6 威望 +6 …), panel, quote
        if k < first_letter and not SENTENCE_END.search(text) and not (
                letter_box is not None and _inside(block.el, letter_box)):
            continue                # above the letter: its box's menus, leaders, statistics, crumb
        out.extend(x for x in text.split("\n") if x.strip() and not R.is_edit_stamp(x))
        prose += block.chars if _PUNCT.search(text) else 0
        if block.el.tag in ("h1", "h2", "h3"):
            body = [0, 0]
        elif _PUNCT.search(text):
            body = [body[0] + 1, body[1] + block.chars]
    return out


# -- index pages --------------------------------------------------------------------
def headline_links(root) -> int:
    """Links whose text is headline-sized (6 to 60 characters)."""
    lo, hi = _HEADLINE_LINK
    length = "string-length(normalize-space(.))"
    return int(root.xpath(f"count(//a[{length} >= {lo} and {length} <= {hi}])"))


def script_records(html: str) -> int:
    """Headline links kept as records of a script's data block (a Hanweb ``jpage``
    column: ``<script type="text/xml"><datastore><record><![CDATA[<a …>…</a>``), or
    headline-sized ``"title": "…"`` values of a paged JSON list (``var listData =
    {"total": 128, "pageSize": 15, "list": [{"title": …}]}``), which the browser turns
    into the page's list."""
    lo, hi = _HEADLINE_LINK
    patterns = (_RECORD_LINK, _JSON_TITLE) if _JSON_PAGING.search(html) else (_RECORD_LINK,)
    return sum(lo <= len(squash(m)) <= hi for pattern in patterns for m in pattern.findall(html))


def _check_not_index(root, html: str, blocks: list[Block], content: list[Block],
                     title: str | None, paragraphs: list[str], headed: bool) -> None:
    """Raise ``IndexPageError`` for many headline links and little prose, unless the
    text follows the page's own headline (a short article on a busy page); or for
    a paged list (``共286条``, ``共9页``, or its records kept in a script) beside no
    more than a side box's prose (a column's lead summary, a town's profile); or for
    a column whose text is a lead card among many headline links (``_lead_card``)."""
    prose = sum(len(p) for p in paragraphs if _PUNCT.search(p) and not _CONTACT.match(p))
    if headed:
        return
    links = headline_links(root)
    if links >= _MIN_INDEX_LINKS and prose < 100:
        raise IndexPageError(links, prose)
    if paragraphs and links >= _MIN_LISTED and sum(map(len, paragraphs)) < _BARE_TEXT and not any(
            _CLAUSE.search(p) for p in paragraphs if not _ADDRESS.match(p)) and not (
            content and _own_headline_near(blocks, blocks.index(content[0]), title)):
        raise IndexPageError(links, prose)   # no sentence beside 8 headlines: a photo wall's address
    if prose >= _PAGED_LIST_PROSE:
        return
    for b in blocks:        # a list's pager: 20 records, or 5 pages beside many headlines
        if (pager := R.list_pager(b.text)) and (
                pager[0] >= _MIN_PAGED or (pager[1] >= 5 and links >= _MIN_INDEX_LINKS)):
            raise IndexPageError(links, prose)
    if (records := script_records(html)) >= _MIN_INDEX_LINKS:   # a side box holds fewer
        raise IndexPageError(records, prose)
    if links >= _MIN_INDEX_LINKS and content and _lead_card(
            blocks, blocks.index(content[0]), blocks.index(content[-1]), title):
        raise IndexPageError(links, prose)      # a column led by a story's card


def _own_headline_near(blocks: list[Block], first: int, title: str | None) -> bool:
    """Whether a block near the text (from block ``first``) is the page's own headline,
    long enough not to be a column's name (a div.title, a cell's)."""
    key = squash(title or "")
    near = blocks[max(0, first - _HEADLINE_GAP) : first + _HEADLINE_GAP]
    return len(key) >= _MIN_HEADLINE and any(squash(b.text) == key and not b.is_link_list for b in near)


def _lead_card(blocks: list[Block], first: int, last: int, title: str | None) -> bool:
    """Whether the text (blocks ``first`` to ``last``) is a column's lead card, the
    summary of another page's story: right under a heading that links to that story,
    or right above a link to read it (``[详细]``, ``详情>>``), either in the text's own
    box; not near a line that is the page's own headline."""
    lo, hi = _HEADLINE_LINK
    if _own_headline_near(blocks, first, title):
        return False                    # the page's own headline (a div's, a cell's)
    key = squash(title or "")
    box = blocks[first].el.getparent()
    linked_heading = any(
        _heading(b.el) is not None and b.is_link_list and lo <= b.chars <= hi
        and squash(b.text) != key and _inside(b.el, box)
        for b in blocks[max(0, first - 2) : first]
    )
    read_more = any(b.is_link_list and _READ_MORE.match(b.text) and _inside(b.el, box)
                    for b in blocks[last + 1 : last + 2])
    return linked_heading or read_more


def _check_not_a_list(content: list[Block], paragraphs: list[str], headed: bool) -> None:
    """Raise ``IndexPageError`` for a list of linked headlines, each with a snippet (a
    channel page with summaries, search results), or, when the text is not under the
    page's own headline, of linked office names, each with its duties (内设机构):
    ``_MIN_LISTED`` or more such links followed by text, for nearly every paragraph."""
    lo, hi = _HEADLINE_LINK
    story = list(accumulate(        # a story's prose so far: no contact line, no snippet
        b.chars if (not b.is_link_list and _CLAUSE.search(b.text) and not _CONTACT.match(b.text)
                    and not _ADDRESS.match(b.text) and not (i and content[i - 1].is_link_list))
        else 0 for i, b in enumerate(content)))
    end = next((i for i, b in enumerate(content)    # a side menu's 图片新闻 above the list, or
                if story[i] >= _ARTICLE_BEFORE_END and R.is_tail_heading(b.text)),  # under a
               len(content))                        # side box's address, is no story's tail
    content = content[:end]          # not the related stories under an article
    at = [i for i, (b, after) in enumerate(zip(content, content[1:]))  # a headline, then its snippet
          if b.is_link_list and not after.is_link_list and not R.is_date_line(after.text)
          and (lo <= b.chars <= hi or (not headed and _OFFICE.match(b.text)))]
    if len(at) < _MIN_LISTED:
        return
    items = [at[0]] + [j - i for i, j in zip(at, at[1:])] + [len(content) - at[-1]]
    texts = [p for p in paragraphs if not _CONTACT.match(p)]    # an item's phone line is its own
    # nearly every paragraph a snippet, or nothing but short items from the top (search hits)
    if len(at) >= 0.7 * len(texts) or max(items) <= _ITEM_BLOCKS:
        raise IndexPageError(len(at), sum(len(p) for p in paragraphs))


def _check_not_a_list_table(content: list[Block]) -> None:
    """Raise ``IndexPageError`` for a table of linked documents, one a row with its
    date (序号, 索引号, 名称, 发布日期: a 信息公开 column), that makes most of the text."""
    rows = [b for b in content if b.el.tag == "tr" and b.link_chars >= _HEADLINE_LINK[0]
            and _ROW_DATE.search(b.text)]
    if len(rows) >= _MIN_LISTED and len(rows) >= _LIST_TABLE_SHARE * len(content):
        listed = set(map(id, rows))
        raise IndexPageError(len(rows), sum(b.chars for b in content if id(b) not in listed))


def _check_not_a_roster(paragraphs: list[str], title: str | None, headed: bool) -> None:
    """Raise ``IndexPageError`` for a page of leaders and their duties (领导之窗:
    a name, ``职务：…``, ``工作分工：…`` for each, or the post on a line and ``负责…``
    under it; a school's or hospital's cards, ``任教学科：…``, ``所在科室：…``; not a
    notice that sets them out, under
    its headline or titled as a document) or a site map with at most an introductory
    sentence."""
    duties = sum(bool(_DUTY.match(p)) for p in paragraphs)
    cards = [p for p in paragraphs if not (_POST.match(p) or is_chinese_name(p))]  # less names, posts
    if sum(len(p) for p in cards if not _DUTY_SENTENCE.match(p)) <= _ROSTER_PROSE:  # no story
        duties += sum(bool(_POST.match(a) and _DUTY_SENTENCE.match(b))      # 副县长, 负责…工作。
                      for a, b in zip(paragraphs, paragraphs[1:]))
    prose = sum(len(p) for p in paragraphs)
    document = headed or bool(title and _DOCUMENT_TITLE.search(title))
    names = sum(bool(is_chinese_name(p)) for p in paragraphs)
    if duties >= 3 and (duties >= 0.4 * len(cards) or names >= 3 and duties >= 0.8 * names) and not document:
        raise IndexPageError(duties, prose)
    if title and _SITE_MAP.search(title) and prose < _SITE_MAP_PROSE:
        raise IndexPageError(0, prose)


def _check_not_a_topic_page(root, blocks: list[Block], content: list[Block],
                            title: str | None, headed: bool) -> None:
    """Raise ``IndexPageError`` for a 专题 (special topic) landing page: two or more
    boxes of links whose headers end with ``更多>>``, and as its only text a short
    introduction (under a ``专题简介`` heading, or on a page whose breadcrumb ends in
    the topic's name under 专题) or, under no headline of the page's own, the cards
    of one of those boxes (their summaries). An article of the topic, whose
    breadcrumb may also end in its headline, is longer than an introduction."""
    texts = [b for b in content if not b.is_link_list]     # not the boxes' links
    prose = sum(b.chars for b in texts)
    if not texts or prose > _TOPIC_INTRO_PROSE or any(_heading(b.el) is not None and not b.is_link_list
                                                       for b in content[1:]):
        return
    heads = [b for b in blocks if len(b.text) <= _MAX_BOX_HEAD and _BOX_MORE.match(b.text)]
    if len(heads) < 2:
        return
    key = squash(title or "")
    crumbs = [re.split("[>＞»]", b.text)[-1] for b in blocks if is_breadcrumb(b.text) and "专题" in b.text]
    topic_home = any(squash(crumb) == key for crumb in crumbs)
    own = len(key) >= _MIN_HEADLINE and any(squash(b.text) == key for b in texts)
    boxed = not headed and not own and any(all(_inside(b.el, h.el.getparent()) for b in texts) for h in heads)
    if _TOPIC_INTRO.match(content[0].text) or topic_home or boxed:
        raise IndexPageError(headline_links(root), prose)


def _headed(blocks: list[Block], first: int, title: str | None) -> bool:
    """Whether the content (from block ``first``) follows, within a few blocks, an
    ``<h1>`` that is the page's headline: long enough not to be a channel name like
    ``通知公告``, and not also a link on the page (a site's name in a logo)."""
    if not title or len(squash(title)) < _MIN_HEADLINE:
        return False
    key = squash(title)
    near = blocks[max(0, first - _HEADLINE_GAP) : first + 1]
    return any(
        _is_headline(b, key) and _heading(b.el).tag == "h1" and not b.is_link_list
        for b in near
    ) and not any(b.is_link_list and squash(b.text) == key for b in blocks)


def _heading(el):
    """The heading element ``el`` is or sits directly in (``<h1><div>…``), or None."""
    if el.tag in _HEADINGS:
        return el
    parent = el.getparent()
    return parent if parent is not None and parent.tag in _HEADINGS else None


def _is_headline(block: Block, key: str) -> bool:
    """A heading (or a box inside one) whose text is the headline ``key``."""
    return _heading(block.el) is not None and squash(block.text) == key


# -- the extractor ------------------------------------------------------------------
def extract_html(html: str, *, url: str | None = None) -> WebPage:
    """The main text and metadata of one decoded HTML page.

    Raises ``IndexPageError`` for a page that is a list of links and
    ``HtmlParseError`` for text lxml cannot read as HTML.
    """
    root = parse_html(html)
    blocks = text_blocks(root)
    cache: dict = {}
    weights = [_weighted(b, cache) for b in blocks]
    tags = meta_tags(root, html)
    title = find_title(root, tags)
    content, thread = select_content(blocks, weights, title)
    content = _outside_notice_boxes(blocks, content)
    found: dict = {}
    paragraphs = prune(content, found, thread)
    first = blocks.index(content[0]) if content else len(blocks)
    headed = bool(content) and _headed(blocks, first, title)
    _check_not_index(root, html, blocks, content, title, paragraphs, headed)
    _check_not_a_list(content, paragraphs, headed)
    if not headed:
        _check_not_a_list_table(content)
    _check_not_a_roster(paragraphs, title, headed or _own_headline_near(blocks, first, title))
    _check_not_a_topic_page(root, blocks, content, title, headed)
    meta = page_metadata(
        root,
        _blocks_before(blocks, content, first),
        found,
        url=url,
        content=content,
        tags=tags,
        title=title,
        closing=R.trailing_byline(paragraphs[-1]) if paragraphs and not thread else [],
        after=_blocks_after(blocks, content),
    )
    if found.get("letter_title"):     # a letter's page: the letter's title is its headline
        meta["title"] = meta.pop("letter_title")
    if thread and meta.get("title"):  # a thread's subject without its category: [求助] …
        meta["title"] = _THREAD_TAG.sub("", meta["title"]) or meta["title"]
    paragraphs = _drop_repeats(_drop_title_lines(paragraphs, meta.get("title")))
    boxed = {squash(a.text) for a, b in zip(content, content[1:])   # a box of its own (div.intro)
             if (a.el.getparent() is not b.el.getparent() or _signature(a.el) != _signature(b.el))
             and _named_box(a.el, b.el)}     # not the body's own first paragraph (p.MsoNormal)
    paragraphs = _drop_summary(paragraphs, tags.get("description"), boxed)
    return WebPage(
        paragraphs=paragraphs,
        title=meta.pop("title", None),
        date=meta.pop("date", None),
        source=meta.pop("source", None),
        authors=meta.pop("authors", []),
        meta=meta,
    )


def _blocks_before(blocks: list[Block], content: list[Block], first: int) -> list[Block]:
    """The blocks before the content (from block ``first``), then those skipped
    among its first lines (a ``作者：… 时间：…`` line between a lead and the body)."""
    if not content:
        return blocks
    chosen = set(map(id, content))
    near = []
    for b in blocks[first : first + _SKIPPED_NEAR_TOP]:
        if R.is_tail_heading(b.text):
            break       # a short text's window reaches past it: the next lines are others'
        if id(b) not in chosen:
            near.append(b)
    return blocks[:first] + near


def _blocks_after(blocks: list[Block], content: list[Block]) -> list[Block]:
    """The blocks after the content's last block."""
    if not content:
        return []
    return blocks[blocks.index(content[-1]) + 1 :]


def _drop_repeats(paragraphs: list[str], min_len: int = 10) -> list[str]:
    """A paragraph repeated verbatim (a page that renders its text twice) once."""
    seen: set[str] = set()
    out = []
    for p in paragraphs:
        if len(p) >= min_len:
            if p in seen:
                continue
            seen.add(p)
        out.append(p)
    return out


def _named_box(el, nxt) -> bool:
    """Whether a line above the body sits in a box of its own that has a name
    (``div.intro``, ``div.summary``), not in the body's container: a Word-pasted first
    paragraph (``p.MsoNormal`` among ``<p>``s) or an editor's styled ``<section>``
    around it is the body's own."""
    box = el.getparent() if el.tag == "p" else el
    return box is not None and box is not nxt.getparent() and bool((box.get("class") or "").strip())


def _drop_summary(paragraphs: list[str], description: str | None,
                  boxed: set | frozenset = frozenset()) -> list[str]:
    """The first summary box above the body that repeats it (``_is_summary``) goes."""
    desc = squash(_ELLIPSIS.sub("", description or ""))
    for i, line in enumerate(paragraphs[: min(_TITLE_WINDOW, len(paragraphs)) - 1]):
        if _is_summary(line, paragraphs[i + 1 : i + 3], desc, boxed):
            return paragraphs[:i] + paragraphs[i + 1 :]
    return paragraphs


def _is_summary(line: str, after: list[str], desc: str, boxed: set | frozenset) -> bool:
    """Whether ``line``, above the lines ``after`` it, is a summary box: a line the
    next line starts with (an intro box holding the lead's first sentence), or the
    page's meta description ``desc`` (both filled from the CMS's summary field) shown
    under a ``内容提要：`` or ``【导读】`` label, or opening as the next line does,
    labelled ``摘要：`` (not a paper's own abstract) or alone and no longer than the
    description (not a first paragraph the CMS cut for it), or in a box of its own
    (``boxed``: ``div.intro`` above ``<p>``s), all of the description and cut with
    ``……`` or restated by the next lines, or a teaser cut shorter than it."""
    body = squash(_SUMMARY_LABEL.sub("", line))
    if len(body) < _MIN_SUMMARY:
        return False
    nxt, text = squash(after[0]), _ELLIPSIS.sub("", body)
    if nxt.startswith(body) and len(nxt) > len(body):
        return True
    if len(desc) < _MIN_SUMMARY:
        return False
    cut, own_box = bool(_ELLIPSIS.search(line)), body in boxed
    if not text.startswith(desc):
        return own_box and cut and desc.startswith(text)
    shared = nxt[:_SHARED_OPENING] == body[:_SHARED_OPENING]
    return (bool(_BOX_LABEL.match(line))
            or shared and (body != squash(line) or len(text) <= len(desc) + _CUT_SLACK)
            or own_box and text == desc and (cut or _restated(text, after)))


def _restated(text: str, after: list[str]) -> bool:
    """Whether most of ``text``'s character pairs come again in the lines ``after``."""
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    later = "".join(squash(x) for x in after)
    return bool(pairs) and sum(p in later for p in pairs) >= _RESTATED * len(pairs)


def _drop_title_lines(paragraphs: list[str], title: str | None) -> list[str]:
    """The headline repeated near the top of the body (see ``_title_at``), and the
    channel names or breadcrumbs (short lines without punctuation) before it."""
    plain = 0                 # the headline repeated as written: once only (a poem's first line)
    for _ in range(2):        # a 标　题： row above the headline: both go
        at, lines = _title_at(paragraphs[:_TITLE_WINDOW], squash(title)) if title else (None, 0)
        if at is None:
            break
        if lines == 1 and not any(_TITLE_LABEL.match(p) for p in paragraphs[: at + 1]):
            plain += 1
            if plain > 1:
                break
        if (any(_PUNCT.search(p) and len(p) > 30 for p in paragraphs[:at])
                or _NAME_LABEL.match(paragraphs[at])):   # a record's 名　称： row: its rows above stay
            paragraphs = paragraphs[:at] + paragraphs[at + lines :]
        else:
            paragraphs = paragraphs[at + lines :]
    return paragraphs


def _title_at(head: list[str], key: str) -> tuple[int | None, int]:
    """Where the headline (``key``, squashed) stands among the first lines, and in how
    many: alone, with a thread's category (``[求助] …``), as a document header's
    ``标　题：…`` row, or broken in two lines (a headline and its ``——`` subtitle)."""
    for strip in (None, _THREAD_TAG, _TITLE_LABEL):
        lines = [squash(strip.sub("", p) if strip else p) for p in head]
        if key in lines:
            return lines.index(key), 1
    for i in range(len(head) - 1):
        if squash(head[i]) + squash(head[i + 1]) == key:
            return i, 2
    return None, 0
