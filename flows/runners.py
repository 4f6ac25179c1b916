"""Task runners for the etl flow: serial in-process by default, Dask when asked."""

from __future__ import annotations

from flows.settings import Settings


def dask_runner(workers: int | None = None, address: str | None = None):
    """A prefect-dask task runner: an existing scheduler, or a local cluster of worker processes."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": workers or 2, "threads_per_worker": 1, "processes": True,
                        "dashboard_address": None}
    )


def runner_for(settings: Settings):
    """The Dask runner the settings name (GEOWIRE_DASK_ADDRESS or GEOWIRE_DASK_WORKERS for a
    deployment), else None."""
    if settings.dask_address or settings.dask_workers:
        return dask_runner(settings.dask_workers, settings.dask_address)
    return None
