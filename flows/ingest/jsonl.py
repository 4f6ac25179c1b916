"""JSON Lines / NDJSON: one object per line, parsed with orjson, lines read bounded."""

from __future__ import annotations

from collections.abc import Iterator

import orjson

from .decode import decode_bytes
from .depth import nesting_depth
from .errors import RecordError
from .fields import map_record
from .limits import Limits
from .opener import Entry
from .schema import error_row

PIECE = 1024 * 1024


def read_jsonl(entry: Entry, limits: Limits) -> Iterator[dict]:
    """One raw row per non-blank line; a bad line becomes an error row, reading goes on."""
    readline = entry.stream.readline
    cap = limits.max_record_bytes
    number = 0
    while True:
        line = readline(cap + 1)
        if not line:
            return
        number += 1
        if len(line) > cap and not line.endswith(b"\n"):
            _skip_rest_of_line(readline)
            yield error_row(
                entry.locator(f"line:{number}"),
                f"record larger than max_record_bytes ({cap} bytes)",
                line[:4096],
            )
            continue
        if not line.strip():
            continue
        if not line.endswith(b"\n") and entry.failure_pending():
            return  # a cut last line of a failed stream: the failure row covers it
        if nesting_depth(line, limits.max_depth) > limits.max_depth:
            yield error_row(entry.locator(f"line:{number}"),
                            f"JSON nested more than {limits.max_depth} levels deep (max_depth)", line[:4096])
            continue
        yield parse_line(line, entry.locator(f"line:{number}"))


def parse_line(line: bytes, locator: str) -> dict:
    try:
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            if "utf-8" not in str(exc).lower():
                raise
            record = orjson.loads(decode_bytes(line))
    except (orjson.JSONDecodeError, RecordError) as exc:
        return error_row(locator, f"malformed JSON: {exc}", line)
    if not isinstance(record, dict):
        return error_row(locator, f"JSON record is not an object ({type(record).__name__})", line)
    row = map_record(record)
    row["source_locator"] = locator
    return row


def _skip_rest_of_line(readline) -> None:
    while True:
        piece = readline(PIECE)
        if not piece or piece.endswith(b"\n"):
            return
