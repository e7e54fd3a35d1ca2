"""Character-level normalisation: small pure ``str -> str`` functions (textacy style).

``normalize_text`` composes them in the order the ingestion pipeline uses:
invisible characters, then traditional -> simplified, then width forms, then spaces.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Zero-width and formatting characters that are never meant to be seen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")
# C0/C1 control characters except newline and tab.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "。，、；：？！“”‘’（）《》【】…—·「」『』"
# A space with a Chinese character or Chinese punctuation on at least one side and
# a Chinese character, punctuation or digit on the other: an extraction artefact.
_INNER_SPACE = re.compile(
    f"(?<=[{_CJK}{_CJK_PUNCT}]) +(?=[{_CJK}{_CJK_PUNCT}0-9])|(?<=[{_CJK}{_CJK_PUNCT}0-9]) +(?=[{_CJK}{_CJK_PUNCT}])"
)
# Half-width punctuation touching a Chinese character -> the Chinese (full-width) form.
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_PUNCT = re.compile(
    f"(?<=[{_CJK}{_CJK_PUNCT}])([,;:?!()])|([,;:?!()])(?=[{_CJK}{_CJK_PUNCT}])"
)
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def remove_invisible(text: str) -> str:
    """Drop zero-width, bidi and control characters (keeps newlines and tabs)."""
    return _CONTROL.sub("", _INVISIBLE.sub("", text))


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # the C++ OpenCC binding: ~35 MB/s here

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese with OpenCC's ``t2s`` conversion."""
    return _t2s().convert(text)


def normalize_width(text: str) -> str:
    """Full-width letters, digits and ASCII symbols -> half-width (NFKC on U+FF01–FF5E);
    ASCII punctuation that touches Chinese text -> the Chinese full-width form."""
    if _FULLWIDTH_ANY.search(text):
        text = text.translate(_FULLWIDTH_ASCII)
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(1) or m.group(2)], text)


_FULLWIDTH_ASCII = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFF01, 0xFF5F)}
# Keep the Chinese forms of punctuation that Chinese text uses as its own.
for _ch in "，；：？！（）":
    _FULLWIDTH_ASCII.pop(ord(_ch), None)
_FULLWIDTH_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _FULLWIDTH_ASCII) + "]")


def normalize_spaces(text: str) -> str:
    """Every kind of space -> one ASCII space per run; strip each line's ends."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def remove_inner_spaces(text: str) -> str:
    """Remove spaces between Chinese characters (PDF and web extraction artefacts)."""
    return _INNER_SPACE.sub("", text)


def normalize_text(text: str, *, simplified: bool = True) -> str:
    """The full character-level pass; line structure is kept (inner spaces are not
    touched here because headlines and bylines use them as separators)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = remove_invisible(text)
    if simplified:
        text = to_simplified(text)
    return normalize_spaces(normalize_width(text))
