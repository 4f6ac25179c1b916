"""Bytes → text: UTF-8 first, otherwise the encoding charset-normalizer detects."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .errors import RecordError

# On short texts charset-normalizer often ties several single-byte code pages (a latin-1
# page may come out as DOS Baltic cp775). Among the least chaotic candidates, take the
# first of these web-common encodings that fits; else its best guess.
COMMON_ENCODINGS = ("cp1252", "iso8859_1", "iso8859_15", "cp1251", "koi8_r", "cp1250",
                    "iso8859_2", "cp1256", "cp1253", "cp1254", "cp1255", "cp1257")


def decode_bytes(data: bytes) -> str:
    """Decode a whole document; raises RecordError when no encoding fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = detect_encoding(data)
    if encoding is None:
        raise RecordError("undecodable text: not UTF-8 and no encoding detected")
    return data.decode(encoding, errors="strict")


def detect_encoding(data: bytes) -> str | None:
    """'utf-8' when `data` (possibly cut mid-character) is UTF-8, else the best guess."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(data, final=False)
        return "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    candidates = {
        name: match.encoding
        for match in matches
        if match.chaos <= least
        for name in (match.encoding, *match.could_be_from_charset)
    }
    for name in COMMON_ENCODINGS:
        if name in candidates:
            return name
    return matches[0].encoding


def looks_binary(head: bytes) -> bool:
    """True for bytes that are not text in any common encoding (control bytes, NULs).

    UTF-16/32 text was decoded before this is asked (see unicode.py), so a few NUL or
    control bytes are damage in some record of a text file: the file is still read, and
    each record holding one fails on its own.
    """
    if not head:
        return False
    sample = head[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(len(sample) * 0.01, 1)
