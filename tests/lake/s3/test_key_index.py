"""The lake's key index answers "which of these keys does the lake hold" exactly as a scan of
every file would, on a folder and on S3 (moto): across runs, after deletions, with a hash that
collides all the time, after a crash between data and index, and with no index at all."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from flows.lake import LakeLock, Transaction, current_snapshot, lake_root
from flows.lake.keyindex import INDEXED, segments
from flows.lake.keyindex import folder as folder_index
from flows.lake.keyindex import objectstore as object_index
from flows.lake.keys import matching_rows
from flows.lake.objectstore import read_manifest
from flows.pipeline.writes import dataset_write
from flows.validate import load_contract
from tests.pipeline.lakes import publish
from tests.validate.rows import article, frame, hex32, quarantine

UTC = dt.timezone.utc
COLUMNS = ["article_id", "content_hash"]


def dated(i: int) -> dict:
    """Article ``i``, published in one of five months (so a run writes several files)."""
    return {**article(i), "published_at": dt.datetime(2024, 1 + i % 5, 3, tzinfo=UTC)}


def publish_articles(lake, run_id: str, numbers, **extra) -> None:
    with LakeLock(lake):
        publish(lake, run_id, {"articles": [dated(i) for i in numbers], **extra})


def ask(lake, ids=(), hashes=(), use_index=True) -> set[str]:
    found = matching_rows(lake, "articles", ["article_id"], {"article_id": set(ids), "content_hash": set(hashes)},
                          use_index=use_index)
    return set(found["article_id"].to_list())


def catalog(lake, dataset: str = "articles") -> dict | None:
    if hasattr(lake, "fs"):
        return object_index.usable_catalog(read_manifest(lake, dataset), INDEXED[dataset])
    return folder_index.load_catalog(current_snapshot(lake, dataset), INDEXED[dataset])


def candidates(lake, values: dict[str, set[str]]) -> set[str] | None:
    """The data files the index names (lake-relative on S3, snapshot-relative in a folder)."""
    if hasattr(lake, "fs"):
        return object_index.candidate_files(lake, "articles", read_manifest(lake, "articles"), values)
    snap = current_snapshot(lake, "articles")
    files = folder_index.candidate_files(snap, values)
    return None if files is None else {f.relative_to(snap).as_posix() for f in files}


def files_of(lake) -> int:
    if hasattr(lake, "fs"):
        return len(read_manifest(lake, "articles")["files"])
    return len(list(current_snapshot(lake, "articles").rglob("*.parquet")))


@pytest.fixture(params=["folder", "s3"])
def lake(request, tmp_path):
    if request.param == "folder":
        return lake_root(tmp_path / "lake")
    return lake_root(request.getfixturevalue("s3_lake_url"))


def test_duplicates_are_found_across_runs_and_new_keys_are_not(lake):
    publish_articles(lake, "run-1", range(10))
    publish_articles(lake, "run-2", range(10, 20))
    new = [hex32(f"never-{i}") for i in range(50)]
    assert ask(lake, ids=[hex32("a3"), hex32("a14"), *new]) == {hex32("a3"), hex32("a14")}
    assert ask(lake, hashes=[article(17)["content_hash"], *new]) == {hex32("a17")}
    assert ask(lake, ids=new, hashes=new) == set()
    # the index names only the files holding a hit: a3 (March) and a14 (May), one file each
    named = candidates(lake, {"article_id": {hex32("a3"), hex32("a14"), *new}})
    assert named is not None and len(named) == 2 < files_of(lake)
    assert candidates(lake, {"article_id": set(new)}) == set()
    # and a scan of every file agrees
    asked = [hex32(f"a{i}") for i in range(0, 40, 3)] + new
    assert ask(lake, ids=asked) == ask(lake, ids=asked, use_index=False)


def test_quarantine_ids_are_indexed_too(lake):
    with LakeLock(lake):
        publish(lake, "run-1", {"quarantine": [quarantine(i) for i in range(4)]})
    found = matching_rows(lake, "quarantine", ["quarantine_id"], {"quarantine_id": {hex32("q2"), hex32("q9")}})
    assert found["quarantine_id"].to_list() == [hex32("q2")]
    assert catalog(lake, "quarantine") is not None


def tiny_hash(values) -> np.ndarray:
    """A 4-bit hash: the first hex digit. Sixteen buckets, so most keys collide."""
    return np.array([int(v[0], 16) for v in values], dtype=np.uint64)


def test_a_hash_collision_never_makes_a_new_key_a_duplicate(lake, monkeypatch):
    monkeypatch.setitem(segments.HASHERS, "tiny-4bit", tiny_hash)
    monkeypatch.setattr(segments, "DEFAULT_HASH", "tiny-4bit")
    publish_articles(lake, "run-1", range(30))
    assert catalog(lake)["hash"] == "tiny-4bit"
    held = hex32("a5")
    twin = next(h for i in range(1000) if (h := hex32(f"new-{i}"))[0] == held[0])  # same tiny hash, new key
    assert candidates(lake, {"article_id": {twin}})  # the index names files...
    assert ask(lake, ids=[twin]) == set()  # ...the confirming scan finds no such key
    assert ask(lake, ids=[twin, held]) == {held}


def test_deleted_rows_leave_the_index(lake):
    publish_articles(lake, "run-1", range(10))
    with LakeLock(lake):
        txn = Transaction(lake, "run-2")
        txn.track("articles", load_contract("articles").arrow_schema(), ("article_id",), "published_at")
        txn.delete("articles", "article_id", {hex32("a2"), hex32("a7")})  # rewrites the March file
        txn.append(dataset_write(load_contract("articles"), frame("articles", [dated(i) for i in (20, 21)])))
        txn.commit()
    asked = [hex32(f"a{i}") for i in (1, 2, 7, 9, 12, 20, 21)]
    assert ask(lake, ids=asked) == {hex32("a1"), hex32("a9"), hex32("a20"), hex32("a21")} \
        == ask(lake, ids=asked, use_index=False)
    assert catalog(lake) is not None


def test_many_small_commits_keep_few_segments(lake):
    for run in range(12):
        publish_articles(lake, f"run-{run:02d}", range(run * 5, run * 5 + 5))
    segs = catalog(lake)["segments"]
    assert len(segs) <= 5  # merged as they come: logarithmic in the number of commits
    assert sum(s["rows"] for s in segs) == 60
    asked = [hex32(f"a{i}") for i in range(0, 70, 4)]
    assert ask(lake, ids=asked) == {hex32(f"a{i}") for i in range(0, 60, 4)}


def drop_index(lake) -> None:
    """Leave the lake as a geowire without the index (or a layout migration) would."""
    if hasattr(lake, "fs"):
        manifest = read_manifest(lake, "articles")
        manifest.pop("keyindex")
        lake.write_json(lake.key("_manifests", "articles.json"), manifest)
    else:
        snap = current_snapshot(lake, "articles")
        (snap / folder_index.INDEX / folder_index.CATALOG).unlink()


def test_a_missing_index_is_scanned_around_then_rebuilt(lake):
    publish_articles(lake, "run-1", range(10))
    drop_index(lake)
    assert catalog(lake) is None and candidates(lake, {"article_id": {hex32("a1")}}) is None
    assert ask(lake, ids=[hex32("a1"), hex32("x")]) == {hex32("a1")}  # a scan answers
    publish_articles(lake, "run-2", range(10, 12))
    rebuilt = catalog(lake)
    assert rebuilt is not None and sum(s["rows"] for s in rebuilt["segments"]) == 12
    assert ask(lake, ids=[hex32("a1"), hex32("a11"), hex32("x")]) == {hex32("a1"), hex32("a11")}


class Crash(RuntimeError):
    pass


def test_a_crash_between_data_and_index_changes_nothing(lake, monkeypatch):
    publish_articles(lake, "run-1", range(10))
    before = json.dumps(catalog(lake), sort_keys=True)
    if hasattr(lake, "fs"):  # data and segments uploaded, then the run dies before its journal
        from flows.lake.objectstore import transaction as object_txn

        monkeypatch.setattr(object_txn, "write_journal", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    else:  # the new snapshot's data is written, then the run dies while indexing it
        from flows.lake import transaction as folder_txn

        monkeypatch.setattr(folder_txn, "index_snapshot", lambda *a, **k: (_ for _ in ()).throw(Crash()))
    with pytest.raises(Crash):
        publish_articles(lake, "run-2", range(10, 20))
    monkeypatch.undo()
    assert json.dumps(catalog(lake), sort_keys=True) == before
    assert ask(lake, ids=[hex32("a1"), hex32("a15")]) == {hex32("a1")}
    publish_articles(lake, "run-3", range(30, 32))  # repairs what run-2 left, then commits
    assert ask(lake, ids=[hex32("a1"), hex32("a15"), hex32("a31")]) == {hex32("a1"), hex32("a31")}
    if hasattr(lake, "fs"):  # no segment left that no manifest names
        lake.fs.invalidate_cache()
        stored = {k[len(lake.root) + 1:] for k in lake.fs.find(lake.key(object_index.PREFIX))}
        assert stored == object_index.referenced(read_manifest(lake, "articles"), "articles")


def test_lookups_on_s3_keep_segments_in_a_local_cache(s3_lake_url, keyindex_cache):
    lake = lake_root(s3_lake_url)
    publish_articles(lake, "run-1", range(10))
    asked = [hex32("a1"), hex32("a12"), hex32("x")]
    assert ask(lake, ids=asked, hashes=[hex32("y")]) == {hex32("a1")}
    cache = object_index.cache_folder(lake, "articles")
    assert cache is not None and cache.is_relative_to(keyindex_cache)
    cached = sorted(p.name for p in cache.glob("*.bin"))
    assert len(cached) == len(catalog(lake)["segments"]) * 2  # both columns of every segment
    for rel in object_index.referenced(read_manifest(lake, "articles"), "articles"):
        lake.fs.rm_file(lake.key(rel))  # the store's copies gone: only the cache can answer
    assert candidates(lake, {"article_id": {hex32("a1")}}) is not None
    assert ask(lake, ids=asked) == {hex32("a1")}
    lake.fs.invalidate_cache()


def test_a_damaged_cached_segment_is_fetched_again(s3_lake_url):
    lake = lake_root(s3_lake_url)
    publish_articles(lake, "run-1", range(10))
    assert ask(lake, ids=[hex32("a3")]) == {hex32("a3")}
    for path in object_index.cache_folder(lake, "articles").glob("*.bin"):
        path.write_bytes(b"\0" * 5)  # truncated
    assert ask(lake, ids=[hex32("a3"), hex32("a4")]) == {hex32("a3"), hex32("a4")}
    publish_articles(lake, "run-2", range(10, 14))  # a new segment; merged with the first one
    assert ask(lake, ids=[hex32("a3"), hex32("a13")]) == {hex32("a3"), hex32("a13")}
    named = {p.name.split(".")[0] for p in object_index.cache_folder(lake, "articles").glob("*.bin")}
    assert named == {s["name"] for s in catalog(lake)["segments"]}  # what was merged away is evicted


def test_a_lost_segment_means_a_scan_then_a_rebuild(lake, keyindex_cache):
    publish_articles(lake, "run-1", range(10))
    if hasattr(lake, "fs"):
        for rel in object_index.referenced(read_manifest(lake, "articles"), "articles"):
            lake.fs.rm_file(lake.key(rel))
        for path in keyindex_cache.rglob("*.bin"):
            path.unlink()
    else:
        for path in (current_snapshot(lake, "articles") / folder_index.INDEX).glob("*.bin"):
            path.unlink()
    assert candidates(lake, {"article_id": {hex32("a1")}}) is None  # unreadable: not trusted
    assert ask(lake, ids=[hex32("a1"), hex32("x")], hashes=[hex32("y")]) == {hex32("a1")}
    publish_articles(lake, "run-2", range(10, 12))  # cannot extend it: rebuilds it from the data
    rebuilt = catalog(lake)
    assert rebuilt is not None and sum(s["rows"] for s in rebuilt["segments"]) == 12
    assert candidates(lake, {"article_id": {hex32("a1")}}) is not None
    assert ask(lake, ids=[hex32("a1"), hex32("a11"), hex32("x")]) == {hex32("a1"), hex32("a11")}
