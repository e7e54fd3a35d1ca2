"""What a single line of extracted text is: body, heading, byline, credit or boilerplate.

Every rule is a small pure function of one normalised line, so each can be tested
from a table of examples (``tests/test_lines.py``). The splitter and the cleaner
both read these classifications; no rule lives anywhere else.
"""
from __future__ import annotations

import re
from functools import lru_cache

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# Common Chinese surnames (single and double), for telling a byline from a headline.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简"
    "车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄"
    "丛仲虞敖巩明佘池查麻苑迟邝封钮楼竺储茅瞿"
    "奚阎宦逄蔺庹粟鞠郜芮濮扈郏庾殳晁訾阚乜蒯逯仝钭糜缑"  # rarely the start of a word
) | {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐"}

TERMINAL = "。！？!?…；;：:"
_CLOSERS = "”’」』）)】"
NUMBERED_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|——|第[一二三四五六七八九十]+[章节部分])"
)
_SENTENCE_PUNCT = re.compile("[，,。；;！!？?]")  # not 、 or ：, which headlines use
_NAME = re.compile(f"^[{CJK}]{{2,4}}$")
_NAME_SEP = re.compile(r"[\s、，,]+")
_BYLINE_PREFIX = re.compile(r"^(?:本报记者|记者|通讯员|文/|文|作者[:：]?|撰稿[:：]?)\s*")
_PHOTO_CREDIT = re.compile(
    rf"^(?:[^\s。！？]{{0,40}}[\s/]+|(?:资料图片?|资料照片|图片来源[:：][^\s。]{{1,20}})[。，]\s*)?[{CJK}]{{2,4}}(?:\s+[{CJK}]{{2,4}}){{0,4}}\s*/?摄(?:影)?$|^[（(]?(?:图片|图)由.{{1,30}}提供[)）]?$|^(?:图|图片|摄影)[:：/].{{1,30}}$"
)
_NAV = re.compile(r"^(?:您当前的位置|您现在的位置|当前位置|您的位置|现在位置|所在位置|首页\s*[>＞»])")
_WIDGET = re.compile(r"^(?:【?字体[:：]?\s*[大中小\s]*】?|字号[:：]?\s*[大中小\s]*|打印本页|关闭窗口|分享到[:：]?.*|【?打印】?|【?关闭】?|扫一扫.{0,20})$")
_DATE_PIECE = re.compile(
    r"^(?:[—\-\s]*\d{4}[—\-\s]*|\d{1,2}/\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?|(?:发布|更新)?时间[:：](?!.*(?:星期|周[一二三四五六日天]|[上中下]午|晚上|\d\s*[至到—]\s*\d)).{0,30})$"
)
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_SOURCE_LINE = re.compile(r"(?:^|\s)(?:来源|稿源)[:：]\s*(\S+)")
_AUTHOR_FIELD = re.compile(r"作者[:：]\s*(.+)$")
_COPYRIGHT = re.compile(r"版权所有|版权和免责|免责声明|免责申明|Copyright|©|未经授权|转载请注明|ICP备|网安备")
_EDITOR = re.compile(r"^标签[:：]|责任编辑[:：]|^编辑[:：]|^审核[:：]|^校对[:：]|^【纠错】|^\[纠错\]")
_CMS = re.compile(r"Produced By|大汉网络|技术支持[:：]|联系我们\s*[:：]|"
                  r"(?:^|(?<=[\s|｜]))(?:网站地图|联系我们)(?=$|[\s|｜])")
_INDEX_NO = re.compile(r"^(?:索引号[:：]?\s*)?[0-9A-Z]{8,}/\d{4}-\d+$")


def is_breadcrumb(line: str) -> bool:
    """``当前位置：首页 > 新闻中心 > 正文``."""
    return bool(_NAV.match(line))


def is_terminated(line: str) -> bool:
    """Does the line end a sentence (possibly inside closing quotes or brackets)?"""
    if line and line[-1] in TERMINAL:
        return True
    core = line.rstrip(_CLOSERS)
    return core != line and bool(core) and core[-1] in TERMINAL


def is_numbered_heading(line: str) -> bool:
    """``一、`` ``（一）`` ``1.`` ``——`` style headings of reports."""
    return bool(NUMBERED_HEADING.match(line))


def has_sentence_punct(line: str) -> bool:
    return bool(_SENTENCE_PUNCT.search(line))


