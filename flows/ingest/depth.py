"""Nesting depth of JSON, bounded before anything is built.

`nesting_depth` pre-scans one JSON text (a JSONL line) at C speed: strings are cut out with
a regular expression, the brackets left are summed with NumPy. `build_items` assembles a
JSON document's items from ijson's flat event stream (yajl, iterative), stopping to build
an item once it nests deeper than the limit: memory stays bounded by the limit, whatever
the input, and only that item is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
OPEN, CLOSE = ("start_map", "start_array"), ("end_map", "end_array")


class TooDeep:
    """Stands for an item refused for its depth."""

    def __init__(self, limit: int):
        self.reason = f"JSON nested more than {limit} levels deep (max_depth)"


def nesting_depth(data: bytes, limit: int) -> int:
    """The deepest bracket nesting of a JSON text (exact when above `limit`, else a bound)."""
    bound = data.count(b"[") + data.count(b"{")
    if bound <= limit:
        return bound
    brackets = STRINGS.sub(b"", data).translate(None, NOT_BRACKETS)
    if not brackets:
        return 0
    codes = np.frombuffer(brackets, dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1).astype(np.int64)
    return int(np.cumsum(steps).max())


def build_items(events, max_depth: int) -> Iterator[object]:
    """Items of a JSON stream: each element of a top-level array, else each top-level value.

    An item deeper than `max_depth` comes out as a `TooDeep` once it ends.
    """
    depth, base, top, skipping = 0, 0, None, False
    stack: list = []
    for event, value in events:
        if top is None:  # the first event of a top-level value decides what an item is
            top = event == "start_array"
            base = 1 if top else 0
            if top:
                depth = 1
                continue
        if event in OPEN:
            depth += 1
            if skipping:
                continue
            if depth - base > max_depth:
                skipping, stack = True, []
                continue
            stack.append([{} if event == "start_map" else [], None])
            continue
        if event in CLOSE:
            depth -= 1
            if depth < base:  # the top-level array ended: the next value starts afresh
                top, depth = None, 0
                continue
            if skipping:
                if depth == base:
                    skipping = False
                    top = top or None
                    yield TooDeep(max_depth)
                continue
            done = stack.pop()[0]
        elif event == "map_key":
            if not skipping:
                stack[-1][1] = value
            continue
        elif skipping:
            continue
        else:
            done = value
        if stack:
            _add(stack[-1], done)
        else:
            top = top or None  # after a bare top-level value the next one is decided afresh
            yield done


def _add(frame: list, value: object) -> None:
    container, key = frame
    if isinstance(container, dict):
        container[key] = value
    else:
        container.append(value)
