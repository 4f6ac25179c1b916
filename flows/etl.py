"""The `etl` flow: dump files → articles, mentions, events, quarantine, runs in the lake."""

from __future__ import annotations

from prefect import flow, get_run_logger
from prefect.context import FlowRunContext
from prefect.runtime import flow_run

from flows import pipeline
from flows.operations import run_name
from flows.runners import is_dask, runner_for, runner_workers
from flows.settings import Settings, load_settings, utc_date
from flows.tasks import OPS, discover_inputs, merge_and_publish, publish_run_report, run_shards

_RUNNER = runner_for(OPS)  # every core (GEOWIRE_WORKERS), or Dask: see flows/runners.py


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
    The shards go to the flow's task runner (worker processes or Dask: ``flows.runners``)
    when it has several workers; ``parallel=False`` keeps them in this process.
    ``settings``: what the caller built (the CLI); by default the GEOWIRE_* environment of
    the process running the flow. ``lake`` and ``batch_size`` override it.
    """
    runner = FlowRunContext.get().task_runner  # type: ignore[union-attr]
    workers = 1 if parallel is False else runner_workers(runner)
    settings = (settings or load_settings()).with_overrides(lake=lake, batch_size=batch_size)
    files = discover_inputs(paths)
    with pipeline.open_run(
        paths, settings, files=files, flow_run_id=str(flow_run.id or "") or None,
        since=utc_date("since", since), until=utc_date("until", until), incremental=incremental,
    ) as run:
        results = run_shards(pipeline.plan_shards(run, workers), parallel=workers > 1)
        result = merge_and_publish(run, results)
    # counts to the run's log, artifacts, <lake>/_reports/<run_id>.html; a failure there is
    # reported but does not fail a run whose data is committed
    if is_dask(runner):  # vl-convert holds the GIL while it draws, which would stall the Dask
        future = publish_run_report.submit(result)  # cluster's event loop in this process
        future.wait()
        report = future.state
    else:
        report = publish_run_report(result, return_state=True)
    if report.is_completed():
        result["report"] = report.result()
    else:
        get_run_logger().warning("run %s: no report: %s", result["run_id"], report.message)
    return result
