"""One shard through ingest → normalize → dedup → validate → code → staged files, with the run's settings."""

from __future__ import annotations

import polars as pl

from flows.ingest import Limits
from flows.pipeline import plan_shards, process_shard
from flows.settings import Settings
from tests.conftest import SAMPLES
from tests.pipeline.lakes import run_context

SAMPLE = str(SAMPLES / "articles.jsonl")


def _staged(result, dataset: str) -> pl.DataFrame:
    return pl.read_parquet(f"{result.staging}/{dataset}/**/*.parquet", hive_partitioning=False)


def _shard(tmp_path, path: str = SAMPLE, **settings):
    lake = tmp_path / "lake"
    values = {"lake": str(lake), "keep_validation_results": False, **settings}
    ctx = run_context(lake, settings=Settings(**values), inputs=[{"path": path, "size": 1, "sha256": "00"}])
    [spec] = plan_shards(ctx)
    return process_shard(spec)


def test_a_shard_reads_with_the_runs_limits_not_the_defaults(tmp_path):
    result = _shard(tmp_path, code_events=False, limits=Limits(max_record_bytes=200))
    articles = result.counts["articles"]
    assert articles.records_read == 6 and articles.quarantined == 6  # every line is over 200 bytes
    reasons = _staged(result, "quarantine")["reasons"].explode().to_list()
    assert all("max_record_bytes (200 bytes)" in r for r in reasons)
    roomy = _shard(tmp_path / "again", code_events=False)
    assert roomy.counts["articles"].quarantined == 0
