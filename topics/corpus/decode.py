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
