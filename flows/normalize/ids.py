"""Deterministic ids: blake2b with a 16-byte digest, as 32 hex characters."""

from __future__ import annotations

import hashlib

import polars as pl

from flows.normalize.text import hash_key_expr


def blake2b_16(value: str) -> str:
    """32 hex characters of blake2b(digest_size=16) over the UTF-8 of ``value``."""
    return hashlib.blake2b(value.encode("utf-8"), digest_size=16).hexdigest()


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
