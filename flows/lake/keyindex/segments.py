"""Sorted 64-bit key hashes: the arrays of one index segment, how they are built, searched,
merged and stored.

A segment covers some data files of a dataset (``files``, lake-relative paths). For each
indexed column it holds two parallel arrays, sorted by hash: ``hashes`` (uint64, one per
non-null value) and ``file_ids`` (uint32, the position in ``files`` of the file the value
came from). On disk one column is one file: the hashes, then the file ids, little-endian, no
header (its length is in the catalog), so a reader can memory-map either half.

A hash names CANDIDATE files only: lookups confirm every hit by scanning the named files,
so a collision costs a scan, never a wrong answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import polars as pl

HASH_DTYPE = np.dtype("<u8")
FILE_DTYPE = np.dtype("<u4")


def blake2b_64(values: Iterable[str]) -> np.ndarray:
    """blake2b with an 8-byte digest over each value's UTF-8, as little-endian uint64."""
    digests = b"".join(hashlib.blake2b(v.encode("utf-8"), digest_size=8).digest() for v in values)
    return np.frombuffer(digests, dtype=HASH_DTYPE)


# The catalog records the name of the hash its segments were built with; a lookup uses that
# one, and an index built with a hash this code does not know is rebuilt (never guessed).
HASHERS: dict[str, Callable[[Iterable[str]], np.ndarray]] = {"blake2b-64": blake2b_64}
DEFAULT_HASH = "blake2b-64"


@dataclass
class Column:
    """One column's arrays of a segment."""

    hashes: np.ndarray  # uint64, sorted
    file_ids: np.ndarray  # uint32, parallel to hashes

    @property
    def size(self) -> int:
        return int(self.hashes.shape[0])

    def to_bytes(self) -> bytes:
        return self.hashes.astype(HASH_DTYPE).tobytes() + self.file_ids.astype(FILE_DTYPE).tobytes()

    @classmethod
    def from_buffer(cls, buffer, n: int) -> "Column":
        """The column from a buffer (bytes or a memory map) written by ``to_bytes``."""
        if n == 0:
            return empty_column()
        hashes = np.frombuffer(buffer, dtype=HASH_DTYPE, count=n)
        file_ids = np.frombuffer(buffer, dtype=FILE_DTYPE, count=n, offset=n * HASH_DTYPE.itemsize)
        return cls(hashes, file_ids)


def checksum(data: bytes) -> str:
    """16 hex characters naming a segment column's content."""
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def empty_column() -> Column:
    return Column(np.empty(0, HASH_DTYPE), np.empty(0, FILE_DTYPE))


def build_column(parts: list[tuple[int, pl.Series]], hasher: str) -> Column:
    """Sorted hashes of the non-null values of each (file id, values) part."""
    hash_fn = HASHERS[hasher]
    hashes, ids = [], []
    for file_id, values in parts:
        values = values.drop_nulls()
        if len(values):
            hashes.append(np.asarray(hash_fn(values.cast(pl.String).to_list()), dtype=HASH_DTYPE))
            ids.append(np.full(len(values), file_id, dtype=FILE_DTYPE))
    if not hashes:
        return empty_column()
    return _sorted(np.concatenate(hashes), np.concatenate(ids))


def _sorted(hashes: np.ndarray, file_ids: np.ndarray) -> Column:
    order = np.argsort(hashes, kind="stable")  # merges: runs already sorted, found as such
    return Column(hashes[order], file_ids[order])


def merge_columns(columns: list[tuple[Column, np.ndarray]]) -> Column:
    """One column from several, each with the new file id of its old ids (-1: a dead file,
    whose entries are dropped)."""
    hashes, ids = [], []
    for column, new_ids in columns:
        mapped = new_ids[column.file_ids.astype(np.int64)] if column.size else np.empty(0, np.int64)
        alive = mapped >= 0
        hashes.append(np.asarray(column.hashes)[alive])
        ids.append(mapped[alive].astype(FILE_DTYPE))
    if not hashes or not sum(len(h) for h in hashes):
        return empty_column()
    return _sorted(np.concatenate(hashes), np.concatenate(ids))


def hash_queries(values: Iterable[str], hasher: str) -> np.ndarray:
    """The distinct hashes of the values asked about, sorted."""
    return np.unique(np.asarray(HASHERS[hasher](list(values)), dtype=HASH_DTYPE))


def search(column: Column, queries: np.ndarray) -> np.ndarray:
    """The distinct file ids of the entries whose hash is among ``queries`` (sorted, unique).

    Binary search of each query in the sorted hashes: O(k log n), and on a memory map only the
    pages on the search paths are read.
    """
    if not column.size or not queries.size:
        return np.empty(0, FILE_DTYPE)
    left = np.searchsorted(column.hashes, queries, side="left")
    right = np.searchsorted(column.hashes, queries, side="right")
    hit = right > left
    if not hit.any():
        return np.empty(0, FILE_DTYPE)
    left, counts = left[hit], (right - left)[hit]
    starts = np.repeat(left - np.cumsum(counts) + counts, counts)  # each hit's run, flattened
    positions = starts + np.arange(int(counts.sum()))
    return np.unique(np.asarray(column.file_ids)[positions])
