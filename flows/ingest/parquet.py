"""Parquet dumps, read batch by batch with pyarrow; columns found through fields.yaml."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .errors import RecordError
from .fields import as_text, resolve_columns
from .limits import Limits
from .opener import Entry, seekable_entry
from .schema import error_row

ARROW_BATCH = 4096


def read_parquet(entry: Entry, limits: Limits) -> Iterator[dict]:
    """One raw row per Parquet row (`row:N`, from 1)."""
    try:
        parquet = pq.ParquetFile(seekable_entry(entry, limits))
    except (pa.ArrowException, OSError, RecordError) as exc:
        yield error_row(entry.locator("file"), f"unreadable Parquet file: {exc}", entry.head)
        return
    header = parquet.schema_arrow.names
    columns = resolve_columns(header)
    if "text" not in columns:
        seen = ", ".join(repr(name) for name in header)
        yield error_row(entry.locator("file"), f"no text column (columns seen: {seen})")
        return
    wanted = sorted(set(columns.values()))
    names = [header[i] for i in wanted]
    number = 0
    for batch in parquet.iter_batches(batch_size=ARROW_BATCH, columns=names):
        values = {raw: _strings(batch.column(names.index(header[i]))) for raw, i in columns.items()}
        for offset in range(batch.num_rows):
            number += 1
            row = {raw: column[offset] for raw, column in values.items()}
            locator = entry.locator(f"row:{number}")
            bad = [raw for raw, value in row.items() if isinstance(value, NotText)]
            if bad:
                yield error_row(locator, f"binary value in column(s) {', '.join(bad)} is not UTF-8 text",
                                row[bad[0]].data[:1024].hex())
                continue
            row["source_locator"] = locator
            yield _bounded(row, limits)


class NotText:
    """A binary Parquet value that is not UTF-8 (refused, never published as b'...')."""

    def __init__(self, data: bytes):
        self.data = data


def _text_of(value: bytes | None):
    if value is None:
        return None
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return NotText(value)


def _strings(column: pa.Array) -> list:
    kind = column.type
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind):
        return [_text_of(value) for value in column.to_pylist()]
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return column.to_pylist()
    if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
        return pc.cast(column, pa.string()).to_pylist()
    return [as_text(value) for value in column.to_pylist()]


def _bounded(row: dict, limits: Limits) -> dict:
    text = row.get("text")
    if text is not None and len(text) > limits.max_record_bytes:
        return error_row(
            row["source_locator"], f"record larger than max_record_bytes ({limits.max_record_bytes} bytes)", text
        )
    return row
