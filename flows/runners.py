"""Task runners for the etl flow: serial in-process by default, Dask when asked."""

from __future__ import annotations

import os


def dask_runner(workers: int | None = None, address: str | None = None):
    """A prefect-dask task runner: an existing scheduler, or a local cluster of worker processes."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": workers or 2, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None}
    )


def runner_from_env():
    """The Dask runner named by GEOWIRE_DASK_ADDRESS or GEOWIRE_DASK_WORKERS (deployments), else None."""
    address = os.environ.get("GEOWIRE_DASK_ADDRESS") or None
    workers = os.environ.get("GEOWIRE_DASK_WORKERS")
    if address or workers:
        return dask_runner(int(workers) if workers else None, address)
    return None
