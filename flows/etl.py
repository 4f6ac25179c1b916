"""The `etl` flow: dump files → articles, mentions, events, quarantine, runs in the lake."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.runtime import flow_run

from flows import pipeline
from flows.operations import run_name
from flows.progress import reporter
from flows.runners import runner_for
from flows.settings import Settings, load_settings, utc_date
from flows.tasks import OPS, discover_inputs, merge_and_publish, process_shard, publish_run_report


_RUNNER = runner_for(OPS)  # deployments pick Dask with GEOWIRE_DASK_ADDRESS / _WORKERS


def _run_name() -> str:
    """``inbox · incremental · 2026-12-02 10:00 UTC``: what the run reads, and when it was due."""
    return run_name(flow_run.parameters, flow_run.scheduled_start_time)


@flow(name="etl", flow_run_name=_run_name, timeout_seconds=OPS.flow_timeout,
      **({"task_runner": _RUNNER} if _RUNNER else {}))
def etl(
    paths: list[str],
    lake: str | None = None,
    incremental: bool = False,
    since: str | None = None,
    until: str | None = None,
    batch_size: int | None = None,
    parallel: bool | None = None,
    settings: Settings | None = None,
) -> dict:
    """Ingest the dump files under ``paths`` and publish them to ``lake`` as one atomic run.

    ``since``/``until`` (ISO dates) keep only articles published in [since, until) — the rest
    are quarantined with that reason. ``incremental`` skips files processed before.
    ``parallel`` submits the shards to the flow's task runner (Dask: see ``flows.runners``);
    by default it does when the flow was given a Dask runner through the environment.
    ``settings``: what the caller built (the CLI); by default the GEOWIRE_* environment of
    the process running the flow. ``lake`` and ``batch_size`` override it.
    """
    if parallel is None:
        parallel = _RUNNER is not None
    settings = (settings or load_settings()).with_overrides(lake=lake, batch_size=batch_size)
    files = discover_inputs(paths)
    with pipeline.open_run(
        paths, settings, files=files, flow_run_id=str(flow_run.id or "") or None,
        since=utc_date("since", since), until=utc_date("until", until), incremental=incremental,
    ) as run:
        specs = pipeline.plan_shards(run)
        if parallel:
            results = [future.result() for future in process_shard.map(specs)]
            for info in run.inputs:  # workers cannot report to this process's progress bar
                reporter().file_done(info["path"], info["size"])
        else:
            results = [process_shard(spec) for spec in specs]
        result = merge_and_publish(run, results)
    # counts to the run's log, artifacts, <lake>/_reports/<run_id>.html; a failure there is
    # reported but does not fail a run whose data is committed
    if parallel:  # vl-convert holds the GIL while it draws, which would stall the Dask cluster's
        future = publish_run_report.submit(result)  # event loop in this process: draw on a worker
        future.wait()
        report = future.state
    else:
        report = publish_run_report(result, return_state=True)
    if report.is_completed():
        result["report"] = report.result()
    else:
        get_run_logger().warning("run %s: no report: %s", result["run_id"], report.message)
    return result
