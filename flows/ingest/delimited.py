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
    # strict: a quote left open fails its row instead of silently swallowing the rows after it
    # (the sniffer's doublequote guess is unreliable; RFC 4180 doubles quotes)
    reader = csv.reader(text, dialect, strict=True, doublequote=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield error_row(entry.locator("file"), f"malformed CSV header: {exc}", entry.head[:4096])
        return
    if header is None:
        yield error_row(entry.locator("file"), "empty file")
        return
    columns = resolve_columns(header)
    if "text" not in columns:
        yield error_row(entry.locator("file"), _no_text_column(header, entry.head, encoding, dialect), ",".join(header))
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
            yield error_row(entry.locator(f"row:{number}"), f"malformed CSV (ends at line {reader.line_num}): {exc}")
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


def _no_text_column(header: list[str], head: bytes, encoding: str, dialect) -> str:
    """The reason a table has no text column: no header row at all, or none naming the text."""
    seen = ", ".join(repr(name[:80]) for name in header)
    sample = head.decode(encoding, "ignore")[:SNIFF_CHARS]
    try:
        has_header = csv.Sniffer().has_header(sample[: sample.rfind("\n")] if "\n" in sample else sample)
    except csv.Error:
        has_header = True
    if not has_header or any(_looks_like_data(name) for name in header):
        return f"CSV has no header row (its first row is data: {seen}); add a header naming the text column"
    return f"no text column (columns seen: {seen})"


def _looks_like_data(name: str) -> bool:
    """A header cell is a short name: a URL, a number, a date or a sentence is data."""
    name = name.strip()
    return "://" in name or len(name) > 64 or len(name.split()) > 4 or name.replace(".", "").replace("-", "").isdigit()
