"""Character-level normalisation: small pure ``str -> str`` functions (textacy style).

``normalize_text`` composes them in the order the ingestion pipeline uses:
invisible characters, then traditional -> simplified, then width forms, then spaces.

Each function runs over whole texts of a corpus, so each pattern starts with a plain
character class, which lets ``re`` skip ahead to the next candidate character, and
text with nothing to change is returned without building a copy.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and formatting characters that are never meant to be seen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
# C0/C1 control characters except newline and tab.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DROPPED = re.compile(f"[{_INVISIBLE.pattern[1:-1]}{_CONTROL.pattern[1:-1]}]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "。，、；：？！“”‘’（）《》【】…—·「」『』"
# A space with a Chinese character or Chinese punctuation on at least one side and
# a Chinese character, punctuation or digit on the other: an extraction artefact.
_INNER_SPACE = re.compile(
    f"(?<=[{_CJK}{_CJK_PUNCT}]) +(?=[{_CJK}{_CJK_PUNCT}0-9])|(?<=[{_CJK}{_CJK_PUNCT}0-9]) +(?=[{_CJK}{_CJK_PUNCT}])"
)
# Half-width punctuation touching a Chinese character -> the Chinese (full-width) form:
# the character, then a look back past it or a look ahead (a pattern that starts
# with a look-behind would be tried at every position of the text).
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(
    f"[,;:?!()](?:(?<=[{_CJK}{_CJK_PUNCT}].)|(?=[{_CJK}{_CJK_PUNCT}]))"
)
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Whitespace other than a plain space or a newline: tabs, no-break and ideographic
# spaces (which _SPACES turns into plain spaces) and the rest of ``str.isspace``.
_UNUSUAL_SPACE = re.compile(
    f"[{_SPACES.pattern[2:-2]}\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]"
)


def remove_invisible(text: str) -> str:
    """Drop zero-width, bidi and control characters (keeps newlines and tabs)."""
    return _DROPPED.sub("", text)


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # the C++ OpenCC binding: ~35 MB/s here

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> tuple[re.Pattern, dict[int, str]]:
    """The characters that are only traditional forms, and their simplified forms:
    those OpenCC's ``t2s`` changes and its ``s2t`` turns back (寧 -> 宁 -> 寧), outside
    simplified text's character set (GB 2312). Left out are characters that are also
    simplified text's own, which ``t2s`` changes anyway (坏 -> 坯, 覆 -> 复, 乾 -> 干,
    薹 -> 苔, 哪吒 -> 哪咤, the surname 於 -> 于): converting a simplified text whole
    would corrupt 破坏, 覆盖, names. (Variants such as 説, 証, 幷 are converted only in a
    text converted whole: one of them alone is as often a name's character, 东昇, 麦宗樑.)"""
    import opencc

    chars = [chr(c) for c in range(0x3400, 0xA000)]
    simple = _t2s().convert("\n".join(chars)).split("\n")
    back = opencc.OpenCC("s2t").convert("\n".join(simple)).split("\n")
    table = {ord(c): s for c, s, b in zip(chars, simple, back)
             if s != c and b == c and not _in_gb2312(c)}
    return re.compile("[" + "".join(map(chr, table)) + "]"), table


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def load_tables() -> None:
    """Build the conversion tables now (0.1 s), e.g. before worker processes fork."""
    _traditional()


TRADITIONAL_SHARE = 0.02   # a text this much traditional-only is converted whole


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese. A text with two or more traditional-only
    characters, 2 % or more of its characters, is converted whole with OpenCC's
    ``t2s`` (phrases included: 頭髮 -> 头发); in any other text only the
    traditional-only characters are replaced one by one, so simplified text is
    never changed (``t2s`` over simplified text turns 破坏 into 破坯, also in a
    headline with one stray traditional character)."""
    pattern, table = _traditional()
    found = len(pattern.findall(text))
    if not found:
        return text
    if found >= 2 and found >= TRADITIONAL_SHARE * len(text):
        return _t2s().convert(text)
    return pattern.sub(lambda m: table[ord(m[0])], text)


def normalize_field(value: str | None, *, simplified: bool = True) -> str | None:
    """A one-line field (title, source, an author) normalised as text is, its
    whitespace runs one space; None when nothing is left."""
    if not value:
        return None
    return " ".join(normalize_text(value, simplified=simplified).split()) or None


def normalize_width(text: str) -> str:
    """Full-width letters, digits and ASCII symbols -> half-width (NFKC on U+FF01–FF5E);
    ASCII punctuation that touches Chinese text -> the Chinese full-width form."""
    if _FULLWIDTH_ANY.search(text):
        text = text.translate(_FULLWIDTH_ASCII)
    return _HALF_PUNCT.sub(_full_form, text)


def _full_form(m: re.Match) -> str:
    return _HALF_TO_FULL[m.group()]


_FULLWIDTH_ASCII = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF01, 0xFF5F)}
# Keep the Chinese forms of punctuation that Chinese text uses as its own.
for _ch in "，；：？！（）":
    _FULLWIDTH_ASCII.pop(ord(_ch), None)
_FULLWIDTH_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _FULLWIDTH_ASCII) + "]")


# Anything normalize_width would change, or whitespace other than plain spaces and
# newlines: without any of it, a text needs at most its plain spaces tidied.
_WIDTH_OR_SPACE = re.compile(
    f"[{_FULLWIDTH_ANY.pattern[1:-1]},;:?!(){_UNUSUAL_SPACE.pattern[1:-1]}]")


def normalize_spaces(text: str) -> str:
    """Every kind of space -> one ASCII space per run; strip each line's ends."""
    if _UNUSUAL_SPACE.search(text):
        return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _plain_spaces(text)


def _plain_spaces(text: str) -> str:
    """normalize_spaces of a text whose only whitespace is spaces and newlines."""
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        return "\n".join(line.strip() for line in text.split("\n"))
    return text


def remove_inner_spaces(text: str) -> str:
    """Remove spaces between Chinese characters (PDF and web extraction artefacts)."""
    return _INNER_SPACE.sub("", text) if " " in text else text


def normalize_text(text: str, *, simplified: bool = True) -> str:
    """The full character-level pass; line structure is kept (inner spaces are not
    touched here because headlines and bylines use them as separators)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = remove_invisible(text)
    if simplified:
        text = to_simplified(text)
    if _WIDTH_OR_SPACE.search(text):
        return normalize_spaces(normalize_width(text))
    return _plain_spaces(text)  # one look instead of one per pass (most texts)
