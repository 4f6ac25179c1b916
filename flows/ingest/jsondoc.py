"""JSON documents: a top-level array of objects, or one or more top-level objects.

Streamed with ijson's flat events (items are built one at a time by `depth.build_items`),
so a large array never sits in memory whole and an item nested deeper than max_depth is
refused without being built. A syntax error ends the document: the items before it are kept and one
error row names where it happened.
"""

from __future__ import annotations

from collections.abc import Iterator

import ijson

from .depth import TooDeep, build_items
from .fields import map_record
from .limits import Limits
from .opener import Entry
from .schema import error_row


def read_json(entry: Entry, limits: Limits) -> Iterator[dict]:
    if entry.head.startswith(b"\xef\xbb\xbf"):
        entry.stream.read(3)
    events = ijson.basic_parse(entry.stream, multiple_values=True, use_float=True)
    number = 0
    try:
        for item in build_items(events, limits.max_depth):
            number += 1
            yield _item_row(item, entry.locator(f"item:{number}"), limits)
    except ijson.JSONError as exc:
        if not entry.failure_pending():
            yield error_row(entry.locator(f"item:{number + 1}"), f"malformed JSON: {exc}")


def _item_row(item: object, locator: str, limits: Limits) -> dict:
    if isinstance(item, TooDeep):
        return error_row(locator, item.reason)
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
