"""The lake on S3 (moto server on loopback): publish, read back, idempotence, upserts, crash
repair, the conditional-write lock. Read back through s3fs (pyarrow/Polars): DuckDB's httpfs
extension would need a download."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pyarrow.parquet as pq
import pytest

from flows.lake import LakeError, LakeLock, ObjectLake, Transaction, lake_root, manifest_urls, scan_dataset
from flows.lake.objectstore import read_manifest
from tests.lake.test_transaction import frame, publish, write


def ids(lake) -> list[tuple]:
    scan = scan_dataset(lake, "articles")
    if scan is None:
        return []
    return [tuple(r) for r in scan.select("id", "year", "month", "value").sort("id").collect().rows()]


def objects(lake: ObjectLake, prefix: str = "") -> dict[str, str]:
    """key (relative to the lake) → ETag of every object under the lake."""
    lake.fs.invalidate_cache()
    found = lake.fs.find(lake.key(prefix), detail=True)
    return {k[len(lake.root) + 1:]: v["ETag"] for k, v in found.items()}


def data_files(lake: ObjectLake, dataset: str = "articles") -> set[str]:
    return {k for k in objects(lake, dataset) if k.endswith(".parquet")}


def test_publish_and_read_back(s3_lake_url):
    lake = lake_root(s3_lake_url)
    assert isinstance(lake, ObjectLake) and str(lake) == s3_lake_url
    versions = publish(lake, "r1", write(frame(["a", "b"], [1, 2])), write(frame(["c"], [None])))
    assert list(versions) == ["articles"]
    assert ids(lake) == [("a", 2024, 1, 1), ("b", 2024, 2, 1), ("c", None, None, 1)]
    assert data_files(lake) == {
        "articles/2024-01/part-r1.parquet",
        "articles/2024-02/part-r1.parquet",
        "articles/undated/part-r1.parquet",
    }
    manifest = read_manifest(lake, "articles")
    assert manifest["version"] == 1 and sum(f["rows"] for f in manifest["files"]) == 3
    # the manifest's URLs are what an atomic reader opens (here pyarrow over s3fs)
    urls = manifest_urls(lake, "articles")
    assert all(u.startswith(s3_lake_url + "/articles/") for u in urls)
    assert sum(pq.read_metadata(lake.fs.open(u)).num_rows for u in urls) == 3
    assert not objects(lake, "_journal") and not objects(lake, "_lock")  # lock released


def test_same_input_twice_leaves_the_same_objects(s3_lake_url):
    lake = lake_root(s3_lake_url)
    publish(lake, "r1", write(frame(["a", "b"], [1, 2])))
    before = objects(lake)
    assert publish(lake, "r2", write(frame([], []))) == {}
    assert objects(lake) == before


def test_upsert_replaces_rows_and_deletes_the_replaced_file(s3_lake_url):
    lake = lake_root(s3_lake_url)
    publish(lake, "r1", write(frame(["a", "b"], [1, 1], [1, 1]), "upsert"), )
    publish(lake, "r2", write(frame(["b", "c"], [1, 1], [5, 7]), "upsert"))
    assert ids(lake) == [("a", 2024, 1, 1), ("b", 2024, 1, 5), ("c", 2024, 1, 7)]
    assert data_files(lake) == {"articles/2024-01/part-r2-u.parquet"}
    assert read_manifest(lake, "articles")["version"] == 2


def test_crash_after_journal_rolls_forward(s3_lake_url, monkeypatch):
    lake = lake_root(s3_lake_url)
    publish(lake, "r1", write(frame(["a"], [1])))

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("flows.lake.objectstore.transaction.apply_journal", crash)
    with pytest.raises(KeyboardInterrupt):
        publish(lake, "r2", write(frame(["b"], [1])))
    monkeypatch.undo()
    assert [r[0] for r in ids(lake)] == ["a"]  # manifest readers still see the old lake
    assert list(objects(lake, "_journal")) == ["_journal/r2.json"]
    publish(lake, "r3", write(frame([], [])))  # the next run repairs
    assert [r[0] for r in ids(lake)] == ["a", "b"]
    assert not objects(lake, "_journal")


def test_crash_before_journal_leaves_orphans_the_next_run_deletes(s3_lake_url, monkeypatch):
    lake = lake_root(s3_lake_url)
    publish(lake, "r1", write(frame(["a"], [1])))

    def crash(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("flows.lake.objectstore.transaction.write_journal", crash)
    with pytest.raises(KeyboardInterrupt):
        publish(lake, "r2", write(frame(["b"], [2])))
    monkeypatch.undo()
    orphan = "articles/2024-02/part-r2.parquet"
    assert orphan in data_files(lake)  # uploaded, but never committed
    assert [r[0] for r in ids(lake)] == ["a"]
    publish(lake, "r3", write(frame(["c"], [1])))
    assert [r[0] for r in ids(lake)] == ["a", "c"]
    assert data_files(lake) == {f"articles/2024-01/part-{r}.parquet" for r in ("r1", "r3")}


def test_foreign_object_under_a_dataset_prefix_is_refused(s3_lake_url):
    lake = lake_root(s3_lake_url)
    lake.fs.pipe_file(lake.key("articles", "notes.txt"), b"hello")
    with pytest.raises(LakeError, match="not written by geowire.*notes.txt"):
        publish(lake, "r1", write(frame(["a"], [1])))
    assert "articles/notes.txt" in objects(lake, "articles")  # left alone


def test_lock_object_is_created_conditionally(s3_lake_url):
    lake = lake_root(s3_lake_url)
    key = lake.key("probe.json")
    assert lake.create_json(key, {"n": 1})
    with pytest.raises(FileExistsError):
        lake.create_json(key, {"n": 2})
    assert lake.read_json(key)[0] == {"n": 1}


def test_second_writer_is_refused_with_a_clear_message(s3_lake_url):
    lake = lake_root(s3_lake_url)
    other = lake_root(s3_lake_url)  # another process's view of the same lake
    with LakeLock(lake):
        with pytest.raises(LakeError, match="locked by another geowire run"):
            with LakeLock(other, wait_seconds=0.5):
                pass
    with LakeLock(other):  # released: the next one gets it
        pass


def test_stale_lock_is_broken(s3_lake_url):
    lake = lake_root(s3_lake_url)
    expired = (datetime.now(timezone.utc) - timedelta(minutes=1)).isoformat()
    lake.fs.pipe_file(lake.key("_lock"), json.dumps({"owner": "dead:1", "token": "x", "expires_at": expired}).encode())
    publish(lake, "r1", write(frame(["a"], [1])))
    assert [r[0] for r in ids(lake)] == ["a"]


def test_lost_lock_commits_nothing(s3_lake_url):
    lake = lake_root(s3_lake_url)
    with LakeLock(lake):
        txn = Transaction(lake, "r1")
        txn.append(write(frame(["a"], [1])))
        # someone broke the lock (say it had expired) and took it
        lake.fs.pipe_file(lake.key("_lock"), json.dumps({"owner": "other:2", "token": "y"}).encode())
        with pytest.raises(LakeError, match="no longer holds the lake lock"):
            txn.commit()
    assert ids(lake) == [] and not data_files(lake)


def test_transaction_without_the_lock_is_refused(s3_lake_url):
    with pytest.raises(LakeError, match="needs the lake lock"):
        Transaction(lake_root(s3_lake_url), "r1")


def test_missing_bucket_is_a_clear_error(s3_server):
    with pytest.raises(LakeError, match="bucket does not exist"):
        with LakeLock(lake_root("s3://no-such-bucket-here/lake")):
            pass


def test_reused_run_id_is_refused(s3_lake_url):
    lake = lake_root(s3_lake_url)
    publish(lake, "r1", write(frame(["a"], [1])))
    with pytest.raises(LakeError, match="run id 'r1' reused"):
        publish(lake, "r1", write(frame(["b"], [1])))
    assert [r[0] for r in ids(lake)] == ["a"]


def test_delete_rewrites_only_the_files_holding_deleted_rows(s3_lake_url):
    from tests.lake.test_transaction import SCHEMA

    lake = lake_root(s3_lake_url)
    publish(lake, "r1", write(frame(["a", "b"], [1, 1])), write(frame(["c"], [2])))
    with LakeLock(lake):
        txn = Transaction(lake, "r2")
        txn.track("articles", SCHEMA, ("id",), "when")
        txn.delete("articles", "id", {"b"})
        txn.append(write(frame(["d"], [2])))
        txn.commit()
    assert ids(lake) == [("a", 2024, 1, 1), ("c", 2024, 2, 1), ("d", 2024, 2, 1)]
    assert data_files(lake) == {
        "articles/2024-01/part-r1-dr2.parquet",
        "articles/2024-02/part-r1.parquet",
        "articles/2024-02/part-r2.parquet",
    }


def test_an_old_hive_lake_on_s3_reads_and_is_converted_by_the_next_run(s3_lake_url, tmp_path):
    from flows.lake.objectstore.manifest import manifest_key, new_manifest
    from tests.lake.test_transaction import SCHEMA

    lake = lake_root(s3_lake_url)
    old = {"articles/year=2024/month=01/part-r0.parquet": (["a", "b"], [1, 1]),
           "articles/year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/part-r0.parquet": (["u"], [None])}
    entries = []
    for rel, (names, months) in old.items():  # as geowire wrote it before: no year/month in the files
        local = tmp_path / rel.replace("/", "_")
        pq.write_table(frame(names, months).to_arrow().cast(SCHEMA), local)
        lake.fs.put(str(local), lake.key(rel))
        entries.append({"path": rel, "rows": len(names), "bytes": local.stat().st_size})
    lake.write_json(manifest_key(lake, "articles"), new_manifest("articles", None, "r0", entries))
    assert ids(lake) == [("a", 2024, 1, 1), ("b", 2024, 1, 1), ("u", None, None, 1)]
    publish(lake, "r1", write(frame(["b", "c"], [1, 3], [5, 7]), "upsert"))
    assert ids(lake) == [("a", 2024, 1, 1), ("b", 2024, 1, 5), ("c", 2024, 3, 7), ("u", None, None, 1)]
    assert {f.split("/")[1] for f in data_files(lake)} == {"2024-01", "2024-03", "undated"}
    for url in manifest_urls(lake, "articles"):
        assert pq.read_schema(lake.fs.open(url)).field("month").type == "int32"
