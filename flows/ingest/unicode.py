"""UTF-16 and UTF-32 documents: recognised before format sniffing, decoded to UTF-8.

A byte-order mark decides (UTF-32 marks first: FF FE 00 00 starts with the UTF-16 one);
without one, a head whose NUL bytes fall on every other byte (or three bytes in four) is
taken as UTF-16 (UTF-32) of mostly ASCII text, which is what JSON, CSV and HTML are. The
document is then re-encoded as UTF-8 on the fly, so every reader parses UTF-8; a code unit
that does not decode becomes U+FFFD in the record it is in, nothing more.
"""

from __future__ import annotations

import codecs
import io

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
SAMPLE = 4096


def wide_encoding(head: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) for UTF-16/32 text, None for anything else."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sample = head[:SAMPLE]
    if len(sample) < 16 or b"\x00" not in sample:
        return None
    for width, name, spot in ((4, "utf-32-le", 1), (4, "utf-32-be", 0), (2, "utf-16-le", 1), (2, "utf-16-be", 0)):
        if _pattern(sample, width, spot):
            return name, 0
    return None


def _pattern(sample: bytes, width: int, text_at: int) -> bool:
    """Most units have one non-NUL byte, at `text_at` (LE: first, BE: last), NULs elsewhere."""
    units = len(sample) // width
    text_index = 0 if text_at == 1 else width - 1
    nul_runs = sum(
        1 for i in range(units)
        if sample[i * width + text_index] != 0
        and all(sample[i * width + j] == 0 for j in range(width) if j != text_index)
    )
    return nul_runs >= units * 0.9


class Utf8Reader(io.RawIOBase):
    """A UTF-16/32 byte stream read back as UTF-8 bytes."""

    def __init__(self, inner, encoding: str, skip: int):
        self._inner = inner
        if skip:
            inner.read(skip)
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._pending = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending and not self._done:
            chunk = self._inner.read(max(len(buffer), 4096))
            self._done = not chunk
            self._pending = self._decoder.decode(chunk, final=self._done).encode("utf-8", "replace")
        data, self._pending = self._pending[: len(buffer)], self._pending[len(buffer):]
        buffer[: len(data)] = data
        return len(data)
