"""Run ids, the inputs earlier runs completed, and how inputs are cut into shards."""

from __future__ import annotations

import datetime as dt
import re

from flows.ingest.files import canonical_path
from flows.pipeline import new_run_id, plan_shards
from flows.pipeline.run import processed_inputs
from flows.settings import Settings
from tests.pipeline.lakes import publish, run_context
from tests.validate.rows import run


def test_run_ids_sort_by_time_and_differ_within_a_second():
    at = dt.datetime(2024, 3, 6, 1, 2, 3, tzinfo=dt.timezone.utc)
    ids = {new_run_id(at) for _ in range(20)}
    assert len(ids) == 20
    assert all(re.fullmatch(r"20240306T010203Z-[0-9a-f]{6}", i) for i in ids)
    assert max(ids) < new_run_id(at + dt.timedelta(seconds=1))


def test_processed_inputs_are_those_of_completed_runs(tmp_path):
    assert processed_inputs(tmp_path) == set()
    failed = {**run(1), "status": "failed", "inputs": [{"path": "dumps/day2.jsonl", "size": 9, "sha256": "cd" * 32}]}
    publish(tmp_path, "run-0", {"runs": [run(0), failed]})
    # recorded as given by an older run, returned by its canonical (absolute) path
    assert processed_inputs(tmp_path) == {(canonical_path("dumps/day1.jsonl"), 2048, "ab" * 32)}


def test_small_files_share_a_shard_and_a_large_one_has_its_own(tmp_path):
    sizes = [30, 50, 40, 500, 10]
    inputs = [{"path": f"f{i}", "size": size, "sha256": "00"} for i, size in enumerate(sizes)]
    ctx = run_context(tmp_path / "lake", inputs=inputs, settings=Settings(lake=str(tmp_path / "lake"), shard_bytes=100))
    shards = plan_shards(ctx)
    assert [s.paths for s in shards] == [("f0", "f1"), ("f2",), ("f3",), ("f4",)]
    assert [s.shard_no for s in shards] == [0, 1, 2, 3]
    for spec in shards:
        assert spec.run_id == ctx.run_id and spec.settings is ctx.settings
        assert spec.staging == str(ctx.txn.staging / "shards" / f"{spec.shard_no:05d}")
        assert spec.results_dir == str(ctx.txn.results_dir)