@lru_cache(maxsize=8192)
def _byline_names(line: str) -> tuple[str, ...] | None:
    names = _parse_byline(line)
    return None if names is None else tuple(names)


def byline_names(line: str) -> list[str] | None:
    """The author names if the line is a byline (``应磊 孙志鹏 应雨航``), else None."""
    if len(line) > 40:
        return None
    names = _byline_names(line)
    return None if names is None else list(names)


def is_chinese_name(word: str) -> bool:
    """Two to four Chinese characters starting with a common surname (``应雨航``)."""
    return bool(_NAME.match(word)) and (word[0] in SURNAMES or word[:2] in SURNAMES)


def _parse_byline(line: str) -> list[str] | None:
    """The author names if the line is a byline (``应磊 孙志鹏 应雨航``), else None."""
    rest = _BYLINE_PREFIX.sub("", line.strip())
    parts = [p for p in _NAME_SEP.split(rest) if p]
    if not 1 <= len(parts) <= 5:
        return None
    if not all(map(is_chinese_name, parts)):
        return None
    if len(parts) == 1 and rest == line.strip() and len(parts[0]) > 3:
        return None  # a lone four-character word is a caption, not a name
    return parts


def is_photo_credit(line: str) -> bool:
    """``王凯艺 吴超 摄``, ``葛岙水库航拍图 樊建威 摄``, ``（图片由泗门镇提供）``."""
    # Each form needs 摄, 提供 or a leading 图: most lines are ruled out by a look.
    return (len(line) <= 60 and ("摄" in line or "提供" in line or line[:1] == "图")
            and bool(_PHOTO_CREDIT.match(line)))


# Every branch of these but one (``责任编辑：``) is anchored at the start of the line,
# so they are tried there only (``match``) and the one is looked for anywhere.
_SHORT_BOILERPLATE = re.compile("|".join(f"(?:{p.pattern})" for p in (_NAV, _WIDGET, _DATE_PIECE, _EDITOR, _INDEX_NO)))
_EDITOR_ANYWHERE = "责任编辑[:：]"
# Flat alternations of literals: ``re`` then skips to the next possible first character.
_ANY_BOILERPLATE = re.compile(f"{_COPYRIGHT.pattern}|{_CMS.pattern}")
_MARKER = re.compile(f"{_COPYRIGHT.pattern}|{_CMS.pattern}|{_EDITOR_ANYWHERE}")


@lru_cache(maxsize=8192)
def is_boilerplate(line: str) -> bool:
    """Navigation, widgets, bare date/time pieces, copyright, tags/editor lines, CMS
    footers and document index numbers: never article text."""
    if len(line) <= 80:
        return bool(_SHORT_BOILERPLATE.match(line) or _MARKER.search(line))
    return bool(_ANY_BOILERPLATE.search(line))


SENTENCE_END = re.compile(r"[。！？!?]")   # a sentence's end
_CJK_CHAR = re.compile(f"[{CJK}]")


SIGNATURE_CHARS = 30  # an issuing office's line under a notice
PROSE_CLAUSE = re.compile("[，。！？；]")   # a clause of prose (a colon may end a label)
CLAUSE_MARK = re.compile("[，。！？；：、,!?;]|[.](?!\\d)")  # punctuation of a clause or sentence


def is_signature(line: str) -> bool:
    """An issuing office's line under a notice: short, no punctuation (``某某县教育局``)."""
    return len(line) <= SIGNATURE_CHARS and not CLAUSE_MARK.search(line)


_ISSUER_END = re.compile(
    "(?:局|委|会|部|府|办|社|院|中心|组|所|站|处|室|队|校|学|园|馆|司|厂|行|店|台|团|联|科|庭|街道|镇|乡|村|"
    "区|县|市|省|公司|集团|协会|支部|总支|党委)$"
)


def is_issuer(line: str) -> bool:
    """A notice's issuing office on its own line: a signature named like an office
    (``中共某某县委组织部``, ``上溪村村务监督委员会``), not an infobox label (``批准时间``)."""
    return is_signature(line) and bool(_ISSUER_END.search(line.strip()))


def is_signature_date(line: str, before: str) -> bool:
    """The date under a notice's issuing office (``2024年6月21日`` after
    ``中共某某县委组织部``): the notice's text, not a page's date line."""
    return is_issuer(before) and bool(_DATE_PIECE.match(line)) and bool(_DATE.match(line))


