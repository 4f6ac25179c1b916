"""Byte streams used by the opener: a peekable head and a guarded decompressor.

A `GuardedReader` never raises while reading: a decompression error or a safety limit
ends its stream (EOF) and is kept in `failure`, so the format reader above it stops
cleanly after its good records and the dispatcher reports the failure as an error row.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
import zlib
from dataclasses import dataclass, field

import zstandard

from .errors import LimitExceeded
from .limits import Limits

HEAD_BYTES = 64 * 1024
CHUNK = 1024 * 1024

DECOMPRESSION_ERRORS = (
    EOFError,
    OSError,
    zlib.error,
    lzma.LZMAError,
    zstandard.ZstdError,
    ValueError,
    zipfile.BadZipFile,  # a member whose data no longer matches its CRC
)


@dataclass
class Budget:
    """Decompressed bytes of one dump file (all layers), checked against the limits."""

    limits: Limits
    compressed_size: int
    decompressed: int = 0
    guards: list = field(default_factory=list)

    def add(self, count: int) -> None:
        self.decompressed += count
        lim = self.limits
        if self.decompressed > lim.max_decompressed_bytes:
            raise LimitExceeded(
                f"decompression bomb refused: more than {lim.max_decompressed_bytes} "
                "bytes decompressed (max_decompressed_bytes)"
            )
        ratio_cap = lim.max_ratio * max(self.compressed_size, 1)
        if self.decompressed > lim.ratio_min_bytes and self.decompressed > ratio_cap:
            raise LimitExceeded(
                f"decompression bomb refused: {self.decompressed} bytes from "
                f"{self.compressed_size} compressed (ratio over {lim.max_ratio:g} "
                f"and more than {lim.ratio_min_bytes} bytes)"
            )


class GuardedReader(io.RawIOBase):
    """Counts what a decompressor yields; turns errors and limits into `failure` + EOF."""

    def __init__(self, inner, budget: Budget, what: str):
        self._inner = inner
        self._budget = budget
        self._what = what
        # read1 returns what one step of decompression gives, so the data before a
        # corrupt or truncated spot still comes out; plain read would drop it with the error.
        self._read = getattr(inner, "read1", inner.read)
        self.failure: str | None = None
        self.reported = False
        budget.guards.append(self)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.failure is not None:
            return 0
        try:
            data = self._read(len(buffer))
            self._budget.add(len(data))
        except LimitExceeded as exc:
            self.failure = str(exc)
            return 0
        except DECOMPRESSION_ERRORS as exc:
            self.failure = f"truncated or corrupt {self._what} stream: {exc}"
            return 0
        buffer[: len(data)] = data
        return len(data)


class TellOnlyReader(io.RawIOBase):
    """A forward-only raw stream that reports its position (tell), which FastWARC asks for."""

    _pos = 0

    def readable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if offset == 0 and whence == io.SEEK_CUR:
            return self._pos
        raise io.UnsupportedOperation("seek")


class HeadReader(TellOnlyReader):
    """Reads the first bytes of a stream for sniffing, then serves them again."""

    def __init__(self, inner, size: int = HEAD_BYTES):
        self._inner = inner
        self.head = _read_up_to(inner, size)
        self._pos = 0

    def readinto(self, buffer) -> int:
        if self._pos < len(self.head):
            data = self.head[self._pos : self._pos + len(buffer)]
            self._pos += len(data)
        else:
            data = self._inner.read(len(buffer))
            self._pos += len(data)
        buffer[: len(data)] = data
        return len(data)


def _read_up_to(stream, size: int) -> bytes:
    parts, total = [], 0
    while total < size:
        data = stream.read(size - total)
        if not data:
            break
        parts.append(data)
        total += len(data)
    return b"".join(parts)


def peekable(stream, size: int = HEAD_BYTES) -> tuple[io.BufferedReader, bytes]:
    """A buffered stream over `stream` and its first `size` bytes."""
    head_reader = HeadReader(stream, size)
    return io.BufferedReader(head_reader, CHUNK), head_reader.head


COMPRESSIONS = {
    "gzip": (b"\x1f\x8b", lambda s: gzip.GzipFile(fileobj=s, mode="rb")),
    "bzip2": (b"BZh", lambda s: bz2.BZ2File(s, mode="rb")),
    "xz": (b"\xfd7zXZ\x00", lambda s: lzma.LZMAFile(s, mode="rb")),
    "zstd": (
        b"\x28\xb5\x2f\xfd",
        lambda s: zstandard.ZstdDecompressor().stream_reader(s, read_across_frames=True),
    ),
}


def compression_of(head: bytes) -> str | None:
    for name, (magic, _) in COMPRESSIONS.items():
        if head.startswith(magic):
            return name
    return None


def decompress(stream, kind: str, budget: Budget) -> GuardedReader:
    opener = COMPRESSIONS[kind][1]
    return GuardedReader(opener(stream), budget, kind)


def read_bounded(stream, limit: int) -> bytes | None:
    """Up to `limit` bytes of a stream, or None when it holds more (consumes the rest)."""
    data = _read_up_to(stream, limit + 1)
    if len(data) <= limit:
        return data
    while stream.read(CHUNK):
        pass
    return None
