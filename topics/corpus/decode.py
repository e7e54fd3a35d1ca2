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


def _looks_utf16(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    """Most characters are Chinese, ASCII or common punctuation (not mojibake)."""
    sample = text[:20000]
    return not sample or len(_PLAUSIBLE.findall(sample)) >= 0.9 * len(sample)


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
    if enc := _looks_utf16(data):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            pass
    controls = sum(b < 9 or 13 < b < 32 for b in data[:8192])
    if b"\x00" in data[:8192] or controls > 0.01 * min(len(data), 8192):
        raise DecodeError("binary file (NUL or control bytes): give a text, HTML, JSONL or CSV file")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8" or _plausible(text):
            return text, enc
    raise DecodeError("cannot decode: not UTF-8, UTF-16 or GB18030/GBK; re-save the file as UTF-8")
