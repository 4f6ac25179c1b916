"""CSV and TSV with a header row: dialect sniffed, columns found through fields.yaml."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator

from .decode import detect_encoding
from .fields import resolve_columns
from .limits import Limits
from .opener import Entry
from .schema import error_row

SNIFF_CHARS = 32 * 1024


def read_delimited(entry: Entry, limits: Limits, fmt: str) -> Iterator[dict]:
    """One raw row per data row (`row:N`, N counted from 1 after the header)."""
    encoding = detect_encoding(entry.head)
    if encoding is None:
        yield error_row(entry.locator("file"), "undecodable text: not UTF-8 and no encoding detected", entry.head)
        return
    text = io.TextIOWrapper(entry.stream, encoding=encoding, newline="")
    dialect = _dialect(entry.head.decode(encoding, "ignore"), fmt)
    csv.field_size_limit(min(limits.max_record_bytes, sys.maxsize))
    reader = csv.reader(text, dialect)
    header = next(reader, None)
    if header is None:
        yield error_row(entry.locator("file"), "empty file")
        return
    columns = resolve_columns(header)
    if "text" not in columns:
        seen = ", ".join(repr(name) for name in header)
        yield error_row(entry.locator("file"), f"no text column (columns seen: {seen})", ",".join(header))
        return
    yield from _rows(reader, header, columns, entry)


def _rows(reader, header: list[str], columns: dict[str, int], entry: Entry) -> Iterator[dict]:
    number = 0
    while True:
        number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield error_row(entry.locator(f"row:{number}"), f"malformed CSV: {exc}")
            continue
        if not any(record):
            number -= 1
            continue
        locator = entry.locator(f"row:{number}")
        if len(record) != len(header):
            yield error_row(
                locator, f"row has {len(record)} fields, header has {len(header)}", ",".join(record)
            )
            continue
        row = {name: record[index] or None for name, index in columns.items()}
        row["source_locator"] = locator
        yield row


def _dialect(sample: str, fmt: str):
    sample = sample[:SNIFF_CHARS]
    cut = sample.rfind("\n")
    try:
        return csv.Sniffer().sniff(sample[:cut] if cut > 0 else sample, delimiters=",\t;|")
    except csv.Error:
        return csv.excel_tab if fmt == "tsv" else csv.excel
