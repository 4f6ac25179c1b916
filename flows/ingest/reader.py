"""`iter_raw_batches`: one dump file → bounded frames of raw articles and error rows."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import closing
from itertools import islice

import polars as pl

from .arc import read_arc
from .delimited import read_delimited
from .errors import RecordError, contained
from .files import open_input
from .html import read_html
from .jsondoc import read_json
from .jsonl import read_jsonl
from .limits import DEFAULT_LIMITS, Limits
from .opener import Entry, iter_entries
from .parquet import read_parquet
from .schema import batch_rows, error_row
from .sniff import detect_format
from .streams import DECOMPRESSION_ERRORS, Budget
from .text import read_text
from .walk import printable
from .warc import read_warc

READERS = {
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": lambda entry, limits: read_delimited(entry, limits, "csv"),
    "tsv": lambda entry, limits: read_delimited(entry, limits, "tsv"),
    "parquet": read_parquet,
    "txt": read_text,
    "html": read_html,
    "warc": read_warc,
    "arc": read_arc,
}
STREAM_ERRORS = (RecordError, UnicodeDecodeError, *DECOMPRESSION_ERRORS)
log = logging.getLogger(__name__)  # flows.ingest.reader, under the flows.ingest logger


def iter_raw_batches(
    path: str, batch_size: int = 1000, limits: Limits | None = None, *,
    max_bytes: int | None = None, rows: tuple[int, int | None] | None = None,
) -> Iterator[pl.DataFrame]:
    """Frames (RAW_SCHEMA) of at most `batch_size` rows (and about `max_bytes` of text) read
    from one dump file; `rows=(start, stop)` keeps only the file's rows start..stop-1
    (stop None: to the end), numbered as `iter_raw_rows` yields them.

    Failures become error rows (reason + locator), never exceptions: a file that cannot
    be opened, an empty file, an unknown format, a broken record, a limit hit.
    """
    found = iter_raw_rows(path, limits or DEFAULT_LIMITS)
    if rows is None:
        return batch_rows(found, path, batch_size, max_bytes)
    return batch_rows(_row_range(found, *rows), path, batch_size, max_bytes)


def _row_range(found: Iterator[dict], start: int, stop: int | None) -> Iterator[dict]:
    """Rows start..stop-1 of ``found`` (every piece of a file reads it from its start, so a
    row's locator, and the numbering of repeated error locators, are those of a whole read)."""
    with closing(found):  # type: ignore[type-var]  # a generator: closing it closes the file
        yield from islice(found, start, stop)


def iter_raw_rows(path: str, limits: Limits) -> Iterator[dict]:
    """Row dicts (raw columns) of one dump file, in file order.

    Nothing a file holds stops the caller: an exception from a reader or a library
    (a Polars panic, RecursionError, MemoryError, an OS error while reading) ends the file
    with an error row after the rows already given. Every error row's locator is unique in
    the file (a repeated one gets ` #<position>`), so each becomes its own quarantine row.
    """
    last, position = "file", 0
    errors_at: set[str] = set()
    try:
        for row in _file_rows(path, limits):
            position += 1
            if not row["source_locator"].isascii():  # a tar member name may hold raw bytes
                row["source_locator"] = printable(row["source_locator"])
            if row.get("error") is not None:
                row["source_locator"] = _unique(row["source_locator"], position, errors_at)
            else:
                last = row["source_locator"]
            yield row
    except BaseException as exc:
        if not contained(exc):
            raise
        where = "file" if last == "file" else f"{last} (after)"
        log.warning("%s: stopped reading at %s: %s", path, where, _describe(exc))
        yield error_row(_unique(where, position + 1, errors_at), f"cannot read file: {_describe(exc)}")


def _unique(locator: str, position: int, seen: set[str]) -> str:
    if locator in seen:
        locator = f"{locator} #{position}"
    seen.add(locator)
    return locator


def _describe(exc: BaseException) -> str:
    text = str(exc) or "no detail"
    if isinstance(exc, RecursionError):
        text = "nested too deeply to process"
    return f"{type(exc).__name__}: {text[:300]}"


def _file_rows(path: str, limits: Limits) -> Iterator[dict]:
    try:
        handle, size = open_input(path)
    except (OSError, ValueError, RecordError) as exc:
        detail = (exc.strerror or exc) if isinstance(exc, OSError) else exc
        yield error_row("file", f"cannot open file: {detail}")
        return
    with handle:
        if size == 0:
            yield error_row("file", "empty file")
            return
        budget = Budget(limits=limits, compressed_size=size)
        # a file's modification time is never a date of the article: `cp` or a checkout sets it
        for item in iter_entries(handle, path, budget):
            if isinstance(item, Entry):
                yield from _entry_rows(item, limits)
            else:
                yield item


def _entry_rows(entry: Entry, limits: Limits) -> Iterator[dict]:
    fmt = detect_format(entry.head, entry.name)
    if not entry.head:
        yield error_row(entry.locator("file"), entry.failure() or "empty file")
        return
    if fmt is None:
        yield error_row(entry.locator("file"), "unknown format", entry.head[:512])
        return
    last = entry.locator("file")
    try:
        for row in READERS[fmt](entry, limits):
            row["source_format"] = fmt
            last = row["source_locator"]
            yield row
    except STREAM_ERRORS as exc:
        yield _stream_error(entry, fmt, last, f"cannot read {fmt}: {exc}")
    failure = entry.failure()
    if failure:
        yield _stream_error(entry, fmt, last, failure)


def _stream_error(entry: Entry, fmt: str, last: str, reason: str) -> dict:
    where = last if last == entry.locator("file") else f"{last} (after)"
    row = error_row(where, reason)
    row["source_format"] = fmt
    return row
