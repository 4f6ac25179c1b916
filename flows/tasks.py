"""Thin Prefect task wrappers around the plain pipeline functions (one dump file = one task)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import pipeline
from flows.ingest import list_dump_files


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover_inputs(paths: list[str]) -> list[str]:
    return list_dump_files(paths)


@task(name="process-shard", cache_policy=NO_CACHE, task_run_name="shard {spec.shard_no}")
def process_shard(spec: pipeline.ShardSpec) -> pipeline.ShardResult:
    return pipeline.process_shard(spec)


@task(name="merge-and-publish", cache_policy=NO_CACHE)
def merge_and_publish(run: pipeline.RunContext, results: list[pipeline.ShardResult]) -> dict:
    pipeline.merge_shards(run, results)
    return pipeline.finish_run(run)
