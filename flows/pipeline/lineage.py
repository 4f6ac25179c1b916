"""What a run read, as the `runs` dataset records it, and the input-level quarantine rows.

- Entries the input walk refused (FIFOs, links out of the input folders, dangling links and
  loops, names that are not UTF-8: see flows/ingest/walk.py) become one quarantine row each.
- An input that changed, vanished or could not be hashed while the run read it is recorded
  with `sha256` null, so `--incremental` never takes it as done, and gets a quarantine row.
- A run that fails still leaves one `failed` row per dataset in `runs` (best effort: when the
  lake itself is what failed, nothing can be written).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

import polars as pl

from flows.ingest.files import changed_since
from flows.lake import Lake
from flows.validate import load_contract

from .quarantine import quarantine_rows, unseen
from .writes import dataset_write

log = logging.getLogger(__name__)
INPUT_KEYS = ("path", "size", "sha256")
NOT_DONE = "; not marked as processed: the next --incremental run reads it again"


def _stage_file_rows(ctx, rows: list[tuple[str, str]]) -> pl.DataFrame | None:
    """One quarantine row (dataset articles, locator `file`) per (path, reason); the rows staged."""
    if not rows:
        return None
    rejected = pl.DataFrame(
        {"source_file": [p for p, _ in rows], "source_locator": ["file"] * len(rows),
         "reasons": [[r] for _, r in rows], "payload": [None] * len(rows)},
        schema={"source_file": pl.String, "source_locator": pl.String,
                "reasons": pl.List(pl.String), "payload": pl.String},
    )
    counts = ctx.counts["articles"]
    counts.records_read += len(rows)
    counts.quarantined += len(rows)
    fresh = unseen(quarantine_rows(rejected, "articles", ctx.run_id), ctx.seen_quarantine)
    if fresh.height:
        ctx.txn.append(dataset_write(ctx.contracts["quarantine"], fresh))
    return fresh


def quarantine_refused(ctx, refused: list[tuple[str, str]]) -> None:
    """Quarantine what the input walk refused (see flows/ingest/walk.py). The rows are kept in
    ``ctx.opening_quarantine`` too: a retried publish drops what was staged and stages them again."""
    fresh = _stage_file_rows(ctx, refused)
    if fresh is not None and fresh.height:
        ctx.opening_quarantine.append(fresh)


def restage_opening_quarantine(ctx) -> None:
    """After a retried publish dropped the staged changes: the rows staged when the run opened."""
    for fresh in ctx.opening_quarantine:
        ctx.txn.append(dataset_write(ctx.contracts["quarantine"], fresh))
        ctx.seen_quarantine.update(fresh["quarantine_id"].to_list())


def verify_inputs(ctx) -> list[dict]:
    """The inputs as `runs` records them; a file not read whole and unchanged is not done."""
    recorded, problems = [], []
    for info in ctx.inputs:
        row = {key: info.get(key) for key in INPUT_KEYS}
        reason = changed_since(info) if "state" in info else None
        if reason:
            row["sha256"] = None
            if not reason.startswith("cannot read file"):  # ingest reported that one already
                problems.append((info["path"], reason + NOT_DONE))
        recorded.append(row)
    _stage_file_rows(ctx, problems)
    return recorded


def record_failed_run(root: Lake, run_id: str, flow_run_id: str | None, started_at: datetime,
                      inputs: list[dict], error: BaseException) -> None:
    """Commit one `failed` runs row per dataset for a run that raised (its other work is gone)."""
    from .run import CODED_DATASETS

    try:
        contract = load_contract("runs")
        rows = pl.DataFrame([
            {"run_id": run_id, "flow_run_id": flow_run_id, "dataset": dataset,
             "started_at": started_at, "finished_at": datetime.now(timezone.utc), "status": "failed",
             "inputs": [{key: i.get(key) for key in INPUT_KEYS} for i in inputs] or None,
             **dict.fromkeys(("records_read", "published", "quarantined", "duplicates"))}
            for dataset in CODED_DATASETS
        ])
        txn = root.begin(run_id)
        try:
            txn.append(dataset_write(contract, contract.conform(rows)))
            txn.commit()
        except BaseException:
            txn.abort()
            raise
    except Exception as exc:  # the lake is what failed: the run's error is the one to report
        log.warning("could not record failed run %s: %s (after %s)", run_id, exc, type(error).__name__)
