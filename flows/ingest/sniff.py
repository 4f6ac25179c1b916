"""Recognise a document's format from its first bytes, with the name as a tie-breaker.

Content wins: magic bytes (WARC/, filedesc://, PAR1), the first non-blank character
('[' or '{' for JSON, '<' with HTML tags), a delimited header naming known fields.
The extension only decides between the text formats when the content is ambiguous
(e.g. a CSV whose header has no known field name, or JSONL whose first line is broken).
"""

from __future__ import annotations

import csv
import re

from .decode import looks_binary
from .fields import field_aliases

HTML_MARKERS = re.compile(rb"<(!doctype html|html|head|body|article|meta|title|div|p)[\s>/]", re.I)
EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".parquet": "parquet", ".pq": "parquet",
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "arc",
}
COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz", ".zst", ".zstd")


def format_from_name(name: str) -> str | None:
    lowered = name.lower()
    for suffix in COMPRESSED_SUFFIXES:
        if lowered.endswith(suffix):
            lowered = lowered[: -len(suffix)]
            break
    dot = lowered.rfind(".")
    return EXTENSIONS.get(lowered[dot:]) if dot >= 0 else None


def detect_format(head: bytes, name: str) -> str | None:
    """The format of a (decompressed) document, or None when it is not one we read."""
    hint = format_from_name(name)
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"filedesc://"):
        return "arc"
    if head.startswith(b"PAR1"):
        return "parquet"
    if looks_binary(head):
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text:  # blank so far: only the name can tell
        return hint or "txt"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        return _json_kind(text, hint)
    if text.startswith(b"<") and HTML_MARKERS.search(head):
        return "html"
    delimited = _delimited_kind(head, hint)
    if delimited:
        return delimited
    return hint if hint in ("html", "txt") else "txt"


def _json_kind(text: bytes, hint: str | None) -> str:
    if hint == "jsonl":
        return "jsonl"
    first = text.split(b"\n", 1)[0].rstrip()
    return "jsonl" if first.endswith(b"}") else "json"


def _delimited_kind(head: bytes, hint: str | None) -> str | None:
    lines = head.decode("utf-8", "ignore").splitlines()
    if len(lines) < 2:
        return None
    header = lines[0]
    delimiter = max(",\t;|", key=header.count)
    kind = "tsv" if delimiter == "\t" else "csv"
    if _headerless_table(lines if head.endswith(b"\n") else lines[:-1], delimiter, hint):
        return kind  # with or without a header: the CSV reader tells
    fields = [f.strip().strip('"').lower() for f in next(csv.reader([header], delimiter=delimiter))]
    if sum(1 for f in fields if f) < 2 or any(len(f) > 64 for f in fields):
        return None
    if not any(delimiter in line for line in lines[1:6] if line.strip()):
        return None  # a header needs data rows split the same way
    known = {n.lower() for names in field_aliases().values() for n in names}
    if not known.intersection(fields) and hint not in ("csv", "tsv"):
        return None
    return kind


def _headerless_table(lines: list[str], delimiter: str, hint: str | None) -> bool:
    """Rows of a table without a header (the CSV reader refuses it, saying so) rather than
    prose: not named as text, at least 3 rows, all split into the same number of fields."""
    if hint in ("txt", "html"):
        return False
    rows = [line for line in lines if line.strip()][:8]
    if len(rows) < 3:
        return False
    widths = {len(fields) for fields in csv.reader(rows, delimiter=delimiter)}
    return len(widths) == 1 and widths.pop() >= 2
