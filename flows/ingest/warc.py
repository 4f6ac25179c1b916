"""WARC files with FastWARC: each HTTP response record with an HTML payload is an article.

Records of other types and non-HTML responses are not articles and are skipped. The
locator is `record:<WARC-Record-ID> offset:<N>`, N the record's byte offset in the
decompressed WARC stream. A record whose payload is shorter than its declared length is
reported as truncated; a record over max_record_bytes is refused unread. A record FastWARC
skips as malformed (a cut header, a negative or bad Content-Length) gives an error row at its
offset; an error that stops FastWARC ends the file with an error row (the records before it
are kept).
"""

from __future__ import annotations

import collections
import zlib
from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from .errors import RecordError
from .html import extract_html
from .limits import Limits
from .opener import Entry
from .schema import error_row
from .streams import TellOnlyReader


def read_warc(entry: Entry, limits: Limits) -> Iterator[dict]:
    spotter = HeaderSpotter(entry.stream)
    records = ArchiveIterator(
        spotter,
        record_types=WarcRecordType.any_type,  # all, so a record FastWARC skips can be told apart
        parse_http=True,
        auto_decode="transfer",  # content encodings below: some servers mislabel them
        quirks_mode=True,  # old WARC/0.18 and other lenient producers
        fsspec_args=False,
        stream_detect=False,
    )
    last = "record:#0"
    try:
        for record in records:
            yield from _skipped(entry, spotter.skipped_before(record.stream_pos))
            last = entry.locator(f"record:{record.record_id} offset:{record.stream_pos}")
            spotter.record_spans(record.stream_pos, _span(record))
            if record.record_type != WarcRecordType.response:
                continue
            row = _record_row(record, last, limits)
            if row is not None:
                yield row
    except (OSError, ValueError) as exc:
        if not entry.failure_pending():
            yield error_row(f"{last} (after)", f"broken WARC record: {exc}")
            return
    yield from _skipped(entry, spotter.skipped_before(None))


def _span(record) -> int:
    """About how many bytes a record takes: its header lines and its declared content."""
    header = sum(len(k) + len(v) + 4 for k, v in record.headers) + 12
    return header + max(record.content_length, 0)


def _skipped(entry: Entry, offsets: list[int]) -> Iterator[dict]:
    for offset in offsets:
        yield error_row(entry.locator(f"record:? offset:{offset}"),
                        "malformed WARC record skipped (cut or unparseable header, or bad Content-Length)")


class HeaderSpotter(TellOnlyReader):
    """Passes a WARC stream through, noting where a line starts with 'WARC/' (a record header).

    A header FastWARC never yields a record for was skipped as malformed; lines inside a
    yielded record's content are not headers.
    """

    def __init__(self, inner):
        self._inner, self._pos, self._tail = inner, 0, b"\n"
        self._starts: collections.deque[int] = collections.deque()
        self._covered = 0  # the content of yielded records reaches this offset

    def readinto(self, buffer) -> int:
        data = self._inner.read(len(buffer))
        window = self._tail + data
        at = window.find(b"\nWARC/")
        while at >= 0:
            self._starts.append(self._pos - len(self._tail) + at + 1)
            at = window.find(b"\nWARC/", at + 1)
        self._tail = window[-6:]
        self._pos += len(data)
        buffer[: len(data)] = data
        return len(data)

    def record_spans(self, start: int, length: int) -> None:
        self._covered = max(self._covered, start + length)

    def skipped_before(self, position: int | None) -> list[int]:
        """Header offsets before `position` (None: all) that yielded no record."""
        skipped = []
        while self._starts and (position is None or self._starts[0] <= position):
            offset = self._starts.popleft()
            if offset != position and offset >= self._covered:
                skipped.append(offset)
        return skipped


def _record_row(record, locator: str, limits: Limits) -> dict | None:
    http = "application/http" in (record.headers.get("Content-Type") or "").lower()
    if record.content_length <= 0 or (http and record.http_headers is None):
        declared = record.headers.get("Content-Length")
        return error_row(locator, f"WARC response record without an HTTP response (Content-Length: {declared})")
    content_type = (record.http_content_type or "").lower()
    if "html" not in content_type:
        return None
    declared = record.content_length
    if declared > limits.max_record_bytes:
        return error_row(locator, f"record larger than max_record_bytes ({limits.max_record_bytes} bytes)")
    body = record.reader.read()
    if len(body) < declared and not _chunked(record):
        return error_row(locator, f"truncated WARC record ({len(body)} of {declared} payload bytes)", body)
    url = record.headers.get("WARC-Target-URI")
    try:
        row = extract_html(_content_decoded(body, record, limits.max_record_bytes), url=url, limits=limits)
    except RecordError as exc:
        return error_row(locator, str(exc), body)
    row["url"] = url or row.get("url")
    row["fetched_at"] = record.headers.get("WARC-Date")
    row["source_locator"] = locator
    return row


def _content_decoded(body: bytes, record, cap: int) -> bytes:
    """The body without its gzip/deflate Content-Encoding; as is when it is not encoded."""
    headers = record.http_headers
    encoding = (headers.get("Content-Encoding") or "").lower() if headers is not None else ""
    if not any(name in encoding for name in ("gzip", "deflate")):
        return body
    for wbits in (47, -15):  # gzip or zlib (auto), then raw deflate
        try:
            decoder = zlib.decompressobj(wbits)
            data = decoder.decompress(body, cap + 1)
        except zlib.error:
            continue
        if len(data) > cap:
            raise RecordError(f"record larger than max_record_bytes ({cap} bytes) once decoded")
        return data
    return body  # mislabelled: the payload was not encoded after all


def _chunked(record) -> bool:
    headers = record.http_headers
    encoding = headers.get("Transfer-Encoding") if headers is not None else None
    return bool(encoding) and "chunked" in encoding.lower()
