"""Bytes -> text: detect UTF-8 (with or without BOM), UTF-16 and GB18030/GBK.

Binary files (NUL bytes, control characters) and text in no supported encoding are
refused with a message that says how to fix them.
"""
from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_PLAUSIBLE = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\n\r\t\u00a0-\u00ff]")


class DecodeError(ValueError):
    """The bytes are not text in a supported encoding (the message says why)."""


def _plausible(text: str) -> bool:
    """Most characters are Chinese, ASCII or common punctuation (not mojibake)."""
    sample = text[:20000]
    return bool(sample) and len(_PLAUSIBLE.findall(sample)) >= 0.95 * len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise ``DecodeError``."""
    if not data.strip(b" \t\r\n\x00"):
        raise DecodeError("empty file: nothing to read")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc} ({exc.reason})") from None
    try:
        text = data.decode("utf-8")
        if "\x00" not in text:
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    if len(data) % 2 == 0:  # UTF-16 without a byte-order mark
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text) and ("\n" in text or len(text) < 200):
                return text, enc
    controls = sum(b < 9 or 13 < b < 32 for b in data[:8192])
    if b"\x00" in data[:8192] or controls > 0.01 * min(len(data), 8192):
        raise DecodeError("binary file (NUL or control bytes): give a text, HTML, JSONL or CSV file")
    try:
        text = data.decode("gb18030")
        if _plausible(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    raise DecodeError("cannot decode: not UTF-8, UTF-16 or GB18030/GBK; re-save the file as UTF-8")


# -- HTML: the page's own charset declaration --------------------------------------
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,30})""", re.I
)
# Declarations that name a family decode_bytes already covers (GB18030 is a superset
# of GB2312 and GBK; UTF-8 is recognised by its strict validity).
_COVERED = {"gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "cp936", "euc-cn",
            "utf-8", "utf8", "utf-16", "unicode"}
_MAX_BAD = 0.005  # share of undecodable characters tolerated in a web page


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` (or ``http-equiv`` content) of an HTML page, if any and
    if Python knows the codec, lower-cased: ``gb2312``, ``big5``, ``utf-8``."""
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _decode_lenient(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with replacement characters, if few bytes are bad."""
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return None
    bad = text.count("\ufffd")
    return text if bad <= _MAX_BAD * max(len(text), 1) and _plausible(text) else None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a web page: ``decode_bytes``, except that the page's ``<meta charset>``
    wins when it names another family (Big5, Shift_JIS …) and the bytes are valid in
    it; a page with a few broken multi-byte characters (cut mid-character, as saved
    pages often are) is decoded with U+FFFD in their place instead of refused.

    A declared GB2312/GBK page whose bytes are valid UTF-8 is read as UTF-8: pages
    saved by a browser are re-encoded but keep their old declaration.
    """
    declared = declared_charset(data)
    try:
        text, encoding = decode_bytes(data)
    except DecodeError:
        tries = (declared if declared not in _COVERED else None, "gb18030")
        for enc in dict.fromkeys(e for e in tries if e):
            if (text := _decode_lenient(data, enc)) is not None:
                bad = text.count("\ufffd")
                return text, f"{enc} ({bad} undecodable bytes replaced)" if bad else enc
        raise
    if declared and declared not in _COVERED and encoding == "gb18030":
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    return text, encoding
