"""One ETL run as plain functions: open it, feed it batches, finish it (no Prefect here)."""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterator

import polars as pl

from flows.ingest import describe_input, list_dump_files
from flows.ingest.files import canonical_path, scan_inputs
from flows.lake import Lake, LakeTransaction, open_lake, read_columns
from flows.normalize import Deduplicator
from flows.progress import reporter
from flows.settings import Settings
from flows.validate import Contract, load_contract

from .accounting import Counts
from .lineage import quarantine_refused, record_failed_run
from .quarantine import SeenQuarantine
from .replace import Replacement, changed_files, plan_replacement
from .pieces import Piece, split_file
from .shard import ShardSpec
from .timing import StageTimer

CODED_DATASETS = ("articles", "mentions", "events")


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"


@dataclass
class RunContext:
    run_id: str
    flow_run_id: str | None
    root: Lake
    settings: Settings
    started_at: datetime
    files: list[str]
    inputs: list[dict]
    txn: LakeTransaction
    dedup: Deduplicator
    contracts: dict[str, Contract]
    since: datetime | None = None
    until: datetime | None = None
    counts: dict[str, Counts] = field(default_factory=lambda: {d: Counts() for d in CODED_DATASETS})
    replacement: Replacement = field(default_factory=Replacement)  # what changed files replace
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, summed over shards
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per stage, over the processes
    seen_quarantine: SeenQuarantine | set[str] = field(default_factory=SeenQuarantine)
    batches: int = 0
    checkpoint: object | None = None  # taken by publish.py before the first attempt
    opening_quarantine: list[pl.DataFrame] = field(default_factory=list)  # staged by open_run

    def timer(self) -> StageTimer:
        """A timer that adds the run's own stages (merge, aggregate, commit) to its figures."""
        return StageTimer(self.seconds, self.peak_rss_mb)


def processed_inputs(root: Lake | str) -> set[tuple[str, int, str]]:
    """(path, size, sha256) of every input of a completed run recorded in the lake."""
    frame = read_columns(root, "runs", ["status", "inputs"])
    if frame is None:
        return set()
    done = frame.filter(pl.col("status") == "completed").explode("inputs").unnest("inputs")
    done = done.filter(pl.col("path").is_not_null())
    names = _canonical_names(done["path"])  # lakes written before paths were canonical
    return {(names[p], size, sha) for p, size, sha in zip(done["path"], done["size"], done["sha256"])}


def _canonical_names(paths: pl.Series) -> dict[str, str]:
    return {p: canonical_path(p) for p in paths.unique().to_list()}


@contextmanager
def open_run(
    paths: list[str],
    settings: Settings,
    *,
    files: list[str] | None = None,
    flow_run_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    incremental: bool = False,
) -> Iterator[RunContext]:
    """Lock the lake, repair it, describe the inputs and start a transaction.

    Raises ``InputError`` for a missing path and ``LakeError`` for an unusable lake before
    anything is written. If the body raises, everything staged is discarded.
    """
    root = open_lake(settings.lake)
    files = list_dump_files(paths) if files is None else files
    files = [canonical_path(f) for f in files]  # one name per file, however it was given
    root.ensure_writable()
    with root.lock(settings.wait_lock_seconds, settings.lock_ttl_seconds):
        run_id, started, inputs = new_run_id(), datetime.now(timezone.utc), []
        txn = root.begin(run_id)
        try:
            inputs = [describe_input(f) for f in files]
            replacement = Replacement()
            if incremental:
                done = processed_inputs(root)
                inputs = [i for i in inputs if (i["path"], i["size"], i["sha256"]) not in done]
                files = [i["path"] for i in inputs]
                replacement = plan_replacement(root, changed_files(inputs, done))
            ctx = RunContext(
                run_id=run_id, flow_run_id=flow_run_id, root=root, settings=settings,
                started_at=datetime.now(timezone.utc), files=files,
                inputs=inputs, txn=txn, dedup=Deduplicator(),  # told about the lake when merging
                contracts={n: load_contract(n) for n in ("articles", "mentions", "events", "quarantine", "runs")},
                since=since, until=until, replacement=replacement,
                seen_quarantine=SeenQuarantine(root, replacement.quarantine_ids),
            )
            quarantine_refused(ctx, scan_inputs(paths).refused)
            reporter().start(sum(i["size"] for i in ctx.inputs), len(files))
            yield ctx
        except BaseException as exc:
            txn.abort()
            record_failed_run(root, run_id, flow_run_id, started, inputs, exc)
            raise


def plan_shards(ctx: RunContext, workers: int = 1) -> list[ShardSpec]:
    """Shards in a fixed order (the order duplicates are resolved in): a large dump file is a
    shard of its own; consecutive small files are grouped up to ``settings.shard_bytes``.

    For several workers, shards are about a ``2 × workers``-th of the input (so that the
    workers finish together), and a large JSONL/CSV/TSV file is split into pieces (row
    ranges) that are consecutive shards: merging in shard order then keeps the first of
    repeated articles, as one worker would.
    """
    total = sum(i["size"] for i in ctx.inputs)
    unit = ctx.settings.shard_bytes
    if workers > 1:
        unit = min(unit, max(ctx.settings.piece_bytes, -(-total // (2 * workers))))
    groups: list[tuple[list[str], Piece | None, int]] = []
    size, grouping = 0, False  # bytes in the open group of small files; is there one
    for info in ctx.inputs:
        if info["size"] >= unit:
            split = split_file(info["path"], info["size"], -(-info["size"] // unit), ctx.settings.piece_bytes) \
                if workers > 1 else None
            share = info["size"] // len(split) if split else info["size"]
            groups.extend(([info["path"]], rows, share) for rows in split or [None])
            grouping = False  # the next small file starts a new group
            continue
        if not grouping or size + info["size"] > unit:
            groups.append(([], None, 0))
            size, grouping = 0, True
        paths, _, group_size = groups[-1]
        paths.append(info["path"])
        groups[-1] = (paths, None, group_size + info["size"])
        size += info["size"]
    return [_spec(ctx, i, paths, rows, share) for i, (paths, rows, share) in enumerate(groups)]


def _spec(ctx: RunContext, i: int, paths: list[str], rows: Piece | None, size: int) -> ShardSpec:
    staging, results_dir = ctx.txn.shard_locations(i, on_store=ctx.root.stages_remotely(ctx.settings))
    return ShardSpec(
        run_id=ctx.run_id, shard_no=i, paths=tuple(paths), rows=rows, size=size,
        staging=staging, results_dir=results_dir, settings=ctx.settings, since=ctx.since, until=ctx.until,
    )
