"""The arrays of a key-index segment: built sorted, searched, merged without dead files."""

from __future__ import annotations

import hashlib

import numpy as np
import polars as pl

from flows.lake.keyindex import segments as seg


def test_blake2b_64_is_stable_and_distinct():
    got = seg.blake2b_64(["a", "b", "a"])
    assert got.dtype == np.dtype("<u8") and got[0] == got[2] != got[1]
    # the definition the stored segments rely on: blake2b's 8-byte digest, read little-endian
    assert int(got[1]) == int.from_bytes(hashlib.blake2b(b"b", digest_size=8).digest(), "little")


def test_search_returns_the_files_of_every_equal_hash():
    column = seg.Column(np.array([1, 3, 3, 3, 7, 9], dtype="<u8"), np.array([0, 2, 1, 2, 4, 5], dtype="<u4"))
    assert seg.search(column, np.array([3, 8, 9], dtype="<u8")).tolist() == [1, 2, 5]
    assert seg.search(column, np.array([0, 2, 10], dtype="<u8")).tolist() == []
    assert seg.search(seg.empty_column(), np.array([3], dtype="<u8")).tolist() == []


def test_build_skips_nulls_and_sorts():
    column = seg.build_column([(0, pl.Series(["x", None, "y"])), (1, pl.Series(["z"]))], "blake2b-64")
    assert column.size == 3 and np.all(np.diff(column.hashes.astype(np.float64)) >= 0)
    back = seg.Column.from_buffer(column.to_bytes(), column.size)
    assert back.hashes.tolist() == column.hashes.tolist() and back.file_ids.tolist() == column.file_ids.tolist()


def test_merge_drops_dead_files_and_renumbers():
    a = seg.Column(np.array([2, 5], dtype="<u8"), np.array([0, 1], dtype="<u4"))
    b = seg.Column(np.array([1, 5], dtype="<u8"), np.array([0, 0], dtype="<u4"))
    merged = seg.merge_columns([(a, np.array([-1, 0])), (b, np.array([1]))])  # a's file 0 is dead
    assert merged.hashes.tolist() == [1, 5, 5] and merged.file_ids.tolist() == [1, 0, 1]


def test_files_without_the_key_columns_leave_the_snapshot_unindexed(tmp_path):
    from flows.lake.keyindex.folder import INDEX, index_snapshot, load_catalog

    snap = tmp_path / "000001-run"
    (snap / "2024-01").mkdir(parents=True)
    pl.DataFrame({"article_id": ["a", "b"]}).write_parquet(snap / "2024-01" / "part-x.parquet")  # no content_hash
    assert index_snapshot(None, snap, ["article_id", "content_hash"]) is None
    assert not (snap / INDEX).exists() and load_catalog(snap, ["article_id"]) is None
    catalog = index_snapshot(None, snap, ["article_id"])
    assert catalog is not None and catalog["segments"][0]["files"] == ["2024-01/part-x.parquet"]
