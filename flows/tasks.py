"""Thin Prefect task wrappers around the plain pipeline functions (one file = one task)."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows import pipeline
from flows.ingest import list_dump_files


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover_inputs(paths: list[str]) -> list[str]:
    return list_dump_files(paths)


@task(name="ingest-file", cache_policy=NO_CACHE, task_run_name="ingest {path}")
def ingest_file(run: pipeline.RunContext, path: str) -> dict:
    return pipeline.process_file(run, path).as_dict()


@task(name="publish-run", cache_policy=NO_CACHE)
def publish_run(run: pipeline.RunContext) -> dict:
    return pipeline.finish_run(run)
