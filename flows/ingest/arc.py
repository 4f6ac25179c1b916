"""Legacy ARC files (versions 1 and 2), parsed here: FastWARC reads only WARC.

An ARC file is a `filedesc://` version block, then records made of one header line
(`URL IP date content-type … length`) and `length` bytes holding the HTTP response.
Records with an HTML content type are articles (locator `record:<n> offset:<N>`).
A header that cannot be parsed gives an error row; reading resumes at the next line
that looks like an ARC header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import RecordError
from .html import extract_html
from .limits import Limits
from .opener import Entry
from .schema import error_row
from .streams import CHUNK

HEADER_LINE = 64 * 1024
LOOKS_LIKE_HEADER = re.compile(rb"^\S+://\S*.* \S+ \d{14}\d* \S+")


def read_arc(entry: Entry, limits: Limits) -> Iterator[dict]:
    stream = entry.stream
    offset, number = 0, 0
    fields_per_header = 5
    while True:
        line = stream.readline(HEADER_LINE)
        if not line:
            return
        start, offset = offset, offset + len(line)
        if not line.strip():
            continue
        number += 1
        locator = entry.locator(f"record:{number} offset:{start}")
        try:
            url, date, content_type, length = _parse_header(line, fields_per_header)
        except RecordError as exc:
            yield error_row(locator, str(exc), line)
            offset += _skip_to_header(stream)
            continue
        body, offset = _read_body(stream, length, limits, offset)
        if url.startswith("filedesc://"):
            fields_per_header = 10 if (body or b"").lstrip()[:1] == b"2" else 5
            continue
        row = _record_row(url, date, content_type, body, length, locator, limits)
        if row is not None:
            yield row


def _parse_header(line: bytes, count: int) -> tuple[str, str | None, str, int]:
    parts = line.decode("utf-8", "replace").rstrip("\r\n").rsplit(" ", count - 1)
    if len(parts) != count or not parts[-1].isdigit():
        raise RecordError(f"bad ARC record header: {line[:200]!r}")
    date = parts[2][:14]
    stamp = f"{date[:4]}-{date[4:6]}-{date[6:8]}T{date[8:10]}:{date[10:12]}:{date[12:14]}Z"
    return parts[0], stamp if date.isdigit() and len(date) == 14 else None, parts[3], int(parts[-1])


def _skip_to_header(stream) -> int:
    skipped = 0
    while True:
        peek = stream.peek(HEADER_LINE)[:HEADER_LINE]
        if not peek or LOOKS_LIKE_HEADER.match(peek):
            return skipped
        line = stream.readline(HEADER_LINE)
        skipped += len(line)


def _read_body(stream, length: int, limits: Limits, offset: int) -> tuple[bytes | None, int]:
    if length > limits.max_record_bytes:
        remaining = length
        while remaining > 0:
            chunk = stream.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
        return None, offset + length - remaining
    body = stream.read(length)
    return body, offset + len(body)


def _record_row(url, date, content_type, body, length, locator, limits) -> dict | None:
    if "html" not in content_type.lower():
        return None
    if body is None:
        return error_row(locator, f"record larger than max_record_bytes ({limits.max_record_bytes} bytes)")
    if len(body) < length:
        return error_row(locator, f"truncated ARC record ({len(body)} of {length} bytes)", body)
    separator = body.find(b"\r\n\r\n")
    payload = body[separator + 4 :] if body.startswith(b"HTTP/") and separator >= 0 else body
    try:
        row = extract_html(payload, url=url, limits=limits)
    except RecordError as exc:
        return error_row(locator, str(exc), body)
    row.update(url=url, fetched_at=date, source_locator=locator)
    return row
