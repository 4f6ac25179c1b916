"""Building raw batches (RAW_SCHEMA: all-string columns) literally, for the normalize tests."""

from __future__ import annotations

import polars as pl

from flows.normalize.articles import RAW_COLUMNS

BODY = "Officials from both governments met in Geneva on Tuesday to discuss a ceasefire."


def raw_row(**fields: str | None) -> dict[str, str | None]:
    """One raw record; unspecified columns are null except a plausible file, locator, format."""
    row: dict[str, str | None] = {c: None for c in RAW_COLUMNS}
    row.update(source_file="dump.jsonl", source_locator="line:1", source_format="jsonl")
    row.update(fields)
    return row


def raw_frame(*rows: dict[str, str | None]) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema={c: pl.String for c in RAW_COLUMNS}, orient="row")
