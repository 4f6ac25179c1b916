"""Keep the Great Expectations results of the datasets validated at the end of a run (events,
quarantine, runs) beside the shards' (articles, mentions), so Data Docs show every dataset.

Batch numbers: shards use ``shard_no * 100_000 + n`` with n >= 1; the end of a run uses 0, 1, …
"""

from __future__ import annotations

import polars as pl

from flows.validate import DatasetValidationError, save_result, validate_batch

from .run import RunContext

QUARANTINE_ROWS_PER_CALL = 50_000  # bounds memory (payloads are up to 4 KB) and GE calls


def keep_result(ctx: RunContext, dataset: str, result: dict, batch: int = 0) -> None:
    if ctx.settings.keep_validation_results:
        save_result(result, ctx.txn.results_dir, ctx.run_id, dataset, batch)


def validate_staged_quarantine(ctx: RunContext) -> None:
    """Validate the quarantine rows this run staged against their own contract and keep the
    results. A quarantine row that breaks it has nowhere else to go: the run fails, naming it."""
    files = ctx.txn.staged_files("quarantine")
    contract, pending, size, batch = ctx.contracts["quarantine"], [], 0, 0
    for i, file in enumerate(files):
        pending.append(pl.read_parquet(file, hive_partitioning=False))
        size += pending[-1].height
        if size >= QUARANTINE_ROWS_PER_CALL or i == len(files) - 1:
            checked = validate_batch(pl.concat(pending, how="vertical_relaxed"), contract)
            keep_result(ctx, "quarantine", checked.result, batch)
            if checked.bad.height:
                shown = checked.bad.select("quarantine_id", "source_file", "source_locator", "reasons")
                raise DatasetValidationError("quarantine", "quarantine contract",
                                             f"{checked.bad.height} quarantine row(s) break it",
                                             examples=shown.head(3).to_dicts())
            pending, size, batch = [], 0, batch + 1
