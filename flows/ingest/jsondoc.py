"""JSON documents: a top-level array of objects, or one or more top-level objects.

Streamed with ijson (items are built one at a time), so a large array never sits in
memory whole. A syntax error ends the document: the items before it are kept and one
error row names where it happened.
"""

from __future__ import annotations

from collections.abc import Iterator

import ijson

from .fields import map_record
from .limits import Limits
from .opener import Entry
from .schema import error_row


def read_json(entry: Entry, limits: Limits) -> Iterator[dict]:
    text = entry.head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"\xef\xbb\xbf"):
        text = text[3:]
    if entry.head.startswith(b"\xef\xbb\xbf"):
        entry.stream.read(3)
    prefix = "item" if text.startswith(b"[") else ""
    items = ijson.items(entry.stream, prefix, multiple_values=True, use_float=True)
    number = 0
    try:
        for item in items:
            number += 1
            yield _item_row(item, entry.locator(f"item:{number}"), limits)
    except ijson.JSONError as exc:
        if not entry.failure_pending():
            yield error_row(entry.locator(f"item:{number + 1}"), f"malformed JSON: {exc}")


def _item_row(item: object, locator: str, limits: Limits) -> dict:
    if not isinstance(item, dict):
        return error_row(locator, f"JSON item is not an object ({type(item).__name__})", item)
    row = map_record(item)
    size = sum(len(value) for value in row.values())
    if size > limits.max_record_bytes:
        return error_row(
            locator, f"record larger than max_record_bytes ({limits.max_record_bytes} bytes)", row.get("text")
        )
    row["source_locator"] = locator
    return row