def without_footer(line: str) -> str:
    """A line less the copyright or CMS footer glued to it ('' when the line is all
    boilerplate). Navigation, widgets and date pieces go whole (``is_boilerplate``). A
    line with a footer word (``版权所有``, ``Produced By`` …) goes whole when no
    sentence ends before that word (a footer line: ``主办：… 版权所有 ICP备…``);
    otherwise the text before it is prose (a text saved on one line, the footer glued
    to its end) and stays, and so does the rest when a sentence of 10 or more Chinese
    characters follows the word (``版权所有`` or ``联系我们`` said in the text). A
    paragraph of more than 80 characters with such a sentence after the word stays
    whole even with no sentence before it."""
    if (len(line) <= 80 and _SHORT_BOILERPLATE.match(line)) or _EDITOR.match(line):
        return ""                   # an editor or tag line (标签：…) goes whatever its length
    m = _MARKER.search(line)
    if m is None:
        return line
    before, after = line[:m.start()], line[m.end():]
    end = SENTENCE_END.search(after)
    prose_after = bool(end) and len(_CJK_CHAR.findall(after[:end.start()])) >= 10
    if prose_after and len(line) > 80:      # a paragraph that says the word in passing
        return line
    if not SENTENCE_END.search(before):
        return ""
    return line if prose_after else before.rstrip(" |｜-—:：")


def is_footer_start(line: str) -> bool:
    """A copyright, disclaimer, CMS or tag/editor line: where a page footer can start."""
    return bool(_MARKER.search(line) or _EDITOR.match(line))


# A word one of _COPYRIGHT, _CMS or _EDITOR needs (责任编辑： holds 编辑：).
_FOOTER_WORD = re.compile(
    f"{_COPYRIGHT.pattern}|{_CMS.pattern}|标签[:：]|编辑[:：]|审核[:：]|校对[:：]|【纠错】|\\[纠错\\]")


def has_footer_words(text: str) -> bool:
    """Does any line of ``text`` hold a copyright, CMS or editor word? When not (one
    look at the whole text), no line is a footer start and ``is_boilerplate`` of each
    line is ``is_boilerplate_at_start``."""
    return bool(_FOOTER_WORD.search(text))


def is_boilerplate_at_start(line: str) -> bool:
    """The rules of ``is_boilerplate`` anchored at the start of a line (navigation,
    widgets, dates, index numbers, editor lines), without the footer words anywhere."""
    return len(line) <= 80 and bool(_SHORT_BOILERPLATE.match(line))


def is_dateline(line: str) -> bool:
    """``2022-10-10 12:05:07 来源:绍兴日报 张峰``: a date with a source or author."""
    # Cheapest tests first: a source (来源/稿源) or author (作者) field must be there.
    return (len(line) <= 80 and ("来源" in line or "稿源" in line or "作者" in line)
            and bool(_SOURCE_LINE.search(line) or _AUTHOR_FIELD.search(line))
            and bool(_DATE.search(line)))


def parse_dateline(line: str) -> dict:
    """Date, source and authors from a dateline; missing parts are left out."""
    out: dict = {}
    if m := _DATE.search(line):
        out["date"] = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    if m := _AUTHOR_FIELD.search(line):
        out["authors"] = [a for a in _NAME_SEP.split(m[1]) if a]
        line = line[: m.start()]
    if m := _SOURCE_LINE.search(line):
        source, *names = line[m.start(1):].split()
        out["source"] = source
        if names and "authors" not in out:
            out["authors"] = names
    return out


@lru_cache(maxsize=4096)  # record dates repeat (one a day)
def parse_date(line: str) -> str | None:
    m = _DATE.search(line)
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None


def is_headline_like(line: str, max_len: int = 40) -> bool:
    """A short line that is not a sentence: headline, kicker, subheading or caption."""
    return (
        0 < len(line) <= max_len
        and not is_terminated(line)
        and byline_names(line) is None
        and not is_photo_credit(line)
        and not is_boilerplate(line)
    )


def is_fragment(line: str) -> bool:
    """A body line cut off mid-sentence (no terminal punctuation and not a heading)."""
    body_like = " " not in line  # headlines and kickers use spaces between halves
    if not body_like or not (len(line) >= 40 or has_sentence_punct(line)):
        return False
    if is_terminated(line) or is_numbered_heading(line) or is_boilerplate(line):
        return False
    return not (byline_names(line) is not None or is_photo_credit(line) or is_dateline(line))
