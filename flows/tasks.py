"""Thin Prefect task wrappers around the plain pipeline functions (one dump file = one task).

The shard and publish tasks retry after a transient error (file system, object store) with
exponential back-off, and stop at a time limit; both are safe to run again (see
``pipeline.process_shard`` and ``pipeline.publish``). Retries and time limits are the
settings of the process that imports this module (``flows.settings``; see ``flows.operations``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.tasks import exponential_backoff

from flows import pipeline
from flows.ingest import list_dump_files
from flows.operations import is_transient
from flows.progress import reporter
from flows.runners import share_api_with_workers
from flows.settings import environment_settings

OPS = environment_settings()  # a deployment's worker: its environment is the edge


def retry_transient(task, task_run, state) -> bool:
    """Prefect's retry condition: retry only the errors ``is_transient`` accepts."""
    try:
        state.result()
    except BaseException as exc:  # the task's own exception, re-raised by result()
        return is_transient(exc)
    return False


_RETRYING: dict[str, Any] = dict(
    retries=OPS.task_retries, retry_delay_seconds=exponential_backoff(backoff_factor=OPS.retry_backoff),
    retry_jitter_factor=0.2, retry_condition_fn=retry_transient,
)


@task(name="discover-inputs", cache_policy=NO_CACHE)
def discover_inputs(paths: list[str]) -> list[str]:
    return list_dump_files(paths)


@task(name="process-shard", cache_policy=NO_CACHE, task_run_name="shard {spec.shard_no}",
      timeout_seconds=OPS.shard_timeout, **_RETRYING)
def process_shard(spec: pipeline.ShardSpec) -> pipeline.ShardResult:
    result = pipeline.process_shard(spec)
    logger = get_run_logger()
    for dataset, counts in result.counts.items():
        if counts.records_read:
            logger.info("shard %d: %s %s", spec.shard_no, dataset, counts.as_dict())
    busiest = sorted(result.seconds.items(), key=lambda kv: -kv[1])[:3]
    logger.info("shard %d: %s", spec.shard_no, ", ".join(f"{name} {secs:.1f} s" for name, secs in busiest))
    return result


def run_shards(specs: list[pipeline.ShardSpec], parallel: bool) -> list[pipeline.ShardResult]:
    """The shards' results in shard order: on the flow's task runner when ``parallel`` and
    there is more than one shard, else here. Workers in other processes cannot reach this
    process's progress bar: it advances as each shard finishes."""
    if not parallel or len(specs) < 2:
        return [process_shard(spec) for spec in specs]
    share_api_with_workers()
    futures = process_shard.map(specs)
    for future in as_completed(futures):
        result = future.result()
        reporter().records(result.counts["articles"].records_read)
        spec = specs[result.shard_no]
        for path in spec.paths:
            reporter().file_done(path, spec.size // len(spec.paths))
    return [future.result() for future in futures]


@task(name="merge-and-publish", cache_policy=NO_CACHE, timeout_seconds=OPS.publish_timeout, **_RETRYING)
def merge_and_publish(run: pipeline.RunContext, results: list[pipeline.ShardResult]) -> dict:
    return pipeline.publish(run, results)


@task(name="publish-run-report", cache_policy=NO_CACHE)
def publish_run_report(result: dict) -> str:
    """Log the run's counts, publish them as a Markdown artifact, write the HTML report into
    ``<lake>/_reports/`` and link it as an artifact. Returns where the report is."""
    from flows import report

    logger = get_run_logger()
    frames = report.load_run(result["lake"], result["run_id"])
    for line in report.count_lines(frames):
        logger.info("run %s: %s", frames.run_id, line)
    create_markdown_artifact(key="etl-run-summary", markdown=report.summary_markdown(frames),
                             description=f"Records and quarantine reasons of run {frames.run_id}")
    location = report.publish_report(frames)
    link = Path(location).as_uri() if "://" not in location else location
    create_link_artifact(key="etl-run-report", link=link, link_text=f"run report {frames.run_id}",
                         description=f"HTML report of run {frames.run_id} (self-contained, open offline)")
    logger.info("run %s: report written to %s", frames.run_id, location)
    return location
