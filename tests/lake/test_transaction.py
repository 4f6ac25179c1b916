"""The lake publisher: partitions, atomic commit, idempotence, upserts, crash repair, locking."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone

import duckdb
import polars as pl
import pyarrow as pa
import pytest

from flows.lake import DatasetWrite, LakeError, LakeLock, Transaction, current_snapshot, lake_root

SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("when", pa.timestamp("us", tz="UTC")),
    pa.field("value", pa.int64()),
])


def frame(ids, months, values=None):
    whens = [None if m is None else datetime(2024, m, 5, tzinfo=timezone.utc) for m in months]
    return pl.DataFrame(
        {"id": ids, "when": whens, "value": values or [1] * len(ids)},
        schema={"id": pl.String, "when": pl.Datetime("us", "UTC"), "value": pl.Int64},
    )


def write(df, mode="append"):
    return DatasetWrite("articles", df, SCHEMA, ("id",), "when", mode)


def publish(root, run_id, *writes):
    with LakeLock(root):
        txn = Transaction(root, run_id)
        for w in writes:
            (txn.upsert if w.mode == "upsert" else txn.append)(w)
        return txn.commit()


def query(root, sql_tail="order by id"):
    glob = f"{root}/articles/**/*.parquet"
    return duckdb.sql(
        f"select id, year, month, value from read_parquet('{glob}', hive_partitioning=true) {sql_tail}"
    ).fetchall()


def test_partitions_and_readback(tmp_path):
    root = lake_root(tmp_path / "lake")
    publish(root, "r1", write(frame(["a", "b"], [1, 2])), write(frame(["c"], [None])))
    assert query(root) == [("a", 2024, 1, 1), ("b", 2024, 2, 1), ("c", None, None, 1)]
    snap = current_snapshot(root, "articles")
    parts = sorted(str(p.relative_to(snap)) for p in snap.rglob("*.parquet"))
    assert parts[0].startswith("2024-01/") and parts[-1].startswith("undated/")
    # batches of one run land as one file per partition
    publish(root, "r2", write(frame(["d"], [1])), write(frame(["e"], [1])))
    assert len(list((root / "articles" / "2024-01").glob("*.parquet"))) == 2
    assert pl.scan_parquet(f"{root}/articles/**/*.parquet", hive_partitioning=True).collect().height == 5


def test_nothing_new_keeps_the_same_snapshot(tmp_path):
    root = lake_root(tmp_path)
    publish(root, "r1", write(frame(["a"], [1])))
    before = current_snapshot(root, "articles")
    assert publish(root, "r2", write(frame([], []))) == {}
    assert current_snapshot(root, "articles") == before


def test_upsert_replaces_rows_with_the_same_key(tmp_path):
    root = lake_root(tmp_path)
    publish(root, "r1", write(frame(["a", "b"], [1, 1], [1, 1]), "upsert"))
    publish(root, "r2", write(frame(["b", "c"], [1, 1], [5, 7]), "upsert"))
    assert query(root) == [("a", 2024, 1, 1), ("b", 2024, 1, 5), ("c", 2024, 1, 7)]


def test_crash_after_journal_rolls_forward(tmp_path, monkeypatch):
    root = lake_root(tmp_path)
    publish(root, "r1", write(frame(["a"], [1])))
    monkeypatch.setattr("flows.lake.snapshots.swap_link", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        publish(root, "r2", write(frame(["b"], [1])))
    assert [r[0] for r in query(root)] == ["a"]  # readers still see the old lake
    monkeypatch.undo()
    publish(root, "r3", write(frame([], [])))  # the next run repairs
    assert [r[0] for r in query(root)] == ["a", "b"]


def test_crash_before_journal_is_discarded(tmp_path, monkeypatch):
    root = lake_root(tmp_path)
    publish(root, "r1", write(frame(["a"], [1])))
    monkeypatch.setattr("flows.lake.transaction.write_journal", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        publish(root, "r2", write(frame(["b"], [1])))
    monkeypatch.undo()
    publish(root, "r3", write(frame(["c"], [1])))
    assert [r[0] for r in query(root)] == ["a", "c"]
    assert len(list((root / ".snapshots" / "articles").iterdir())) <= 2


KILL_SCRIPT = textwrap.dedent("""
    import sys, polars as pl
    from datetime import datetime, timezone
    sys.path.insert(0, {repo!r})
    from tests.lake.test_transaction import frame, write, publish
    from flows.lake import lake_root
    root = lake_root({lake!r})
    for run in range(1000):
        ids = [f"{{run:04d}}-{{i:03d}}" for i in range(200)]
        publish(root, f"run{{run:04d}}", *[write(frame(ids[k:k+50], [1 + (k // 50)] * 50)) for k in range(0, 200, 50)])
        print(run, flush=True)
""")


def test_killed_publisher_never_leaves_half_a_run(tmp_path):
    """SIGKILL a publishing process at several moments: each run is all there or absent."""
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    root = lake_root(tmp_path / "lake")
    script = KILL_SCRIPT.format(repo=repo, lake=str(root))
    for delay in (0.8, 1.3, 1.9):
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=repo)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if current_snapshot(root, "articles") is None:
            continue
        rows = query(root, "")
        assert len(rows) % 200 == 0  # whole runs only
        publish(root, f"repair{delay}", write(frame([], [])))
        assert len(query(root, "")) % 200 == 0


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    root = lake_root(tmp_path)
    with LakeLock(root):
        with pytest.raises(LakeError, match="locked by another geowire run"):
            with LakeLock(root, wait_seconds=0.5):
                pass


def test_unwritable_lake_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LakeError, match="not writable"):
        with LakeLock(lake_root(blocker / "lake")):
            pass


def test_delete_removes_committed_rows_and_keeps_the_rest(tmp_path):
    root = lake_root(tmp_path)
    publish(root, "r1", write(frame(["a", "b", "c"], [1, 1, 2])))
    before = current_snapshot(root, "articles")
    with LakeLock(root):
        txn = Transaction(root, "r2")
        txn.track("articles", SCHEMA, ("id",), "when")
        txn.delete("articles", "id", {"b", "c"})
        txn.append(write(frame(["b"], [1], [9])))  # a replacement published in the same run
        txn.commit()
    assert query(root) == [("a", 2024, 1, 1), ("b", 2024, 1, 9)]
    assert sorted(p.name for p in before.rglob("*.parquet")) == ["part-r1.parquet", "part-r1.parquet"]


def test_delete_with_upsert_in_the_same_partition(tmp_path):
    root = lake_root(tmp_path)
    publish(root, "r1", write(frame(["a", "b", "c"], [1, 1, 1]), "upsert"))
    with LakeLock(root):
        txn = Transaction(root, "r2")
        txn.track("articles", SCHEMA, ("id",), "when")
        txn.delete("articles", "id", {"c"})
        txn.upsert(write(frame(["b"], [1], [5]), "upsert"))
        txn.commit()
    assert query(root) == [("a", 2024, 1, 1), ("b", 2024, 1, 5)]
