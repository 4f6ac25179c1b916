"""Deterministic ids: blake2b with a 16-byte digest, as 32 hex characters."""

from __future__ import annotations

import polars as pl

from flows.ids import blake2b_16
from flows.normalize.text import hash_key_expr

__all__ = ["article_ids", "blake2b_16", "content_hashes"]


def _hash_series(values: pl.Series, name: str) -> pl.Series:
    hashed = [None if v is None else blake2b_16(v) for v in values.to_list()]
    return pl.Series(name, hashed, dtype=pl.String)


def article_ids(urls: pl.Series, texts: pl.Series) -> pl.Series:
    """Id of each article: of its canonical URL when present, else of its normalized text.

    The two inputs carry different prefixes so a URL and a text can never give the same id.
    """
    keys = pl.DataFrame({"u": urls, "t": texts}).select(
        pl.when(pl.col("u").is_not_null())
        .then(pl.lit("url:") + pl.col("u"))
        .otherwise(pl.lit("text:") + pl.col("t"))
    )
    return _hash_series(keys.to_series(), "article_id")


def content_hashes(texts: pl.Series) -> pl.Series:
    """Hash of each text lowercased with whitespace collapsed (trivial variants collide)."""
    keys = pl.DataFrame({"t": texts}).select(hash_key_expr(pl.col("t")))
    return _hash_series(keys.to_series(), "content_hash")
