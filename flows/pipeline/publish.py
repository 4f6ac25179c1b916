"""Merge and commit a run so that a retry after a transient error is safe.

A first attempt records a checkpoint of what publishing changes in the run (its counts and
stage times). A later attempt first finishes a commit the failed one journaled (the run is
then published: it returns the summary), else it rewinds: the staged changes are dropped,
the counts restored, the deduplication state forgotten (merging asks the lake again, which is
unchanged: the run holds its lock), and the shards' staged files — which merging links, never moves — are
merged again.
"""

from __future__ import annotations

import copy
from typing import cast
from dataclasses import dataclass

import polars as pl

from flows.lake import DATASETS, read_columns

from .finish import finish_run, summary
from .lineage import restage_opening_quarantine
from .memory import release_memory
from .merge import merge_shards
from .run import RunContext
from .shard import ShardResult


@dataclass(frozen=True)
class _Checkpoint:
    counts: dict
    seconds: dict
    peak_rss_mb: dict


def publish(ctx: RunContext, results: list[ShardResult]) -> dict:
    """``merge_shards`` then ``finish_run``; call it again after it raised to try again."""
    if ctx.checkpoint is None:
        ctx.checkpoint = _Checkpoint(copy.deepcopy(ctx.counts), dict(ctx.seconds), dict(ctx.peak_rss_mb))
    elif _finish_journaled_commit(ctx):
        return summary(ctx)
    else:
        _rewind(ctx, cast(_Checkpoint, ctx.checkpoint))
    merge_shards(ctx, results)
    release_memory()  # the shards' key frames, before the events are aggregated
    try:
        return finish_run(ctx)
    finally:
        release_memory()  # what the aggregation and the commit held: the report comes next


def _finish_journaled_commit(ctx: RunContext) -> bool:
    """Complete a commit an earlier attempt journaled; True when the run is in the lake."""
    ctx.root.roll_forward()
    runs = read_columns(ctx.root, "runs", ["run_id"])
    return runs is not None and runs.filter(pl.col("run_id") == ctx.run_id).height > 0


def _rewind(ctx: RunContext, checkpoint: _Checkpoint) -> None:
    """Back to the state before the first attempt (in place: the task holds this object)."""
    ctx.txn.reset()
    ctx.root.collect_garbage(DATASETS)  # what the failed commit built but never published
    ctx.counts.clear()
    ctx.counts.update(copy.deepcopy(checkpoint.counts))
    ctx.seconds.clear()
    ctx.seconds.update(checkpoint.seconds)
    ctx.peak_rss_mb.clear()
    ctx.peak_rss_mb.update(checkpoint.peak_rss_mb)
    ctx.dedup.seen_ids, ctx.dedup.seen_hashes = set(), set()  # merging asks the lake again
    ctx.seen_quarantine.clear()
    restage_opening_quarantine(ctx)  # the inputs refused when the run opened
