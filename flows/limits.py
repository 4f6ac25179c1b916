"""Safety limits for reading untrusted dumps."""

from dataclasses import dataclass

MB = 1024 * 1024
GB = 1024 * MB


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken dump from exhausting memory.

    max_record_bytes: one record (a JSONL line, a CSV field, a TXT/HTML document, a WARC
        record) larger than this is refused with an error row (default 16 MB).
    max_decompressed_bytes: absolute cap on the bytes decompressed from one file, all
        members included (default 20 GB).
    max_ratio / ratio_min_bytes: a file whose decompressed size exceeds `max_ratio` times
        its compressed size AND `ratio_min_bytes` is refused as a decompression bomb
        (defaults: 200x and 64 MB, so small but very repetitive files still pass).
    max_members: archive members read from one zip/tar before the rest is refused.
    max_html_bytes / max_html_tags / max_html_attributes: an HTML page (a file, a WARC or
        ARC record) bigger, with more tags, or with a tag of more attributes than this is
        refused unparsed (defaults 8 MB, 200,000 tags, 1,000 attributes).
    extract_seconds: time budget to extract one page's text; past it the page is refused (30 s).
    max_depth: a JSON record nested deeper than this is refused before it is built (100).
    max_buffered_bytes: a Parquet file that must be buffered in memory (it sits inside a
        compressed stream or a non-seekable member) is refused above this (default 256 MB).
    """

    max_record_bytes: int = 16 * MB
    max_decompressed_bytes: int = 20 * GB
    max_ratio: float = 200.0
    ratio_min_bytes: int = 64 * MB
    max_members: int = 100_000
    max_buffered_bytes: int = 256 * MB
    max_depth: int = 100
    max_html_bytes: int = 8 * MB
    max_html_tags: int = 200_000
    max_html_attributes: int = 1_000
    extract_seconds: float = 30.0


DEFAULT_LIMITS = Limits()
