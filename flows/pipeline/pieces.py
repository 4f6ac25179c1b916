"""Split a large dump file into pieces, so that one big file keeps every worker busy.

A piece is a range of the file's rows (as ``iter_raw_rows`` numbers them). Every piece reads
the file from its start and keeps only its rows: reading is cheap next to normalizing and
coding, and a row then has the locator, and a repeated error locator the number, it has in a
whole read. Only uncompressed JSON Lines, CSV and TSV files are split: their rows are cheap
to count, and cheap to read past. The count only balances the pieces: the last piece runs to
the end of the file whatever it holds, so a wrong count never loses or repeats a row.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from flows.ingest.sniff import detect_format
from flows.ingest.streams import HEAD_BYTES, compression_of

SPLITTABLE = ("jsonl", "csv", "tsv")
CHUNK = 8 * 2**20

Piece = tuple[int, int | None]  # rows start..stop-1 (stop None: to the end of the file)


def splittable_format(path: str) -> str | None:
    """The file's format when it is a plain (uncompressed, not archived) JSONL/CSV/TSV file."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return None
    if compression_of(head) or head.startswith(b"PK\x03\x04") or head[257:262] == b"ustar":
        return None
    fmt = detect_format(head, Path(path).name)
    return fmt if fmt in SPLITTABLE else None


def count_rows(path: str, fmt: str) -> int | None:
    """About how many rows the file holds (None when it cannot tell)."""
    try:
        if fmt == "jsonl":
            return _count_lines(path)
        frame = pl.scan_csv(path, separator="\t" if fmt == "tsv" else ",", infer_schema=False,
                            has_header=True, truncate_ragged_lines=True, ignore_errors=True,
                            encoding="utf8-lossy")
        return int(frame.select(pl.len()).collect().item())
    except (OSError, pl.exceptions.PolarsError):
        return None


def _count_lines(path: str) -> int:
    lines = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            lines += chunk.count(b"\n")
    return lines


def split_file(path: str, size: int, pieces: int, min_piece_bytes: int) -> list[Piece] | None:
    """Row ranges for up to ``pieces`` pieces of at least ``min_piece_bytes`` each, or None
    when the file is better read whole (small, compressed, or a format not split)."""
    pieces = min(pieces, size // max(min_piece_bytes, 1))
    if pieces < 2:
        return None
    fmt = splittable_format(path)
    rows = count_rows(path, fmt) if fmt else None
    if not rows or rows < 2 * pieces:
        return None
    bounds = [rows * i // pieces for i in range(pieces)]
    return [(start, stop) for start, stop in zip(bounds, bounds[1:])] + [(bounds[-1], None)]
