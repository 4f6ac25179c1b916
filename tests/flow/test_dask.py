"""The etl flow on a local Dask cluster (prefect-dask) produces the same lake as the serial run."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES
from tests.flow.lakeq import rows

pytestmark = pytest.mark.usefixtures("prefect_api")

# columns that name the run (or the time it ran), which differ between any two runs
RUN_COLUMNS = {"run_id", "date_added", "flow_run_id", "started_at", "finished_at", "quarantine_id", "payload"}


def lake_rows(lake, dataset):
    import duckdb

    glob = f"{lake}/{dataset}/**/*.parquet"
    columns = [c for (c, *_rest) in duckdb.sql(f"describe select * from read_parquet('{glob}', hive_partitioning=true)").fetchall()]
    keep = ", ".join(c for c in columns if c not in RUN_COLUMNS)
    return rows(lake, dataset, keep, order="all")


def test_two_dask_workers_give_the_serial_lake(tmp_path, monkeypatch):
    from flows.runners import dask_runner

    monkeypatch.setenv("GEOWIRE_SHARD_BYTES", "1")  # every sample file a shard of its own
    from flows.etl import etl

    serial, parallel = tmp_path / "serial", tmp_path / "dask"
    etl(paths=[str(SAMPLES)], lake=str(serial))
    on_dask = etl.with_options(task_runner=dask_runner(2, None))
    result = on_dask(paths=[str(SAMPLES)], lake=str(parallel), parallel=True)
    assert result["datasets"]["articles"]["published"] > 0
    for dataset in ("articles", "mentions", "events", "quarantine"):
        assert lake_rows(parallel, dataset) == lake_rows(serial, dataset), dataset
