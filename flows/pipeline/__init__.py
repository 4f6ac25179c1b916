"""A run as plain functions; flows/etl.py wraps them in Prefect tasks.

    with open_run(paths, settings) as run:            # lock, repair, describe inputs
        results = [process_shard(s) for s in plan_shards(run)]   # anywhere: here or on Dask
        merge_shards(run, results)                    # dedup across shards and the lake
        summary = finish_run(run)                     # events, runs rows, atomic commit
"""

from .accounting import Counts
from .finish import finish_run, summary
from .merge import merge_shards
from .publish import publish
from .run import RunContext, new_run_id, open_run, plan_shards
from .shard import ShardResult, ShardSpec, process_shard

__all__ = [
    "Counts", "RunContext", "ShardResult", "ShardSpec", "finish_run", "merge_shards",
    "new_run_id", "open_run", "plan_shards", "process_shard", "publish", "summary",
]


def run_serial(paths: list[str], settings, **options) -> dict:
    """The whole run in this process (what `make bench` and library users call)."""
    with open_run(paths, settings, **options) as run:
        merge_shards(run, [process_shard(spec) for spec in plan_shards(run)])
        return finish_run(run)
