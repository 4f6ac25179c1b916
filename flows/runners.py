"""Task runners for the etl flow: a pool of worker processes (one per core) by default, Dask
when asked (a local cluster, or an existing scheduler), in-process for one worker.

Kept free of heavy imports: the CLI reads it before Prefect starts.
"""

from __future__ import annotations

import os
from pathlib import Path

from flows.settings import Settings, environment_settings


def dask_runner(workers: int | None = None, address: str | None = None):
    """A prefect-dask task runner: an existing scheduler, or a local cluster of worker processes."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": workers or 2, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None}
    )


def process_runner(workers: int):
    """Prefect's pool of ``workers`` processes (started on first use, so a run whose work
    fits in one shard never starts one)."""
    from prefect.task_runners import ProcessPoolTaskRunner

    return ProcessPoolTaskRunner(max_workers=workers)


def local_runner(workers: int):
    """The runner for ``workers`` local processes; None (Prefect's default, in-process) for one."""
    return process_runner(workers) if workers > 1 else None


def runner_for(settings: Settings):
    """The runner the settings name (a deployment's environment): Dask when GEOWIRE_DASK_ADDRESS
    or GEOWIRE_DASK_WORKERS is set, else GEOWIRE_WORKERS processes (default: every core)."""
    if settings.dask_address or settings.dask_workers:
        return dask_runner(settings.dask_workers, settings.dask_address)
    return local_runner(worker_count(settings.workers))


def worker_count(workers: int | None = None) -> int:
    """``workers``, else GEOWIRE_WORKERS, else (0 or unset) every core this process may use."""
    if workers is None:
        workers = environment_settings().workers
    return workers if workers > 0 else available_cores()


def runner_workers(runner) -> int:
    """How many shards a runner works on at once (1: it runs them in this process)."""
    name = type(runner).__name__
    if name == "ProcessPoolTaskRunner":
        return int(getattr(runner, "_max_workers", 1) or 1)
    if name == "DaskTaskRunner":
        n = (getattr(runner, "cluster_kwargs", None) or {}).get("n_workers")
        return int(n) if n else worker_count()
    return 1


def share_api_with_workers() -> None:
    """Worker processes must report to this process's Prefect API. When it is Prefect's
    temporary server (no PREFECT_API_URL), export its URL, or each worker would start a
    temporary server of its own (seconds of start-up per worker, and runs split between APIs)."""
    if os.environ.get("PREFECT_API_URL"):
        return
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:  # the server this flow run talks to
        os.environ["PREFECT_API_URL"] = str(client.api_url).rstrip("/")


def is_dask(runner) -> bool:
    return type(runner).__name__ == "DaskTaskRunner"


def available_cores() -> int:
    """The cores this process may use: its CPU affinity, capped by a cgroup v2 CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(cores, 1)
