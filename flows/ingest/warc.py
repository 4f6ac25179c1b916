"""WARC files with FastWARC: each HTTP response record with an HTML payload is an article.

Records of other types and non-HTML responses are not articles and are skipped. The
locator is `record:<WARC-Record-ID> offset:<N>`, N the record's byte offset in the
decompressed WARC stream. A record whose payload is shorter than its declared length is
reported as truncated; a record over max_record_bytes is refused unread. An unparseable
header ends the file with an error row (the records before it are kept).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecordType

from .errors import RecordError
from .html import extract_html
from .limits import Limits
from .opener import Entry
from .schema import error_row


def read_warc(entry: Entry, limits: Limits) -> Iterator[dict]:
    records = ArchiveIterator(
        entry.stream,
        record_types=WarcRecordType.response,
        parse_http=True,
        auto_decode="transfer",  # content encodings below: some servers mislabel them
        quirks_mode=True,  # old WARC/0.18 and other lenient producers
        fsspec_args=False,
        stream_detect=False,
    )
    last = "record:#0"
    try:
        for record in records:
            last = entry.locator(f"record:{record.record_id} offset:{record.stream_pos}")
            row = _record_row(record, last, limits)
            if row is not None:
                yield row
    except (OSError, ValueError) as exc:
        if not entry.failure_pending():
            yield error_row(f"{last} (after)", f"broken WARC record: {exc}")


def _record_row(record, locator: str, limits: Limits) -> dict | None:
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
        row = extract_html(_content_decoded(body, record, limits.max_record_bytes), url=url)
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
