"""Peel compression layers and walk archives: one `Entry` per document stream.

Compressed streams (gzip, bzip2, xz, zstd) are recognised by their magic bytes and
decompressed on the fly; tar archives are read in streaming mode ('r|') and zip archives
member by member. Nothing is extracted to disk. Members whose path is absolute or
contains '..' and non-regular tar members are refused with an error row; hidden members
('.'- or '_'-prefixed path parts, e.g. __MACOSX/) are skipped like hidden files.
"""

from __future__ import annotations

import io
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from .errors import LimitExceeded, RecordError
from .schema import error_row
from .streams import (
    Budget,
    GuardedReader,
    compression_of,
    decompress,
    peekable,
    read_bounded,
)
from .unicode import Utf8Reader, wide_encoding

MAX_LAYERS = 4


@dataclass
class Entry:
    """One document stream: a plain file, a decompressed file or an archive member."""

    name: str
    stream: io.BufferedIOBase
    head: bytes
    prefix: str
    guards: list = field(default_factory=list)
    original: object = None  # the undecoded stream when it is seekable (plain files)

    def failure(self) -> str | None:
        """The first failure of a stream under this entry not yet reported (then marked)."""
        return take_failure(self.guards)

    def failure_pending(self) -> bool:
        """True when a stream under this entry failed (without marking it reported)."""
        return any(guard.failure for guard in self.guards)

    def locator(self, where: str) -> str:
        return f"{self.prefix}{where}".strip()


def take_failure(guards) -> str | None:
    for guard in guards:
        if guard.failure and not guard.reported:
            guard.reported = True
            return guard.failure
    return None


def iter_entries(stream, name: str, budget: Budget, prefix: str = "", outer=()) -> Iterator:
    """Yield `Entry` objects and error-row dicts for one stream and what it contains."""
    guards: list = list(outer)
    buffered, head = peekable(stream)
    for _ in range(MAX_LAYERS):
        kind = compression_of(head)
        if kind is None:
            break
        guards.append(decompress(buffered, kind, budget))
        buffered, head = peekable(guards[-1])
    original = stream if len(guards) == len(outer) and _can_seek(stream) else None
    wide = wide_encoding(head)
    if wide:  # UTF-16/32 text: every reader below sees UTF-8
        buffered, head = peekable(Utf8Reader(buffered, *wide))
        original = None
    if head[257:262] == b"ustar":
        yield from _tar_entries(buffered, budget, prefix, guards)
    elif head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        yield from _zip_entries(buffered, original, head, budget, prefix, guards)
    else:
        yield Entry(name, buffered, head, prefix, guards, original)
        return
    failure = take_failure(guards)
    if failure:
        yield error_row(prefix.strip() or "file", failure)


def _can_seek(stream) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError, OSError):
        return False


def unsafe_member(name: str) -> str | None:
    """Why an archive member path is refused, or None when it is safe."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return f"refused archive member with absolute path: {name}"
    if ".." in PurePosixPath(posix).parts:
        return f"refused archive member with '..' in its path: {name}"
    return None


def hidden_member(name: str) -> bool:
    return any(part[:1] in (".", "_") for part in PurePosixPath(name).parts)


def _member_refusal(name: str, count: int, limits, regular: bool = True) -> str | None:
    if count > limits.max_members:
        return f"archive has more than {limits.max_members} members (max_members)"
    reason = unsafe_member(name)
    if reason is None and not regular:
        reason = f"refused non-regular archive member: {name}"
    return reason


def _admitted(members, prefix: str, limits) -> Iterator:
    """For archive members given as (name, is_dir, regular, member): an error row for each
    refused one, ``(where, member)`` for each to read; stops past ``max_members``."""
    seen: set[str] = set()
    for count, (name, is_dir, regular, member) in enumerate(members, 1):
        where = f"{prefix}member:{name}" if name not in seen else f"{prefix}member:{name} #{count}"
        seen.add(name)  # a name repeated in one archive gets its position: locators stay unique
        reason = _member_refusal(name, count, limits, regular)
        if reason:
            yield error_row(where, reason)
            if count > limits.max_members:
                return
        elif not (is_dir or hidden_member(name)):
            yield where, member


def _tar_members(archive, seen: list) -> Iterator:
    for member in archive:
        seen.append(member)  # counted, for the message of a broken archive
        yield member.name, member.isdir(), member.isfile() or member.isdir(), member


def _tar_entries(stream, budget: Budget, prefix: str, guards) -> Iterator:
    seen = []
    try:
        archive = tarfile.open(fileobj=stream, mode="r|")
        for item in _admitted(_tar_members(archive, seen), prefix, budget.limits):
            if isinstance(item, dict):
                yield item
                continue
            where, member = item
            yield from iter_entries(archive.extractfile(member), member.name, budget, where + " ", guards)
    except (tarfile.TarError, EOFError, OSError) as exc:
        if not any(guard.failure for guard in guards):
            yield error_row(f"{prefix}member:#{len(seen)}", f"broken tar archive: {exc}")


def _zip_entries(stream, original, head, budget: Budget, prefix: str, guards) -> Iterator:
    try:
        archive = zipfile.ZipFile(_seekable(stream, original, budget.limits))
        infos = archive.infolist()
    except (zipfile.BadZipFile, RecordError, OSError, EOFError) as exc:
        yield error_row(prefix.strip() or "file", f"broken zip archive: {exc}", head)
        return
    members = ((i.filename, i.is_dir(), True, i) for i in infos)
    for item in _admitted(members, prefix, budget.limits):
        if isinstance(item, dict):
            yield item
            continue
        where, info = item
        try:
            member = archive.open(info)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError) as exc:
            yield error_row(where, f"cannot read zip member: {exc}")
            continue
        guarded = GuardedReader(member, budget, "zip member")
        yield from iter_entries(guarded, info.filename, budget, where + " ", [*guards, guarded])


def _seekable(stream, original, limits) -> io.IOBase:
    """`original` rewound when it can seek; else an in-memory copy within the limits."""
    if original is not None:
        original.seek(0)
        return original
    data = read_bounded(stream, limits.max_buffered_bytes)
    if data is None:
        raise LimitExceeded(
            f"needs random access but is larger than {limits.max_buffered_bytes} "
            "bytes inside a compressed stream or archive (max_buffered_bytes)"
        )
    return io.BytesIO(data)


def seekable_entry(entry: Entry, limits) -> io.IOBase:
    """A seekable view of an entry's bytes (for Parquet): the file, or a bounded copy."""
    return _seekable(entry.stream, entry.original, limits)
