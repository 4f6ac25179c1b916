"""The raw-article schema and the column-wise batch builder."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl

RAW_COLUMNS: list[str] = [
    "source_file",
    "source_locator",
    "source_format",
    "url",
    "title",
    "text",
    "author",
    "published",
    "source",
    "language",
    "fetched_at",
    "error",
    "payload",
]
RAW_SCHEMA: dict[str, pl.DataType] = {name: pl.String for name in RAW_COLUMNS}

PAYLOAD_CHARS = 4096


def error_row(locator: str, reason: str, payload: object = None) -> dict:
    """An error row: a one-line reason and the raw record truncated to 4,096 chars."""
    return {
        "source_locator": locator,
        "error": " ".join(str(reason).split()) or "unknown error",
        "payload": truncate_payload(payload),
    }


def truncate_payload(payload: object) -> str | None:
    if payload is None:
        return None
    if isinstance(payload, (bytes, bytearray, memoryview)):
        payload = bytes(payload[: PAYLOAD_CHARS * 4]).decode("utf-8", "replace")
    return str(payload)[:PAYLOAD_CHARS]


def empty_frame() -> pl.DataFrame:
    return pl.DataFrame(schema=RAW_SCHEMA)


def batch_rows(
    rows: Iterable[dict], source_file: str, batch_size: int, max_bytes: int | None = None
) -> Iterator[pl.DataFrame]:
    """Collect row dicts column-wise into frames of at most `batch_size` rows, and of about
    `max_bytes` of text at most (a frame ends after the row that reaches it).

    Each row carries `source_format` and any of the other columns; missing ones are null.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    filled = [c for c in RAW_COLUMNS if c != "source_file"]
    columns: dict[str, list] = {c: [] for c in filled}
    count = size = 0
    for row in rows:
        for name in filled:
            columns[name].append(row.get(name))
        count += 1
        if max_bytes:
            size += len(row.get("text") or "") + len(row.get("payload") or "")
        if count == batch_size or (max_bytes and size >= max_bytes):
            yield _frame(columns, source_file, count)
            columns = {c: [] for c in filled}
            count = size = 0
    if count:
        yield _frame(columns, source_file, count)


def _frame(columns: dict[str, list], source_file: str, count: int) -> pl.DataFrame:
    data = {"source_file": [source_file] * count, **columns}
    return pl.DataFrame(data, schema=RAW_SCHEMA)
